package change

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/ladderdiff"
)

// baseLadder is a small healthy ladder; tests edit it with replace.
const baseLadder = `apiVersion: ladderctl/v1
kind: Ladder
metadata:
  name: acme
  title: Acme Engineering
spec:
  currency: USD
  tracks:
    - id: ic
      name: Individual Contributor
      type: ic
      levels:
        - {id: IC4, title: Senior Engineer, grade: 4, scope: team, pay: {min: 150000, max: 200000}, summary: x}
        - {id: IC5, title: Staff Engineer, grade: 5, scope: multi-team, pay: {min: 180000, max: 240000}, summary: x}
        - {id: IC6, title: Principal Engineer, grade: 6, scope: org, pay: {min: 220000, max: 300000}, summary: x}
    - id: mgmt
      name: Management
      type: management
      levels:
        - {id: M1, title: Engineering Manager, grade: 5, scope: team, pay: {min: 180000, max: 240000}, summary: x}
        - {id: M2, title: Director of Engineering, grade: 6, scope: org, pay: {min: 220000, max: 300000}, summary: x}
  transitions:
    - {from: IC5, to: M1}
    - {from: M1, to: IC5}
`

// replace edits a YAML text and fails when the text to replace is not there.
func replace(t *testing.T, s string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("replace: %q is not in the text", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// parseLadders parses YAML texts by file name, as a side holds them.
func parseLadders(t *testing.T, files map[string]string) []*ladder.Ladder {
	t.Helper()
	var out []*ladder.Ladder
	for _, name := range sortedKeys(files) {
		ls, problems := ladder.Parse(name, []byte(files[name]))
		if len(problems) > 0 {
			t.Fatalf("%s does not parse: %v", name, problems)
		}
		out = append(out, ls...)
	}
	return out
}

func parseConfig(t *testing.T, src string) *config.Config {
	t.Helper()
	c, err := config.Parse(".ladderctl.yaml", []byte(src))
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	return c
}

// builtinRules is a catalogue of built-in rules as a side holds it.
var builtinRules = []finding.Rule{
	{ID: "bands/overlap", Severity: finding.Warning, Source: finding.BuiltinSource},
	{ID: "naming/ic-titles", Severity: finding.Warning, Source: finding.BuiltinSource},
	{ID: "parity/pay", Severity: finding.Error, Source: finding.BuiltinSource},
	{ID: "parity/top-grade", Severity: finding.Error, Source: finding.BuiltinSource},
}

func side(t *testing.T, ladders map[string]string, findings ...finding.Finding) *Side {
	t.Helper()
	return &Side{Config: &config.Config{Dir: "."}, Ladders: parseLadders(t, ladders), Findings: findings, Rules: builtinRules}
}

func compare(base, head *Side) *Report { return Compare(base, head, Options{}) }

func TestLevelChanges(t *testing.T) {
	head := replace(t, baseLadder,
		"title: Staff Engineer,", "title: Staff Engineer II,",
		"{id: IC4, title: Senior Engineer, grade: 4, scope: team,", "{id: IC4, title: Senior Engineer, grade: 3, scope: feature,",
		"        - {id: M2, title: Director of Engineering, grade: 6, scope: org, pay: {min: 220000, max: 300000}, summary: x}\n", "",
		"      levels:\n        - {id: IC4", "      levels:\n        - {id: IC3, title: Engineer III, grade: 2, summary: x}\n        - {id: IC4",
		"    - id: mgmt\n      name: Management\n      type: management\n      levels:\n", "    - id: mgmt\n      name: Management\n      type: management\n      levels:\n        - {id: IC6, title: Principal Engineer, grade: 6, scope: org, pay: {min: 220000, max: 300000}, summary: x}\n",
		"        - {id: IC6, title: Principal Engineer, grade: 6, scope: org, pay: {min: 220000, max: 300000}, summary: x}\n    - id: mgmt", "    - id: mgmt",
	)
	r := compare(side(t, map[string]string{"ladders/acme.yaml": baseLadder}), side(t, map[string]string{"ladders/acme.yaml": head}))
	type row struct {
		level, change string
		before, after any
	}
	var got []row
	for _, c := range r.Levels {
		if c.Ladder != "acme" || c.File != "ladders/acme.yaml" {
			t.Errorf("change %+v: wrong ladder or file", c)
		}
		got = append(got, row{c.Level, c.Change, c.Before, c.After})
	}
	want := []row{
		{"IC3", ladderdiff.Added, nil, ladderdiff.LevelSummary{Title: "Engineer III", Grade: 2, Track: "ic", Type: "ic"}},
		{"IC4", ladderdiff.Regraded, 4, 3},
		{"IC4", ladderdiff.Rescoped, "team", "feature"},
		{"IC5", ladderdiff.Retitled, "Staff Engineer", "Staff Engineer II"},
		{"IC6", ladderdiff.Moved, "ic", "mgmt"},
		{"M2", ladderdiff.Removed, ladderdiff.LevelSummary{Title: "Director of Engineering", Grade: 6, Track: "mgmt", Type: "management", Scope: "org", Pay: &ladder.Pay{Min: 220000, Max: 300000}, Currency: "USD"}, nil},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("level changes:\n got %+v\nwant %+v", got, want)
	}
	if r.Summary.LevelChanges != 6 || len(r.Pay) != 0 || len(r.Ladders.Added)+len(r.Ladders.Removed) != 0 {
		t.Errorf("summary %+v, pay %+v", r.Summary, r.Pay)
	}
}

func TestScopeAddedIsRescopedFromNull(t *testing.T) {
	head := replace(t, baseLadder, "{id: IC6, title: Principal Engineer, grade: 6, scope: org,", "{id: IC6, title: Principal Engineer, grade: 6,")
	r := compare(side(t, map[string]string{"a.yaml": baseLadder}), side(t, map[string]string{"a.yaml": head}))
	if len(r.Levels) != 1 || r.Levels[0].Change != ladderdiff.Rescoped || r.Levels[0].Before != "org" || r.Levels[0].After != nil {
		t.Fatalf("levels = %+v", r.Levels)
	}
	b, _ := json.Marshal(r.Levels[0])
	if !strings.Contains(string(b), `"before":"org","after":null`) {
		t.Errorf("json = %s", b)
	}
}

func TestLaddersAddedAndRemoved(t *testing.T) {
	other := replace(t, baseLadder, "name: acme\n", "name: globex\n", "title: Acme Engineering", "title: Globex")
	r := compare(
		side(t, map[string]string{"ladders/acme.yaml": baseLadder}),
		side(t, map[string]string{"ladders/globex.yaml": other}),
	)
	if len(r.Ladders.Added) != 1 || r.Ladders.Added[0] != (ladderdiff.LadderRef{Name: "globex", Title: "Globex", File: "ladders/globex.yaml", Levels: 5}) {
		t.Errorf("added = %+v", r.Ladders.Added)
	}
	if len(r.Ladders.Removed) != 1 || r.Ladders.Removed[0].Name != "acme" || r.Ladders.Removed[0].File != "ladders/acme.yaml" {
		t.Errorf("removed = %+v", r.Ladders.Removed)
	}
	// The levels of a ladder added or removed are not listed one by one.
	if len(r.Levels) != 0 || r.Summary.LaddersAdded != 1 || r.Summary.LaddersRemoved != 1 {
		t.Errorf("levels = %+v, summary %+v", r.Levels, r.Summary)
	}
	// A ladder that moved to another file is the same ladder: matched by name.
	r = compare(side(t, map[string]string{"ladders/acme.yaml": baseLadder}), side(t, map[string]string{"ladders/eng/acme.yaml": baseLadder}))
	if structureChanged(r) {
		t.Errorf("a moved file is a change: %+v", r.Ladders)
	}
}

func f64(x float64) *float64 { return &x }

func TestPayMaths(t *testing.T) {
	head := replace(t, baseLadder,
		"{id: IC5, title: Staff Engineer, grade: 5, scope: multi-team, pay: {min: 180000, max: 240000}", "{id: IC5, title: Staff Engineer, grade: 5, scope: multi-team, pay: {min: 198000, max: 240000}",
		"{id: IC6, title: Principal Engineer, grade: 6, scope: org, pay: {min: 220000, max: 300000}", "{id: IC6, title: Principal Engineer, grade: 6, scope: org, pay: {min: 200000, max: 333333}",
		"{id: IC4, title: Senior Engineer, grade: 4, scope: team, pay: {min: 150000, max: 200000}, summary: x}", "{id: IC4, title: Senior Engineer, grade: 4, scope: team, summary: x}",
		"{id: M1, title: Engineering Manager, grade: 5, scope: team, pay: {min: 180000, max: 240000}, summary: x}", "{id: M1, title: Engineering Manager, grade: 5, scope: team, pay: {min: 180000, max: 240000}, summary: x}",
	)
	base := replace(t, baseLadder, "{id: M2, title: Director of Engineering, grade: 6, scope: org, pay: {min: 220000, max: 300000}, summary: x}", "{id: M2, title: Director of Engineering, grade: 6, scope: org, summary: x}")
	head = replace(t, head, "{id: M2, title: Director of Engineering, grade: 6, scope: org, pay: {min: 220000, max: 300000}, summary: x}", "{id: M2, title: Director of Engineering, grade: 6, scope: org, pay: {min: 230000, max: 310000}, summary: x}")
	r := compare(side(t, map[string]string{"a.yaml": base}), side(t, map[string]string{"a.yaml": head}))
	want := []ladderdiff.PayChange{
		{Ladder: "acme", Level: "IC4", Currency: "USD", File: "a.yaml", Grade: 4, Side: "ic",
			Min: ladderdiff.BoundChange{Before: f64(150000)}, Max: ladderdiff.BoundChange{Before: f64(200000)}},
		{Ladder: "acme", Level: "IC5", Currency: "USD", File: "a.yaml", Grade: 5, Side: "ic",
			Min: ladderdiff.BoundChange{Before: f64(180000), After: f64(198000), Change: f64(0.1)}, Max: ladderdiff.BoundChange{Before: f64(240000), After: f64(240000), Change: f64(0)}},
		{Ladder: "acme", Level: "IC6", Currency: "USD", File: "a.yaml", Grade: 6, Side: "ic",
			Min: ladderdiff.BoundChange{Before: f64(220000), After: f64(200000), Change: f64(-0.0909)}, Max: ladderdiff.BoundChange{Before: f64(300000), After: f64(333333), Change: f64(0.1111)}},
		{Ladder: "acme", Level: "M2", Currency: "USD", File: "a.yaml", Grade: 6, Side: "management",
			Min: ladderdiff.BoundChange{After: f64(230000)}, Max: ladderdiff.BoundChange{After: f64(310000)}},
	}
	if !reflect.DeepEqual(r.Pay, want) {
		got, _ := json.MarshalIndent(r.Pay, "", " ")
		t.Errorf("pay changes:\n%s", got)
	}
	// For people: the amounts, the arrow and the percentage.
	for _, tc := range []struct{ got, want string }{
		{bound(r.Pay[1].Min, "USD", ""), "USD 180,000 → 198,000 (+10%)"},
		{bound(r.Pay[1].Max, "USD", ""), "USD 240,000, unchanged"},
		{bound(r.Pay[2].Min, "USD", ""), "USD 220,000 → 200,000 (-9.1%)"},
		{bound(r.Pay[0].Min, "USD", ""), "USD 150,000 → none"},
		{bound(r.Pay[3].Max, "USD", ""), "none → USD 310,000"},
	} {
		if tc.got != tc.want {
			t.Errorf("bound = %q, want %q", tc.got, tc.want)
		}
	}
}

func TestCurrencyChange(t *testing.T) {
	head := replace(t, baseLadder, "currency: USD", "currency: EUR")
	r := compare(side(t, map[string]string{"a.yaml": baseLadder}), side(t, map[string]string{"a.yaml": head}))
	if len(r.Ladders.Changed) != 1 || r.Ladders.Changed[0] != (ladderdiff.LadderFieldChange{Ladder: "acme", Field: "currency", Before: "USD", After: "EUR"}) {
		t.Errorf("ladder changes = %+v", r.Ladders.Changed)
	}
	// Every band now means other money: listed, with no percentage across currencies.
	if len(r.Pay) != 5 {
		t.Fatalf("pay = %+v", r.Pay)
	}
	p := r.Pay[0]
	if p.CurrencyBefore != "USD" || p.Currency != "EUR" || p.Min.Change != nil {
		t.Errorf("pay = %+v", p)
	}
	if got := bound(p.Min, p.Currency, p.CurrencyBefore); got != "USD 150,000 → EUR 150,000" {
		t.Errorf("bound = %q", got)
	}
}

func TestTransitions(t *testing.T) {
	head := replace(t, baseLadder, "    - {from: M1, to: IC5}\n", "    - {from: IC6, to: M2}\n    - {from: M2, to: IC6}\n")
	r := compare(side(t, map[string]string{"a.yaml": baseLadder}), side(t, map[string]string{"a.yaml": head}))
	want := []ladderdiff.TransitionChange{
		{Ladder: "acme", From: "IC6", To: "M2", Change: ladderdiff.Added},
		{Ladder: "acme", From: "M1", To: "IC5", Change: ladderdiff.Removed},
		{Ladder: "acme", From: "M2", To: "IC6", Change: ladderdiff.Added},
	}
	if !reflect.DeepEqual(r.Transitions, want) {
		t.Errorf("transitions = %+v", r.Transitions)
	}
	if r.Summary.TransitionsAdded != 2 || r.Summary.TransitionsRemoved != 1 {
		t.Errorf("summary = %+v", r.Summary)
	}
}

func newFinding(rule string, sev finding.Severity, level string, line int, msg string) finding.Finding {
	return finding.Finding{Rule: rule, Severity: sev, Message: msg, Ladder: "acme", Level: level, File: "ladders/acme.yaml", Line: line, Column: 5}
}

func TestFindingMatching(t *testing.T) {
	for _, tc := range []struct {
		name                      string
		base, head                []finding.Finding
		introduced, fixed, left   int
		wantWas                   map[string]string // message -> was, over introduced and left
		introducedMsgs, fixedMsgs []string
	}{
		{
			name: "unchanged",
			base: []finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 10, "a")},
			head: []finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 10, "a")},
			left: 1,
		},
		{
			name: "line moved is left",
			base: []finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 10, "a")},
			head: []finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 42, "a")},
			left: 1,
		},
		{
			name: "message changed (a gap that grew) is left",
			base: []finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 10, "by 12%")},
			head: []finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 10, "by 15%")},
			left: 1,
		},
		{
			name: "two before, three after: one introduced",
			base: []finding.Finding{
				newFinding("bands/overlap", finding.Warning, "IC5", 10, "x"),
				newFinding("bands/overlap", finding.Warning, "IC5", 12, "x"),
			},
			head: []finding.Finding{
				newFinding("bands/overlap", finding.Warning, "IC5", 10, "x"),
				newFinding("bands/overlap", finding.Warning, "IC5", 12, "x"),
				newFinding("bands/overlap", finding.Warning, "IC5", 14, "x"),
			},
			introduced: 1, left: 2,
		},
		{
			name: "three before, two after: one fixed",
			base: []finding.Finding{
				newFinding("bands/overlap", finding.Warning, "IC5", 10, "x"),
				newFinding("bands/overlap", finding.Warning, "IC5", 12, "x"),
				newFinding("bands/overlap", finding.Warning, "IC5", 14, "y"),
			},
			head: []finding.Finding{
				newFinding("bands/overlap", finding.Warning, "IC5", 10, "x"),
				newFinding("bands/overlap", finding.Warning, "IC5", 12, "x"),
			},
			fixed: 1, left: 2, fixedMsgs: []string{"y"},
		},
		{
			name:       "severity rose: introduced",
			base:       []finding.Finding{newFinding("parity/scope", finding.Warning, "IC5", 10, "a")},
			head:       []finding.Finding{newFinding("parity/scope", finding.Error, "IC5", 10, "a")},
			introduced: 1, wantWas: map[string]string{"a": "warning"},
		},
		{
			name:    "severity fell: left",
			base:    []finding.Finding{newFinding("parity/scope", finding.Error, "IC5", 10, "a")},
			head:    []finding.Finding{newFinding("parity/scope", finding.Warning, "IC5", 10, "a")},
			left:    1,
			wantWas: map[string]string{"a": "error"},
		},
		{
			name:       "another level is another finding",
			base:       []finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 10, "a")},
			head:       []finding.Finding{newFinding("parity/pay", finding.Error, "IC6", 10, "a")},
			introduced: 1, fixed: 1,
		},
		{
			name:       "another rule is another finding",
			base:       []finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 10, "a")},
			head:       []finding.Finding{newFinding("parity/scope", finding.Error, "IC5", 10, "a")},
			introduced: 1, fixed: 1,
		},
		{
			name: "one warning kept and one error added: the error is introduced, not a rise",
			base: []finding.Finding{newFinding("main/deny", finding.Warning, "IC5", 10, "w")},
			head: []finding.Finding{
				newFinding("main/deny", finding.Error, "IC5", 10, "e"),
				newFinding("main/deny", finding.Warning, "IC5", 11, "w"),
			},
			introduced: 1, left: 1, introducedMsgs: []string{"e"},
		},
		{
			name: "of two pairs of one level, the one with the same message stays",
			base: []finding.Finding{
				newFinding("parity/pay", finding.Error, "IC5", 10, "with M1"),
				newFinding("parity/pay", finding.Error, "IC5", 10, "with M2"),
			},
			head:  []finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 10, "with M2")},
			fixed: 1, left: 1, fixedMsgs: []string{"with M1"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := compareFindings(tc.base, tc.head)
			if len(got.Introduced) != tc.introduced || len(got.Fixed) != tc.fixed || len(got.Left) != tc.left {
				t.Fatalf("introduced %d, fixed %d, left %d; want %d, %d, %d\n%+v", len(got.Introduced), len(got.Fixed), len(got.Left), tc.introduced, tc.fixed, tc.left, got)
			}
			was := map[string]string{}
			for _, f := range append(append([]FindingChange{}, got.Introduced...), got.Left...) {
				if f.Was != "" {
					was[f.Message] = f.Was
				}
			}
			if len(was) != len(tc.wantWas) || (len(was) > 0 && !reflect.DeepEqual(was, tc.wantWas)) {
				t.Errorf("was = %v, want %v", was, tc.wantWas)
			}
			for i, m := range tc.introducedMsgs {
				if got.Introduced[i].Message != m {
					t.Errorf("introduced[%d] = %q, want %q", i, got.Introduced[i].Message, m)
				}
			}
			for i, m := range tc.fixedMsgs {
				if got.Fixed[i].Message != m {
					t.Errorf("fixed[%d] = %q, want %q", i, got.Fixed[i].Message, m)
				}
			}
		})
	}
}

