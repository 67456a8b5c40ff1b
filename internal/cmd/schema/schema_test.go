package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/cli"
	ladderschema "github.com/ladderctl/ladderctl/internal/schema"
)

func factory(out *bytes.Buffer) *cli.Factory {
	return &cli.Factory{
		IO:    &cli.IOStreams{In: strings.NewReader(""), Out: out, ErrOut: &bytes.Buffer{}, Getenv: func(string) string { return "" }},
		Viper: cli.NewViper(),
	}
}

func execute(t *testing.T, runF func(context.Context, *Options) error, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	cmd := NewCmdSchema(factory(&out), runF)
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.Execute()
	return out.String(), err
}

func TestFlags(t *testing.T) {
	var got *Options
	grab := func(_ context.Context, o *Options) error { got = o; return nil }
	if _, err := execute(t, grab); err != nil || got.Output != "json" {
		t.Fatalf("default: %v %+v", err, got)
	}
	if _, err := execute(t, grab, "-o", "json"); err != nil || got.Output != "json" {
		t.Fatalf("-o json: %v %+v", err, got)
	}
	for _, args := range [][]string{{"-o", "yaml"}, {"extra"}} {
		got = nil
		_, err := execute(t, grab, args...)
		if !cli.IsUsage(err) || got != nil {
			t.Errorf("%v: err %v, ran %v", args, err, got != nil)
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
