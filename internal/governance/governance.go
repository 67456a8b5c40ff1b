// Package governance applies what a repository decides about its rules: severity overrides,
// rules turned off, and the checks that keep those decisions honest.
package governance

import (
	"fmt"
	"maps"
	"slices"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/report"
	"github.com/ladderctl/ladderctl/internal/suggest"
)

// Apply gives findings the severity the config's rules: sets, and drops those of rules
// turned off. Load findings are never changed: a file that cannot be read cannot be judged.
func Apply(findings []report.Finding, rules map[string]config.RuleSetting) []report.Finding {
	if len(rules) == 0 {
		return findings
	}
	out := findings[:0]
	for _, f := range findings {
		if s, ok := rules[f.Rule]; ok && f.Rule != report.RuleLoad {
			if s.Severity == "off" {
				continue
			}
			f.Severity, _ = report.ParseSeverity(s.Severity)
		}
		out = append(out, f)
	}
	return out
}

// Check finds settings that would silently do nothing: a rules: entry for a rule that does
// not exist or for load, and a param no rule reads. Each is a warning at its line.
func Check(cfg *config.Config, ruleIDs []string, declared map[string]any, flagParams map[string]any) (warnings, errs diag.List) {
	for _, id := range slices.Sorted(maps.Keys(cfg.Rules)) {
		s := cfg.Rules[id]
		switch {
		case id == report.RuleLoad:
			errs = append(errs, &diag.Error{File: cfg.File, Line: s.Line, Column: s.Column,
				Message: "the load rule cannot be configured: a file that cannot be read cannot be judged", Hint: "remove this entry and fix the file instead"})
		case !slices.Contains(ruleIDs, id):
			warnings = append(warnings, &diag.Error{File: cfg.File, Line: s.Line, Column: s.Column,
				Message: fmt.Sprintf("no rule has the id %q%s", id, suggest.DidYouMean(id, ruleIDs)), Hint: "`ladderctl policy list` lists the rules"})
		}
	}
	names := slices.Sorted(maps.Keys(declared))
	for _, name := range slices.Sorted(maps.Keys(cfg.Params)) {
		if _, ok := declared[name]; !ok {
			p := cfg.Params[name]
			warnings = append(warnings, &diag.Error{File: cfg.File, Line: p.Line, Column: p.Column,
				Message: fmt.Sprintf("no rule reads the param %q%s", name, suggest.DidYouMean(name, names)), Hint: "a misspelt param changes nothing"})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(flagParams)) {
		if _, ok := declared[name]; !ok {
			warnings = append(warnings, &diag.Error{File: "--param", Message: fmt.Sprintf("no rule reads the param %q%s", name, suggest.DidYouMean(name, names)), Hint: "a misspelt param changes nothing"})
		}
	}
	return warnings, errs
}
