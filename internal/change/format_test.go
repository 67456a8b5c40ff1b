package change

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/output"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// smallChange is a pull request that retitles a level, raises a band, adds a transition,
// adds a waiver, and so introduces, fixes and leaves one finding each.
func smallChange(t *testing.T) *Report {
	t.Helper()
	head := replace(t, baseLadder,
		"title: Staff Engineer,", "title: Staff Engineer II,",
		"{id: IC6, title: Principal Engineer, grade: 6, scope: org, pay: {min: 220000, max: 300000}", "{id: IC6, title: Principal Engineer, grade: 6, scope: org, pay: {min: 242000, max: 300000}",
		"    - {from: M1, to: IC5}\n", "    - {from: M1, to: IC5}\n    - {from: IC6, to: M2}\n",
	)
	left := finding.Finding{Rule: "paths/two-way", Severity: finding.Warning, Ladder: "acme", File: "ladders/acme.yaml", Line: 28, Column: 5,
		Message: "No transition lets a manager move back to an IC level."}
	fixed := finding.Finding{Rule: "naming/ic-titles", Severity: finding.Warning, Ladder: "acme", Level: "IC5", File: "ladders/acme.yaml", Line: 14, Column: 30,
		Message: `IC5 Staff Engineer | Lead (grade 5) is an IC level, but its title contains "Lead <b>".`}
	introduced := finding.Finding{Rule: "parity/pay", Severity: finding.Error, Ladder: "acme", Level: "IC6", File: "ladders/acme.yaml", Line: 15, Column: 86,
		Message: "IC6 Principal Engineer (grade 6) is paid USD 242,000-300,000, below its management peer M2 Director of Engineering (USD 280,000-380,000) by more than 10% on the maximum. Raise the IC band to at least USD 242,000-342,000."}
	movedLeft := left
	movedLeft.Line = 29
	base := side(t, map[string]string{"ladders/acme.yaml": baseLadder}, left, fixed)
	h := side(t, map[string]string{"ladders/acme.yaml": head}, movedLeft, introduced)
	h.Config = parseConfig(t, "exceptions:\n  - rule: bands/overlap\n    ladder: acme\n    reason: Bands under review by Comp & Ben\n    expires: 2027-06-30\n")
	r := compare(base, h)
	r.Base.Ref, r.Base.Commit = "main", "3f2a9c1b7d04e5f6a7b8c9d0e1f2a3b4c5d6e7f8"
	r.Head.WorkingTree = true
	return r
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it; review the diff):\n%s", path, got)
	}
}

