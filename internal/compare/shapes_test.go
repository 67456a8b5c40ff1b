package compare

import (
	"bytes"
	"strings"
	"testing"
)

// shaped is a ladder of the real shapes: a shared trunk, two branches from its top level,
// pay by zone in two currencies, proficiencies, and a cumulative IC track.
const shaped = `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: shaped}
spec:
  currency: USD
  zones:
    - {id: us, name: United States}
    - {id: uk, name: United Kingdom, currency: GBP}
  proficiencies: [working, practitioner, expert]
  competencies:
    - {id: craft, name: Craft}
    - {id: delivery, name: Delivery}
  tracks:
    - id: trunk
      name: Engineering
      type: shared
      levels:
        - {id: SE1, title: Engineer, grade: 1}
        - id: SE3
          title: Senior Engineer
          grade: 3
          expectations: {craft: {proficiency: working, text: Designs features.}}
    - id: ic
      type: ic
      from: SE3
      cumulative: true
      levels:
        - id: STAFF
          title: Staff Engineer
          grade: 4
          pay: {us: {min: 200000, max: 260000}, uk: {min: 120000, max: 160000}}
          expectations:
            craft: {proficiency: expert, text: Designs systems.}
            delivery: Delivers across teams.
        - id: PRIN
          title: Principal Engineer
          grade: 5
          pay: {us: {min: 250000, max: 330000}}
          expectations: {craft: Sets direction.}
    - id: mgmt
      type: management
      from: SE3
      levels:
        - id: EM
          title: Engineering Manager
          grade: 4
          pay: {us: {min: 200000, max: 270000}, uk: {min: 125000, max: 160000}}
`

func TestAlignTrunkBranchesAndZones(t *testing.T) {
	v := Align(parse(t, "shaped.yaml", shaped), Marks{})
	rows := map[int]LadderRow{}
	for _, r := range v.Grades {
		rows[r.Grade] = r
	}
	for _, g := range []int{1, 3} {
		r := rows[g]
		if len(r.Shared) != 1 || len(r.IC)+len(r.Management) != 0 || r.Missing != "" || r.Parity != ParityNone {
			t.Errorf("trunk grade %d = %+v, want its shared level alone, nothing missing, no parity", g, r)
		}
	}
	if r := rows[5]; r.Missing != SideManagement {
		t.Errorf("grade 5 missing %q, want management", r.Missing)
	}
	g4 := rows[4]
	if len(g4.IC) != 1 || g4.IC[0].From != "SE3" || g4.Management[0].From != "SE3" {
		t.Fatalf("grade 4 = %+v, want STAFF and EM both from SE3", g4)
	}
	p := g4.Pairs[0]
	if p.PayGap != nil || len(p.PayGaps) != 2 || p.PayGaps["uk"] == nil || p.PayGaps["uk"].Min != -0.04 {
		t.Errorf("grade 4 gaps = %+v / %+v, want one per zone, uk min (120,000 − 125,000) / 125,000", p.PayGap, p.PayGaps)
	}

	var b bytes.Buffer
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Pay by zone: us (United States, USD), uk (United Kingdom, GBP).",
		"│ GRADE │ SHARED ", "│ 1     │ SE1 Engineer ",
		"us: USD 200,000–260,000", "uk: GBP 120,000–160,000", "branches from SE3",
		"us: min 0%, max -3.7%", "uk: min -4%, max 0%",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "no IC level at grade 1") || strings.Contains(out, "Pay in USD.") {
		t.Errorf("the trunk's grades are not gaps, and pay by zone is not in one currency:\n%s", out)
	}

	b.Reset()
	if err := Write(&b, v, Options{Format: "csv"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{",zone,shared_ids\n", "\n1,,,,,,,,,,,,,none,,us,SE1\n", "\n4,STAFF,Staff Engineer,,120000,160000,EM,Engineering Manager,,125000,160000,-0.04,0,ok,,uk,\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("csv lacks %q:\n%s", want, b.String())
		}
	}
}

