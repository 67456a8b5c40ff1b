package change

import (
	"cmp"
	"fmt"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// Kinds of loosening: changes to the rules themselves that let more through. A pull request
// could otherwise switch off its own check, so the report puts them first.
const (
	FailOnRelaxed     = "fail_on_relaxed"
	BuiltinOff        = "builtin_off"
	RuleOff           = "rule_off"
	RuleLowered       = "rule_lowered"
	RuleRemoved       = "rule_removed"
	PolicyDeleted     = "policy_deleted"
	NamespaceNarrowed = "namespace_narrowed"
	ParamLoosened     = "param_loosened"
	ParamChanged      = "param_changed" // a param whose direction ladderctl cannot judge: it may loosen
	WaiverAdded       = "waiver_added"
	WaiverExtended    = "waiver_extended"
	BaselineAdded     = "baseline_added"
	// PolicyShadows is a built-in finding gone from a ladder the change left as it was, in a
	// change that adds or edits policy files: a policy, not a fix, may account for it.
	PolicyShadows = "policy_shadows"
)

var looseningOrder = []string{FailOnRelaxed, BuiltinOff, RuleOff, RuleLowered, RuleRemoved, PolicyDeleted,
	NamespaceNarrowed, ParamLoosened, ParamChanged, WaiverAdded, WaiverExtended, BaselineAdded, PolicyShadows}

// Loosening is one change to the rules that lets more through. Before and After are the
// setting on each side (null when unset); Subject is what was loosened: a rule id, a param,
// a policy file, the rule a waiver or baseline entry accepts.
type Loosening struct {
	Kind    string `json:"kind"`
	Subject string `json:"subject"`
	Before  any    `json:"before"`
	After   any    `json:"after"`
	Message string `json:"message"`
	File    string `json:"file,omitempty"` // where the change is on the head side
	Line    int    `json:"line,omitempty"`

	// what a finding must match to be silenced by this loosening rather than fixed
	rule, ladder, level, message string
}

// Certain tells whether the change surely loosens the rules; a param of unknown direction
// only may.
func (l Loosening) Certain() bool { return l.Kind != ParamChanged }

// Loosens tells whether the change surely loosens the rules.
func (r *Report) Loosens() bool {
	return slices.ContainsFunc(r.Loosened, Loosening.Certain)
}

func loosenings(base, head *Side, fixed []FindingChange, builtinParams func() map[string]finding.Param) []Loosening {
	var out []Loosening
	bc, hc := base.Config, head.Config
	if bc != nil && hc != nil {
		out = append(out, failOn(bc, hc)...)
		out = append(out, builtin(bc, hc)...)
		out = append(out, namespaces(bc, hc)...)
		out = append(out, params(base, head, builtinParams)...)
		out = append(out, waivers(bc, hc)...)
	}
	if bc != nil || hc != nil {
		out = append(out, rules(base, head)...)
	}
	out = append(out, policies(base, head)...)
	out = append(out, baseline(base, head)...)
	out = append(out, shadows(base, head, fixed, out)...)
	slices.SortStableFunc(out, func(a, b Loosening) int {
		return cmp.Or(cmp.Compare(slices.Index(looseningOrder, a.Kind), slices.Index(looseningOrder, b.Kind)),
			cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Message, b.Message))
	})
	return out
}

// strictness orders fail-on values from the loosest.
var strictness = map[string]int{"never": 0, "error": 1, "warning": 2, "info": 3}

func failOnOf(c *config.Config) string {
	if c.FailOn == "" {
		return "error"
	}
	return c.FailOn
}

func failOn(bc, hc *config.Config) []Loosening {
	b, h := failOnOf(bc), failOnOf(hc)
	if strictness[h] >= strictness[b] {
		return nil
	}
	what := "no finding fails the check any more"
	if h != "never" {
		what = fmt.Sprintf("only findings of severity %s or higher fail the check, instead of %s or higher", h, b)
	}
	return []Loosening{{Kind: FailOnRelaxed, Subject: "fail-on", Before: b, After: h, File: hc.File,
		Message: fmt.Sprintf("fail-on is relaxed from %s to %s: %s.", b, h, what)}}
}

