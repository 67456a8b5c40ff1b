package report

import (
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
)

// ciReport is sample() as lint hands it to the CI formats: with the ladders checked (y, in
// d.yaml, passes), the rules in force (bands/overlap finds nothing) and the tool.
func ciReport() *Report {
	r := New(4, 2, sample())
	r.Ladders = []Checked{{Name: "x", File: "b.yaml"}, {Name: "y", File: "d.yaml"}}
	r.Rules = []finding.Rule{
		{ID: "parity/top-grade", Title: "Top grades match", Description: "Peer tracks top out at the same grade.", Severity: finding.Error, Source: "built-in"},
		{ID: "parity/scope", Title: "Peers share a scope", Description: "Peer levels have the same scope.", Severity: finding.Warning, Source: "built-in"},
		{ID: "content/expectations", Title: "Levels say what they expect", Severity: finding.Info, Source: "built-in"},
		{ID: "bands/overlap", Title: "Pay bands overlap", Description: "Adjacent pay bands overlap too much.", Severity: finding.Warning, Source: "built-in"},
	}
	r.Tool = Tool{Name: "ladderctl", Version: "1.2.3", PackVersion: "2025.6.0", InfoURI: "https://github.com/ladderctl/ladderctl"}
	return r
}

func TestFormatsAreDeterministicAndIgnoreColourButText(t *testing.T) {
	for _, f := range Formats.All() {
		if f.Description() == "" || strings.Contains(f.Description(), "\n") {
			t.Errorf("%s: description %q is not one line", f.Name(), f.Description())
		}
		var first, again, colour strings.Builder
		for _, out := range []struct {
			b    *strings.Builder
			opts Options
		}{{&first, Options{}}, {&again, Options{}}, {&colour, Options{Color: true}}} {
			r := ciReport()
			r.Waived = []finding.Finding{{Rule: "parity/scope", Severity: finding.Warning, Message: "waived", Ladder: "y", File: "d.yaml", Line: 2, Column: 1}}
			if err := f.Write(out.b, r, out.opts); err != nil {
				t.Fatalf("%s: %v", f.Name(), err)
			}
		}
		if first.String() != again.String() {
			t.Errorf("%s: two writes of one report differ", f.Name())
		}
		if f.Name() != "text" && first.String() != colour.String() {
			t.Errorf("%s: Options.Color changed the output", f.Name())
		}
	}
}

func TestFormatsOrder(t *testing.T) {
	if got, want := strings.Join(Formats.Names(), ","), "text,json,sarif,junit,github,markdown"; got != want {
		t.Errorf("Names = %s, want %s", got, want)
	}
}

func TestRepoPath(t *testing.T) {
	for _, c := range []struct{ file, wd, want string }{
		{"ladders/a.yaml", "/repo", "ladders/a.yaml"},
		{"././ladders/a.yaml", "/repo", "ladders/a.yaml"},
		{"/repo/ladders/a.yaml", "/repo", "ladders/a.yaml"},
		{"/elsewhere/a.yaml", "/repo", "/elsewhere/a.yaml"}, // not under the working directory
		{"/repo/a.yaml", "", "/repo/a.yaml"},
	} {
		if got := repoPath(c.file, c.wd); got != c.want {
			t.Errorf("repoPath(%q, %q) = %q, want %q", c.file, c.wd, got, c.want)
		}
	}
}
