package ladder

import (
	"regexp"
	"strings"
)

// Shape describes what the loader accepts at one place of a ladder document. The format is
// data so that one walk can check types, required and unknown fields and enums everywhere,
// and so that the JSON Schema editors use is generated from the very table the loader checks.
type Shape struct {
	Kind        ShapeKind
	Name        string // the name of an object shape in the JSON Schema: Level, Track...
	Noun        string // how messages name a node of this shape: "a level", "a track"
	Description string // what a node of this shape is, for editors
	Fields      []Field
	Elem        *Shape // element of a list, value of a map
	Enum        []string
	Pattern     *regexp.Regexp
	Hint        string // what a value must look like, when it does not match Pattern
	MinItems    int
}

// ShapeKind is the kind of value a Shape accepts.
type ShapeKind int

const (
	KindObject      ShapeKind = iota // fixed fields
	KindMap                          // free string keys, values of one shape
	KindList                         // values of one shape
	KindText                         // any scalar, kept as its text
	KindGrade                        // an integer >= 0
	KindNumber                       // an integer or a decimal
	KindTextOrList                   // a text, or a list of texts
	KindBool                         // true or false
	KindExpectation                  // a text, a list of texts, or {proficiency, text}
	KindPay                          // a band {min, max}, or a map from zone id to a band
	KindAny                          // any YAML value: what an x- field holds
)

// Extension is how the keys of x- fields begin: any mapping may hold them, the loader keeps
// them with their positions for user policies and checks nothing in them.
const Extension = "x-"

// MaxLevels bounds the levels of one ladder, so that every view stays bounded.
const MaxLevels = 1000

// Field is a field of an object shape.
type Field struct {
	Name        string
	Required    bool
	Shape       *Shape
	Description string // what the field holds, for editors
}

// DocumentShape is the shape of a ladder document: what the loader checks.
func DocumentShape() *Shape { return ladderShape }

// Scopes lists the scope values from the narrowest to the widest.
var Scopes = []string{"task", "feature", "team", "multi-team", "org", "company", "industry"}

// TrackTypes lists the values of a track's type.
var TrackTypes = []string{IC, Management, Shared}

const (
	APIVersion = "ladderctl/v1"
	Kind       = "Ladder"
)

