package render

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cli/clitest"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// parse runs the flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	return clitest.Parse(t, clitest.New(cfg, env, false), NewCmdRender, args...)
}

func TestDefaults(t *testing.T) {
	o, err := parse(t, nil, nil, "acme")
	if err != nil {
		t.Fatal(err)
	}
	s := o.Judging
	if o.Arg != "acme" || o.Output != "svg" || o.OutputFile != "" || o.Ladder != "" || s.Timeout != 30*time.Second || s.MaxFileSize != ladder.DefaultMaxFileSize || !s.Builtin {
		t.Errorf("defaults = %+v", o)
	}
	if strings.Join(s.Paths, ",") != "ladders" {
		t.Errorf("paths = %v", s.Paths)
	}
}

func TestFlags(t *testing.T) {
	o, err := parse(t, nil, nil, "x.yaml", "-o", "html", "--output-file", "out.html", "--ladder", "eng",
		"--param", "parity_pay_tolerance=0.05", "--timeout", "5s", "--max-file-size", "1000")
	if err != nil {
		t.Fatal(err)
	}
	s := o.Judging
	if o.Arg != "x.yaml" || o.Output != "html" || o.OutputFile != "out.html" || o.Ladder != "eng" || s.Timeout != 5*time.Second || s.MaxFileSize != 1000 ||
		s.Params["parity_pay_tolerance"] != 0.05 || s.FlagParams["parity_pay_tolerance"] != 0.05 {
		t.Errorf("options = %+v", o)
	}
	// The argument names the ladder to draw; it does not replace the paths names are looked
	// up in.
	if strings.Join(s.Paths, ",") != "ladders" {
		t.Errorf("paths = %v", s.Paths)
	}
}

func TestOutputFileChoosesTheFormat(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--output-file", "ladder.html"}, "html"},
		{[]string{"--output-file", "docs/Ladder.HTM"}, "html"},
		{[]string{"--output-file", "handbook.md"}, "markdown"},
		{[]string{"--output-file", "ladder.svg"}, "svg"},
		{[]string{"--output-file", "ladder.txt"}, "svg"},
		{[]string{"--output-file", "ladder.html", "-o", "markdown"}, "markdown"}, // -o wins
		{[]string{"--output-file", "ladder.html", "-o", "svg"}, "svg"},
	} {
		o, err := parse(t, nil, nil, append([]string{"acme"}, tc.args...)...)
		if err != nil || o.Output != tc.want {
			t.Errorf("%q: output %v, %v; want %s", tc.args, o, err, tc.want)
		}
	}
}

func TestSettingsFromEnvironmentAndConfig(t *testing.T) {
	env := map[string]string{"LADDERCTL_TIMEOUT": "7s", "LADDERCTL_OUTPUT": "markdown", "LADDERCTL_MAX_FILE_SIZE": "2048", "LADDERCTL_LADDER": "eng"}
	o, err := parse(t, nil, env, "acme")
	if err != nil || o.Judging.Timeout != 7*time.Second || o.Output != "markdown" || o.Judging.MaxFileSize != 2048 || o.Ladder != "eng" {
		t.Errorf("env: %+v, %v", o, err)
	}
	o, err = parse(t, nil, env, "acme", "--timeout", "3s", "-o", "html", "--max-file-size", "1000", "--ladder", "ops")
	if err != nil || o.Judging.Timeout != 3*time.Second || o.Output != "html" || o.Judging.MaxFileSize != 1000 || o.Ladder != "ops" {
		t.Errorf("the flags do not beat the environment: %+v, %v", o, err)
	}
	if o, err := parse(t, nil, map[string]string{"LADDERCTL_OUTPUT_FILE": "ladder.md"}, "acme"); err != nil || o.Output != "markdown" || o.OutputFile != "ladder.md" {
		t.Errorf("LADDERCTL_OUTPUT_FILE: %+v, %v", o, err)
	}

	off := false
	cfg := &config.Config{Dir: ".", Builtin: &off, Policies: []string{"pol"}, Ladders: []string{"elsewhere"}, Namespaces: []string{"acme.*"},
		Params: map[string]config.Param{"parity_pay_tolerance": {Value: 0.1}}}
	o, err = parse(t, cfg, nil, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if s := o.Judging; s.Builtin || strings.Join(s.Policies, ",") != "pol" || strings.Join(s.Paths, ",") != "elsewhere" || strings.Join(s.Namespaces, ",") != "acme.*" || s.Params["parity_pay_tolerance"] != 0.1 {
		t.Errorf("the config is not followed: %+v", s)
	}
	o, err = parse(t, cfg, map[string]string{"LADDERCTL_BUILTIN": "true", "LADDERCTL_LADDERS": "envladders", "LADDERCTL_POLICIES": "envpol",
		"LADDERCTL_NAMESPACES": "globex.*", "LADDERCTL_PARAMS": "parity_pay_tolerance=0.2"}, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if s := o.Judging; !s.Builtin || strings.Join(s.Paths, ",") != "envladders" || strings.Join(s.Policies, ",") != "pol,envpol" || strings.Join(s.Namespaces, ",") != "globex.*" || s.Params["parity_pay_tolerance"] != 0.2 {
		t.Errorf("the environment does not beat the config: %+v", s)
	}
	o, err = parse(t, cfg, map[string]string{"LADDERCTL_PARAMS": "parity_pay_tolerance=0.2"}, "acme", "--param", "parity_pay_tolerance=0.3")
	if err != nil || o.Judging.Params["parity_pay_tolerance"] != 0.3 {
		t.Errorf("--param does not beat the environment: %+v, %v", o, err)
	}
}

func TestInvalid(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, nil, "name a ladder to render"},
		{nil, []string{"a", "b"}, "render takes one ladder, not 2"},
		{nil, []string{"a", "-o", "png"}, `unknown output format "png" (use svg, html, markdown)`},
		{nil, []string{"a", "--output-file", ""}, "--output-file needs a file name"},
		{nil, []string{"a", "--timeout", "0s"}, "--timeout"},
		{nil, []string{"a", "--max-file-size", "0"}, "--max-file-size"},
		{nil, []string{"a", "--param", "nokey"}, "KEY=VALUE"},
		{map[string]string{"LADDERCTL_OUTPUT": "sarif"}, []string{"a"}, `unknown output format "sarif" (use svg, html, markdown)`},
		{map[string]string{"LADDERCTL_TIMEOUT": "soon"}, []string{"a"}, `LADDERCTL_TIMEOUT="soon" is not a valid value for --timeout`},
		{map[string]string{"LADDERCTL_MAX_FILE_SIZE": "-1"}, []string{"a"}, "--max-file-size"},
		{map[string]string{"LADDERCTL_PARAMS": "nokey"}, []string{"a"}, "KEY=VALUE"},
		{map[string]string{"LADDERCTL_NAMESPACES": "[x"}, []string{"a"}, "not a valid glob"},
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
func runCmd(t *testing.T, cfg *config.Config, args ...string) (string, string, error) {
	t.Helper()
	t.Chdir(root)
	h := clitest.New(cfg, map[string]string{cli.NowEnv: "2026-01-15"}, false)
	err := h.Execute(NewCmdRender(h.F, nil), args...)
	return h.Out.String(), h.ErrOut.String(), err
}

func TestRunFormats(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"acme-engineering"}, []string{`<?xml version="1.0" encoding="UTF-8"?>`, `role="img"`, ">Staff Engineer</text>", "no findings"}},
		{[]string{"docs/examples/unhealthy.yaml"}, []string{">parity/pay</text>", "6 findings: 3 errors, 3 warnings"}},
		{[]string{"docs/examples/unhealthy.yaml", "-o", "html"}, []string{"<!DOCTYPE html>", "<svg ", `<table class="compare">`, "docs/examples/unhealthy.yaml:62:16"}},
		{[]string{"acme-data", "-o", "markdown"}, []string{"# Acme Data Science\n", "### DS5 · Staff Data Scientist\n"}},
	} {
		out, errOut, err := runCmd(t, nil, tc.args...)
		if err != nil || errOut != "" {
			t.Errorf("%q: %v, stderr %q", tc.args, err, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: output lacks %q", tc.args, w)
			}
		}
	}
}

