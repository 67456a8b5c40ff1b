package schema

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// The loader checks ladders against its own shape table (internal/ladder/schema.go); the JSON
// Schema is reflected from the Go model. The tests below hold the two together: the first
// reads the table from its source and walks it beside the schema, the second asks the loader
// itself, one field at a time.

// loaderShape is one entry of the loader's shape table, as read from its source.
type loaderShape struct {
	kind     string // kindObject, kindMap, ...
	fields   []loaderField
	elem     *loaderShape
	enum     []string
	pattern  string
	minItems int
}

type loaderField struct {
	name     string
	required bool
	shape    *loaderShape
}

// shapeReader evaluates the declarations of schema.go that build the table: composite
// literals of shape and field, the string lists and constants they name, and
// regexp.MustCompile of a literal. Anything else fails the test, to be taught here.
type shapeReader struct {
	t      *testing.T
	fset   *token.FileSet
	values map[string]ast.Expr
	done   map[string]*loaderShape
}

func readLoaderTable(t *testing.T) *loaderShape {
	t.Helper()
	fset := token.NewFileSet()
	file := filepath.Join(repoRoot, "internal", "ladder", "schema.go")
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	r := &shapeReader{t: t, fset: fset, values: map[string]ast.Expr{}, done: map[string]*loaderShape{}}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range g.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok {
				continue
			}
			for i, name := range vs.Names {
				if i < len(vs.Values) {
					r.values[name.Name] = vs.Values[i]
				}
			}
		}
	}
	root, ok := r.values["ladderShape"]
	if !ok {
		t.Fatalf("%s declares no ladderShape; teach drift_test.go where the table starts", file)
	}
	return r.shape(root)
}

func (r *shapeReader) failf(n ast.Node, format string, args ...any) {
	r.t.Helper()
	r.t.Fatalf("%s: %s; teach drift_test.go to read it", r.fset.Position(n.Pos()), fmt.Sprintf(format, args...))
}

func (r *shapeReader) shape(e ast.Expr) *loaderShape {
	r.t.Helper()
	switch e := e.(type) {
	case *ast.Ident:
		if s, ok := r.done[e.Name]; ok {
			return s
		}
		v, ok := r.values[e.Name]
		if !ok {
			r.failf(e, "no declaration of %s", e.Name)
		}
		s := r.shape(v)
		r.done[e.Name] = s
		return s
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return r.shape(e.X)
		}
	case *ast.CompositeLit:
		if id, ok := e.Type.(*ast.Ident); ok && id.Name == "shape" {
			s := &loaderShape{}
			for _, el := range e.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					r.failf(el, "a shape literal without field names")
				}
				switch key := kv.Key.(*ast.Ident).Name; key {
				case "kind":
					s.kind = kv.Value.(*ast.Ident).Name
				case "fields":
					s.fields = r.fields(kv.Value)
				case "elem":
					s.elem = r.shape(kv.Value)
				case "enum":
					s.enum = r.strings(kv.Value)
				case "pattern":
					s.pattern = r.pattern(kv.Value)
				case "minItems":
					n, err := strconv.Atoi(kv.Value.(*ast.BasicLit).Value)
					if err != nil {
						r.failf(kv.Value, "minItems is not a number")
					}
					s.minItems = n
				case "noun", "hint":
					// words for messages
				default:
					r.failf(kv, "an unknown shape field %s", key)
				}
			}
			if s.kind == "" {
				s.kind = "kindObject" // the zero value
			}
			return s
		}
	}
	r.failf(e, "an expression that is not a shape")
	return nil
}

func (r *shapeReader) fields(e ast.Expr) []loaderField {
	r.t.Helper()
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		r.failf(e, "fields that are not a literal")
	}
	var out []loaderField
	for _, el := range lit.Elts {
		f, ok := el.(*ast.CompositeLit)
		if !ok || len(f.Elts) != 3 {
			r.failf(el, "a field that is not {name, required, shape}")
		}
		name := r.text(f.Elts[0])
		req, ok := f.Elts[1].(*ast.Ident)
		if !ok || (req.Name != "true" && req.Name != "false") {
			r.failf(f.Elts[1], "a required flag that is not true or false")
		}
		out = append(out, loaderField{name: name, required: req.Name == "true", shape: r.shape(f.Elts[2])})
	}
	return out
}

