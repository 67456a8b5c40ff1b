package ladder

import (
	"encoding/json"
	"fmt"

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
	Currency     string       `json:"currency,omitempty"`
	Competencies []Competency `json:"competencies,omitempty"`
	Tracks       []Track      `json:"tracks"`
	Transitions  []Transition `json:"transitions,omitempty"`
}

// Competency is a dimension levels are judged on, such as craft or leadership.
type Competency struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Tracks []string `json:"tracks,omitempty"` // the track ids it applies to; none means all
}

// Track is one path of levels, of type ic or management.
type Track struct {
	ID     string  `json:"id"`
	Name   string  `json:"name,omitempty"`
	Type   string  `json:"type"`
	Levels []Level `json:"levels"`
}

// Track types.
const (
	IC         = "ic"
	Management = "management"
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

// Pay is a pay band in the ladder's currency.
type Pay struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// Valid tells whether a band can be compared: 0 < min <= max.
func (p *Pay) Valid() bool { return p != nil && p.Min > 0 && p.Min <= p.Max }

// Transition is a sideways move the organisation supports, between two level ids.
type Transition struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Expectation is what a level expects in one competency: one text or several.
type Expectation []string

// UnmarshalJSON accepts a text or a list of texts.
func (e *Expectation) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*e = Expectation{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("an expectation is a text or a list of texts")
	}
	*e = many
	return nil
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
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", l.File, err)
	}
	return &d, nil
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
