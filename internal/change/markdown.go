package change

import (
	"fmt"
	"io"
	"strings"

	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/report"
)

type markdownFormat struct{}

func (markdownFormat) Name() string { return "markdown" }
func (markdownFormat) Description() string {
	return "GitHub Markdown, for a pull-request comment or the job summary (the default)"
}

const (
	// markdownLimit is GitHub's limit on a comment, in characters. Lengths here are in bytes,
	// never fewer than characters, so a length in bytes under it is safe.
	markdownLimit = 65536
	// markdownReserve is kept free for what is written whatever the budget: the closing tags
	// of the sections and the note on what was left out.
	markdownReserve = 2048
)

// mdSection is a run of rows under a heading. When the report would not fit in a comment,
// sections get the space in the order of priority, and within a section rows stop, whole,
// at the budget; the report then says what it left out.
type mdSection struct {
	name     string // what its rows are, for the note: "findings left as they were"
	priority int    // lower first
	head     string // written before the first row; never without one
	rows     []string
	foot     string // written after the last row shown
	shown    int
}

func (markdownFormat) Write(w io.Writer, r *Report) error {
	_, err := io.WriteString(w, renderMarkdown(r, markdownLimit))
	return err
}

// renderMarkdown writes the report within limit bytes.
func renderMarkdown(r *Report, limit int) string {
	var top strings.Builder
	var sections []*mdSection
	add := func(s *mdSection) *mdSection {
		sections = append(sections, s)
		return s
	}
	// Display order follows; priorities decide what stays when space runs out.
	// The headlines are written whatever the budget: a loosening of the rules and an
	// incomplete check are never cut, only the rows that detail them.
	looseningLine := ""
	loosen := add(&mdSection{name: "changes to the rules", priority: 1, foot: "\n"})
	if h := looseningHeadline(r); h != "" {
		looseningLine = "## ⚠️ " + h + "\n\n"
		for _, l := range r.Loosened {
			row := "- **" + looseningLabels[l.Kind] + "**: " + output.MarkdownText(l.Message)
			if l.File != "" {
				row += " (" + output.MarkdownCode(location(l.File, l.Line)) + ")"
			}
			loosen.rows = append(loosen.rows, row+"\n")
		}
	}
	mark, verdict := headline(r)
	verdictLine := "## " + mark + " " + verdict + "\n\n" + comparedWith(r, output.MarkdownCode) + "\n"

	incomplete := ""
	if len(r.Errors.Head) > 0 {
		incomplete = "\n**The check is incomplete**: these errors stopped ladderctl from checking the change in full; what could be checked is below.\n"
	}
	headErrors := add(&mdSection{name: "errors", priority: 0, head: "\n"})
	for _, e := range r.Errors.Head {
		headErrors.rows = append(headErrors.rows, "- "+output.MarkdownText(e)+"\n")
	}
	baseErrors := add(&mdSection{name: "errors on the base", priority: 2,
		head: "\n> ⚠️ **The base could not be checked in full**, so findings it already had may show here as introduced:\n>\n"})
	for _, e := range r.Errors.Base {
		baseErrors.rows = append(baseErrors.rows, "> - "+output.MarkdownText(e)+"\n")
	}
	notes := add(&mdSection{name: "notes", priority: 2, head: "\n"})
	for _, n := range r.Notes {
		notes.rows = append(notes.rows, "- "+output.MarkdownText(n)+"\n")
	}

	ladders := add(&mdSection{name: "ladder changes", priority: 5, head: "\n### Ladders\n\n"})
	for _, l := range r.Ladders.Added {
		ladders.rows = append(ladders.rows, fmt.Sprintf("- Added: %s (%s, %s)\n", ladderName(l), output.MarkdownCode(l.File), plural(l.Levels, "level")))
	}
	for _, l := range r.Ladders.Removed {
		ladders.rows = append(ladders.rows, fmt.Sprintf("- Removed: %s (%s, %s)\n", ladderName(l), output.MarkdownCode(l.File), plural(l.Levels, "level")))
	}
	for _, c := range r.Ladders.Changed {
		ladders.rows = append(ladders.rows, fmt.Sprintf("- %s: the %s changed from %s to %s\n", output.MarkdownText(c.Ladder), c.Field, output.MarkdownCode(orNone(c.Before)), output.MarkdownCode(orNone(c.After))))
	}
	levels := add(&mdSection{name: "level changes", priority: 6,
		head: "\n### Levels\n\n| Ladder | Level | Change | Before | After |\n|---|---|---|---|---|\n"})
	for _, c := range r.Levels {
		levels.rows = append(levels.rows, mdRow(output.MarkdownText(c.Ladder), output.MarkdownCode(c.Level), c.Change, output.MarkdownText(levelValue(c.Before)), output.MarkdownText(levelValue(c.After))))
	}
	pay := add(&mdSection{name: "pay changes", priority: 7,
		head: "\n### Pay\n\n| Ladder | Level | Min | Max |\n|---|---|---|---|\n"})
	for _, p := range r.Pay {
		pay.rows = append(pay.rows, mdRow(output.MarkdownText(p.Ladder), output.MarkdownCode(p.Level), output.MarkdownText(bound(p.Min, p.Currency, p.CurrencyBefore)), output.MarkdownText(bound(p.Max, p.Currency, p.CurrencyBefore))))
	}
	moves := add(&mdSection{name: "transition changes", priority: 8,
		head: "\n### Transitions\n\n| Ladder | Change | From | To |\n|---|---|---|---|\n"})
	for _, t := range r.Transitions {
		moves.rows = append(moves.rows, mdRow(output.MarkdownText(t.Ladder), t.Change, output.MarkdownCode(t.From), output.MarkdownCode(t.To)))
	}

	byLadder := add(&mdSection{name: "per-ladder counts", priority: 2,
		head: "\n| Ladder | Introduced | Fixed | Left |\n|---|---:|---:|---:|\n"})
	for _, c := range changedLadders(r) {
		byLadder.rows = append(byLadder.rows, mdRow(output.MarkdownText(c.Ladder), fmt.Sprint(c.Introduced), fmt.Sprint(c.Fixed), fmt.Sprint(c.Left)))
	}
	fixed, silenced := fixedAndSilenced(r)
	// findings is a folded table of findings; column, when given, adds a cell before the
	// message (why a finding is silenced or accepted).
	findings := func(name string, priority int, summary string, open bool, fs []FindingChange, column string, cell func(FindingChange) string) *mdSection {
		s := add(&mdSection{name: name, priority: priority, foot: "\n</details>\n"})
		attr := ""
		if open {
			attr = " open"
		}
		header := "| Severity | Rule | Ladder | Level | Where | Message |\n|---|---|---|---|---|---|\n"
		if column != "" {
			header = "| Severity | Rule | Ladder | Level | Where | " + column + " | Message |\n|---|---|---|---|---|---|---|\n"
		}
		s.head = fmt.Sprintf("\n<details%s>\n<summary>%s: %s</summary>\n\n%s", attr, summary, plural(len(fs), "finding"), header)
		for _, f := range fs {
			cells := []string{severityText(f), output.MarkdownCode(f.Rule), output.MarkdownText(f.Ladder), output.MarkdownCode(f.Level), output.MarkdownCode(report.Location(f.Finding))}
			if column != "" {
				cells = append(cells, cell(f))
			}
			s.rows = append(s.rows, mdRow(append(cells, output.MarkdownText(f.Message))...))
		}
		return s
	}
	silencedBy := func(f FindingChange) string { return looseningLabels[f.SilencedBy] }
	acceptedBy := func(f FindingChange) string { return f.AcceptedBy }
	findingSections := []*mdSection{
		byLadder,
		findings("introduced findings", 3, "❌ Introduced", true, r.Findings.Introduced, "", nil),
		findings("accepted findings", 3, "🔇 Introduced, but accepted by a waiver or the baseline", false, r.Findings.Accepted, "Accepted by", acceptedBy),
		findings("fixed findings", 9, "✅ Fixed", false, fixed, "", nil),
		findings("silenced findings", 9, "🔇 Silenced by the loosened rules", false, silenced, "Silenced by", silencedBy),
		findings("findings left as they were", 10, "Left as they were", false, r.Findings.Left, "", nil),
	}
	findingsHeading := ""
	if len(r.Findings.Introduced)+len(r.Findings.Accepted)+len(r.Findings.Fixed)+len(r.Findings.Left) > 0 {
		findingsHeading = "\n### Findings\n"
	}

	// Fit: the lines written whatever happens first, then the sections by priority.
	nothing := ""
	if !structureChanged(r) {
		nothing = "\nNo ladder, level, pay band or transition changed.\n"
	}
	budget := limit - markdownReserve - len(looseningLine) - len(verdictLine) - len(incomplete) - len(nothing) - len(findingsHeading)
	cut := false
	for p := 0; p <= 10; p++ {
		for _, s := range sections {
			if s.priority != p || cut {
				continue
			}
			for i, row := range s.rows {
				cost := len(row)
				if i == 0 {
					cost += len(s.head) + len(s.foot)
				}
				if cost > budget {
					cut = true
					break
				}
				budget -= cost
				s.shown++
			}
		}
	}

	write := func(s *mdSection) {
		if s.shown == 0 {
			return
		}
		top.WriteString(s.head)
		for _, row := range s.rows[:s.shown] {
			top.WriteString(row)
		}
		top.WriteString(s.foot)
	}
	top.WriteString(looseningLine)
	write(loosen)
	top.WriteString(verdictLine)
	top.WriteString(incomplete)
	for _, s := range []*mdSection{headErrors, baseErrors, notes, ladders, levels, pay, moves} {
		write(s)
	}
	top.WriteString(nothing)
	top.WriteString(findingsHeading)
	for _, s := range findingSections {
		write(s)
	}
	var left []string
	for _, s := range sections {
		if s.shown < len(s.rows) {
			left = append(left, fmt.Sprintf("%d of %d %s", len(s.rows)-s.shown, len(s.rows), s.name))
		}
	}
	if len(left) > 0 {
		fmt.Fprintf(&top, "\n**Not shown: %s.** GitHub limits a comment to 65,536 characters. Run `ladderctl diff -o text` to see everything.\n", strings.Join(left, ", "))
	}
	return top.String()
}

func mdRow(cells ...string) string {
	return "| " + strings.Join(cells, " | ") + " |\n"
}

func ladderName(l LadderRef) string {
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
