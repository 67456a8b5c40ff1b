package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/output"
)

type markdownFormat struct{}

func (markdownFormat) Name() string { return "markdown" }
func (markdownFormat) Description() string {
	return "GitHub Markdown, for a pull-request comment or the job summary"
}

const (
	// markdownLimit is GitHub's limit on a comment, in characters; we count bytes, which are
	// never fewer than characters (in runes or UTF-16 units), so a length in bytes is safe.
	markdownLimit = 65536
	// markdownReserve is kept free for what comes after the cut: the note, closing tags.
	markdownReserve = 1024
)

const (
	markdownFindingsHeader = "| Severity | Rule | Level | Where | Message |\n|---|---|---|---|---|\n"
	markdownWaivedHeader   = "| Severity | Rule | Ladder | Level | Where | Message |\n|---|---|---|---|---|---|\n"
)

// markdownBuilder refuses text that would take the output past its budget.
type markdownBuilder struct {
	strings.Builder
	budget int
}

func (b *markdownBuilder) add(s string) bool {
	if b.Len()+len(s) > b.budget {
		return false
	}
	b.WriteString(s)
	return true
}

func (markdownFormat) Write(w io.Writer, r *Report, _ Options) error {
	b := &markdownBuilder{budget: markdownLimit - markdownReserve}
	s := r.Summary
	mark, verdict := "✅", counts(s)
	switch {
	case len(r.Errors) > 0 && verdict == "":
		mark, verdict = "⚠️", "no problems in what could be checked"
	case len(r.Errors) > 0:
		mark = "❌"
	case verdict == "":
		verdict = "no problems"
	case s.Errors > 0:
		mark = "❌"
	default:
		mark = "⚠️"
	}
	fmt.Fprintf(b, "## %s %s: %s in %s\n\n", mark, toolName(r), verdict, plural(s.Ladders, "ladder"))
	if len(r.Errors) > 0 {
		b.WriteString("**The check is incomplete**: these errors stopped ladderctl from checking everything.\n\n")
		for _, e := range r.Errors {
			b.add("- " + output.MarkdownText(e) + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("| Files | Ladders | Errors | Warnings | Infos | Waived | Baselined |\n|---:|---:|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(b, "| %d | %d | %d | %d | %d | %d | %d |\n", s.Files, s.Ladders, s.Errors, s.Warnings, s.Infos, s.Waived, s.Baselined)

	// One section per ladder, and one per file for the findings about no ladder (load,
	// config), which come first in their file. Rows stop, whole, at the budget.
	shown, cut := 0, false
	for _, group := range markdownGroups(r.Findings) {
		f0 := group[0]
		title := output.MarkdownCode(f0.File)
		if f0.Ladder != "" {
			title = output.MarkdownText(f0.Ladder) + " (" + title + ")"
		}
		head := "\n### " + title + "\n\n" + markdownFindingsHeader
		for i, f := range group {
			row := markdownRow(f.Severity.String(), output.MarkdownCode(f.Rule), output.MarkdownCode(f.Level), markdownWhere(f), output.MarkdownText(f.Message))
			if i == 0 {
				row = head + row // a heading never stands without a row
			}
			if cut = !b.add(row); cut {
				break
			}
			shown++
		}
		if cut {
			break
		}
	}
	if cut {
		also := ""
		if len(r.Waived) > 0 {
			also = fmt.Sprintf(", nor the %d waived ones", len(r.Waived))
		}
		fmt.Fprintf(b, "\n**%d of %d findings not shown**%s: GitHub limits a comment to 65,536 characters. "+
			"Run `ladderctl lint -o text` to see them all.\n", len(r.Findings)-shown, len(r.Findings), also)
	} else if len(r.Waived) > 0 {
		markdownWaived(b, r.Waived)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownWaived lists the accepted findings in a collapsed section, as many as fit.
func markdownWaived(b *markdownBuilder, waived []finding.Finding) {
	head := fmt.Sprintf("\n<details>\n<summary>%s accepted by a waiver or the baseline</summary>\n\n%s",
		plural(len(waived), "finding"), markdownWaivedHeader)
	shown := 0
	for i, f := range waived {
		row := markdownRow(f.Severity.String(), output.MarkdownCode(f.Rule), output.MarkdownText(f.Ladder), output.MarkdownCode(f.Level),
			output.MarkdownCode(Location(f)), output.MarkdownText(f.Message))
		if i == 0 {
			row = head + row
		}
		if !b.add(row) {
			break
		}
		shown++
	}
	note := ""
	if shown < len(waived) {
		note = fmt.Sprintf("\n**%d of %d waived findings not shown**: GitHub limits a comment to 65,536 characters. "+
			"Run `ladderctl lint -o text --show-waived` to see them all.\n", len(waived)-shown, len(waived))
	}
	if shown == 0 {
		b.WriteString(note)
		return
	}
	b.WriteString(note + "\n</details>\n")
}

// markdownGroups splits sorted findings by file and ladder, the findings about no ladder first.
func markdownGroups(fs []finding.Finding) [][]finding.Finding {
	type key struct{ file, ladder string }
	index := map[key]int{}
	var groups [][]finding.Finding
	for _, f := range fs {
		k := key{f.File, f.Ladder}
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], f)
	}
	slices.SortStableFunc(groups, func(a, b []finding.Finding) int {
		return cmp.Or(cmp.Compare(a[0].File, b[0].File), cmp.Compare(a[0].Ladder, b[0].Ladder))
	})
	return groups
}

func markdownRow(cells ...string) string {
	return "| " + strings.Join(cells, " | ") + " |\n"
}

func markdownWhere(f finding.Finding) string {
	if f.Line <= 0 {
		return ""
	}
	return strconv.Itoa(f.Line) + ":" + strconv.Itoa(max(f.Column, 1))
}
