package change

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/ladderdiff"
	"github.com/ladderctl/ladderctl/internal/numfmt"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/report"
)

// Format prints a Report in one output format.
type Format interface {
	output.Format
	Write(w io.Writer, r *Report) error
}

// Formats lists the output formats of diff, the default first; it drives flag help,
// validation and completion.
var Formats = output.NewRegistry[Format](markdownFormat{}, textFormat{}, jsonFormat{})

// looseningLabels name the kinds of loosening for people.
var looseningLabels = map[string]string{
	FailOnRelaxed:     "fail-on relaxed",
	BuiltinOff:        "Built-in rules turned off",
	RuleOff:           "Rule turned off",
	RuleLowered:       "Rule lowered",
	RuleRemoved:       "Rule removed",
	PolicyDeleted:     "Policy file deleted",
	NamespaceNarrowed: "Namespaces narrowed",
	ParamLoosened:     "Param loosened",
	ParamChanged:      "Param changed",
	WaiverAdded:       "Waiver added",
	WaiverExtended:    "Waiver extended",
	BaselineAdded:     "Baseline entry added",
	PolicyShadows:     "Built-in finding gone with a policy change",
}

// headline is the verdict on the findings: a mark and a sentence.
func headline(r *Report) (mark, text string) {
	s := r.Summary
	fixed := s.Fixed - s.Silenced
	and := ""
	if fixed > 0 {
		and = " and fixes " + strconv.Itoa(fixed)
	}
	accepted := ""
	switch s.Accepted {
	case 0:
	case 1:
		accepted = "; 1 more is accepted by a waiver or the baseline"
	default:
		accepted = fmt.Sprintf("; %d more are accepted by a waiver or the baseline", s.Accepted)
	}
	switch {
	case !r.Complete():
		return "❌", "ladderctl could not check this change in full"
	case s.Failing > 0:
		return "❌", "This change introduces " + output.Plural(s.Introduced, "finding") + and + accepted
	case s.Introduced > 0:
		return "⚠️", "This change introduces " + output.Plural(s.Introduced, "finding") + and + ", none at or above fail-on (" + r.FailOn + ")" + accepted
	case s.Accepted > 0:
		return "⚠️", "This change introduces " + output.Plural(s.Accepted, "finding") + and + ", all accepted by a waiver or the baseline"
	case fixed > 0:
		return "✅", "This change fixes " + output.Plural(fixed, "finding") + " and introduces none"
	}
	return "✅", "This change introduces no findings"
}

// looseningHeadline is the headline on the rules themselves, or "" when they were not
// loosened.
func looseningHeadline(r *Report) string {
	switch {
	case r.Loosens():
		return "This change loosens the rules"
	case len(r.Loosened) > 0:
		return "This change changes the params of the rules, which may loosen them"
	}
	return ""
}

// comparedWith says what the two sides are.
func comparedWith(r *Report, code func(string) string) string {
	base := "the base"
	if r.Base.Ref != "" {
		base = code(r.Base.Ref)
	}
	if r.Base.Commit != "" {
		base += " at " + code(short(r.Base.Commit)) + " (the merge-base)"
	}
	head := "the change"
	if r.Head.WorkingTree {
		head = "the working tree"
	}
	return fmt.Sprintf("Compared %s with %s, each judged by its own config and policies. Fail-on: %s.", head, base, code(r.FailOn))
}

// packLines say which oci:// policy pack each side was judged by, and at which digest.
func packLines(r *Report, code func(string) string) []string {
	var lines []string
	for _, side := range []struct {
		name  string
		packs []report.Pack
	}{{"The base", r.Base.Packs}, {"The change", r.Head.Packs}} {
		for _, p := range side.packs {
			lines = append(lines, fmt.Sprintf("%s was judged by the policy pack %s at %s.", side.name, code(p.Ref), code(p.Digest)))
		}
	}
	return lines
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

// levelValue writes the Before or After of a level change.
func levelValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case ladderdiff.LevelSummary:
		parts := []string{x.Title, "grade " + strconv.Itoa(x.Grade), x.Type + " track " + x.Track}
		if x.Scope != "" {
			parts = append(parts, "scope "+x.Scope)
		}
		for _, zb := range x.Pay.Bands() {
			band := numfmt.Band(zb.Band.Min, zb.Band.Max, x.Currency)
			if zb.Zone != "" {
				band = "in zone " + zb.Zone + " " + numfmt.Band(zb.Band.Min, zb.Band.Max, x.Currencies[zb.Zone])
			}
			parts = append(parts, band)
		}
		return strings.Join(parts, ", ")
	case map[string][]string: // the texts of the competencies whose expectations changed
		var parts []string
		for _, id := range slices.Sorted(maps.Keys(x)) {
			parts = append(parts, id+": "+strings.Join(x[id], " / "))
		}
		return strings.Join(parts, "; ")
	case int:
		return "grade " + strconv.Itoa(x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// bound writes one bound of a pay change for people: USD 180,000 → 198,000 (+10%).
func bound(b ladderdiff.BoundChange, currency, before string) string {
	if before == "" {
		before = currency
	}
	switch {
	case b.Before == nil && b.After == nil:
		return ""
	case b.Before == nil:
		return "none → " + numfmt.Money(*b.After, currency)
	case b.After == nil:
		return numfmt.Money(*b.Before, before) + " → none"
	case *b.Before == *b.After && before == currency:
		return numfmt.Money(*b.After, currency) + ", unchanged"
	case before != currency:
		return numfmt.Money(*b.Before, before) + " → " + numfmt.Money(*b.After, currency)
	}
	s := numfmt.Money(*b.Before, currency) + " → " + numfmt.Amount(*b.After)
	if b.Change != nil {
		s += " (" + numfmt.Percent(*b.Change) + ")"
	}
	return s
}

// severityText writes a finding's severity, with what it was when that changed.
func severityText(f FindingChange) string {
	if f.Was == "" {
		return f.Severity.String()
	}
	return f.Severity.String() + " (was " + f.Was + ")"
}

// fixedAndSilenced splits the findings the head no longer reports.
func fixedAndSilenced(r *Report) (fixed, silenced []FindingChange) {
	for _, f := range r.Findings.Fixed {
		if f.SilencedBy == "" {
			fixed = append(fixed, f)
		} else {
			silenced = append(silenced, f)
		}
	}
	return fixed, silenced
}

// changedLadders lists the ladders a change flags or clears: the rows of the per-ladder
// counts with something introduced or fixed.
func changedLadders(r *Report) []LadderCount {
	var out []LadderCount
	for _, c := range r.Findings.ByLadder {
		if c.Introduced > 0 || c.Fixed > 0 {
			out = append(out, c)
		}
	}
	return out
}

func structureChanged(r *Report) bool {
	return len(r.Ladders.Added)+len(r.Ladders.Removed)+len(r.Ladders.Changed)+len(r.Levels)+len(r.Pay)+len(r.Branches)+len(r.Transitions) > 0
}
