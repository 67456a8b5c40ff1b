package diff

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cli/clitest"
	"github.com/ladderctl/ladderctl/internal/config"
)

// parse runs the command's flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	return clitest.Parse(t, clitest.New(cfg, env, false), NewCmdDiff, args...)
}

// mustParse is parse for arguments that must be accepted.
func mustParse(t *testing.T, cfg *config.Config, env map[string]string, args ...string) *Options {
	t.Helper()
	return clitest.MustParse(t, clitest.New(cfg, env, false), NewCmdDiff, args...)
}

// outputs writes a run's outputs as format>file, comma-separated.
func outputs(o *Options) string {
	var s []string
	for _, out := range o.Outputs {
		s = append(s, out.Format+">"+out.File)
	}
	return strings.Join(s, ",")
}

func TestOutputs(t *testing.T) {
	o := mustParse(t, nil, nil, "--base", "main", "-o", "text", "-o", "markdown=comment.md", "-o", "json=diff.json")
	if got, want := outputs(o), "text>,markdown>comment.md,json>diff.json"; got != want {
		t.Errorf("outputs = %s, want %s", got, want)
	}
	if _, err := parse(t, nil, nil, "-o", "text", "-o", "json"); err == nil || !strings.Contains(err.Error(), "standard output") {
		t.Errorf("two outputs to standard output: err = %v", err)
	}
}

func TestDefaults(t *testing.T) {
	o := mustParse(t, nil, nil)
	if outputs(o) != "markdown>" || o.FailOn != "error" || o.Base != "" || o.OutputFile != "" || len(o.Paths) != 0 {
		t.Errorf("defaults = %+v", o)
	}
	if s := o.Judging; s.Timeout != 30*time.Second || !s.Builtin || len(s.Params) != 0 || len(s.FlagParams) != 0 || strings.Join(s.Paths, ",") != "ladders" {
		t.Errorf("default judging = %+v", s)
	}
}

func TestFlags(t *testing.T) {
	o := mustParse(t, nil, nil, "--base", "origin/release", "-o", "json", "--output-file", "diff.json", "--fail-on", "warning",
		"--param", "parity_pay_tolerance=0.05", "--timeout", "2s", "ladders/a.yaml", "ladders/b/")
	if o.Base != "origin/release" || outputs(o) != "json>diff.json" || o.OutputFile != "diff.json" || o.FailOn != "warning" || o.Judging.Timeout != 2*time.Second {
		t.Errorf("options = %+v", o)
	}
	if strings.Join(o.Paths, ",") != "ladders/a.yaml,ladders/b/" || strings.Join(o.Judging.Paths, ",") != "ladders/a.yaml,ladders/b/" {
		t.Errorf("paths = %v, judged %v", o.Paths, o.Judging.Paths)
	}
	if o.Judging.FlagParams["parity_pay_tolerance"] != 0.05 || o.Judging.Params["parity_pay_tolerance"] != 0.05 {
		t.Errorf("params = %v", o.Judging.Params)
	}
}

