package version

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cli/clitest"
	"github.com/ladderctl/ladderctl/internal/version"
)

// parse runs the flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	return clitest.Parse(t, clitest.New(nil, env, false), NewCmdVersion, args...)
}

func TestFlags(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, nil, "text"},
		{nil, []string{"-o", "json"}, "json"},
		{map[string]string{"LADDERCTL_OUTPUT": "json"}, nil, "json"},
		{map[string]string{"LADDERCTL_OUTPUT": "json"}, []string{"-o", "text"}, "text"},
		{map[string]string{"LADDERCTL_OUTPUT": "sarif"}, []string{"-o", "text"}, "text"},
	} {
		got, err := parse(t, c.env, c.args...)
		if err != nil || got.Output != c.want {
			t.Errorf("%q with %v: %v %+v, want -o %s", c.args, c.env, err, got, c.want)
		}
	}
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"-o", "sarif"}, `unknown output format "sarif" (use text, json)`},
		{nil, []string{"now"}, "version takes no arguments"},
		{map[string]string{"LADDERCTL_OUTPUT": "sarif"}, nil, `unknown output format "sarif" (use text, json)`},
	} {
		got, err := parse(t, c.env, c.args...)
		if !cli.IsUsage(err) || !strings.Contains(err.Error(), c.want) || got != nil {
			t.Errorf("%q with %v: err %v, ran %v; want a usage error with %q", c.args, c.env, err, got != nil, c.want)
		}
	}
}

func TestRunPrints(t *testing.T) {
	h := clitest.New(nil, map[string]string{"LADDERCTL_OUTPUT": "json"}, false)
	if err := h.Execute(NewCmdVersion(h.F, nil)); err != nil {
		t.Fatal(err)
	}
	if out := h.Out.String(); !strings.HasPrefix(out, "{\n  \"version\": ") || !strings.HasSuffix(out, "}\n") {
		t.Errorf("LADDERCTL_OUTPUT=json:\n%s", out)
	}
}

func TestOutput(t *testing.T) {
	fake := version.Info{Version: "v1.2.3", Commit: "abc123", PackVersion: "0.1.0", OPAVersion: "1.22.2", GoVersion: "go1.26.8"}
	for _, c := range []struct {
		output, want string
	}{
		{"text", "ladderctl v1.2.3\n  commit:    abc123\n  rule pack: 0.1.0\n  OPA:       1.22.2\n  Go:        go1.26.8\n"},
		{"json", "{\n  \"version\": \"v1.2.3\",\n  \"commit\": \"abc123\",\n  \"pack_version\": \"0.1.0\",\n  \"opa_version\": \"1.22.2\",\n  \"go_version\": \"go1.26.8\"\n}\n"},
	} {
		var out bytes.Buffer
		o := &Options{IO: &cli.IOStreams{Out: &out}, Output: c.output, Info: func() version.Info { return fake }}
		if err := run(o); err != nil {
			t.Fatal(err)
		}
		if out.String() != c.want {
			t.Errorf("-o %s:\n%s\nwant:\n%s", c.output, out.String(), c.want)
		}
	}
	// No commit recorded (a build without VCS information): said so, not left blank.
	var out bytes.Buffer
	noCommit := fake
	noCommit.Commit = ""
	if err := run(&Options{IO: &cli.IOStreams{Out: &out}, Output: "text", Info: func() version.Info { return noCommit }}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "commit:    unknown\n") {
		t.Errorf("text without a commit:\n%s", out.String())
	}
}
