package change

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/ladderctl/ladderctl/internal/ladderdiff"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/report"
)

type textFormat struct{}

func (textFormat) Name() string { return "text" }
func (textFormat) Description() string {
	return "for the terminal: the verdict, then every change and finding, one a line"
}

func (textFormat) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	plain := func(s string) string { return s }
	if h := looseningHeadline(r); h != "" {
		fmt.Fprintf(bw, "%s:\n", h)
		for _, l := range r.Loosened {
			fmt.Fprintf(bw, "  - %s: %s", looseningLabels[l.Kind], output.Visible(l.Message))
			if l.File != "" {
				fmt.Fprintf(bw, " (%s)", output.Visible(location(l.File, l.Line)))
			}
			bw.WriteString("\n")
		}
	}
	_, verdict := headline(r)
	fmt.Fprintf(bw, "%s.\n%s\n", output.Visible(verdict), output.Visible(comparedWith(r, plain)))
	for _, l := range packLines(r, plain) {
		fmt.Fprintf(bw, "%s\n", output.Visible(l))
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(bw, "\n%s\n", title)
		for _, it := range items { // one line each, whatever the ladders' text holds
			fmt.Fprintf(bw, "  %s\n", output.Visible(it))
		}
	}
	list("The check is incomplete: these errors stopped ladderctl from checking the change in full:", r.Errors.Head)
	list("The base could not be checked in full, so findings it already had may show here as introduced:", r.Errors.Base)
	list("Notes:", r.Notes)

	var ladders []string
	for _, l := range r.Ladders.Added {
		ladders = append(ladders, fmt.Sprintf("added %s (%s, %s)", l.Name, l.File, output.Plural(l.Levels, "level")))
	}
	for _, l := range r.Ladders.Removed {
		ladders = append(ladders, fmt.Sprintf("removed %s (%s, %s)", l.Name, l.File, output.Plural(l.Levels, "level")))
	}
	for _, c := range r.Ladders.Changed {
		ladders = append(ladders, c.Ladder+": "+c.String())
	}
	list("Ladders:", ladders)
	var levels []string
	for _, c := range r.Levels {
		var what string
		switch c.Change {
		case ladderdiff.Added:
			what = levelValue(c.After)
		case ladderdiff.Removed:
			what = "was " + levelValue(c.Before)
		case ladderdiff.ExpectationsChanged:
			what = c.Competencies.String()
		default:
			what = orNone(levelValue(c.Before)) + " → " + orNone(levelValue(c.After))
		}
		levels = append(levels, fmt.Sprintf("%s %s %s: %s", c.Ladder, c.Level, c.What(), what))
	}
	list("Levels:", levels)
	var pay []string
	for _, p := range r.Pay {
		for _, b := range []struct {
			name string
			b    ladderdiff.BoundChange
		}{{"min", p.Min}, {"max", p.Max}} {
			if b.b.Before != nil && b.b.After != nil && *b.b.Before == *b.b.After && p.CurrencyBefore == "" {
				continue
			}
			pay = append(pay, fmt.Sprintf("%s %s %s%s: %s", p.Ladder, p.Level, b.name, p.InZone(), bound(b.b, p.Currency, p.CurrencyBefore)))
		}
	}
	list("Pay:", pay)
	var branches []string
	for _, b := range r.Branches {
		branches = append(branches, b.Ladder+": "+b.String())
	}
	list("Branches:", branches)
	var moves []string
	for _, t := range r.Transitions {
		moves = append(moves, fmt.Sprintf("%s %s: %s → %s", t.Ladder, t.Change, t.From, t.To))
	}
	list("Transitions:", moves)

	fixed, silenced := fixedAndSilenced(r)
	findings := func(title string, fs []FindingChange) {
		var lines []string
		for _, f := range fs {
			by := ""
			switch {
			case f.SilencedBy != "":
				by = " (silenced by: " + strings.ToLower(looseningLabels[f.SilencedBy]) + ")"
			case f.AcceptedBy != "":
				by = " (accepted by: " + f.AcceptedBy + ")"
			}
			lines = append(lines, fmt.Sprintf("%s: %s %s%s: %s", report.Location(f.Finding), severityText(f), f.Rule, by, report.TextMessage(f.Message)))
		}
		list(fmt.Sprintf("%s (%d):", title, len(fs)), lines)
	}
	findings("Introduced", r.Findings.Introduced)
	findings("Introduced, but accepted by a waiver or the baseline", r.Findings.Accepted)
	findings("Fixed", fixed)
	findings("Silenced by the loosened rules", silenced)
	findings("Left as they were", r.Findings.Left)
	return bw.Flush()
}