// Without pay on either side there is no pay gap to show, so no column for it.
func TestAlignWithoutPayHasNoPayGapColumn(t *testing.T) {
	var noPay []string
	for _, l := range strings.Split(small, "\n") {
		if !strings.Contains(l, "pay: {") {
			noPay = append(noPay, l)
		}
	}
	text := strings.NewReplacer("{id: M3, title: Director, grade: 3, scope: org, pay: {min: 120000, max: 160000}}", "").Replace(strings.Join(noPay, "\n"))
	v := Align(parse(t, "nopay.yaml", text), Marks{})
	var b bytes.Buffer
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); strings.Contains(out, "PAY GAP") || strings.Contains(out, "Pay gap:") || !strings.Contains(out, "│ PARITY") {
		t.Errorf("a ladder without pay:\n%s", out)
	}
}

func TestProgressCumulativeAndProficiency(t *testing.T) {
	src := parse(t, "shaped.yaml", shaped)
	v, err := Progress(src, "STAFF", "PRIN")
	if err != nil {
		t.Fatal(err)
	}
	if !v.Cumulative || statuses(v) != "craft=adds delivery=carries_over" {
		t.Errorf("STAFF..PRIN: cumulative %v, %s; want PRIN to keep delivery and add to craft", v.Cumulative, statuses(v))
	}
	craft := v.Competencies[0]
	if strings.Join(craft.Added, "|") != "Sets direction." || strings.Join(craft.Kept, "|") != "Designs features.|Designs systems." {
		t.Errorf("craft added %q kept %q", craft.Added, craft.Kept)
	}
	if len(v.PayByZone) != 2 || v.PayByZone[0].Zone != "us" || v.PayByZone[0].PayStep == nil || v.PayByZone[1].PayStep != nil {
		t.Errorf("pay by zone = %+v, want us compared and uk not (PRIN has no uk band)", v.PayByZone)
	}

	v, err = Progress(src, "SE3", "STAFF")
	if err != nil {
		t.Fatal(err)
	}
	p := v.Competencies[0].Proficiency
	if p == nil || p.From != "working" || p.To != "expert" || p.Steps != 2 {
		t.Errorf("craft proficiency = %+v, want working → expert, 2 steps", p)
	}
	var b bytes.Buffer
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"proficiency working → expert",
		"Pay in zone us: SE3 has no valid pay band in zone us.",
		"= Designs features. (kept)",
		"Expectations carry up this track",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

// Pay and scope missing on both levels are said in a sentence that reads; no expectations
// at either level is a sentence, not an empty table.
func TestProgressSaysWhatIsMissing(t *testing.T) {
	v, err := Progress(parse(t, "shaped.yaml", shaped), "SE1", "SE3")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Scope: neither SE1 nor SE3 has a scope.", "Pay: neither SE1 nor SE3 has a valid pay band."} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("lacks %q:\n%s", want, b.String())
		}
	}
	noExp := strings.Replace(shaped, "          expectations: {craft: {proficiency: working, text: Designs features.}}\n", "", 1)
	v, err = Progress(parse(t, "shaped.yaml", noExp), "SE1", "SE3")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"table", "markdown"} {
		b.Reset()
		if err := Write(&b, v, Options{Format: format}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Contains(out, "COMPETENCY") || !strings.Contains(out, "Neither SE1 nor SE3 states expectations, so there are no competencies to compare.") {
			t.Errorf("%s with no expectations:\n%s", format, out)
		}
	}
}

// compare --base says a branch point, a zone, a zone's band and a proficiency changed, in
// the words of diff.
func TestCompareBaseBranchZoneAndProficiency(t *testing.T) {
	now := strings.NewReplacer(
		"      from: SE3\n      levels:\n        - id: EM", "      from: SE1\n      levels:\n        - id: EM",
		"    - {id: uk, name: United Kingdom, currency: GBP}\n", "    - {id: uk, name: United Kingdom, currency: GBP}\n    - {id: de, name: Germany, currency: EUR}\n",
		"uk: {min: 120000, max: 160000}", "uk: {min: 132000, max: 160000}",
		"proficiency: expert, text: Designs systems.", "proficiency: practitioner, text: Designs systems.",
	).Replace(shaped)
	v := CompareBase(parse(t, "before.yaml", shaped), parse(t, "now.yaml", now))
	var b bytes.Buffer
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"STAFF pay in zone uk: GBP 120,000–160,000 → GBP 132,000–160,000 (min +10%, max 0%)",
		"STAFF proficiency of craft: expert → practitioner",
		"zone de added (Germany, EUR)",
		"track mgmt now branches from SE1 (was SE3)",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}
