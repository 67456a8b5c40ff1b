package compare

import (
	"cmp"
	"slices"

	"github.com/ladderctl/ladderctl/internal/finding"
)

// ParityTag tags, in a rule's METADATA (custom.tags), the rules whose findings mark the rows
// of the one-ladder view.
const ParityTag = "parity"

// Marks are what the rows of the one-ladder view are marked with: the findings lint reports
// for the rules tagged parity, never a second opinion.
type Marks struct {
	Rules    []string // the rules tagged parity, in the order their policy lists them
	Findings []finding.Finding
}

// Parity picks the marks out of a ladder's findings, given the rules of the run.
func Parity(found []finding.Finding, rules []finding.Rule) Marks {
	var tagged []finding.Rule
	for _, r := range rules {
		if slices.Contains(r.Tags, ParityTag) {
			tagged = append(tagged, r)
		}
	}
	slices.SortStableFunc(tagged, func(a, b finding.Rule) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Line, b.Line))
	})
	m := Marks{Rules: []string{}}
	for _, r := range tagged {
		m.Rules = append(m.Rules, r.ID)
	}
	for _, f := range found {
		if slices.Contains(m.Rules, f.Rule) {
			m.Findings = append(m.Findings, f)
		}
	}
	finding.Sort(m.Findings)
	return m
}

// order orders a row's rules as their policy lists them, others after, by id.
func (m Marks) order(a, b string) int {
	rank := func(id string) int {
		if i := slices.Index(m.Rules, id); i >= 0 {
			return i
		}
		return len(m.Rules)
	}
	return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b))
}
