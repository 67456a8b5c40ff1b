package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

var update = flag.Bool("update", false, "rewrite testdata/ladder.schema.json")

// repoRoot is the repository, seen from this package's directory, where go test runs.
const repoRoot = "../.."

// compile compiles the generated schema with a validator that implements draft 2020-12,
// which also checks the schema against the draft's metaschema.
func compile(t testing.TB) *jsonschema.Schema {
	t.Helper()
	b, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(ID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(ID)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return s
}

// documents reads every YAML document of data as the JSON value an editor validates.
func documents(t testing.TB, data []byte) []any {
	t.Helper()
	var out []any
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, toJSON(t, v))
	}
}

// toJSON turns a value decoded from YAML into one decoded from JSON (numbers as json.Number),
// as the validator expects.
func toJSON(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGolden(t *testing.T) {
	got, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := JSON()
	if !bytes.Equal(got, again) {
		t.Fatal("two runs gave different schemas")
	}
	golden := filepath.Join("testdata", "ladder.schema.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the schema changed; review it with go test ./internal/schema/ -update && git diff %s", golden)
	}
	if bytes.Contains(got, []byte(`\u00`)) {
		t.Errorf("the schema escapes characters that JSON allows as they are")
	}
}

func TestHeader(t *testing.T) {
	s := Generate()
	if s.Version != "https://json-schema.org/draft/2020-12/schema" || s.ID != ID || s.Title == "" || s.Description == "" {
		t.Errorf("$schema %q, $id %q, title %q, description %q", s.Version, s.ID, s.Title, s.Description)
	}
}