func TestEnvironment(t *testing.T) {
	env := map[string]string{
		"LADDERCTL_BASE":        "origin/release",
		"LADDERCTL_OUTPUT":      "text",
		"LADDERCTL_OUTPUT_FILE": "diff.txt",
		"LADDERCTL_FAIL_ON":     "info",
		"LADDERCTL_PARAMS":      "parity_pay_tolerance=0.05,other=x",
		"LADDERCTL_TIMEOUT":     "9s",
		"LADDERCTL_BUILTIN":     "false",
		"LADDERCTL_POLICIES":    "pol",
		"LADDERCTL_NAMESPACES":  "acme.*",
	}
	o := mustParse(t, nil, env)
	s := o.Judging
	if o.Base != "origin/release" || outputs(o) != "text>diff.txt" || o.OutputFile != "diff.txt" || o.FailOn != "info" || s.Timeout != 9*time.Second {
		t.Errorf("environment: %+v", o)
	}
	if s.Params["parity_pay_tolerance"] != 0.05 || s.Params["other"] != "x" || s.Builtin || strings.Join(s.Policies, ",") != "pol" || strings.Join(s.Namespaces, ",") != "acme.*" {
		t.Errorf("environment judging: %+v", s)
	}
	o = mustParse(t, nil, env, "--base", "main", "-o", "json", "--fail-on", "never", "--param", "parity_pay_tolerance=0.1", "--timeout", "1s")
	if s := o.Judging; o.Base != "main" || outputs(o) != "json>diff.txt" || o.FailOn != "never" || s.Timeout != time.Second || s.Params["parity_pay_tolerance"] != 0.1 || s.Params["other"] != nil {
		t.Errorf("flags over the environment: %+v, %+v", o, s)
	}
	// LADDERCTL_LADDERS narrows both sides, as PATHs do; PATHs beat it.
	o = mustParse(t, nil, map[string]string{"LADDERCTL_LADDERS": "elsewhere, there"})
	if strings.Join(o.Paths, ",") != "elsewhere,there" || strings.Join(o.Judging.Paths, ",") != "elsewhere,there" {
		t.Errorf("LADDERCTL_LADDERS: paths %v, judged %v", o.Paths, o.Judging.Paths)
	}
	o = mustParse(t, nil, map[string]string{"LADDERCTL_LADDERS": "elsewhere"}, "here.yaml")
	if strings.Join(o.Paths, ",") != "here.yaml" || strings.Join(o.Judging.Paths, ",") != "here.yaml" {
		t.Errorf("PATHs over LADDERCTL_LADDERS: paths %v, judged %v", o.Paths, o.Judging.Paths)
	}
	// The config's ladders are the head's; they do not narrow the base.
	o = mustParse(t, &config.Config{Dir: ".", Ladders: []string{"cfgladders"}}, nil)
	if len(o.Paths) != 0 || strings.Join(o.Judging.Paths, ",") != "cfgladders" {
		t.Errorf("the config's ladders: paths %v, judged %v", o.Paths, o.Judging.Paths)
	}
}

func TestFailOnPrecedence(t *testing.T) {
	cfg := &config.Config{Dir: ".", FailOn: "never"}
	if o := mustParse(t, cfg, nil); o.FailOn != "never" {
		t.Errorf("the head config's fail-on is not the default: %s", o.FailOn)
	}
	env := map[string]string{"LADDERCTL_FAIL_ON": "info"}
	if o := mustParse(t, cfg, env); o.FailOn != "info" {
		t.Errorf("env does not beat the config: %s", o.FailOn)
	}
	if o := mustParse(t, cfg, env, "--fail-on", "warning"); o.FailOn != "warning" {
		t.Errorf("the flag does not beat env: %s", o.FailOn)
	}
}

func TestInvalidFlagsAreUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"-o", "sarif"}, `"sarif"`},
		{nil, []string{"--fail-on", "sometimes"}, `fail-on "sometimes" (from --fail-on, LADDERCTL_FAIL_ON or the config) is not one of error, warning, info, never`},
		{nil, []string{"--timeout", "0s"}, "must be a positive duration"},
		{nil, []string{"--param", "novalue"}, "KEY=VALUE"},
		{nil, []string{"-"}, "not from standard input"},
		{nil, []string{"--base", "--upload-pack=x"}, "is not a git ref"},
		{map[string]string{"LADDERCTL_BASE": "--upload-pack=x"}, nil, `--base "--upload-pack=x" is not a git ref`},
		{map[string]string{"LADDERCTL_FAIL_ON": "sometimes"}, nil, `fail-on "sometimes" (from --fail-on, LADDERCTL_FAIL_ON or the config)`},
		{map[string]string{"LADDERCTL_OUTPUT": "sarif"}, nil, `"sarif"`},
		{map[string]string{"LADDERCTL_TIMEOUT": "soon"}, nil, `LADDERCTL_TIMEOUT="soon" is not a valid value for --timeout`},
		{map[string]string{"LADDERCTL_PARAMS": "novalue"}, nil, "KEY=VALUE"},
		{map[string]string{"LADDERCTL_LADDERS": "-"}, nil, "not from standard input"},
	} {
		o, err := parse(t, nil, tc.env, tc.args...)
		if err == nil || !cli.IsUsage(err) || !strings.Contains(err.Error(), tc.want) || o != nil {
			t.Errorf("%q with %v: err = %v, want a usage error with %q", tc.args, tc.env, err, tc.want)
		}
	}
}

func TestHelpSaysParamIsForTheHeadOnly(t *testing.T) {
	cmd := NewCmdDiff(clitest.New(nil, nil, false).F, nil)
	if usage := cmd.Flags().Lookup("param").Usage; !strings.Contains(usage, "change's side only") {
		t.Errorf("--param help = %q", usage)
	}
}

