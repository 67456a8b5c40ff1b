package check

import (
	"context"
	"slices"
	"strings"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/roster"
)

// RosterTag tags, in a rule's METADATA, the built-in rules that judge a roster: they are in
// force only in a run that counts one.
const RosterTag = "roster"

// countRoster counts the roster against every ladder of the run and gives the policies its
// aggregates, before any ladder is evaluated. It returns the rows that could not be counted.
func countRoster(ctx context.Context, r *roster.Roster, res *Result, engine *policy.Engine) []finding.Finding {
	res.Roster = r.Summarize(res.Set.Ladders)
	if engine != nil {
		if err := engine.SetRoster(ctx, res.Roster.Data()); err != nil {
			res.Problems = append(res.Problems, diag.From(err)...)
		}
	}
	return res.Roster.Problems
}

// withoutRosterRules leaves out of a run without a roster the built-in rules that judge one.
func withoutRosterRules(rules []finding.Rule) []finding.Rule {
	return slices.DeleteFunc(rules, func(r finding.Rule) bool {
		return r.Source == finding.BuiltinSource && slices.Contains(r.Tags, RosterTag)
	})
}

// withoutRosterWaivers leaves out the waivers of roster rules, in a run without a roster: they
// waive what only a roster run finds, and are not unused for being idle in lint.
func withoutRosterWaivers(cfg *config.Config) *config.Config {
	if !slices.ContainsFunc(cfg.Exceptions, rosterWaiver) {
		return cfg
	}
	c := *cfg
	c.Exceptions = slices.DeleteFunc(slices.Clone(cfg.Exceptions), rosterWaiver)
	return &c
}

func rosterWaiver(x config.Exception) bool { return strings.HasPrefix(x.Rule, RosterTag+"/") }
