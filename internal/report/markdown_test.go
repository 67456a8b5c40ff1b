package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/output"
)

func writeMarkdown(t *testing.T, r *Report) string {
	t.Helper()
	var b strings.Builder
	if err := (markdownFormat{}).Write(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMarkdownStructure(t *testing.T) {
	want := "## ❌ ladderctl: 2 errors, 2 warnings, 1 info in 2 ladders\n" +
		"\n" +
		"| Files | Ladders | Errors | Warnings | Infos | Waived | Baselined |\n" +
		"|---:|---:|---:|---:|---:|---:|---:|\n" +
		"| 4 | 2 | 2 | 2 | 1 | 0 | 0 |\n" +
		"\n" +
		"### `a.yaml`\n" +
		"\n" +
		"| Severity | Rule | Level | Where | Message |\n" +
		"|---|---|---|---|---|\n" +
		"| error | `load` |  | 3:1 | bad |\n" +
		"\n" +
		"### x (`b.yaml`)\n" +
		"\n" +
		"| Severity | Rule | Level | Where | Message |\n" +
		"|---|---|---|---|---|\n" +
		"| info | `content/expectations` |  | 12:14 | c |\n" +
		"| warning | `parity/scope` | `IC5` | 12:14 | a |\n" +
		"| error | `parity/top-grade` | `M5` | 41:16 | b |\n" +
		"\n" +
		"### `c.yaml`\n" +
		"\n" +
		"| Severity | Rule | Level | Where | Message |\n" +
		"|---|---|---|---|---|\n" +
		"| warning | `load` |  | 1:1 | no ladder in this file |\n"
	if got := writeMarkdown(t, ciReport()); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestMarkdownVerdicts(t *testing.T) {
	for _, c := range []struct {
		findings []finding.Finding
		heading  string
	}{
		{nil, "## ✅ ladderctl: no problems in 3 ladders\n"},
		{[]finding.Finding{{Rule: "r", Severity: finding.Warning, File: "a.yaml", Line: 1}}, "## ⚠️ ladderctl: 1 warning in 3 ladders\n"},
	} {
		if got := writeMarkdown(t, New(2, 3, c.findings)); !strings.HasPrefix(got, c.heading) {
			t.Errorf("got:\n%s\nwant it to start with %q", got, c.heading)
		}
	}
}

func TestMarkdownSeparatesLaddersOfOneFile(t *testing.T) {
	r := New(1, 2, []finding.Finding{
		{Rule: "r", Severity: finding.Error, Message: "late", Ladder: "b", File: "f.yaml", Line: 1, Column: 1},
		{Rule: "r", Severity: finding.Error, Message: "early", Ladder: "a", File: "f.yaml", Line: 9, Column: 1},
		{Rule: "exceptions/expired", Severity: finding.Warning, Message: "config", File: "f.yaml", Line: 5, Column: 1},
	})
	out := writeMarkdown(t, r)
	var headings []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "### ") {
			headings = append(headings, line)
		}
	}
	if got, want := strings.Join(headings, "\n"), "### `f.yaml`\n### a (`f.yaml`)\n### b (`f.yaml`)"; got != want {
		t.Errorf("headings:\n%s\nwant:\n%s", got, want)
	}
}

func TestMarkdownEscapesCells(t *testing.T) {
	r := New(1, 1, []finding.Finding{{
		Rule: "main/deny", Severity: finding.Error, Ladder: "x", Level: "M|5", File: "a.yaml", Line: 2, Column: 1,
		Message: "pay | scope\nsecond line, <b>bold</b>, `a|b` and a stray ` tick",
	}})
	out := writeMarkdown(t, r)
	row := "| error | `main/deny` | `M\\|5` | 2:1 | pay \\| scope<br>second line, &lt;b&gt;bold&lt;/b&gt;, \\`a\\|b\\` and a stray \\` tick |\n"
	if !strings.Contains(out, row) {
		t.Errorf("no row %q in:\n%s", row, out)
	}
}

func TestMarkdownListsWaivedInDetails(t *testing.T) {
	r := New(1, 1, nil)
	r.Summary.Waived = 1
	r.Waived = []finding.Finding{{Rule: "parity/scope", Severity: finding.Warning, Message: "accepted", Ladder: "x", Level: "IC5", File: "a.yaml", Line: 4, Column: 2}}
	out := writeMarkdown(t, r)
	want := "\n<details>\n<summary>1 finding accepted by a waiver or the baseline</summary>\n\n" + markdownWaivedHeader +
		"| warning | `parity/scope` | x | `IC5` | `a.yaml:4:2` | accepted |\n\n</details>\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("got:\n%s\nwant it to end with:\n%s", out, want)
	}
	if strings.Contains(writeMarkdown(t, New(1, 1, nil)), "<details>") {
		t.Error("details without waived findings")
	}
}

