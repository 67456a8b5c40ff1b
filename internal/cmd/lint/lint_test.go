package lint

import (
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cli/clitest"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// parse runs the command's flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	return clitest.Parse(t, clitest.New(cfg, env, false), NewCmdLint, args...)
}

// mustParse is parse for arguments that must be accepted.
func mustParse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) *Options {
	t.Helper()
	return clitest.MustParse(t, clitest.New(cfg, env, false), NewCmdLint, args...)
}

func join(s []string) string { return strings.Join(s, ",") }

// outputs writes a run's outputs as format>file, comma-separated.
func outputs(o *Options) string {
	var s []string
	for _, out := range o.Outputs {
		s = append(s, out.Format+">"+out.File)
	}
	return join(s)
}

// -o is repeatable: each FORMAT=FILE to its file, one FORMAT to standard output (or to
// --output-file).
func TestOutputs(t *testing.T) {
	o := mustParse(t, nil, nil, "-o", "text", "-o", "sarif=ladderctl.sarif", "-o", "markdown=summary.md")
	if got, want := outputs(o), "text>,sarif>ladderctl.sarif,markdown>summary.md"; got != want {
		t.Errorf("outputs = %s, want %s", got, want)
	}
	o = mustParse(t, nil, map[string]string{"LADDERCTL_OUTPUT": "github,sarif=a.sarif"})
	if got, want := outputs(o), "github>,sarif>a.sarif"; got != want {
		t.Errorf("outputs from the environment = %s, want %s", got, want)
	}
	o = mustParse(t, nil, nil, "-o", "junit=j.xml", "-o", "json", "--output-file", "r.json")
	if got, want := outputs(o), "junit>j.xml,json>r.json"; got != want {
		t.Errorf("outputs with --output-file = %s, want %s", got, want)
	}
}

func TestDefaults(t *testing.T) {
	o := mustParse(t, nil, nil)
	s := o.Judging
	if outputs(o) != "text>" || o.FailOn != "error" || o.Color != "auto" || o.OutputFile != "" || o.ShowWaived || o.WriteBaseline != "" {
		t.Errorf("defaults = %+v", o)
	}
	if s.Timeout != 30*time.Second || !s.Builtin || s.MaxFileSize != ladder.DefaultMaxFileSize || s.Baseline != "" || s.StdinName != "" || s.Now.IsZero() {
		t.Errorf("default judging = %+v", s)
	}
	if join(s.Paths) != check.DefaultLadders || len(s.Policies) != 0 || len(s.Namespaces) != 0 || len(s.Params) != 0 || len(s.FlagParams) != 0 {
		t.Errorf("default lists = %+v", s)
	}
}

func TestFlags(t *testing.T) {
	o := mustParse(t, nil, nil, "-o", "json", "--fail-on", "warning", "-p", "a", "-p", "b", "-n", "main", "-n", "acme.*",
		"--no-builtin", "--param", "x=1", "--timeout", "2s", "--color", "never", "--max-file-size", "1000",
		"--output-file", "out.json", "--show-waived", "--baseline", "base.json", "x.yaml", "y/")
	s := o.Judging
	if outputs(o) != "json>out.json" || o.FailOn != "warning" || o.Color != "never" || o.OutputFile != "out.json" || !o.ShowWaived {
		t.Errorf("options = %+v", o)
	}
	if s.Builtin || s.Timeout != 2*time.Second || s.MaxFileSize != 1000 || s.Baseline != "base.json" {
		t.Errorf("judging = %+v", s)
	}
	if join(s.Policies) != "a,b" || join(s.Namespaces) != "main,acme.*" || join(s.Paths) != "x.yaml,y/" {
		t.Errorf("lists = %+v", s)
	}
	if s.Params["x"] != 1 || s.FlagParams["x"] != 1 || len(s.Params) != 1 {
		t.Errorf("params = %v, flag params = %v", s.Params, s.FlagParams)
	}

	o = mustParse(t, nil, nil, "-", "--stdin-filename", "ladders/acme.yaml")
	if o.Judging.StdinName != "ladders/acme.yaml" || o.Judging.Stdin == nil || join(o.Judging.Paths) != "-" {
		t.Errorf("stdin: %+v", o.Judging)
	}
	o = mustParse(t, nil, nil, "--baseline", "b.json", "--write-baseline", "./b.json")
	if o.WriteBaseline != "./b.json" || o.Judging.Baseline != "b.json" {
		t.Errorf("--write-baseline over the same file: %+v", o)
	}
}

