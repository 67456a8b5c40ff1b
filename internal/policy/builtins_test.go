package policy

import (
	"context"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// User policies call ladderctl's own functions like any other: lint evaluates them.
func TestUserPoliciesCallOwnBuiltins(t *testing.T) {
	dir := policyDir(t, map[string]string{"titles.rego": `package acme.titles

deny contains msg if {
	some track in input.spec.tracks
	some level in track.levels
	ladderctl.fold_confusables(ladderctl.normalize(level.title)) == "Ninja Engineer"
	level.title != "Ninja Engineer"
	msg := sprintf("%s hides its title", [level.id])
}
`})
	// A Cyrillic "і" and a no-break space: the title reads "Ninja Engineer".
	src := strings.ReplaceAll(strings.ReplaceAll(ladderYAML, "%NAME%", "acme"), "title: Ninja Engineer", `title: "N\u0456nja\u00a0Engineer"`)
	ls, problems := ladder.Parse("acme.yaml", []byte(src))
	if len(problems) > 0 || len(ls) != 1 {
		t.Fatalf("test ladder does not load: %v", problems)
	}
	e := newEngine(t, Options{Dirs: []string{dir}})
	got, err := e.Evaluate(context.Background(), ls)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Message != "IC2 hides its title" {
		t.Fatalf("findings = %+v, want one for IC2", got)
	}
}

// ladderctl test compiles and runs tests in the same sandbox, with the same functions.
func TestOwnBuiltinsInPolicyTests(t *testing.T) {
	dir := policyDir(t, map[string]string{"text_test.rego": `package acme.text_test

test_normalize if {
	ladderctl.normalize("Staff\u200bEngineer") == "StaffEngineer"
	ladderctl.normalize("Ｓｔａｆｆ") == "Staff"
}

test_fold if {
	ladderctl.fold_confusables("Mаnager") == "Manager"
	ladderctl.fold_confusables("Менеджер") == "Менеджер"
}
`})
	results, err := RunTests(context.Background(), TestOptions{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 {
		t.Fatalf("ran %d tests, want 2: %+v", len(results), results)
	}
	for _, r := range results {
		if !r.Passed {
			t.Errorf("%s: %s", r.Name, r.Error)
		}
	}
}

// A non-string reaching a function at run time makes the call undefined, not the run fail.
func TestOwnBuiltinsOnOtherValuesAreUndefined(t *testing.T) {
	dir := policyDir(t, map[string]string{"grades.rego": `package acme.grades

deny contains msg if {
	some track in input.spec.tracks
	some level in track.levels
	not ladderctl.normalize(level.grade)
	msg := sprintf("%s has no text grade", [level.id])
}
`})
	e := newEngine(t, Options{Dirs: []string{dir}})
	got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "acme")})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("findings = %+v, want one per level", got)
	}
}
