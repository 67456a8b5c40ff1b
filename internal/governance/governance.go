// Package governance applies what a repository decides about its rules: severity overrides,
// rules turned off, waivers that expire, and a baseline of accepted findings; and it checks
// that those decisions stay honest.
package governance

import (
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"slices"
	"time"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/suggest"
)

// The rules written in Go: they judge the config file, not ladders.
const (
	RuleExpired = "exceptions/expired"
	RuleUnused  = "exceptions/unused"
)

// Rules lists the rules written in Go.
var Rules = []finding.Rule{
	{
		ID: RuleExpired, Severity: finding.Error, Source: finding.BuiltinSource, ConfigOnly: true,
		Title:       "No waiver has passed its expiry date",
		Description: "A waiver in the config accepts a finding until its expires date (compared in UTC). After that date it waives nothing and is reported, so that an accepted gap is looked at again rather than forgotten. Renew it with a new date and reason, or fix the ladder and remove it.",
		Why:         "A waiver is a promise to look at a gap again. Once its date has passed, the gap it accepted is back in force and the waiver only hides that nobody did.",
		Fix:         "Fix the ladder and remove the waiver, or renew it with a new expires date and a reason that says why the gap is still accepted.",
		Example:     "exceptions:\n  - rule: parity/top-grade\n    ladder: sales\n    reason: Sales leadership track reviewed in Q3\n    expires: 2020-06-30",
	},
	{
		ID: RuleUnused, Severity: finding.Warning, Source: finding.BuiltinSource, ConfigOnly: true,
		Title:       "Every waiver matches a finding",
		Description: "A waiver that matches no finding is left over from a problem that was fixed, or is misspelt and waives nothing. Remove it, or correct its rule, ladder or level.",
		Why:         "A waiver that waives nothing misleads whoever reads the config: it looks as if a gap were accepted when it is fixed, or as if one were accepted when a misspelling lets it through.",
		Fix:         "Remove the waiver if the gap was fixed; otherwise correct its rule, ladder or level so that it matches the finding it was meant for.",
		Example:     "exceptions:\n  - rule: parity/top-grad   # misspelt: matches nothing\n    reason: Reviewed in Q3",
	},
}

// Outcome is what remains of a run's findings once the repository's decisions apply.
type Outcome struct {
	Findings  []finding.Finding // reported, including findings about the waivers themselves
	Waived    []finding.Finding // accepted by a waiver
	Baselined []finding.Finding // accepted by the baseline
}

// Apply gives findings the severity the config's rules: sets, drops those of rules turned
// off, sets aside those a waiver or the baseline accepts, and reports expired and unused
// waivers. Load findings are never changed or accepted: a file that cannot be read cannot
// be judged. now is compared, in UTC, with the waivers' expiry dates.
func Apply(findings []finding.Finding, cfg *config.Config, now time.Time, base *Baseline) Outcome {
	var out Outcome
	today := now.UTC().Truncate(24 * time.Hour)
	used := make([]bool, len(cfg.Exceptions))
	remaining := base.counts()
	for _, f := range findings {
		if f.Rule != finding.RuleLoad {
			var keep bool
			if f, keep = override(f, cfg.Rules); !keep {
				continue
			}
			if i := waiver(f, cfg.Exceptions, today); i >= 0 {
				used[i] = true
				out.Waived = append(out.Waived, f)
				continue
			}
			if k := keyOf(f); remaining[k] > 0 {
				remaining[k]--
				out.Baselined = append(out.Baselined, f)
				continue
			}
		}
		out.Findings = append(out.Findings, f)
	}
	for i, x := range cfg.Exceptions {
		var f finding.Finding
		switch {
		case expired(x, today):
			f = finding.Finding{Rule: RuleExpired, Severity: finding.Error, Message: fmt.Sprintf(
				"The waiver of %s expired on %s, so it no longer waives anything (its reason: %q). Renew it with a new date and reason, or fix the finding and remove the waiver.",
				x.Describe(), x.Expires.Format(time.DateOnly), x.Reason)}
		case !used[i] && x.Rule != finding.RuleLoad: // a load waiver is already an error in Check
			f = finding.Finding{Rule: RuleUnused, Severity: finding.Warning, Message: fmt.Sprintf(
				"The waiver of %s matches no finding. Remove it if the problem was fixed, or correct its rule, ladder or level.", x.Describe())}
		default:
			continue
		}
		f.File, f.Line, f.Column, f.Path = cfg.File, x.Line, x.Column, fmt.Sprintf("exceptions[%d]", i)
		if f, keep := override(f, cfg.Rules); keep {
			out.Findings = append(out.Findings, f)
		}
	}
	return out
}

