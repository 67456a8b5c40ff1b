package test

import (
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cli/clitest"
	"github.com/ladderctl/ladderctl/internal/config"
)

// parse runs the flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	return clitest.Parse(t, clitest.New(cfg, env, false), NewCmdTest, args...)
}

// mustParse is parse for arguments that must be accepted.
func mustParse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) *Options {
	t.Helper()
	return clitest.MustParse(t, clitest.New(cfg, env, false), NewCmdTest, args...)
}

func join(s []string) string { return strings.Join(s, ",") }

func TestDefaults(t *testing.T) {
	o := mustParse(t, nil, nil, "policies")
	if join(o.Dirs) != "policies" || o.Output != "text" || o.Run != "" || !o.Builtin || len(o.Params) != 0 || o.Timeout != 30*time.Second || o.Verbose {
		t.Errorf("defaults = %+v", o)
	}
}

func TestFlags(t *testing.T) {
	o := mustParse(t, nil, nil, "a", "b/", "-o", "junit", "--run", "test_ninja.*", "--no-builtin", "--param", "x=0.05", "--param", "y=true",
		"--timeout", "2s", "-v")
	if join(o.Dirs) != "a,b/" || o.Output != "junit" || o.Run != "test_ninja.*" || o.Builtin || o.Timeout != 2*time.Second || !o.Verbose {
		t.Errorf("options = %+v", o)
	}
	if o.Params["x"] != 0.05 || o.Params["y"] != true || len(o.Params) != 2 {
		t.Errorf("params = %v", o.Params)
	}
}

func TestEnvironment(t *testing.T) {
	env := map[string]string{
		"LADDERCTL_OUTPUT":     "json",
		"LADDERCTL_RUN":        "test_a",
		"LADDERCTL_NO_BUILTIN": "true",
		"LADDERCTL_PARAMS":     "x=1,y=2",
		"LADDERCTL_TIMEOUT":    "5s",
		"LADDERCTL_VERBOSE":    "true",
		"LADDERCTL_POLICIES":   "envpol",
	}
	o := mustParse(t, nil, env)
	if join(o.Dirs) != "envpol" || o.Output != "json" || o.Run != "test_a" || o.Builtin || o.Timeout != 5*time.Second || !o.Verbose || o.Params["x"] != 1 || o.Params["y"] != 2 {
		t.Errorf("environment = %+v", o)
	}
	o = mustParse(t, nil, env, "argpol", "-o", "text", "--run", "test_b", "--no-builtin=false", "--param", "x=3", "--timeout", "1s", "-v=false")
	if join(o.Dirs) != "argpol" || o.Output != "text" || o.Run != "test_b" || !o.Builtin || o.Timeout != time.Second || o.Verbose || o.Params["x"] != 3 || o.Params["y"] != nil {
		t.Errorf("flags over the environment = %+v", o)
	}
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_BUILTIN": "false"}, "p"); o.Builtin {
		t.Error("LADDERCTL_BUILTIN=false leaves the built-in pack on")
	}
}

func TestConfig(t *testing.T) {
	off := false
	cfg := &config.Config{Dir: "repo", Builtin: &off, Policies: []string{"policies"}, Params: map[string]config.Param{"x": {Value: 0.1}, "z": {Value: "cfg"}}}
	o := mustParse(t, cfg, nil)
	if join(o.Dirs) != "repo/policies" || o.Builtin || o.Params["x"] != 0.1 || o.Params["z"] != "cfg" {
		t.Errorf("the config is not followed: %+v", o)
	}
	// LADDERCTL_POLICIES adds to the config's policies; DIRs replace both.
	o = mustParse(t, cfg, map[string]string{"LADDERCTL_POLICIES": "envpol", "LADDERCTL_PARAMS": "x=0.2", "LADDERCTL_BUILTIN": "true"})
	if join(o.Dirs) != "repo/policies,envpol" || !o.Builtin || o.Params["x"] != 0.2 || o.Params["z"] != "cfg" {
		t.Errorf("the environment over the config: %+v", o)
	}
	o = mustParse(t, cfg, map[string]string{"LADDERCTL_POLICIES": "envpol", "LADDERCTL_PARAMS": "x=0.2"}, "argpol", "--param", "x=0.3")
	if join(o.Dirs) != "argpol" || o.Params["x"] != 0.3 || o.Params["z"] != "cfg" {
		t.Errorf("arguments and flags over the environment: %+v", o)
	}
}

func TestInvalid(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, nil, "no policy directory to test"},
		{nil, []string{"p", "-o", "sarif"}, `unknown output format "sarif" (use text, json, junit)`},
		{nil, []string{"p", "--run", "test_("}, `--run "test_(" is not a regular expression`},
		{nil, []string{"p", "--timeout", "0s"}, "must be a positive duration"},
		{nil, []string{"p", "--param", "novalue"}, "KEY=VALUE"},
		{map[string]string{"LADDERCTL_OUTPUT": "sarif"}, []string{"p"}, `unknown output format "sarif" (use text, json, junit)`},
		{map[string]string{"LADDERCTL_RUN": "test_("}, []string{"p"}, `--run "test_(" is not a regular expression`},
		{map[string]string{"LADDERCTL_TIMEOUT": "soon"}, []string{"p"}, `LADDERCTL_TIMEOUT="soon" is not a valid value for --timeout`},
		{map[string]string{"LADDERCTL_VERBOSE": "loud"}, []string{"p"}, `LADDERCTL_VERBOSE="loud" is not a valid value for --verbose`},
		{map[string]string{"LADDERCTL_PARAMS": "novalue"}, []string{"p"}, "KEY=VALUE"},
	} {
		o, err := parse(t, nil, tc.env, tc.args...)
		if err == nil || !cli.IsUsage(err) || !strings.Contains(err.Error(), tc.want) || o != nil {
			t.Errorf("%q with %v: %v, want a usage error with %q", tc.args, tc.env, err, tc.want)
		}
	}
}
