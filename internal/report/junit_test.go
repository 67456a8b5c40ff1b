package report

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/report/reporttest"
)

// junitRead is the report as a JUnit reader sees it: the texts unescaped.
type junitRead struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Package  string `xml:"package,attr"`
		File     string `xml:"file,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Time     string `xml:"time,attr"`
		Cases    []struct {
			Classname string      `xml:"classname,attr"`
			Name      string      `xml:"name,attr"`
			Failure   *junitEntry `xml:"failure"`
			Error     *junitEntry `xml:"error"`
			Skipped   *junitEntry `xml:"skipped"`
			SystemOut *string     `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

type junitEntry struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

func writeJUnit(t *testing.T, r *Report, failOn string) (string, junitRead) {
	t.Helper()
	outsideRepo(t)
	var b strings.Builder
	if err := (junitFormat{}).Write(&b, r, Options{FailOn: failOn}); err != nil {
		t.Fatal(err)
	}
	var back junitRead
	if err := xml.Unmarshal([]byte(b.String()), &back); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, b.String())
	}
	return b.String(), back
}

// validJUnit checks a report against the Jenkins xunit plugin's junit-10.xsd.
func validJUnit(t *testing.T, out string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(file, []byte(out), 0o666); err != nil {
		t.Fatal(err)
	}
	skip, err := reporttest.MustValidate(reporttest.JUnit(file), os.Getenv)
	if skip {
		t.Skip(reporttest.ErrNoXmllint)
	}
	if err != nil {
		t.Errorf("the report does not match junit-10.xsd: %v\n%s", err, out)
	}
}

