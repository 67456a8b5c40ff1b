package report

import (
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/jstemmer/go-junit-report/v2/junit"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/output"
)

type junitFormat struct{}

func (junitFormat) Name() string { return "junit" }
func (junitFormat) Description() string {
	return "JUnit XML, one test per ladder and rule, for CI test reports"
}

// Write makes one testsuite per file, its file attribute relative to the repository, and one
// testcase per ladder of the file and rule in force, so that CI shows what passed as well as
// what failed, plus one for each other pair a finding names (load, config checks).
//
// A testcase fails only for findings at or above --fail-on, so the test report agrees with
// the exit code; findings below it are the testcase's output. A file that could not be read
// is an error, as is what stopped the run: the test could not be done. A testcase's findings
// are merged into one failure, as Jenkins keeps only one per testcase, each on a line
// "<severity> at <file>:<line>:<col>: <message>", which reporters read the line from.
//
// The report is valid against the Jenkins xunit plugin's junit-10.xsd: no skipped or name on
// <testsuites>, and no file or line on <testcase>, which that schema does not allow and
// Jenkins rejects; the file is on <testsuite>, where it does.
func (junitFormat) Write(w io.Writer, r *Report, opts Options) error {
	paths := newRepoPaths()
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

	var out junit.Testsuites
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
		rel, _ := paths.rel(file)
		suite := junit.Testsuite{Name: output.Visible(file), Package: toolName(r), ID: len(out.Suites), Time: "0", File: output.Visible(rel)}
		for _, k := range keys {
			c := junit.Testcase{Classname: output.Visible(file), Name: output.Visible(strings.TrimSpace(k.ladder + " " + k.rule)), Time: "0"}
			junitJudge(&c, byCase[k], opts.FailOn)
			suite.AddTestcase(c)
		}
		out.AddSuite(suite)
	}

	if len(r.Errors) > 0 {
		// What could not be checked is a test that errored, so CI does not show all green.
		suite := junit.Testsuite{Name: toolName(r), Package: toolName(r), ID: len(out.Suites), Time: "0"}
		suite.AddTestcase(junit.Testcase{
			Classname: toolName(r), Name: "the check ran in full", Time: "0",
			Error: &junit.Result{Message: output.Visible(r.Errors[0]), Type: "error", Data: output.VisibleLines(strings.Join(r.Errors, "\n") + "\n")},
		})
		out.AddSuite(suite)
	}
	return WriteJUnit(w, out)
}

// junitJudge gives a testcase its findings: a load error is an error, findings at or above
// fail-on one failure, and the rest the testcase's output.
func junitJudge(c *junit.Testcase, fs []finding.Finding, failOn string) {
	var failing, passing []finding.Finding
	loadError := false
	for _, f := range fs {
		switch {
		case f.IsLoadError():
			loadError = true
			failing = append(failing, f)
		case check.Reaches(f.Severity, cmpOr(failOn, "error")):
			failing = append(failing, f)
		default:
			passing = append(passing, f)
		}
	}
	if len(failing) > 0 {
		res := junitResult(failing)
		if loadError {
			c.Error = res
		} else {
			c.Failure = res
		}
	}
	if len(passing) > 0 {
		c.SystemOut = &junit.Output{Data: junitLines(passing)}
	}
}

func junitResult(fs []finding.Finding) *junit.Result {
	var worst finding.Severity
	for _, f := range fs {
		worst = max(worst, f.Severity)
	}
	msg := fs[0].Message
	if len(fs) > 1 {
		msg = strconv.Itoa(len(fs)) + " findings"
	}
	return &junit.Result{Message: output.Visible(TextMessage(msg)), Type: worst.String(), Data: junitLines(fs)}
}

// junitLines writes findings a line each, "<severity> at <file>:<line>:<col>: <message>":
// a reporter that finds no line attribute reads it from " <file>:<line>" in the text.
func junitLines(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Severity.String() + " at " + output.Visible(Location(f)) + ": " + TextMessage(f.Message) + "\n")
	}
	return b.String()
}

// WriteJUnit writes a JUnit XML document; `ladderctl test` writes its report with it too.
// The counts of <testsuites> are those junit-10.xsd allows there: tests, failures, errors.
func WriteJUnit(w io.Writer, suites junit.Testsuites) error {
	suites.Name, suites.Skipped, suites.Disabled = "", 0, 0
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
