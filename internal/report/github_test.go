package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
)

func writeGitHub(t *testing.T, r *Report) string {
	t.Helper()
	outsideRepo(t)
	var b strings.Builder
	if err := (githubFormat{}).Write(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestGitHubAnnotationsAndSummary(t *testing.T) {
	r := ciReport()
	r.Summary.Waived = 2
	// Load errors, errors, warnings, notices: GitHub keeps the first of each kind.
	want := `::error file=a.yaml,line=3,col=1,title=load::bad
::error file=b.yaml,line=41,col=16,title=parity/top-grade::b
::warning file=b.yaml,line=12,col=14,title=parity/scope::a
::warning file=c.yaml,line=1,col=1,title=load::no ladder in this file
::notice file=b.yaml,line=12,col=14,title=content/expectations::c
ladderctl: 2 errors, 2 warnings, 1 info in 2 ladders (4 files checked, 2 waived).
`
	if got := writeGitHub(t, r); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestGitHubEscapes(t *testing.T) {
	r := New(1, 1, []finding.Finding{
		{Rule: "main/deny", Severity: finding.Error, Message: "100% off:\r\nsee a, b", File: "./odd,name:1.yaml", Line: 2, Column: 3},
		{Rule: "load", Severity: finding.Error, Message: "cannot open", File: "gone.yaml"}, // line 0: no line, no col
	})
	want := "::error file=gone.yaml,title=load::cannot open\n" +
		"::error file=odd%2Cname%3A1.yaml,line=2,col=3,title=main/deny::100%25 off:%0Asee a, b\n"
	if got := writeGitHub(t, r); !strings.HasPrefix(got, want) {
		t.Errorf("got:\n%s\nwant it to start with:\n%s", got, want)
	}
}

// A run that could not check everything never ends with a plain "no problems".
func TestGitHubIncompleteRunSummary(t *testing.T) {
	stopped := New(1, 2, nil)
	stopped.Errors = []string{"policy/a.rego:3: undefined function http.send"}
	if got := writeGitHub(t, stopped); !strings.HasSuffix(got, "ladderctl: no problems in what could be checked in 2 ladders (1 file checked).\n") {
		t.Errorf("got %q", got)
	}
	empty := New(0, 0, nil)
	empty.Errors = []string{"nothing was checked: no ladder was found in ladders/"}
	empty.Unchecked = empty.Errors
	if got := writeGitHub(t, empty); !strings.HasSuffix(got, "ladderctl: nothing was checked, so no problems could be found in 0 ladders (0 files checked).\n") {
		t.Errorf("got %q", got)
	}
}

func TestGitHubCleanRun(t *testing.T) {
	if got, want := writeGitHub(t, New(2, 3, nil)), "ladderctl: no problems in 3 ladders (2 files checked).\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGitHubNotesTheAnnotationLimit(t *testing.T) {
	findings := func(n int, s finding.Severity) []finding.Finding {
		var fs []finding.Finding
		for i := range n {
			fs = append(fs, finding.Finding{Rule: "r", Severity: s, Message: fmt.Sprint(i), File: "a.yaml", Line: i + 1, Column: 1})
		}
		return fs
	}
	for _, c := range []struct {
		name     string
		findings []finding.Finding
		more     int // findings not annotated
	}{
		{"10 of each", append(append(findings(10, finding.Error), findings(10, finding.Warning)...), findings(10, finding.Info)...), 0},
		{"11 errors", findings(11, finding.Error), 1},
		{"12 warnings", findings(12, finding.Warning), 2},
		{"11 notices", findings(11, finding.Info), 2}, // one notice gives way to the note
		{"10 notices and 11 errors", append(findings(10, finding.Info), findings(11, finding.Error)...), 2},
	} {
		out := writeGitHub(t, New(1, 1, c.findings))
		for _, kind := range []string{"error", "warning", "notice"} {
			if n := strings.Count(out, "\n::"+kind+" "); n > 10 {
				t.Errorf("%s: %d %s annotations, over GitHub's 10", c.name, n, kind)
			}
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		plain := 0
		for _, l := range lines {
			if !strings.HasPrefix(l, "::") {
				plain++
			}
		}
		if c.more == 0 {
			if plain != 1 {
				t.Errorf("%s: plain lines beside the summary under the limit:\n%s", c.name, out)
			}
			continue
		}
		want := fmt.Sprintf("::notice title=ladderctl%%3A more findings than GitHub shows::%s not annotated: ", moreFindings(c.more))
		if !strings.HasPrefix(lines[len(lines)-1], want) {
			t.Errorf("%s: does not end with the note %q:\n%s", c.name, want, out)
		}
		// Every finding is in the log: annotated, or on a plain line.
		for _, f := range c.findings {
			if !strings.Contains(out, "title=r::"+f.Message+"\n") && !strings.Contains(out, "\na.yaml:"+fmt.Sprint(f.Line)+":1: "+f.Severity.String()+" r: "+f.Message+"\n") {
				t.Errorf("%s: finding %s is neither annotated nor in the log:\n%s", c.name, f.Message, out)
			}
		}
	}
}

// moreFindings says how many findings are left over, as the note does.
func moreFindings(n int) string {
	if n == 1 {
		return "1 more finding is"
	}
	return fmt.Sprint(n) + " more findings are"
}

// What stopped the run comes first, then load errors, then the other errors: GitHub shows
// only the first 10 errors.
func TestGitHubRunErrorsFirst(t *testing.T) {
	var fs []finding.Finding
	for i := range 12 {
		fs = append(fs, finding.Finding{Rule: "parity/pay", Severity: finding.Error, Message: fmt.Sprint("e", i), File: "a.yaml", Line: i + 1, Column: 1})
	}
	fs = append(fs, finding.Finding{Rule: "load", Severity: finding.Error, Message: "cannot parse", File: "z.yaml", Line: 3, Column: 1})
	r := New(2, 1, fs)
	r.Errors = []string{"policy/x.rego:3: undefined function http.send"}
	out := writeGitHub(t, r)
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "::error title=ladderctl::policy/x.rego:3: undefined function") {
		t.Errorf("first line is not the run error: %s", lines[0])
	}
	if !strings.HasPrefix(lines[1], "::error file=z.yaml,line=3,col=1,title=load::cannot parse") {
		t.Errorf("second line is not the load error: %s", lines[1])
	}
	if strings.Count(out, "::error ") != 10 || !strings.Contains(out, "\na.yaml:9:1: error parity/pay: e8\n") {
		t.Errorf("want 10 error annotations and the rest in the log:\n%s", out)
	}
}