func builtin(bc, hc *config.Config) []Loosening {
	if !bc.BuiltinOn() || hc.BuiltinOn() {
		return nil
	}
	return []Loosening{{Kind: BuiltinOff, Subject: "builtin", Before: true, After: false, File: hc.File,
		Message: "builtin: false turns off the built-in rules: parity, career paths, pay bands, structure, content and naming are no longer checked."}}
}

// allNamespaces tells whether a namespaces setting lets every package through.
func allNamespaces(ns []string) bool { return len(ns) == 0 || slices.Contains(ns, "*") }

func namespaces(bc, hc *config.Config) []Loosening {
	b, h := bc.Namespaces, hc.Namespaces
	if allNamespaces(h) {
		return nil
	}
	narrowed := allNamespaces(b)
	for _, g := range b {
		if !slices.Contains(h, g) {
			narrowed = true
		}
	}
	if !narrowed {
		return nil
	}
	show := func(ns []string) string {
		if allNamespaces(ns) {
			return "every package"
		}
		return strings.Join(ns, ", ")
	}
	return []Loosening{{Kind: NamespaceNarrowed, Subject: "namespaces", Before: listOrNil(b), After: h, File: hc.File,
		Message: fmt.Sprintf("namespaces is narrowed from %s to %s: your policies in other packages no longer run.", show(b), show(h))}}
}

func listOrNil(s []string) any {
	if s == nil {
		return nil
	}
	return s
}

func params(base, head *Side, builtinParams func() map[string]finding.Param) []Loosening {
	bc, hc := base.Config, head.Config
	names := map[string]bool{}
	for k := range bc.Params {
		names[k] = true
	}
	for k := range hc.Params {
		names[k] = true
	}
	var builtin map[string]finding.Param
	// declared finds what the rules say of a param: a side's own rules first, then the
	// other side's (a rule turned off is not in force), then the built-in pack's.
	declared := func(own, other *Side, name string) (finding.Param, bool) {
		for _, s := range []*Side{own, other} {
			for _, r := range s.Rules {
				if i := slices.IndexFunc(r.Params, func(p finding.Param) bool { return p.Name == name }); i >= 0 {
					return r.Params[i], true
				}
			}
		}
		if builtin == nil && builtinParams != nil {
			builtin = builtinParams()
		}
		p, ok := builtin[name]
		return p, ok
	}
	value := func(own, other *Side, name string) (any, bool) {
		if p, ok := own.Config.Params[name]; ok {
			return p.Value, true
		}
		p, ok := declared(own, other, name)
		return p.Default, ok
	}
	var out []Loosening
	for _, name := range sortedKeys(names) {
		bp, inBase := bc.Params[name]
		hp, inHead := hc.Params[name]
		if inBase && inHead && reflect.DeepEqual(bp.Value, hp.Value) {
			continue
		}
		l := Loosening{Subject: name, File: hc.File}
		if inHead {
			l.Line = hp.Line
		}
		p, _ := declared(head, base, name)
		b, bok := value(base, head, name)
		h, hok := value(head, base, name)
		l.Before, l.After = paramOrNil(bc, name), paramOrNil(hc, name)
		bn, bnum := number(b)
		hn, hnum := number(h)
		if p.Looser != finding.LooserUnknown && bok && hok && bnum && hnum {
			if (hn-bn)*float64(p.Looser) <= 0 {
				continue // tightened, or the same value written differently
			}
			l.Kind, l.Before, l.After = ParamLoosened, bn, hn
			l.Message = fmt.Sprintf("The param %s is loosened from %s to %s", name, numText(bn), numText(hn))
			if p.Loosened != "" {
				l.Message += ": " + strings.ReplaceAll(p.Loosened, "{value}", inUnit(hn, p.Unit)) + ", instead of " + inUnit(bn, p.Unit)
			}
			l.Message += "."
			out = append(out, l)
			continue
		}
		l.Kind = ParamChanged
		l.Message = fmt.Sprintf("The param %s changed from %s to %s.", name, paramText(bc, name), paramText(hc, name))
		out = append(out, l)
	}
	return out
}

