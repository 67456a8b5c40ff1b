package version

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/version"
)

func execute(t *testing.T, runF func(context.Context, *Options) error, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	f := &cli.Factory{
		IO:    &cli.IOStreams{Out: &out, ErrOut: &bytes.Buffer{}, Getenv: func(string) string { return "" }},
		Viper: cli.NewViper(),
	}
	cmd := NewCmdVersion(f, runF)
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.Execute()
	return out.String(), err
}

func TestFlags(t *testing.T) {
	var got *Options
	grab := func(_ context.Context, o *Options) error { got = o; return nil }
	if _, err := execute(t, grab); err != nil || got.Output != "text" {
		t.Fatalf("default: %v %+v", err, got)
	}
	if _, err := execute(t, grab, "-o", "json"); err != nil || got.Output != "json" {
		t.Fatalf("-o json: %v %+v", err, got)
	}
	for _, args := range [][]string{{"-o", "sarif"}, {"now"}} {
		got = nil
		if _, err := execute(t, grab, args...); !cli.IsUsage(err) || got != nil {
			t.Errorf("%v: err %v, ran %v", args, err, got != nil)
		}
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