func TestExamplesAreValid(t *testing.T) {
	s := compile(t)
	files, _ := filepath.Glob(filepath.Join(repoRoot, "ladders", "*.yaml"))
	files = append(files, filepath.Join(repoRoot, "docs", "examples", "unhealthy.yaml"))
	if len(files) < 3 {
		t.Fatalf("found only %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs := documents(t, data)
		if len(docs) == 0 {
			t.Errorf("%s: no document", f)
		}
		for i, d := range docs {
			if err := s.Validate(d); err != nil {
				t.Errorf("%s, document %d: %v", f, i+1, err)
			}
		}
	}
}

// base is a small valid ladder that the cases below break one way each.
const base = `apiVersion: ladderctl/v1
kind: Ladder
metadata:
  name: tiny
  labels: {division: product}
spec:
  currency: USD
  competencies:
    - {id: craft, name: Craft}
  tracks:
    - id: ic
      type: ic
      levels:
        - id: IC1
          title: Engineer
          grade: 1
          scope: team
          pay: {min: 100000, max: 150000}
          expectations:
            craft: Writes code.
        - id: IC2
          title: Senior Engineer
          grade: 2
          expectations:
            craft: [Designs systems., Reviews code.]
  transitions:
    - {from: IC1, to: IC2}
`

// small is the smallest valid ladder, for breaking the lists.
const small = `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: small}
spec:
  tracks:
    - {id: ic, type: ic, levels: [{id: IC1, title: Engineer, grade: 1}]}
`

func TestBaseIsValid(t *testing.T) {
	s := compile(t)
	for _, doc := range []string{base, small} {
		if err := s.Validate(documents(t, []byte(doc))[0]); err != nil {
			t.Fatal(err)
		}
		if ls, problems := ladder.Parse("base.yaml", []byte(doc)); len(ls) != 1 || len(problems) > 0 {
			t.Fatalf("the loader refuses the base ladder: %v", problems)
		}
	}
}

// TestStructuralErrorsAreInvalid breaks the base ladder one way at a time: the schema must
// refuse each, and so must the loader where the loader owns the check (the others are rules
// of the pack, such as structure/pay-range).
func TestStructuralErrorsAreInvalid(t *testing.T) {
	s := compile(t)
	for _, c := range []struct {
		name      string
		old, new  string
		byLoader  bool
		wantInErr string
	}{
		{"grade is text", "grade: 1\n", "grade: five\n", true, "grade"},
		{"grade is negative", "grade: 1\n", "grade: -1\n", true, "grade"},
		{"grade is a decimal", "grade: 1\n", "grade: 1.5\n", true, "grade"},
		{"levels is a map", "[{id: IC1, title: Engineer, grade: 1}]", "{IC1: {id: IC1, title: Engineer, grade: 1}}", true, "levels"},
		{"levels is empty", "[{id: IC1, title: Engineer, grade: 1}]", "[]", true, "levels"},
		{"tracks is empty", "\n    - {id: ic, type: ic, levels: [{id: IC1, title: Engineer, grade: 1}]}", " []", true, "tracks"},
		{"tracks is text", "\n    - {id: ic, type: ic, levels: [{id: IC1, title: Engineer, grade: 1}]}", " ic", true, "tracks"},
		{"no title", "          title: Engineer\n", "", true, "title"},
		{"no grade", "          grade: 1\n", "", true, "grade"},
		{"no tracks", "  tracks:\n", "  trackz:\n", true, "tracks"},
		{"no metadata.name", "  name: tiny\n", "  title: Tiny\n", true, "name"},
		{"no apiVersion", "apiVersion: ladderctl/v1\n", "", true, "apiVersion"},
		{"wrong apiVersion", "apiVersion: ladderctl/v1\n", "apiVersion: ladderctl/v2\n", true, "apiVersion"},
		{"unknown field grdae", "grade: 2\n", "grade: 2\n          grdae: 2\n", true, "grdae"},
		{"unknown field in metadata", "  name: tiny\n", "  name: tiny\n  team: platform\n", true, "team"},
		{"unknown field in pay", "{min: 100000, max: 150000}", "{min: 100000, max: 150000, mid: 120000}", true, "mid"},
		{"unknown top-level field", "kind: Ladder\n", "kind: Ladder\nstatus: draft\n", true, "status"},
		{"type manager", "      type: ic\n", "      type: manager\n", true, "type"},
		{"scope galaxy", "scope: team", "scope: galaxy", true, "scope"},
		{"name with capitals", "name: tiny", "name: Tiny", true, "name"},
		{"name starting with a dash", "name: tiny", "name: -tiny", true, "name"},
		{"name with a space", "name: tiny", "name: tiny ladder", true, "name"},
		{"currency lower case", "currency: USD", "currency: usd", true, "currency"},
		{"currency too long", "currency: USD", "currency: USDX", true, "currency"},
		{"pay min 0", "min: 100000", "min: 0", false, "min"},
		{"pay min negative", "min: 100000", "min: -5", false, "min"},
		{"pay max negative", "max: 150000", "max: -1", false, "max"},
		{"pay min is text", "min: 100000", "min: lots", true, "min"},
		{"pay without max", "{min: 100000, max: 150000}", "{min: 100000}", true, "max"},
		{"pay without currency", "  currency: USD\n", "", false, "currency"},
		{"expectation is a number", "craft: Writes code.", "craft: 42", false, "craft"}, // the loader reads any scalar as text
		{"expectation is a map", "craft: Writes code.", "craft: {a: b}", true, "craft"},
		{"expectation list holds a number", "[Designs systems., Reviews code.]", "[Designs systems., 7]", false, "craft"},
		{"labels hold a list", "{division: product}", "{division: [a, b]}", true, "division"},
		{"transition without to", "{from: IC1, to: IC2}", "{from: IC1}", true, "to"},
		{"competency without name", "{id: craft, name: Craft}", "{id: craft}", true, "name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			from := base
			if !strings.Contains(from, c.old) {
				from = small
			}
			if !strings.Contains(from, c.old) {
				t.Fatalf("neither base ladder has %q", c.old)
			}
			broken := strings.Replace(from, c.old, c.new, 1)
			err := s.Validate(documents(t, []byte(broken))[0])
			if err == nil {
				t.Fatalf("the schema accepts:\n%s", broken)
			}
			if !strings.Contains(err.Error(), c.wantInErr) {
				t.Errorf("the error does not name %q:\n%v", c.wantInErr, err)
			}
			if c.byLoader {
				if ls, problems := ladder.Parse("broken.yaml", []byte(broken)); len(ls) > 0 || len(problems) == 0 {
					t.Errorf("the schema refuses it, but the loader accepts it:\n%s", broken)
				}
			}
		})
	}
}

// TestCurrencyOnlyWithPay checks the if/then: a ladder without any pay needs no currency.
func TestCurrencyOnlyWithPay(t *testing.T) {
	s := compile(t)
	noPay := strings.Replace(strings.Replace(base, "  currency: USD\n", "", 1), "          pay: {min: 100000, max: 150000}\n", "", 1)
	if err := s.Validate(documents(t, []byte(noPay))[0]); err != nil {
		t.Errorf("a ladder without pay needs no currency, but: %v", err)
	}
}

