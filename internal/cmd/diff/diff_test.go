package diff

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
)

func factory(cfg *config.Config, out, errOut *bytes.Buffer) *cli.Factory {
	if cfg == nil {
		cfg = &config.Config{Dir: "."}
	}
	f := &cli.Factory{
		IO:     &cli.IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut, Getenv: func(string) string { return "" }},
		Viper:  cli.NewViper(),
		Config: func() (*config.Config, error) { return cfg, nil },
		Now:    cli.Clock(func(string) string { return "" }),
	}
	if cfg.FailOn != "" { // as the app's factory layers the config under flags and env
		_ = f.Viper.MergeConfigMap(map[string]any{"fail-on": cfg.FailOn})
	}
	return f
}

// parse runs the command's flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, cfg *config.Config, args ...string) (*Options, error) {
	t.Helper()
	var got *Options
	cmd := NewCmdDiff(factory(cfg, &bytes.Buffer{}, &bytes.Buffer{}), func(_ context.Context, o *Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.Execute()
	return got, err
}

func TestDefaults(t *testing.T) {
	o, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.Output != "markdown" || o.FailOn != "error" || o.Timeout != 30*time.Second || o.Base != "" || o.OutputFile != "" || len(o.Paths) != 0 || len(o.Params) != 0 {
		t.Errorf("defaults = %+v", o)
	}
}

func TestFlags(t *testing.T) {
	o, err := parse(t, nil, "--base", "origin/release", "-o", "json", "--output-file", "diff.json", "--fail-on", "warning",
		"--param", "parity_pay_tolerance=0.05", "--timeout", "2s", "ladders/a.yaml", "ladders/b/")
	if err != nil {
		t.Fatal(err)
	}
	if o.Base != "origin/release" || o.Output != "json" || o.OutputFile != "diff.json" || o.FailOn != "warning" || o.Timeout != 2*time.Second {
		t.Errorf("options = %+v", o)
	}
	if strings.Join(o.Paths, ",") != "ladders/a.yaml,ladders/b/" || strings.Join(o.Params, ",") != "parity_pay_tolerance=0.05" {
		t.Errorf("lists = %+v", o)
	}
}

func TestFailOnPrecedence(t *testing.T) {
	cfg := &config.Config{Dir: ".", FailOn: "never"}
	if o, _ := parse(t, cfg); o.FailOn != "never" {
		t.Errorf("the head config's fail-on is not the default: %s", o.FailOn)
	}
	t.Setenv("LADDERCTL_FAIL_ON", "info")
	if o, _ := parse(t, cfg); o.FailOn != "info" {
		t.Errorf("env does not beat the config: %s", o.FailOn)
	}
	if o, _ := parse(t, cfg, "--fail-on", "warning"); o.FailOn != "warning" {
		t.Errorf("the flag does not beat env: %s", o.FailOn)
	}
}

func TestInvalidFlagsAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-o", "sarif"},
		{"--fail-on", "sometimes"},
		{"--timeout", "0s"},
		{"--param", "novalue"},
		{"-"},
		{"--base", "--upload-pack=x"},
	} {
		_, err := parse(t, nil, args...)
		if err == nil || !cli.IsUsage(err) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
}

func TestHelpSaysParamIsForTheHeadOnly(t *testing.T) {
	cmd := NewCmdDiff(factory(nil, &bytes.Buffer{}, &bytes.Buffer{}), nil)
	if usage := cmd.Flags().Lookup("param").Usage; !strings.Contains(usage, "change's side only") {
		t.Errorf("--param help = %q", usage)
	}
}

const ladder = `apiVersion: ladderctl/v1
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
	write(map[string]string{"ladders/acme.yaml": ladder})
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	return write
}

// execute runs the command for real, in the working directory.
func execute(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := NewCmdDiff(factory(nil, &out, &errOut), nil)
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err = cmd.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
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
	write(map[string]string{"ladders/acme.yaml": strings.Replace(ladder, "{id: IC5, title: Staff Engineer, grade: 5, pay: {min: 180000, max: 240000}", "{id: IC5, title: Staff Engineer, grade: 5, pay: {min: 150000, max: 200000}", 1)})
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

	// A ladder the change breaks: exit 2 after the report of what could be checked.
	write(map[string]string{"ladders/acme.yaml": "apiVersion: ladderctl/v1\nkind: Ladder\nmetadata: [\n"})
	out, errOut, err = execute(t, "--base", "main")
	if exitCode(err) != cli.ExitIncomplete || !strings.HasPrefix(out, "## ❌ ladderctl could not check this change in full\n") || !strings.HasPrefix(errOut, "ladderctl: ladders/acme.yaml:") {
		t.Errorf("broken: exit %d, stdout %q, stderr %q", exitCode(err), out, errOut)
	}

	// A ref that does not exist: exit 2, no report.
	out, _, err = execute(t, "--base", "nope")
	if exitCode(err) != cli.ExitIncomplete || out != "" || !strings.Contains(err.Error(), `the git ref "nope" does not exist here`) {
		t.Errorf("bad ref: exit %d, stdout %q, err %v", exitCode(err), out, err)
	}
}
