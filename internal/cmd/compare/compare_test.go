package compare

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
)

// factory gives a command buffers for streams, an environment and a config.
func factory(cfg *config.Config, tty bool, env map[string]string) (*cli.Factory, *bytes.Buffer, *bytes.Buffer) {
	if cfg == nil {
		cfg = &config.Config{Dir: "."}
	}
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	return &cli.Factory{
		IO:     &cli.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: tty, Getenv: getenv},
		Viper:  cli.NewViper(),
		Config: func() (*config.Config, error) { return cfg, nil },
		Now:    cli.Clock(getenv),
	}, &out, &errOut
}

// parse runs the flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	f, _, _ := factory(nil, false, env)
	var got *Options
	cmd := NewCmdCompare(f, func(_ context.Context, o *Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.Execute()
	return got, err
}

func TestDefaults(t *testing.T) {
	o, err := parse(t, nil, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if o.Output != "table" || o.Color != "auto" || o.Timeout != 30*time.Second || o.Base != "" || o.From != "" || strings.Join(o.Paths, ",") != "ladders" {
		t.Errorf("defaults = %+v", o)
	}
}

func TestFlags(t *testing.T) {
	o, err := parse(t, nil, "-o", "json", "--ladder", "eng", "--levels", "IC5..M1", "--color", "never", "--param", "parity_pay_tolerance=0.05", "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if o.Output != "json" || o.Ladder != "eng" || o.From != "IC5" || o.To != "M1" || o.Color != "never" || strings.Join(o.Args, ",") != "x.yaml" || strings.Join(o.Params, ",") != "parity_pay_tolerance=0.05" {
		t.Errorf("options = %+v", o)
	}
	o, err = parse(t, map[string]string{"LADDERCTL_COLOR": "always"}, "a", "b")
	if err != nil || o.Color != "always" || len(o.Args) != 2 {
		t.Errorf("LADDERCTL_COLOR: %+v, %v", o, err)
	}
}

func TestInvalid(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "name a ladder to compare"},
		{[]string{"a", "b", "c"}, "one or two ladders, not 3"},
		{[]string{"a", "-o", "xml"}, `unknown output format "xml" (use table, markdown, csv, json)`},
		{[]string{"a", "--color", "loud"}, `color "loud"`},
		{[]string{"a", "b", "--base", "main"}, "name one ladder"},
		{[]string{"a", "b", "--levels", "IC4..IC5"}, "name one ladder"},
		{[]string{"a", "--base", "main", "--levels", "IC4..IC5"}, "give one"},
		{[]string{"a", "--levels", "IC4"}, "A..B"},
		{[]string{"a", "--levels", ""}, "A..B"},
		{[]string{"a", "--base", ""}, "needs a git ref"},
		{[]string{"a", "--param", "nokey"}, "KEY=VALUE"},
		{[]string{"a", "--timeout", "0s"}, "--timeout"},
	} {
		_, err := parse(t, nil, tc.args...)
		if err == nil || !cli.IsUsage(err) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want a usage error with %q", tc.args, err, tc.want)
		}
	}
}

// root is the repository, found while the working directory is still this package's.
var root = func() string {
	p, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		panic(err)
	}
	return p
}()

// runCmd runs the whole command in-process in the repository's root.
func runCmd(t *testing.T, tty bool, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	t.Chdir(root)
	f, out, errOut := factory(nil, tty, env)
	cmd := NewCmdCompare(f, nil)
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

func TestRunViews(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"acme-engineering"}, []string{"Acme Engineering (acme-engineering, ladders/acme-engineering.yaml)", "│ 8     │ IC8 Fellow", "Parity: the built-in parity rules find nothing to report."}},
		{[]string{"docs/examples/unhealthy.yaml", "-o", "markdown"}, []string{"## Globex Engineering", "**parity/top-grade**<br>**parity/peer-level**"}},
		{[]string{"ladders/acme-engineering.yaml", "acme-data", "-o", "csv"}, []string{"grade,side,a_ladder,", "\n7,ic,acme-engineering,IC7,"}},
		{[]string{"acme-engineering", "--levels", "IC4..IC5", "-o", "json"}, []string{`"view": "levels"`, `"ratio": 0.20588235294117646`}},
	} {
		out, errOut, err := runCmd(t, false, nil, tc.args...)
		if err != nil || errOut != "" {
			t.Errorf("%q: %v, stderr %q", tc.args, err, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: output lacks %q:\n%s", tc.args, w, out)
			}
		}
		if strings.Contains(out, "\x1b") {
			t.Errorf("%q: colour on a pipe", tc.args)
		}
	}
}

func TestRunParams(t *testing.T) {
	// A 1% tolerance flags the grade 6 pair of acme-engineering (IC6 min 2% under M2).
	out, _, err := runCmd(t, false, nil, "acme-engineering", "--param", "parity_pay_tolerance=0.01", "-o", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "\n6,IC6,") || !strings.Contains(out, ",findings,parity/pay\n") {
		t.Errorf("csv:\n%s", out)
	}
}

func TestRunWidthAndColor(t *testing.T) {
	out, _, err := runCmd(t, true, map[string]string{"COLUMNS": "80"}, "docs/examples/unhealthy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "\x1b[31mparity/pay\x1b[0m") || !strings.Contains(out, "\x1b[32mok\x1b[0m") {
		t.Errorf("no colour on a terminal:\n%s", out)
	}
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if n := len([]rune(stripANSI(l))); n > 80 {
			t.Errorf("a line of %d with COLUMNS=80: %q", n, l)
		}
	}
	out, _, err = runCmd(t, true, map[string]string{"NO_COLOR": "1"}, "docs/examples/unhealthy.yaml", "-o", "table")
	if err != nil || strings.Contains(out, "\x1b") {
		t.Errorf("NO_COLOR: %v\n%s", err, out)
	}
	out, _, err = runCmd(t, true, nil, "docs/examples/unhealthy.yaml", "-o", "markdown")
	if err != nil || strings.Contains(out, "\x1b") {
		t.Errorf("markdown on a terminal: %v\n%s", err, out)
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("apiVersion: ladderctl/v1\nkind: Ladder\nmetadata: {name: bad}\nspec:\n  tracks: [{id: ic, type: ic, levels: [{id: E1, title: E, grade: x}]}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"acme-enginering"}, `did you mean "acme-engineering"?`},
		{[]string{"acme-engineering", "--levels", "IC4..IC9"}, `has no level "IC9"`},
		{[]string{bad}, bad + ":5:"},
	} {
		out, _, err := runCmd(t, false, nil, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) || out != "" {
			t.Errorf("%q: %v (stdout %q), want an error with %q", tc.args, err, out, tc.want)
		}
	}
}
