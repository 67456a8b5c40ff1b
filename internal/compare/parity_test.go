package compare

import (
	"context"
	"slices"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/policy"
)

func TestParityRuleIDsSelectByTag(t *testing.T) {
	rules := []finding.Rule{
		{ID: "parity/pay", Tags: []string{"parity"}},
		{ID: "bands/spread"},
		{ID: "acme/peers", Tags: []string{"team", "parity"}},
	}
	if got := ParityRuleIDs(rules); !slices.Equal(got, []string{"parity/pay", "acme/peers"}) {
		t.Errorf("ParityRuleIDs = %v", got)
	}
}

// The built-in pack tags its parity rules in METADATA; ParityRules must name the same ones.
func TestBuiltinParityRulesAreTagged(t *testing.T) {
	e, err := policy.New(context.Background(), policy.Options{Builtin: true})
	if err != nil {
		t.Fatal(err)
	}
	var rules []finding.Rule
	for _, r := range e.Rules() {
		rules = append(rules, *r)
	}
	got := ParityRuleIDs(rules)
	if len(got) == 0 || !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(ParityRules))) {
		t.Errorf("rules tagged parity: %v; ParityRules: %v", got, ParityRules)
	}
}