func TestLeftShowsTheHeadAndFixedTheBase(t *testing.T) {
	got := compareFindings(
		[]finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 10, "a"), newFinding("naming/ic-titles", finding.Warning, "IC6", 20, "b")},
		[]finding.Finding{newFinding("parity/pay", finding.Error, "IC5", 30, "a")},
	)
	if got.Left[0].Line != 30 || got.Fixed[0].Line != 20 {
		t.Errorf("left %+v, fixed %+v", got.Left, got.Fixed)
	}
	if want := []LadderCount{{Ladder: "acme", Fixed: 1, Left: 1}}; !reflect.DeepEqual(got.ByLadder, want) {
		t.Errorf("by ladder = %+v", got.ByLadder)
	}
}

func TestFindingsOfNoLadderMatchByFile(t *testing.T) {
	load := func(file string) finding.Finding {
		return finding.Finding{Rule: finding.RuleLoad, Severity: finding.Error, File: file, Line: 3, Message: "invalid YAML"}
	}
	got := compareFindings([]finding.Finding{load("ladders/a.yaml")}, []finding.Finding{load("ladders/b.yaml")})
	if len(got.Introduced) != 1 || len(got.Fixed) != 1 {
		t.Errorf("%+v", got)
	}
}

func TestFailing(t *testing.T) {
	base := side(t, map[string]string{"a.yaml": baseLadder})
	head := side(t, map[string]string{"a.yaml": baseLadder},
		newFinding("parity/pay", finding.Error, "IC5", 10, "a"), newFinding("parity/scope", finding.Warning, "IC5", 11, "b"))
	for _, tc := range []struct {
		failOn  string
		failing int
	}{{"", 1}, {"error", 1}, {"warning", 2}, {"info", 2}, {"never", 0}} {
		r := Compare(base, head, Options{FailOn: tc.failOn})
		if r.Summary.Failing != tc.failing || r.Fails() != (tc.failing > 0) {
			t.Errorf("fail-on %q: failing %d, want %d", tc.failOn, r.Summary.Failing, tc.failing)
		}
	}
	// A ratchet: what was there before fails nothing.
	r := Compare(head, head, Options{FailOn: "info"})
	if r.Fails() || r.Summary.Left != 2 {
		t.Errorf("existing findings fail the change: %+v", r.Summary)
	}
}