// inUnit writes a param's value as its METADATA says it reads: a percentage, a count of a
// noun, or a plain number.
func inUnit(f float64, unit string) string {
	switch unit {
	case "":
		return numText(f)
	case "percent":
		return pct(f)
	}
	return count(f, unit)
}

func paramOrNil(c *config.Config, name string) any {
	if p, ok := c.Params[name]; ok {
		return p.Value
	}
	return nil
}

func paramText(c *config.Config, name string) string {
	if p, ok := c.Params[name]; ok {
		return valueText(p.Value)
	}
	return "its default"
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func numText(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', -1, 64) + "%" }

func count(f float64, noun string) string {
	if f == 1 {
		return "1 " + noun
	}
	return numText(f) + " " + noun + "s"
}

func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case nil:
		return "null"
	}
	if n, ok := number(v); ok {
		return numText(n)
	}
	return fmt.Sprint(v)
}

type waiverKey struct{ rule, ladder, level string }

func waivers(bc, hc *config.Config) []Loosening {
	unused := map[waiverKey][]config.Exception{}
	for _, x := range bc.Exceptions {
		k := waiverKey{x.Rule, x.Ladder, x.Level}
		unused[k] = append(unused[k], x)
	}
	var out []Loosening
	for _, x := range hc.Exceptions {
		k := waiverKey{x.Rule, x.Ladder, x.Level}
		l := Loosening{Subject: x.Rule, File: hc.File, Line: x.Line, rule: x.Rule, ladder: x.Ladder, level: x.Level}
		if len(unused[k]) == 0 {
			l.Kind, l.After = WaiverAdded, until(x.Expires)
			l.Message = fmt.Sprintf("A waiver of %s is added, %s, for the reason %q.", x.Describe(), untilText(x.Expires), x.Reason)
			out = append(out, l)
			continue
		}
		was := unused[k][0]
		unused[k] = unused[k][1:]
		if was.Expires == nil || (x.Expires != nil && !x.Expires.After(*was.Expires)) {
			continue
		}
		l.Kind, l.Before, l.After = WaiverExtended, until(was.Expires), until(x.Expires)
		l.Message = fmt.Sprintf("The waiver of %s is extended: it now holds %s, instead of until %s.", x.Describe(), untilText(x.Expires), was.Expires.Format(time.DateOnly))
		out = append(out, l)
	}
	return out
}

func until(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(time.DateOnly)
}

func untilText(t *time.Time) string {
	if t == nil {
		return "with no expiry date"
	}
	return "until " + t.Format(time.DateOnly)
}

// ruleSetting is a rule's effective severity on one side: its rules: entry, else its default.
func ruleSetting(s *Side, catalogue map[string]finding.Rule, id string) (sev string, line int, known bool) {
	if s.Config != nil {
		if r, ok := s.Config.Rules[id]; ok {
			return r.Severity, r.Line, true
		}
	}
	if r, ok := catalogue[id]; ok {
		return r.Severity.String(), 0, true
	}
	return "", 0, false
}

