// Package lint is the `ladderctl lint` command: load ladders, evaluate the rules, report.
package lint

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/report"
)

// Options are lint's dependencies and its settings once flags, environment and config are
// layered.
type Options struct {
	IO *cli.IOStreams

	Judging       check.Settings // how ladders are judged: the same in every command
	Outputs       []cli.Output   // the reports of the run, each to standard output or a file
	OutputFile    string
	FailOn        string
	Color         string
	ShowWaived    bool
	WriteBaseline string // record today's findings there
}

// NewCmdLint builds the command; runF replaces run in tests of flag parsing.
func NewCmdLint(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check ladders against the built-in rules and your policies",
		Long: `Load the ladders in PATHs (files, directories, or - for standard input; default: the
config's ladders, else ladders/), evaluate the built-in rules and your Rego policies on them,
and print every finding with its file, line and column.

Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 when something could not
be checked (a file that does not load, a policy that does not compile, a timeout) or nothing
was (no ladder found, no rule in force).`,
		Example: `  ladderctl lint ladders/
  ladderctl lint -o json --fail-on warning
  ladderctl lint -o text -o sarif=ladderctl.sarif -o github -o markdown=summary.md
  ladderctl lint -p policies/ --param parity_pay_tolerance=0.05
  cat ladder.yaml | ladderctl lint - --stdin-filename ladders/acme.yaml`,
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
	var outputs []string
	cli.OutputsFlag(cmd, &outputs, report.Formats)
	fl.StringVar(&opts.OutputFile, "output-file", "", "write the report of the -o without =FILE to `FILE` (atomically) instead of standard output")
	cli.PolicyFlags(cmd)
	fl.StringSliceP("namespace", "n", nil, "evaluate only user packages matching `GLOB` (repeatable)")
	fl.Bool("no-builtin", false, "do not load the built-in rule pack")
	fl.String("fail-on", "error", "lowest severity that fails the run: error|warning|info|never")
	fl.StringArray("param", nil, "set a rule param, `KEY=VALUE` with VALUE read as YAML (repeatable)")
	fl.Duration("timeout", cli.DefaultTimeout, "stop the run (walking, reading and evaluating) after this `DURATION`")
	fl.StringVar(&opts.Color, "color", "auto", "colour the output: auto|always|never")
	fl.String("stdin-filename", "", "the file `NAME` findings give for a ladder read from -")
	fl.Int64("max-file-size", ladder.DefaultMaxFileSize, "largest ladder file to read, in `BYTES`")
	cli.MaxMemoryFlag(cmd)
	fl.BoolVar(&opts.ShowWaived, "show-waived", false, "list the findings that waivers and the baseline accept")
	fl.String("baseline", "", "accept the findings recorded in `FILE` (by rule, ladder, level and message)")
	fl.StringVar(&opts.WriteBaseline, "write-baseline", "", "record today's findings in `FILE` and accept them")

	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(config.FailOnValues, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("color", cobra.FixedCompletions(cli.ColorModes, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// complete layers flags over LADDERCTL_* over the config file, and validates the result
// before any work starts.
func (o *Options) complete(f *cli.Factory, cmd *cobra.Command, args []string) error {
	cfg, err := f.Bind(cmd)
	if err != nil {
		return err
	}
	if o.Judging, err = f.Judging(cmd, cfg, args); err != nil {
		return err
	}
	outputs, _ := cmd.Flags().GetStringArray("output")
	if o.Outputs, err = cli.ParseOutputs(outputs, o.OutputFile, report.Formats); err != nil {
		return err
	}
	if o.FailOn, err = f.OneOf(cmd, "fail-on", config.FailOnValues); err != nil {
		return err
	}
	if _, err := f.OneOf(cmd, "color", cli.ColorModes); err != nil {
		return err
	}
	o.Judging.StdinName = f.Viper.GetString("stdin-filename")
	o.Judging.Stdin = o.IO.In
	if o.Judging.StdinName != "" && !slices.Contains(o.Judging.Paths, "-") {
		return cli.Usagef(errors.New("--stdin-filename names the ladder read from standard input; add - to the paths"))
	}
	if o.WriteBaseline != "" && cmd.Flags().Changed("baseline") && filepath.Clean(o.Judging.Baseline) != filepath.Clean(o.WriteBaseline) {
		return cli.Usagef(errors.New("--baseline (or LADDERCTL_BASELINE) and --write-baseline name different files; give one"))
	}
	return nil
}

func run(ctx context.Context, o *Options) error {
	s := o.Judging
	res := check.Run(ctx, s, check.Scope{Release: true, NoBaseline: o.WriteBaseline != ""})
	cli.Warn(o.IO, res.Warnings)
	if s.Baseline != "" && o.WriteBaseline == "" && res.Baseline == nil {
		// Without its baseline every accepted finding would show as new: no report at all.
		return cli.Incomplete(res.Problems)
	}
	if o.WriteBaseline != "" && !res.Complete() {
		res.Problems = append(res.Problems, &diag.Error{File: o.WriteBaseline, Message: "the baseline was not written, as the check is incomplete", Hint: "fix the errors above, then write it again"})
	} else if o.WriteBaseline != "" {
		// Record what would be reported without a baseline, then accept exactly that.
		base := governance.NewBaseline(res.Outcome.Findings)
		if err := base.Write(o.WriteBaseline); err != nil {
			res.Problems = append(res.Problems, &diag.Error{Message: err.Error()})
		} else {
			cli.Say(o.IO, "recorded %d findings in %s; lint with --baseline %s to accept them", len(base.Findings), o.WriteBaseline, o.WriteBaseline)
		}
		res.Outcome = governance.Apply(res.Findings, s.Config, s.Now, base)
	}
	rep := report.Of(res, o.ShowWaived)
	// Loaded and judged once, written in every format asked for.
	problems := append(res.Problems, cli.WriteOutputs(o.IO, o.Outputs, o.IO.Color(o.Color), func(w io.Writer, name string, color bool) error {
		format, _ := report.Formats.Lookup(name)
		return format.Write(w, rep, report.Options{Color: color, FailOn: o.FailOn})
	})...)
	if n := rep.LoadErrorFiles(); n > 0 {
		// The reason is in the report, which may be going to a file: say in the log why exit 2.
		problems = append(problems, &diag.Error{Message: output.Plural(n, "file") + " could not be read as ladders; the load findings in the report say why"})
	}
	switch {
	case len(problems) > 0 || !res.Complete():
		return cli.Incomplete(problems)
	case check.Reaches(rep.Worst(), o.FailOn):
		return cli.ErrFindings
	}
	return nil
}
