package change

import (
	"cmp"
	"slices"

	"github.com/ladderctl/ladderctl/internal/finding"
)

// Findings are the findings a change introduces, fixes and leaves.
type Findings struct {
	Introduced []FindingChange `json:"introduced"` // on the head, not on the base (or of a higher severity there)
	Fixed      []FindingChange `json:"fixed"`      // on the base, not on the head; as the base reported them
	Left       []FindingChange `json:"left"`       // on both; as the head reports them
	// Accepted are findings the change brings that a waiver or the baseline accepts on the
	// head: they fail nothing, and a reviewer should still see them.
	Accepted []FindingChange `json:"accepted"`
	ByLadder []LadderCount   `json:"by_ladder"` // per ladder, which ladders the change flags or clears
}

// FindingChange is a finding, with its severity on the base when that differs.
type FindingChange struct {
	finding.Finding
	Was string `json:"was,omitempty"` // the severity on the base: lower for an introduced finding, higher for a left one
	// SilencedBy is, for a finding the head no longer reports, the kind of loosening that
	// accounts for it (rule_off, waiver_added...): it was silenced, not fixed.
	SilencedBy string `json:"silenced_by,omitempty"`
	// AcceptedBy is, for an accepted finding, waiver or baseline.
	AcceptedBy string `json:"accepted_by,omitempty"`
}

// LadderCount counts a ladder's findings by what the change did to them.
type LadderCount struct {
	Ladder     string `json:"ladder"`
	Introduced int    `json:"introduced"`
	Fixed      int    `json:"fixed"`
	Left       int    `json:"left"`
}

// matchKey is what a finding is matched by across a change: rule, ladder and level, never
// line or column. A finding of no ladder (a file that does not load, a waiver in the
// config) is matched by its file instead.
type matchKey struct {
	rule, ladder, level, file string
}

func keyOf(f finding.Finding) matchKey {
	k := matchKey{rule: f.Rule, ladder: f.Ladder, level: f.Level}
	if f.Ladder == "" {
		k.file = f.File
	}
	return k
}

// compareFindings matches the findings of both sides as multisets per key: two on the base
// and three on the head introduce one. Within a key, pairs are found so that as few as
// possible count as introduced: first identical findings, then a head finding with one of
// the same or a higher severity on the base (left; a severity that fell is noted), and only
// then with one of a lower severity (introduced: its severity rose).
func compareFindings(base, head []finding.Finding) Findings {
	bs := group(base)
	hs := group(head)
	var out Findings
	keys := map[matchKey]bool{}
	for k := range bs {
		keys[k] = true
	}
	for k := range hs {
		keys[k] = true
	}
	for k := range keys {
		matchGroup(bs[k], hs[k], &out)
	}
	for _, l := range []*[]FindingChange{&out.Introduced, &out.Fixed, &out.Left} {
		sortChanges(*l)
	}
	out.ByLadder = byLadder(out)
	return out
}

func group(fs []finding.Finding) map[matchKey][]finding.Finding {
	m := map[matchKey][]finding.Finding{}
	for _, f := range fs {
		m[keyOf(f)] = append(m[keyOf(f)], f)
	}
	for _, g := range m {
		// Higher severities first, so that the greedy pairing below is the best one.
		slices.SortStableFunc(g, func(a, b finding.Finding) int {
			return cmp.Or(cmp.Compare(b.Severity, a.Severity), cmp.Compare(a.Message, b.Message), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
		})
	}
	return m
}

func matchGroup(base, head []finding.Finding, out *Findings) {
	used := make([]bool, len(base))
	paired := make([]int, len(head))
	for i := range paired {
		paired[i] = -1
	}
	// pick finds the unused base finding that ok accepts, preferring the same message.
	pick := func(h finding.Finding, ok func(b finding.Finding) bool) int {
		best := -1
		for j, b := range base {
			if used[j] || !ok(b) {
				continue
			}
			if b.Message == h.Message {
				return j
			}
			if best < 0 {
				best = j
			}
		}
		return best
	}
	passes := []func(h, b finding.Finding) bool{
		func(h, b finding.Finding) bool { return b.Severity == h.Severity && b.Message == h.Message },
		func(h, b finding.Finding) bool { return b.Severity >= h.Severity },
		func(h, b finding.Finding) bool { return true },
	}
	for _, accept := range passes {
		for i, h := range head {
			if paired[i] >= 0 {
				continue
			}
			if j := pick(h, func(b finding.Finding) bool { return accept(h, b) }); j >= 0 {
				used[j], paired[i] = true, j
			}
		}
	}
	for i, h := range head {
		j := paired[i]
		switch {
		case j < 0:
			out.Introduced = append(out.Introduced, FindingChange{Finding: h})
		case h.Severity > base[j].Severity:
			out.Introduced = append(out.Introduced, FindingChange{Finding: h, Was: base[j].Severity.String()})
		case h.Severity < base[j].Severity:
			out.Left = append(out.Left, FindingChange{Finding: h, Was: base[j].Severity.String()})
		default:
			out.Left = append(out.Left, FindingChange{Finding: h})
		}
	}
	for j, b := range base {
		if !used[j] {
			out.Fixed = append(out.Fixed, FindingChange{Finding: b})
		}
	}
}

func sortChanges(cs []FindingChange) {
	slices.SortStableFunc(cs, func(a, b FindingChange) int {
		return cmp.Or(finding.Compare(a.Finding, b.Finding), cmp.Compare(a.Was, b.Was))
	})
}

func byLadder(fs Findings) []LadderCount {
	counts := map[string]*LadderCount{}
	at := func(name string) *LadderCount {
		c, ok := counts[name]
		if !ok {
			c = &LadderCount{Ladder: name}
			counts[name] = c
		}
		return c
	}
	for _, f := range fs.Introduced {
		if f.Ladder != "" {
			at(f.Ladder).Introduced++
		}
	}
	for _, f := range fs.Fixed {
		if f.Ladder != "" {
			at(f.Ladder).Fixed++
		}
	}
	for _, f := range fs.Left {
		if f.Ladder != "" {
			at(f.Ladder).Left++
		}
	}
	out := make([]LadderCount, 0, len(counts))
	for _, name := range sortedKeys(counts) {
		out = append(out, *counts[name])
	}
	return out
}

// newlyAccepted lists the findings a waiver or the baseline accepts on the head that the base
// had in no form, reported or accepted: findings the change brings and a waiver hides.
func newlyAccepted(base, head *Side) []FindingChange {
	had := map[matchKey]int{}
	for _, fs := range [][]finding.Finding{base.Findings, base.Waived, base.Baselined} {
		for _, f := range fs {
			had[keyOf(f)]++
		}
	}
	var out []FindingChange
	for _, set := range []struct {
		by string
		fs []finding.Finding
	}{{"waiver", head.Waived}, {"baseline", head.Baselined}} {
		for _, f := range set.fs {
			if k := keyOf(f); had[k] > 0 {
				had[k]--
				continue
			}
			out = append(out, FindingChange{Finding: f, AcceptedBy: set.by})
		}
	}
	sortChanges(out)
	return out
}
