// Package schema is the `ladderctl schema` command: the JSON Schema of the ladder format, for
// editors to complete and check ladders as they are typed.
package schema

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/output"
	ladderschema "github.com/ladderctl/ladderctl/internal/schema"
)

// Formats lists the values of -o.
var Formats = output.NewRegistry(output.Named("json", "JSON Schema draft 2020-12"))

// Options are the settings of schema.
type Options struct {
	IO     *cli.IOStreams
	Output string
}

// NewCmdSchema builds the command; runF replaces run in tests of flag parsing.
func NewCmdSchema(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the ladder format, for editors",
		Long: `Print the JSON Schema (draft 2020-12) of the ladder format, ` + ladderschema.ID + `.

Editors that use the YAML language server (VS Code with the YAML extension, Neovim, Helix,
Zed) then complete field names, show what each field means, and underline a wrong type, a
missing or unknown field, an unknown type or scope, a bad name or currency, or a pay band
that is not above 0, as you type. Save it beside your ladders and point them at it with a
first line such as

  # yaml-language-server: $schema=../ladder.schema.json

(the path is relative to the ladder file), or with the yaml.schemas setting of VS Code.
ladderctl init writes both. The schema checks one document at a time: lint still has the
last word, with the rules that relate fields and ladders (unique ids, grade order,
references, parity).

Exit status: 0, or 2 on a bad flag.`,
		Example:           `  ladderctl schema > ladder.schema.json`,
		Args:              cli.NoArgs("schema takes no arguments; redirect its output to a file: ladderctl schema > ladder.schema.json"),
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
	b, err := ladderschema.JSON()
	if err != nil {
		return err
	}
	_, err = o.IO.Out.Write(b)
	return err
}
