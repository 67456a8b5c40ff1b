package report

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
)

// junitRead is the report as a JUnit reader sees it: the failure's text unescaped.
type junitRead struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Time     string `xml:"time,attr"`
		Cases    []struct {
			Classname string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func writeJUnit(t *testing.T, r *Report) (string, junitRead) {
	t.Helper()
	var b strings.Builder
	if err := (junitFormat{}).Write(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	var back junitRead
	if err := xml.Unmarshal([]byte(b.String()), &back); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, b.String())
	}
	return b.String(), back
}

func TestJUnitSuitesAndCounts(t *testing.T) {
	out, back := writeJUnit(t, ciReport())
	if !strings.HasPrefix(out, xml.Header) {
		t.Errorf("no XML declaration:\n%s", out)
	}
	type counts struct {
		name            string
		tests, failures int
	}
	// a.yaml and c.yaml only have load findings; b.yaml is ladder x times 4 rules, 3 failing;
	// d.yaml is ladder y, which passes every rule.
	want := []counts{{"a.yaml", 1, 1}, {"b.yaml", 4, 3}, {"c.yaml", 1, 1}, {"d.yaml", 4, 0}}
	if len(back.Suites) != len(want) {
		t.Fatalf("%d suites, want %d:\n%s", len(back.Suites), len(want), out)
	}
	for i, s := range back.Suites {
		if got := (counts{s.Name, s.Tests, s.Failures}); got != want[i] || len(s.Cases) != s.Tests || s.Errors != 0 || s.Skipped != 0 || s.Time != "0" {
			t.Errorf("suite %d = %+v (%d cases, errors %d, skipped %d, time %q), want %+v", i, got, len(s.Cases), s.Errors, s.Skipped, s.Time, want[i])
		}
	}
	if back.Tests != 10 || back.Failures != 5 {
		t.Errorf("testsuites: tests %d, failures %d, want 10, 5", back.Tests, back.Failures)
	}
	for _, want := range []string{
		`<testcase classname="a.yaml" name="load" time="0">`,
		`<testcase classname="d.yaml" name="y bands/overlap" time="0"></testcase>`, // passing
		`<testcase classname="b.yaml" name="x bands/overlap" time="0"></testcase>`,
		`<failure message="b" type="error">b.yaml:41:16: error: b` + "\n</failure>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

func TestJUnitMergesFindingsIntoOneFailure(t *testing.T) {
	r := ciReport()
	r.Findings = append(r.Findings,
		finding.Finding{Rule: "parity/scope", Severity: finding.Info, Message: "second", Ladder: "x", File: "b.yaml", Line: 50, Column: 2},
		finding.Finding{Rule: "parity/scope", Severity: finding.Error, Message: "third", Ladder: "x", File: "b.yaml", Line: 60, Column: 2},
	)
	_, back := writeJUnit(t, r)
	for _, s := range back.Suites {
		for _, c := range s.Cases {
			if c.Name != "x parity/scope" {
				continue
			}
			f := c.Failure
			if f == nil || f.Message != "3 findings" || f.Type != "error" {
				t.Fatalf("failure = %+v", f)
			}
			want := "b.yaml:12:14: warning: a\nb.yaml:50:2: info: second\nb.yaml:60:2: error: third\n"
			if f.Body != want {
				t.Errorf("body = %q, want %q", f.Body, want)
			}
			return
		}
	}
	t.Fatal("no testcase x parity/scope")
}

func TestJUnitEscapes(t *testing.T) {
	msg := `grade <M5> & "M6" differ`
	r := New(1, 1, []finding.Finding{{Rule: "main/deny", Severity: finding.Warning, Message: msg, Ladder: "x", File: "a&b.yaml", Line: 2, Column: 1}})
	out, back := writeJUnit(t, r)
	if strings.Contains(out, "<M5>") || !strings.Contains(out, `message="grade &lt;M5&gt; &amp; &#34;M6&#34; differ"`) {
		t.Errorf("not escaped:\n%s", out)
	}
	f := back.Suites[0].Cases[0].Failure
	if f.Message != msg || f.Body != "a&b.yaml:2:1: warning: "+msg+"\n" || back.Suites[0].Name != "a&b.yaml" {
		t.Errorf("read back %+v in suite %q", f, back.Suites[0].Name)
	}
}

func TestJUnitNamesFindingsOutsideTheGrid(t *testing.T) {
	// A config finding names no ladder; a user rule missing from Rules still gets its test.
	r := New(1, 1, []finding.Finding{
		{Rule: "exceptions/expired", Severity: finding.Warning, Message: "waiver expired", File: ".ladderctl.yaml", Line: 9, Column: 5},
		{Rule: "acme/deny", Severity: finding.Error, Message: "no", Ladder: "x", File: "b.yaml", Line: 3, Column: 1},
	})
	r.Ladders = []Checked{{Name: "x", File: "b.yaml"}}
	r.Rules = []finding.Rule{{ID: "parity/scope", Severity: finding.Warning}}
	_, back := writeJUnit(t, r)
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

func TestJUnitEmpty(t *testing.T) {
	out, back := writeJUnit(t, New(0, 0, nil))
	if back.Tests != 0 || len(back.Suites) != 0 || !strings.Contains(out, `errors="0"`) {
		t.Errorf("empty report:\n%s", out)
	}
}
