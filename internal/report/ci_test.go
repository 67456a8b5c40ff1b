package report

import (
	"os"
	"path/filepath"
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

// outsideRepo runs a test in a directory of no repository, so that paths are relative to it
// as they are to a repository's root, whatever repository the tests run in.
func outsideRepo(t *testing.T) {
	t.Helper()
	t.Chdir(t.TempDir())
}

func TestRepoPaths(t *testing.T) {
	for _, c := range []struct {
		file, wd, root, want string
		inRepo               bool
	}{
		{"ladders/a.yaml", "/repo", "/repo", "ladders/a.yaml", true},
		{"././ladders/a.yaml", "/repo", "/repo", "ladders/a.yaml", true},
		{"/repo/ladders/a.yaml", "/repo", "/repo", "ladders/a.yaml", true},
		// Run from a team's directory in a monorepo: still relative to the repository.
		{"ladders/a.yaml", "/repo/teams/data", "/repo", "teams/data/ladders/a.yaml", true},
		{"../shared/b.yaml", "/repo/teams/data", "/repo", "teams/shared/b.yaml", true},
		{"/elsewhere/a.yaml", "/repo", "/repo", "/elsewhere/a.yaml", false},
		{"../../outside.yaml", "/repo/x", "/repo", "/outside.yaml", false},
		{"./a.yaml", "", "", "a.yaml", true},
	} {
		got, inRepo := repoPaths{wd: c.wd, root: c.root}.rel(c.file)
		if got != c.want || inRepo != c.inRepo {
			t.Errorf("rel(%q) from %s in %s = %q, %v; want %q, %v", c.file, c.wd, c.root, got, inRepo, c.want, c.inRepo)
		}
	}
}

func TestRepoRoot(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "teams", "data")
	if err := os.MkdirAll(sub, 0o777); err != nil {
		t.Fatal(err)
	}
	if got := repoRoot(sub); got != sub {
		t.Errorf("without .git: root = %s, want the working directory", got)
	}
	if err := os.WriteFile(filepath.Join(dir, ".git"), []byte("gitdir: elsewhere\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if got := repoRoot(sub); got != dir {
		t.Errorf("root = %s, want %s (a .git file, as in a worktree)", got, dir)
	}
	if got := (repoPaths{root: "/repo"}).rootURI(); got != "file:///repo/" {
		t.Errorf("rootURI = %s", got)
	}
}
