package render

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// factory gives a command buffers for streams, an environment and a config.
func factory(cfg *config.Config, env map[string]string) (*cli.Factory, *bytes.Buffer, *bytes.Buffer) {
	if cfg == nil {
		cfg = &config.Config{Dir: "."}
	}
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	return &cli.Factory{
		IO:     &cli.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: getenv},
		Viper:  cli.NewViper(),
		Config: func() (*config.Config, error) { return cfg, nil },
		Now:    cli.Clock(getenv),
	}, &out, &errOut
}

// parse runs the flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, f *cli.Factory, args ...string) (*Options, error) {
	t.Helper()
	if f == nil {
		f, _, _ = factory(nil, nil)
	}
	var got *Options
	cmd := NewCmdRender(f, func(_ context.Context, o *Options) error { got = o; return nil })
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
	if o.Arg != "acme" || o.Output != "svg" || o.OutputFile != "" || o.Timeout != 30*time.Second || o.MaxFileSize != ladder.DefaultMaxFileSize || !o.Builtin {
		t.Errorf("defaults = %+v", o)
	}
	if strings.Join(o.Paths, ",") != "ladders" {
		t.Errorf("paths = %v", o.Paths)
	}
}

func TestFlags(t *testing.T) {
	o, err := parse(t, nil, "x.yaml", "-o", "html", "--output-file", "out.html", "--ladder", "eng",
		"--param", "parity_pay_tolerance=0.05", "--timeout", "5s", "--max-file-size", "1000")
	if err != nil {
		t.Fatal(err)
	}
	if o.Output != "html" || o.OutputFile != "out.html" || o.Ladder != "eng" || o.Timeout != 5*time.Second || o.MaxFileSize != 1000 ||
		strings.Join(o.Params, ",") != "parity_pay_tolerance=0.05" {
		t.Errorf("options = %+v", o)
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
		o, err := parse(t, nil, append([]string{"acme"}, tc.args...)...)
		if err != nil || o.Output != tc.want {
			t.Errorf("%q: output %v, %v; want %s", tc.args, o, err, tc.want)
		}
	}
}

func TestSettingsFromEnvironmentAndConfig(t *testing.T) {
	t.Setenv("LADDERCTL_TIMEOUT", "7s")
	t.Setenv("LADDERCTL_OUTPUT", "sarif") // lint's format: render must not read it
	o, err := parse(t, nil, "acme")
	if err != nil || o.Timeout != 7*time.Second || o.Output != "svg" {
		t.Errorf("env: %+v, %v", o, err)
	}
	o, err = parse(t, nil, "acme", "--timeout", "3s")
	if err != nil || o.Timeout != 3*time.Second {
		t.Errorf("the flag does not beat the environment: %+v, %v", o, err)
	}

	off := false
	cfg := &config.Config{Dir: ".", Builtin: &off, Policies: []string{"pol"}, Ladders: []string{"elsewhere"}, Namespaces: []string{"acme.*"}}
	f, _, _ := factory(cfg, nil)
	if err := f.Viper.MergeConfigMap(map[string]any{"builtin": false, "namespaces": cfg.Namespaces}); err != nil {
		t.Fatal(err)
	}
	o, err = parse(t, f, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if o.Builtin || strings.Join(o.Policies, ",") != "pol" || strings.Join(o.Paths, ",") != "elsewhere" || strings.Join(o.Namespaces, ",") != "acme.*" {
		t.Errorf("the config is not followed: %+v", o)
	}
}

func TestInvalid(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "name a ladder to render"},
		{[]string{"a", "b"}, "render takes one ladder, not 2"},
		{[]string{"a", "-o", "png"}, `unknown output format "png" (use svg, html, markdown)`},
		{[]string{"a", "--output-file", ""}, "--output-file needs a file name"},
		{[]string{"a", "--timeout", "0s"}, "--timeout"},
		{[]string{"a", "--max-file-size", "0"}, "--max-file-size"},
		{[]string{"a", "--param", "nokey"}, "KEY=VALUE"},
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
func runCmd(t *testing.T, cfg *config.Config, args ...string) (string, string, error) {
	t.Helper()
	t.Chdir(root)
	f, out, errOut := factory(cfg, map[string]string{cli.NowEnv: "2026-01-15"})
	cmd := NewCmdRender(f, nil)
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
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
// that could be made, and the run exits 2, saying why.
func TestRunIncompleteStillDraws(t *testing.T) {
	cfg := &config.Config{Dir: ".", Policies: []string{filepath.Join(t.TempDir(), "missing")}}
	out, errOut, err := runCmd(t, cfg, "docs/examples/unhealthy.yaml")
	if !errors.Is(err, cli.ErrIncomplete) {
		t.Errorf("err = %v, want exit 2", err)
	}
	if !strings.Contains(out, ">parity/pay</text>") {
		t.Error("the picture was not drawn with the built-in rules' findings")
	}
	if !strings.HasPrefix(errOut, "ladderctl: ") || !strings.Contains(errOut, "missing") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr = %q, want one line naming the missing directory", errOut)
	}
}