func TestBaseSideErrorsAreReported(t *testing.T) {
	base := side(t, map[string]string{"ladders/ok.yaml": baseLadder},
		finding.Finding{Rule: finding.RuleLoad, Severity: finding.Error, File: "ladders/broken.yaml", Line: 5, Column: 1, Message: "invalid YAML: did not find expected ','"})
	base.Problems = []string{"policies/titles.rego:3:1: rego_parse_error: unexpected eof token"}
	base.Config = nil // and its config did not load
	broken := replace(t, baseLadder, "name: acme\n", "name: broken\n")
	head := side(t, map[string]string{"ladders/ok.yaml": baseLadder, "ladders/broken.yaml": broken})
	head.Config = parseConfig(t, "fail-on: never\n")
	r := compare(base, head)
	want := []string{
		"policies/titles.rego:3:1: rego_parse_error: unexpected eof token",
		"ladders/broken.yaml:5:1: invalid YAML: did not find expected ','",
	}
	if !reflect.DeepEqual(r.Errors.Base, want) {
		t.Errorf("base errors = %q", r.Errors.Base)
	}
	if r.Summary.BaseComplete || !r.Summary.HeadComplete || !r.Complete() {
		t.Errorf("summary = %+v", r.Summary)
	}
	// The base could not say what broken.yaml held: the ladder is not "added".
	if len(r.Ladders.Added) != 0 {
		t.Errorf("added = %+v", r.Ladders.Added)
	}
	// A config that did not load cannot be compared: no loosening is guessed.
	if len(r.Loosened) != 0 {
		t.Errorf("loosened = %+v", r.Loosened)
	}
	// The load error the change fixed is a fixed finding.
	if r.Summary.Fixed != 1 {
		t.Errorf("fixed = %+v", r.Findings.Fixed)
	}
}

