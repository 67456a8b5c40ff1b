// Package importcmd is the `ladderctl import` command: flags and glue over internal/importer.
// (The package is not named import, which Go reserves.)
package importcmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/importer"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/safefile"
	"github.com/ladderctl/ladderctl/internal/sheet"
)

// Options are import's dependencies and its settings.
type Options struct {
	IO *cli.IOStreams

	Format      *importer.Format
	Sources     []string
	OutputFile  string // "" is standard output
	Name        string // metadata.name of the new ladder; "" takes the source's
	Into        string // bands: the ladder file to merge into
	Columns     map[string]string
	DryRun      bool
	MaxFileSize int64
}

// NewCmdImport builds the command; runF replaces run in tests of flag parsing.
func NewCmdImport(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "import FORMAT SOURCE... [-o FILE]",
		Short: "Turn a ladder kept in another format into a ladderctl ladder, or merge pay bands into one",
		Long: `Read a career framework kept in another format and write it as a ladderctl/v1 ladder that
loads without a load error, or merge pay bands from a spreadsheet export into a ladder file.

Formats:
` + formatList() + `
Every title, level name, competency name and expectation text of the source is kept. Where
the source is silent (no grades, no track for a level, no level titles), import chooses and
says so in a YAML comment beside what it chose; a comment at the top names the source. The
ladder goes to standard output, or with -o to FILE, written whole or not at all.

import bands CSV --into LADDER merges a CSV with the columns level, min and max (and
optionally zone and currency; --columns maps other headers) into the ladder file, rewriting
only the pay it changes: comments, order and style stay as they were. A row that names an
unknown level or zone, a number that is not one, or a currency that disagrees fails the whole
import, every bad row listed, and the file is left untouched. --dry-run prints the change as
a diff instead.

Exit status: 0 when the ladder was written, 2 when it was not (nothing is written then).`,
		Example: `  ladderctl import ft engineering-progression/data/job-families/engineering.yml -o ladders/engineering.yaml
  ladderctl import pathway data/pathway/levels.yaml --name engineering -o ladders/engineering.yaml
  ladderctl import monzo frameworks/operations/ops-individual-contributor.md frameworks/operations/ops-leadership.md -o ladders/operations.yaml
  ladderctl import bands pay-bands.csv --into ladders/engineering.yaml --columns level="Job level",min="Min base",max="Max base" --dry-run`,
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return importer.Formats.Completions(), cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveDefault
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.BindEnv(cmd); err != nil {
				return err
			}
			if err := opts.complete(cmd, args); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return run(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.OutputFile, "output-file", "o", "", "write the ladder to `FILE` (atomically) instead of standard output")
	fl.StringVar(&opts.Name, "name", "", "the `NAME` of the new ladder (metadata.name; default: from the source)")
	fl.StringVar(&opts.Into, "into", "", "bands: the ladder `FILE` to merge the bands into")
	fl.StringToStringVar(&opts.Columns, "columns", nil, "bands: the CSV headers of the columns, `COLUMN=HEADER,...` (columns: "+strings.Join(importer.BandColumns, ", ")+")")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "bands: print the change to the ladder file as a diff instead of writing it")
	fl.Int64Var(&opts.MaxFileSize, "max-file-size", ladder.DefaultMaxFileSize, "largest source or ladder file to read, in `BYTES`")
	_ = cmd.RegisterFlagCompletionFunc("into", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
	})
	_ = cmd.RegisterFlagCompletionFunc("columns", cobra.NoFileCompletions)
	_ = cmd.RegisterFlagCompletionFunc("name", cobra.NoFileCompletions)
	return cmd
}

func formatList() string {
	var b strings.Builder
	for _, f := range importer.Formats.All() {
		fmt.Fprintf(&b, "  %-9s %s\n", f.Name(), f.Description())
	}
	return b.String()
}