func write(t *testing.T, format string, r *Report) string {
	t.Helper()
	f, err := Formats.Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMarkdownGolden(t *testing.T) {
	golden(t, "small.md", write(t, "markdown", smallChange(t)))
}

func TestTextGolden(t *testing.T) {
	golden(t, "small.txt", write(t, "text", smallChange(t)))
}

func TestOutputIsDeterministic(t *testing.T) {
	for _, format := range Formats.Names() {
		first := write(t, format, smallChange(t))
		for range 5 {
			if again := write(t, format, smallChange(t)); again != first {
				t.Fatalf("%s differs between runs", format)
			}
		}
	}
}

func TestMarkdownHeadlinesALooseningFirst(t *testing.T) {
	md := write(t, "markdown", smallChange(t))
	if !strings.HasPrefix(md, "## ⚠️ This change loosens the rules\n\n- **Waiver added**: ") {
		t.Errorf("markdown does not start with the loosening:\n%s", md)
	}
	if i, j := strings.Index(md, "## ❌ This change introduces 1 finding and fixes 1"), strings.Index(md, "<details open>"); i < 0 || j < i {
		t.Errorf("verdict missing or after the findings:\n%s", md)
	}
}

func TestMarkdownCleanChange(t *testing.T) {
	r := compare(side(t, map[string]string{"a.yaml": baseLadder}), side(t, map[string]string{"a.yaml": baseLadder}))
	md := write(t, "markdown", r)
	want := "## ✅ This change introduces no findings\n\nCompared the change with the base, each judged by its own config and policies. Fail-on: `error`.\n\nNo ladder, level, pay band or transition changed.\n"
	if md != want {
		t.Errorf("markdown:\n%q\nwant\n%q", md, want)
	}
}

func TestJSONShape(t *testing.T) {
	var got map[string]any
	if err := json.Unmarshal([]byte(write(t, "json", smallChange(t))), &got); err != nil {
		t.Fatal(err)
	}
	keys := func(m any) []string {
		var ks []string
		for k := range m.(map[string]any) {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	check := func(what string, m any, want ...string) {
		t.Helper()
		slices.Sort(want)
		if k := keys(m); !slices.Equal(k, want) {
			t.Errorf("%s keys = %v, want %v", what, k, want)
		}
	}
	check("top", got, "base", "head", "fail_on", "summary", "loosened", "ladders", "levels", "pay", "branches", "transitions", "findings", "errors", "notes")
	check("base", got["base"], "ref", "commit", "working_tree", "config", "ladders", "packs")
	check("summary", got["summary"], "introduced", "fixed", "silenced", "accepted", "left", "failing", "loosened", "ladders_added", "ladders_removed",
		"level_changes", "pay_changes", "branch_changes", "transitions_added", "transitions_removed", "base_complete", "head_complete")
	check("ladders", got["ladders"], "added", "removed", "changed")
	check("findings", got["findings"], "introduced", "accepted", "fixed", "left", "by_ladder")
	check("errors", got["errors"], "base", "head")
	check("loosened[0]", got["loosened"].([]any)[0], "kind", "subject", "before", "after", "message", "file", "line")
	check("levels[0]", got["levels"].([]any)[0], "ladder", "level", "change", "before", "after", "file")
	check("pay[0]", got["pay"].([]any)[0], "ladder", "level", "currency", "min", "max", "file")
	check("pay[0].min", got["pay"].([]any)[0].(map[string]any)["min"], "before", "after", "change")
	check("transitions[0]", got["transitions"].([]any)[0], "ladder", "from", "to", "change")
	check("introduced[0]", got["findings"].(map[string]any)["introduced"].([]any)[0],
		"rule", "severity", "message", "ladder", "level", "file", "line", "column", "path")

	// Raw numbers, not formatted ones.
	min := got["pay"].([]any)[0].(map[string]any)["min"].(map[string]any)
	if min["before"] != 220000.0 || min["after"] != 242000.0 || min["change"] != 0.1 {
		t.Errorf("pay min = %v", min)
	}
	if got["fail_on"] != "error" || got["base"].(map[string]any)["commit"] != "3f2a9c1b7d04e5f6a7b8c9d0e1f2a3b4c5d6e7f8" {
		t.Errorf("fail_on %v, base %v", got["fail_on"], got["base"])
	}
	golden(t, "small.json", write(t, "json", smallChange(t)))
}

// A change to what a level is about, not its place or pay, is in every format.
func TestSummaryAndExpectationEdits(t *testing.T) {
	head := replace(t, baseLadder,
		"grade: 5, scope: multi-team, pay: {min: 180000, max: 240000}, summary: x}",
		"grade: 5, scope: multi-team, pay: {min: 180000, max: 240000}, summary: Leads across teams., expectations: {craft: Designs systems.}}")
	r := compare(side(t, map[string]string{"a.yaml": baseLadder}), side(t, map[string]string{"a.yaml": head}))
	if r.Summary.LevelChanges != 2 {
		t.Errorf("level changes = %d, want 2", r.Summary.LevelChanges)
	}
	text := write(t, "text", r)
	if want := "Levels:\n  acme IC5 summary: x → Leads across teams.\n  acme IC5 expectations: craft added\n"; !strings.Contains(text, want) {
		t.Errorf("text lacks %q:\n%s", want, text)
	}
	md := write(t, "markdown", r)
	for _, want := range []string{
		"| acme | `IC5` | summary | x | Leads across teams. |\n",
		"| acme | `IC5` | expectations |  | craft: Designs systems. |\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	var got struct {
		Levels []struct {
			Change       string
			Before       any
			After        any
			Competencies map[string][]string
		}
	}
	if err := json.Unmarshal([]byte(write(t, "json", r)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Levels) != 2 || got.Levels[0].Change != "summary" || got.Levels[0].After != "Leads across teams." ||
		got.Levels[1].Change != "expectations" || got.Levels[1].Before != nil ||
		!slices.Equal(got.Levels[1].Competencies["added"], []string{"craft"}) || got.Levels[1].Competencies["edited"] == nil {
		t.Errorf("json levels = %+v", got.Levels)
	}
}

// bigChange introduces, fixes and leaves many findings with long messages.
func bigChange(t *testing.T, introduced, fixed, left int) *Report {
	t.Helper()
	long := strings.Repeat("A long message that explains the gap to an HR partner in plain words. ", 4)
	mk := func(kind string, n int) []finding.Finding {
		var fs []finding.Finding
		for i := range n {
			fs = append(fs, finding.Finding{Rule: "main/" + kind, Severity: finding.Error, Ladder: "acme", Level: fmt.Sprintf("L%04d", i),
				File: "ladders/acme.yaml", Line: i + 1, Column: 1, Message: long + kind})
		}
		return fs
	}
	base := side(t, map[string]string{"a.yaml": baseLadder}, append(mk("fixed", fixed), mk("left", left)...)...)
	head := side(t, map[string]string{"a.yaml": baseLadder}, append(mk("introduced", introduced), mk("left", left)...)...)
	return compare(base, head)
}

func TestMarkdownCap(t *testing.T) {
	r := bigChange(t, 100, 300, 600)
	md := write(t, "markdown", r)
	if len(md) > output.CommentLimit {
		t.Fatalf("markdown is %d bytes, over %d", len(md), output.CommentLimit)
	}
	if len(md) < output.CommentLimit-8192 {
		t.Errorf("markdown is only %d bytes: the budget is wasted", len(md))
	}
	// Introduced findings come before any fixed or left one gets space.
	if n := strings.Count(md, "`main/introduced`"); n != 100 {
		t.Errorf("%d of 100 introduced findings shown", n)
	}
	if strings.Count(md, "<details") != strings.Count(md, "</details>") {
		t.Errorf("unbalanced <details>")
	}
	if !strings.Contains(md, "**Not shown: ") || !strings.Contains(md, "findings left as they were.** GitHub limits a comment to 65,536 characters. Run `ladderctl diff -o text` to see everything.") {
		t.Errorf("no note on what was left out:\n%s", md[len(md)-600:])
	}
	// What the note counts adds up to what is missing.
	shown := strings.Count(md, "`main/left`")
	if want := fmt.Sprintf("%d of 600 findings left as they were", 600-shown); !strings.Contains(md, want) {
		t.Errorf("note does not say %q", want)
	}
	// The text and JSON reports keep everything.
	if n := strings.Count(write(t, "text", r), " main/left: "); n != 600 {
		t.Errorf("text shows %d of 600 left findings", n)
	}
}

func TestMarkdownCapEvenForIntroduced(t *testing.T) {
	md := write(t, "markdown", bigChange(t, 2000, 0, 0))
	if len(md) > output.CommentLimit || !strings.Contains(md, "of 2000 introduced findings.**") {
		t.Errorf("%d bytes; tail:\n%s", len(md), md[len(md)-400:])
	}
	if !strings.HasPrefix(md, "## ❌ This change introduces 2000 findings\n") || !strings.HasSuffix(strings.TrimSpace(md[:strings.Index(md, "\n**Not shown")]), "</details>") {
		t.Errorf("headline or closing tag missing")
	}
}

func TestFormatsOrder(t *testing.T) {
	if got := strings.Join(Formats.Names(), ","); got != "markdown,text,json" {
		t.Errorf("names = %s", got)
	}
}

func TestMarkdownCapKeepsTheHeadlines(t *testing.T) {
	var entries []governance.Entry
	for i := range 3000 {
		entries = append(entries, governance.Entry{Rule: "parity/pay", Ladder: "acme", Level: fmt.Sprintf("L%04d", i), Message: strings.Repeat("gap ", 10)})
	}
	base := side(t, map[string]string{"a.yaml": baseLadder})
	head := side(t, map[string]string{"a.yaml": baseLadder})
	head.Config = parseConfig(t, "baseline: b.json\n")
	head.Baseline = &governance.Baseline{Version: 1, Findings: entries}
	for i := range 2000 {
		head.Problems = append(head.Problems, fmt.Sprintf("policies/p%04d.rego:1:1: %s", i, strings.Repeat("broken ", 10)))
	}
	md := write(t, "markdown", compare(base, head))
	if len(md) > output.CommentLimit {
		t.Fatalf("%d bytes", len(md))
	}
	for _, want := range []string{"## ⚠️ This change loosens the rules\n", "## ❌ ladderctl could not check this change in full\n", "**The check is incomplete**", "of 2000 errors", "of 3000 changes to the rules"} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in the capped report", want)
		}
	}
}

// A change to a branch point, a zone, a band of a zone and a proficiency is said in every
// format, the zone and the competency named.
func TestFormatsSayBranchZoneAndProficiency(t *testing.T) {
	const shaped = `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: shaped}
spec:
  currency: USD
  zones:
    - {id: us, name: United States}
    - {id: uk, name: United Kingdom, currency: GBP}
  proficiencies: [working, expert]
  tracks:
    - id: trunk
      type: shared
      levels:
        - {id: SE2, title: Engineer, grade: 2}
        - {id: SE3, title: Senior Engineer, grade: 3}
    - id: ic
      type: ic
      from: SE3
      levels:
        - id: STAFF
          title: Staff Engineer
          grade: 4
          pay: {us: {min: 200000, max: 260000}, uk: {min: 120000, max: 160000}}
          expectations: {delivery: {proficiency: working, text: Delivers across teams.}}
`
	head := replace(t, shaped,
		"from: SE3", "from: SE2",
		"    - {id: uk, name: United Kingdom, currency: GBP}\n", "    - {id: uk, name: United Kingdom, currency: GBP}\n    - {id: de, name: Germany, currency: EUR}\n",
		"uk: {min: 120000, max: 160000}", "uk: {min: 132000, max: 160000}",
		"proficiency: working, text", "proficiency: expert, text",
	)
	r := compare(side(t, map[string]string{"ladders/s.yaml": shaped}), side(t, map[string]string{"ladders/s.yaml": head}))
	want := map[string][]string{
		"text": {
			"  shaped: zone de added (Germany, EUR)\n",
			"  shaped STAFF proficiency of delivery: working → expert\n",
			"  shaped STAFF min in zone uk: GBP 120,000 → 132,000 (+10%)\n",
			"Branches:\n  shaped: track ic now branches from SE2 (was SE3)\n",
		},
		"markdown": {
			"- shaped: zone de added (Germany, EUR)\n",
			"| shaped | `STAFF` | proficiency of delivery | working | expert |\n",
			"| Ladder | Level | Zone | Min | Max |\n",
			"| shaped | `STAFF` | `uk` | GBP 120,000 → 132,000 (+10%) | GBP 160,000, unchanged |\n",
			"| shaped | `ic` | changed | `SE3` | `SE2` |\n",
		},
		"json": {
			`"field": "zone",`,
			`"key": "de",`,
			`"change": "proficiency",`,
			`"competency": "delivery",`,
			`"zone": "uk",`,
			`"track": "ic",` + "\n      \"change\": \"changed\",\n      \"before\": \"SE3\",\n      \"after\": \"SE2\",",
			`"branch_changes": 1,`,
		},
	}
	for format, lines := range want {
		f, err := Formats.Lookup(format)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f.Write(&b, r); err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			if !strings.Contains(b.String(), l) {
				t.Errorf("%s lacks %q:\n%s", format, l, b.String())
			}
		}
	}
}