func TestHeadSideErrorsMakeItIncomplete(t *testing.T) {
	head := side(t, map[string]string{"a.yaml": baseLadder})
	head.Problems = []string{"policies/p.rego:1:1: bad"}
	r := compare(side(t, map[string]string{"a.yaml": baseLadder}), head)
	if r.Complete() || r.Summary.HeadComplete {
		t.Errorf("complete with head errors: %+v", r.Errors)
	}
	if mark, text := headline(r); mark != "❌" || text != "ladderctl could not check this change in full" {
		t.Errorf("headline = %s %s", mark, text)
	}
}

func TestHeadlines(t *testing.T) {
	a := newFinding("parity/pay", finding.Error, "IC5", 10, "a")
	b := newFinding("parity/scope", finding.Warning, "IC6", 11, "b")
	c := newFinding("naming/ic-titles", finding.Warning, "IC4", 12, "c")
	s := func(fs ...finding.Finding) *Side { return side(t, map[string]string{"a.yaml": baseLadder}, fs...) }
	for _, tc := range []struct {
		base, head *Side
		mark, text string
	}{
		{s(), s(a, b), "❌", "This change introduces 2 findings"},
		{s(c), s(a), "❌", "This change introduces 1 finding and fixes 1"},
		{s(a), s(), "✅", "This change fixes 1 finding and introduces none"},
		{s(a, b), s(a), "✅", "This change fixes 1 finding and introduces none"},
		{s(a), s(a), "✅", "This change introduces no findings"},
		{s(), s(b), "⚠️", "This change introduces 1 finding, none at or above fail-on (error)"},
	} {
		mark, text := headline(compare(tc.base, tc.head))
		if mark != tc.mark || text != tc.text {
			t.Errorf("headline = %s %q, want %s %q", mark, text, tc.mark, tc.text)
		}
	}
}

