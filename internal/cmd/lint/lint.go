// Package lint is the `ladderctl lint` command: load ladders, evaluate the rules, report.
package lint

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/report"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// Options are lint's dependencies and its settings once flags, environment and config are
// layered.
type Options struct {
	IO     *cli.IOStreams
	Config func() (*config.Config, error)
	Now    func() (time.Time, error)

	Paths         []string
	Output        string
	OutputFile    string
	Policies      []string // -p, added to the config's
	Namespaces    []string
	Builtin       bool
	FailOn        string
	Params        []string // KEY=VALUE
	Timeout       time.Duration
	Color         string
	StdinFilename string
	MaxFileSize   int64
	ShowWaived    bool
	Baseline      string // accept the findings recorded there
	WriteBaseline string // record today's findings there
}

// NewCmdLint builds the command; runF replaces run in tests of flag parsing.
func NewCmdLint(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Config: f.Config, Now: f.Now}
	v := f.Viper
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check ladders against the built-in rules and your policies",
		Long: `Load the ladders in PATHs (files, directories, or - for standard input; default: the
config's ladders, else ladders/), evaluate the built-in rules and your Rego policies on them,
and print every finding with its file, line and column.

Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 when something could not
be checked (a file that does not load, a policy that does not compile, a timeout).`,
		Example: `  ladderctl lint ladders/
  ladderctl lint -o json --fail-on warning
  ladderctl lint -p policies/ --param parity_pay_tolerance=0.05
  cat ladder.yaml | ladderctl lint - --stdin-filename ladders/acme.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cli.BindFlags(v, cmd.Flags(), map[string]string{"namespaces": "namespace"},
				"output", "fail-on", "timeout", "color", "max-file-size", "baseline")
			cfg, err := opts.Config()
			if err != nil {
				return err
			}
			if err := opts.complete(v, cfg, args, cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return run(cmd.Context(), opts, cfg)
		},
	}
	fl := cmd.Flags()
	cli.OutputFlag(cmd, &opts.Output, report.Formats)
	fl.StringVar(&opts.OutputFile, "output-file", "", "write the report to `FILE` (atomically) instead of standard output")
	fl.StringArrayVarP(&opts.Policies, "policy", "p", nil, "add a Rego policy `DIR` (repeatable; added to the config's policies)")
	fl.StringSliceP("namespace", "n", nil, "evaluate only user packages matching `GLOB` (repeatable)")
	fl.Bool("no-builtin", false, "do not load the built-in rule pack")
	fl.String("fail-on", "error", "lowest severity that fails the run: error|warning|info|never")
	fl.StringArrayVar(&opts.Params, "param", nil, "set a rule param, `KEY=VALUE` with VALUE read as YAML (repeatable)")
	fl.Duration("timeout", 30*time.Second, "stop evaluating policies after this `DURATION`")
	fl.String("color", "auto", "colour the output: auto|always|never")
	fl.StringVar(&opts.StdinFilename, "stdin-filename", "", "the file `NAME` findings give for a ladder read from -")
	fl.Int64("max-file-size", ladder.DefaultMaxFileSize, "largest ladder file to read, in `BYTES`")
	fl.BoolVar(&opts.ShowWaived, "show-waived", false, "list the findings that waivers and the baseline accept")
	fl.String("baseline", "", "accept the findings recorded in `FILE` (by rule, ladder, level and message)")
	fl.StringVar(&opts.WriteBaseline, "write-baseline", "", "record today's findings in `FILE` and accept them")

	v.SetDefault("builtin", true)

	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(config.FailOnValues, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("color", cobra.FixedCompletions(cli.ColorModes, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// complete layers flags over LADDERCTL_* over the config file, and validates the result
// before any work starts.
func (o *Options) complete(v *viper.Viper, cfg *config.Config, args []string, cmd *cobra.Command) error {
	o.Output = v.GetString("output")
	o.FailOn = v.GetString("fail-on")
	o.Timeout = v.GetDuration("timeout")
	o.Color = v.GetString("color")
	o.MaxFileSize = v.GetInt64("max-file-size")
	o.Namespaces = v.GetStringSlice("namespaces")
	o.Baseline = v.GetString("baseline")
	if !v.IsSet("baseline") && cfg.Baseline != "" {
		o.Baseline = cfg.Resolve(cfg.Baseline)
	}
	o.Builtin = v.GetBool("builtin")
	if no, _ := cmd.Flags().GetBool("no-builtin"); no {
		o.Builtin = false
	}
	o.Paths = cli.LadderPaths(v, cfg, args)
	o.Policies = cli.PolicyDirs(v, cfg, o.Policies)

	if err := cli.CheckOutput(o.Output, report.Formats); err != nil { // -o or LADDERCTL_OUTPUT
		return err
	}
	if !slices.Contains(config.FailOnValues, o.FailOn) {
		return cli.Usagef(fmt.Errorf("fail-on %q (from --fail-on or %s_FAIL_ON) is not one of %s", o.FailOn, cli.EnvPrefix, strings.Join(config.FailOnValues, ", ")))
	}
	if !slices.Contains(cli.ColorModes, o.Color) {
		return cli.Usagef(fmt.Errorf("color %q (from --color or %s_COLOR) is not one of %s", o.Color, cli.EnvPrefix, strings.Join(cli.ColorModes, ", ")))
	}
	for _, g := range o.Namespaces {
		if _, err := path.Match(g, ""); err != nil {
			return cli.Usagef(fmt.Errorf("--namespace %q is not a valid glob (use * and ?, such as acme.*)", g))
		}
	}
	if o.Timeout <= 0 {
		return cli.Usagef(fmt.Errorf("--timeout must be positive, such as 30s or 2m"))
	}
	if o.MaxFileSize <= 0 {
		return cli.Usagef(fmt.Errorf("--max-file-size must be a positive number of bytes"))
	}
	if _, err := cli.ParseParams(o.Params); err != nil {
		return cli.Usagef(err)
	}
	if flagged := cmd.Flags().Changed("baseline"); flagged && o.WriteBaseline != "" && filepath.Clean(o.Baseline) != filepath.Clean(o.WriteBaseline) {
		return cli.Usagef(errors.New("--baseline and --write-baseline name different files; give one"))
	}
	if o.StdinFilename != "" && !slices.Contains(o.Paths, "-") {
		return cli.Usagef(errors.New("--stdin-filename names the ladder read from standard input; add - to the paths"))
	}
	return nil
}

func run(ctx context.Context, o *Options, cfg *config.Config) error {
	now, err := o.Now()
	if err != nil {
		return err
	}
	in := check.Input{
		Config:  cfg,
		Paths:   o.Paths,
		Load:    ladder.Options{MaxFileSize: o.MaxFileSize, Stdin: o.IO.In, StdinName: o.StdinFilename},
		Now:     now,
		Release: true,
	}
	if o.Baseline != "" && o.WriteBaseline == "" {
		if in.Baseline, err = governance.ReadBaseline(o.Baseline); err != nil {
			return err
		}
	}
	in.FlagParams, _ = cli.ParseParams(o.Params)
	in.Policy = policy.Options{
		Builtin:    o.Builtin,
		Dirs:       o.Policies,
		Namespaces: o.Namespaces,
		Params:     cli.Params(cfg, in.FlagParams),
		Timeout:    o.Timeout,
		Print:      o.IO.ErrOut,
	}
	res := check.Run(ctx, in)
	printDiags(o.IO.ErrOut, "warning: ", res.Warnings)
	if o.WriteBaseline != "" && !res.Complete() {
		res.Problems = append(res.Problems, &diag.Error{File: o.WriteBaseline, Message: "the baseline was not written, as the check is incomplete", Hint: "fix the errors above, then write it again"})
	} else if o.WriteBaseline != "" {
		// Record what would be reported without a baseline, then accept exactly that.
		base := governance.NewBaseline(governance.Apply(res.Findings, cfg, now, nil).Findings)
		if err := base.Write(o.WriteBaseline); err != nil {
			res.Problems = append(res.Problems, &diag.Error{Message: err.Error()})
		} else {
			fmt.Fprintf(o.IO.ErrOut, "ladderctl: recorded %d findings in %s; lint with --baseline %s to accept them\n", len(base.Findings), o.WriteBaseline, o.WriteBaseline)
		}
		res.Outcome = governance.Apply(res.Findings, cfg, now, base)
	}
	rep := res.Report(o.ShowWaived)
	problems := res.Problems
	if err := write(o, rep); err != nil {
		problems = append(problems, &diag.Error{Message: err.Error()})
	}
	printDiags(o.IO.ErrOut, "", problems)
	if n := rep.LoadErrorFiles(); n > 0 {
		// The reason is in the report, which may be going to a file: say in the log why exit 2.
		fmt.Fprintf(o.IO.ErrOut, "ladderctl: %s could not be read as ladders; the load findings in the report say why\n", plural(n, "file"))
	}
	switch {
	case len(problems) > 0 || !res.Complete():
		return cli.ErrIncomplete
	case check.Reaches(rep.Worst(), o.FailOn):
		return cli.ErrFindings
	}
	return nil
}

func write(o *Options, rep *report.Report) error {
	format, _ := report.Formats.Lookup(o.Output)
	if o.OutputFile == "" {
		return format.Write(o.IO.Out, rep, report.Options{Color: o.IO.Color(o.Color)})
	}
	return safefile.Write(o.OutputFile, func(w io.Writer) error {
		return format.Write(w, rep, report.Options{})
	})
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func printDiags(w io.Writer, prefix string, l diag.List) {
	for _, e := range l {
		fmt.Fprintf(w, "ladderctl: %s%s\n", prefix, e.Error())
	}
}
