package ladder

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Document is a ladder as Go code reads it: the typed form of the ladderctl/v1 format. The
// loader checks and builds the OPA value first; commands that work on the structure (compare,
// diff, render) decode it from there.
type Document struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Metadata   Metadata `json:"metadata"`
	Spec       Spec     `json:"spec"`
}

// Metadata names a ladder and who owns it.
type Metadata struct {
	Name   string            `json:"name"`
	Title  string            `json:"title,omitempty"`
	Owner  string            `json:"owner,omitempty"`
	Labels map[string]string `json:"labels,omitempty"`
}

// Spec is the content of a ladder.
type Spec struct {
	Currency      string       `json:"currency,omitempty"`
	Zones         []Zone       `json:"zones,omitempty"`
	Proficiencies []string     `json:"proficiencies,omitempty"` // the scale of expectations, lowest first
	Competencies  []Competency `json:"competencies,omitempty"`
	Tracks        []Track      `json:"tracks"`
	Transitions   []Transition `json:"transitions,omitempty"`
}

// Zone is a pay zone: a location or tier whose bands are its own.
type Zone struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	Currency string `json:"currency,omitempty"` // "" is spec.currency
}

// ZoneCurrency is the currency of a zone's bands ("" for a plain band): its own, else the
// ladder's.
func (s *Spec) ZoneCurrency(zone string) string {
	for _, z := range s.Zones {
		if z.ID == zone && z.Currency != "" {
			return z.Currency
		}
	}
	return s.Currency
}

// Track returns the track with an id, or nil.
func (s *Spec) Track(id string) *Track {
	for i := range s.Tracks {
		if s.Tracks[i].ID == id {
			return &s.Tracks[i]
		}
	}
	return nil
}

// Competency is a dimension levels are judged on, such as craft or leadership.
type Competency struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Tracks []string `json:"tracks,omitempty"` // the track ids it applies to; none means all
}

// Track is one path of levels, of type ic, management or shared.
type Track struct {
	ID         string  `json:"id"`
	Name       string  `json:"name,omitempty"`
	Type       string  `json:"type"`
	From       string  `json:"from,omitempty"`       // the level of another track it branches from
	Cumulative bool    `json:"cumulative,omitempty"` // a level keeps the expectations below it
	Levels     []Level `json:"levels"`
}

// Track types. Shared levels come before the split: they are on neither side.
const (
	IC         = "ic"
	Management = "management"
	Shared     = "shared"
)

// Level is one step of a track.
type Level struct {
	ID           string                 `json:"id"`
	Title        string                 `json:"title"`
	Grade        int                    `json:"grade"`
	Scope        string                 `json:"scope,omitempty"`
	Pay          *Pay                   `json:"pay,omitempty"`
	Summary      string                 `json:"summary,omitempty"`
	Expectations map[string]Expectation `json:"expectations,omitempty"`
}

// Pay is a level's pay: one band in the ladder's currency (Min and Max), or one band per pay
// zone (Zones), as the ladder's levels are written.
type Pay struct {
	Min   float64
	Max   float64
	Zones map[string]Pay // zone id -> band; nil for a plain band
}

// Valid tells whether a plain band can be compared: 0 < min <= max.
func (p *Pay) Valid() bool { return p != nil && p.Zones == nil && p.Min > 0 && p.Min <= p.Max }

// Zoned tells whether the pay gives one band per zone.
func (p *Pay) Zoned() bool { return p != nil && p.Zones != nil }

// ZoneBand is one band of a level's pay: Zone is "" for a plain band.
type ZoneBand struct {
	Zone string
	Band Pay
}

// Bands lists the bands of a pay: the plain band, or each zone's in zone id order.
func (p *Pay) Bands() []ZoneBand {
	if p == nil {
		return nil
	}
	if p.Zones == nil {
		return []ZoneBand{{Band: *p}}
	}
	out := make([]ZoneBand, 0, len(p.Zones))
	for _, z := range slices.Sorted(maps.Keys(p.Zones)) {
		out = append(out, ZoneBand{Zone: z, Band: p.Zones[z]})
	}
	return out
}

// In returns the band of a zone ("" for the plain band), or nil.
func (p *Pay) In(zone string) *Pay {
	switch {
	case p == nil:
		return nil
	case zone == "" && p.Zones == nil:
		return p
	case p.Zones != nil:
		if b, ok := p.Zones[zone]; ok {
			return &b
		}
	}
	return nil
}