func TestMoreWithCompareJSONIsNeverNull(t *testing.T) {
	r := compare(&Side{}, &Side{})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "null") {
		t.Errorf("null in %s", b)
	}
}

func TestLoosening(t *testing.T) {
	params := builtinParams(context.Background())
	userRule := finding.Rule{ID: "acme/titles", Severity: finding.Error, Source: "policies/titles.rego"}
	// A user's rule whose METADATA says which way its param loosens.
	titlesRule := func(def any) finding.Rule {
		return finding.Rule{ID: "acme/titles", Severity: finding.Error, Source: "policies/titles.rego",
			Params: []finding.Param{{Name: "max_titles", Default: def, Looser: finding.LooserHigher, Unit: "title",
				Loosened: "a ladder may now use up to {value}"}}}
	}
	for _, tc := range []struct {
		name       string
		base, head string // configs
		baseRules  []finding.Rule
		headRules  []finding.Rule
		basePols   []string
		headPols   []string
		want       []string // kind subject before after
	}{
		{name: "nothing", base: "", head: ""},
		{name: "waiver added", head: "exceptions:\n  - {rule: parity/top-grade, ladder: sales, level: S7, reason: Reviewed, expires: 2027-06-30}\n",
			want: []string{"waiver_added parity/top-grade <nil> 2027-06-30"}},
		{name: "waiver with no date added", head: "exceptions:\n  - {rule: parity/pay, reason: Reviewed}\n",
			want: []string{"waiver_added parity/pay <nil> <nil>"}},
		{name: "waiver extended",
			base: "exceptions:\n  - {rule: parity/pay, ladder: sales, reason: Reviewed, expires: 2027-06-30}\n",
			head: "exceptions:\n  - {rule: parity/pay, ladder: sales, reason: Reviewed again, expires: 2028-06-30}\n",
			want: []string{"waiver_extended parity/pay 2027-06-30 2028-06-30"}},
		{name: "waiver made permanent",
			base: "exceptions:\n  - {rule: parity/pay, reason: Reviewed, expires: 2027-06-30}\n",
			head: "exceptions:\n  - {rule: parity/pay, reason: Reviewed}\n",
			want: []string{"waiver_extended parity/pay 2027-06-30 <nil>"}},
		{name: "waiver shortened or reworded is no loosening",
			base: "exceptions:\n  - {rule: parity/pay, reason: Reviewed, expires: 2027-06-30}\n",
			head: "exceptions:\n  - {rule: parity/pay, reason: Reviewed in Q3, expires: 2027-01-31}\n"},
		{name: "waiver widened to every ladder is a new waiver",
			base: "exceptions:\n  - {rule: parity/pay, ladder: sales, reason: Reviewed}\n",
			head: "exceptions:\n  - {rule: parity/pay, reason: Reviewed}\n",
			want: []string{"waiver_added parity/pay <nil> <nil>"}},
		{name: "rule turned off", head: "rules:\n  parity/pay: off\n",
			want: []string{"rule_off parity/pay error off"}},
		{name: "rule lowered", head: "rules:\n  parity/pay: warning\n",
			want: []string{"rule_lowered parity/pay error warning"}},
		{name: "rule lowered from an override", base: "rules:\n  naming/ic-titles: error\n",
			want: []string{"rule_lowered naming/ic-titles error warning"}},
		{name: "rule raised is no loosening", head: "rules:\n  naming/ic-titles: error\n"},
		{name: "rule lowered in its METADATA",
			baseRules: []finding.Rule{userRule},
			headRules: []finding.Rule{{ID: "acme/titles", Severity: finding.Warning, Source: "policies/titles.rego"}},
			want:      []string{"rule_lowered acme/titles error warning"}},
		{name: "rule removed from a policy", baseRules: []finding.Rule{userRule},
			basePols: []string{"policies/titles.rego"}, headPols: []string{"policies/titles.rego"},
			want: []string{"rule_removed acme/titles error <nil>"}},
		{name: "policy file deleted", baseRules: []finding.Rule{userRule},
			basePols: []string{"policies/titles.rego"},
			want:     []string{"policy_deleted policies/titles.rego policies/titles.rego <nil>"}},
		{name: "fail-on relaxed", head: "fail-on: never\n", want: []string{"fail_on_relaxed fail-on error never"}},
		{name: "fail-on relaxed from warning", base: "fail-on: warning\n", head: "fail-on: error\n", want: []string{"fail_on_relaxed fail-on warning error"}},
		{name: "fail-on tightened is no loosening", head: "fail-on: warning\n"},
		{name: "builtin off", head: "builtin: false\n", headRules: []finding.Rule{},
			want: []string{"builtin_off builtin true false"}},
		{name: "namespace narrowed", head: "namespaces: [acme.*]\n", want: []string{"namespace_narrowed namespaces <nil> [acme.*]"}},
		{name: "namespace narrowed further", base: "namespaces: [acme.*, hr.*]\n", head: "namespaces: [acme.*]\n",
			want: []string{"namespace_narrowed namespaces [acme.* hr.*] [acme.*]"}},
		{name: "namespace widened is no loosening", base: "namespaces: [acme.*]\n", head: "namespaces: [acme.*, hr.*]\n"},
		{name: "tolerance widened", base: "params:\n  parity_pay_tolerance: 0.1\n", head: "params:\n  parity_pay_tolerance: 0.2\n",
			want: []string{"param_loosened parity_pay_tolerance 0.1 0.2"}},
		{name: "tolerance widened from its default", head: "params:\n  parity_pay_tolerance: 0.25\n",
			want: []string{"param_loosened parity_pay_tolerance 0.1 0.25"}},
		{name: "tolerance narrowed is no loosening", head: "params:\n  parity_pay_tolerance: 0.05\n"},
		{name: "default written out is no loosening", head: "params:\n  band_overlap_max: 0.6\n"},
		{name: "each larger-is-looser param",
			head: "params:\n  parity_scope_slack: 2\n  band_spread_max: 1.5\n  band_overlap_max: 0.8\n",
			want: []string{"param_loosened band_overlap_max 0.6 0.8", "param_loosened band_spread_max 1 1.5", "param_loosened parity_scope_slack 1 2"}},
		{name: "smaller-is-looser params",
			head: "params:\n  min_ic_levels_from_branch: 1\n  band_spread_min: 0.05\n",
			want: []string{"param_loosened band_spread_min 0.15 0.05", "param_loosened min_ic_levels_from_branch 2 1"}},
		{name: "smaller-is-looser params raised is no loosening", head: "params:\n  min_ic_levels_from_branch: 3\n"},
		{name: "another param changed", base: "params:\n  max_titles: 3\n", head: "params:\n  max_titles: 4\n",
			want: []string{"param_changed max_titles 3 4"}},
		{name: "a user param of known direction raised", base: "params:\n  max_titles: 3\n", head: "params:\n  max_titles: 4\n",
			baseRules: []finding.Rule{titlesRule(2)}, headRules: []finding.Rule{titlesRule(2)},
			want: []string{"param_loosened max_titles 3 4"}},
		{name: "a user param of known direction raised from its default", head: "params:\n  max_titles: 4\n",
			baseRules: []finding.Rule{titlesRule(2)}, headRules: []finding.Rule{titlesRule(2)},
			want: []string{"param_loosened max_titles 2 4"}},
		{name: "a user param of known direction lowered is no loosening", base: "params:\n  max_titles: 3\n", head: "params:\n  max_titles: 1\n",
			baseRules: []finding.Rule{titlesRule(2)}, headRules: []finding.Rule{titlesRule(2)}},
		{name: "another param removed", base: "params:\n  banned: [ninja]\n",
			want: []string{"param_changed banned [ninja] <nil>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := &Side{Config: parseConfig(t, tc.base), Rules: append(slicesClone(builtinRules), tc.baseRules...), PolicyFiles: tc.basePols}
			head := &Side{Config: parseConfig(t, tc.head), Rules: builtinRules, PolicyFiles: tc.headPols}
			if tc.headRules != nil {
				head.Rules = append(slicesClone(builtinRules), tc.headRules...)
				if len(tc.headRules) == 0 {
					head.Rules = nil
				}
			}
			// The catalogue of a side lists the rules in force: not those turned off.
			head.Rules = inForce(head.Rules, head.Config)
			base.Rules = inForce(base.Rules, base.Config)
			ls := Compare(base, head, Options{BuiltinParams: params}).Loosened
			var got []string
			for _, l := range ls {
				got = append(got, strings.Join([]string{l.Kind, l.Subject, show(l.Before), show(l.After)}, " "))
				if l.Message == "" || !strings.HasSuffix(l.Message, ".") && l.Kind != BaselineAdded {
					t.Errorf("%s: message %q", l.Kind, l.Message)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("loosened:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func slicesClone(rs []finding.Rule) []finding.Rule { return append([]finding.Rule{}, rs...) }

// inForce is what check does to a catalogue: a rule turned off is not in force.
func inForce(rs []finding.Rule, cfg *config.Config) []finding.Rule {
	var out []finding.Rule
	for _, r := range rs {
		if s, ok := cfg.Rules[r.ID]; ok {
			if s.Severity == "off" {
				continue
			}
			r.Severity, _ = finding.ParseSeverity(s.Severity)
		}
		out = append(out, r)
	}
	return out
}

func show(v any) string {
	switch x := v.(type) {
	case nil:
		return "<nil>"
	case []string:
		return "[" + strings.Join(x, " ") + "]"
	case []any:
		var parts []string
		for _, e := range x {
			parts = append(parts, show(e))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return valueTextPlain(v)
}

func valueTextPlain(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if b, ok := v.(bool); ok {
		if b {
			return "true"
		}
		return "false"
	}
	return valueText(v)
}

func TestLooseningMessages(t *testing.T) {
	base := &Side{Config: parseConfig(t, ""), Rules: builtinRules}
	head := &Side{Config: parseConfig(t, "params:\n  parity_pay_tolerance: 0.2\nrules:\n  parity/pay: off\nexceptions:\n  - {rule: parity/top-grade, ladder: sales, level: S7, reason: Reviewed in Q3, expires: 2027-06-30}\n"),
		Rules: inForce(builtinRules, parseConfig(t, "rules:\n  parity/pay: off\n"))}
	ls := Compare(base, head, Options{BuiltinParams: builtinParams(context.Background())}).Loosened
	want := []Loosening{
		{Kind: RuleOff, Subject: "parity/pay", Before: "error", After: "off", File: ".ladderctl.yaml", Line: 4,
			Message: "The rule parity/pay is turned off by rules: in the config; it was an error, and its findings are no longer reported."},
		{Kind: ParamLoosened, Subject: "parity_pay_tolerance", Before: 0.1, After: 0.2, File: ".ladderctl.yaml", Line: 2,
			Message: "The param parity_pay_tolerance is loosened from 0.1 to 0.2: IC pay may now lag its management peer by up to 20%, instead of 10%."},
		{Kind: WaiverAdded, Subject: "parity/top-grade", After: "2027-06-30", File: ".ladderctl.yaml", Line: 6,
			Message: `A waiver of parity/top-grade on ladder sales at level S7 is added, until 2027-06-30, for the reason "Reviewed in Q3".`},
	}
	if len(ls) != len(want) {
		t.Fatalf("loosened = %+v", ls)
	}
	for i := range want {
		got := ls[i]
		got.rule, got.ladder, got.level, got.message = "", "", "", ""
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("loosened[%d]:\n got %+v\nwant %+v", i, got, want[i])
		}
	}
}

func TestBaselineAdded(t *testing.T) {
	entry := func(level, msg string) governance.Entry {
		return governance.Entry{Rule: "parity/pay", Ladder: "acme", Level: level, Message: msg}
	}
	base := &Side{Config: parseConfig(t, "baseline: .ladderctl-baseline.json\n"), Baseline: &governance.Baseline{Version: 1, Findings: []governance.Entry{entry("IC5", "a")}}}
	head := &Side{Config: parseConfig(t, "baseline: .ladderctl-baseline.json\n"), Baseline: &governance.Baseline{Version: 1, Findings: []governance.Entry{entry("IC5", "a"), entry("IC5", "a"), entry("IC6", "b")}}}
	ls := compare(base, head).Loosened
	if len(ls) != 2 {
		t.Fatalf("loosened = %+v", ls)
	}
	for _, l := range ls {
		if l.Kind != BaselineAdded || l.Subject != "parity/pay" || l.File != ".ladderctl-baseline.json" {
			t.Errorf("loosening = %+v", l)
		}
	}
	if want := `The baseline now accepts a finding of parity/pay on ladder acme at level IC6: "b"`; ls[1].Message != want {
		t.Errorf("message = %q", ls[1].Message)
	}
	// A baseline added where there was none accepts every entry anew.
	if ls := compare(&Side{Config: parseConfig(t, "")}, head).Loosened; len(ls) != 3 {
		t.Errorf("new baseline: %+v", ls)
	}
}

func TestSilencedIsNotFixed(t *testing.T) {
	top := newFinding("parity/top-grade", finding.Error, "M2", 30, "top")
	pay := newFinding("parity/pay", finding.Error, "IC5", 10, "pay")
	overlap := newFinding("bands/overlap", finding.Warning, "IC6", 20, "overlap")
	titles := finding.Finding{Rule: "acme/titles", Severity: finding.Error, Ladder: "acme", Level: "IC4", File: "a.yaml", Message: "ninja"}
	base := side(t, map[string]string{"a.yaml": baseLadder}, top, pay, overlap, titles)
	base.Rules = append(slicesClone(builtinRules), finding.Rule{ID: "acme/titles", Severity: finding.Error, Source: "policies/titles.rego"})
	base.PolicyFiles = []string{"policies/titles.rego"}
	head := side(t, map[string]string{"a.yaml": baseLadder})
	head.Config = parseConfig(t, "rules:\n  bands/overlap: off\nexceptions:\n  - {rule: parity/*, ladder: acme, level: M2, reason: Reviewed}\n")
	head.Rules = inForce(builtinRules, head.Config)
	r := compare(base, head)
	by := map[string]string{}
	for _, f := range r.Findings.Fixed {
		by[f.Rule] = f.SilencedBy
	}
	want := map[string]string{"parity/top-grade": WaiverAdded, "bands/overlap": RuleOff, "acme/titles": PolicyDeleted, "parity/pay": ""}
	if !reflect.DeepEqual(by, want) {
		t.Errorf("silenced by = %v", by)
	}
	if r.Summary.Fixed != 4 || r.Summary.Silenced != 3 {
		t.Errorf("summary = %+v", r.Summary)
	}
	if _, text := headline(r); text != "This change fixes 1 finding and introduces none" {
		t.Errorf("headline = %q", text)
	}
	if !r.Loosens() || looseningHeadline(r) != "This change loosens the rules" {
		t.Errorf("not headlined as a loosening")
	}
}

// A built-in finding gone from a ladder the change did not touch, in a change that adds or
// edits a policy file, is headlined as a loosening: a policy may be silencing it. A fix of
// the ladder, or the same change without a policy edit, is not.
func TestPolicyShadowsBuiltinFinding(t *testing.T) {
	pay := newFinding("parity/pay", finding.Error, "IC5", 10, "pay")
	edited := strings.Replace(baseLadder, "title: Acme Engineering", "title: Acme Engineering!", 1)
	for _, tc := range []struct {
		name       string
		headLadder string
		basePols   map[string]string // file -> digest
		headPols   map[string]string
		want       string
	}{
		{name: "a policy added", headLadder: baseLadder, headPols: map[string]string{"policies/p.rego": "1"}, want: PolicyShadows},
		{name: "a policy edited", headLadder: baseLadder, basePols: map[string]string{"policies/p.rego": "1"}, headPols: map[string]string{"policies/p.rego": "2"}, want: PolicyShadows},
		{name: "a policy left as it was", headLadder: baseLadder, basePols: map[string]string{"policies/p.rego": "1"}, headPols: map[string]string{"policies/p.rego": "1"}},
		{name: "the ladder edited", headLadder: edited, headPols: map[string]string{"policies/p.rego": "1"}},
		{name: "no policy", headLadder: baseLadder},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := side(t, map[string]string{"ladders/acme.yaml": baseLadder}, pay)
			head := side(t, map[string]string{"ladders/acme.yaml": tc.headLadder})
			for f, sum := range tc.basePols {
				base.PolicyFiles, base.PolicySums = append(base.PolicyFiles, f), map[string]string{f: sum}
			}
			for f, sum := range tc.headPols {
				head.PolicyFiles, head.PolicySums = append(head.PolicyFiles, f), map[string]string{f: sum}
			}
			r := compare(base, head)
			if len(r.Findings.Fixed) != 1 || r.Findings.Fixed[0].SilencedBy != tc.want {
				t.Fatalf("fixed = %+v, want it silenced by %q", r.Findings.Fixed, tc.want)
			}
			if got := len(r.Loosened) > 0; got != (tc.want != "") {
				t.Fatalf("loosened = %+v", r.Loosened)
			}
			if tc.want != "" && (r.Loosened[0].Subject != "parity/pay" || !strings.Contains(r.Loosened[0].Message, "policies/p.rego")) {
				t.Errorf("loosening = %+v", r.Loosened[0])
			}
		})
	}
}

func TestParamChangedMayLoosen(t *testing.T) {
	r := compare(&Side{Config: parseConfig(t, "params:\n  x: 1\n")}, &Side{Config: parseConfig(t, "params:\n  x: 2\n")})
	if r.Loosens() || looseningHeadline(r) != "This change changes the params of the rules, which may loosen them" {
		t.Errorf("headline = %q", looseningHeadline(r))
	}
}

func TestFlagParamsAreNoted(t *testing.T) {
	head := &Side{FlagParams: map[string]any{"parity_pay_tolerance": 0.2}}
	r := compare(&Side{}, head)
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "--param parity_pay_tolerance=0.2") {
		t.Errorf("notes = %q", r.Notes)
	}
}

func TestAcceptedIsShownNotCounted(t *testing.T) {
	top := newFinding("parity/top-grade", finding.Error, "M3", 30, "top")
	old := newFinding("parity/pay", finding.Error, "IC5", 10, "pay")
	base := side(t, map[string]string{"a.yaml": baseLadder})
	base.Waived = []finding.Finding{old}
	head := side(t, map[string]string{"a.yaml": baseLadder}, newFinding("bands/overlap", finding.Warning, "IC6", 20, "overlap"))
	head.Waived = []finding.Finding{old, top}
	head.Baselined = []finding.Finding{newFinding("naming/ic-titles", finding.Warning, "IC4", 5, "title")}
	r := compare(base, head)
	var got []string
	for _, f := range r.Findings.Accepted {
		got = append(got, f.Rule+" "+f.AcceptedBy)
	}
	// The waiver that was there before accepts the same finding as before: nothing new.
	if want := []string{"naming/ic-titles baseline", "parity/top-grade waiver"}; !reflect.DeepEqual(got, want) {
		t.Errorf("accepted = %q", got)
	}
	if r.Fails() || r.Summary.Accepted != 2 {
		t.Errorf("summary = %+v", r.Summary)
	}
	if mark, text := headline(r); mark != "⚠️" || text != "This change introduces 1 finding, none at or above fail-on (error); 2 more are accepted by a waiver or the baseline" {
		t.Errorf("headline = %s %q", mark, text)
	}
	head.Findings = nil
	if mark, text := headline(compare(base, head)); mark != "⚠️" || text != "This change introduces 2 findings, all accepted by a waiver or the baseline" {
		t.Errorf("headline = %s %q", mark, text)
	}
}

// A user's param whose METADATA says its direction gets a definite headline, in its own
// words when it gives them.
func TestUserParamHeadline(t *testing.T) {
	for _, tc := range []struct {
		param finding.Param
		want  string
	}{
		{finding.Param{Name: "max_titles", Default: 2, Looser: finding.LooserHigher, Unit: "title", Loosened: "a ladder may now use up to {value}"},
			"The param max_titles is loosened from 1 to 4: a ladder may now use up to 4 titles, instead of 1 title."},
		{finding.Param{Name: "max_titles", Default: 2, Looser: finding.LooserHigher},
			"The param max_titles is loosened from 1 to 4."},
	} {
		rules := []finding.Rule{{ID: "acme/titles", Severity: finding.Error, Source: "policies/titles.rego", Params: []finding.Param{tc.param}}}
		base := &Side{Config: parseConfig(t, "params:\n  max_titles: 1\n"), Rules: rules}
		head := &Side{Config: parseConfig(t, "params:\n  max_titles: 4\n"), Rules: rules}
		r := Compare(base, head, Options{})
		if len(r.Loosened) != 1 || r.Loosened[0].Kind != ParamLoosened || r.Loosened[0].Message != tc.want || !r.Loosens() {
			t.Errorf("loosened = %+v, want the message %q", r.Loosened, tc.want)
		}
	}
}
