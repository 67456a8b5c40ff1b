// Package schema generates the JSON Schema of the ladder format, for editors to complete and
// check ladders as they are typed. It is generated from the loader's own shape table
// (ladder.DocumentShape): fields, types, required fields, enums, patterns and descriptions
// have one definition, so the schema and the loader cannot disagree on them. It adds only
// what rules of the pack check and editors can check too: pay above 0, and a currency as
// soon as any level has pay (structure/pay-range).
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// ID is where the schema says it lives; editors use it as the schema's name.
const ID = "https://ladderctl.dev/schema/ladder-v1.json"

// Title is the schema's title.
const Title = "ladderctl ladder (" + ladder.APIVersion + ")"

// Draft is the JSON Schema draft the schema declares.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Schema is a JSON Schema, with the keywords the ladder format needs, in the order they are
// written.
type Schema struct {
	Version              string             `json:"$schema,omitempty"`
	ID                   string             `json:"$id,omitempty"`
	Ref                  string             `json:"$ref,omitempty"`
	Defs                 map[string]*Schema `json:"$defs,omitempty"`
	OneOf                []*Schema          `json:"oneOf,omitempty"`
	If                   *Schema            `json:"if,omitempty"`
	Then                 *Schema            `json:"then,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	Contains             *Schema            `json:"contains,omitempty"`
	Properties           *Properties        `json:"properties,omitempty"`
	PatternProperties    map[string]*Schema `json:"patternProperties,omitempty"`
	AdditionalProperties any                `json:"additionalProperties,omitempty"` // false, or a *Schema
	Type                 string             `json:"type,omitempty"`
	Enum                 []string           `json:"enum,omitempty"`
	Const                string             `json:"const,omitempty"`
	Minimum              *int               `json:"minimum,omitempty"`
	ExclusiveMinimum     *int               `json:"exclusiveMinimum,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	MinItems             int                `json:"minItems,omitempty"`
	Required             []string           `json:"required,omitempty"`
	Title                string             `json:"title,omitempty"`
	Description          string             `json:"description,omitempty"`
}

// Properties are the properties of an object schema, in the order of the format.
type Properties struct {
	Names  []string
	byName map[string]*Schema
}

func (p *Properties) set(name string, s *Schema) {
	if p.byName == nil {
		p.byName = map[string]*Schema{}
	}
	p.Names = append(p.Names, name)
	p.byName[name] = s
}

// Get returns the schema of a property, or nil.
func (p *Properties) Get(name string) *Schema { return p.byName[name] }

// MarshalJSON writes the properties in their order.
func (p *Properties) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, name := range p.Names {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(p.byName[name])
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// JSON returns the schema as indented JSON ending in a newline: the same bytes on every run.
func JSON() ([]byte, error) {
	b, err := json.MarshalIndent(Generate(), "", "  ")
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

// Generate builds the JSON Schema (draft 2020-12) of the ladder format from the loader's
// shape table: the document at the root, each named object shape under $defs.
func Generate() *Schema {
	g := &generator{defs: map[string]*Schema{}}
	root := g.object(ladder.DocumentShape())
	root.Version, root.ID, root.Title = Draft, ID, Title
	root.Defs = g.defs
	g.payRules()
	return root
}

type generator struct {
	defs map[string]*Schema
}

// value is the schema of a value of shape s, where a named object is a reference to its
// definition.
func (g *generator) value(s *ladder.Shape) *Schema {
	switch s.Kind {
	case ladder.KindObject:
		if s.Name == "" {
			return g.object(s)
		}
		if _, ok := g.defs[s.Name]; !ok {
			g.defs[s.Name] = nil // a placeholder, so that a shape that contains itself ends
			g.defs[s.Name] = g.object(s)
		}
		return &Schema{Ref: "#/$defs/" + s.Name}
	case ladder.KindMap:
		return &Schema{PatternProperties: extensions(), AdditionalProperties: g.value(s.Elem), Type: "object"}
	case ladder.KindList:
		return &Schema{Items: g.value(s.Elem), Type: "array", MinItems: s.MinItems}
	case ladder.KindText:
		t := &Schema{Type: "string"}
		if len(s.Enum) == 1 {
			t.Const = s.Enum[0]
		} else {
			t.Enum = s.Enum
		}
		if s.Pattern != nil {
			t.Pattern = s.Pattern.String()
		}
		return t
	case ladder.KindGrade:
		zero := 0
		return &Schema{Type: "integer", Minimum: &zero}
	case ladder.KindNumber:
		return &Schema{Type: "number"}
	case ladder.KindTextOrList:
		return &Schema{OneOf: []*Schema{{Type: "string"}, {Items: &Schema{Type: "string"}, Type: "array"}}}
	case ladder.KindExpectation:
		return &Schema{OneOf: []*Schema{{Type: "string"}, {Items: &Schema{Type: "string"}, Type: "array"}, g.value(s.Elem)}}
	case ladder.KindPay:
		band := g.value(s.Elem)
		return g.named(s, &Schema{OneOf: []*Schema{band, {PatternProperties: extensions(), AdditionalProperties: band, Type: "object"}}})
	case ladder.KindBool:
		return &Schema{Type: "boolean"}
	case ladder.KindAny:
		return &Schema{}
	}
	panic(fmt.Sprintf("schema: a shape of kind %d has no JSON Schema", s.Kind))
}

// named defines a shape's schema under $defs and refers to it there.
func (g *generator) named(s *ladder.Shape, def *Schema) *Schema {
	def.Description = s.Description
	g.defs[s.Name] = def
	return &Schema{Ref: "#/$defs/" + s.Name}
}

// extensions allows the x- fields of any mapping, which hold anything.
func extensions() map[string]*Schema {
	return map[string]*Schema{"^" + ladder.Extension: {}}
}

// object is the schema of an object shape: its fields, its x- fields, and no others.
func (g *generator) object(s *ladder.Shape) *Schema {
	o := &Schema{Properties: &Properties{}, PatternProperties: extensions(), AdditionalProperties: false, Type: "object", Description: s.Description}
	for _, f := range s.Fields {
		p := g.value(f.Shape)
		p.Description = f.Description
		o.Properties.set(f.Name, p)
		if f.Required {
			o.Required = append(o.Required, f.Name)
		}
	}
	return o
}

// payRules adds what structure/pay-range checks and editors can check too: bounds above 0,
// and spec.currency as soon as some track has some level with pay.
func (g *generator) payRules() {
	zero := 0
	pay := g.defs["Band"]
	for _, bound := range pay.Properties.Names {
		pay.Properties.Get(bound).ExclusiveMinimum = &zero
	}
	levels := &Properties{}
	levels.set("levels", &Schema{Contains: &Schema{Required: []string{"pay"}}})
	tracks := &Properties{}
	tracks.set("tracks", &Schema{Contains: &Schema{Properties: levels, Required: []string{"levels"}}})
	spec := g.defs["Spec"]
	spec.If = &Schema{Properties: tracks, Required: []string{"tracks"}}
	spec.Then = &Schema{Required: []string{"currency"}}
}