func TestJUnitSuitesAndCounts(t *testing.T) {
	out, back := writeJUnit(t, ciReport(), "")
	if !strings.HasPrefix(out, xml.Header) {
		t.Errorf("no XML declaration:\n%s", out)
	}
	type counts struct {
		name                    string
		tests, failures, errors int
	}
	// a.yaml has a load error; b.yaml is ladder x times 4 rules, only the error reaching
	// fail-on; c.yaml's load warning passes; d.yaml is ladder y, which passes every rule.
	want := []counts{{"a.yaml", 1, 0, 1}, {"b.yaml", 4, 1, 0}, {"c.yaml", 1, 0, 0}, {"d.yaml", 4, 0, 0}}
	if len(back.Suites) != len(want) {
		t.Fatalf("%d suites, want %d:\n%s", len(back.Suites), len(want), out)
	}
	for i, s := range back.Suites {
		if got := (counts{s.Name, s.Tests, s.Failures, s.Errors}); got != want[i] || len(s.Cases) != s.Tests || s.Skipped != 0 || s.Time != "0" || s.Package != "ladderctl" || s.File != s.Name {
			t.Errorf("suite %d = %+v (%d cases, skipped %d, time %q, package %q, file %q), want %+v", i, got, len(s.Cases), s.Skipped, s.Time, s.Package, s.File, want[i])
		}
	}
	if back.Tests != 10 || back.Failures != 1 || back.Errors != 1 {
		t.Errorf("testsuites: tests %d, failures %d, errors %d, want 10, 1, 1", back.Tests, back.Failures, back.Errors)
	}
	// The attributes junit-10.xsd and the Ant schema have no place for.
	if strings.Contains(out, "<testsuites name=") || strings.Contains(out, "skipped=") || regexp.MustCompile(`<testcase [^>]*(file|line)=`).MatchString(out) {
		t.Errorf("attributes the schemas refuse:\n%s", out)
	}
	for _, want := range []string{
		`<testcase name="y bands/overlap" classname="d.yaml" time="0"></testcase>`, // passing
		`<failure message="b" type="error"><![CDATA[error at b.yaml:41:16: b` + "\n]]></failure>",
		`<error message="bad" type="error"><![CDATA[error at a.yaml:3:1: bad` + "\n]]></error>",
		`<system-out><![CDATA[warning at b.yaml:12:14: a` + "\n]]></system-out>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	validJUnit(t, out)
}

// A finding below --fail-on does not fail the test report, as it does not fail the run; a
// load error is an error whatever --fail-on says.
func TestJUnitFollowsFailOn(t *testing.T) {
	for failOn, want := range map[string][2]int{"error": {1, 1}, "warning": {3, 1}, "info": {4, 1}, "never": {0, 1}} {
		_, back := writeJUnit(t, ciReport(), failOn)
		// c.yaml's load warning is a warning like any other.
		if got := [2]int{back.Failures, back.Errors}; got != want {
			t.Errorf("--fail-on %s: failures and errors = %v, want %v", failOn, got, want)
		}
	}
}

func TestJUnitMergesFindingsIntoOneFailure(t *testing.T) {
	r := ciReport()
	r.Findings = append(r.Findings,
		finding.Finding{Rule: "parity/scope", Severity: finding.Info, Message: "second", Ladder: "x", File: "b.yaml", Line: 50, Column: 2},
		finding.Finding{Rule: "parity/scope", Severity: finding.Error, Message: "third", Ladder: "x", File: "b.yaml", Line: 60, Column: 2},
		finding.Finding{Rule: "parity/scope", Severity: finding.Error, Message: "fourth", Ladder: "x", File: "b.yaml", Line: 70, Column: 2},
	)
	_, back := writeJUnit(t, r, "error")
	for _, s := range back.Suites {
		for _, c := range s.Cases {
			if c.Name != "x parity/scope" {
				continue
			}
			f := c.Failure
			if f == nil || f.Message != "2 findings" || f.Type != "error" || f.Body != "error at b.yaml:60:2: third\nerror at b.yaml:70:2: fourth\n" {
				t.Fatalf("failure = %+v", f)
			}
			if c.SystemOut == nil || *c.SystemOut != "warning at b.yaml:12:14: a\ninfo at b.yaml:50:2: second\n" {
				t.Errorf("system-out = %v", c.SystemOut)
			}
			return
		}
	}
	t.Fatal("no testcase x parity/scope")
}

// XML's special characters are escaped, and what XML cannot hold at all (ESC, other C0
// controls) is shown as an escape: the report stays well-formed and valid.
func TestJUnitEscapes(t *testing.T) {
	msg := "grade <M5> & \"M6\" differ ]]> \x1b[31m\x07"
	r := New(1, 1, []finding.Finding{{Rule: "main/deny", Severity: finding.Error, Message: msg, Ladder: "x\x1b", File: "a&b.yaml", Line: 2, Column: 1}})
	out, back := writeJUnit(t, r, "")
	if !strings.Contains(out, `message="grade &lt;M5&gt; &amp; &#34;M6&#34; differ ]]&gt; \x1b[31m\x07"`) || strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("not escaped:\n%s", out)
	}
	f := back.Suites[0].Cases[0].Failure
	want := `grade <M5> & "M6" differ ]]> \x1b[31m\x07`
	if f.Message != want || f.Body != "error at a&b.yaml:2:1: "+want+"\n" || back.Suites[0].Name != "a&b.yaml" || back.Suites[0].Cases[0].Name != `x\x1b main/deny` {
		t.Errorf("read back %+v in suite %q", f, back.Suites[0].Name)
	}
	validJUnit(t, out)
}

func TestJUnitNamesFindingsOutsideTheGrid(t *testing.T) {
	// A config finding names no ladder; a user rule missing from Rules still gets its test.
	r := New(1, 1, []finding.Finding{
		{Rule: "exceptions/expired", Severity: finding.Warning, Message: "waiver expired", File: ".ladderctl.yaml", Line: 9, Column: 5},
		{Rule: "acme/deny", Severity: finding.Error, Message: "no", Ladder: "x", File: "b.yaml", Line: 3, Column: 1},
	})
	r.Ladders = []Checked{{Name: "x", File: "b.yaml"}}
	r.Rules = []finding.Rule{{ID: "parity/scope", Severity: finding.Warning}}
	_, back := writeJUnit(t, r, "")
	var names []string
	for _, s := range back.Suites {
		for _, c := range s.Cases {
			names = append(names, s.Name+": "+c.Name)
		}
	}
	if got, want := strings.Join(names, "; "), ".ladderctl.yaml: exceptions/expired; b.yaml: x parity/scope; b.yaml: x acme/deny"; got != want {
		t.Errorf("testcases = %s, want %s", got, want)
	}
}

func TestJUnitRunErrors(t *testing.T) {
	r := New(1, 1, nil)
	r.Errors = []string{"policy/a.rego:3: undefined function http.send", "no rule is in force"}
	out, back := writeJUnit(t, r, "")
	if back.Errors != 1 || back.Suites[0].Cases[0].Error == nil || back.Suites[0].Cases[0].Error.Message != r.Errors[0] {
		t.Errorf("run errors:\n%s", out)
	}
	validJUnit(t, out)
}