var (
	text     = &Shape{Kind: KindText}
	textList = &Shape{Kind: KindList, Elem: text}
	nameText = &Shape{Kind: KindText, Pattern: regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`), Hint: "lower-case letters, digits and dashes, starting with a letter or digit"}
	currency = &Shape{Kind: KindText, Pattern: regexp.MustCompile(`^[A-Z]{3}$`), Hint: "a three-letter ISO 4217 code such as USD or EUR"}
	number   = &Shape{Kind: KindNumber}
	anyValue = &Shape{Kind: KindAny}

	proficientShape = &Shape{Kind: KindObject, Name: "ProficientExpectation", Noun: "an expectation",
		Description: "An expectation with the proficiency it asks for, on the ladder's scale (spec.proficiencies).",
		Fields: []Field{
			{"proficiency", true, text, "The proficiency the level asks for: one of spec.proficiencies."},
			{"text", true, text, "What the level expects."},
		}}
	expectText = &Shape{Kind: KindExpectation, Elem: proficientShape}

	bandShape = &Shape{Kind: KindObject, Name: "Band", Noun: "a pay band",
		Description: "A pay band: 0 < min <= max.",
		Fields: []Field{
			{"min", true, number, "The bottom of the band: above 0, and at most max."},
			{"max", true, number, "The top of the band: at least min."},
		}}
	payShape = &Shape{Kind: KindPay, Name: "Pay", Noun: "a pay band", Elem: bandShape,
		Description: "A pay band {min, max} in spec.currency, or one band per pay zone, keyed by zone id (spec.zones): 0 < min <= max."}
	zoneShape = &Shape{Kind: KindObject, Name: "Zone", Noun: "a pay zone",
		Description: "A pay zone: a location or tier with bands of its own.",
		Fields: []Field{
			{"id", true, text, "Unique in the ladder, such as us-tier1 or uk; the key of a level's pay in this zone."},
			{"name", false, text, "Optional display name, such as United Kingdom."},
			{"currency", false, currency, "Optional: the ISO 4217 code of this zone's bands (default: spec.currency)."},
		}}
	levelShape = &Shape{Kind: KindObject, Name: "Level", Noun: "a level", Description: "One step of a track.", Fields: []Field{
		{"id", true, text, "Unique across the whole ladder, such as IC5 or M1; transitions name levels by it."},
		{"title", true, text, "The job title, such as Staff Engineer."},
		{"grade", true, &Shape{Kind: KindGrade}, "A whole number of 0 or more: the org-wide grade that makes levels of different tracks (and ladders) comparable. Two levels of the same grade, one on each side, are peers; grades rise along a track."},
		{"scope", false, &Shape{Kind: KindText, Enum: Scopes}, "Optional: how far the level's impact reaches, from the narrowest: " + strings.Join(Scopes, ", ") + "."},
		{"pay", false, payShape, "Optional pay: a band {min, max} in spec.currency, or a map from zone id to a band. 0 < min <= max."},
		{"summary", false, text, "Optional: one line on what the level is."},
		{"expectations", false, &Shape{Kind: KindMap, Noun: "expectations", Elem: expectText}, "Optional: what the level expects in each competency, by competency id: a text, a list of texts, or {proficiency, text}."},
	}}
	trackShape = &Shape{Kind: KindObject, Name: "Track", Noun: "a track",
		Description: "One path of levels, of type ic, management or shared. A ladder may have several tracks of one type.",
		Fields: []Field{
			{"id", true, text, "Unique in the ladder, such as ic or mgmt."},
			{"name", false, text, "Optional display name, such as Individual Contributor."},
			{"type", true, &Shape{Kind: KindText, Enum: TrackTypes}, "ic (individual contributor), management, or shared (levels before the tracks split, on neither side)."},
			{"from", false, text, "Optional: the id of the level of another track this track branches from; its first level is reached from there."},
			{"cumulative", false, &Shape{Kind: KindBool}, "Optional: true when a level keeps the expectations of the levels below it on the track (and of its from level)."},
			{"levels", true, &Shape{Kind: KindList, Elem: levelShape, MinItems: 1}, "The levels of the track, at least one, listed from junior to senior; grades never fall along a track."},
		}}
	competencyShape = &Shape{Kind: KindObject, Name: "Competency", Noun: "a competency",
		Description: "A dimension levels are judged on, such as craft or leadership.",
		Fields: []Field{
			{"id", true, text, "Unique in the ladder; the key of the level expectations in this competency."},
			{"name", true, text, "The competency's display name, such as Craft."},
			{"tracks", false, textList, "Optional: the ids of the tracks it applies to (default: all)."},
		}}
	transitionShape = &Shape{Kind: KindObject, Name: "Transition", Noun: "a transition",
		Description: "A sideways move the organisation supports, from one level to another, usually between an IC and a management track.",
		Fields: []Field{
			{"from", true, text, "The id of the level the move starts from."},
			{"to", true, text, "The id of the level the move leads to."},
		}}
	metadataShape = &Shape{Kind: KindObject, Name: "Metadata", Noun: "the metadata",
		Description: "Names the ladder and says who owns it.",
		Fields: []Field{
			{"name", true, nameText, "The ladder's name: lower-case letters, digits and dashes, starting with a letter or digit ([a-z0-9][a-z0-9-]*); unique among all loaded ladders. Commands such as compare take it as an argument."},
			{"title", false, text, "Optional display name, such as Acme Engineering."},
			{"owner", false, text, "Optional: who approves changes to the ladder, such as eng-leadership."},
			{"labels", false, &Shape{Kind: KindMap, Noun: "labels", Elem: text}, "Optional map of texts, such as {division: product}."},
		}}
	specShape = &Shape{Kind: KindObject, Name: "Spec", Noun: "the spec",
		Description: "The content of the ladder: its currency, competencies, tracks and transitions.",
		Fields: []Field{
			{"currency", false, currency, "The ISO 4217 code of the pay bands, three capital letters such as USD or EUR; needed as soon as any level has pay, and the default of the zones."},
			{"zones", false, &Shape{Kind: KindList, Elem: zoneShape}, "Optional: pay zones (locations, tiers); a level's pay then gives one band per zone."},
			{"proficiencies", false, textList, "Optional: the proficiency scale of expectations, lowest first, such as [awareness, working, practitioner, expert]."},
			{"competencies", false, &Shape{Kind: KindList, Elem: competencyShape}, "Optional: the dimensions levels are judged on; expectations of levels are keyed by their ids."},
			{"tracks", true, &Shape{Kind: KindList, Elem: trackShape, MinItems: 1}, "The tracks of the ladder, at least one. The IC side is all its ic tracks, the management side all its management tracks; parity is judged between the sides."},
			{"transitions", false, &Shape{Kind: KindList, Elem: transitionShape}, "Optional: the sideways moves the organisation supports, such as {from: IC5, to: M1} and {from: M1, to: IC5}."},
		}}
	ladderShape = &Shape{Kind: KindObject, Noun: "a ladder",
		Description: "A ladder: one job family's career ladder (engineering, data, design, sales...): its tracks, the levels on each track, and the moves allowed between tracks. A file may hold several ladders as YAML documents separated by ---.",
		Fields: []Field{
			{"apiVersion", true, &Shape{Kind: KindText, Enum: []string{APIVersion}}, "The version of the format: exactly ladderctl/v1."},
			{"kind", true, &Shape{Kind: KindText, Enum: []string{Kind}}, "Ladder. Documents of other kinds are skipped, so ladders can share a file or a directory with other YAML."},
			{"metadata", true, metadataShape, "The ladder's name, title, owner and labels."},
			{"spec", true, specShape, "The content of the ladder: currency, competencies, tracks and transitions."},
		}}
)
