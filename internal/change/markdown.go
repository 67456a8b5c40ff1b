package change

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ladderctl/ladderctl/internal/ladderdiff"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/report"
)

type markdownFormat struct{}

func (markdownFormat) Name() string { return "markdown" }
func (markdownFormat) Description() string {
	return "GitHub Markdown, for a pull-request comment or the job summary (the default)"
}

func (markdownFormat) Write(w io.Writer, r *Report) error {
	_, err := io.WriteString(w, renderMarkdown(r))
	return err
}

// renderMarkdown writes the report within GitHub's comment limit. Sections are written in
// display order; their priorities decide what stays when space runs out. The headlines are
// written whatever the budget: a loosening of the rules and an incomplete check are never
// cut, only the rows that detail them.
func renderMarkdown(r *Report) string {
	b := output.NewBudget("ladderctl diff -o text")
	if h := looseningHeadline(r); h != "" {
		b.Text("## ⚠️ " + h + "\n\n")
		loosen := b.Section("changes to the rules", 1, "", "\n")
		for _, l := range r.Loosened {
			row := "- **" + looseningLabels[l.Kind] + "**: " + output.MarkdownText(l.Message)
			if l.File != "" {
				row += " (" + output.MarkdownCode(location(l.File, l.Line)) + ")"
			}
			loosen.Rows = append(loosen.Rows, row+"\n")
		}
	}
	mark, verdict := headline(r)
	b.Text("## " + mark + " " + verdict + "\n\n" + comparedWith(r, output.MarkdownCode) + "\n")
	if lines := packLines(r, output.MarkdownCode); len(lines) > 0 {
		b.Text("\n" + strings.Join(lines, "  \n") + "\n") // one line each, in one paragraph
	}
	if len(r.Errors.Head) > 0 {
		b.Text("\n**The check is incomplete**: these errors stopped ladderctl from checking the change in full; what could be checked is below.\n")
	}
	headErrors := b.Section("errors", 0, "\n", "")
	for _, e := range r.Errors.Head {
		headErrors.Rows = append(headErrors.Rows, "- "+output.MarkdownText(e)+"\n")
	}
	baseErrors := b.Section("errors on the base", 2,
		"\n> ⚠️ **The base could not be checked in full**, so findings it already had may show here as introduced:\n>\n", "")
	for _, e := range r.Errors.Base {
		baseErrors.Rows = append(baseErrors.Rows, "> - "+output.MarkdownText(e)+"\n")
	}
	notes := b.Section("notes", 2, "\n", "")
	for _, n := range r.Notes {
		notes.Rows = append(notes.Rows, "- "+output.MarkdownText(n)+"\n")
	}

	ladders := b.Section("ladder changes", 5, "\n### Ladders\n\n", "")
	for _, l := range r.Ladders.Added {
		ladders.Rows = append(ladders.Rows, fmt.Sprintf("- Added: %s (%s, %s)\n", ladderName(l), output.MarkdownCode(l.File), output.Plural(l.Levels, "level")))
	}
	for _, l := range r.Ladders.Removed {
		ladders.Rows = append(ladders.Rows, fmt.Sprintf("- Removed: %s (%s, %s)\n", ladderName(l), output.MarkdownCode(l.File), output.Plural(l.Levels, "level")))
	}
	for _, c := range r.Ladders.Changed {
		if c.Field == ladderdiff.FieldZone {
			ladders.Rows = append(ladders.Rows, "- "+output.MarkdownText(c.Ladder+": "+c.String())+"\n")
			continue
		}
		ladders.Rows = append(ladders.Rows, fmt.Sprintf("- %s: the %s changed from %s to %s\n", output.MarkdownText(c.Ladder), c.Field, output.MarkdownCode(orNone(c.Before)), output.MarkdownCode(orNone(c.After))))
	}
	levels := b.Section("level changes", 6, "\n### Levels\n\n| Ladder | Level | Change | Before | After |\n|---|---|---|---|---|\n", "")
	for _, c := range r.Levels {
		levels.Rows = append(levels.Rows, mdRow(output.MarkdownText(c.Ladder), output.MarkdownCode(c.Level), output.MarkdownText(c.What()), output.MarkdownText(levelValue(c.Before)), output.MarkdownText(levelValue(c.After))))
	}
	// A Zone column only when a band of a zone changed: the table of plain bands stays as it was.
	zoned := slices.ContainsFunc(r.Pay, func(p ladderdiff.PayChange) bool { return p.Zone != "" })
	payHead := "\n### Pay\n\n| Ladder | Level | Min | Max |\n|---|---|---|---|\n"
	if zoned {
		payHead = "\n### Pay\n\n| Ladder | Level | Zone | Min | Max |\n|---|---|---|---|---|\n"
	}
	pay := b.Section("pay changes", 7, payHead, "")
	for _, p := range r.Pay {
		cells := []string{output.MarkdownText(p.Ladder), output.MarkdownCode(p.Level)}
		if zoned {
			cells = append(cells, output.MarkdownCode(p.Zone))
		}
		pay.Rows = append(pay.Rows, mdRow(append(cells, output.MarkdownText(bound(p.Min, p.Currency, p.CurrencyBefore)), output.MarkdownText(bound(p.Max, p.Currency, p.CurrencyBefore)))...))
	}
	branches := b.Section("branch changes", 8, "\n### Branches\n\n| Ladder | Track | Change | Before | After |\n|---|---|---|---|---|\n", "")
	for _, c := range r.Branches {
		branches.Rows = append(branches.Rows, mdRow(output.MarkdownText(c.Ladder), output.MarkdownCode(c.Track), c.Change, output.MarkdownCode(c.Before), output.MarkdownCode(c.After)))
	}
	moves := b.Section("transition changes", 8, "\n### Transitions\n\n| Ladder | Change | From | To |\n|---|---|---|---|\n", "")
	for _, t := range r.Transitions {
		moves.Rows = append(moves.Rows, mdRow(output.MarkdownText(t.Ladder), t.Change, output.MarkdownCode(t.From), output.MarkdownCode(t.To)))
	}
	if !structureChanged(r) {
		b.Text("\nNo ladder, level, pay band or transition changed.\n")
	}

	if len(r.Findings.Introduced)+len(r.Findings.Accepted)+len(r.Findings.Fixed)+len(r.Findings.Left) > 0 {
		b.Text("\n### Findings\n")
	}
	byLadder := b.Section("per-ladder counts", 2, "\n| Ladder | Introduced | Fixed | Left |\n|---|---:|---:|---:|\n", "")
	for _, c := range changedLadders(r) {
		byLadder.Rows = append(byLadder.Rows, mdRow(output.MarkdownText(c.Ladder), fmt.Sprint(c.Introduced), fmt.Sprint(c.Fixed), fmt.Sprint(c.Left)))
	}
	// findings adds a folded table of findings; column, when given, adds a cell before the
	// message (why a finding is silenced or accepted).
	findings := func(name string, priority int, summary string, open bool, fs []FindingChange, column string, cell func(FindingChange) string) {
		attr := ""
		if open {
			attr = " open"
		}
		header := "| Severity | Rule | Ladder | Level | Where | Message |\n|---|---|---|---|---|---|\n"
		if column != "" {
			header = "| Severity | Rule | Ladder | Level | Where | " + column + " | Message |\n|---|---|---|---|---|---|---|\n"
		}
		head := fmt.Sprintf("\n<details%s>\n<summary>%s: %s</summary>\n\n%s", attr, summary, output.Plural(len(fs), "finding"), header)
		s := b.Section(name, priority, head, "\n</details>\n")
		for _, f := range fs {
			cells := []string{severityText(f), output.MarkdownCode(f.Rule), output.MarkdownText(f.Ladder), output.MarkdownCode(f.Level), output.MarkdownCode(report.Location(f.Finding))}
			if column != "" {
				cells = append(cells, cell(f))
			}
			s.Rows = append(s.Rows, mdRow(append(cells, output.MarkdownText(f.Message))...))
		}
	}
	fixed, silenced := fixedAndSilenced(r)
	findings("introduced findings", 3, "❌ Introduced", true, r.Findings.Introduced, "", nil)
	findings("accepted findings", 3, "🔇 Introduced, but accepted by a waiver or the baseline", false, r.Findings.Accepted, "Accepted by",
		func(f FindingChange) string { return f.AcceptedBy })
	findings("fixed findings", 9, "✅ Fixed", false, fixed, "", nil)
	findings("silenced findings", 9, "🔇 Silenced by the loosened rules", false, silenced, "Silenced by",
		func(f FindingChange) string { return looseningLabels[f.SilencedBy] })
	findings("findings left as they were", 10, "Left as they were", false, r.Findings.Left, "", nil)
	return b.String()
}

func mdRow(cells ...string) string {
	return "| " + strings.Join(cells, " | ") + " |\n"
}

func ladderName(l ladderdiff.LadderRef) string {
	s := output.MarkdownCode(l.Name)
	if l.Title != "" {
		s += " " + output.MarkdownText(l.Title)
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func location(file string, line int) string {
	if line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}
