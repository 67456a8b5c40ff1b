// Package roster is the `ladderctl roster` command: count a roster against the ladders and
// judge whether the IC track is held by people or only written down.
package roster

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/report"
)

// Options are roster's dependencies and its settings.
type Options struct {
	IO *cli.IOStreams

	Judging    check.Settings // how ladders are judged, with the roster read into it
	Output     string
	OutputFile string
	FailOn     string
	Color      string
	ShowWaived bool
}

// NewCmdRoster builds the command; runF replaces run in tests of flag parsing.
func NewCmdRoster(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "roster ROSTER [PATH...]",
		Short: "Count a roster on the ladders: is the IC track held by people, and paid at par?",
		Long: `Count the people of a roster on the levels of the ladders in PATHs (default: the config's
ladders, else ladders/), show the headcount grade by grade on each side, and judge it with the
roster rules and your policies, as lint judges ladders.

ROSTER is a CSV file (or - for standard input) with one row per person and a header row. It
reads the columns level (required), ladder, pay (annual base, in the level's currency), zone
and gender; --columns maps other header names. Every other column (names, emails, ids) is
never read. No output carries anything that identifies a person: a group of fewer than
--min-group people shows as "<5" and is never given a median or a percentage.

The rules: roster/unknown-level (rows that name no level), roster/ic-on-paper (an empty IC
grade beside a staffed management one), roster/outside-band (people paid outside their band,
counted), roster/pay-parity (the IC median below the management median at a grade by more than
parity_pay_tolerance), roster/gender-gap (a gap of pay_gap_threshold, default 5%, between
genders at a grade: EU Directive 2023/970, Article 10). Policies read the same counts as
data.roster.

Keep the roster out of the repository: pass it from a CI secret, or from a path outside the
checkout. ladderctl reads it once and writes nothing of it anywhere but the report.

Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 when something could not
be checked (a roster or ladder that does not load, a row that cannot be counted).`,
		Example: `  ladderctl roster ~/private/roster.csv ladders/
  ladderctl roster people.csv --columns level="Job level",pay="Base salary" -o markdown
  ladderctl roster "$ROSTER_FILE" --min-group 10 --fail-on warning
  ladderctl roster docs/examples/synthetic-roster.csv ladders/acme-engineering.yaml`,
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
	cli.OutputFlag(cmd, &opts.Output, report.Formats)
	fl.StringVar(&opts.OutputFile, "output-file", "", "write the report to `FILE` (atomically) instead of standard output")
	cli.RosterFlags(cmd, false)
	cli.PolicyFlags(cmd)
	fl.StringSliceP("namespace", "n", nil, "evaluate only user packages matching `GLOB` (repeatable)")
	fl.Bool("no-builtin", false, "do not load the built-in rule pack")
	fl.String("fail-on", "error", "lowest severity that fails the run: error|warning|info|never")
	fl.StringArray("param", nil, "set a rule param, `KEY=VALUE` with VALUE read as YAML (repeatable)")
	fl.Duration("timeout", cli.DefaultTimeout, "stop evaluating policies after this `DURATION`")
	fl.StringVar(&opts.Color, "color", "auto", "colour the output: auto|always|never")
	fl.Int64("max-file-size", ladder.DefaultMaxFileSize, "largest roster or ladder file to read, in `BYTES`")
	cli.MaxMemoryFlag(cmd)
	fl.BoolVar(&opts.ShowWaived, "show-waived", false, "list the findings that waivers and the baseline accept")

	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(config.FailOnValues, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("color", cobra.FixedCompletions(cli.ColorModes, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// complete layers flags over LADDERCTL_* over the config file, validates the result and
// reads the roster, before any ladder is loaded.
func (o *Options) complete(f *cli.Factory, cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cli.Usagef(errors.New("name a roster: a CSV file with a level column, or - for standard input"))
	}
	cfg, err := f.Bind(cmd)
	if err != nil {
		return err
	}
	if o.Judging, err = f.Judging(cmd, cfg, args[1:]); err != nil {
		return err
	}
	if err := cli.CheckOutput(o.Output, report.Formats); err != nil {
		return err
	}
	if o.FailOn, err = f.OneOf(cmd, "fail-on", config.FailOnValues); err != nil {
		return err
	}
	if _, err := f.OneOf(cmd, "color", cli.ColorModes); err != nil {
		return err
	}
	if args[0] == "" {
		return cli.Usagef(errors.New("the roster's file name is empty"))
	}
	return f.Roster(cmd, args[0], &o.Judging)
}

func run(ctx context.Context, o *Options) error {
	res := check.Run(ctx, o.Judging, check.Scope{})
	cli.Warn(o.IO, res.Warnings)
	rep := report.Of(res, o.ShowWaived)
	views, err := headcounts(res)
	problems := res.Problems
	if err != nil {
		problems = append(problems, diag.From(err)...)
	}
	if err := write(o, rep, views); err != nil {
		problems = append(problems, &diag.Error{Message: err.Error()})
	}
	if n := rep.LoadErrorFiles(); n > 0 {
		problems = append(problems, &diag.Error{Message: output.Plural(n, "file") + " could not be read in full (a ladder, or rows of the roster); the load findings in the report say why"})
	}
	if len(res.Set.Ladders) == 0 {
		problems = append(problems, &diag.Error{Message: fmt.Sprintf("no ladder was found to count the roster %s on", res.Roster.File), Hint: "name the ladder files or directories after the roster"})
	}
	switch {
	case len(problems) > 0 || !res.Complete():
		return cli.Incomplete(problems)
	case check.Reaches(rep.Worst(), o.FailOn):
		return cli.ErrFindings
	}
	return nil
}
