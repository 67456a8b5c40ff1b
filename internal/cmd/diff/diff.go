// Package diff is the `ladderctl diff` command: what a pull request changes in the ladders,
// their findings and the rules themselves.
package diff

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/change"
	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/output"
)

// Options are diff's dependencies and its settings once flags, environment and config are
// layered.
type Options struct {
	IO *cli.IOStreams

	Base       string // --base: "" picks origin/$GITHUB_BASE_REF, origin/main or main
	Paths      []string
	Outputs    []cli.Output // the reports of the run, each to standard output or a file
	OutputFile string
	FailOn     string
	// FailOnLoosening fails the run when the change loosens the rules. A flag and its
	// variable only, never a config key: the change could otherwise turn it off for itself.
	FailOnLoosening bool
	Judging         check.Settings // how the working tree is judged; the base keeps its own config
}

// NewCmdDiff builds the command; runF replaces run in tests of flag parsing.
func NewCmdDiff(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "diff [--base REF] [PATH...]",
		Short: "Review what a change does to the ladders, their findings and the rules",
		Long: `Compare the working tree (uncommitted edits included) with the merge-base of HEAD and REF:
what a pull request changed, not what REF did since. REF defaults to origin/$GITHUB_BASE_REF
when that is set, else origin/main when it exists, else main; CI checkouts need the history
(fetch-depth: 0).

Each side is judged by its own config (.ladderctl.yaml, or --config), params and policy
files. The report lists the ladders and levels added, removed, retitled, regraded and
rescoped, pay changes with their percentages, transitions added and removed, and the
findings the change introduces, fixes and leaves (matched by rule, ladder and level, never by
line). It puts first any loosening of the rules themselves: a waiver or baseline entry added,
a rule turned off or down, fail-on relaxed, the built-in rules turned off, a tolerance
widened, a policy file deleted, namespaces narrowed. PATHs narrow the ladders on both sides.

Errors on the base side are reported, not fatal. Exit status: 0 when the change introduces no
finding at or above --fail-on (existing findings never fail it), 1 when it does (or, with
--fail-on-loosening, when it loosens the rules), 2 when the change could not be checked in
full, checked nothing, or the ref does not exist.`,
		Example: `  ladderctl diff                          # in a pull request's checkout
  ladderctl diff --base main ladders/acme.yaml
  ladderctl diff -o markdown --output-file diff.md
  ladderctl diff -o text -o markdown=comment.md -o json=diff.json
  ladderctl diff -o json | jq '.findings.introduced'
  ladderctl diff --fail-on-loosening      # a waiver or a rule turned off needs a reviewer`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.complete(f, cmd, args); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Base, "base", "", "compare with the merge-base of HEAD and `REF` (default: origin/$GITHUB_BASE_REF, else origin/main, else main)")
	var outputs []string
	cli.OutputsFlag(cmd, &outputs, change.Formats)
	fl.StringVar(&opts.OutputFile, "output-file", "", "write the report of the -o without =FILE to `FILE` (atomically) instead of standard output")
	fl.String("fail-on", "error", "lowest severity `LEVEL` of an introduced finding that fails the run: error|warning|info|never")
	fl.BoolVar(&opts.FailOnLoosening, "fail-on-loosening", false, "exit 1 also when the change loosens the rules (any loosening the report headlines)")
	fl.StringArray("param", nil, "set a rule param on the change's side only (the base keeps its own), `KEY=VALUE` with VALUE read as YAML (repeatable)")
	fl.Duration("timeout", cli.DefaultTimeout, "stop evaluating each side's policies after this `DURATION`")
	fl.Int64("max-file-size", ladder.DefaultMaxFileSize, "largest ladder file to read, on either side, in `BYTES`")
	cli.MaxMemoryFlag(cmd)
	cli.RegistryFlags(cmd)
	cli.VerificationFlags(cmd)
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(config.FailOnValues, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// complete layers the flags over LADDERCTL_* over the head side's config, and validates
// the result before any work starts.
func (o *Options) complete(f *cli.Factory, cmd *cobra.Command, args []string) error {
	o.Paths = args
	cfg, err := f.Bind(cmd)
	if err != nil {
		return err
	}
	if o.Judging, err = f.Judging(cmd, cfg, args); err != nil {
		return err
	}
	if len(args) == 0 && f.IO.Env(cli.EnvName("ladders")) != "" {
		o.Paths = o.Judging.Paths // LADDERCTL_LADDERS narrows both sides, as PATHs do
	}
	outputs, _ := cmd.Flags().GetStringArray("output")
	if o.Outputs, err = cli.ParseOutputs(outputs, o.OutputFile, change.Formats); err != nil {
		return err
	}
	if o.FailOn, err = f.OneOf(cmd, "fail-on", config.FailOnValues); err != nil {
		return err
	}
	if slices.Contains(o.Paths, "-") {
		return cli.Usagef(errors.New("diff reads both sides from git and the working tree, not from standard input; name the ladder files instead of -"))
	}
	if strings.HasPrefix(o.Base, "-") {
		return cli.Usagef(fmt.Errorf("--base %q is not a git ref", o.Base))
	}
	return nil
}

func run(ctx context.Context, o *Options) error {
	out, err := change.Run(ctx, change.Input{
		Ref:    o.Base,
		Getenv: o.IO.Env,
		Head:   o.Judging,
		Paths:  o.Paths,
		FailOn: o.FailOn,
	})
	if err != nil {
		return err // not a repository, a ref that does not exist: nothing to compare
	}
	cli.Warn(o.IO, out.Warnings)
	rep := out.Report
	// Both sides judged once, the report written in every format asked for.
	problems := cli.WriteOutputs(o.IO, o.Outputs, false, func(w io.Writer, name string, _ bool) error {
		format, _ := change.Formats.Lookup(name)
		return format.Write(w, rep)
	})
	for _, e := range rep.Errors.Head {
		problems = append(problems, &diag.Error{Message: e})
	}
	if len(rep.Errors.Base) > 0 {
		cli.Warn(o.IO, diag.List{{Message: fmt.Sprintf("the base could not be checked in full (%s); the report says why", output.Plural(len(rep.Errors.Base), "error"))}})
	}
	switch {
	case len(problems) > 0 || !rep.Complete():
		return cli.Incomplete(problems)
	case rep.Fails():
		return cli.ErrFindings
	case o.FailOnLoosening && len(rep.Loosened) > 0:
		return &cli.ExitError{Code: cli.ExitFindings, Err: diag.List{{
			Message: fmt.Sprintf("the change loosens the rules (%s, headlined in the report)", output.Plural(len(rep.Loosened), "change")),
			Hint:    "--fail-on-loosening: have it reviewed by the owners of the rules"}}}
	}
	return nil
}
