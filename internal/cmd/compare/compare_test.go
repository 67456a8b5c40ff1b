package compare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cli/clitest"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// parse runs the flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	return clitest.Parse(t, clitest.New(cfg, env, false), NewCmdCompare, args...)
}

func TestDefaults(t *testing.T) {
	o, err := parse(t, nil, nil, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if o.Output != "table" || o.Color != "auto" || o.Base != "" || o.Levels != "" || o.From != "" || o.Ladder != "" || strings.Join(o.Args, ",") != "acme" {
		t.Errorf("defaults = %+v", o)
	}
	s := o.Judging
	if s.Timeout != 30*time.Second || s.MaxFileSize != ladder.DefaultMaxFileSize || !s.Builtin || strings.Join(s.Paths, ",") != "ladders" || len(s.Params) != 0 {
		t.Errorf("default judging = %+v", s)
	}
}

func TestFlags(t *testing.T) {
	o, err := parse(t, nil, nil, "-o", "json", "--ladder", "eng", "--levels", "IC5..M1", "--color", "never", "--param", "parity_pay_tolerance=0.05",
		"--timeout", "2s", "--max-file-size", "1000", "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if o.Output != "json" || o.Ladder != "eng" || o.Levels != "IC5..M1" || o.From != "IC5" || o.To != "M1" || o.Color != "never" || strings.Join(o.Args, ",") != "x.yaml" {
		t.Errorf("options = %+v", o)
	}
	if s := o.Judging; s.Params["parity_pay_tolerance"] != 0.05 || s.FlagParams["parity_pay_tolerance"] != 0.05 || s.Timeout != 2*time.Second || s.MaxFileSize != 1000 {
		t.Errorf("judging = %+v", s)
	}
	// The arguments name the ladders to compare; they do not replace the paths names are
	// looked up in.
	if strings.Join(o.Judging.Paths, ",") != "ladders" {
		t.Errorf("paths = %v", o.Judging.Paths)
	}
	o, err = parse(t, nil, nil, "acme", "--base", "origin/main")
	if err != nil || o.Base != "origin/main" {
		t.Errorf("--base: %+v, %v", o, err)
	}
}

func TestEnvironment(t *testing.T) {
	o, err := parse(t, nil, map[string]string{"LADDERCTL_COLOR": "always"}, "a", "b")
	if err != nil || o.Color != "always" || len(o.Args) != 2 {
		t.Errorf("LADDERCTL_COLOR: %+v, %v", o, err)
	}
	env := map[string]string{
		"LADDERCTL_OUTPUT":        "csv",
		"LADDERCTL_TIMEOUT":       "7s",
		"LADDERCTL_MAX_FILE_SIZE": "2048",
		"LADDERCTL_PARAMS":        "parity_pay_tolerance=0.01",
		"LADDERCTL_LADDERS":       "elsewhere",
		"LADDERCTL_BUILTIN":       "false",
		"LADDERCTL_POLICIES":      "pol",
		"LADDERCTL_NAMESPACES":    "acme.*",
		"LADDERCTL_LEVELS":        "IC4..IC5",
	}
	o, err = parse(t, nil, env, "acme")
	if err != nil {
		t.Fatal(err)
	}
	s := o.Judging
	if o.Output != "csv" || o.From != "IC4" || o.To != "IC5" || s.Timeout != 7*time.Second || s.MaxFileSize != 2048 || s.Params["parity_pay_tolerance"] != 0.01 {
		t.Errorf("environment: %+v, %+v", o, s)
	}
	if s.Builtin || strings.Join(s.Paths, ",") != "elsewhere" || strings.Join(s.Policies, ",") != "pol" || strings.Join(s.Namespaces, ",") != "acme.*" {
		t.Errorf("environment without flags: %+v", s)
	}

	// Flags beat the environment.
	o, err = parse(t, nil, env, "acme", "-o", "json", "--timeout", "3s", "--max-file-size", "1000", "--param", "parity_pay_tolerance=0.2", "--levels", "IC5..IC6")
	if err != nil {
		t.Fatal(err)
	}
	if s := o.Judging; o.Output != "json" || o.From != "IC5" || s.Timeout != 3*time.Second || s.MaxFileSize != 1000 || s.Params["parity_pay_tolerance"] != 0.2 {
		t.Errorf("flags over the environment: %+v, %+v", o, s)
	}
}

func TestConfig(t *testing.T) {
	off := false
	cfg := &config.Config{Dir: ".", Builtin: &off, Policies: []string{"cfgpol"}, Ladders: []string{"cfgladders"}, Namespaces: []string{"cfg.*"},
		Params: map[string]config.Param{"parity_pay_tolerance": {Value: 0.1}, "other": {Value: 1}}}
	o, err := parse(t, cfg, nil, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if s := o.Judging; s.Builtin || strings.Join(s.Policies, ",") != "cfgpol" || strings.Join(s.Paths, ",") != "cfgladders" || strings.Join(s.Namespaces, ",") != "cfg.*" || s.Params["parity_pay_tolerance"] != 0.1 {
		t.Errorf("the config is not followed: %+v", s)
	}
	o, err = parse(t, cfg, map[string]string{"LADDERCTL_PARAMS": "parity_pay_tolerance=0.2", "LADDERCTL_LADDERS": "envladders", "LADDERCTL_BUILTIN": "true"}, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if s := o.Judging; !s.Builtin || strings.Join(s.Paths, ",") != "envladders" || s.Params["parity_pay_tolerance"] != 0.2 || s.Params["other"] != 1 {
		t.Errorf("the environment does not beat the config: %+v", s)
	}
	o, err = parse(t, cfg, map[string]string{"LADDERCTL_PARAMS": "parity_pay_tolerance=0.2"}, "acme", "--param", "parity_pay_tolerance=0.3")
	if err != nil || o.Judging.Params["parity_pay_tolerance"] != 0.3 || o.Judging.Params["other"] != 1 {
		t.Errorf("--param over the environment over the config: %+v, %v", o, err)
	}
}

func TestInvalid(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, nil, "name a ladder to compare"},
		{nil, []string{"a", "b", "c"}, "one or two ladders, not 3"},
		{nil, []string{"a", "-o", "xml"}, `unknown output format "xml" (use table, markdown, csv, json)`},
		{nil, []string{"a", "--color", "loud"}, `color "loud" (from --color or LADDERCTL_COLOR) is not one of auto, always, never`},
		{nil, []string{"a", "b", "--base", "main"}, "name one ladder"},
		{nil, []string{"a", "b", "--levels", "IC4..IC5"}, "name one ladder"},
		{nil, []string{"a", "--base", "main", "--levels", "IC4..IC5"}, "give one"},
		{nil, []string{"a", "--levels", "IC4"}, "A..B"},
		{nil, []string{"a", "--levels", ""}, "A..B"},
		{nil, []string{"a", "--base", ""}, "needs a git ref"},
		{nil, []string{"a", "--param", "nokey"}, "KEY=VALUE"},
		{nil, []string{"a", "--timeout", "0s"}, "--timeout"},
		{nil, []string{"a", "--max-file-size", "0"}, "--max-file-size"},
		{map[string]string{"LADDERCTL_OUTPUT": "sarif"}, []string{"a"}, `unknown output format "sarif" (use table, markdown, csv, json)`},
		{map[string]string{"LADDERCTL_COLOR": "loud"}, []string{"a"}, `color "loud" (from --color or LADDERCTL_COLOR)`},
		{map[string]string{"LADDERCTL_TIMEOUT": "soon"}, []string{"a"}, `LADDERCTL_TIMEOUT="soon" is not a valid value for --timeout`},
		{map[string]string{"LADDERCTL_MAX_FILE_SIZE": "0"}, []string{"a"}, "--max-file-size"},
		{map[string]string{"LADDERCTL_PARAMS": "nokey"}, []string{"a"}, "KEY=VALUE"},
		{map[string]string{"LADDERCTL_BASE": "main"}, []string{"a", "b"}, "name one ladder"},
	} {
		o, err := parse(t, nil, tc.env, tc.args...)
		if err == nil || !cli.IsUsage(err) || !strings.Contains(err.Error(), tc.want) || o != nil {
			t.Errorf("%q with %v: %v, want a usage error with %q", tc.args, tc.env, err, tc.want)
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
	h := clitest.New(nil, env, tty)
	err := h.Execute(NewCmdCompare(h.F, nil), args...)
	return h.Out.String(), h.ErrOut.String(), err
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

// A table written to a pipe fits in 100 columns; $COLUMNS still decides when set.
func TestRunPipedWidth(t *testing.T) {
	for _, tc := range []struct {
		env   map[string]string
		limit int
	}{{nil, 100}, {map[string]string{"COLUMNS": "140"}, 140}} {
		out, _, err := runCmd(t, false, tc.env, "docs/examples/unhealthy.yaml")
		if err != nil {
			t.Fatal(err)
		}
		widest := 0
		for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
			widest = max(widest, len([]rune(l)))
		}
		if widest > tc.limit || widest < tc.limit-30 {
			t.Errorf("env %v: widest line %d, want at most %d and near it:\n%s", tc.env, widest, tc.limit, out)
		}
	}
}

func TestRegistrySettings(t *testing.T) {
	o, err := parse(t, nil, map[string]string{"LADDERCTL_PLAIN_HTTP": "true"}, "--offline", "acme")
	if err != nil {
		t.Fatal(err)
	}
	if !o.Judging.Sources.Offline || !o.Judging.Sources.PlainHTTP {
		t.Errorf("%+v", o.Judging.Sources)
	}
}