// strings reads a []string literal or the name of one, such as Scopes.
func (r *shapeReader) strings(e ast.Expr) []string {
	r.t.Helper()
	if id, ok := e.(*ast.Ident); ok {
		v, ok := r.values[id.Name]
		if !ok {
			r.failf(e, "no declaration of %s", id.Name)
		}
		return r.strings(v)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		r.failf(e, "an enum that is not a list of strings")
	}
	out := make([]string, len(lit.Elts))
	for i, el := range lit.Elts {
		out[i] = r.text(el)
	}
	return out
}

// text reads a string literal or a string constant.
func (r *shapeReader) text(e ast.Expr) string {
	r.t.Helper()
	switch e := e.(type) {
	case *ast.BasicLit:
		if s, err := strconv.Unquote(e.Value); err == nil {
			return s
		}
	case *ast.Ident:
		if v, ok := r.values[e.Name]; ok {
			return r.text(v)
		}
	}
	r.failf(e, "a value that is not a string")
	return ""
}

func (r *shapeReader) pattern(e ast.Expr) string {
	r.t.Helper()
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		r.failf(e, "a pattern that is not regexp.MustCompile(literal)")
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "MustCompile" {
		r.failf(e, "a pattern that is not regexp.MustCompile(literal)")
	}
	return r.text(call.Args[0])
}

// TestLoaderTableMatchesSchema walks the loader's table and the JSON Schema together.
func TestLoaderTableMatchesSchema(t *testing.T) {
	table := readLoaderTable(t)
	s, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range compareShape(s, table, s, "") {
		t.Error(d)
	}
}

// resolve follows a $ref into $defs.
func resolve(root, s *jsonschema.Schema) *jsonschema.Schema {
	if name, ok := strings.CutPrefix(s.Ref, "#/$defs/"); ok {
		return root.Definitions[name]
	}
	return s
}

