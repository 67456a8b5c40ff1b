// Package compare is the `ladderctl compare` command: flags and glue over internal/compare.
package compare

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// Options are compare's dependencies and its settings.
type Options struct {
	IO     *cli.IOStreams
	Config func() (*config.Config, error)
	Now    func() (time.Time, error)

	Args    []string // one or two ladders: FILE, REF:PATH or NAME
	Ladder  string   // which ladder of a file that holds several
	Base    string   // compare the ladder with its version at this git ref
	Levels  string   // A..B: the progression view
	Output  string
	Color   string
	Params  []string // KEY=VALUE, over the config's params
	Timeout time.Duration

	Paths       []string // where a ladder NAME is looked for
	MaxFileSize int64
	From, To    string // Levels, parsed
}

// NewCmdCompare builds the command; runF replaces run in tests of flag parsing.
func NewCmdCompare(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Config: f.Config, Now: f.Now}
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
			cfg, err := opts.Config()
			if err != nil {
				return err
			}
			if err := opts.complete(f, cfg, args, cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return run(cmd.Context(), opts, cfg)
		},
	}
	fl := cmd.Flags()
	cli.OutputFlag(cmd, &opts.Output, compare.Formats)
	fl.StringVar(&opts.Ladder, "ladder", "", "the ladder `NAME` to take from a file that holds several")
	fl.StringVar(&opts.Base, "base", "", "compare the ladder with its version at git `REF`")
	fl.StringVar(&opts.Levels, "levels", "", "the progression from level A to level B, as `A..B` (IC4..IC5, IC5..M1)")
	fl.StringVar(&opts.Color, "color", "auto", "colour the table: auto|always|never")
	fl.StringArrayVar(&opts.Params, "param", nil, "set a rule param for the parity marks, `KEY=VALUE` with VALUE read as YAML (repeatable)")
	fl.DurationVar(&opts.Timeout, "timeout", 30*time.Second, "stop evaluating the parity rules after this `DURATION`")
	fl.Int64Var(&opts.MaxFileSize, "max-file-size", ladder.DefaultMaxFileSize, "largest ladder file to read, in `BYTES`")
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

// complete checks the flags and arguments before any work starts. It reads flags itself
// rather than through the shared viper, whose keys (output, color) lint binds to its own flags.
func (o *Options) complete(f *cli.Factory, cfg *config.Config, args []string, cmd *cobra.Command) error {
	o.Args = args
	if !cmd.Flags().Changed("color") {
		if env := getenv(o.IO, cli.EnvPrefix+"_COLOR"); env != "" {
			o.Color = env
		}
	}
	o.Paths = cli.LadderPaths(f.Viper, cfg, nil)
	if err := cli.CheckOutput(o.Output, compare.Formats); err != nil {
		return err
	}
	switch {
	case len(args) == 0:
		return cli.Usagef(errors.New("name a ladder to compare: a file, REF:PATH or a ladder name"))
	case len(args) > 2:
		return cli.Usagef(fmt.Errorf("compare takes one or two ladders, not %d", len(args)))
	case !slices.Contains(cli.ColorModes, o.Color):
		return cli.Usagef(fmt.Errorf("color %q (from --color or %s_COLOR) is not one of %s", o.Color, cli.EnvPrefix, strings.Join(cli.ColorModes, ", ")))
	case o.Base != "" && o.Levels != "":
		return cli.Usagef(errors.New("--base and --levels are two different views; give one"))
	case o.Base != "" && len(args) == 2:
		return cli.Usagef(errors.New("--base compares one ladder with its own version at a ref; name one ladder"))
	case o.Levels != "" && len(args) == 2:
		return cli.Usagef(errors.New("--levels shows a progression within one ladder; name one ladder"))
	case o.Timeout <= 0:
		return cli.Usagef(errors.New("--timeout must be positive, such as 30s or 2m"))
	case o.MaxFileSize <= 0:
		return cli.Usagef(errors.New("--max-file-size must be a positive number of bytes"))
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
	if _, err := cli.ParseParams(o.Params); err != nil {
		return cli.Usagef(err)
	}
	return nil
}

func run(ctx context.Context, o *Options, cfg *config.Config) error {
	r := &compare.Resolver{Paths: o.Paths, Ladder: o.Ladder, MaxFileSize: o.MaxFileSize}
	var srcs []*compare.Source
	for _, arg := range o.Args {
		src, err := r.Resolve(ctx, arg)
		if err != nil {
			return err
		}
		srcs = append(srcs, src)
	}
	var view compare.View
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
		now, err := o.Now()
		if err != nil {
			return err
		}
		flagParams, _ := cli.ParseParams(o.Params)
		findings, err := compare.ParityFindings(ctx, srcs[0].Loaded, compare.ParityOptions{
			Params: cli.Params(cfg, flagParams), Now: check.PolicyClock(now), Timeout: o.Timeout,
		})
		if err != nil {
			return err
		}
		view = compare.Align(srcs[0], findings)
	}
	return compare.Write(o.IO.Out, view, compare.Options{
		Format: o.Output,
		Width:  width(o.IO),
		Color:  o.Output == "table" && o.IO.Color(o.Color),
	})
}

// width is the width to fit a table in: $COLUMNS when set, else the terminal's when
// standard output is one, else no limit.
func width(s *cli.IOStreams) int {
	if n, err := strconv.Atoi(strings.TrimSpace(getenv(s, "COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if !s.OutTTY {
		return 0
	}
	if f, ok := s.Out.(interface{ Fd() uintptr }); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 0
}

func getenv(s *cli.IOStreams, key string) string {
	if s.Getenv == nil {
		return ""
	}
	return s.Getenv(key)
}
