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
