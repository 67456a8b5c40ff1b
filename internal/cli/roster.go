package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/roster"
	"github.com/ladderctl/ladderctl/internal/sheet"
)

// RosterFlags adds the flags that say how a roster is read: --columns and --min-group, and
// --roster FILE on a command where the roster is optional (compare, render).
func RosterFlags(cmd *cobra.Command, optional bool) {
	fl := cmd.Flags()
	if optional {
		fl.String("roster", "", "count the people of a roster `FILE` (CSV, or - for standard input) on each level")
	}
	fl.StringToString("columns", nil, "the roster's headers of its columns, `COLUMN=HEADER,...` (columns: "+strings.Join(roster.Columns, ", ")+")")
	fl.Int("min-group", roster.DefaultMinGroup, "the smallest group shown by size or summarised by pay, in `PEOPLE`")
	_ = cmd.RegisterFlagCompletionFunc("columns", cobra.NoFileCompletions)
	_ = cmd.RegisterFlagCompletionFunc("min-group", cobra.NoFileCompletions)
}

// Roster reads the roster at path once, with the running command's --columns and
// --min-group, into s.Roster; path "" reads none. Call it after Judging. A roster that
// cannot be read stops the run: every figure would be wrong without it.
func (f *Factory) Roster(cmd *cobra.Command, path string, s *check.Settings) error {
	fl := cmd.Flags()
	if path == "" {
		for _, name := range []string{"columns", "min-group"} {
			if fl.Changed(name) {
				return Usagef(fmt.Errorf("--%s says how to read a roster; give one with --roster FILE", name))
			}
		}
		return nil
	}
	columns, _ := fl.GetStringToString("columns")
	if err := sheet.CheckMapping(columns, roster.Columns, "roster"); err != nil {
		return Usagef(err)
	}
	minGroup, _ := fl.GetInt("min-group")
	if minGroup < 1 {
		return Usagef(fmt.Errorf("--min-group %d must be at least 1", minGroup))
	}
	if path == "-" && slices.Contains(s.Paths, "-") {
		return Usagef(errors.New("the roster and a ladder cannot both be read from standard input"))
	}
	name, data, err := roster.ReadFile(path, f.IO.In, "", s.MaxFileSize)
	if err != nil {
		return Incomplete(diag.From(err))
	}
	r, err := roster.Read(name, data, columns, minGroup)
	if err != nil {
		return Incomplete(diag.From(err))
	}
	s.Roster = r
	return nil
}

// RosterProblems are the rows of a roster that could not be counted, for a view that shows
// no findings (compare, render): the view is drawn, and the run is incomplete.
func RosterProblems(s *roster.Summary) diag.List {
	var out diag.List
	for _, f := range s.Problems {
		out = append(out, &diag.Error{File: f.File, Line: f.Line, Column: f.Column, Message: f.Message})
	}
	return out
}