func TestRunParamsChangeTheMarks(t *testing.T) {
	// A 1% tolerance flags the grade 6 pair of acme-engineering (IC6 min 2% under M2).
	out, _, err := runCmd(t, nil, "acme-engineering", "--param", "parity_pay_tolerance=0.01")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, ">parity/pay</text>") {
		t.Error("--param does not reach the rules")
	}
}

func TestRunOutputFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "ladder.html")
	out, errOut, err := runCmd(t, nil, "acme-engineering", "--output-file", file)
	if err != nil || out != "" || errOut != "" {
		t.Fatalf("%v, stdout %q, stderr %q", err, out, errOut)
	}
	data, err := os.ReadFile(file)
	if err != nil || !strings.HasPrefix(string(data), "<!DOCTYPE html>") {
		t.Errorf("%s: %v, %.40q", file, err, data)
	}
	// A run that draws nothing leaves the file as it was.
	if err := os.WriteFile(file, []byte("before"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, nil, "acme-enginering", "--output-file", file); err == nil {
		t.Fatal("an unknown ladder is not an error")
	}
	if data, _ := os.ReadFile(file); string(data) != "before" {
		t.Errorf("the file was changed by a failed run: %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
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
		{[]string{bad}, bad + ":5:"},
		{[]string{"nowhere.yaml"}, "nowhere.yaml: no such file"},
	} {
		out, _, err := runCmd(t, nil, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) || out != "" {
			t.Errorf("%q: %v (stdout %q), want an error with %q", tc.args, err, out, tc.want)
		}
	}
}

// A policy that cannot be loaded does not stop the picture: it is drawn with the findings
// that could be made, and the run exits 2 with one problem naming the directory, for
// ladderctl to print.
func TestRunIncompleteStillDraws(t *testing.T) {
	cfg := &config.Config{Dir: ".", Policies: []string{filepath.Join(t.TempDir(), "missing")}}
	out, errOut, err := runCmd(t, cfg, "docs/examples/unhealthy.yaml")
	var exit *cli.ExitError
	if !errors.As(err, &exit) || exit.Code != cli.ExitIncomplete {
		t.Fatalf("err = %v, want exit 2", err)
	}
	if !strings.Contains(out, ">parity/pay</text>") {
		t.Error("the picture was not drawn with the built-in rules' findings")
	}
	var problems diag.List
	if !errors.As(err, &problems) || len(problems) != 1 || !strings.Contains(problems[0].Error(), "missing") {
		t.Errorf("err = %v, want one problem naming the missing directory", err)
	}
	if errOut != "" {
		t.Errorf("stderr = %q, want nothing: the error is returned, not printed", errOut)
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
