// Package policy is the `ladderctl policy` command: the catalogue of the rules in force, and
// the policy packs of OCI registries.
package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/spf13/cobra"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/output"
	engine "github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/policysource"
	"github.com/ladderctl/ladderctl/internal/suggest"
)

// Options are the dependencies and settings of the policy subcommands.
type Options struct {
	IO *cli.IOStreams

	Dirs       []string
	Builtin    bool
	Namespaces []string
	Rules      map[string]config.RuleSetting
	RuleID     string               // for show
	Ref        string               // oci:// reference, for pull and push
	Dir        string               // the directory push publishes
	Sources    policysource.Options // for pull and push: --plain-http, --offline
	Packs      []policysource.Pack  // the oci:// packs the rules come from, as they resolved
}

// NewCmdPolicy builds `policy` with its subcommands list and show.
func NewCmdPolicy(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "List and describe the rules in force; pull and push policy packs",
	}
	cmd.AddCommand(newCmdList(f, runF), newCmdShow(f, runF), newCmdPull(f, runF), newCmdPush(f, runF))
	return cmd
}

func newCmdList(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the rules in force: id, severity, title and source",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.complete(f, cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runList(cmd.Context(), opts)
		},
	}
	addFlags(cmd, opts)
	return cmd
}

func newCmdShow(f *cli.Factory, runF func(context.Context, *Options) error) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:     "show RULE",
		Short:   "Describe a rule: what it checks, its params and an example that breaks it",
		Example: "  ladderctl policy show parity/pay",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cli.Usagef(errors.New("policy show takes one rule id, such as parity/pay; ladderctl policy list lists them"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.complete(f, cmd); err != nil {
				return err
			}
			opts.RuleID = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runShow(cmd.Context(), opts)
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 || opts.complete(f, cmd) != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			rules, err := catalogue(cmd.Context(), opts)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			ids := make([]string, len(rules))
			for i, r := range rules {
				ids[i] = r.ID + "\t" + r.Title
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
	}
	addFlags(cmd, opts)
	return cmd
}

func addFlags(cmd *cobra.Command, opts *Options) {
	cli.PolicyFlags(cmd)
	cmd.Flags().Bool("no-builtin", false, "leave out the built-in rule pack")
}

func (o *Options) complete(f *cli.Factory, cmd *cobra.Command) error {
	cfg, err := f.Bind(cmd)
	if err != nil {
		return err
	}
	s, err := f.Judging(cmd, cfg, nil)
	if err != nil {
		return err
	}
	o.Dirs, o.Builtin, o.Namespaces, o.Rules, o.Packs = s.Policies, s.Builtin, s.Namespaces, cfg.Rules, s.Packs
	return nil
}

// catalogue lists every rule in force: the Rego rules of the engine and, with the built-in
// pack, the rules written in Go.
func catalogue(ctx context.Context, o *Options) ([]finding.Rule, error) {
	e, err := engine.New(ctx, engine.Options{Builtin: o.Builtin, Dirs: o.Dirs, Namespaces: o.Namespaces})
	if err != nil {
		return nil, err
	}
	var rules []finding.Rule
	for _, r := range e.Rules() {
		rule := *r
		rule.Source = policysource.Show(o.Packs, rule.Source) // the pack's reference, not the cache's path
		rules = append(rules, rule)
	}
	if o.Builtin {
		for _, r := range governance.Rules {
			r.Source += " (config)"
			rules = append(rules, r)
		}
	}
	slices.SortFunc(rules, func(a, b finding.Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules, nil
}

func runList(ctx context.Context, o *Options) error {
	rules, err := catalogue(ctx, o)
	if err != nil {
		return err
	}
	t := tablewriter.NewTable(o.IO.Out,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
	)
	// A rule from a registry's pack shows the digest its reference resolved to, in a column
	// of its own when there is one.
	header := []any{"ID", "SEVERITY", "TITLE", "SOURCE"}
	if len(o.Packs) > 0 {
		header = append(header, "DIGEST")
	}
	t.Header(header...)
	for _, r := range rules {
		// METADATA is the policy author's text: ESC in it would reach the terminal.
		row := []any{output.Visible(r.ID), severity(r, o.Rules), output.Visible(r.Title), output.Visible(r.Source)}
		if len(o.Packs) > 0 {
			row = append(row, packDigest(o.Packs, r.Source))
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	return t.Render()
}

// severity is the default severity, with the config's override when there is one.
func severity(r finding.Rule, rules map[string]config.RuleSetting) string {
	if s, ok := rules[r.ID]; ok && s.Severity != r.Severity.String() {
		return fmt.Sprintf("%s (default %s)", s.Severity, r.Severity)
	}
	return r.Severity.String()
}

// packDigest is the digest of the pack a rule's source names, or "" for a rule of no pack.
func packDigest(packs []policysource.Pack, source string) string {
	if p, _, ok := policysource.Shown(packs, source); ok {
		return p.Digest.String()
	}
	return ""
}

func runShow(ctx context.Context, o *Options) error {
	rules, err := catalogue(ctx, o)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(rules, func(r finding.Rule) bool { return r.ID == o.RuleID })
	if i < 0 {
		ids := make([]string, len(rules))
		for j, r := range rules {
			ids[j] = r.ID
		}
		return fmt.Errorf("no rule has the id %q%s (ladderctl policy list lists the rules)", o.RuleID, suggest.DidYouMean(o.RuleID, ids))
	}
	return writeRule(o.IO.Out, rules[i], o.Rules, packDigest(o.Packs, rules[i].Source))
}

// paramText writes a param's default as the config would: a list in flow style
// (["Program Manager", "Product Manager"]), a mapping as JSON, anything else as it is.
func paramText(v any) string {
	switch v := v.(type) {
	case []any:
		items := make([]string, len(v))
		for i, e := range v {
			if s, ok := e.(string); ok {
				items[i] = strconv.Quote(s)
			} else {
				items[i] = fmt.Sprint(e)
			}
		}
		return "[" + strings.Join(items, ", ") + "]"
	case map[string]any:
		if j, err := json.Marshal(v); err == nil {
			return string(j)
		}
	}
	return fmt.Sprint(v)
}

func writeRule(w io.Writer, r finding.Rule, overrides map[string]config.RuleSetting, digest string) error {
	var b strings.Builder
	b.WriteString(output.Visible(strings.TrimSpace(r.ID + ": " + r.Title)))
	b.WriteString("\n")
	fmt.Fprintf(&b, "Severity: %s\nSource:   %s\n", severity(r, overrides), output.Visible(r.Source))
	if digest != "" {
		fmt.Fprintf(&b, "Digest:   %s\n", digest)
	}
	b.WriteString("\n")
	if r.Description != "" {
		b.WriteString(wrap(r.Description, 78) + "\n\n")
	}
	if r.Why != "" {
		b.WriteString("Why it matters:\n" + wrap(r.Why, 78) + "\n\n")
	}
	if len(r.Params) > 0 {
		b.WriteString("Params (set under params: in " + config.FileName + ", or with --param):\n")
		for _, p := range r.Params {
			fmt.Fprintf(&b, "  %s: %s", output.Visible(p.Name), output.Visible(paramText(p.Default)))
			if p.Looser != finding.LooserUnknown {
				fmt.Fprintf(&b, " (%s is looser)", p.Looser)
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	if r.Example != "" {
		b.WriteString("An example that breaks it:\n")
		for _, line := range strings.Split(strings.TrimRight(r.Example, "\n"), "\n") {
			b.WriteString("  " + line + "\n")
		}
		b.WriteString("\n")
	}
	if r.Fix != "" {
		b.WriteString("How to fix it:\n" + wrap(r.Fix, 78) + "\n\n")
	}
	if u := r.DocsURL(); u != "" {
		b.WriteString("More: " + u + "\n\n")
	}
	fmt.Fprintf(&b, "Change its severity or turn it off under rules: in %s (%s: %s | off)", config.FileName, r.ID, other(r.Severity))
	if strings.HasPrefix(r.Source, finding.BuiltinSource+" (config)") {
		b.WriteString(".\nIt judges the waivers themselves, so no waiver can accept its findings.\n")
	} else {
		fmt.Fprintf(&b, ";\naccept one finding with a waiver under exceptions: (rule: %s, reason: ..., expires: ...).\n", r.ID)
	}
	// The description and example keep their lines; every other control character in the
	// METADATA is shown as an escape.
	_, err := io.WriteString(w, output.VisibleLines(b.String()))
	return err
}

// other suggests a severity to change to: the one below the default, or error for info.
func other(s finding.Severity) string {
	if s == finding.Error {
		return "warning"
	}
	if s == finding.Warning {
		return "info"
	}
	return "error"
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(text) {
		if n > 0 && n+1+len(word) > width {
			b.WriteString("\n")
			n = 0
		} else if n > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(word)
		n += len(word)
	}
	return b.String()
}
