package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
)

func writeGitHub(t *testing.T, r *Report) string {
	t.Helper()
	var b strings.Builder
	if err := (githubFormat{}).Write(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestGitHubAnnotationsAndSummary(t *testing.T) {
	r := ciReport()
	r.Summary.Waived = 2
	want := `::error file=a.yaml,line=3,col=1,title=load::bad
::notice file=b.yaml,line=12,col=14,title=content/expectations::c
::warning file=b.yaml,line=12,col=14,title=parity/scope::a
::error file=b.yaml,line=41,col=16,title=parity/top-grade::b
::warning file=c.yaml,line=1,col=1,title=load::no ladder in this file
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
	want := "::error file=odd%2Cname%3A1.yaml,line=2,col=3,title=main/deny::100%25 off:%0D%0Asee a, b\n" +
		"::error file=gone.yaml,title=load::cannot open\n"
	if got := writeGitHub(t, r); !strings.HasPrefix(got, want) {
		t.Errorf("got:\n%s\nwant it to start with:\n%s", got, want)
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
		note     bool
	}{
		{"10 of each", append(append(findings(10, finding.Error), findings(10, finding.Warning)...), findings(10, finding.Info)...), false},
		{"11 errors", findings(11, finding.Error), true},
		{"11 warnings", findings(11, finding.Warning), true},
		{"11 notices", findings(11, finding.Info), true},
	} {
		out := writeGitHub(t, New(1, 1, c.findings))
		note := strings.Contains(out, "GitHub shows only the first 10 annotations of each kind")
		if note != c.note {
			t.Errorf("%s: note = %v, want %v\n%s", c.name, note, c.note, out)
		}
		if note && !strings.Contains(out, fmt.Sprintf("all %d findings are in this job's log", len(c.findings))) {
			t.Errorf("%s: the note does not count the findings:\n%s", c.name, out)
		}
	}
}