func rules(base, head *Side) []Loosening {
	bcat, hcat := catalogue(base.Rules), catalogue(head.Rules)
	// A rule's default is the same on both sides unless its METADATA changed.
	defaults := map[string]finding.Rule{}
	for _, r := range governance.Rules {
		defaults[r.ID] = r
	}
	for id, r := range bcat {
		defaults[id] = r
	}
	for id, r := range hcat {
		defaults[id] = r
	}
	ids := map[string]bool{}
	for id := range defaults {
		ids[id] = true
	}
	for _, s := range []*Side{base, head} {
		if s.Config != nil {
			for id := range s.Config.Rules {
				ids[id] = true
			}
		}
	}
	baseDefaults := mergeCatalogue(defaults, bcat)
	headDefaults := mergeCatalogue(defaults, hcat)
	deleted := map[string]bool{}
	for _, f := range base.PolicyFiles {
		if !slices.Contains(head.PolicyFiles, f) {
			deleted[f] = true
		}
	}
	builtinOff := base.Config != nil && head.Config != nil && base.Config.BuiltinOn() && !head.Config.BuiltinOn()
	var out []Loosening
	for _, id := range sortedKeys(ids) {
		if id == finding.RuleLoad {
			continue
		}
		if r, ok := bcat[id]; ok && !isGovernance(id) {
			// The catalogue holds the rules in force: one the head's rules: turns off is
			// not removed but off, said below.
			if _, still := hcat[id]; !still && !turnedOff(head, id) {
				if deleted[r.Source] || (builtinOff && r.Source == finding.BuiltinSource) {
					continue // said by the deleted policy or builtin: false
				}
				out = append(out, Loosening{Kind: RuleRemoved, Subject: id, Before: r.Severity.String(), rule: id,
					Message: fmt.Sprintf("The rule %s (%s) no longer runs: the change removed it, or its package is no longer evaluated.", id, r.Source)})
				continue
			}
		}
		b, _, bok := ruleSetting(base, baseDefaults, id)
		h, line, hok := ruleSetting(head, headDefaults, id)
		if !bok || !hok || !finding.Looser(h, b) {
			continue
		}
		l := Loosening{Subject: id, Before: b, After: h, Line: line, rule: id}
		if line > 0 && head.Config != nil {
			l.File = head.Config.File
		}
		where := "by rules: in the config"
		if line == 0 {
			where = "by its policy's METADATA"
		}
		if h == "off" {
			l.Kind = RuleOff
			l.Message = fmt.Sprintf("The rule %s is turned off %s; it was %s, and its findings are no longer reported.", id, where, article(b))
		} else {
			l.Kind = RuleLowered
			l.Message = fmt.Sprintf("The rule %s is lowered from %s to %s %s.", id, b, h, where)
		}
		out = append(out, l)
	}
	return out
}

func turnedOff(s *Side, id string) bool {
	return s.Config != nil && s.Config.Rules[id].Severity == "off"
}

func article(sev string) string {
	if sev == "error" {
		return "an error"
	}
	return "a " + sev
}

func isGovernance(id string) bool { return id == governance.RuleExpired || id == governance.RuleUnused }

func catalogue(rs []finding.Rule) map[string]finding.Rule {
	m := map[string]finding.Rule{}
	for _, r := range rs {
		m[r.ID] = r
	}
	return m
}

func mergeCatalogue(defaults, own map[string]finding.Rule) map[string]finding.Rule {
	m := make(map[string]finding.Rule, len(defaults))
	for k, v := range defaults {
		m[k] = v
	}
	for k, v := range own {
		m[k] = v
	}
	return m
}

func policies(base, head *Side) []Loosening {
	var out []Loosening
	for _, f := range base.PolicyFiles {
		if !slices.Contains(head.PolicyFiles, f) {
			out = append(out, Loosening{Kind: PolicyDeleted, Subject: f, Before: f,
				Message: fmt.Sprintf("The policy file %s no longer runs: the change deleted it or took its directory out of policies:.", f)})
		}
	}
	return out
}

// shadows finds the built-in findings the head no longer reports on a ladder whose document
// did not change, in a change that adds or edits policy files, unless another loosening
// accounts for them. ladderctl refuses the ways it knows for a policy to silence the built-in
// rules; this headlines any other, one loosening per rule and ladder.
func shadows(base, head *Side, fixed []FindingChange, others []Loosening) []Loosening {
	edited := editedPolicies(base, head)
	if len(edited) == 0 {
		return nil
	}
	bcat := catalogue(base.Rules)
	same := unchangedLadders(base, head)
	var out []Loosening
	seen := map[[2]string]bool{}
	for _, f := range fixed {
		k := [2]string{f.Rule, f.Ladder}
		if bcat[f.Rule].Source != finding.BuiltinSource || !same[f.Ladder] || seen[k] || silencedBy(f.Finding, others, bcat) != "" {
			continue
		}
		seen[k] = true
		out = append(out, Loosening{Kind: PolicyShadows, Subject: f.Rule, Before: f.Ladder, After: edited, rule: f.Rule, ladder: f.Ladder,
			Message: fmt.Sprintf("The built-in rule %s no longer reports on ladder %s, which the change did not touch, while the change adds or edits %s: a policy may be silencing it.",
				f.Rule, f.Ladder, strings.Join(edited, ", "))})
	}
	return out
}

