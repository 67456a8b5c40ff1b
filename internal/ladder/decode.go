package ladder

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/suggest"
	"github.com/ladderctl/ladderctl/internal/yamlnode"
)

// aliasBudget bounds the nodes visited through aliases in one document, so that an alias
// bomb ("billion laughs") costs a few milliseconds and one clear error.
const aliasBudget = 100_000

// decoder walks the nodes of one ladder document once: it checks what the loader owns,
// records the position of every node and builds the OPA value policies read.
type decoder struct {
	file      string
	index     *posIndex
	problems  []finding.Finding
	failed    map[string]bool // paths already reported, so a bad value is not also "missing"
	dropped   int             // problems past maxProblems, counted rather than listed
	aliasLeft int
	exhausted bool
	levels    int // levels seen, against MaxLevels
}

// maxProblems caps the load findings of one file: past a screenful they stop helping.
const maxProblems = 50

func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.failed[path] = true
	if len(d.problems) >= maxProblems {
		d.dropped++
		return
	}
	d.problems = append(d.problems, finding.Finding{
		Rule:     finding.RuleLoad,
		Severity: finding.Error,
		Message:  fmt.Sprintf(format, args...),
		File:     d.file,
		Line:     n.Line,
		Column:   n.Column,
		Path:     strings.Clone(path), // a key as written shares the bytes of the whole file
	})
}

// walk checks n, the value at key (or index) of the node parent, against s and returns its
// value, or nil when n is null or unusable. It records where n is first: paths are built from
// the index only when a message needs one.
func (d *decoder) walk(n *yaml.Node, s *Shape, parent int32, key string, index int, inAlias bool) *ast.Term {
	self := d.index.add(parent, key, index, n.Line, n.Column) // an alias is where it is used
	if n.Kind == yaml.AliasNode {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		inAlias = true
	}
	if inAlias {
		d.aliasLeft--
		if d.aliasLeft < 0 {
			if !d.exhausted {
				d.exhausted = true
				d.fail(n, d.index.path(self), "this document expands aliases (*name) into more than %d values; write the values out instead of nesting aliases", aliasBudget)
			}
			return nil
		}
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return nil
	}
	switch s.Kind {
	case KindObject:
		return d.object(n, s, self, inAlias)
	case KindMap:
		return d.mapping(n, s, self, inAlias)
	case KindList:
		return d.list(n, s, self, inAlias)
	case KindTextOrList:
		if n.Kind == yaml.SequenceNode {
			return d.list(n, textList, self, inAlias)
		}
		return d.text(n, text, self)
	case KindExpectation:
		switch n.Kind {
		case yaml.SequenceNode:
			return d.list(n, textList, self, inAlias)
		case yaml.MappingNode:
			if hasKey(n, "proficiency", "text") {
				return d.object(n, s.Elem, self, inAlias)
			}
			d.fail(n, d.index.path(self), "%s must be a text, a list of texts, or {proficiency, text}, not %s", subject(d.index.path(self), s), yamlnode.Describe(n))
			return nil
		}
		return d.text(n, text, self)
	case KindPay:
		// A band names min or max; any other mapping gives one band per zone.
		if n.Kind == yaml.MappingNode && !hasKey(n, "min", "max") {
			return d.mapping(n, &Shape{Kind: KindMap, Noun: "pay zones", Elem: s.Elem}, self, inAlias)
		}
		return d.object(n, s.Elem, self, inAlias)
	case KindBool:
		return d.boolean(n, self)
	case KindAny:
		return d.anything(n, self, inAlias)
	case KindText:
		return d.text(n, s, self)
	case KindGrade:
		return d.grade(n, self)
	case KindNumber:
		return d.number(n, self)
	}
	return nil
}

func (d *decoder) object(n *yaml.Node, s *Shape, self int32, inAlias bool) *ast.Term {
	if n.Kind != yaml.MappingNode {
		d.fail(n, d.index.path(self), "%s must be a mapping of fields (key: value), not %s", subject(d.index.path(self), s), yamlnode.Describe(n))
		return nil
	}
	if s == levelShape {
		if d.levels++; d.levels == MaxLevels+1 {
			d.fail(n, d.index.path(self), "this ladder has more than %d levels, the most one ladder may hold; split it into one ladder per job family", MaxLevels)
		}
	}
	seen := d.keys(n, self)
	pairs := make([][2]*ast.Term, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen != nil && !seen[i] {
			continue
		}
		f := s.field(k.Value)
		if f == nil && strings.HasPrefix(k.Value, Extension) {
			f = &Field{Name: k.Value, Shape: anyValue}
		}
		if f == nil {
			d.fail(k, join(d.index.path(self), k.Value), "%s has no field %q%s", upper(noun(s)), k.Value, suggest.DidYouMean(k.Value, s.fieldNames()))
			if meant := suggest.Closest(k.Value, s.fieldNames()); meant != "" {
				d.failed[join(d.index.path(self), meant)] = true // a misspelt grade is not also a missing one
			}
			continue
		}
		if t := d.walk(v, f.Shape, self, f.Name, -1, inAlias); t != nil {
			pairs = append(pairs, [2]*ast.Term{keyTerm(f.Name), t})
		}
	}
	obj := ast.NewObject(pairs...)
	for _, f := range s.Fields {
		if f.Required && obj.Get(ast.InternedTerm(f.Name)) == nil && !d.reported(join(d.index.path(self), f.Name)) {
			d.fail(n, d.index.path(self), "%s has no %q; add it", upper(nameOf(s, obj)), f.Name)
		}
	}
	return ast.NewTerm(obj)
}

