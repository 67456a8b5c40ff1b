package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// Output is one report a run writes: a format, to a file, or to standard output when File
// is "".
type Output struct {
	Format string
	File   string
}

// OutputsFlag adds -o, --output to a command that writes several reports from one run:
// repeatable, each FORMAT (standard output, or --output-file) or FORMAT=FILE.
func OutputsFlag[F output.Format](cmd *cobra.Command, p *[]string, formats *output.Registry[F]) {
	cmd.Flags().StringArrayVarP(p, "output", "o", []string{formats.Default().Name()},
		"output `FORMAT`, or FORMAT=FILE to write it to FILE (repeatable): "+strings.Join(formats.Names(), "|"))
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(formats.Completions(), cobra.ShellCompDirectiveNoFileComp))
}

// ParseOutputs reads the -o values of a run, with --output-file (outputFile) naming the file
// of the one -o without its own: each format must exist, at most one report goes to
// standard output, and no two go to the same file.
func ParseOutputs[F output.Format](values []string, outputFile string, formats *output.Registry[F]) ([]Output, error) {
	var outs []Output
	var toStdout []string
	for _, v := range values {
		name, file, hasFile := strings.Cut(v, "=")
		if _, err := formats.Lookup(name); err != nil {
			return nil, Usagef(err)
		}
		if hasFile && file == "" {
			return nil, Usagef(fmt.Errorf("-o %s names no file; write -o %s=FILE, or -o %s for standard output", v, name, name))
		}
		if !hasFile {
			toStdout = append(toStdout, name)
		}
		outs = append(outs, Output{Format: name, File: file})
	}
	switch {
	case len(toStdout) > 1 && outputFile != "":
		return nil, Usagef(fmt.Errorf("--output-file names the file of one -o, but %s have none; write -o FORMAT=FILE for each", strings.Join(toStdout, " and ")))
	case len(toStdout) > 1:
		return nil, Usagef(fmt.Errorf("-o %s would all write to standard output; give all but one a file: -o %s=FILE", strings.Join(toStdout, ", -o "), toStdout[len(toStdout)-1]))
	case len(toStdout) == 0 && outputFile != "":
		return nil, Usagef(errors.New("--output-file names the file of an -o without one, but every -o has its own file (-o FORMAT=FILE)"))
	}
	files := map[string]string{}
	for i, o := range outs {
		if o.File == "" {
			outs[i].File, o.File = outputFile, outputFile
		}
		if o.File == "" {
			continue
		}
		clean := filepath.Clean(o.File)
		if other, ok := files[clean]; ok {
			return nil, Usagef(fmt.Errorf("-o %s and -o %s both write %s; give each its own file", other, o.Format, o.File))
		}
		files[clean] = o.Format
	}
	return outs, nil
}

// WriteOutputs writes each report of a run: to standard output as it is made, or to its file
// atomically (a temporary file, then a rename), so a reader never sees half a report. color
// says whether the report for standard output may be coloured; a file never is. Every
// output is tried; the errors of those that could not be written are returned, one each.
func WriteOutputs(s *IOStreams, outs []Output, color bool, write func(w io.Writer, format string, color bool) error) diag.List {
	var errs diag.List
	for _, o := range outs {
		var err error
		if o.File == "" {
			err = write(s.Out, o.Format, color)
		} else {
			err = safefile.Write(o.File, func(w io.Writer) error { return write(w, o.Format, false) })
		}
		if err != nil {
			errs = append(errs, diag.From(err)...)
		}
	}
	return errs
}
