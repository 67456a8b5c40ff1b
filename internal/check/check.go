// Package check runs the whole check of a set of ladders: load them, evaluate the rules,
// apply the repository's decisions (severities, waivers, baseline). lint prints its result;
// diff runs it on both sides of a change.
package check

import (
	"context"
	"time"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/report"
	"github.com/ladderctl/ladderctl/internal/version"
)

// Input is what one check reads.
type Input struct {
	Config     *config.Config
	Paths      []string       // ladder files and directories
	Load       ladder.Options // limits and standard input
	Policy     policy.Options // policies, params, timeout; Now is set from Input.Now
	FlagParams map[string]any // --param values, to warn about those no rule reads
	Now        time.Time      // the run's clock: waivers expire against it
	Baseline   *governance.Baseline
	// Release drops each ladder's value and positions once it is judged, so that memory
	// stays flat over thousands of ladders; the Result's ladders then keep only their names.
	Release bool
}

// Result is what one check found.
type Result struct {
	Set      *ladder.Set
	Findings []finding.Finding // every finding, before the repository's decisions apply
	Outcome  governance.Outcome
	Rules    []finding.Rule // the rules in force
	Warnings diag.List      // settings that do nothing
	Problems diag.List      // what kept the check from being complete
}

// Run loads, evaluates and governs. It always returns a result: what could not be checked
// is in Problems, and everything else is still checked.
func Run(ctx context.Context, in Input) *Result {
	res := &Result{}
	opts := in.Policy
	opts.Now = PolicyClock(in.Now)
	engine, err := policy.New(ctx, opts)
	if err != nil {
		res.Problems = append(res.Problems, diag.From(err)...)
	}
	// Unless a policy reads every ladder at once, each is judged as soon as it is parsed,
	// while other files are still being read.
	var run *policy.Run
	load := in.Load
	if engine != nil && !engine.NeedsAll() {
		run = engine.Start(ctx)
		defer run.Stop()
		load.Each = func(l *ladder.Ladder) {
			run.Add(l)
			if in.Release {
				l.Release()
			}
		}
	}
	res.Set = ladder.Load(in.Paths, load)
	res.Findings = res.Set.Problems
	if engine != nil { // the rules that compiled still run when some of the user's did not
		var ids []string
		for _, r := range engine.Rules() {
			ids = append(ids, r.ID)
			res.Rules = append(res.Rules, *r)
		}
		var errs diag.List
		res.Warnings, errs = governance.Check(in.Config, ids, engine.DeclaredParams(), in.FlagParams)
		res.Problems = append(res.Problems, errs...)
		var found []finding.Finding
		if run != nil {
			found, err = run.Finish(res.Set.Ladders)
		} else {
			found, err = engine.Evaluate(ctx, res.Set.Ladders)
		}
		res.Findings = append(res.Findings, found...)
		if err != nil {
			res.Problems = append(res.Problems, diag.From(err)...)
		}
	}
	if len(in.Config.Exceptions) > 0 {
		res.Rules = append(res.Rules, governance.Rules...)
	}
	res.Rules = inForce(res.Rules, in.Config)
	res.Outcome = governance.Apply(res.Findings, in.Config, in.Now, in.Baseline)
	return res
}

// inForce applies the config's rules: settings to the catalogue of a run: a rule turned off
// is not in force, and one whose severity is changed is listed with its new one.
func inForce(rules []finding.Rule, cfg *config.Config) []finding.Rule {
	out := rules[:0]
	for _, r := range rules {
		f, on := finding.Finding{Severity: r.Severity}.Overridden(cfg.Rules[r.ID].Severity)
		if !on {
			continue
		}
		r.Severity = f.Severity
		out = append(out, r)
	}
	return out
}

// PolicyClock is the time policies see: the start of the run's day in UTC, so that two runs
// on one day print the same bytes while date logic in policies still works.
func PolicyClock(now time.Time) time.Time {
	return now.UTC().Truncate(24 * time.Hour)
}

// Report builds the report of a result; showWaived lists what waivers and the baseline
// accepted.
func (r *Result) Report(showWaived bool) *report.Report {
	rep := report.New(r.Set.Files, len(r.Set.Ladders), r.Outcome.Findings)
	rep.Summary.Waived, rep.Summary.Baselined = len(r.Outcome.Waived), len(r.Outcome.Baselined)
	rep.Rules = r.Rules
	for _, l := range r.Set.Ladders {
		rep.Ladders = append(rep.Ladders, report.Checked{Name: l.Name, File: l.File})
	}
	v := version.Get()
	rep.Tool = report.Tool{Name: "ladderctl", Version: v.Version, PackVersion: v.PackVersion, InfoURI: "https://github.com/ladderctl/ladderctl"}
	if showWaived {
		rep.Waived = append(append([]finding.Finding{}, r.Outcome.Waived...), r.Outcome.Baselined...)
		finding.Sort(rep.Waived)
	}
	for _, p := range r.Problems {
		rep.Errors = append(rep.Errors, p.Error())
	}
	return rep
}

// Complete tells whether everything was checked: no problem and no file that failed to load.
func (r *Result) Complete() bool {
	if len(r.Problems) > 0 {
		return false
	}
	for _, f := range r.Outcome.Findings {
		if f.IsLoadError() {
			return false
		}
	}
	return true
}

// Reaches tells whether a severity is at or above a fail-on threshold (error, warning,
// info, never).
func Reaches(worst finding.Severity, failOn string) bool {
	if failOn == "never" || worst == 0 {
		return false
	}
	threshold, err := finding.ParseSeverity(failOn)
	return err == nil && worst >= threshold
}
