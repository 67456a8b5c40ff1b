package output

import (
	"fmt"
	"strings"
	"testing"
)

func TestBudgetFitsEverythingUnderTheLimit(t *testing.T) {
	b := NewBudget("ladderctl lint -o text")
	b.Text("## Verdict\n")
	s := b.Section("findings", 0, "| a |\n|---|\n", "\n")
	s.Rows = append(s.Rows, "| 1 |\n", "| 2 |\n")
	b.Section("empty", 0, "### never shown\n", "")
	b.Text("end\n")
	if got, want := b.String(), "## Verdict\n| a |\n|---|\n| 1 |\n| 2 |\n\nend\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBudgetCut(t *testing.T) {
	b := NewBudget("ladderctl diff -o text")
	b.limit = noteReserve + 100
	b.Text("## Head\n") // 8 bytes, always written
	late := b.Section("fixed findings", 2, "<details>\n", "</details>\n")
	first := b.Section("introduced findings", 1, "### Introduced\n", "")
	for i := range 10 {
		first.Rows = append(first.Rows, fmt.Sprintf("- row %d\n", i)) // 8 bytes each
		late.Rows = append(late.Rows, fmt.Sprintf("- old %d\n", i))
	}
	more := b.Section("introduced findings", 1, "", "")
	more.Rows = []string{"- more\n"}
	out := b.String()
	// 100 - 8 of text leaves 92: the head (15) and 9 rows (72) fit, the 10th does not.
	if n := strings.Count(out, "- row "); n != 9 {
		t.Errorf("%d introduced rows shown, want 9:\n%s", n, out)
	}
	// Once a row does not fit, nothing else is added, even what would fit.
	if strings.Contains(out, "<details>") || strings.Contains(out, "- more") {
		t.Errorf("rows added after the cut:\n%s", out)
	}
	if !strings.HasPrefix(out, "## Head\n### Introduced\n- row 0\n") {
		t.Errorf("sections not in the order added:\n%s", out)
	}
	note := "\n**Not shown: 10 of 10 fixed findings, 2 of 11 introduced findings.** GitHub limits a comment to 65,536 characters. Run `ladderctl diff -o text` to see everything.\n"
	if !strings.HasSuffix(out, note) {
		t.Errorf("got:\n%s\nwant it to end with:\n%s", out, note)
	}
	if len(out) > b.limit {
		t.Errorf("%d bytes, over the limit of %d", len(out), b.limit)
	}
}

// A section's head and foot count with its first row, so a section is written whole or not at all.
func TestBudgetCountsHeadAndFoot(t *testing.T) {
	b := NewBudget("")
	b.limit = noteReserve + 20
	s := b.Section("waived findings", 0, "<details>\n", "</details>\n") // 21 bytes
	s.Rows = []string{"x\n"}
	out := b.String()
	if strings.Contains(out, "<details>") {
		t.Errorf("a section without room for its foot was started:\n%s", out)
	}
	if want := "\n**Not shown: 1 of 1 waived findings.** GitHub limits a comment to 65,536 characters.\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestBudgetStaysUnderGitHubsLimit(t *testing.T) {
	b := NewBudget("ladderctl lint -o text")
	b.Text(strings.Repeat("h", 1000))
	s := b.Section("findings", 0, "", "")
	for range 10000 {
		s.Rows = append(s.Rows, strings.Repeat("r", 99)+"\n")
	}
	out := b.String()
	if len(out) > CommentLimit || len(out) < CommentLimit-noteReserve-100 {
		t.Errorf("%d bytes: over the limit, or the budget is wasted", len(out))
	}
	if !strings.Contains(out, "of 10000 findings.**") {
		t.Errorf("no note:\n%s", out[len(out)-300:])
	}
}
