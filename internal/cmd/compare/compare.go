// Package compare is the `ladderctl compare` command: flags and glue over internal/compare.
package compare

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// Options are compare's dependencies and its settings.
type Options struct {
	IO *cli.IOStreams

	Args     []string // one or two ladders: FILE, REF:PATH or NAME
	Ladder   string   // which ladder of a file that holds several
	Base     string   // compare the ladder with its version at this git ref
	Levels   string   // A..B: the progression view
	Output   string
	Color    string
	Judging  check.Settings // how the parity marks are judged: as lint judges
	From, To string         // Levels, parsed
}

// NewCmdCompare builds the command; runF replaces run in tests of flag parsing.
func NewCmdCompare(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "compare LADDER [LADDER]",
		Short: "Line ladders up by grade: sides, pay gaps, parity and progressions",
		Long: `Line career ladders up by grade, for the people who own them.

A LADDER is a file path; else REF:PATH, a file at a git ref (the path from the repository
root); else the NAME of a ladder found in the configured ladder paths (default ladders/).

  compare LADDER                  the IC and management sides by grade: each peer pair's pay
                                  gap, (IC − management) / management, and a parity mark per
                                  row from the built-in parity rules
  compare LADDER LADDER           two ladders (job families, or organisations) side by side
                                  by grade, with their differences
  compare LADDER --base REF       the ladder against its own version at a git ref
  compare LADDER --levels A..B    what level B adds, carries over and drops out compared with
                                  level A, competency by competency, with scope and pay

Exit status: 0 when the comparison was printed, 2 when it could not be made.`,
		Example: `  ladderctl compare acme-engineering
  ladderctl compare ladders/acme-engineering.yaml ladders/acme-data.yaml -o markdown
  ladderctl compare acme-engineering --base main
  ladderctl compare acme-engineering --levels IC5..M1
  ladderctl compare main:ladders/acme-engineering.yaml -o json`,
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
	cli.OutputFlag(cmd, &opts.Output, compare.Formats)
	fl.StringVar(&opts.Ladder, "ladder", "", "the ladder `NAME` to take from a file that holds several")
	fl.StringVar(&opts.Base, "base", "", "compare the ladder with its version at git `REF`")
	fl.StringVar(&opts.Levels, "levels", "", "the progression from level A to level B, as `A..B` (IC4..IC5, IC5..M1)")
	fl.StringVar(&opts.Color, "color", "auto", "colour the table: auto|always|never")
	fl.StringArray("param", nil, "set a rule param for the parity marks, `KEY=VALUE` with VALUE read as YAML (repeatable)")
	fl.Duration("timeout", cli.DefaultTimeout, "stop evaluating the parity rules after this `DURATION`")
	fl.Int64("max-file-size", ladder.DefaultMaxFileSize, "largest ladder file to read, in `BYTES`")
	cli.RosterFlags(cmd, true)
	cli.MaxMemoryFlag(cmd)
	cli.RegistryFlags(cmd)
	cli.VerificationFlags(cmd)
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= 2 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return cli.LadderNames(f, toComplete)
	}
	_ = cmd.RegisterFlagCompletionFunc("ladder", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		names, _ := cli.LadderNames(f, toComplete)
		return names, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("color", cobra.FixedCompletions(cli.ColorModes, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// complete checks the flags and arguments before any work starts.
func (o *Options) complete(f *cli.Factory, cmd *cobra.Command, args []string) error {
	o.Args = args
	cfg, err := f.Bind(cmd)
	if err != nil {
		return err
	}
	if o.Judging, err = f.Judging(cmd, cfg, nil); err != nil {
		return err
	}
	if err := cli.CheckOutput(o.Output, compare.Formats); err != nil {
		return err
	}
	if _, err := f.OneOf(cmd, "color", cli.ColorModes); err != nil {
		return err
	}
	switch {
	case len(args) == 0:
		return cli.Usagef(errors.New("name a ladder to compare: a file, REF:PATH or a ladder name"))
	case len(args) > 2:
		return cli.Usagef(fmt.Errorf("compare takes one or two ladders, not %d", len(args)))
	case o.Base != "" && o.Levels != "":
		return cli.Usagef(errors.New("--base and --levels are two different views; give one"))
	case o.Base != "" && len(args) == 2:
		return cli.Usagef(errors.New("--base compares one ladder with its own version at a ref; name one ladder"))
	case o.Levels != "" && len(args) == 2:
		return cli.Usagef(errors.New("--levels shows a progression within one ladder; name one ladder"))
	}
	if cmd.Flags().Changed("base") && strings.TrimSpace(o.Base) == "" {
		return cli.Usagef(errors.New("--base needs a git ref, such as main or origin/main"))
	}
	if o.Levels != "" || cmd.Flags().Changed("levels") {
		from, to, err := compare.ParseLevels(o.Levels)
		if err != nil {
			return cli.Usagef(err)
		}
		o.From, o.To = from, to
	}
	if roster := f.Viper.GetString("roster"); roster != "" && (len(args) == 2 || o.Base != "" || o.Levels != "") {
		return cli.Usagef(errors.New("--roster counts people on the one-ladder view; name one ladder, without --base or --levels"))
	}
	return f.Roster(cmd, f.Viper.GetString("roster"), &o.Judging)
}

func run(ctx context.Context, o *Options) error {
	r := &compare.Resolver{Paths: o.Judging.Paths, Ladder: o.Ladder, MaxFileSize: o.Judging.MaxFileSize}
	var srcs []*compare.Source
	for _, arg := range o.Args {
		src, err := r.Resolve(ctx, arg)
		if err != nil {
			return err
		}
		srcs = append(srcs, src)
	}
	var view compare.View
	var problems diag.List
	switch {
	case o.From != "":
		v, err := compare.Progress(srcs[0], o.From, o.To)
		if err != nil {
			return err
		}
		view = v
	case o.Base != "":
		before, err := r.AtRef(ctx, srcs[0], o.Base)
		if err != nil {
			return err
		}
		view = compare.CompareBase(before, srcs[0])
	case len(srcs) == 2:
		view = compare.CompareLadders(srcs[0], srcs[1])
	default:
		res, found := check.One(ctx, o.Judging, srcs[0].Loaded, srcs[0].Ref == "")
		cli.Warn(o.IO, res.Warnings)
		problems = res.Problems
		v := compare.Align(srcs[0], compare.Parity(found, res.Rules))
		if res.Roster != nil {
			v.WithRoster(res.Roster)
			problems = append(problems, cli.RosterProblems(res.Roster)...)
		}
		view = v
	}
	err := compare.Write(o.IO.Out, view, compare.Options{
		Format: o.Output,
		Width:  width(o.IO),
		Color:  o.Output == "table" && o.IO.Color(o.Color),
	})
	if err != nil {
		problems = append(problems, diag.From(err)...)
	}
	if len(problems) > 0 {
		return cli.Incomplete(problems)
	}
	return nil
}

// pipedWidth is the width of a table written to a pipe or a file: one a reader can still
// take in without scrolling sideways, in a CI log or a pager.
const pipedWidth = 100

// width is the width to fit a table in: $COLUMNS when set, else the terminal's when
// standard output is one, else pipedWidth.
func width(s *cli.IOStreams) int {
	if n, err := strconv.Atoi(strings.TrimSpace(s.Env("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if !s.OutTTY {
		return pipedWidth
	}
	if f, ok := s.Out.(interface{ Fd() uintptr }); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return pipedWidth
}
