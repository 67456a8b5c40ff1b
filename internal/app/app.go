// Package app is the root of the ladderctl command: it wires the commands to their
// dependencies and turns errors into exit codes, in one place.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/cmd/compare"
	"github.com/ladderctl/ladderctl/internal/cmd/diff"
	"github.com/ladderctl/ladderctl/internal/cmd/importcmd"
	"github.com/ladderctl/ladderctl/internal/cmd/initcmd"
	"github.com/ladderctl/ladderctl/internal/cmd/lint"
	"github.com/ladderctl/ladderctl/internal/cmd/policy"
	"github.com/ladderctl/ladderctl/internal/cmd/render"
	"github.com/ladderctl/ladderctl/internal/cmd/roster"
	"github.com/ladderctl/ladderctl/internal/cmd/schema"
	"github.com/ladderctl/ladderctl/internal/cmd/test"
	"github.com/ladderctl/ladderctl/internal/cmd/version"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/suggest"
	ladderversion "github.com/ladderctl/ladderctl/internal/version"
)

// Main runs ladderctl with the process's arguments and streams and returns its exit code.
func Main() int {
	if os.Getenv("GOGC") == "" {
		// What a run keeps is small (ladders are judged as they load, then dropped) while
		// parsing makes much short-lived garbage: collecting a tenth as often makes lint on
		// 10,000 ladders a fifth faster (bench/run.sh; figures in the README).
		debug.SetGCPercent(1000)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// A policy that reads data.ladders keeps every ladder: past this, collect as usual.
		debug.SetMemoryLimit(1 << 30)
	}
	return Run(context.Background(), os.Args[1:], cli.System())
}

// Run runs ladderctl with args and returns the exit code. It never panics: an internal error
// is one line on stderr and exit 2.
func Run(ctx context.Context, args []string, streams *cli.IOStreams) (code int) {
	defer func() {
		if r := recover(); r != nil {
			cli.Say(streams, "internal error: %v (please report it with the command you ran)", r)
			code = cli.ExitIncomplete
		}
	}()
	f := NewFactory(streams)
	root := NewRootCmd(f)
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	err := root.ExecuteContext(ctx)
	return exitCode(withSuggestion(root, err), streams.ErrOut)
}

// NewFactory builds the dependencies commands share; the config file is read at most once.
func NewFactory(streams *cli.IOStreams) *cli.Factory {
	f := &cli.Factory{IO: streams, Viper: cli.NewViper(), Now: cli.Clock(streams.Env)}
	f.Config = sync.OnceValues(func() (*config.Config, error) {
		path := f.Viper.GetString("config")
		if path == "" {
			found, err := config.Find(".")
			if err != nil {
				return nil, err
			}
			path = found
		}
		return config.Load(path)
	})
	return f
}

// NewRootCmd builds the ladderctl command tree.
func NewRootCmd(f *cli.Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "ladderctl",
		Short: "Career ladders as policy-as-code",
		Long: `ladderctl checks career ladders, kept as YAML in a repository, against rules written in
Rego: first of all that the individual-contributor track reaches parity with the management
track, so that growth never has to mean managing people.`,
		SilenceUsage:       true,
		SilenceErrors:      true,
		DisableSuggestions: true, // cobra's spread over several lines; exitCode says it in one
	}
	// --version prints what the version command prints; cobra's template would print a line
	// of its own making.
	root.Version = version.Text(ladderversion.Get())
	root.SetVersionTemplate("{{.Version}}")
	root.Flags().Bool("version", false, "print the version of ladderctl, of its built-in rules and of OPA, as ladderctl version does")
	root.PersistentFlags().String("config", "", "config `FILE` (default: the first .ladderctl.yaml from here upward)")
	_ = f.Viper.BindPFlag("config", root.PersistentFlags().Lookup("config"))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return cli.Usagef(err) })
	root.AddCommand(
		lint.NewCmdLint(f, nil),
		compare.NewCmdCompare(f, nil),
		diff.NewCmdDiff(f, nil),
		initcmd.NewCmdInit(f, nil),
		schema.NewCmdSchema(f, nil),
		version.NewCmdVersion(f, nil),
		test.NewCmdTest(f, nil),
		policy.NewCmdPolicy(f, nil),
		render.NewCmdRender(f, nil),
		importcmd.NewCmdImport(f, nil),
		roster.NewCmdRoster(f, nil),
	)
	return root
}

// withSuggestion turns cobra's unknown-command error into a usage error that names the
// command the user most likely meant.
func withSuggestion(root *cobra.Command, err error) error {
	if err == nil {
		return nil
	}
	var name string
	if _, scanErr := fmt.Sscanf(err.Error(), "unknown command %q", &name); scanErr != nil {
		return err
	}
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return cli.Usagef(fmt.Errorf("unknown command %q%s", name, suggest.DidYouMean(name, names)))
}

// exitCode maps what a command returned to the exit code, printing what has not been said.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return cli.ExitOK
	}
	var exit *cli.ExitError
	if errors.As(err, &exit) {
		if exit.Err != nil {
			printErr(stderr, exit.Err)
		}
		return exit.Code
	}
	var list diag.List
	if errors.As(err, &list) {
		printErr(stderr, list)
		return cli.ExitIncomplete
	}
	if cli.IsUsage(err) {
		printLine(stderr, fmt.Sprintf("%v (see ladderctl --help)", err))
		return cli.ExitIncomplete
	}
	printLine(stderr, err.Error())
	return cli.ExitIncomplete
}

// printErr prints an error one line to a problem: a list of problems as a line each.
func printErr(stderr io.Writer, err error) {
	var list diag.List
	if errors.As(err, &list) {
		for _, e := range list {
			printLine(stderr, e.Error())
		}
		return
	}
	printLine(stderr, err.Error())
}

// printLine prints one error as one line: a file name or a ladder's text in it may hold
// line breaks or terminal sequences, which are shown as escapes.
func printLine(stderr io.Writer, msg string) {
	fmt.Fprintf(stderr, "ladderctl: %s\n", output.Visible(msg))
}
