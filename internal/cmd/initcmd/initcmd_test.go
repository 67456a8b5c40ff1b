package initcmd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/scaffold"
)

func execute(t *testing.T, runF func(context.Context, *Options) error, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	f := &cli.Factory{
		IO:    &cli.IOStreams{Out: &out, ErrOut: &bytes.Buffer{}, Getenv: func(string) string { return "" }},
		Viper: cli.NewViper(),
	}
	cmd := NewCmdInit(f, runF)
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.Execute()
	return out.String(), err
}

func TestFlags(t *testing.T) {
	var got *Options
	grab := func(_ context.Context, o *Options) error { got = o; return nil }
	for _, c := range []struct {
		args  []string
		dir   string
		force bool
	}{
		{nil, ".", false},
		{[]string{"repo"}, "repo", false},
		{[]string{"--force", "a/b"}, "a/b", true},
	} {
		if _, err := execute(t, grab, c.args...); err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		if got.Dir != c.dir || got.Force != c.force {
			t.Errorf("%v: %+v", c.args, got)
		}
	}
	for _, args := range [][]string{{"a", "b"}, {""}} {
		got = nil
		if _, err := execute(t, grab, args...); !cli.IsUsage(err) || got != nil {
			t.Errorf("%q: err %v, ran %v", args, err, got != nil)
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
