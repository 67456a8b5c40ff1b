// Package version is the `ladderctl version` command: which ladderctl this is.
package version

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/version"
)

// Formats lists the values of -o, the default first.
var Formats = output.NewRegistry(
	output.Named("text", "one line per version, for people"),
	output.Named("json", "one object, for scripts"),
)

// Options are the dependencies and settings of version.
type Options struct {
	IO     *cli.IOStreams
	Output string
	// Info reads the version information; tests replace it.
	Info func() version.Info
}

// NewCmdVersion builds the command; runF replaces run in tests of flag parsing.
func NewCmdVersion(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Info: version.Get}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version of ladderctl, of its built-in rules and of OPA",
		Long: `Print the version of ladderctl, the commit it was built from, the version of its built-in
rule pack, and the versions of OPA and Go it was built with. SARIF reports carry the same in
tool.driver. -o json prints them as one object, for scripts.

Exit status: 0, or 2 on a bad flag.`,
		Example: `  ladderctl version
  ladderctl version -o json | jq -r .pack_version`,
		Args:              cli.NoArgs("version takes no arguments"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.BindEnv(cmd); err != nil {
				return err
			}
			if err := cli.CheckOutput(opts.Output, Formats); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return run(opts)
		},
	}
	cli.OutputFlag(cmd, &opts.Output, Formats)
	return cmd
}

func run(o *Options) error {
	info := o.Info()
	if o.Output == "json" {
		b, err := json.MarshalIndent(info, "", "  ")
		if err != nil {
			return err
		}
		_, err = o.IO.Out.Write(append(b, '\n'))
		return err
	}
	_, err := io.WriteString(o.IO.Out, Text(info))
	return err
}

// Text is what `ladderctl version` prints, and `ladderctl --version` too.
func Text(info version.Info) string {
	commit := info.Commit
	if commit == "" {
		commit = "unknown"
	}
	return fmt.Sprintf("ladderctl %s\n  commit:    %s\n  rule pack: %s\n  OPA:       %s\n  Go:        %s\n",
		info.Version, commit, info.PackVersion, info.OPAVersion, info.GoVersion)
}