// compareShape lists how the schema s at path differs from the loader's shape l.
func compareShape(root *jsonschema.Schema, l *loaderShape, s *jsonschema.Schema, path string) []string {
	s = resolve(root, s)
	at := path
	if at == "" {
		at = "the document"
	}
	var diffs []string
	differ := func(format string, args ...any) {
		diffs = append(diffs, at+": "+fmt.Sprintf(format, args...))
	}
	if s == nil {
		return []string{at + ": a $ref to no definition"}
	}
	wantType := map[string]string{
		"kindObject": "object", "kindMap": "object", "kindList": "array",
		"kindText": "string", "kindGrade": "integer", "kindNumber": "number",
	}[l.kind]
	switch l.kind {
	case "kindTextOrList":
		if len(s.OneOf) != 2 || s.OneOf[0].Type != "string" || s.OneOf[1].Type != "array" || s.OneOf[1].Items == nil || s.OneOf[1].Items.Type != "string" {
			differ("the loader takes a text or a list of texts; the schema does not say oneOf string, array of strings")
		}
		return diffs
	case "":
		return []string{at + ": a shape of no kind"}
	}
	if wantType == "" {
		return []string{fmt.Sprintf("%s: the loader's %s is new to drift_test.go", at, l.kind)}
	}
	if s.Type != wantType {
		differ("the loader wants %s (%s), the schema says type %q", wantType, l.kind, s.Type)
	}
	switch l.kind {
	case "kindObject":
		if s.AdditionalProperties == nil || s.AdditionalProperties != jsonschema.FalseSchema {
			differ("the loader refuses unknown fields; the schema does not say additionalProperties: false")
		}
		var props []string
		if s.Properties != nil {
			for p := s.Properties.Oldest(); p != nil; p = p.Next() {
				props = append(props, p.Key)
			}
		}
		var fields, required []string
		for _, f := range l.fields {
			fields = append(fields, f.name)
			if f.required {
				required = append(required, f.name)
			}
		}
		if !sameSet(fields, props) {
			differ("the loader's fields are %v, the schema's properties %v", fields, props)
		}
		if !sameSet(required, s.Required) {
			differ("the loader requires %v, the schema %v", required, s.Required)
		}
		for _, f := range l.fields {
			if p, ok := s.Properties.Get(f.name); ok {
				diffs = append(diffs, compareShape(root, f.shape, p, join(path, f.name))...)
			}
		}
	case "kindMap":
		if s.AdditionalProperties == nil || s.AdditionalProperties == jsonschema.FalseSchema {
			differ("the loader takes any key; the schema has no additionalProperties schema")
		} else {
			diffs = append(diffs, compareShape(root, l.elem, s.AdditionalProperties, join(path, "*"))...)
		}
	case "kindList":
		var min uint64
		if s.MinItems != nil {
			min = *s.MinItems
		}
		if min != uint64(l.minItems) {
			differ("the loader wants at least %d items, the schema %d", l.minItems, min)
		}
		if s.Items == nil {
			differ("the schema says nothing of the items")
		} else {
			diffs = append(diffs, compareShape(root, l.elem, s.Items, path+"[]")...)
		}
	case "kindText":
		enum := make([]string, 0, len(s.Enum)+1)
		for _, v := range s.Enum {
			enum = append(enum, fmt.Sprint(v))
		}
		if s.Const != nil {
			enum = append(enum, fmt.Sprint(s.Const))
		}
		if !slices.Equal(l.enum, enum) && !(len(l.enum) == 0 && len(enum) == 0) {
			differ("the loader's values are %v, the schema's %v", l.enum, enum)
		}
		if l.pattern != s.Pattern {
			differ("the loader's pattern is %q, the schema's %q", l.pattern, s.Pattern)
		}
	case "kindGrade":
		if s.Minimum != "0" {
			differ("the loader wants a grade of 0 or more; the schema's minimum is %q", s.Minimum)
		}
	}
	return diffs
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// TestDriftIsCaught breaks the loader's table in memory, one way at a time, and checks that
// the comparison sees it.
func TestDriftIsCaught(t *testing.T) {
	s, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	level := func(l *loaderShape) *loaderShape {
		spec := l.fields[3].shape
		return spec.fields[2].shape.elem.fields[3].shape.elem
	}
	for name, breakIt := range map[string]func(l *loaderShape){
		"a new field": func(l *loaderShape) {
			lv := level(l)
			lv.fields = append(lv.fields, loaderField{"band", false, &loaderShape{kind: "kindText"}})
		},
		"a field now needed":  func(l *loaderShape) { level(l).fields[3].required = true },
		"a new scope":         func(l *loaderShape) { level(l).fields[3].shape.enum = append(slices.Clone(ladder.Scopes), "galaxy") },
		"a changed pattern":   func(l *loaderShape) { l.fields[2].shape.fields[0].shape.pattern = "^[a-z]+$" },
		"levels may be empty": func(l *loaderShape) { l.fields[3].shape.fields[2].shape.elem.fields[3].shape.minItems = 0 },
	} {
		table := readLoaderTable(t)
		if level(table).fields[3].shape.enum == nil || l2name(level(table)) != "id,title,grade,scope,pay,summary,expectations" {
			t.Fatalf("the table moved: update the paths in TestDriftIsCaught")
		}
		breakIt(table)
		if len(compareShape(s, table, s, "")) == 0 {
			t.Errorf("%s: the drift test did not notice", name)
		}
	}
}

func l2name(l *loaderShape) string {
	var names []string
	for _, f := range l.fields {
		names = append(names, f.name)
	}
	return strings.Join(names, ",")
}

// TestLoaderAgrees asks the loader itself: a ladder with every field of the schema loads;
// without a field, it loads exactly when the schema says the field is optional; an unknown
// field never loads; and every enum value loads, and no other.
func TestLoaderAgrees(t *testing.T) {
	s, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	full := sample(s, s)
	load := func(doc any) bool {
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		ls, problems := ladder.Parse("probe.yaml", b)
		return len(ls) == 1 && len(problems) == 0
	}
	if !load(full) {
		b, _ := json.Marshal(full)
		_, problems := ladder.Parse("probe.yaml", b)
		t.Fatalf("the loader refuses a ladder with every field of the schema: %v", problems)
	}
	var walk func(schema *jsonschema.Schema, path []any)
	walk = func(schema *jsonschema.Schema, path []any) {
		schema = resolve(s, schema)
		switch {
		case schema.Type == "object" && schema.Properties != nil:
			for p := schema.Properties.Oldest(); p != nil; p = p.Next() {
				doc := sample(s, s)
				delete(at(doc, path).(map[string]any), p.Key)
				required := slices.Contains(schema.Required, p.Key)
				if load(doc) == required {
					t.Errorf("%v: the schema says %q is required: %v, the loader disagrees", path, p.Key, required)
				}
				walk(p.Value, append(slices.Clone(path), p.Key))
			}
			doc := sample(s, s)
			at(doc, path).(map[string]any)["zzUnknown"] = "x"
			if load(doc) {
				t.Errorf("%v: the loader takes an unknown field, the schema does not", path)
			}
		case schema.Type == "array" && schema.Items != nil:
			walk(schema.Items, append(slices.Clone(path), 0))
		case schema.Type == "string" && (schema.Enum != nil || schema.Const != nil):
			values := append(slices.Clone(schema.Enum), schema.Const)
			for _, v := range values {
				if v == nil {
					continue
				}
				doc := sample(s, s)
				set(doc, path, v)
				if !load(doc) {
					t.Errorf("%v: the schema allows %v, the loader refuses it", path, v)
				}
			}
			doc := sample(s, s)
			set(doc, path, "not-a-value")
			if load(doc) {
				t.Errorf("%v: the loader takes a value the schema does not list", path)
			}
		}
	}
	walk(s, nil)
}

// sample builds a value with every property the schema names: the first enum value or the
// const, a text that fits the pattern, one item in every list and one key in every map.
func sample(root, s *jsonschema.Schema) any {
	s = resolve(root, s)
	if len(s.OneOf) > 0 {
		return sample(root, s.OneOf[0])
	}
	switch {
	case s.Const != nil:
		return s.Const
	case len(s.Enum) > 0:
		return s.Enum[0]
	}
	switch s.Type {
	case "object":
		obj := map[string]any{}
		if s.Properties != nil {
			for p := s.Properties.Oldest(); p != nil; p = p.Next() {
				obj[p.Key] = sample(root, p.Value)
			}
		}
		if s.AdditionalProperties != nil && s.AdditionalProperties != jsonschema.FalseSchema {
			obj["key"] = sample(root, s.AdditionalProperties)
		}
		return obj
	case "array":
		return []any{sample(root, s.Items)}
	case "integer":
		return 1
	case "number":
		return 100
	case "string":
		switch s.Pattern {
		case "":
			return "text"
		case CurrencyPattern:
			return "EUR"
		default:
			return "name-1"
		}
	}
	panic(fmt.Sprintf("sample: no value for %+v", s))
}

func at(doc any, path []any) any {
	for _, k := range path {
		switch k := k.(type) {
		case string:
			doc = doc.(map[string]any)[k]
		case int:
			doc = doc.([]any)[k]
		}
	}
	return doc
}

func set(doc any, path []any, v any) {
	parent := at(doc, path[:len(path)-1])
	switch k := path[len(path)-1].(type) {
	case string:
		parent.(map[string]any)[k] = v
	case int:
		parent.([]any)[k] = v
	}
}
