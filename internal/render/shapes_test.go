package render

import (
	"strings"
	"testing"
)

// shaped has a shared trunk, two branches from its top level and pay in two zones.
const shaped = `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: shaped}
spec:
  currency: USD
  zones:
    - {id: us, name: United States}
    - {id: uk, name: United Kingdom, currency: GBP}
  tracks:
    - {id: trunk, name: Engineering, type: shared, levels: [{id: SE1, title: Engineer, grade: 1}, {id: SE3, title: Senior Engineer, grade: 3}]}
    - id: ic
      type: ic
      from: SE3
      levels:
        - {id: STAFF, title: Staff Engineer, grade: 4, pay: {us: {min: 200000, max: 260000}, uk: {min: 120000, max: 160000}}}
    - id: mgmt
      type: management
      from: SE3
      levels:
        - {id: EM, title: Engineering Manager, grade: 4, pay: {us: {min: 200000, max: 270000}, uk: {min: 125000, max: 160000}}}
`

func TestSVGTrunkBranchesAndZones(t *testing.T) {
	l := parse(t, shaped)
	lay := newLayout(l, true, true)
	if lay.trunk == nil || len(lay.cols) != 2 {
		t.Fatalf("columns %d, trunk %v: want the two sides as columns and the trunk across them", len(lay.cols), lay.trunk)
	}
	var branches int
	for _, m := range lay.moves {
		if m.branch {
			branches++
			if m.from.tl.Level.ID != "SE3" || m.from.w != 2*colW+colGap {
				t.Errorf("branch from %s of width %v, want from SE3 across both columns", m.from.tl.Level.ID, m.from.w)
			}
		}
	}
	if branches != 2 {
		t.Errorf("%d branch arrows, want one into each track", branches)
	}
	if len(lay.scales) != 2 || lay.scales[0].zone != "us" || lay.scales[1].currency != "GBP" {
		t.Errorf("pay axes = %+v, want one per zone in its currency", lay.scales)
	}
	svg := render(t, l, "svg")
	for _, want := range []string{`class="transition branch"`, "Branch: the ic track starts from SE3 Senior Engineer, at STAFF Staff Engineer",
		`class="pay-bands pay-zone zone-1"`, "STAFF Staff Engineer in uk: GBP 120,000–160,000", "Shared level, before the tracks split"} {
		if !strings.Contains(svg, want) {
			t.Errorf("svg lacks %q", want)
		}
	}
	for format, wants := range map[string][]string{
		"html":     {"uk: GBP 120,000–160,000", "branches from SE3", "<th>Shared</th>"},
		"markdown": {"**Pay** us: USD 200,000–260,000 · uk: GBP 120,000–160,000"},
	} {
		out := render(t, l, format)
		for _, want := range wants {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", format, want)
			}
		}
		if strings.Contains(out, "0–0") {
			t.Errorf("%s shows pay by zone as a band of 0", format)
		}
	}
}

// The HTML page picks one pay zone at a time, without script: a radio button per zone, a rule
// per zone, and every zone's bands and gaps marked with its place, never its id.
func TestHTMLZoneSelector(t *testing.T) {
	l := parse(t, strings.Replace(shaped, "name: United Kingdom", `name: "<b>UK</b>"`, 1))
	var b strings.Builder
	if err := WriteHTML(&b, l); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`main:has(#pick-zone-0:checked) .pay-zone:not(.zone-0) { display: none; }`,
		`main:has(#pick-zone-1:checked) .pay-zone:not(.zone-1) { display: none; }`,
		`<input type="radio" name="pay-zone" id="pick-zone-0"> United States</label>`,
		`<input type="radio" name="pay-zone" id="pick-zone-1"> &lt;b&gt;UK&lt;/b&gt;</label>`,
		`<span class="pay-zone zone-1">uk: GBP 120,000–160,000</span>`,
		`<span class="pay-zone zone-0">us: min `,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, "<b>UK") {
		t.Error("a zone name reached the page as HTML")
	}
	// A ladder without zones has no selector.
	b.Reset()
	if err := WriteHTML(&b, parse(t, strings.Replace(shaped, "zones:", "x-zones:", 1))); err == nil && strings.Contains(b.String(), "pay-zone\"") {
		t.Error("a selector on a ladder without zones")
	}
}

// The handbook lists a branch point as a move, says the proficiency an expectation asks for,
// and gives shared levels no peers.
func TestMarkdownBranchesAndProficiencies(t *testing.T) {
	doc := strings.Replace(shaped, "{id: STAFF, title: Staff Engineer, grade: 4,", "{id: STAFF, title: Staff Engineer, grade: 4, expectations: {craft: {proficiency: expert, text: Leads design.}},", 1)
	doc = strings.Replace(doc, "spec:\n", "spec:\n  proficiencies: [working, expert]\n  competencies: [{id: craft, name: Craft}]\n", 1)
	var b strings.Builder
	if err := WriteMarkdown(&b, parse(t, doc)); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"- from SE3 Senior Engineer to STAFF Staff Engineer, where ic branches\n",
		"- from SE3 Senior Engineer to EM Engineering Manager, where mgmt branches\n",
		"**Can move to** STAFF Staff Engineer, EM Engineering Manager\n",
		"- **Craft** (expert): Leads design.\n",
		"**Peers** EM Engineering Manager\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the handbook lacks %q", want)
		}
	}
	if i := strings.Index(md, "### SE1"); i < 0 || strings.Contains(md[i:strings.Index(md[i:], "\n\n### ")+i+1], "**Peers**") {
		t.Error("a shared level has peers in the handbook")
	}
}
