package lint

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/finding"
)

// parse runs the command's flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	if cfg == nil {
		cfg = &config.Config{Dir: "."}
	}
	f := &cli.Factory{
		IO:     &cli.IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}, Getenv: func(string) string { return "" }},
		Viper:  cli.NewViper(),
		Config: func() (*config.Config, error) { return cfg, nil },
		Now:    cli.Clock(func(string) string { return "" }),
	}
	var got *Options
	cmd := NewCmdLint(f, func(_ context.Context, o *Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.Execute()
	return got, err
}

func TestDefaults(t *testing.T) {
	o, err := parse(t, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.Output != "text" || o.FailOn != "error" || o.Timeout != 30*time.Second || o.Color != "auto" || !o.Builtin {
		t.Errorf("defaults = %+v", o)
	}
	if strings.Join(o.Paths, ",") != "ladders" {
		t.Errorf("default paths = %v", o.Paths)
	}
}

func TestFlags(t *testing.T) {
	o, err := parse(t, nil, nil, "-o", "json", "--fail-on", "warning", "-p", "a", "-p", "b", "-n", "main", "-n", "acme.*",
		"--no-builtin", "--param", "x=1", "--timeout", "2s", "--color", "never", "x.yaml", "y/")
	if err != nil {
		t.Fatal(err)
	}
	if o.Output != "json" || o.FailOn != "warning" || o.Builtin || o.Timeout != 2*time.Second || o.Color != "never" {
		t.Errorf("options = %+v", o)
	}
	if strings.Join(o.Policies, ",") != "a,b" || strings.Join(o.Namespaces, ",") != "main,acme.*" || strings.Join(o.Paths, ",") != "x.yaml,y/" || strings.Join(o.Params, ",") != "x=1" {
		t.Errorf("lists = %+v", o)
	}
}

func TestPrecedence(t *testing.T) {
	off := false
	cfg := &config.Config{Dir: ".", FailOn: "never", Builtin: &off, Policies: []string{"cfgpol"}, Ladders: []string{"cfgladders"}}
	f := func(env map[string]string, args ...string) *Options {
		t.Helper()
		for k, val := range env {
			t.Setenv(k, val)
		}
		fac := &cli.Factory{
			IO:     &cli.IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}, Getenv: func(string) string { return "" }},
			Viper:  cli.NewViper(),
			Config: func() (*config.Config, error) { return cfg, nil },
		}
		_ = fac.Viper.MergeConfigMap(map[string]any{"fail-on": cfg.FailOn, "builtin": *cfg.Builtin})
		var got *Options
		cmd := NewCmdLint(fac, func(_ context.Context, o *Options) error { got = o; return nil })
		cmd.SetArgs(args)
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if o := f(nil); o.FailOn != "never" || o.Builtin || strings.Join(o.Policies, ",") != "cfgpol" || strings.Join(o.Paths, ",") != "cfgladders" {
		t.Errorf("config values not used: %+v", o)
	}
	if o := f(map[string]string{"LADDERCTL_FAIL_ON": "warning"}); o.FailOn != "warning" {
		t.Errorf("env does not beat the config: %s", o.FailOn)
	}
	if o := f(map[string]string{"LADDERCTL_FAIL_ON": "warning"}, "--fail-on", "info"); o.FailOn != "info" {
		t.Errorf("the flag does not beat env: %s", o.FailOn)
	}
	if o := f(nil, "-p", "flagpol"); strings.Join(o.Policies, ",") != "cfgpol,flagpol" {
		t.Errorf("-p should add to the config's policies: %v", o.Policies)
	}
}

func TestInvalidFlagsAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-o", "yaml"},
		{"--fail-on", "sometimes"},
		{"--color", "blue"},
		{"--timeout", "0s"},
		{"--param", "novalue"},
		{"--stdin-filename", "x.yaml", "a.yaml"},
		{"--max-file-size", "0"},
	} {
		_, err := parse(t, nil, nil, args...)
		if err == nil || !cli.IsUsage(err) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
}

func TestReaches(t *testing.T) {
	tests := []struct {
		worst  string
		failOn string
		want   bool
	}{
		{"error", "error", true},
		{"warning", "error", false},
		{"warning", "warning", true},
		{"info", "warning", false},
		{"info", "info", true},
		{"error", "never", false},
		{"", "info", false},
	}
	for _, tt := range tests {
		var worst = parseSev(tt.worst)
		if got := check.Reaches(worst, tt.failOn); got != tt.want {
			t.Errorf("reaches(%s, %s) = %v", tt.worst, tt.failOn, got)
		}
	}
}

func parseSev(s string) finding.Severity {
	if s == "" {
		return 0
	}
	v, _ := finding.ParseSeverity(s)
	return v
}
