package compare

import (
	"context"
	"slices"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/policy"
)

func TestParitySelectsByTagInPolicyOrder(t *testing.T) {
	rules := []finding.Rule{
		{ID: "parity/pay", Tags: []string{"parity"}, Source: "built-in", Line: 40},
		{ID: "bands/spread", Source: "built-in", Line: 1},
		{ID: "parity/top-grade", Tags: []string{"parity"}, Source: "built-in", Line: 10},
		{ID: "acme/peers", Tags: []string{"team", "parity"}, Source: "policies/a.rego", Line: 3},
	}
	found := []finding.Finding{{Rule: "bands/spread"}, {Rule: "acme/peers"}, {Rule: "parity/pay"}}
	m := Parity(found, rules)
	if !slices.Equal(m.Rules, []string{"parity/top-grade", "parity/pay", "acme/peers"}) {
		t.Errorf("rules = %v", m.Rules)
	}
	if len(m.Findings) != 2 || m.Findings[0].Rule != "acme/peers" || m.Findings[1].Rule != "parity/pay" {
		t.Errorf("findings = %v", m.Findings)
	}
}

// The built-in pack tags its four parity rules, top-grade first as parity.rego lists them.
func TestBuiltinParityRulesAreTagged(t *testing.T) {
	e, err := policy.New(context.Background(), policy.Options{Builtin: true})
	if err != nil {
		t.Fatal(err)
	}
	var rules []finding.Rule
	for _, r := range e.Rules() {
		rules = append(rules, *r)
	}
	want := []string{"parity/top-grade", "parity/peer-level", "parity/pay", "parity/scope"}
	if got := Parity(nil, rules).Rules; !slices.Equal(got, want) {
		t.Errorf("rules tagged parity: %v, want %v", got, want)
	}
}
