// Package test is the `ladderctl test` command: the Rego unit tests of policy directories.
package test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/policysource"
)

// Formats lists the output formats of test, the default first.
var Formats = output.NewRegistry(
	output.Named("text", "one line per failing test and a summary, for people"),
	output.Named("json", "every test with its result, for scripts"),
	output.Named("junit", "JUnit XML, for CI test reports"),
)

// Options are test's dependencies and settings.
type Options struct {
	IO *cli.IOStreams

	Dirs    []string
	Output  string
	Run     string
	Builtin bool
	Params  map[string]any
	Timeout time.Duration
	Verbose bool
}

// NewCmdTest builds the command; runF replaces run in tests of flag parsing.
func NewCmdTest(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego unit tests of policy directories",
		Long: `Run the Rego unit tests (rules named test_*) of the policy directories in DIRs (default:
the config's policies), with the built-in rules loaded so tests can use them, in the same
sandbox lint uses. Exit status: 0 when every test passes, 1 when one fails, 2 when the
policies do not compile.`,
		Example: `  ladderctl test policies/
  ladderctl test -o junit > policy-tests.xml
  ladderctl test --run 'test_ninja.*' -v`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Bind(cmd)
			if err != nil {
				return err
			}
			s, err := f.Judging(cmd, cfg, nil)
			if err != nil {
				return err
			}
			if err := cli.CheckOutput(opts.Output, Formats); err != nil {
				return err
			}
			if _, err := regexp.Compile(opts.Run); err != nil {
				return cli.Usagef(fmt.Errorf("--run %q is not a regular expression: %v", opts.Run, err))
			}
			opts.Params, opts.Timeout, opts.Builtin = s.Params, s.Timeout, s.Builtin
			for _, a := range args {
				if policysource.IsPack(a) {
					return cli.Usagef(fmt.Errorf("%s: test takes policy directories; to test a pack or a bundle, list it under policies: in %s or in LADDERCTL_POLICIES", a, config.FileName))
				}
			}
			opts.Dirs = args
			if len(opts.Dirs) == 0 {
				opts.Dirs = s.Policies
			}
			if len(opts.Dirs) == 0 {
				return cli.Usagef(fmt.Errorf("no policy directory to test: name one, or list it under policies: in %s", config.FileName))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return run(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	cli.OutputFlag(cmd, &opts.Output, Formats)
	fl.StringVar(&opts.Run, "run", "", "run only the tests whose names match `REGEX`")
	fl.Bool("no-builtin", false, "do not load the built-in rule pack")
	cli.VerificationFlags(cmd)
	fl.StringArray("param", nil, "set a rule param, `KEY=VALUE` (repeatable)")
	fl.Duration("timeout", cli.DefaultTimeout, "stop a test after this `DURATION`")
	fl.BoolVarP(&opts.Verbose, "verbose", "v", false, "list passing tests too, with their print() output")
	cli.RegistryFlags(cmd)
	return cmd
}

func run(ctx context.Context, o *Options) error {
	results, err := policy.RunTests(ctx, policy.TestOptions{Builtin: o.Builtin, Dirs: o.Dirs, Params: o.Params, Filter: o.Run, Timeout: o.Timeout})
	if err != nil {
		return err
	}
	switch o.Output {
	case "json":
		err = writeJSON(o.IO.Out, results)
	case "junit":
		err = writeJUnit(o.IO.Out, results)
	default:
		err = writeText(o.IO.Out, results, o.Verbose)
	}
	if err != nil {
		return err
	}
	for _, r := range results {
		if !r.Passed && !r.Skipped {
			return cli.ErrFindings
		}
	}
	return nil
}

func writeText(w io.Writer, results []policy.TestResult, verbose bool) error {
	passed, failed, skipped := 0, 0, 0
	var b strings.Builder
	for _, r := range results {
		status := "PASS"
		switch {
		case r.Skipped:
			status = "SKIP"
			skipped++
		case r.Passed:
			passed++
		default:
			status = "FAIL"
			failed++
		}
		if status == "FAIL" || verbose {
			fmt.Fprintf(&b, "%s %s\n", status, output.Visible(fmt.Sprintf("%s:%d: %s.%s", r.File, r.Line, r.Package, r.Name)))
			if r.Error != "" {
				fmt.Fprintf(&b, "    %s\n", output.Visible(r.Error))
			}
			// What the test's print() wrote, a line each, marked as such and shown as text.
			for _, line := range strings.Split(strings.TrimRight(r.Output, "\n"), "\n") {
				if line != "" {
					fmt.Fprintf(&b, "    print: %s\n", output.Visible(line))
				}
			}
		}
	}
	switch {
	case len(results) == 0:
		b.WriteString("No tests found: name test rules test_* in *_test.rego files.\n")
	case failed > 0:
		fmt.Fprintf(&b, "%d of %d tests failed", failed, len(results))
	case passed == 1:
		b.WriteString("The 1 test passed")
	default:
		fmt.Fprintf(&b, "All %d tests passed", passed)
	}
	if len(results) > 0 {
		if skipped > 0 {
			fmt.Fprintf(&b, " (%d skipped)", skipped)
		}
		b.WriteString(".\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeJSON(w io.Writer, results []policy.TestResult) error {
	if results == nil {
		results = []policy.TestResult{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(results)
}
