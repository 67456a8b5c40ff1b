package schema

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cli/clitest"
	ladderschema "github.com/ladderctl/ladderctl/internal/schema"
)

// execute runs the command for real, with an environment.
func execute(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	h := clitest.New(nil, env, false)
	err := h.Execute(NewCmdSchema(h.F, nil), args...)
	return h.Out.String(), err
}

// parse runs the flag handling with run replaced, and returns the options it built.
func parse(t *testing.T, env map[string]string, args ...string) (*Options, error) {
	t.Helper()
	return clitest.Parse(t, clitest.New(nil, env, false), NewCmdSchema, args...)
}

func TestFlags(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
	}{
		{nil, nil},
		{nil, []string{"-o", "json"}},
		{map[string]string{"LADDERCTL_OUTPUT": "json"}, nil},
		{map[string]string{"LADDERCTL_OUTPUT": "yaml"}, []string{"-o", "json"}}, // the flag wins
	} {
		got, err := parse(t, c.env, c.args...)
		if err != nil || got.Output != "json" {
			t.Errorf("%q with %v: %v %+v", c.args, c.env, err, got)
		}
	}
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"-o", "yaml"}, `unknown output format "yaml" (use json)`},
		{nil, []string{"extra"}, "schema takes no arguments"},
		{map[string]string{"LADDERCTL_OUTPUT": "sarif"}, nil, `unknown output format "sarif" (use json)`},
	} {
		got, err := parse(t, c.env, c.args...)
		if !cli.IsUsage(err) || !strings.Contains(err.Error(), c.want) || got != nil {
			t.Errorf("%q with %v: err %v, ran %v; want a usage error with %q", c.args, c.env, err, got != nil, c.want)
		}
	}
}

func TestPrintsTheSchema(t *testing.T) {
	out, err := execute(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ladderschema.JSON()
	if out != string(want) {
		t.Error("schema printed other bytes than internal/schema generates")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil || v["$id"] != ladderschema.ID {
		t.Errorf("not the schema: %v", err)
	}
}