func TestJUnitEmpty(t *testing.T) {
	out, back := writeJUnit(t, New(0, 0, nil), "")
	if back.Tests != 0 || len(back.Suites) != 0 || out != xml.Header+"<testsuites></testsuites>\n" {
		t.Errorf("empty report:\n%s", out)
	}
	validJUnit(t, out)
}

// A popular GitHub JUnit reporter (mikepenz/action-junit-report) takes a testcase's file
// from the file attribute of its testsuite, and, with no line attribute, the line from the
// last " <file>...:<line>" in the failure's text; without them it put every finding at
// "yaml:1". This reads the report as it does.
func TestJUnitFileAndLineAsReportersReadThem(t *testing.T) {
	r := New(1, 1, []finding.Finding{{Rule: "parity/pay", Severity: finding.Error, Message: "E6 is paid below M2", Ladder: "x", File: "ladders/acme.yaml", Line: 62, Column: 16}})
	_, back := writeJUnit(t, r, "")
	s := back.Suites[0]
	c := s.Cases[0]
	file := s.File // the testcase's own file attribute is what junit-10.xsd forbids
	matches := regexp.MustCompile(` [^ ]*`+regexp.QuoteMeta(file)+`.*?:\d+`).FindAllString(c.Failure.Body, -1)
	if file != "ladders/acme.yaml" || len(matches) == 0 {
		t.Fatalf("file %q, no line in %q", file, c.Failure.Body)
	}
	last := matches[len(matches)-1]
	line, _ := strconv.Atoi(last[strings.LastIndex(last, ":")+1:])
	if line != 62 {
		t.Errorf("a reporter reads line %d, want 62", line)
	}
}

// GitLab's unit test reports (docs.gitlab.com/ci/testing/unit_test_reports) key a test by
// classname (shown as its suite) and name, keep only the first of two with the same key, and
// give it a status: failed with <failure>, error with <error>, skipped with <skipped>, else
// success; <system-out> is shown as the test's output.
func TestJUnitAsGitLabReadsIt(t *testing.T) {
	_, back := writeJUnit(t, ciReport(), "")
	status := map[string]string{}
	for _, s := range back.Suites {
		for _, c := range s.Cases {
			key := c.Classname + " / " + c.Name
			if _, dup := status[key]; dup {
				t.Errorf("GitLab would drop the second test %s", key)
			}
			switch {
			case c.Failure != nil:
				status[key] = "failed"
			case c.Error != nil:
				status[key] = "error"
			case c.Skipped != nil:
				status[key] = "skipped"
			default:
				status[key] = "success"
			}
		}
	}
	for key, want := range map[string]string{
		"a.yaml / load":                   "error",   // the file could not be read
		"b.yaml / x parity/top-grade":     "failed",  // an error, at fail-on
		"b.yaml / x parity/scope":         "success", // a warning, below fail-on: its output says it
		"b.yaml / x content/expectations": "success",
		"c.yaml / load":                   "success", // no ladder in the file: a warning
		"d.yaml / y bands/overlap":        "success",
	} {
		if status[key] != want {
			t.Errorf("%s: GitLab shows %q, want %q", key, status[key], want)
		}
	}
}

// The schema check does refuse what Jenkins refuses: skipped on <testsuites>, file and line
// on <testcase>.
func TestJUnitSchemaRefusesWhatJenkinsRefuses(t *testing.T) {
	for _, doc := range []string{
		`<testsuites skipped="0"><testsuite name="a" tests="0" failures="0" errors="0"></testsuite></testsuites>`,
		`<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="t" file="a.yaml" line="3"></testcase></testsuite></testsuites>`,
	} {
		file := filepath.Join(t.TempDir(), "junit.xml")
		if err := os.WriteFile(file, []byte(doc), 0o666); err != nil {
			t.Fatal(err)
		}
		skip, err := reporttest.MustValidate(reporttest.JUnit(file), os.Getenv)
		if skip {
			t.Skip(reporttest.ErrNoXmllint)
		}
		if err == nil {
			t.Errorf("junit-10.xsd accepted %s", doc)
		}
	}
}