func TestEnvironment(t *testing.T) {
	o := mustParse(t, nil, map[string]string{
		"LADDERCTL_OUTPUT":        "sarif",
		"LADDERCTL_FAIL_ON":       "info",
		"LADDERCTL_COLOR":         "always",
		"LADDERCTL_POLICIES":      "a, b",
		"LADDERCTL_NAMESPACES":    "main,acme.*",
		"LADDERCTL_NO_BUILTIN":    "true",
		"LADDERCTL_PARAMS":        "x=1 y=true",
		"LADDERCTL_TIMEOUT":       "5s",
		"LADDERCTL_MAX_FILE_SIZE": "2048",
		"LADDERCTL_BASELINE":      "base.json",
		"LADDERCTL_SHOW_WAIVED":   "1",
		"LADDERCTL_OUTPUT_FILE":   "report.sarif",
		"LADDERCTL_LADDERS":       "one.yaml two/",
		cli.NowEnv:                "2027-07-01",
	})
	s := o.Judging
	if outputs(o) != "sarif>report.sarif" || o.FailOn != "info" || o.Color != "always" || o.OutputFile != "report.sarif" || !o.ShowWaived {
		t.Errorf("options = %+v", o)
	}
	if s.Builtin || s.Timeout != 5*time.Second || s.MaxFileSize != 2048 || s.Baseline != "base.json" {
		t.Errorf("judging = %+v", s)
	}
	if join(s.Policies) != "a,b" || join(s.Namespaces) != "main,acme.*" || join(s.Paths) != "one.yaml,two/" {
		t.Errorf("lists = %+v", s)
	}
	if s.Params["x"] != 1 || s.Params["y"] != true || len(s.FlagParams) != 2 {
		t.Errorf("params = %v", s.Params)
	}
	if want := time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC); !s.Now.Equal(want) {
		t.Errorf("now = %v, want %v", s.Now, want)
	}

	// LADDERCTL_BUILTIN has no flag; --no-builtin still turns the pack off.
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_BUILTIN": "false"}); o.Judging.Builtin {
		t.Error("LADDERCTL_BUILTIN=false leaves the built-in pack on")
	}
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_BUILTIN": "true"}, "--no-builtin"); o.Judging.Builtin {
		t.Error("--no-builtin does not beat LADDERCTL_BUILTIN")
	}
	// Arguments beat LADDERCTL_LADDERS.
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_LADDERS": "env/"}, "arg.yaml"); join(o.Judging.Paths) != "arg.yaml" {
		t.Errorf("arguments do not beat LADDERCTL_LADDERS: %v", o.Judging.Paths)
	}
	// An empty variable is no setting.
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_FAIL_ON": "", "LADDERCTL_TIMEOUT": ""}); o.FailOn != "error" || o.Judging.Timeout != 30*time.Second {
		t.Errorf("empty variables: %+v", o)
	}
}

