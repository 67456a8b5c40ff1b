package compare

import (
	"context"
	"slices"
	"time"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/policy"
)

// ParityTag tags, in a rule's METADATA (custom.tags), the rules whose findings mark the rows
// of the one-ladder view.
const ParityTag = "parity"

// ParityRuleIDs returns the ids of the rules of a run that are tagged parity, in their order.
func ParityRuleIDs(rules []finding.Rule) []string {
	var ids []string
	for _, r := range rules {
		if slices.Contains(r.Tags, ParityTag) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// ParityRules are the built-in parity rules, in the order the pack lists them: the order of a
// row's rules in the one-ladder view.
//
// Deprecated: select parity findings with ParityRuleIDs over the rules of the run; a test
// holds this list to the pack's tags until the HTML picture of render does.
var ParityRules = []string{"parity/top-grade", "parity/peer-level", "parity/pay", "parity/scope"}

// ParityOptions set how the rule pack judges parity.
type ParityOptions struct {
	Params  map[string]any // the config's params, and --param over them
	Now     time.Time      // the clock policies see
	Timeout time.Duration  // 0 means no bound
}

// ParityFindings evaluates the built-in rule pack on one ladder and returns the findings of
// the parity rules: the marks of the table are those of lint, never a second opinion.
func ParityFindings(ctx context.Context, l *ladder.Ladder, o ParityOptions) ([]finding.Finding, error) {
	e, err := policy.New(ctx, policy.Options{Builtin: true, Params: o.Params, Now: o.Now, Timeout: o.Timeout})
	if err != nil {
		return nil, err
	}
	found, err := e.Evaluate(ctx, []*ladder.Ladder{l})
	if err != nil {
		return nil, err
	}
	var rules []finding.Rule
	for _, r := range e.Rules() {
		rules = append(rules, *r)
	}
	parity := ParityRuleIDs(rules)
	var out []finding.Finding
	for _, f := range found {
		if slices.Contains(parity, f.Rule) {
			out = append(out, f)
		}
	}
	finding.Sort(out)
	return out, nil
}
