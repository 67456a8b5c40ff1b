package ladder

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestDocumentDecodesTheTypedModel(t *testing.T) {
	data, err := os.ReadFile("../../ladders/acme-engineering.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ls, problems := Parse("acme-engineering.yaml", data)
	if len(problems) > 0 || len(ls) != 1 {
		t.Fatalf("example does not load: %v", problems)
	}
	d, err := ls[0].Document()
	if err != nil {
		t.Fatal(err)
	}
	if d.Metadata.Name != "acme-engineering" || d.Spec.Currency != "USD" || len(d.Spec.Tracks) != 2 {
		t.Fatalf("document = %+v", d.Metadata)
	}
	levels := d.Levels()
	var ic5 *TrackLevel
	for i := range levels {
		if levels[i].Level.ID == "IC5" {
			ic5 = &levels[i]
		}
	}
	if ic5 == nil || ic5.Track.Type != IC || ic5.Level.Grade != 5 || !ic5.Level.Pay.Valid() || len(ic5.Level.Expectations["craft"].Texts) == 0 {
		t.Fatalf("IC5 = %+v", ic5)
	}
	pos, _ := ls[0].Locate(ic5.Path("grade"))
	if pos.Line == 0 {
		t.Error("the level's path does not resolve")
	}
}

// The example with real shapes decodes them: a shared trunk, two branches from its top
// level, pay in two zones of their own currencies, and graded expectations.
func TestDocumentDecodesTheSharedExample(t *testing.T) {
	data, err := os.ReadFile("../../ladders/acme-platform.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ls, problems := Parse("acme-platform.yaml", data)
	if len(problems) > 0 || len(ls) != 1 {
		t.Fatalf("example does not load: %v", problems)
	}
	d, err := ls[0].Document()
	if err != nil {
		t.Fatal(err)
	}
	s := &d.Spec
	if len(s.Tracks) != 3 || s.Tracks[0].Type != Shared || s.Track("ic").From != "PE4" || s.Track("mgmt").From != "PE4" {
		t.Fatalf("tracks = %+v", s.Tracks)
	}
	if trunk := s.Tracks[0].Levels; trunk[len(trunk)-1].ID != "PE4" {
		t.Errorf("the branches do not start from the top of the trunk: %+v", trunk[len(trunk)-1])
	}
	if s.ZoneCurrency("us") != "USD" || s.ZoneCurrency("uk") != "GBP" || len(s.Proficiencies) != 4 {
		t.Errorf("zones %+v, proficiencies %v", s.Zones, s.Proficiencies)
	}
	for _, tl := range d.Levels() {
		bands := tl.Level.Pay.Bands()
		if !tl.Level.Pay.Zoned() || len(bands) != 2 || bands[0].Zone != "uk" || !bands[0].Band.Valid() || !bands[1].Band.Valid() {
			t.Errorf("%s: pay %+v, want a valid band in each zone", tl.Level.ID, tl.Level.Pay)
		}
		if p := tl.Level.Expectations["operations"].Proficiency; !slices.Contains(s.Proficiencies, p) {
			t.Errorf("%s: operations proficiency %q is not on the scale", tl.Level.ID, p)
		}
	}
}

func TestExpectationTextOrList(t *testing.T) {
	ls, problems := Parse("x.yaml", []byte(`apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: x}
spec:
  competencies: [{id: a, name: A}, {id: b, name: B}]
  tracks:
    - id: ic
      type: ic
      levels:
        - id: L1
          title: One
          grade: 1
          expectations:
            a: one text
            b: [first, second]
`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	d, err := ls[0].Document()
	if err != nil {
		t.Fatal(err)
	}
	e := d.Spec.Tracks[0].Levels[0].Expectations
	if len(e["a"].Texts) != 1 || e["a"].Texts[0] != "one text" || len(e["b"].Texts) != 2 || e["b"].Texts[1] != "second" {
		t.Errorf("expectations = %#v", e)
	}
	if (&Pay{Min: 2, Max: 1}).Valid() || (*Pay)(nil).Valid() || !(&Pay{Min: 1, Max: 1}).Valid() {
		t.Error("Pay.Valid is wrong")
	}
}

// The real shapes: a shared trunk, a branch with from and cumulative, zones with per-zone
// pay, proficiencies, graded expectations, and x- fields that the typed form leaves out.
func TestRealShapes(t *testing.T) {
	ls, problems := Parse("x.yaml", []byte(`apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: x, x-review: 2027-01-01}
spec:
  currency: USD
  zones: [{id: us, name: US}, {id: uk, name: UK, currency: GBP}]
  proficiencies: [working, expert]
  competencies: [{id: a, name: A}]
  tracks:
    - id: trunk
      type: shared
      levels:
        - {id: SE1, title: Engineer, grade: 1, pay: {us: {min: 100, max: 150}, uk: {min: 60, max: 90}}}
    - id: ic
      type: ic
      from: SE1
      cumulative: true
      x-headcount-target: {staff: 4, notes: [a, b]}
      levels:
        - id: STAFF
          title: Staff Engineer
          grade: 2
          expectations:
            a: {proficiency: expert, text: Leads.}
            x-note: not a competency
`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	d, err := ls[0].Document()
	if err != nil {
		t.Fatal(err)
	}
	trunk, ic := d.Spec.Tracks[0], d.Spec.Tracks[1]
	if trunk.Type != Shared || ic.From != "SE1" || !ic.Cumulative {
		t.Errorf("tracks = %+v %+v", trunk, ic)
	}
	pay := trunk.Levels[0].Pay
	if !pay.Zoned() || pay.Valid() || pay.In("uk").Max != 90 || pay.In("") != nil || len(pay.Bands()) != 2 || pay.Bands()[0].Zone != "uk" {
		t.Errorf("zoned pay = %+v", pay)
	}
	if d.Spec.ZoneCurrency("uk") != "GBP" || d.Spec.ZoneCurrency("us") != "USD" {
		t.Error("zone currencies are wrong")
	}
	e := ic.Levels[0].Expectations
	if len(e) != 1 || e["a"].Proficiency != "expert" || e["a"].Texts[0] != "Leads." {
		t.Errorf("expectations = %#v", e)
	}
	// Policies see the x- fields, with their positions.
	pos, _ := ls[0].Locate(Path{"spec", "tracks", 1, "x-headcount-target", "notes", 1})
	if pos.Line != 18 {
		t.Errorf("x- field at line %d, want 18", pos.Line)
	}
}

func TestTooManyLevels(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: ladderctl/v1\nkind: Ladder\nmetadata: {name: x}\nspec:\n  tracks:\n    - id: ic\n      type: ic\n      levels:\n")
	for i := range MaxLevels + 1 {
		fmt.Fprintf(&b, "        - {id: L%d, title: Level %d, grade: %d}\n", i, i, i)
	}
	ls, problems := Parse("x.yaml", []byte(b.String()))
	if len(ls) != 0 || len(problems) != 1 || !strings.Contains(problems[0].Message, "more than 1000 levels") || problems[0].Line != 9+MaxLevels {
		t.Fatalf("ladders %d, problems %+v", len(ls), problems)
	}
}
