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
	markdownFindingsHeader = "| Severity | Rule | Level | Where | Message |\n|---|---|---|---|---|\n"
	markdownWaivedHeader   = "| Severity | Rule | Ladder | Level | Where | Message |\n|---|---|---|---|---|---|\n"
)

func (markdownFormat) Write(w io.Writer, r *Report, _ Options) error {
	rerun := "ladderctl lint -o text"
	if len(r.Waived) > 0 {
		rerun += " --show-waived"
	}
	b := output.NewBudget(rerun)
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
	if len(r.Unchecked) > 0 {
		b.Textf("## ❌ %s: nothing was checked\n\n", toolName(r))
	} else {
		b.Textf("## %s %s: %s in %s\n\n", mark, toolName(r), verdict, output.Plural(s.Ladders, "ladder"))
	}
	if len(r.Errors) > 0 {
		b.Text("**The check is incomplete**: these errors stopped ladderctl from checking everything.\n\n")
		errs := b.Section("errors", 0, "", "")
		for _, e := range r.Errors {
			errs.Rows = append(errs.Rows, "- "+output.MarkdownText(e)+"\n")
		}
		b.Text("\n")
	}
	b.Text("| Files | Ladders | Errors | Warnings | Infos | Waived | Baselined |\n|---:|---:|---:|---:|---:|---:|---:|\n")
	b.Textf("| %d | %d | %d | %d | %d | %d | %d |\n", s.Files, s.Ladders, s.Errors, s.Warnings, s.Infos, s.Waived, s.Baselined)
	if len(r.Packs) > 0 {
		// The digest each oci:// reference resolved to, so that the run can be reproduced.
		lines := make([]string, len(r.Packs))
		for i, p := range r.Packs {
			lines[i] = fmt.Sprintf("Judged by the policy pack %s at %s.", output.MarkdownCode(p.Ref), output.MarkdownCode(p.Digest))
		}
		b.Text("\n" + strings.Join(lines, "  \n") + "\n")
	}

	// One section per ladder, and one per file for the findings about no ladder (load,
	// config), which come first in their file.
	for _, group := range markdownGroups(r.Findings) {
		f0 := group[0]
		title := output.MarkdownCode(f0.File)
		if f0.Ladder != "" {
			title = output.MarkdownText(f0.Ladder) + " (" + title + ")"
		}
		sec := b.Section("findings", 1, "\n### "+title+"\n\n"+markdownFindingsHeader, "")
		for _, f := range group {
			sec.Rows = append(sec.Rows, markdownRow(f.Severity.String(), output.MarkdownCode(f.Rule), output.MarkdownCode(f.Level), markdownWhere(f), output.MarkdownText(f.Message)))
		}
	}
	if len(r.Waived) > 0 {
		head := fmt.Sprintf("\n<details>\n<summary>%s accepted by a waiver or the baseline</summary>\n\n%s",
			output.Plural(len(r.Waived), "finding"), markdownWaivedHeader)
		sec := b.Section("waived findings", 2, head, "\n</details>\n")
		for _, f := range r.Waived {
			sec.Rows = append(sec.Rows, markdownRow(f.Severity.String(), output.MarkdownCode(f.Rule), output.MarkdownText(f.Ladder), output.MarkdownCode(f.Level),
				output.MarkdownCode(Location(f)), output.MarkdownText(f.Message)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
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
