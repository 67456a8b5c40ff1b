package report

import (
	"strings"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/version"
)

// Of builds the report of a check's result; showWaived lists what waivers and the baseline
// accepted.
func Of(r *check.Result, showWaived bool) *Report {
	rep := New(r.Set.Files, len(r.Set.Ladders), r.Outcome.Findings)
	rep.Summary.Waived, rep.Summary.Baselined = len(r.Outcome.Waived), len(r.Outcome.Baselined)
	rep.Rules = r.Rules
	for _, l := range r.Set.Ladders {
		rep.Ladders = append(rep.Ladders, Checked{Name: l.Name, File: l.File})
	}
	v := version.Get()
	rep.Tool = Tool{Name: "ladderctl", Version: v.Version, PackVersion: v.PackVersion, InfoURI: "https://github.com/ladderctl/ladderctl"}
	if showWaived {
		rep.Waived = append(append([]finding.Finding{}, r.Outcome.Waived...), r.Outcome.Baselined...)
		finding.Sort(rep.Waived)
	}
	for _, p := range r.Problems {
		rep.Errors = append(rep.Errors, p.Error())
	}
	for _, u := range r.Unchecked {
		rep.Unchecked = append(rep.Unchecked, u.Error())
	}
	rep.Summary.NothingChecked = strings.Join(rep.Unchecked, "; ")
	for _, p := range r.Packs {
		rep.Packs = append(rep.Packs, Pack{Ref: p.Ref, Digest: p.Digest.String()})
	}
	return rep
}
