// Package render draws a career ladder for the people who own it: an SVG picture of its
// tracks side by side by grade, with pay bands to one scale, peers joined, the moves between
// tracks and the findings of the rules marked on the levels; an HTML page around that
// picture; and a Markdown document of the ladder for a handbook.
package render

import (
	"cmp"
	"io"
	"slices"
	"strings"

	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/output"
)

// Formats lists the output formats of render, the default first; it drives flag help,
// validation and completion.
var Formats = output.NewRegistry(
	Format{output.Named("svg", "an SVG picture of the ladder, with its findings listed"), func(w io.Writer, l *Ladder) error {
		return WriteSVG(w, l, SVGOptions{FindingsList: true, Standalone: true})
	}},
	Format{output.Named("html", "an HTML page around the picture"), WriteHTML},
	Format{output.Named("markdown", "a Markdown document of the ladder, for a handbook"), WriteMarkdown},
)

// Format writes a ladder in one output format.
type Format struct {
	output.Format
	write func(io.Writer, *Ladder) error
}

// Ladder is what a picture shows: a ladder, and the findings on it as lint reports them.
type Ladder struct {
	Source   *compare.Source
	Findings []finding.Finding // of this ladder only; the order does not matter
	Rules    []finding.Rule    // the rules of the run, which say which findings are parity marks
	// People are the headcounts of a roster by level id (render --roster): drawn on each
	// level, and a level nobody holds is shaded. Nil without a roster.
	People map[string]compare.Headcount
}

// Write writes the ladder in a format, by name; "" is the default.
func Write(w io.Writer, l *Ladder, format string) error {
	f := Formats.Default()
	if format != "" {
		var err error
		if f, err = Formats.Lookup(format); err != nil {
			return err
		}
	}
	return f.write(w, l)
}

// FormatOf guesses the format from a file name's extension: .svg, .html or .htm, .md or
// .markdown; "" when the extension says nothing.
func FormatOf(file string) string {
	lower := strings.ToLower(file)
	switch {
	case strings.HasSuffix(lower, ".svg"):
		return "svg"
	case strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"):
		return "html"
	case strings.HasSuffix(lower, ".md"), strings.HasSuffix(lower, ".markdown"):
		return "markdown"
	}
	return ""
}

// sortFindings orders findings for people: the most severe first, then by rule, level and
// message, so that output never depends on the order rules ran in.
func sortFindings(fs []finding.Finding) []finding.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b finding.Finding) int {
		return cmp.Or(
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Level, b.Level),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return out
}

// counts says how many findings of each severity there are: "3 errors, 3 warnings".
func counts(fs []finding.Finding) string {
	n := map[finding.Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	var parts []string
	for _, s := range []finding.Severity{finding.Error, finding.Warning, finding.Info} {
		if n[s] > 0 {
			parts = append(parts, output.Plural(n[s], s.String()))
		}
	}
	return strings.Join(parts, ", ")
}

// sideName is how the picture names a side.
func sideName(side string) string {
	switch side {
	case compare.SideIC:
		return "IC"
	case compare.SideShared:
		return "shared"
	}
	return "management"
}

// payNote says what a ladder pays in, for a subtitle: "pay in USD", or "pay by zone:
// United States (USD), United Kingdom (GBP)"; "" for a ladder without a currency or zones.
func payNote(spec *ladder.Spec) string {
	if len(spec.Zones) == 0 {
		if spec.Currency == "" {
			return ""
		}
		return "pay in " + spec.Currency
	}
	zones := make([]string, len(spec.Zones))
	for i, z := range spec.Zones {
		zones[i] = cmpOr(z.Name, z.ID) + " (" + cmpOr(spec.ZoneCurrency(z.ID), "no currency") + ")"
	}
	return "pay by zone: " + strings.Join(zones, ", ")
}