const acmeLadder = `apiVersion: ladderctl/v1
kind: Ladder
metadata:
  name: acme
spec:
  currency: USD
  tracks:
    - id: ic
      name: IC
      type: ic
      levels:
        - {id: IC5, title: Staff Engineer, grade: 5, pay: {min: 180000, max: 240000}, summary: x}
        - {id: IC6, title: Principal Engineer, grade: 6, pay: {min: 220000, max: 300000}, summary: x}
    - id: mgmt
      name: Management
      type: management
      levels:
        - {id: M1, title: Engineering Manager, grade: 5, pay: {min: 180000, max: 240000}, summary: x}
  transitions:
    - {from: IC5, to: M1}
    - {from: M1, to: IC5}
`

// repo makes a repository with one commit on main and works in it.
func repo(t *testing.T) func(files map[string]string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(files map[string]string) {
		for name, content := range files {
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	write(map[string]string{"ladders/acme.yaml": acmeLadder})
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	return write
}

// execute runs the command for real, in the working directory.
func execute(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	h := clitest.New(nil, nil, false)
	err = h.Execute(NewCmdDiff(h.F, nil), args...)
	return h.Out.String(), h.ErrOut.String(), err
}

func exitCode(err error) int {
	var exit *cli.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.Code
	}
	return cli.ExitIncomplete
}

func TestRunExitCodes(t *testing.T) {
	write := repo(t)

	out, errOut, err := execute(t, "--base", "main")
	if exitCode(err) != 0 || !strings.HasPrefix(out, "## ✅ This change introduces no findings\n") || errOut != "" {
		t.Errorf("clean: exit %d, stdout %q, stderr %q", exitCode(err), out, errOut)
	}

	// A parity gap the change introduces fails it.
	write(map[string]string{"ladders/acme.yaml": strings.Replace(acmeLadder, "{id: IC5, title: Staff Engineer, grade: 5, pay: {min: 180000, max: 240000}", "{id: IC5, title: Staff Engineer, grade: 5, pay: {min: 150000, max: 200000}", 1)})
	out, _, err = execute(t, "--base", "main", "-o", "text")
	if exitCode(err) != cli.ExitFindings || !strings.HasPrefix(out, "This change introduces 1 finding.\n") || !strings.Contains(out, " error parity/pay: IC5 Staff Engineer") {
		t.Errorf("gap: exit %d, stdout:\n%s", exitCode(err), out)
	}
	// Below fail-on it does not.
	if _, _, err = execute(t, "--base", "main", "--fail-on", "never"); exitCode(err) != 0 {
		t.Errorf("--fail-on never: exit %d", exitCode(err))
	}

	// The report goes to a file, written whole; stdout stays empty.
	out, _, err = execute(t, "--base", "main", "-o", "json", "--output-file", "diff.json")
	data, rerr := os.ReadFile("diff.json")
	if exitCode(err) != cli.ExitFindings || out != "" || rerr != nil || !bytes.Contains(data, []byte(`"introduced": 1,`)) {
		t.Errorf("--output-file: exit %d, stdout %q, file %s (%v)", exitCode(err), out, data, rerr)
	}

	// A ladder the change breaks: exit 2 after the report of what could be checked, with the
	// error for ladderctl to print on stderr.
	write(map[string]string{"ladders/acme.yaml": "apiVersion: ladderctl/v1\nkind: Ladder\nmetadata: [\n"})
	out, errOut, err = execute(t, "--base", "main")
	if exitCode(err) != cli.ExitIncomplete || !strings.HasPrefix(out, "## ❌ ladderctl could not check this change in full\n") || errOut != "" ||
		!strings.HasPrefix(err.Error(), "ladders/acme.yaml:") {
		t.Errorf("broken: exit %d, stdout %q, stderr %q, err %v", exitCode(err), out, errOut, err)
	}

	// A ref that does not exist: exit 2, no report.
	out, _, err = execute(t, "--base", "nope")
	if exitCode(err) != cli.ExitIncomplete || out != "" || !strings.Contains(err.Error(), `the git ref "nope" does not exist here`) {
		t.Errorf("bad ref: exit %d, stdout %q, err %v", exitCode(err), out, err)
	}
}

// --offline and --plain-http reach the head's settings, which diff's base side pulls its
// own packs with.
func TestRegistrySettings(t *testing.T) {
	if o := mustParse(t, nil, map[string]string{"LADDERCTL_OFFLINE": "true"}, "--plain-http"); !o.Judging.Sources.Offline || !o.Judging.Sources.PlainHTTP {
		t.Errorf("diff: %+v", o.Judging.Sources)
	}
}