func TestMarkdownStaysUnderGitHubsLimit(t *testing.T) {
	var fs []finding.Finding
	for i := range 5000 {
		fs = append(fs, finding.Finding{
			Rule: "parity/scope", Severity: finding.Severity(i%3 + 1), Ladder: fmt.Sprintf("ladder-%02d", i%40), Level: "IC" + strconv.Itoa(i%7),
			File: fmt.Sprintf("ladders/l%02d.yaml", i%40), Line: i + 1, Column: 3,
			Message: fmt.Sprintf("finding %d: ", i) + strings.Repeat("a long explanation | with pipes ", 8),
		})
	}
	r := New(40, 40, fs)
	r.Waived = fs[:3] // not shown once the findings are cut, but mentioned
	out := writeMarkdown(t, r)
	if len(out) >= output.CommentLimit {
		t.Fatalf("output is %d bytes", len(out))
	}
	rows := regexp.MustCompile(`(?m)^\| (error|warning|info) \|`).FindAllString(out, -1)
	m := regexp.MustCompile(`\*\*Not shown: (\d+) of 5000 findings, 3 of 3 waived findings\.\*\* .*` + "`ladderctl lint -o text --show-waived`").FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no note in the last lines:\n%s", out[max(0, len(out)-600):])
	}
	if omitted, _ := strconv.Atoi(m[1]); omitted != 5000-len(rows) || len(rows) == 0 {
		t.Errorf("note says %d omitted; %d rows shown of 5000", omitted, len(rows))
	}
	if strings.Contains(out, "<details>") {
		t.Error("waived section after the cut")
	}
	// Nothing dangles: the output ends with the note, after a complete row.
	if !strings.HasSuffix(out, "to see everything.\n") {
		t.Errorf("ends with %q", out[len(out)-200:])
	}
}

func TestMarkdownCapsWaivedToo(t *testing.T) {
	var waived []finding.Finding
	for i := range 2000 {
		waived = append(waived, finding.Finding{Rule: "r", Severity: finding.Warning, Message: strings.Repeat("w", 100), Ladder: "x", File: "a.yaml", Line: i + 1, Column: 1})
	}
	r := New(1, 1, nil)
	r.Waived = waived
	out := writeMarkdown(t, r)
	rows := strings.Count(out, "| warning | `r` |")
	m := regexp.MustCompile(`\*\*Not shown: (\d+) of 2000 waived findings\.\*\*`).FindStringSubmatch(out)
	if len(out) >= output.CommentLimit || m == nil || !strings.Contains(out, "|\n\n</details>\n\n**Not shown") {
		t.Fatalf("%d bytes, note %v, ends %q", len(out), m, out[len(out)-100:])
	}
	if omitted, _ := strconv.Atoi(m[1]); omitted != 2000-rows {
		t.Errorf("note says %d omitted; %d rows shown of 2000", omitted, rows)
	}
}

// The packs from a registry a run was judged by are named with their digests, as code
// spans, after the counts; a run without one says nothing of packs.
func TestMarkdownPacks(t *testing.T) {
	r := ciReport()
	r.Packs = []Pack{
		{Ref: "oci://registry.example/ladders/pack:v1", Digest: "sha256:" + strings.Repeat("ab", 32)},
		{Ref: "oci://registry.example/ladders/more`|x:v2", Digest: "sha256:" + strings.Repeat("cd", 32)},
	}
	got := writeMarkdown(t, r)
	want := "| 4 | 2 | 2 | 2 | 1 | 0 | 0 |\n\n" +
		"Judged by the policy pack `oci://registry.example/ladders/pack:v1` at `sha256:" + strings.Repeat("ab", 32) + "`.  \n" +
		"Judged by the policy pack " + output.MarkdownCode("oci://registry.example/ladders/more`|x:v2") + " at `sha256:" + strings.Repeat("cd", 32) + "`.\n\n### "
	if !strings.Contains(got, want) {
		t.Errorf("got:\n%s\nwant it to hold:\n%s", got, want)
	}
	if strings.Contains(writeMarkdown(t, ciReport()), "policy pack") {
		t.Error("a run without packs names one")
	}
}