// editedPolicies lists the policy files the head adds, or holds with other contents.
func editedPolicies(base, head *Side) []string {
	var out []string
	for _, f := range head.PolicyFiles {
		if !slices.Contains(base.PolicyFiles, f) || base.PolicySums[f] != head.PolicySums[f] {
			out = append(out, f)
		}
	}
	return out
}

// unchangedLadders names the ladders whose documents are the same on both sides.
func unchangedLadders(base, head *Side) map[string]bool {
	docs := map[string]*ladder.Ladder{}
	for _, l := range base.Ladders {
		docs[l.Name] = l
	}
	out := map[string]bool{}
	for _, l := range head.Ladders {
		if b := docs[l.Name]; b != nil && b.Value != nil && l.Value != nil && b.Value.Compare(l.Value) == 0 {
			out[l.Name] = true
		}
	}
	return out
}

func baseline(base, head *Side) []Loosening {
	had := map[governance.Entry]int{}
	if base.Baseline != nil {
		for _, e := range base.Baseline.Findings {
			had[e]++
		}
	}
	var out []Loosening
	if head.Baseline == nil {
		return nil
	}
	for _, e := range head.Baseline.Findings {
		if had[e] > 0 {
			had[e]--
			continue
		}
		where := "on ladder " + e.Ladder
		if e.Level != "" {
			where += " at level " + e.Level
		}
		out = append(out, Loosening{Kind: BaselineAdded, Subject: e.Rule, After: e.Message, File: headBaselineFile(head),
			rule: e.Rule, ladder: e.Ladder, level: e.Level, message: e.Message,
			Message: fmt.Sprintf("The baseline now accepts a finding of %s %s: %q", e.Rule, where, e.Message)})
	}
	return out
}

func headBaselineFile(head *Side) string {
	if head.Config == nil || head.Config.Baseline == "" {
		return ""
	}
	return path.Join(path.Dir(head.Config.File), head.Config.Baseline)
}

// silencedBy returns the kind of the loosening that accounts for a finding the head no
// longer reports, or "" when the change really fixed it.
func silencedBy(f finding.Finding, ls []Loosening, base map[string]finding.Rule) string {
	source := base[f.Rule].Source
	for _, l := range ls {
		switch l.Kind {
		case RuleOff, RuleRemoved:
			if l.rule == f.Rule {
				return l.Kind
			}
		case WaiverAdded, WaiverExtended:
			if glob(l.rule, f.Rule) && glob(l.ladder, f.Ladder) && (l.level == "" || l.level == f.Level) {
				return l.Kind
			}
		case BaselineAdded:
			if l.rule == f.Rule && l.ladder == f.Ladder && l.level == f.Level && l.message == f.Message {
				return l.Kind
			}
		case PolicyDeleted:
			if source != "" && source == l.Subject {
				return l.Kind
			}
		case PolicyShadows:
			if l.rule == f.Rule && l.ladder == f.Ladder {
				return l.Kind
			}
		case BuiltinOff:
			if source == finding.BuiltinSource && !isGovernance(f.Rule) {
				return l.Kind
			}
		case NamespaceNarrowed, FailOnRelaxed, ParamLoosened, ParamChanged:
			// Their effect on one finding cannot be told apart from a fix: the findings they
			// clear are listed as fixed, under the headline that the rules were loosened.
		}
	}
	return ""
}

func glob(pattern, s string) bool {
	if pattern == "" || pattern == s {
		return true
	}
	ok, _ := path.Match(pattern, s)
	return ok
}