// override applies a rules: setting; it returns false for a rule turned off.
func override(f finding.Finding, rules map[string]config.RuleSetting) (finding.Finding, bool) {
	return f.Overridden(rules[f.Rule].Severity)
}

// waiver returns the index of the first active waiver that accepts f, or -1.
func waiver(f finding.Finding, exceptions []config.Exception, today time.Time) int {
	for i, x := range exceptions {
		if expired(x, today) || !glob(x.Rule, f.Rule) || !glob(x.Ladder, f.Ladder) || (x.Level != "" && x.Level != f.Level) {
			continue
		}
		if x.Rule == RuleExpired || x.Rule == RuleUnused {
			continue // a waiver cannot excuse the waivers themselves
		}
		return i
	}
	return -1
}

// expired tells whether a waiver's last day is before today.
func expired(x config.Exception, today time.Time) bool {
	return x.Expires != nil && x.Expires.Before(today)
}

// glob matches a waiver's pattern; an empty pattern matches everything.
func glob(pattern, s string) bool {
	if pattern == "" || pattern == s {
		return true
	}
	ok, _ := path.Match(pattern, s)
	return ok
}

// Check finds settings that would silently do nothing or undo what cannot be undone: a
// rules: entry for load (an error) or for a rule that does not exist, and a param no rule
// reads (warnings). Each is at its line in the config.
func Check(cfg *config.Config, ruleIDs []string, declared map[string]finding.Param, flagParams map[string]any) (warnings, errs diag.List) {
	ruleIDs = append(slices.Clone(ruleIDs), RuleExpired, RuleUnused)
	for _, id := range slices.Sorted(maps.Keys(cfg.Rules)) {
		s := cfg.Rules[id]
		switch {
		case id == finding.RuleLoad:
			errs = append(errs, &diag.Error{File: cfg.File, Line: s.Line, Column: s.Column,
				Message: "the load rule cannot be configured: a file that cannot be read cannot be judged", Hint: "remove this entry and fix the file instead"})
		case !slices.Contains(ruleIDs, id):
			warnings = append(warnings, &diag.Error{File: cfg.File, Line: s.Line, Column: s.Column,
				Message: fmt.Sprintf("no rule has the id %q%s", id, suggest.DidYouMean(id, ruleIDs)), Hint: "`ladderctl policy list` lists the rules"})
		}
	}
	for _, x := range cfg.Exceptions {
		if x.Rule == finding.RuleLoad {
			errs = append(errs, &diag.Error{File: cfg.File, Line: x.Line, Column: x.Column,
				Message: "the load rule cannot be waived: a file that cannot be read cannot be judged", Hint: "remove this waiver and fix the file instead"})
		}
	}
	names := slices.Sorted(maps.Keys(declared))
	checkParam := func(name string, value any, at *diag.Error) {
		p, ok := declared[name]
		def := p.Default
		switch {
		case !ok:
			at.Message, at.Hint = fmt.Sprintf("no rule reads the param %q%s", name, suggest.DidYouMean(name, names)), "a misspelt param changes nothing"
			warnings = append(warnings, at)
		case kind(value) != kind(def):
			// A rule comparing a number with a text would silently find nothing.
			at.Message, at.Hint = fmt.Sprintf("the param %s must be %s such as %v, not %s %v", name, kind(def), def, kind(value), value), "write it without quotes"
			errs = append(errs, at)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(cfg.Params)) {
		p := cfg.Params[name]
		checkParam(name, p.Value, &diag.Error{File: cfg.File, Line: p.Line, Column: p.Column})
	}
	for _, name := range slices.Sorted(maps.Keys(flagParams)) {
		checkParam(name, flagParams[name], &diag.Error{File: "--param"})
	}
	return warnings, errs
}

// kind names the JSON type of a param value, as a user would say it.
func kind(v any) string {
	switch v.(type) {
	case int, int64, float64, uint64, json.Number:
		return "a number"
	case bool:
		return "true or false"
	case string:
		return "a text"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case nil:
		return "empty"
	}
	return fmt.Sprintf("%T", v)
}
