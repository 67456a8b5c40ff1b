package ladder

import "regexp"

// shape describes what the loader accepts at one place of a ladder document. The schema is
// data so that one walk can check types, required and unknown fields and enums everywhere.
type shape struct {
	kind     shapeKind
	noun     string // how messages name a node of this shape: "a level", "a track"
	fields   []field
	elem     *shape // element of a list, value of a map
	enum     []string
	pattern  *regexp.Regexp
	hint     string // what a value must look like, when it does not match pattern
	minItems int
}

type shapeKind int

const (
	kindObject     shapeKind = iota // fixed fields
	kindMap                         // free string keys, values of one shape
	kindList                        // values of one shape
	kindText                        // any scalar, kept as its text
	kindGrade                       // an integer >= 0
	kindNumber                      // an integer or a decimal
	kindTextOrList                  // a text, or a list of texts
)

type field struct {
	name     string
	required bool
	shape    *shape
}

// Scopes lists the scope values from the narrowest to the widest.
var Scopes = []string{"task", "feature", "team", "multi-team", "org", "company", "industry"}

// TrackTypes lists the values of a track's type.
var TrackTypes = []string{"ic", "management"}

const (
	APIVersion = "ladderctl/v1"
	Kind       = "Ladder"
)

var (
	text       = &shape{kind: kindText}
	textList   = &shape{kind: kindList, elem: text}
	nameText   = &shape{kind: kindText, pattern: regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`), hint: "lower-case letters, digits and dashes, starting with a letter or digit"}
	currency   = &shape{kind: kindText, pattern: regexp.MustCompile(`^[A-Z]{3}$`), hint: "a three-letter ISO 4217 code such as USD or EUR"}
	number     = &shape{kind: kindNumber}
	expectText = &shape{kind: kindTextOrList}

	payShape = &shape{kind: kindObject, noun: "a pay band", fields: []field{
		{"min", true, number},
		{"max", true, number},
	}}
	levelShape = &shape{kind: kindObject, noun: "a level", fields: []field{
		{"id", true, text},
		{"title", true, text},
		{"grade", true, &shape{kind: kindGrade}},
		{"scope", false, &shape{kind: kindText, enum: Scopes}},
		{"pay", false, payShape},
		{"summary", false, text},
		{"expectations", false, &shape{kind: kindMap, noun: "expectations", elem: expectText}},
	}}
	trackShape = &shape{kind: kindObject, noun: "a track", fields: []field{
		{"id", true, text},
		{"name", false, text},
		{"type", true, &shape{kind: kindText, enum: TrackTypes}},
		{"levels", true, &shape{kind: kindList, elem: levelShape, minItems: 1}},
	}}
	competencyShape = &shape{kind: kindObject, noun: "a competency", fields: []field{
		{"id", true, text},
		{"name", true, text},
		{"tracks", false, textList},
	}}
	transitionShape = &shape{kind: kindObject, noun: "a transition", fields: []field{
		{"from", true, text},
		{"to", true, text},
	}}
	ladderShape = &shape{kind: kindObject, noun: "a ladder", fields: []field{
		{"apiVersion", true, &shape{kind: kindText, enum: []string{APIVersion}}},
		{"kind", true, &shape{kind: kindText, enum: []string{Kind}}},
		{"metadata", true, &shape{kind: kindObject, noun: "the metadata", fields: []field{
			{"name", true, nameText},
			{"title", false, text},
			{"owner", false, text},
			{"labels", false, &shape{kind: kindMap, noun: "labels", elem: text}},
		}}},
		{"spec", true, &shape{kind: kindObject, noun: "the spec", fields: []field{
			{"currency", false, currency},
			{"competencies", false, &shape{kind: kindList, elem: competencyShape}},
			{"tracks", true, &shape{kind: kindList, elem: trackShape, minItems: 1}},
			{"transitions", false, &shape{kind: kindList, elem: transitionShape}},
		}}},
	}}
)
