// Package render is the `ladderctl render` command: flags and glue over internal/render.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/render"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// Options are render's dependencies and its settings.
type Options struct {
	IO *cli.IOStreams

	Arg        string // the ladder: FILE, REF:PATH or NAME
	Ladder     string // which ladder of a file that holds several
	Output     string // svg, html or markdown
	OutputFile string
	Judging    check.Settings // how the findings are judged: as lint judges
}

// NewCmdRender builds the command; runF replaces run in tests of flag parsing.
func NewCmdRender(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "render LADDER",
		Short: "Draw a ladder: tracks by grade, pay bands to scale, peers, moves and findings",
		Long: `Draw a career ladder for the people who own it and the people it levels.

A LADDER is a file path; else REF:PATH, a file at a git ref (the path from the repository
root); else the NAME of a ladder found in the configured ladder paths (default ladders/).

  -o svg        a picture (the default): one column per track, one band per grade with the
                most senior at the top, each level with its title, scope and pay band, pay
                bands drawn to one scale, peers joined, the moves between tracks as arrows,
                and each level the rules find fault with marked with the rule's id
  -o html       one self-contained page that works offline: the picture, the tracks by grade
                as compare tables them, the findings, and every level in full
  -o markdown   the ladder as a document for a handbook: owner, tracks, levels by grade,
                moves, and each level's scope, pay band, summary and expectations

The findings are those ladderctl lint reports on the ladder: the built-in rules and the
config's policies, params, severities, waivers and baseline.

Without -o (or LADDERCTL_OUTPUT), an --output-file ending .svg, .html or .md chooses the
format.

Exit status: 0 when the ladder was drawn, 2 when it could not be, or not in full (the
drawing is still written when only some rules could not run).`,
		Example: `  ladderctl render acme-engineering > ladder.svg
  ladderctl render ladders/acme-engineering.yaml --output-file docs/ladder.html
  ladderctl render acme-engineering -o markdown --output-file handbook/engineering.md
  ladderctl render main:ladders/acme-engineering.yaml -o svg`,
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
	cli.OutputFlag(cmd, &opts.Output, render.Formats)
	fl := cmd.Flags()
	fl.StringVar(&opts.OutputFile, "output-file", "", "write to `FILE` (atomically) instead of standard output")
	fl.StringVar(&opts.Ladder, "ladder", "", "the ladder `NAME` to take from a file that holds several")
	fl.StringArray("param", nil, "set a rule param for the findings, `KEY=VALUE` with VALUE read as YAML (repeatable)")
	fl.Duration("timeout", cli.DefaultTimeout, "stop evaluating the rules after this `DURATION`")
	fl.Int64("max-file-size", ladder.DefaultMaxFileSize, "largest ladder file to read, in `BYTES`")
	cli.RosterFlags(cmd, true)
	cli.MaxMemoryFlag(cmd)
	cli.RegistryFlags(cmd)
	cli.VerificationFlags(cmd)
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= 1 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return cli.LadderNames(f, toComplete)
	}
	_ = cmd.RegisterFlagCompletionFunc("ladder", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		names, _ := cli.LadderNames(f, toComplete)
		return names, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// complete checks the flags and the argument before any work starts.
func (o *Options) complete(f *cli.Factory, cmd *cobra.Command, args []string) error {
	cfg, err := f.Bind(cmd)
	if err != nil {
		return err
	}
	if o.Judging, err = f.Judging(cmd, cfg, nil); err != nil {
		return err
	}
	if !cmd.Flags().Changed("output") {
		if guess := render.FormatOf(o.OutputFile); guess != "" {
			o.Output = guess
		}
	}
	switch {
	case len(args) == 0:
		return cli.Usagef(errors.New("name a ladder to render: a file, REF:PATH or a ladder name"))
	case len(args) > 1:
		return cli.Usagef(fmt.Errorf("render takes one ladder, not %d", len(args)))
	case cli.CheckOutput(o.Output, render.Formats) != nil:
		return cli.CheckOutput(o.Output, render.Formats)
	case cmd.Flags().Changed("output-file") && strings.TrimSpace(o.OutputFile) == "":
		return cli.Usagef(errors.New("--output-file needs a file name"))
	}
	o.Arg = args[0]
	return f.Roster(cmd, f.Viper.GetString("roster"), &o.Judging)
}

func run(ctx context.Context, o *Options) error {
	r := &compare.Resolver{Paths: o.Judging.Paths, Ladder: o.Ladder, MaxFileSize: o.Judging.MaxFileSize}
	src, err := r.Resolve(ctx, o.Arg)
	if err != nil {
		return err
	}
	l := &render.Ladder{Source: src}
	var problems diag.List
	if o.Output != "markdown" || o.Judging.Roster != nil { // the handbook carries no findings: no need to run the rules
		res, found := check.One(ctx, o.Judging, src.Loaded, src.Ref == "")
		cli.Warn(o.IO, res.Warnings)
		l.Findings, l.Rules, problems = found, res.Rules, res.Problems
		if res.Roster != nil {
			l.People = compare.LevelHeadcounts(src, res.Roster)
			problems = append(problems, cli.RosterProblems(res.Roster)...)
		}
	}
	if err := write(o, l); err != nil {
		problems = append(problems, diag.From(err)...)
	}
	if len(problems) > 0 {
		return cli.Incomplete(problems)
	}
	return nil
}

// write renders into memory first, so that a failure leaves neither a half-written file nor
// half a picture on standard output.
func write(o *Options, l *render.Ladder) error {
	var buf bytes.Buffer
	if err := render.Write(&buf, l, o.Output); err != nil {
		return err
	}
	return safefile.Put(o.IO.Out, o.OutputFile, buf.Bytes())
}
