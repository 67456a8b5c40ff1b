package compare

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/ladderdiff"
)

func diffs(r LaddersRow) string {
	var out []string
	for _, d := range r.Differences {
		s := d.Kind
		if d.Side != "" {
			s += " " + d.Side
		}
		if d.OnlyIn != "" {
			s += " only in " + d.OnlyIn
		}
		if d.From != "" || d.To != "" {
			s += fmt.Sprintf(" %q→%q", d.From, d.To)
		}
		if d.Pay != nil && d.Pay.Change != nil {
			s += fmt.Sprintf(" %.4f/%.4f", d.Pay.Change.Min, d.Pay.Change.Max)
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

func TestCompareLadders(t *testing.T) {
	eng, data := example(t, "ladders/acme-engineering.yaml"), example(t, "ladders/acme-data.yaml")
	v := CompareLadders(eng, data)
	if !v.PayCompared || len(v.Grades) != 8 || !slices.Equal(v.Sides, []string{SideIC, SideManagement}) {
		t.Fatalf("view = %+v", v)
	}
	want := map[int]string{
		// DS1 90,000–125,000 against IC1 95,000–130,000: (90,000 − 95,000) / 95,000.
		1: `title ic "Software Engineer I"→"Data Scientist I"; pay ic -0.0526/-0.0385`,
		4: `title ic "Senior Software Engineer"→"Senior Data Scientist"; pay ic -0.0588/-0.0625; side management only in acme-data`,
		5: `title ic "Staff Engineer"→"Staff Data Scientist"; pay ic -0.0488/-0.0678; title management "Engineering Manager"→"Senior Data Science Manager"; scope management "team"→"multi-team"; pay management -0.0244/-0.0508`,
		7: "grade only in acme-engineering",
		8: "grade only in acme-engineering",
	}
	for _, r := range v.Grades {
		if w, ok := want[r.Grade]; ok && diffs(r) != w {
			t.Errorf("grade %d:\n got %s\nwant %s", r.Grade, diffs(r), w)
		}
		if len(r.Levels) != 2 {
			t.Errorf("grade %d has %d entries, want one per ladder", r.Grade, len(r.Levels))
		}
	}
	if g4 := v.Grades[3]; ids(g4.Levels[0].Management) != "" || ids(g4.Levels[1].Management) != "DM1" {
		t.Errorf("grade 4 management: %+v", g4.Levels)
	}
}

func TestCompareLaddersSameAndCurrencies(t *testing.T) {
	a := parse(t, "a.yaml", small)
	b := parse(t, "b.yaml", strings.Replace(small, "name: small,", "name: other,", 1))
	for _, r := range CompareLadders(a, b).Grades {
		if len(r.Differences) != 0 {
			t.Errorf("grade %d of two equal ladders differs: %s", r.Grade, diffs(r))
		}
	}
	usd := parse(t, "usd.yaml", strings.Replace(strings.Replace(small, "currency: EUR", "currency: USD", 1), "max: 70000", "max: 75000", 1))
	v := CompareLadders(a, usd)
	if v.PayCompared {
		t.Error("EUR and USD pay compared")
	}
	if d := diffs(v.Grades[0]); d != "" {
		t.Errorf("grade 1 across currencies: %s, want no pay difference", d)
	}
	var b2 strings.Builder
	if err := Write(&b2, v, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Pay is not compared: small pays in EUR and small in USD.", "EUR 50,000–70,000", "USD 50,000–75,000"} {
		if !strings.Contains(b2.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b2.String())
		}
	}
}

func TestCompareBase(t *testing.T) {
	before := parse(t, "before.yaml", small)
	now := strings.NewReplacer(
		"title: Senior Engineer", "title: Senior Software Engineer", // retitled
		"pay: {min: 80000, max: 100000}", "pay: {min: 84000, max: 110000}", // pay +5%, +10%
		"        - {id: M3, title: Director, grade: 3, scope: org, pay: {min: 120000, max: 160000}}\n", "",
		"          expectations: {craft: Reviews designs., people: Grows the team.}\n",
		"          expectations: {craft: Reviews designs., people: Grows the team.}\n        - {id: M4, title: VP, grade: 4}\n", // M3 removed, M4 added
		"grade: 1\n          scope: feature", "grade: 2\n          scope: feature", // E1 regraded 1 -> 2
		"    - {from: E2, to: M2}\n", "    - {from: M2, to: E2}\n",
		"craft: [Builds features., Leads the team's design.]", "craft: [Builds features., Leads the team's design and reviews.]", // expectations
		"pay: {min: 80000, max: 110000}\n", "pay: {min: 80000, max: 110000}\n          summary: Runs a team.\n", // summary
	).Replace(small)
	v := CompareBase(before, parse(t, "now.yaml", now))
	got := map[int][]string{}
	for _, r := range v.Grades {
		for _, c := range r.Changes {
			s := c.Kind + " " + c.Level
			if c.Change != nil {
				s += fmt.Sprintf(" %.2f/%.2f", c.Change.Min, c.Change.Max)
			}
			if c.Kind == ladderdiff.Regraded || c.Kind == ladderdiff.Retitled {
				s += fmt.Sprintf(" %v→%v", c.From, c.To)
			}
			got[r.Grade] = append(got[r.Grade], s)
		}
	}
	want := map[int][]string{
		2: {"regraded E1 1→2", "retitled E2 Senior Engineer→Senior Software Engineer", "expectations E2", "pay E2 0.05/0.10", "summary M2"},
		3: {"removed M3"},
		4: {"added M4"},
	}
	for g := 1; g <= 4; g++ {
		if !slices.Equal(got[g], want[g]) {
			t.Errorf("grade %d: %q, want %q", g, got[g], want[g])
		}
	}
	var kinds []string
	for _, c := range v.Changes {
		kinds = append(kinds, fmt.Sprintf("%s %v→%v", c.Kind, c.From, c.To))
	}
	if w := "transition_removed E2→M2,transition_added M2→E2"; strings.Join(kinds, ",") != w {
		t.Errorf("ladder changes %s, want %s", strings.Join(kinds, ","), w)
	}
	var b strings.Builder
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"E1 regraded from grade 1", "E1 regraded to grade 2", "+ M4 VP added", "− M3 Director removed",
		"E2 retitled: Senior Engineer → Senior Software Engineer",
		"E2 expectations: craft edited", "M2 summary: none → Runs a team.",
		"E2 pay: 80,000–100,000 → 84,000–110,000 (min +5%, max +10%)",
		"transition E2 → M2 removed",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

// A new currency changes what every band means: each is listed with its money, and no
// percentage is worked out across currencies.
func TestCompareBaseCurrencyAndTrack(t *testing.T) {
	now := strings.NewReplacer(
		"currency: EUR", "currency: USD",
		"grade: 1\n          scope: feature", "grade: 1\n          scope: team",
		"    - id: mgmt\n      name: Management\n      type: management\n      levels:\n", "    - id: mgmt\n      name: Management\n      type: management\n      levels:\n        - {id: E3, title: Principal, grade: 3}\n",
	).Replace(small)
	before := strings.Replace(small, "    - id: mgmt\n", "        - {id: E3, title: Principal, grade: 3}\n    - id: mgmt\n", 1)
	v := CompareBase(parse(t, "before.yaml", before), parse(t, "now.yaml", now))
	var b strings.Builder
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"E1 rescoped: feature → team", "E3 moved from track ic to mgmt", "currency: EUR → USD",
		"E2 pay: EUR 80,000–100,000 → USD 80,000–100,000", "M3 pay: EUR 120,000–160,000 → USD 120,000–160,000",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
	for _, r := range v.Grades {
		for _, c := range r.Changes {
			if c.Kind == ChangePay && (c.Change != nil || c.CurrencyBefore != "EUR" || c.Currency != "USD") {
				t.Errorf("pay change across currencies: %+v", c)
			}
		}
	}
}

func TestCompareBaseNoChange(t *testing.T) {
	v := CompareBase(parse(t, "a.yaml", small), parse(t, "a.yaml", small))
	for _, r := range v.Grades {
		if len(r.Changes) > 0 {
			t.Errorf("grade %d: %+v", r.Grade, r.Changes)
		}
	}
	var b strings.Builder
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "No change since") {
		t.Errorf("no-change table:\n%s", b.String())
	}
}

func statuses(v *LevelsView) string {
	var out []string
	for _, c := range v.Competencies {
		out = append(out, c.ID+"="+c.Status)
	}
	return strings.Join(out, " ")
}

func TestProgressAddsCarriesDrops(t *testing.T) {
	src := parse(t, "small.yaml", small)
	v, err := Progress(src, "E1", "E2")
	if err != nil {
		t.Fatal(err)
	}
	// craft: E2 keeps "Builds features." and adds a text; delivery: E2 says nothing.
	if s := statuses(v); s != "craft=adds delivery=drops_out" {
		t.Fatalf("statuses %s", s)
	}
	craft, delivery := v.Competencies[0], v.Competencies[1]
	if !slices.Equal(craft.Carried, []string{"Builds features."}) || !slices.Equal(craft.Added, []string{"Leads the team's design."}) || len(craft.Replaced) != 0 {
		t.Errorf("craft = %+v", craft)
	}
	if !delivery.AppliesToTrack || !delivery.Declared {
		t.Errorf("delivery = %+v", delivery)
	}
	if v.Direction != DirectionUp || v.GradeSteps != 1 || v.CrossTrack {
		t.Errorf("move = %s %d %v", v.Direction, v.GradeSteps, v.CrossTrack)
	}
	if v.Scope == nil || *v.Scope != (ScopeChange{From: "feature", To: "team", Steps: 1}) {
		t.Errorf("scope = %+v", v.Scope)
	}
	if v.Pay == nil || v.Pay.Min != (Step{From: 50000, To: 80000, Change: 30000, Ratio: 0.6}) || v.Pay.Max.Change != 30000 {
		t.Errorf("pay = %+v", v.Pay)
	}
	if v.Counts != (Counts{Adds: 1, DropsOut: 1}) {
		t.Errorf("counts = %+v", v.Counts)
	}
	var b strings.Builder
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DROPS OUT: Delivery.", "= Builds features.", "+ Leads the team's design.", "Scope: feature → team (+1 step).", "min 50,000 → 80,000 (+30,000, +60%)"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

func TestProgressCarriesOver(t *testing.T) {
	text := strings.Replace(small, "craft: [Builds features., Leads the team's design.]", "craft: \"  Builds   features. \"\n            delivery: [Ships what was planned.]", 1)
	v, err := Progress(parse(t, "carry.yaml", text), "E1", "E2")
	if err != nil {
		t.Fatal(err)
	}
	// The same texts, however they are spaced or written (a text or a list of one), carry over.
	if s := statuses(v); s != "craft=carries_over delivery=carries_over" {
		t.Errorf("statuses %s", s)
	}
	if v.Counts != (Counts{CarriesOver: 2}) || len(v.Competencies[0].Added) != 0 || len(v.Competencies[0].Carried) != 1 {
		t.Errorf("view = %+v", v)
	}
}

func TestProgressAcrossTracks(t *testing.T) {
	src := example(t, "ladders/acme-engineering.yaml")
	v, err := Progress(src, "IC5", "M1")
	if err != nil {
		t.Fatal(err)
	}
	if !v.CrossTrack || !v.TransitionListed || v.Direction != DirectionSame || v.GradeSteps != 0 {
		t.Errorf("move = %+v", v)
	}
	if s := statuses(v); s != "craft=adds delivery=adds collaboration=adds leadership=adds people=new" {
		t.Errorf("statuses %s", s)
	}
	if v.Scope == nil || v.Scope.Steps != -1 {
		t.Errorf("scope = %+v (multi-team → team is a step narrower)", v.Scope)
	}
	back, err := Progress(src, "M1", "IC5")
	if err != nil {
		t.Fatal(err)
	}
	people := back.Competencies[4]
	if people.Status != StatusDropsOut || people.AppliesToTrack {
		t.Errorf("people from M1 to IC5 = %+v: it drops out, and the ladder says it applies to mgmt only", people)
	}
	if c := statusCell(people, back.To); c[0].style == bad {
		t.Errorf("a declared drop out is flagged as silent: %+v", c)
	}
}

func TestProgressStepDown(t *testing.T) {
	src := example(t, "ladders/acme-engineering.yaml")
	v, err := Progress(src, "IC5", "IC4")
	if err != nil {
		t.Fatal(err)
	}
	if v.Direction != DirectionDown || v.GradeSteps != -1 || v.Pay.Min.Ratio >= 0 {
		t.Errorf("step down = %+v", v)
	}
	var b strings.Builder
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "a step DOWN of 1 grade (IC5 is above IC4)") || !strings.Contains(b.String(), "Leadership") {
		t.Errorf("step down table:\n%s", b.String())
	}
}

func TestProgressOrderAndUndeclared(t *testing.T) {
	text := strings.Replace(small, "expectations: {craft: Builds features., delivery: Ships what was planned.}",
		"expectations: {zeal: Keen., craft: Builds features., delivery: Ships what was planned., art: Draws.}", 1)
	v, err := Progress(parse(t, "order.yaml", text), "E1", "M2")
	if err != nil {
		t.Fatal(err)
	}
	// The ladder's order (craft, delivery, people), then the undeclared by id.
	if s := statuses(v); s != "craft=adds delivery=drops_out people=new art=drops_out zeal=drops_out" {
		t.Errorf("statuses %s", s)
	}
	if v.Competencies[3].Declared {
		t.Errorf("art is not declared: %+v", v.Competencies[3])
	}
}

func TestProgressUnknownLevel(t *testing.T) {
	src := example(t, "ladders/acme-engineering.yaml")
	_, err := Progress(src, "ic4", "IC5")
	if err == nil || !strings.Contains(err.Error(), `has no level "ic4"; did you mean "IC4"?`) {
		t.Errorf("error = %v", err)
	}
	_, err = Progress(src, "IC4", "Z9")
	if err == nil || !strings.Contains(err.Error(), `no level "Z9"`) || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("error = %v", err)
	}
}

func TestParseLevels(t *testing.T) {
	for in, want := range map[string]string{"IC4..IC5": "IC4 IC5", " IC5 .. M1 ": "IC5 M1"} {
		a, b, err := ParseLevels(in)
		if err != nil || a+" "+b != want {
			t.Errorf("ParseLevels(%q) = %q %q %v", in, a, b, err)
		}
	}
	for _, in := range []string{"IC4", "IC4..", "..IC5", "IC4..IC5..IC6", "IC4..IC4", ""} {
		if _, _, err := ParseLevels(in); err == nil {
			t.Errorf("ParseLevels(%q) accepted", in)
		}
	}
}
