package policy

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
)

// Rules lists the rules in force, sorted by id.
func (e *Engine) Rules() []*finding.Rule {
	out := make([]*finding.Rule, 0, len(e.rules))
	for _, r := range e.rules {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *finding.Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Rule returns the rule with an id, or nil.
func (e *Engine) Rule(id string) *finding.Rule { return e.rules[id] }

// DeclaredParams returns the params some rule declares, by name.
func (e *Engine) DeclaredParams() map[string]finding.Param { return e.declared }

// declaredParams merges the params the rules declare with their defaults. The built-in
// rules come first, then the others by id, and the first to declare a name sets its
// default: a user's policy cannot move a built-in default, and every run agrees.
func declaredParams(rules map[string]*finding.Rule) map[string]finding.Param {
	ordered := slices.SortedFunc(maps.Values(rules), func(a, b *finding.Rule) int {
		return cmp.Or(cmp.Compare(sourceRank(a), sourceRank(b)), cmp.Compare(a.ID, b.ID))
	})
	out := map[string]finding.Param{}
	for _, r := range ordered {
		for _, p := range r.Params {
			if _, ok := out[p.Name]; !ok {
				out[p.Name] = p
			}
		}
	}
	return out
}

// defaults are the values of declared params.
func defaults(declared map[string]finding.Param) map[string]any {
	out := make(map[string]any, len(declared))
	for name, p := range declared {
		out[name] = p.Default
	}
	return out
}

func sourceRank(r *finding.Rule) int {
	if r.Source == finding.BuiltinSource {
		return 0
	}
	return 1
}

// catalogue finds the rule sets to evaluate (those of every package whose name passes the
// namespace globs; the built-in ones always) and what METADATA says of each. A user's rule
// set whose id is load or a built-in rule's is left out, with an error: its findings would
// pass for the built-in rule's, and a waiver or rules: entry of one would cover the other.
func catalogue(c *ast.Compiler, modules map[string]*ast.Module, namespaces []string) (map[string]*finding.Rule, []ruleSet, diag.List) {
	meta := map[string]*ast.AnnotationsRef{}
	for _, a := range c.GetAnnotationSet().Flatten() {
		if r := a.GetRule(); r != nil {
			meta[a.Path.String()] = a
		}
	}
	rules := map[string]*finding.Rule{}
	var sets []ruleSet
	seen := map[string]bool{}
	files := make([]string, 0, len(modules))
	for f := range modules {
		files = append(files, f)
	}
	// The built-in files first, so that their ids are known before any user's rule claims one.
	slices.SortFunc(files, func(a, b string) int {
		return cmp.Or(cmp.Compare(fileRank(a), fileRank(b)), cmp.Compare(a, b))
	})
	var errs diag.List
	for _, file := range files {
		m := modules[file]
		pkg := pkgName(m.Package.Path)
		builtin := isBuiltinPackage(m.Package.Path)
		if !builtin && !matchesAny(pkg, namespaces) {
			continue
		}
		for _, r := range m.Rules {
			name := r.Head.Name.String()
			if len(r.Head.Reference) > 0 {
				name = r.Head.Reference[0].Value.String()
			}
			if !ruleSetName.MatchString(name) {
				continue
			}
			ref := m.Package.Path.Append(ast.StringTerm(name))
			if seen[ref.String()] {
				continue
			}
			seen[ref.String()] = true
			rule := describe(meta[ref.String()], pkg, name, file, r.Location.Row)
			if !builtin {
				if err := claimsReserved(rules, rule, pkg, name, r.Location); err != nil {
					errs = append(errs, err)
					continue
				}
			}
			if prev, ok := rules[rule.ID]; !ok || prev.Title == "" {
				rules[rule.ID] = rule
			}
			sets = append(sets, ruleSet{pkg: pkg, name: name, ref: ref, rule: rule, multi: multiValue(c.GetRulesExact(ref))})
		}
	}
	slices.SortFunc(sets, func(a, b ruleSet) int { return cmp.Compare(a.ref.String(), b.ref.String()) })
	return rules, sets, errs
}

// multiValue tells whether rules are all multi-value (contains) rules.
func multiValue(rules []*ast.Rule) bool {
	for _, r := range rules {
		if r.Head.RuleKind() != ast.MultiValue || len(r.Head.Args) > 0 {
			return false
		}
	}
	return len(rules) > 0
}

func fileRank(name string) int {
	if isBuiltinFile(name) {
		return 0
	}
	return 1
}

// claimsReserved refuses a user's rule whose id (from custom.id) is load or that of a
// built-in rule in rules.
func claimsReserved(rules map[string]*finding.Rule, r *finding.Rule, pkg, name string, at *ast.Location) *diag.Error {
	whose := reservedID(rules, r.ID)
	if whose == "" {
		return nil
	}
	return &diag.Error{File: r.Source, Line: at.Row, Column: at.Col,
		Message: fmt.Sprintf("rule %s.%s takes the id %q, %s", pkg, name, r.ID, whose),
		Hint:    "give it an id of its own in custom.id, such as " + ownID(r.ID)}
}

// ownID suggests an id for a user's rule in place of a reserved one.
func ownID(id string) string { return "acme/" + path.Base(id) }

// reservedID says whose an id is when a user's rule may not use it, or "" when it may.
func reservedID(rules map[string]*finding.Rule, id string) string {
	if id == finding.RuleLoad {
		return "which ladderctl keeps for files it cannot read"
	}
	if r := rules[id]; r != nil && r.Source == finding.BuiltinSource {
		return "which is a built-in rule's"
	}
	return ""
}

// describe reads a rule set's METADATA; custom.id and custom.severity name it and set its
// default, custom.params declares the params it reads and custom.tags what it is about;
// custom.why says why it matters to people and custom.fix how to fix what it finds.
func describe(a *ast.AnnotationsRef, pkg, name, file string, line int) *finding.Rule {
	r := &finding.Rule{ID: pkg + "/" + name, Severity: conventionSeverity(name), Source: file, Line: line}
	if isBuiltinFile(file) {
		r.Source = finding.BuiltinSource
	}
	if a == nil || a.Annotations == nil {
		return r
	}
	an := a.Annotations
	r.Title, r.Description = an.Title, strings.TrimSpace(an.Description)
	if id, ok := an.Custom["id"].(string); ok && id != "" {
		r.ID = id
	}
	if s, ok := an.Custom["severity"].(string); ok {
		if sev, err := finding.ParseSeverity(s); err == nil {
			r.Severity = sev
		}
	}
	if p, ok := an.Custom["params"].(map[string]any); ok {
		r.Params = params(p)
	}
	if tags, ok := an.Custom["tags"].([]any); ok {
		for _, t := range tags {
			if t, ok := t.(string); ok {
				r.Tags = append(r.Tags, t)
			}
		}
	}
	if ex, ok := an.Custom["example"].(string); ok {
		r.Example = ex
	}
	r.Why, r.Fix = strings.TrimSpace(text(an.Custom["why"])), strings.TrimSpace(text(an.Custom["fix"]))
	return r
}

// paramKeys are the keys of a param's declaration in METADATA.
var paramKeys = []string{"default", "looser", "unit", "loosened"}

// params reads custom.params: each name maps to its declaration (default, looser: higher or
// lower, unit, loosened), or, as policies written before declarations did, to its default.
func params(declared map[string]any) []finding.Param {
	out := make([]finding.Param, 0, len(declared))
	for _, name := range slices.Sorted(maps.Keys(declared)) {
		p := finding.Param{Name: name, Default: declared[name]}
		if d, ok := declared[name].(map[string]any); ok && isDeclaration(d) {
			p.Default = d["default"]
			p.Looser, _ = finding.ParseDirection(text(d["looser"]))
			p.Unit, p.Loosened = text(d["unit"]), text(d["loosened"])
		}
		out = append(out, p)
	}
	return out
}

// isDeclaration tells a param's declaration from a default that is itself a mapping.
func isDeclaration(m map[string]any) bool {
	for k := range m {
		if !slices.Contains(paramKeys, k) {
			return false
		}
	}
	return len(m) > 0
}

func text(v any) string {
	s, _ := v.(string)
	return s
}

// conventionSeverity is conftest's: deny and violation fail, warn warns.
func conventionSeverity(name string) finding.Severity {
	if strings.HasPrefix(name, "warn") {
		return finding.Warning
	}
	return finding.Error
}

func matchesAny(pkg string, globs []string) bool {
	if len(globs) == 0 {
		return true
	}
	for _, g := range globs {
		if ok, _ := path.Match(g, pkg); ok || g == pkg {
			return true
		}
	}
	return false
}
