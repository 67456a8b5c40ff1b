package policy

import (
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cli/clitest"
	"github.com/ladderctl/ladderctl/internal/config"
)

// parse runs the flag handling of policy list or policy show with run replaced, and returns
// the options it built.
func parse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	return clitest.Parse(t, clitest.New(cfg, env, false), NewCmdPolicy, args...)
}

// mustParse is parse for arguments that must be accepted.
func mustParse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) *Options {
	t.Helper()
	return clitest.MustParse(t, clitest.New(cfg, env, false), NewCmdPolicy, args...)
}

func join(s []string) string { return strings.Join(s, ",") }

func TestDefaults(t *testing.T) {
	for _, args := range [][]string{{"list"}, {"show", "parity/pay"}} {
		o := mustParse(t, nil, nil, args...)
		if !o.Builtin || len(o.Dirs) != 0 || len(o.Namespaces) != 0 || len(o.Rules) != 0 {
			t.Errorf("%q: defaults = %+v", args, o)
		}
	}
	if o := mustParse(t, nil, nil, "show", "parity/pay"); o.RuleID != "parity/pay" {
		t.Errorf("show: rule %q", o.RuleID)
	}
	if o := mustParse(t, nil, nil, "list"); o.RuleID != "" {
		t.Errorf("list: rule %q", o.RuleID)
	}
}

func TestFlags(t *testing.T) {
	for _, args := range [][]string{
		{"list", "-p", "a", "--policy", "b", "--no-builtin"},
		{"show", "acme/rule", "-p", "a", "-p", "b", "--no-builtin"},
	} {
		o := mustParse(t, nil, nil, args...)
		if o.Builtin || join(o.Dirs) != "a,b" {
			t.Errorf("%q: %+v", args, o)
		}
	}
}

func TestEnvironment(t *testing.T) {
	env := map[string]string{"LADDERCTL_POLICIES": "a b", "LADDERCTL_NO_BUILTIN": "true", "LADDERCTL_NAMESPACES": "acme.*"}
	for _, sub := range [][]string{{"list"}, {"show", "acme/rule"}} {
		o := mustParse(t, nil, env, sub...)
		if o.Builtin || join(o.Dirs) != "a,b" || join(o.Namespaces) != "acme.*" {
			t.Errorf("%q: environment = %+v", sub, o)
		}
		o = mustParse(t, nil, env, append(sub, "-p", "c", "--no-builtin=false")...)
		if !o.Builtin || join(o.Dirs) != "c" {
			t.Errorf("%q: flags over the environment = %+v", sub, o)
		}
	}
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_BUILTIN": "false"}, "list"); o.Builtin {
		t.Error("LADDERCTL_BUILTIN=false leaves the built-in pack on")
	}
}

func TestConfig(t *testing.T) {
	off := false
	cfg := &config.Config{Dir: "repo", Builtin: &off, Policies: []string{"policies"}, Namespaces: []string{"cfg.*"},
		Rules: map[string]config.RuleSetting{"parity/pay": {Severity: "warning"}}}
	o := mustParse(t, cfg, nil, "list")
	if o.Builtin || join(o.Dirs) != "repo/policies" || join(o.Namespaces) != "cfg.*" || o.Rules["parity/pay"].Severity != "warning" {
		t.Errorf("the config is not followed: %+v", o)
	}
	// -p and LADDERCTL_POLICIES add to the config's policies; -p beats the variable.
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_POLICIES": "env"}, "list"); join(o.Dirs) != "repo/policies,env" {
		t.Errorf("LADDERCTL_POLICIES: %v", o.Dirs)
	}
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_POLICIES": "env"}, "show", "x", "-p", "flag"); join(o.Dirs) != "repo/policies,flag" {
		t.Errorf("-p over LADDERCTL_POLICIES: %v", o.Dirs)
	}
	// The environment beats the config's builtin: false and namespaces.
	o = mustParse(t, cfg, map[string]string{"LADDERCTL_BUILTIN": "true", "LADDERCTL_NAMESPACES": "env.*"}, "list")
	if !o.Builtin || join(o.Namespaces) != "env.*" {
		t.Errorf("the environment does not beat the config: %+v", o)
	}
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_BUILTIN": "true"}, "list", "--no-builtin"); o.Builtin {
		t.Error("--no-builtin does not beat LADDERCTL_BUILTIN")
	}
}

func TestInvalid(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"show"}, "policy show takes one rule id"},
		{nil, []string{"show", "a", "b"}, "policy show takes one rule id"},
		{map[string]string{"LADDERCTL_NO_BUILTIN": "maybe"}, []string{"list"}, `LADDERCTL_NO_BUILTIN="maybe" is not a valid value for --no-builtin`},
		{map[string]string{"LADDERCTL_BUILTIN": "maybe"}, []string{"list"}, "LADDERCTL_BUILTIN"},
		{map[string]string{"LADDERCTL_NAMESPACES": "[x"}, []string{"show", "x"}, "not a valid glob"},
	} {
		o, err := parse(t, nil, tc.env, tc.args...)
		if err == nil || !cli.IsUsage(err) || !strings.Contains(err.Error(), tc.want) || o != nil {
			t.Errorf("%q with %v: %v, want a usage error with %q", tc.args, tc.env, err, tc.want)
		}
	}
}

func TestPullPushArgs(t *testing.T) {
	o := mustParse(t, nil, nil, "pull", "oci://127.0.0.1:5000/pack:v1")
	if o.Ref != "oci://127.0.0.1:5000/pack:v1" || o.Sources.PlainHTTP {
		t.Errorf("pull: %+v", o)
	}
	o = mustParse(t, nil, map[string]string{"LADDERCTL_PLAIN_HTTP": "true"}, "push", "pol", "oci://registry.lan/pack:v1")
	if o.Dir != "pol" || o.Ref != "oci://registry.lan/pack:v1" || !o.Sources.PlainHTTP {
		t.Errorf("push with LADDERCTL_PLAIN_HTTP: %+v", o)
	}
	if o := mustParse(t, nil, nil, "pull", "--plain-http", "oci://registry.lan/pack:v1"); !o.Sources.PlainHTTP {
		t.Errorf("pull --plain-http: %+v", o)
	}
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_OFFLINE": "1"}, "pull", "oci://registry.lan/pack:v1"); !o.Sources.Offline {
		t.Errorf("pull with LADDERCTL_OFFLINE: %+v", o)
	}
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_OFFLINE": "1"}, "pull", "--offline=false", "oci://registry.lan/pack:v1"); o.Sources.Offline {
		t.Errorf("pull --offline=false over LADDERCTL_OFFLINE: %+v", o)
	}
	if _, err := parse(t, nil, nil, "push", "--offline", "pol", "oci://registry.lan/pack:v1"); err == nil {
		t.Error("push --offline accepted: a push always reaches the registry")
	}
	for _, args := range [][]string{{"pull"}, {"pull", "pol"}, {"push", "pol"}, {"push", "pol", "registry.lan/pack:v1"}} {
		if _, err := parse(t, nil, nil, args...); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
}
