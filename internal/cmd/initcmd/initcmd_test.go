package initcmd

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cli/clitest"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/scaffold"
)

// execute runs the command for real, with an environment.
func execute(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	h := clitest.New(nil, env, false)
	err := h.Execute(NewCmdInit(h.F, nil), args...)
	return h.Out.String(), err
}

// parse runs the flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	return clitest.Parse(t, clitest.New(nil, env, false), NewCmdInit, args...)
}

func TestFlags(t *testing.T) {
	for _, c := range []struct {
		env   map[string]string
		args  []string
		dir   string
		force bool
	}{
		{nil, nil, ".", false},
		{nil, []string{"repo"}, "repo", false},
		{nil, []string{"--force", "a/b"}, "a/b", true},
		{map[string]string{"LADDERCTL_FORCE": "true"}, []string{"repo"}, "repo", true},
		{map[string]string{"LADDERCTL_FORCE": "true"}, []string{"--force=false"}, ".", false},
		{map[string]string{"LADDERCTL_FORCE": ""}, nil, ".", false},
	} {
		got, err := parse(t, c.env, c.args...)
		if err != nil {
			t.Fatalf("%v with %v: %v", c.args, c.env, err)
		}
		if got.Dir != c.dir || got.Force != c.force {
			t.Errorf("%v with %v: %+v", c.args, c.env, got)
		}
	}
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"a", "b"}, "init takes one directory, not 2"},
		{nil, []string{""}, "the directory to initialise is empty"},
		{nil, []string{" "}, "the directory to initialise is empty"},
		{map[string]string{"LADDERCTL_FORCE": "please"}, nil, `LADDERCTL_FORCE="please" is not a valid value for --force`},
	} {
		got, err := parse(t, c.env, c.args...)
		if !cli.IsUsage(err) || !strings.Contains(err.Error(), c.want) || got != nil {
			t.Errorf("%q with %v: err %v, ran %v; want a usage error with %q", c.args, c.env, err, got != nil, c.want)
		}
	}
}

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my ladders")
	out, err := execute(t, nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := scaffold.Files()
	for _, f := range files {
		if !strings.Contains(out, "\n  "+f.Path+" ") {
			t.Errorf("the summary does not list %s:\n%s", f.Path, out)
		}
	}
	if !strings.Contains(out, "  cd '"+dir+"' ") {
		t.Errorf("the next steps do not cd into the quoted directory:\n%s", out)
	}

	// Again: every file exists, so nothing is written, and the last line says so.
	before, _ := os.ReadFile(filepath.Join(dir, scaffold.LadderFile))
	_, err = execute(t, nil, dir)
	var list diag.List
	if !errors.As(err, &list) || len(list) != len(files)+1 || list[len(list)-1].Error() != "init wrote nothing" {
		t.Fatalf("second init: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, scaffold.LadderFile))
	if !bytes.Equal(before, after) {
		t.Error("the second init changed the ladder")
	}

	out, err = execute(t, nil, "--force", dir)
	if err != nil || strings.Count(out, "(overwritten)") != len(files) {
		t.Errorf("--force: %v\n%s", err, out)
	}
	out, err = execute(t, map[string]string{"LADDERCTL_FORCE": "1"}, dir)
	if err != nil || strings.Count(out, "(overwritten)") != len(files) {
		t.Errorf("LADDERCTL_FORCE: %v\n%s", err, out)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"repo":        "repo",
		"a/b-c_d.e":   "a/b-c_d.e",
		"my ladders":  "'my ladders'",
		"it's":        `'it'\''s'`,
		"$HOME/x":     "'$HOME/x'",
		"C:\\ladders": `'C:\ladders'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
