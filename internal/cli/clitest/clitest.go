// Package clitest builds commands for tests of their flag handling: buffers for streams, an
// injected environment and config, and run replaced so that only the options are checked.
package clitest

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
)

// Harness is a factory whose streams are buffers and whose environment is a map.
type Harness struct {
	F      *cli.Factory
	Out    *bytes.Buffer
	ErrOut *bytes.Buffer
}

// New returns a harness with a config (nil is an empty one in the working directory), an
// environment, and standard output a terminal or not.
func New(cfg *config.Config, env map[string]string, tty bool) *Harness {
	if cfg == nil {
		cfg = &config.Config{Dir: "."}
	}
	getenv := func(k string) string { return env[k] }
	h := &Harness{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	h.F = &cli.Factory{
		IO:     &cli.IOStreams{In: strings.NewReader(""), Out: h.Out, ErrOut: h.ErrOut, OutTTY: tty, Getenv: getenv},
		Viper:  cli.NewViper(),
		Config: func() (*config.Config, error) { return cfg, nil },
		Now:    cli.Clock(getenv),
	}
	return h
}

// Execute runs a command built on the harness with args.
func (h *Harness) Execute(cmd *cobra.Command, args ...string) error {
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	return cmd.Execute()
}

// Parse builds a command with run replaced, runs its flag handling on args, and returns the
// options it built (nil when it refused them).
func Parse[O any](t *testing.T, h *Harness, build func(*cli.Factory, func(context.Context, *O) error) *cobra.Command, args ...string) (*O, error) {
	t.Helper()
	var got *O
	cmd := build(h.F, func(_ context.Context, o *O) error { got = o; return nil })
	err := h.Execute(cmd, args...)
	return got, err
}

// MustParse is Parse for arguments that must be accepted.
func MustParse[O any](t *testing.T, h *Harness, build func(*cli.Factory, func(context.Context, *O) error) *cobra.Command, args ...string) *O {
	t.Helper()
	o, err := Parse(t, h, build, args...)
	if err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	return o
}