// complete checks the arguments and flags before any file is read.
func (o *Options) complete(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cli.Usagef(fmt.Errorf("name a format to import (%s) and its source files", strings.Join(importer.Formats.Names(), ", ")))
	}
	format, err := importer.Lookup(args[0])
	if err != nil {
		return cli.Usagef(err)
	}
	o.Format, o.Sources = format, args[1:]
	changed := cmd.Flags().Changed
	switch {
	case len(o.Sources) == 0:
		return cli.Usagef(fmt.Errorf("import %s needs %s to read", format.Name(), format.Sources))
	case format.Max > 0 && len(o.Sources) > format.Max:
		return cli.Usagef(fmt.Errorf("import %s reads one %s, not %d; import each into a file of its own", format.Name(), format.Sources, len(o.Sources)))
	case slices.ContainsFunc(o.Sources, func(s string) bool { return strings.TrimSpace(s) == "" }):
		return cli.Usagef(errors.New("a source file name is empty"))
	case o.MaxFileSize <= 0:
		return cli.Usagef(fmt.Errorf("max-file-size %d must be a positive number of bytes", o.MaxFileSize))
	case changed("output-file") && strings.TrimSpace(o.OutputFile) == "":
		return cli.Usagef(errors.New("-o needs a file name"))
	}
	if format.Into {
		switch {
		case strings.TrimSpace(o.Into) == "":
			return cli.Usagef(fmt.Errorf("import %s needs --into LADDER, the ladder file to merge into", format.Name()))
		case changed("output-file"):
			return cli.Usagef(fmt.Errorf("import %s edits the --into file in place; -o is for the formats that write a new ladder (use --dry-run to see the change)", format.Name()))
		case changed("name"):
			return cli.Usagef(fmt.Errorf("import %s keeps the ladder's name; --name is for the formats that write a new ladder", format.Name()))
		}
		if err := sheet.CheckMapping(o.Columns, importer.BandColumns, "import bands"); err != nil {
			return cli.Usagef(err)
		}
		return nil
	}
	for _, flag := range []string{"into", "columns", "dry-run"} {
		if changed(flag) {
			return cli.Usagef(fmt.Errorf("--%s is for import bands, not import %s", flag, format.Name()))
		}
	}
	if o.Name != "" && !importer.NamePattern.MatchString(o.Name) {
		return cli.Usagef(fmt.Errorf("--name %q must be lower-case letters, digits and dashes, starting with a letter or digit", o.Name))
	}
	return nil
}

func run(o *Options) error {
	if o.Format.Into {
		return runBands(o)
	}
	var sources []importer.Source
	var problems diag.List
	for _, p := range o.Sources {
		s, err := importer.ReadSource(p, o.MaxFileSize)
		if err != nil {
			problems = append(problems, diag.From(err)...)
			continue
		}
		sources = append(sources, s)
	}
	if len(problems) > 0 {
		return cli.Incomplete(problems)
	}
	data, err := importer.Convert(o.Format, sources, o.Name)
	if err != nil {
		return cli.Incomplete(diag.From(err))
	}
	if o.OutputFile == "" {
		_, err := o.IO.Out.Write(data)
		return err
	}
	if err := safefile.Write(o.OutputFile, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}); err != nil {
		return cli.Incomplete(diag.From(err))
	}
	cli.Say(o.IO, "wrote %s from %s; check it with: ladderctl lint %s", o.OutputFile, strings.Join(o.Sources, ", "), o.OutputFile)
	return nil
}

func runBands(o *Options) error {
	csvSrc, err := importer.ReadSource(o.Sources[0], o.MaxFileSize)
	if err != nil {
		return cli.Incomplete(diag.From(err))
	}
	target, err := importer.ReadSource(o.Into, o.MaxFileSize)
	if err != nil {
		return cli.Incomplete(diag.From(err))
	}
	m, err := importer.MergeBands(csvSrc, target, o.Columns)
	if err != nil {
		list := diag.From(err)
		return cli.Incomplete(append(list, &diag.Error{File: o.Into, Message: "left as it was: no band was merged"}))
	}
	if o.DryRun {
		_, err := io.WriteString(o.IO.Out, m.Diff(o.Into+" (with the bands of "+o.Sources[0]+")"))
		return err
	}
	if bytes.Equal(m.Old, m.New) {
		cli.Say(o.IO, "%s already has the bands of %s; nothing to change", o.Into, o.Sources[0])
		return nil
	}
	if err := safefile.Write(o.Into, func(w io.Writer) error {
		_, err := w.Write(m.New)
		return err
	}); err != nil {
		return cli.Incomplete(diag.From(err))
	}
	cli.Say(o.IO, "merged the bands of %s into %s: %d changed, %d added", o.Sources[0], o.Into, m.Changed, m.Added)
	return nil
}