// TestKeywordsEditorsKnow: the schema declares draft 2020-12, but editors built on the YAML
// language server validate with draft-07 semantics; keeping to keywords both drafts share
// means they check everything the schema says.
func TestKeywordsEditorsKnow(t *testing.T) {
	b, err := JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{
		"$schema": true, "$id": true, "$defs": true, "$ref": true, "title": true, "description": true,
		"type": true, "properties": true, "additionalProperties": true, "required": true, "items": true,
		"enum": true, "const": true, "pattern": true, "minimum": true, "exclusiveMinimum": true,
		"minItems": true, "oneOf": true, "if": true, "then": true, "contains": true,
		"patternProperties": true, // draft-04 and later
	}
	var walk func(s map[string]any, at string)
	walk = func(s map[string]any, at string) {
		for k, v := range s {
			if !known[k] {
				t.Errorf("%s: keyword %q; check that draft-07 editors understand it, then add it here", at, k)
			}
			switch k {
			case "properties", "$defs", "patternProperties":
				for name, sub := range v.(map[string]any) {
					walk(sub.(map[string]any), at+"/"+k+"/"+name)
				}
			case "items", "additionalProperties", "if", "then", "contains":
				if sub, ok := v.(map[string]any); ok {
					walk(sub, at+"/"+k)
				}
			case "oneOf":
				for i, sub := range v.([]any) {
					walk(sub.(map[string]any), fmt.Sprintf("%s/oneOf/%d", at, i))
				}
			}
		}
	}
	walk(doc, "#")
}

// TestLoaderAgrees asks the loader itself: a ladder with every field of the schema loads;
// without a field, it loads exactly when the schema says the field is optional; an unknown
// field never loads; and every enum value loads, and no other.
func TestLoaderAgrees(t *testing.T) {
	s := Generate()
	load := func(doc any) bool {
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		ls, problems := ladder.Parse("probe.yaml", b)
		return len(ls) == 1 && len(problems) == 0
	}
	if full := sample(s, s); !load(full) {
		b, _ := json.Marshal(full)
		_, problems := ladder.Parse("probe.yaml", b)
		t.Fatalf("the loader refuses a ladder with every field of the schema: %v", problems)
	}
	checked := 0
	var walk func(schema *Schema, path []any)
	walk = func(schema *Schema, path []any) {
		schema = resolve(s, schema)
		switch {
		case schema.Type == "object" && schema.Properties != nil:
			for _, name := range schema.Properties.Names {
				doc := sample(s, s)
				delete(at(doc, path).(map[string]any), name)
				required := slices.Contains(schema.Required, name)
				if load(doc) == required {
					t.Errorf("%v: the schema says %q is required: %v, the loader disagrees", path, name, required)
				}
				checked++
				walk(schema.Properties.Get(name), append(slices.Clone(path), name))
			}
			doc := sample(s, s)
			at(doc, path).(map[string]any)["zzUnknown"] = "x"
			if load(doc) {
				t.Errorf("%v: the loader takes an unknown field, the schema does not", path)
			}
		case schema.Type == "array" && schema.Items != nil:
			walk(schema.Items, append(slices.Clone(path), 0))
		case schema.Type == "string" && (schema.Enum != nil || schema.Const != ""):
			for _, v := range append(slices.Clone(schema.Enum), schema.Const) {
				if v == "" {
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
	if checked < 25 {
		t.Errorf("only %d properties checked", checked)
	}
}

// resolve follows a $ref into $defs.
func resolve(root, s *Schema) *Schema {
	if name, ok := strings.CutPrefix(s.Ref, "#/$defs/"); ok {
		return root.Defs[name]
	}
	return s
}

// sample builds a value with every property the schema names: the first enum value or the
// const, a text that fits the pattern, one item in every list and one key in every map.
func sample(root, s *Schema) any {
	s = resolve(root, s)
	if len(s.OneOf) > 0 {
		return sample(root, s.OneOf[0])
	}
	switch {
	case s.Const != "":
		return s.Const
	case len(s.Enum) > 0:
		return s.Enum[0]
	}
	switch s.Type {
	case "object":
		obj := map[string]any{}
		if s.Properties != nil {
			for _, name := range s.Properties.Names {
				obj[name] = sample(root, s.Properties.Get(name))
			}
		}
		if elem, ok := s.AdditionalProperties.(*Schema); ok {
			obj["key"] = sample(root, elem)
		}
		return obj
	case "array":
		return []any{sample(root, s.Items)}
	case "integer":
		return 1
	case "boolean":
		return true
	case "number":
		return 100
	case "string":
		switch s.Pattern {
		case "":
			return "text"
		case `^[A-Z]{3}$`:
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