func (d *decoder) mapping(n *yaml.Node, s *Shape, self int32, inAlias bool) *ast.Term {
	if n.Kind != yaml.MappingNode {
		d.fail(n, d.index.path(self), "%s must be a mapping (key: value), not %s", subject(d.index.path(self), s), yamlnode.Describe(n))
		return nil
	}
	seen := d.keys(n, self)
	pairs := make([][2]*ast.Term, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if seen != nil && !seen[i] {
			continue
		}
		k := n.Content[i].Value
		elem := s.Elem
		if strings.HasPrefix(k, Extension) {
			elem = anyValue
		}
		if t := d.walk(n.Content[i+1], elem, self, k, -1, inAlias); t != nil {
			pairs = append(pairs, [2]*ast.Term{keyTerm(k), t})
		}
	}
	return ast.NewTerm(ast.NewObject(pairs...))
}

// keys reports duplicate and non-text keys of a mapping. It returns nil when every key is
// usable, else which key indices to keep: the first of each duplicate.
func (d *decoder) keys(n *yaml.Node, self int32) map[int]bool {
	var keep map[int]bool
	// A mapping of a ladder has a handful of keys: comparing each with those before it is
	// cheaper than a map until there are many.
	var first map[string]*yaml.Node
	if len(n.Content) > 32 {
		first = make(map[string]*yaml.Node, len(n.Content)/2)
	}
	earlier := func(i int) *yaml.Node {
		k := n.Content[i]
		if first != nil {
			prev := first[k.Value]
			if prev == nil {
				first[k.Value] = k
			}
			return prev
		}
		for j := 0; j < i; j += 2 {
			if p := n.Content[j]; p.Kind == yaml.ScalarNode && p.Value == k.Value && p.ShortTag() != "!!merge" {
				return p
			}
		}
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		bad := false
		switch {
		case k.Kind != yaml.ScalarNode:
			d.fail(k, d.index.path(self), "a key must be plain text, not %s", yamlnode.Describe(k))
			bad = true
		case k.ShortTag() == "!!merge":
			d.fail(k, d.index.path(self), "merge keys (<<) are not supported in ladders; write the fields out")
			bad = true
		default:
			if prev := earlier(i); prev != nil {
				d.fail(k, join(d.index.path(self), k.Value), "duplicate key %q: it is already set at line %d; keep one of the two", k.Value, prev.Line)
				bad = true
			}
		}
		if bad && keep == nil {
			keep = make(map[int]bool, len(n.Content)/2)
			for j := 0; j < i; j += 2 {
				keep[j] = true
			}
		}
		if keep != nil && !bad {
			keep[i] = true
		}
	}
	return keep
}

func (d *decoder) list(n *yaml.Node, s *Shape, self int32, inAlias bool) *ast.Term {
	if n.Kind != yaml.SequenceNode {
		d.fail(n, d.index.path(self), "%s must be a list, not %s", subject(d.index.path(self), s), yamlnode.Describe(n))
		return nil
	}
	if len(n.Content) < s.MinItems {
		d.fail(n, d.index.path(self), "%s is empty; list at least one", subject(d.index.path(self), s))
	}
	terms := make([]*ast.Term, 0, len(n.Content))
	for i, c := range n.Content {
		if t := d.walk(c, s.Elem, self, "", i, inAlias); t != nil {
			terms = append(terms, t)
		} else {
			// Keep indices aligned with the file so that paths from policies still resolve.
			terms = append(terms, ast.NullTerm())
		}
	}
	return ast.ArrayTerm(terms...)
}

func (d *decoder) text(n *yaml.Node, s *Shape, self int32) *ast.Term {
	if n.Kind != yaml.ScalarNode {
		d.fail(n, d.index.path(self), "%s must be text, not %s", subject(d.index.path(self), s), yamlnode.Describe(n))
		return nil
	}
	v := n.Value
	if s.Enum != nil && !slices.Contains(s.Enum, v) {
		if len(s.Enum) == 1 {
			d.fail(n, d.index.path(self), "%s must be %q, not %q", subject(d.index.path(self), s), s.Enum[0], v)
		} else {
			d.fail(n, d.index.path(self), "%s %q is not one of %s%s", subject(d.index.path(self), s), v, strings.Join(s.Enum, ", "), suggest.DidYouMean(v, s.Enum))
		}
		return nil
	}
	if s.Pattern != nil && !s.Pattern.MatchString(v) {
		d.fail(n, d.index.path(self), "%s %q must be %s", subject(d.index.path(self), s), v, s.Hint)
		return nil
	}
	return ast.StringTerm(v)
}

