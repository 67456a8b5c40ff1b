package report

import (
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/finding"
)

type junitFormat struct{}

func (junitFormat) Name() string { return "junit" }
func (junitFormat) Description() string {
	return "JUnit XML, one test per ladder and rule, for CI test reports"
}

// JUnitSuites is the root of a JUnit XML report; `ladderctl test` writes one too.
type JUnitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite is one testsuite: a file.
type JUnitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []JUnitCase `xml:"testcase"`
}

// JUnitCase is one testcase, with at most one failure.
type JUnitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *JUnitFailure `xml:"failure"`
	Error     *JUnitFailure `xml:"error"`
	Skipped   *struct{}     `xml:"skipped"`
}

// JUnitFailure says why a testcase failed.
type JUnitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",innerxml"` // escaped by junitText
}

// Write makes one suite per file and one test per ladder of the file and rule in force, so
// that CI shows what passed as well as what failed, plus one test for each other pair a finding
// names (load, config checks). A test's findings are merged into its one failure: Jenkins
// keeps only one failure per test.
func (junitFormat) Write(w io.Writer, r *Report, _ Options) error {
	type key struct{ file, ladder, rule string }
	byCase := map[key][]finding.Finding{}
	for _, f := range r.Findings {
		k := key{f.File, f.Ladder, f.Rule}
		byCase[k] = append(byCase[k], f)
	}

	ladders := map[string][]string{} // file -> its ladders, in the order they were checked
	var files []string
	for _, l := range r.Ladders {
		if !slices.Contains(ladders[l.File], l.Name) {
			ladders[l.File] = append(ladders[l.File], l.Name)
		}
		files = append(files, l.File)
	}
	for _, f := range r.Findings {
		files = append(files, f.File)
	}
	slices.Sort(files)
	files = slices.Compact(files)

	out := JUnitSuites{Name: toolName(r), Time: "0"}
	for _, file := range files {
		var keys []key
		listed := map[key]bool{}
		add := func(k key) {
			if !listed[k] {
				listed[k] = true
				keys = append(keys, k)
			}
		}
		for _, ladder := range ladders[file] {
			for _, rule := range r.Rules {
				if rule.ConfigOnly {
					continue
				}
				add(key{file, ladder, rule.ID})
			}
		}
		for _, f := range r.Findings { // sorted by line: the other tests come in file order
			if f.File == file {
				add(key{f.File, f.Ladder, f.Rule})
			}
		}
		suite := JUnitSuite{Name: file, Time: "0"}
		for _, k := range keys {
			c := JUnitCase{Classname: file, Name: strings.TrimSpace(k.ladder + " " + k.rule), Time: "0"}
			if fs := byCase[k]; len(fs) > 0 {
				c.Failure = junitFailureOf(fs)
				suite.Failures++
			}
			suite.Cases = append(suite.Cases, c)
		}
		suite.Tests = len(suite.Cases)
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Suites = append(out.Suites, suite)
	}

	if len(r.Errors) > 0 {
		// What could not be checked is a test that errored, so CI does not show all green.
		suite := JUnitSuite{Name: toolName(r), Time: "0", Tests: 1, Errors: 1, Cases: []JUnitCase{{
			Classname: toolName(r), Name: "the check ran in full", Time: "0",
			Error: &JUnitFailure{Message: r.Errors[0], Type: "error", Body: JUnitText(strings.Join(r.Errors, "\n") + "\n")},
		}}}
		out.Suites = append(out.Suites, suite)
		out.Tests++
		out.Errors++
	}
	return WriteJUnit(w, out)
}

// WriteJUnit writes a JUnit XML document.
func WriteJUnit(w io.Writer, suites JUnitSuites) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(suites); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// JUnitText escapes text for a failure's body as encoding/xml does, but keeps line breaks as
// they are (EscapeText writes them as &#xA;), for the people who read the report raw.
func JUnitText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), "&#xA;", "\n")
}

func junitFailureOf(fs []finding.Finding) *JUnitFailure {
	var worst finding.Severity
	var body strings.Builder
	for _, f := range fs {
		worst = max(worst, f.Severity)
		body.WriteString(Location(f) + ": " + f.Severity.String() + ": " + f.Message + "\n")
	}
	msg := fs[0].Message
	if len(fs) > 1 {
		msg = strconv.Itoa(len(fs)) + " findings"
	}
	return &JUnitFailure{Message: msg, Type: worst.String(), Body: JUnitText(body.String())}
}
