// Package cli holds what every command shares: the streams it writes to, the config and
// settings it reads, and the errors that decide the exit code.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/viper"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/output"
)

// IOStreams are the streams a command reads and writes; tests replace them with buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer // data: reports, tables
	ErrOut io.Writer // diagnostics
	// OutTTY tells whether Out is a terminal, for colour and layout.
	OutTTY bool
	Getenv func(string) string
}

// System returns the process's own streams.
func System() *IOStreams {
	return &IOStreams{
		In:     os.Stdin,
		Out:    os.Stdout,
		ErrOut: os.Stderr,
		OutTTY: isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd()),
		Getenv: os.Getenv,
	}
}

// ColorModes lists the values of --color.
var ColorModes = []string{"auto", "always", "never"}

// Color decides whether to colour output: always or never as asked, else only on a terminal
// and never when NO_COLOR is set (https://no-color.org) or the terminal is dumb.
func (s *IOStreams) Color(mode string) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return s.OutTTY && s.Env("NO_COLOR") == "" && s.Env("TERM") != "dumb"
}

// Env reads a variable of the injected environment; streams without one have an empty
// environment.
func (s *IOStreams) Env(key string) string {
	if s.Getenv == nil {
		return ""
	}
	return s.Getenv(key)
}

// Factory gives commands what they depend on, so each can be built and tested alone.
type Factory struct {
	IO *IOStreams
	// Viper layers flags over LADDERCTL_* environment variables over the config file.
	Viper *viper.Viper
	// Config reads the config file once: --config, else the one found from the working
	// directory.
	Config func() (*config.Config, error)
	// Now is the run's clock, which waivers' expiry dates are compared with; LADDERCTL_NOW
	// (a date such as 2027-07-01) sets it, to see which waivers a date will void.
	Now func() (time.Time, error)
}

// NowEnv names the environment variable that sets the clock.
const NowEnv = EnvPrefix + "_NOW"

// Clock returns the clock of a run: LADDERCTL_NOW when it is set, else the system's.
func Clock(getenv func(string) string) func() (time.Time, error) {
	return func() (time.Time, error) {
		s := getenv(NowEnv)
		if s == "" {
			return time.Now(), nil
		}
		for _, layout := range []string{time.DateOnly, time.RFC3339} {
			if t, err := time.Parse(layout, s); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("%s=%q is not a date such as 2027-07-01 or a time such as 2027-07-01T12:00:00Z", NowEnv, s)
	}
}

// EnvPrefix starts the environment variables that set config keys: LADDERCTL_FAIL_ON.
const EnvPrefix = "LADDERCTL"

// NewViper returns the one settings store of a run. Environment variables reach it through
// Factory.Bind, from the injected streams' Getenv, never from the process directly.
func NewViper() *viper.Viper { return viper.New() }

// ExitError ends a command with a code; its message, if any, has not been printed yet.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// Exit codes of every command.
const (
	ExitOK         = 0
	ExitFindings   = 1 // the job was done and findings reached the threshold
	ExitIncomplete = 2 // the job could not be done in full
)

// ErrFindings ends a run whose findings reached the failure threshold.
var ErrFindings = &ExitError{Code: ExitFindings}

// ErrIncomplete ends a run that could not do its job in full, after saying why.
var ErrIncomplete = &ExitError{Code: ExitIncomplete}

// Incomplete ends a run that could not do its job in full because of problems, which the
// app prints one to a line: commands never print their own errors.
func Incomplete(problems diag.List) error {
	if len(problems) == 0 {
		return ErrIncomplete
	}
	return &ExitError{Code: ExitIncomplete, Err: problems}
}

// Warn prints diagnostics that do not stop a run, such as a param no rule reads.
func Warn(s *IOStreams, l diag.List) {
	for _, e := range l {
		Say(s, "warning: %s", e.Error())
	}
}

// Say prints one line on the diagnostic stream, "ladderctl: " first. What it names (a file,
// a ladder, a rule) may hold control characters: they are shown as escapes, so the line
// stays one line and nothing in it reaches the terminal or the CI runner as a command.
func Say(s *IOStreams, format string, args ...any) {
	fmt.Fprintf(s.ErrOut, "ladderctl: %s\n", output.Visible(fmt.Sprintf(format, args...)))
}

// UsageError is a bad flag or argument: exit 2, with a hint to read the help.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef reports a bad flag or argument.
func Usagef(err error) error { return &UsageError{Err: err} }

// IsUsage tells a usage error from others.
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}