type band struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// UnmarshalJSON reads {min, max}, or a map from zone id to {min, max}.
func (p *Pay) UnmarshalJSON(b []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return err
	}
	_, min := fields["min"]
	_, max := fields["max"]
	if min || max {
		var one band
		err := json.Unmarshal(b, &one)
		*p = Pay{Min: one.Min, Max: one.Max}
		return err
	}
	var zones map[string]band
	if err := json.Unmarshal(b, &zones); err != nil {
		return err
	}
	*p = Pay{Zones: make(map[string]Pay, len(zones))}
	for z, one := range zones {
		p.Zones[z] = Pay{Min: one.Min, Max: one.Max}
	}
	return nil
}

// MarshalJSON writes the pay as the ladder does.
func (p Pay) MarshalJSON() ([]byte, error) {
	if p.Zones == nil {
		return json.Marshal(band{p.Min, p.Max})
	}
	zones := make(map[string]band, len(p.Zones))
	for z, one := range p.Zones {
		zones[z] = band{one.Min, one.Max}
	}
	return json.Marshal(zones)
}

// Transition is a sideways move the organisation supports, between two level ids.
type Transition struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Expectation is what a level expects in one competency: one text or several, and the
// proficiency it asks for when the ladder grades them.
type Expectation struct {
	Texts       []string
	Proficiency string // on spec.proficiencies; "" when not stated
}

// UnmarshalJSON accepts a text, a list of texts, or {proficiency, text}.
func (e *Expectation) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*e = Expectation{Texts: []string{one}}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err == nil {
		*e = Expectation{Texts: many}
		return nil
	}
	var graded struct {
		Proficiency string `json:"proficiency"`
		Text        string `json:"text"`
	}
	if err := json.Unmarshal(b, &graded); err != nil {
		return fmt.Errorf("an expectation is a text, a list of texts, or {proficiency, text}")
	}
	*e = Expectation{Texts: []string{graded.Text}, Proficiency: graded.Proficiency}
	return nil
}

// Equal tells whether two expectations say the same.
func (e Expectation) Equal(o Expectation) bool {
	return e.Proficiency == o.Proficiency && slices.Equal(e.Texts, o.Texts)
}

// MarshalJSON writes a list of texts, or {proficiency, text} when the ladder grades it: the
// shape diff's JSON has always had for expectations without a proficiency.
func (e Expectation) MarshalJSON() ([]byte, error) {
	if e.Proficiency != "" {
		return json.Marshal(map[string]string{"proficiency": e.Proficiency, "text": strings.Join(e.Texts, " ")})
	}
	if e.Texts == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(e.Texts)
}

// Document decodes the ladder into its typed form.
func (l *Ladder) Document() (*Document, error) {
	if l.Value == nil {
		return nil, fmt.Errorf("%s: the ladder %s was released after it was judged", l.File, l.Name)
	}
	v, err := ast.JSON(l.Value)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(withoutExtensions(v))
	if err != nil {
		return nil, err
	}
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", l.File, err)
	}
	return &d, nil
}

// withoutExtensions drops the x- fields, which are for user policies: the typed form has no
// place for them.
func withoutExtensions(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if strings.HasPrefix(k, Extension) {
				delete(x, k)
			} else {
				x[k] = withoutExtensions(e)
			}
		}
	case []any:
		for i, e := range x {
			x[i] = withoutExtensions(e)
		}
	}
	return v
}

// Levels returns every level of the ladder with its track, in document order.
func (d *Document) Levels() []TrackLevel {
	var out []TrackLevel
	for ti := range d.Spec.Tracks {
		t := &d.Spec.Tracks[ti]
		for li := range t.Levels {
			out = append(out, TrackLevel{Track: t, Level: &t.Levels[li], TrackIndex: ti, LevelIndex: li})
		}
	}
	return out
}

// TrackLevel is a level with the track it is on and where both are in the document.
type TrackLevel struct {
	Track      *Track
	Level      *Level
	TrackIndex int
	LevelIndex int
}

// Path is where the level is in the document, for positions.
func (tl TrackLevel) Path(more ...any) Path {
	return append(Path{"spec", "tracks", tl.TrackIndex, "levels", tl.LevelIndex}, more...)
}