func (d *decoder) grade(n *yaml.Node, self int32) *ast.Term {
	g, ok := decimal(n)
	if !ok && (n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&g) != nil) || g < 0 {
		d.fail(n, d.index.path(self), "grade must be a whole number of 0 or more, not %s", yamlnode.Describe(n))
		return nil
	}
	return ast.InternedTerm(int(g))
}

func (d *decoder) number(n *yaml.Node, self int32) *ast.Term {
	if n.Kind == yaml.ScalarNode {
		switch n.ShortTag() {
		case "!!int":
			if _, ok := decimal(n); ok {
				return ast.NewTerm(ast.Number(n.Value)) // already as FormatInt would write it
			}
			var i int64
			if n.Decode(&i) == nil {
				return ast.NewTerm(ast.Number(strconv.FormatInt(i, 10)))
			}
		case "!!float":
			var f float64
			if n.Decode(&f) == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
				return ast.NewTerm(ast.Number(strconv.FormatFloat(f, 'f', -1, 64)))
			}
		}
	}
	d.fail(n, d.index.path(self), "%s must be a number, not %s", subject(d.index.path(self), number), yamlnode.Describe(n))
	return nil
}

func (d *decoder) boolean(n *yaml.Node, self int32) *ast.Term {
	var b bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		d.fail(n, d.index.path(self), "%s must be true or false, not %s", subject(d.index.path(self), nil), yamlnode.Describe(n))
		return nil
	}
	return ast.BooleanTerm(b)
}

// anything keeps the value of an x- field as it is written, with the position of every node,
// for user policies; it checks only what every value must be (keys, aliases, numbers).
func (d *decoder) anything(n *yaml.Node, self int32, inAlias bool) *ast.Term {
	switch n.Kind {
	case yaml.MappingNode:
		return d.mapping(n, &Shape{Kind: KindMap, Elem: anyValue}, self, inAlias)
	case yaml.SequenceNode:
		return d.list(n, &Shape{Kind: KindList, Elem: anyValue}, self, inAlias)
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return d.number(n, self)
	case "!!bool":
		return d.boolean(n, self)
	}
	return d.text(n, text, self)
}

// decimal reads a plain integer written the one way FormatInt writes it (no sign but '-',
// no leading zero, no underscore), the way ladders write grades and pay, without the
// reflection of Node.Decode. Other spellings of integers (0x1F, 0o17, +3) are Decode's.
func decimal(n *yaml.Node) (int64, bool) {
	v := n.Value
	if n.Kind != yaml.ScalarNode || n.Style != 0 || n.Tag != "!!int" || v == "" || len(v) > 18 {
		return 0, false
	}
	digits := strings.TrimPrefix(v, "-")
	if digits == "" || (digits[0] == '0' && len(digits) > 1) || (digits == "0" && v != "0") {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	i, err := strconv.ParseInt(v, 10, 64)
	return i, err == nil
}

// keyTerm is the term of a mapping key. The field names of the format are made once and
// shared by every ladder, as OPA shares its interned terms; other keys are made anew.
func keyTerm(k string) *ast.Term {
	if t, ok := fieldTerms[k]; ok {
		return t
	}
	return ast.StringTerm(k)
}

var fieldTerms = func() map[string]*ast.Term {
	terms := map[string]*ast.Term{}
	seen := map[*Shape]bool{}
	var visit func(*Shape)
	visit = func(s *Shape) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, f := range s.Fields {
			terms[f.Name] = ast.InternedTerm(f.Name)
			visit(f.Shape)
		}
		visit(s.Elem)
	}
	visit(ladderShape)
	return terms
}()

// hasKey tells whether a mapping node has one of the keys.
func hasKey(n *yaml.Node, keys ...string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if slices.Contains(keys, n.Content[i].Value) {
			return true
		}
	}
	return false
}

func (d *decoder) reported(path string) bool { return d.failed[path] }

func (s *Shape) field(name string) *Field {
	for i := range s.Fields {
		if s.Fields[i].Name == name {
			return &s.Fields[i]
		}
	}
	return nil
}

func (s *Shape) fieldNames() []string {
	names := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		names[i] = f.Name
	}
	return names
}

func join(path, key string) string {
	if path == "" {
		return elemString(key, true)
	}
	return path + elemString(key, false)
}

// subject names the node at path for a message: its key, or its path when that says more.
func subject(path string, s *Shape) string {
	if path == "" {
		return "the document"
	}
	if i := strings.LastIndexAny(path, ".]"); i >= 0 && path[i] == '.' {
		return path[i+1:]
	}
	return path
}

func noun(s *Shape) string {
	if s != nil && s.Noun != "" {
		return s.Noun
	}
	return "a value"
}

// nameOf names an object for a message: "the level IC3" when it has an id or name, else
// "a level".
func nameOf(s *Shape, obj ast.Object) string {
	for _, k := range []string{"id", "name"} {
		if t := obj.Get(ast.InternedTerm(k)); t != nil {
			if id, ok := t.Value.(ast.String); ok {
				return "the " + strings.TrimPrefix(strings.TrimPrefix(noun(s), "a "), "the ") + " " + string(id)
			}
		}
	}
	return noun(s)
}

func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
