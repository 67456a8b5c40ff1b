package ladderdiff

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// acme is a small ladder; tests edit it with edit.
const acme = `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: acme, title: Acme Engineering}
spec:
  currency: USD
  competencies:
    - {id: craft, name: Craft}
    - {id: people, name: People}
  tracks:
    - id: ic
      type: ic
      levels:
        - {id: IC4, title: Senior Engineer, grade: 4, scope: team, pay: {min: 150000, max: 200000}, summary: Leads within a team.}
        - id: IC5
          title: Staff Engineer
          grade: 5
          scope: multi-team
          pay: {min: 180000, max: 240000}
          summary: Leads across teams.
          expectations: {craft: Designs systems., people: Mentors engineers.}
    - id: mgmt
      type: management
      levels:
        - {id: M1, title: Engineering Manager, grade: 5, scope: team, pay: {min: 180000, max: 240000}, summary: Leads a team.}
  transitions:
    - {from: IC5, to: M1}
`

// edit replaces texts in a ladder and fails when one is not there.
func edit(t *testing.T, s string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("edit: %q is not in the ladder", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func parse(t *testing.T, file, src string) Ladder {
	t.Helper()
	ls, problems := ladder.Parse(file, []byte(src))
	if len(problems) > 0 || len(ls) != 1 {
		t.Fatalf("%s does not parse: %v", file, problems)
	}
	doc, err := ls[0].Document()
	if err != nil {
		t.Fatal(err)
	}
	return Ladder{Name: ls[0].Name, File: file, Doc: doc}
}

// diff compares acme with an edited acme.
func diff(t *testing.T, head string) *Diff {
	t.Helper()
	return Compare([]Ladder{parse(t, "base.yaml", acme)}, []Ladder{parse(t, "head.yaml", head)})
}

// levelLines writes level changes as "level kind before→after", values as JSON.
func levelLines(t *testing.T, d *Diff) []string {
	t.Helper()
	var out []string
	for _, c := range d.Levels {
		b, _ := json.Marshal(c.Before)
		a, _ := json.Marshal(c.After)
		out = append(out, c.Level+" "+c.Change+" "+string(b)+"→"+string(a))
	}
	return out
}

func TestNoChange(t *testing.T) {
	d := diff(t, acme)
	if len(d.Ladders.Added)+len(d.Ladders.Removed)+len(d.Ladders.Changed)+len(d.Levels)+len(d.Pay)+len(d.Transitions) != 0 {
		t.Errorf("a ladder against itself: %+v", d)
	}
}

func TestLevelChanges(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []string
		want  []string
	}{
		{"retitled", []string{"title: Staff Engineer", "title: Staff Engineer II"},
			[]string{`IC5 retitled "Staff Engineer"→"Staff Engineer II"`}},
		{"regraded", []string{"grade: 4, scope: team", "grade: 3, scope: team"},
			[]string{`IC4 regraded 4→3`}},
		{"rescoped", []string{"scope: multi-team", "scope: org"},
			[]string{`IC5 rescoped "multi-team"→"org"`}},
		{"scope dropped is rescoped to null", []string{"grade: 4, scope: team,", "grade: 4,"},
			[]string{`IC4 rescoped "team"→null`}},
		{"summary", []string{"summary: Leads across teams.", "summary: Sets technical direction across teams."},
			[]string{`IC5 summary "Leads across teams."→"Sets technical direction across teams."`}},
		{"summary added", []string{"{id: M1, title: Engineering Manager, grade: 5, scope: team, pay: {min: 180000, max: 240000}, summary: Leads a team.}",
			"{id: M1, title: Engineering Manager, grade: 5, scope: team, pay: {min: 180000, max: 240000}}"},
			[]string{`M1 summary "Leads a team."→null`}},
		{"moved to another track", []string{
			"        - {id: M1,", "        - {id: IC4,",
			"        - {id: IC4, title: Senior Engineer, grade: 4, scope: team, pay: {min: 150000, max: 200000}, summary: Leads within a team.}\n", "",
			"title: Engineering Manager, grade: 5, scope: team, pay: {min: 180000, max: 240000}, summary: Leads a team.}",
			"title: Senior Engineer, grade: 4, scope: team, pay: {min: 150000, max: 200000}, summary: Leads within a team.}\n        - {id: M1, title: Engineering Manager, grade: 5, scope: team, pay: {min: 180000, max: 240000}, summary: Leads a team.}"},
			[]string{`IC4 moved "ic"→"mgmt"`}},
		{"added and removed", []string{"{id: M1, title: Engineering Manager, grade: 5, scope: team, pay: {min: 180000, max: 240000}, summary: Leads a team.}",
			"{id: M2, title: Director, grade: 6}"},
			[]string{
				`M1 removed {"title":"Engineering Manager","grade":5,"track":"mgmt","type":"management","scope":"team","pay":{"min":180000,"max":240000},"currency":"USD"}→null`,
				`M2 added null→{"title":"Director","grade":6,"track":"mgmt","type":"management"}`,
			}},
		{"several on one level, in reading order", []string{"title: Staff Engineer", "title: Staff Engineer II", "grade: 5\n", "grade: 6\n", "scope: multi-team", "scope: org"},
			[]string{`IC5 regraded 5→6`, `IC5 retitled "Staff Engineer"→"Staff Engineer II"`, `IC5 rescoped "multi-team"→"org"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := diff(t, edit(t, acme, tc.edits...))
			if got := levelLines(t, d); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("level changes:\n got %q\nwant %q", got, tc.want)
			}
			for _, c := range d.Levels {
				if c.Ladder != "acme" || c.File != "head.yaml" {
					t.Errorf("%+v: want ladder acme in head.yaml", c)
				}
			}
		})
	}
}

func TestExpectations(t *testing.T) {
	head := edit(t, acme,
		"expectations: {craft: Designs systems., people: Mentors engineers.}",
		"expectations: {craft: [Designs systems., Reviews designs.], delivery: Ships on time.}")
	d := diff(t, head)
	want := []string{`IC5 expectations {"craft":["Designs systems."],"people":["Mentors engineers."]}→{"craft":["Designs systems.","Reviews designs."],"delivery":["Ships on time."]}`}
	if got := levelLines(t, d); !reflect.DeepEqual(got, want) {
		t.Fatalf("level changes:\n got %q\nwant %q", got, want)
	}
	e := d.Levels[0].Competencies
	if e == nil || !reflect.DeepEqual(*e, ExpectationEdits{Added: []string{"delivery"}, Removed: []string{"people"}, Edited: []string{"craft"}}) {
		t.Errorf("competencies = %+v", e)
	}
	if got := e.String(); got != "delivery added, people removed, craft edited" {
		t.Errorf("words = %q", got)
	}
	// An expectation a level gains: nothing before.
	d = diff(t, edit(t, acme, "summary: Leads a team.}", "summary: Leads a team., expectations: {people: Grows the team.}}"))
	want = []string{`M1 expectations null→{"people":["Grows the team."]}`}
	if got := levelLines(t, d); !reflect.DeepEqual(got, want) {
		t.Errorf("level changes:\n got %q\nwant %q", got, want)
	}
	// The same texts written as one text or a list of one are no change.
	if d := diff(t, edit(t, acme, "craft: Designs systems.,", "craft: [Designs systems.],")); len(d.Levels) != 0 {
		t.Errorf("a list of one is a change: %q", levelLines(t, d))
	}
}

func f64(x float64) *float64 { return &x }

func TestPay(t *testing.T) {
	head := edit(t, acme,
		"pay: {min: 180000, max: 240000}\n", "pay: {min: 198000, max: 240000}\n", // IC5 min +10%
		"grade: 4, scope: team, pay: {min: 150000, max: 200000},", "grade: 4, scope: team,", // IC4 band dropped
		"grade: 5, scope: team, pay: {min: 180000, max: 240000},", "grade: 5, scope: team, pay: {min: 200000, max: 333333},",
	)
	d := diff(t, head)
	want := []PayChange{
		{Ladder: "acme", Level: "IC4", Currency: "USD", File: "head.yaml", Grade: 4, Side: "ic",
			Min: BoundChange{Before: f64(150000)}, Max: BoundChange{Before: f64(200000)}},
		{Ladder: "acme", Level: "IC5", Currency: "USD", File: "head.yaml", Grade: 5, Side: "ic",
			Min: BoundChange{Before: f64(180000), After: f64(198000), Change: f64(0.1)}, Max: BoundChange{Before: f64(240000), After: f64(240000), Change: f64(0)}},
		{Ladder: "acme", Level: "M1", Currency: "USD", File: "head.yaml", Grade: 5, Side: "management",
			Min: BoundChange{Before: f64(180000), After: f64(200000), Change: f64(0.1111)}, Max: BoundChange{Before: f64(240000), After: f64(333333), Change: f64(0.3889)}},
	}
	if !reflect.DeepEqual(d.Pay, want) {
		got, _ := json.MarshalIndent(d.Pay, "", " ")
		t.Errorf("pay changes:\n%s", got)
	}
	if len(d.Levels) != 0 {
		t.Errorf("a pay change is not a level change: %q", levelLines(t, d))
	}
}

func TestLadderFields(t *testing.T) {
	head := edit(t, acme,
		"title: Acme Engineering", "title: Acme Product & Engineering",
		"currency: USD", "currency: EUR",
		"    - {id: people, name: People}\n", "    - {id: delivery, name: Delivery}\n",
	)
	d := diff(t, head)
	want := []LadderFieldChange{
		{Ladder: "acme", Field: FieldTitle, Before: "Acme Engineering", After: "Acme Product & Engineering"},
		{Ladder: "acme", Field: FieldCurrency, Before: "USD", After: "EUR"},
		{Ladder: "acme", Field: FieldCompetencies, Before: "craft, people", After: "craft, delivery"},
	}
	if !reflect.DeepEqual(d.Ladders.Changed, want) {
		t.Errorf("ladder changes = %+v", d.Ladders.Changed)
	}
	// Every band now means other money: listed, with no percentage across currencies.
	if len(d.Pay) != 3 || d.Pay[0].CurrencyBefore != "USD" || d.Pay[0].Currency != "EUR" || d.Pay[0].Min.Change != nil {
		t.Errorf("pay = %+v", d.Pay)
	}
	// The order competencies are listed in is no change.
	reordered := edit(t, acme, "    - {id: craft, name: Craft}\n    - {id: people, name: People}\n", "    - {id: people, name: People}\n    - {id: craft, name: Craft}\n")
	if d := diff(t, reordered); len(d.Ladders.Changed) != 0 {
		t.Errorf("reordered competencies: %+v", d.Ladders.Changed)
	}
}

func TestTransitions(t *testing.T) {
	head := edit(t, acme, "    - {from: IC5, to: M1}\n", "    - {from: M1, to: IC5}\n    - {from: IC4, to: M1}\n    - {from: M1, to: IC5}\n")
	d := diff(t, head)
	want := []TransitionChange{
		{Ladder: "acme", From: "IC4", To: "M1", Change: Added},
		{Ladder: "acme", From: "IC5", To: "M1", Change: Removed},
		{Ladder: "acme", From: "M1", To: "IC5", Change: Added},
	}
	if !reflect.DeepEqual(d.Transitions, want) {
		t.Errorf("transitions = %+v", d.Transitions)
	}
}

func TestLaddersAddedAndRemoved(t *testing.T) {
	globex := edit(t, acme, "name: acme, title: Acme Engineering", "name: globex, title: Globex")
	d := Compare([]Ladder{parse(t, "ladders/acme.yaml", acme)}, []Ladder{parse(t, "ladders/globex.yaml", globex)})
	if !reflect.DeepEqual(d.Ladders.Added, []LadderRef{{Name: "globex", Title: "Globex", File: "ladders/globex.yaml", Levels: 3}}) {
		t.Errorf("added = %+v", d.Ladders.Added)
	}
	if !reflect.DeepEqual(d.Ladders.Removed, []LadderRef{{Name: "acme", Title: "Acme Engineering", File: "ladders/acme.yaml", Levels: 3}}) {
		t.Errorf("removed = %+v", d.Ladders.Removed)
	}
	// The levels of a ladder added or removed are not listed one by one.
	if len(d.Levels)+len(d.Pay)+len(d.Transitions) != 0 {
		t.Errorf("levels %+v, pay %+v, transitions %+v", d.Levels, d.Pay, d.Transitions)
	}
	// A ladder that moved to another file is the same ladder: matched by name.
	d = Compare([]Ladder{parse(t, "ladders/acme.yaml", acme)}, []Ladder{parse(t, "ladders/eng/acme.yaml", acme)})
	if len(d.Ladders.Added)+len(d.Ladders.Removed) != 0 {
		t.Errorf("a ladder in another file: %+v", d.Ladders)
	}
}

func TestSortedByLadderGradeLevelKind(t *testing.T) {
	var before, after []Ladder
	for _, name := range []string{"zeta", "alpha", "mid"} {
		src := edit(t, acme, "name: acme", "name: "+name)
		before = append(before, parse(t, name+".yaml", src))
		after = append(after, parse(t, name+".yaml", edit(t, src,
			"title: Engineering Manager", "title: People Manager",
			"title: Senior Engineer", "title: Senior Engineer II",
			"grade: 4, scope: team", "grade: 6, scope: team",
			"title: Staff Engineer", "title: Staff Engineer II")))
	}
	d := Compare(before, after)
	var got []string
	for _, c := range d.Levels {
		got = append(got, c.Ladder+" "+strconv.Itoa(c.Grade)+" "+c.Level+" "+c.Change)
	}
	var want []string
	for _, name := range []string{"alpha", "mid", "zeta"} {
		want = append(want, name+" 5 IC5 retitled", name+" 5 M1 retitled", name+" 6 IC4 regraded", name+" 6 IC4 retitled")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order:\n got %q\nwant %q", got, want)
	}
}

// The diff knows ladders only: it is shared by commands and must not pull theirs in.
func TestImportsOnlyTheLadderModel(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{
		"github.com/ladderctl/ladderctl/internal/ladder":  true,
		"github.com/ladderctl/ladderctl/internal/finding": true,
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range file.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(p, ".") && !allowed[p] {
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
}

// shaped is a ladder with a trunk, a branch, zones and proficiencies; tests edit it.
const shaped = `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: shaped}
spec:
  currency: USD
  zones:
    - {id: us, name: United States}
    - {id: uk, name: United Kingdom, currency: GBP}
  proficiencies: [working, practitioner, expert]
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
          expectations:
            delivery: {proficiency: practitioner, text: Delivers across teams.}
            craft: {proficiency: working, text: Designs systems.}
`

func TestBranchZoneAndProficiencyChanges(t *testing.T) {
	base := parse(t, "base.yaml", shaped)
	head := parse(t, "head.yaml", edit(t, shaped,
		"from: SE3", "from: SE2",
		"    - {id: uk, name: United Kingdom, currency: GBP}\n", "    - {id: uk, name: United Kingdom, currency: GBP}\n    - {id: de, name: Germany, currency: EUR}\n",
		"{id: us, name: United States}", "{id: us, name: United States, currency: CAD}",
		"proficiencies: [working, practitioner, expert]", "proficiencies: [awareness, working, practitioner, expert]",
		"uk: {min: 120000, max: 160000}", "uk: {min: 132000, max: 160000}, de: {min: 110000, max: 150000}",
		"proficiency: practitioner, text: Delivers", "proficiency: expert, text: Delivers",
	))
	d := Compare([]Ladder{base}, []Ladder{head})

	if want := []BranchChange{{Ladder: "shaped", Track: "ic", Change: Changed, Before: "SE3", After: "SE2", File: "head.yaml"}}; !reflect.DeepEqual(d.Branches, want) {
		t.Errorf("branches = %+v, want %+v", d.Branches, want)
	}
	if got := d.Branches[0].String(); got != "track ic now branches from SE2 (was SE3)" {
		t.Errorf("branch words = %q", got)
	}
	var fields []string
	for _, c := range d.Ladders.Changed {
		fields = append(fields, c.String())
	}
	want := []string{
		"the proficiencies changed from working < practitioner < expert to awareness < working < practitioner < expert",
		"zone de added (Germany, EUR)",
		"zone us changed from United States, USD to United States, CAD",
	}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("ladder changes:\n got %q\nwant %q", fields, want)
	}
	// Only the proficiency changed: no expectations change, one proficiency change naming the competency.
	if got := levelLines(t, d); !reflect.DeepEqual(got, []string{`STAFF proficiency "practitioner"→"expert"`}) {
		t.Errorf("level changes = %q", got)
	}
	if c := d.Levels[0]; c.Competency != "delivery" || c.What() != "proficiency of delivery" {
		t.Errorf("proficiency change = %+v, what %q", c, c.What())
	}
	var pay []string
	for _, p := range d.Pay {
		pay = append(pay, p.Level+p.InZone()+" "+p.Currency)
	}
	if want := []string{"STAFF in zone de EUR", "STAFF in zone uk GBP", "STAFF in zone us CAD"}; !reflect.DeepEqual(pay, want) {
		t.Errorf("pay changes = %q, want %q", pay, want)
	}

	// A branch point added and removed.
	noFrom := parse(t, "head.yaml", edit(t, shaped, "      from: SE3\n", ""))
	if d := Compare([]Ladder{noFrom}, []Ladder{base}); len(d.Branches) != 1 || d.Branches[0].String() != "track ic now branches from SE3" {
		t.Errorf("branch added = %+v", d.Branches)
	}
	if d := Compare([]Ladder{base}, []Ladder{noFrom}); len(d.Branches) != 1 || d.Branches[0].String() != "track ic no longer branches from SE3" {
		t.Errorf("branch removed = %+v", d.Branches)
	}
	// A zone removed.
	noUK := parse(t, "head.yaml", edit(t, shaped, "    - {id: uk, name: United Kingdom, currency: GBP}\n", "", ", uk: {min: 120000, max: 160000}", ""))
	d = Compare([]Ladder{base}, []Ladder{noUK})
	if len(d.Ladders.Changed) != 1 || d.Ladders.Changed[0].String() != "zone uk removed (was United Kingdom, GBP)" {
		t.Errorf("zone removed = %+v", d.Ladders.Changed)
	}
}
