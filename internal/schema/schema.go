// Package schema generates the JSON Schema of the ladder format, for editors to complete and
// check ladders as they are typed. It is reflected from the Go model, ladder.Document, so the
// two cannot drift; what the model cannot say (enums, patterns, bounds, descriptions, rules
// that span fields) is added here, and a test holds it to the loader's own shape table.
package schema

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// ID is where the schema says it lives; editors use it as the schema's name.
const ID = "https://ladderctl.dev/schema/ladder-v1.json"

// Title is the schema's title.
const Title = "ladderctl ladder (" + ladder.APIVersion + ")"

// The patterns the loader checks, as JSON Schema (ECMA-262) regular expressions; the drift
// test compares them with the loader's.
const (
	NamePattern     = `^[a-z0-9][a-z0-9-]*$`
	CurrencyPattern = `^[A-Z]{3}$`
)

// rootName is the name of the document itself in the tables below; the others are the names of
// the definitions under $defs, the Go type names of the model.
const rootName = "Document"

// JSON returns the schema as indented JSON ending in a newline: the same bytes on every run.
func JSON() ([]byte, error) {
	s, err := Generate()
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(unescapeHTML(b), '\n'), nil
}

// unescapeHTML turns the \u003c, \u003e and \u0026 that encoding/json writes for <, > and &
// back into the characters, so that "0 < min <= max" reads as written (JSON allows them in
// strings). Other escapes, \\ included, are copied whole.
func unescapeHTML(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			if i+6 <= len(b) && b[i+1] == 'u' {
				switch string(b[i+2 : i+6]) {
				case "003c":
					out = append(out, '<')
					i += 5
					continue
				case "003e":
					out = append(out, '>')
					i += 5
					continue
				case "0026":
					out = append(out, '&')
					i += 5
					continue
				}
			}
			out = append(out, b[i], b[i+1]) // an escape such as \\ or \": keep both bytes
			i++
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// Generate reflects ladder.Document into a JSON Schema (draft 2020-12) and adds what the Go
// types cannot say. It fails when the model and the tables of this package disagree: a
// property with no description, or a rule for a property the model no longer has.
func Generate() (*jsonschema.Schema, error) {
	r := &jsonschema.Reflector{
		ExpandedStruct: true, // the document at the root, its parts under $defs
		Anonymous:      true, // the $id is set below, not derived from the Go package path
		Mapper:         mapType,
	}
	s := r.Reflect(&ladder.Document{})
	s.ID = ID
	s.Title = Title

	g := &generator{root: s}
	g.describe()
	g.constrain()
	if len(g.problems) > 0 {
		return nil, fmt.Errorf("the JSON Schema does not fit the ladder model: %s", strings.Join(g.problems, "; "))
	}
	return s, nil
}

// mapType gives the schema of the model's types that JSON cannot describe by their Go type.
func mapType(t reflect.Type) *jsonschema.Schema {
	if t == reflect.TypeFor[ladder.Expectation]() {
		// A text, or a list of texts: Expectation.UnmarshalJSON reads both.
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{
			{Type: "string"},
			{Type: "array", Items: &jsonschema.Schema{Type: "string"}},
		}}
	}
	return nil
}

type generator struct {
	root     *jsonschema.Schema
	problems []string
}

// object returns the schema of a definition, or of the root.
func (g *generator) object(def string) *jsonschema.Schema {
	if def == rootName {
		return g.root
	}
	s := g.root.Definitions[def]
	if s == nil {
		g.problems = append(g.problems, fmt.Sprintf("the model has no type %s", def))
		return &jsonschema.Schema{}
	}
	return s
}

// property returns the schema of a property of a definition.
func (g *generator) property(def, name string) *jsonschema.Schema {
	obj := g.object(def)
	if obj.Properties != nil {
		if p, ok := obj.Properties.Get(name); ok {
			return p
		}
	}
	g.problems = append(g.problems, fmt.Sprintf("%s has no property %q", def, name))
	return &jsonschema.Schema{}
}

// objects lists the root and the definitions, in a fixed order.
func objects(s *jsonschema.Schema) []string {
	names := []string{rootName}
	for name := range s.Definitions {
		names = append(names, name)
	}
	slices.Sort(names[1:])
	return names
}

func (g *generator) describe() {
	for def, text := range typeDescriptions {
		g.object(def).Description = text
	}
	for _, def := range objects(g.root) {
		obj := g.object(def)
		if obj.Description == "" {
			g.problems = append(g.problems, fmt.Sprintf("%s has no description", def))
		}
		if obj.Properties == nil {
			continue
		}
		for pair := obj.Properties.Oldest(); pair != nil; pair = pair.Next() {
			text, ok := propertyDescriptions[def+"."+pair.Key]
			if !ok {
				g.problems = append(g.problems, fmt.Sprintf("%s.%s has no description (add one to propertyDescriptions)", def, pair.Key))
				continue
			}
			pair.Value.Description = text
		}
	}
	for key := range propertyDescriptions {
		def, name, _ := strings.Cut(key, ".")
		g.property(def, name)
	}
}

// constrain adds the enums, patterns, bounds and cross-field rules of the format.
func (g *generator) constrain() {
	g.property(rootName, "apiVersion").Const = ladder.APIVersion
	g.property(rootName, "kind").Const = ladder.Kind

	g.property("Metadata", "name").Pattern = NamePattern
	g.property("Spec", "currency").Pattern = CurrencyPattern

	g.property("Track", "type").Enum = strings2any(ladder.TrackTypes)
	g.property("Level", "scope").Enum = strings2any(ladder.Scopes)
	g.property("Level", "grade").Minimum = "0"
	g.property("Pay", "min").ExclusiveMinimum = "0"
	g.property("Pay", "max").ExclusiveMinimum = "0"

	one := uint64(1)
	g.property("Spec", "tracks").MinItems = &one
	g.property("Track", "levels").MinItems = &one

	// spec.currency is needed as soon as any level has pay (the rule structure/pay-range):
	// if some track has some level with pay, then currency is required.
	levelWithPay := &jsonschema.Schema{Required: []string{"pay"}}
	levels := jsonschema.NewProperties()
	levels.Set("levels", &jsonschema.Schema{Contains: levelWithPay})
	tracks := jsonschema.NewProperties()
	tracks.Set("tracks", &jsonschema.Schema{Contains: &jsonschema.Schema{Properties: levels, Required: []string{"levels"}}})
	spec := g.object("Spec")
	spec.If = &jsonschema.Schema{Properties: tracks, Required: []string{"tracks"}}
	spec.Then = &jsonschema.Schema{Required: []string{"currency"}}
}

func strings2any(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
