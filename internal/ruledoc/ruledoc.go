// Package ruledoc writes the page of each built-in rule, docs/rules/<rule>.md, from the
// rule's METADATA: what it checks, why it matters to people, an example that breaks it, how
// to fix it and its params. SARIF's helpUri and `ladderctl policy show` point at the pages;
// a test keeps them as METADATA says.
package ruledoc

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/policy"
)

// Builtin lists every rule that ships with ladderctl: the Rego pack, the rules on the
// config, and the loader's; sorted by id.
func Builtin(ctx context.Context) ([]finding.Rule, error) {
	e, err := policy.New(ctx, policy.Options{Builtin: true})
	if err != nil {
		return nil, err
	}
	var rules []finding.Rule
	for _, r := range e.Rules() {
		rules = append(rules, *r)
	}
	rules = append(rules, governance.Rules...)
	rules = append(rules, finding.LoadRule)
	slices.SortFunc(rules, func(a, b finding.Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules, nil
}

const generated = "<!-- Written from the rule's METADATA by `go test ./internal/ruledoc -update`; edit the METADATA, not this page. -->\n\n"

// Page is the Markdown page of a rule.
func Page(r finding.Rule) string {
	var b strings.Builder
	b.WriteString(generated)
	fmt.Fprintf(&b, "# %s: %s\n\n", output.MarkdownCode(r.ID), output.MarkdownText(r.Title))
	fmt.Fprintf(&b, "Severity: **%s** by default.", r.Severity)
	if len(r.Tags) > 0 {
		tags := make([]string, len(r.Tags))
		for i, t := range r.Tags {
			tags[i] = output.MarkdownCode(t)
		}
		fmt.Fprintf(&b, " Tags: %s.", strings.Join(tags, ", "))
	}
	switch {
	case r.ID == finding.RuleLoad:
		b.WriteString(" Reported by the loader, before any rule runs.")
	case r.ConfigOnly:
		b.WriteString(" Judges the config file (`.ladderctl.yaml`), not the ladders.")
	}
	b.WriteString("\n\n## What it checks\n\n" + output.MarkdownText(r.Description) + "\n")
	if r.Why != "" {
		b.WriteString("\n## Why it matters\n\n" + output.MarkdownText(r.Why) + "\n")
	}
	if r.Example != "" {
		lang := "yaml"
		fmt.Fprintf(&b, "\n## An example that breaks it\n\n%s%s\n%s\n%s\n", fence(r.Example), lang, strings.TrimRight(r.Example, "\n"), fence(r.Example))
	}
	if r.Fix != "" {
		b.WriteString("\n## How to fix it\n\n" + output.MarkdownText(r.Fix) + "\n")
	}
	b.WriteString("\n## Params\n\n")
	if len(r.Params) == 0 {
		b.WriteString("It reads no params.\n")
	} else {
		b.WriteString("Set them under `params:` in `.ladderctl.yaml`, or with `--param NAME=VALUE`.\n\n| Param | Default | Looser when it is |\n|---|---|---|\n")
		for _, p := range r.Params {
			looser := "—"
			if p.Looser != finding.LooserUnknown {
				looser = p.Looser.String()
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", output.MarkdownCode(p.Name), output.MarkdownCode(value(p.Default)), looser)
		}
	}
	b.WriteString("\n## Turning it down\n\n")
	switch {
	case r.ID == finding.RuleLoad:
		b.WriteString("Load findings can be neither turned off nor waived: what cannot be read cannot be checked.\n")
	case r.ConfigOnly:
		fmt.Fprintf(&b, "Change its severity or turn it off under `rules:` in `.ladderctl.yaml`. It judges the waivers themselves, so no waiver can accept its findings.\n\n```yaml\nrules:\n  %s: %s   # or off\n```\n", r.ID, lower(r.Severity))
	default:
		fmt.Fprintf(&b, "Change its severity or turn it off under `rules:` in `.ladderctl.yaml`, or accept one finding with a waiver under `exceptions:`, which needs a reason and may expire:\n\n"+
			"```yaml\nrules:\n  %s: %s   # or off\nexceptions:\n  - rule: %s\n    ladder: sales             # a ladder name or glob; omit for all\n    level: S7                 # optional\n    reason: Reviewed with the people team in Q3\n    expires: 2027-06-30\n```\n", r.ID, lower(r.Severity), r.ID)
	}
	return b.String()
}

// Index is docs/rules/README.md: every rule with its title and default severity.
func Index(rules []finding.Rule) string {
	var b strings.Builder
	b.WriteString(generated)
	b.WriteString("# The built-in rules\n\nEach page says what the rule checks, why it matters to people, an example that breaks it, how to fix it and its params. `ladderctl policy show RULE` prints the same in a terminal.\n\n| Rule | Default severity | What it checks |\n|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [%s](%s) | %s | %s |\n", output.MarkdownCode(r.ID), finding.DocsFile(r.ID), r.Severity, output.MarkdownText(r.Title))
	}
	return b.String()
}

// lower suggests the severity to turn a rule down to.
func lower(s finding.Severity) string {
	if s > finding.Info {
		return (s - 1).String()
	}
	return "off"
}

// value writes a param's default as it is written in the config.
func value(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.ReplaceAll(string(b), `","`, `", "`)
}

// fence is a code fence longer than any run of backticks in the example.
func fence(s string) string {
	f := "```"
	for strings.Contains(s, f) {
		f += "`"
	}
	return f
}
