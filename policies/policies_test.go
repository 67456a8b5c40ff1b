package policies_test

import (
	"context"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/policies"
)

// parseAll parses every embedded .rego file, tests included.
func parseAll(t *testing.T) map[string]*ast.Module {
	t.Helper()
	names, err := fs.Glob(policies.FS, "*.rego")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded policies: %v", err)
	}
	mods := map[string]*ast.Module{}
	for _, name := range names {
		src, err := fs.ReadFile(policies.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		mods[name] = m
	}
	return mods
}

// The pack is held to a stricter standard than user policies: strict mode, and only the
// builtins the sandbox allows.
func compileStrict(t *testing.T, mods map[string]*ast.Module) *ast.Compiler {
	t.Helper()
	c := ast.NewCompiler().WithCapabilities(policy.Capabilities()).WithStrict(true).WithEnablePrintStatements(true)
	c.Compile(mods)
	if c.Failed() {
		t.Fatalf("the built-in pack does not compile strictly:\n%v", c.Errors)
	}
	return c
}

func TestPackUnitTests(t *testing.T) {
	mods := parseAll(t)
	c := compileStrict(t, mods)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// The pack's own data, as the engine gives it; the tests set data.params themselves.
	store := inmem.NewFromObject(map[string]any{policy.BuiltinPrefix: policy.BuiltinData()})
	ch, err := tester.NewRunner().SetCompiler(c).SetModules(mods).SetStore(store).CapturePrintOutput(true).SetTimeout(time.Minute).RunTests(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for r := range ch {
		ran++
		if r.Error != nil {
			t.Errorf("%s.%s (%s): %v", r.Package, r.Name, r.Location, r.Error)
		} else if r.Fail {
			t.Errorf("%s.%s (%s) failed\n%s", r.Package, r.Name, r.Location, r.Output)
		}
	}
	if ran < 20 {
		t.Fatalf("only %d Rego tests ran; every rule should have tests that pass and fail", ran)
	}
}

// The ids of rules.md that are written in Rego; users configure and waive rules by them.
var documentedRules = map[string]finding.Severity{
	"structure/unique-ids":  finding.Error,
	"structure/grade-order": finding.Error,
	"structure/pay-range":   finding.Error,
	"structure/references":  finding.Error,
	"parity/top-grade":      finding.Error,
	"parity/peer-level":     finding.Error,
	"parity/pay":            finding.Error,
	"parity/scope":          finding.Warning,
	"paths/ic-growth":       finding.Error,
	"paths/two-way":         finding.Warning,
	"bands/monotonic":       finding.Error,
	"bands/spread":          finding.Warning,
	"bands/overlap":         finding.Warning,
	"content/expectations":  finding.Warning,
	"naming/ic-titles":      finding.Warning,
	"paths/ic-ceiling":      finding.Warning,
	"content/continuity":    finding.Warning,
	"roster/unknown-level":  finding.Error,
	"roster/ic-on-paper":    finding.Warning,
	"roster/outside-band":   finding.Warning,
	"roster/pay-parity":     finding.Warning,
	"roster/gender-gap":     finding.Warning,
}

func TestEveryDocumentedRuleHasMetadata(t *testing.T) {
	e, err := policy.New(context.Background(), policy.Options{Builtin: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range e.Rules() {
		ids = append(ids, r.ID)
		want, documented := documentedRules[r.ID]
		if !documented {
			t.Errorf("rule %s is not in rules.md", r.ID)
			continue
		}
		if r.Severity != want {
			t.Errorf("%s: default severity %s, rules.md says %s", r.ID, r.Severity, want)
		}
		if r.Title == "" || len(r.Description) < 40 || r.Example == "" {
			t.Errorf("%s: METADATA needs a title, a description of a sentence or more and an example", r.ID)
		}
		// The rule's page (docs/rules/) says why it matters to people and how to fix it.
		if len(r.Why) < 40 || len(r.Fix) < 20 {
			t.Errorf("%s: METADATA needs custom.why (why it matters to people) and custom.fix (how to fix it)", r.ID)
		}
		if r.Source != finding.BuiltinSource {
			t.Errorf("%s: source %q", r.ID, r.Source)
		}
	}
	for id := range documentedRules {
		if !slices.Contains(ids, id) {
			t.Errorf("rules.md rule %s is missing from the pack", id)
		}
	}
}

var paramNames = map[string][]string{
	"parity/pay":        {"parity_pay_tolerance"},
	"parity/scope":      {"parity_scope_slack"},
	"paths/ic-growth":   {"min_ic_levels_from_branch"},
	"bands/spread":      {"band_spread_max", "band_spread_min"},
	"bands/overlap":     {"band_overlap_max"},
	"naming/ic-titles":  {"ic_titles_allowed"},
	"roster/pay-parity": {"parity_pay_tolerance"},
	"roster/gender-gap": {"pay_gap_threshold"},
}

// Every built-in param declares a default (a number, or a list of texts), which way loosens
// it and the words diff uses when it does.
func TestParamsAreDeclared(t *testing.T) {
	e, err := policy.New(context.Background(), policy.Options{Builtin: true})
	if err != nil {
		t.Fatal(err)
	}
	for id, names := range paramNames {
		r := e.Rule(id)
		if r == nil {
			t.Errorf("no rule %s", id)
			continue
		}
		var declared []string
		for _, p := range r.Params {
			declared = append(declared, p.Name)
			if !numericOrTexts(p.Default) {
				t.Errorf("%s: param %s has no default that is a number or a list of texts: %v", id, p.Name, p.Default)
			}
			if p.Looser == finding.LooserUnknown || !strings.Contains(p.Loosened, "{value}") {
				t.Errorf("%s: param %s needs looser: higher or lower and a loosened: wording with {value}", id, p.Name)
			}
		}
		if !slices.Equal(declared, names) {
			t.Errorf("%s declares the params %v in METADATA custom.params, want %v", id, declared, names)
		}
	}
}

func numericOrTexts(v any) bool {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if _, ok := e.(string); !ok {
				return false
			}
		}
		return len(v) > 0
	case string, nil, bool:
		return false
	}
	return true
}

var ruleSetName = regexp.MustCompile(`^(deny|warn)_[a-z0-9_]+$`)

// Built-in rule names follow the conventions user policies follow, so that severity by
// name and by METADATA agree.
func TestRuleNamesMatchSeverity(t *testing.T) {
	for name, m := range parseAll(t) {
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		for _, r := range m.Rules {
			n := r.Head.Name.String()
			if r.Annotations == nil {
				continue
			}
			for _, a := range r.Annotations {
				sev, _ := a.Custom["severity"].(string)
				if sev == "" {
					continue
				}
				if !ruleSetName.MatchString(n) || (sev == "error") != strings.HasPrefix(n, "deny_") {
					t.Errorf("%s: rule %s has severity %s; name error rules deny_* and others warn_*", name, n, sev)
				}
			}
		}
	}
}
