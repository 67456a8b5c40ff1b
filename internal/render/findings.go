package render

import (
	"context"
	"time"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/policy"
)

// FindingsInput says how to judge a ladder: as lint judges it in the same repository.
type FindingsInput struct {
	Config *config.Config
	// Policy names the rules: the built-in pack, the user's directories and namespaces,
	// params, the timeout. Its Now is the clock policies see.
	Policy policy.Options
	Now    time.Time // waivers expire against it
}

// Findings evaluates the rules on one ladder and applies the repository's decisions
// (severity overrides, rules turned off, waivers, the baseline), so that the picture marks
// what ladderctl lint reports on that ladder. What kept the check from being complete (a
// policy that does not compile, a timeout, a baseline that cannot be read) is returned
// beside the findings that could still be made.
func Findings(ctx context.Context, l *ladder.Ladder, in FindingsInput) ([]finding.Finding, diag.List) {
	var problems diag.List
	engine, err := policy.New(ctx, in.Policy)
	if err != nil {
		problems = append(problems, diag.From(err)...)
	}
	if engine == nil {
		return nil, problems
	}
	found, err := engine.Evaluate(ctx, []*ladder.Ladder{l})
	if err != nil {
		problems = append(problems, diag.From(err)...)
	}
	var base *governance.Baseline
	if in.Config.Baseline != "" {
		if base, err = governance.ReadBaseline(in.Config.Resolve(in.Config.Baseline)); err != nil {
			problems = append(problems, diag.From(err)...)
		}
	}
	var out []finding.Finding
	for _, f := range governance.Apply(found, in.Config, in.Now, base).Findings {
		if f.Ladder == l.Name { // not the waivers' own findings, which concern the config
			out = append(out, f)
		}
	}
	finding.Sort(out)
	return out, problems
}
