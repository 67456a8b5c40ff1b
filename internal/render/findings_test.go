package render

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/policy"
)

// The picture marks what lint reports: the config's rules and waivers apply.
func TestFindingsFollowTheConfig(t *testing.T) {
	src, err := (&compare.Resolver{}).Resolve(context.Background(), repoRoot+"/docs/examples/unhealthy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	cfg := &config.Config{
		Dir:   ".",
		Rules: map[string]config.RuleSetting{"parity/pay": {Severity: "off"}, "paths/two-way": {Severity: "error"}},
		Exceptions: []config.Exception{
			{Rule: "naming/ic-titles", Ladder: "globex-*", Reason: "TLM is a hybrid role, reviewed"},
			{Rule: "parity/top-grade", Ladder: "sales", Reason: "another ladder's waiver"},
		},
	}
	found, problems := Findings(context.Background(), src.Loaded, FindingsInput{
		Config: cfg, Now: now, Policy: policy.Options{Builtin: true, Now: now},
	})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	var rules []string
	for _, f := range found {
		rules = append(rules, f.Rule)
		if f.Rule == "paths/two-way" && f.Severity != finding.Error {
			t.Errorf("paths/two-way has severity %s, want the config's error", f.Severity)
		}
	}
	for _, gone := range []string{"parity/pay", "naming/ic-titles", "exceptions/unused"} {
		if slices.Contains(rules, gone) {
			t.Errorf("%s is marked: %v", gone, rules)
		}
	}
	for _, kept := range []string{"parity/top-grade", "parity/peer-level", "content/expectations", "paths/two-way"} {
		if !slices.Contains(rules, kept) {
			t.Errorf("%s is not marked: %v", kept, rules)
		}
	}
}

func TestFindingsReportWhatCouldNotRun(t *testing.T) {
	src, err := (&compare.Resolver{}).Resolve(context.Background(), repoRoot+"/docs/examples/unhealthy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	found, problems := Findings(context.Background(), src.Loaded, FindingsInput{
		Config: &config.Config{Dir: "."},
		Policy: policy.Options{Builtin: true, Dirs: []string{t.TempDir() + "/missing"}},
	})
	if len(problems) == 0 {
		t.Error("a missing policy directory is not reported")
	}
	if len(found) == 0 {
		t.Error("the built-in rules did not run beside the missing directory")
	}
}
