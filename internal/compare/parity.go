package compare

import (
	"slices"

	"github.com/ladderctl/ladderctl/internal/finding"
)

// ParityRules are the built-in rules whose findings mark the rows of the one-ladder view.
var ParityRules = []string{"parity/top-grade", "parity/peer-level", "parity/pay", "parity/scope"}

// Parity keeps the findings of the parity rules: the marks of the table are those lint
// reports, never a second opinion.
func Parity(found []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range found {
		if slices.Contains(ParityRules, f.Rule) {
			out = append(out, f)
		}
	}
	finding.Sort(out)
	return out
}
