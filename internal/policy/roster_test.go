package policy

import (
	"context"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// A user policy reads a roster's counts as data.roster, as the built-in roster rules do.
func TestUserPoliciesReadDataRoster(t *testing.T) {
	dir := policyDir(t, map[string]string{"p.rego": `package acme.staffing

deny contains msg if {
	some id, level in data.roster.ladders[input.metadata.name].levels
	level.people < 2
	msg := sprintf("%s has fewer than two people", [id])
}
`})
	e := newEngine(t, Options{Dirs: []string{dir}})
	data := map[string]any{"ladders": map[string]any{"a": map[string]any{"levels": map[string]any{
		"IC1": map[string]any{"people": 7}, "IC2": map[string]any{"people": 1},
	}}}}
	if err := e.SetRoster(context.Background(), data); err != nil {
		t.Fatal(err)
	}
	got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "a")})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Message != "IC2 has fewer than two people" {
		t.Errorf("findings = %+v", got)
	}
}

// No user package may shadow data.roster: a policy could otherwise rewrite the counts the
// roster rules read.
func TestUserPackagesMayNotShadowDataRoster(t *testing.T) {
	for _, pkg := range []string{"roster", "roster.ladders"} {
		dir := policyDir(t, map[string]string{"r.rego": "package " + pkg + "\n\nladders := {}\n"})
		_, err := New(context.Background(), Options{Builtin: true, Dirs: []string{dir}})
		if err == nil || !strings.Contains(err.Error(), "would shadow data.roster") || !strings.Contains(err.Error(), "r.rego:1:1") {
			t.Errorf("package %s: err = %v, want a refusal at r.rego:1:1", pkg, err)
		}
	}
}