func TestPrecedence(t *testing.T) {
	off := false
	cfg := &config.Config{Dir: ".", FailOn: "never", Builtin: &off, Policies: []string{"cfgpol"}, Ladders: []string{"cfgladders"},
		Namespaces: []string{"cfg.*"}, Baseline: "cfgbase.json", Params: map[string]config.Param{"x": {Value: 0.1}, "y": {Value: "cfg"}}}
	if o := mustParse(t, cfg, nil); o.FailOn != "never" || o.Judging.Builtin || join(o.Judging.Policies) != "cfgpol" ||
		join(o.Judging.Paths) != "cfgladders" || join(o.Judging.Namespaces) != "cfg.*" || o.Judging.Baseline != "cfgbase.json" ||
		o.Judging.Params["x"] != 0.1 || len(o.Judging.FlagParams) != 0 {
		t.Errorf("config values not used: %+v", o.Judging)
	}

	// fail-on: flag > environment > config.
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_FAIL_ON": "warning"}); o.FailOn != "warning" {
		t.Errorf("env does not beat the config: %s", o.FailOn)
	}
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_FAIL_ON": "warning"}, "--fail-on", "info"); o.FailOn != "info" {
		t.Errorf("the flag does not beat env: %s", o.FailOn)
	}

	// Policies: -p and LADDERCTL_POLICIES add to the config's; -p beats the variable.
	if o := mustParse(t, cfg, nil, "-p", "flagpol"); join(o.Judging.Policies) != "cfgpol,flagpol" {
		t.Errorf("-p should add to the config's policies: %v", o.Judging.Policies)
	}
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_POLICIES": "envpol"}); join(o.Judging.Policies) != "cfgpol,envpol" {
		t.Errorf("LADDERCTL_POLICIES should add to the config's policies: %v", o.Judging.Policies)
	}
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_POLICIES": "envpol"}, "-p", "flagpol"); join(o.Judging.Policies) != "cfgpol,flagpol" {
		t.Errorf("-p does not beat LADDERCTL_POLICIES: %v", o.Judging.Policies)
	}

	// Namespaces: replace the config's.
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_NAMESPACES": "env.*"}); join(o.Judging.Namespaces) != "env.*" {
		t.Errorf("LADDERCTL_NAMESPACES does not beat the config: %v", o.Judging.Namespaces)
	}
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_NAMESPACES": "env.*"}, "-n", "flag.*"); join(o.Judging.Namespaces) != "flag.*" {
		t.Errorf("-n does not beat LADDERCTL_NAMESPACES: %v", o.Judging.Namespaces)
	}

	// Params: layered over the config's, key by key.
	o := mustParse(t, cfg, map[string]string{"LADDERCTL_PARAMS": "x=0.2"})
	if o.Judging.Params["x"] != 0.2 || o.Judging.Params["y"] != "cfg" || len(o.Judging.FlagParams) != 1 {
		t.Errorf("LADDERCTL_PARAMS over the config: %v", o.Judging.Params)
	}
	o = mustParse(t, cfg, map[string]string{"LADDERCTL_PARAMS": "x=0.2"}, "--param", "x=0.3")
	if o.Judging.Params["x"] != 0.3 || o.Judging.Params["y"] != "cfg" {
		t.Errorf("--param does not beat LADDERCTL_PARAMS: %v", o.Judging.Params)
	}

	// The built-in pack: LADDERCTL_BUILTIN beats the config's builtin: false.
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_BUILTIN": "true"}); !o.Judging.Builtin {
		t.Error("LADDERCTL_BUILTIN does not beat the config")
	}

	// Ladders and baseline: environment over the config.
	o = mustParse(t, cfg, map[string]string{"LADDERCTL_LADDERS": "envladders", "LADDERCTL_BASELINE": "envbase.json"})
	if join(o.Judging.Paths) != "envladders" || o.Judging.Baseline != "envbase.json" {
		t.Errorf("environment over the config: %+v", o.Judging)
	}
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_BASELINE": "envbase.json"}, "--baseline", "flagbase.json"); o.Judging.Baseline != "flagbase.json" {
		t.Errorf("--baseline does not beat LADDERCTL_BASELINE: %s", o.Judging.Baseline)
	}

	// Timeout: flag over environment.
	if o := mustParse(t, cfg, map[string]string{"LADDERCTL_TIMEOUT": "7s"}, "--timeout", "3s"); o.Judging.Timeout != 3*time.Second {
		t.Errorf("--timeout does not beat LADDERCTL_TIMEOUT: %v", o.Judging.Timeout)
	}
}

// A config's paths are relative to its directory.
func TestConfigPathsAreResolved(t *testing.T) {
	cfg := &config.Config{Dir: "repo", Ladders: []string{"ladders"}, Policies: []string{"policies"}, Baseline: "base.json"}
	o := mustParse(t, cfg, nil)
	if join(o.Judging.Paths) != "repo/ladders" || join(o.Judging.Policies) != "repo/policies" || o.Judging.Baseline != "repo/base.json" {
		t.Errorf("config paths = %+v", o.Judging)
	}
	if o.Judging.Config != cfg {
		t.Error("the settings do not carry the config")
	}
}

func TestInvalidFlagsAreUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"-o", "yaml"}, `"yaml"`},
		{nil, []string{"-o", "yaml=x.yaml"}, `"yaml"`},
		{nil, []string{"-o", "sarif="}, "-o sarif= names no file"},
		{nil, []string{"-o", "text", "-o", "github"}, "-o text, -o github would all write to standard output; give all but one a file: -o github=FILE"},
		{nil, []string{"-o", "sarif=a.sarif", "-o", "json=./a.sarif"}, "-o sarif and -o json both write ./a.sarif"},
		{nil, []string{"-o", "text", "-o", "json", "--output-file", "r"}, "--output-file names the file of one -o, but text and json have none"},
		{nil, []string{"-o", "sarif=a.sarif", "--output-file", "r"}, "every -o has its own file"},
		{nil, []string{"--fail-on", "sometimes"}, `fail-on "sometimes" (from --fail-on, LADDERCTL_FAIL_ON or the config) is not one of error, warning, info, never`},
		{nil, []string{"--color", "blue"}, `color "blue" (from --color or LADDERCTL_COLOR) is not one of auto, always, never`},
		{nil, []string{"--timeout", "0s"}, "must be a positive duration"},
		{nil, []string{"--param", "novalue"}, "KEY=VALUE"},
		{nil, []string{"--stdin-filename", "x.yaml", "a.yaml"}, "add - to the paths"},
		{nil, []string{"--max-file-size", "0"}, "must be a positive number of bytes"},
		{nil, []string{"-n", "[x"}, "not a valid glob"},
		{nil, []string{"--baseline", "a.json", "--write-baseline", "b.json"}, "give one"},
		{map[string]string{"LADDERCTL_FAIL_ON": "sometimes"}, nil, `fail-on "sometimes" (from --fail-on, LADDERCTL_FAIL_ON or the config)`},
		{map[string]string{"LADDERCTL_OUTPUT": "yaml"}, nil, `"yaml"`},
		{map[string]string{"LADDERCTL_TIMEOUT": "soon"}, nil, `LADDERCTL_TIMEOUT="soon" is not a valid value for --timeout`},
		{map[string]string{"LADDERCTL_TIMEOUT": "-1s"}, nil, "must be a positive duration"},
		{map[string]string{"LADDERCTL_MAX_FILE_SIZE": "big"}, nil, `LADDERCTL_MAX_FILE_SIZE="big" is not a valid value for --max-file-size`},
		{map[string]string{"LADDERCTL_NO_BUILTIN": "maybe"}, nil, `LADDERCTL_NO_BUILTIN="maybe"`},
		{map[string]string{"LADDERCTL_BUILTIN": "maybe"}, nil, `LADDERCTL_BUILTIN="maybe" must be true or false`},
		{map[string]string{"LADDERCTL_PARAMS": "novalue"}, nil, "KEY=VALUE"},
		{map[string]string{"LADDERCTL_NAMESPACES": "[x"}, nil, "not a valid glob"},
		{map[string]string{cli.NowEnv: "tomorrow"}, nil, "LADDERCTL_NOW"},
	} {
		o, err := parse(t, nil, tc.env, tc.args...)
		if err == nil || !cli.IsUsage(err) || !strings.Contains(err.Error(), tc.want) || o != nil {
			t.Errorf("%q with %v: err = %v, want a usage error with %q", tc.args, tc.env, err, tc.want)
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

// --offline and --plain-http reach the judging settings, flag over LADDERCTL_*, so that
// every pull of the run (diff's base side too) reaches registries the same way.
func TestRegistrySettings(t *testing.T) {
	if o := mustParse(t, nil, nil); o.Judging.Sources.Offline || o.Judging.Sources.PlainHTTP {
		t.Errorf("defaults: %+v", o.Judging.Sources)
	}
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_OFFLINE": "true", "LADDERCTL_PLAIN_HTTP": "1"}); !o.Judging.Sources.Offline || !o.Judging.Sources.PlainHTTP {
		t.Errorf("from the environment: %+v", o.Judging.Sources)
	}
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_OFFLINE": "true"}, "--offline=false"); o.Judging.Sources.Offline {
		t.Errorf("--offline=false does not beat LADDERCTL_OFFLINE: %+v", o.Judging.Sources)
	}
	if o := mustParse(t, nil, nil, "--offline"); !o.Judging.Sources.Offline {
		t.Errorf("--offline: %+v", o.Judging.Sources)
	}
	if _, err := parse(t, nil, map[string]string{"LADDERCTL_OFFLINE": "perhaps"}); err == nil || !strings.Contains(err.Error(), "LADDERCTL_OFFLINE") {
		t.Errorf("LADDERCTL_OFFLINE=perhaps: %v", err)
	}
}
