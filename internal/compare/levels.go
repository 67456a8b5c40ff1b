package compare

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/suggest"
)

// What happens to a competency from one level to the next.
const (
	StatusAdds        = "adds"         // both levels have expectations; the second has new texts
	StatusNew         = "new"          // only the second level has expectations for it
	StatusCarriesOver = "carries_over" // the same texts at both levels
	StatusDropsOut    = "drops_out"    // the first level has expectations, the second none
)

// Directions of a progression, by grade.
const (
	DirectionUp   = "up"
	DirectionDown = "down"
	DirectionSame = "same_grade"
)

// LevelsView is the progression from one level to another, competency by competency.
type LevelsView struct {
	View       string     `json:"view"` // "levels"
	Ladder     LadderInfo `json:"ladder"`
	From       Level      `json:"from"`
	To         Level      `json:"to"`
	Direction  string     `json:"direction"`
	GradeSteps int        `json:"grade_steps"` // to.grade − from.grade
	CrossTrack bool       `json:"cross_track"` // the two levels are on different sides
	// TransitionListed tells whether spec.transitions lists the move from → to.
	TransitionListed bool             `json:"transition_listed"`
	Scope            *ScopeChange     `json:"scope"` // null unless both levels state a scope
	Pay              *PayStep         `json:"pay"`   // null unless both bands are valid
	Competencies     []CompetencyStep `json:"competencies"`
	Counts           Counts           `json:"counts"`
}

// ScopeChange is a change of scope in steps of task < feature < team < multi-team < org <
// company < industry.
type ScopeChange struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Steps int    `json:"steps"`
}

// PayStep is the change of a band's minimum and maximum.
type PayStep struct {
	Min Step `json:"min"`
	Max Step `json:"max"`
}

// Step is an amount before and after, the difference, and the difference as a ratio of
// the amount before.
type Step struct {
	From   float64 `json:"from"`
	To     float64 `json:"to"`
	Change float64 `json:"change"`
	Ratio  float64 `json:"ratio"`
}

// CompetencyStep is what one competency expects at the two levels.
type CompetencyStep struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Status   string   `json:"status"`
	From     []string `json:"from"`     // the first level's texts
	To       []string `json:"to"`       // the second level's texts
	Added    []string `json:"added"`    // texts new at the second level
	Carried  []string `json:"carried"`  // texts the same at both
	Replaced []string `json:"replaced"` // texts of the first that the second no longer has
	// Declared tells whether spec.competencies lists it; AppliesToTrack whether it applies
	// to the second level's track (a drop out of a competency that does not is expected).
	Declared       bool `json:"declared"`
	AppliesToTrack bool `json:"applies_to_track"`
}

// Counts are the competencies by status.
type Counts struct {
	Adds        int `json:"adds"`
	New         int `json:"new"`
	CarriesOver int `json:"carries_over"`
	DropsOut    int `json:"drops_out"`
}

// ParseLevels reads A..B.
func ParseLevels(s string) (from, to string, err error) {
	from, to, ok := strings.Cut(s, "..")
	from, to = strings.TrimSpace(from), strings.TrimSpace(to)
	if !ok || from == "" || to == "" || strings.Contains(to, "..") {
		return "", "", fmt.Errorf("--levels %q: give two level ids as A..B, such as IC4..IC5 or IC5..M1", s)
	}
	if from == to {
		return "", "", fmt.Errorf("--levels %q names the same level twice; give two levels, such as IC4..IC5", s)
	}
	return from, to, nil
}

// Progress shows what changes from one level of a ladder to another: competency by
// competency (in the ladder's order, then any others by id), scope and pay.
func Progress(src *Source, fromID, toID string) (*LevelsView, error) {
	ls := levels(src.Doc)
	find := func(id string) (Level, error) {
		if i := slices.IndexFunc(ls, func(l Level) bool { return l.ID == id }); i >= 0 {
			return ls[i], nil
		}
		ids := make([]string, len(ls))
		for i, l := range ls {
			ids[i] = l.ID
		}
		return Level{}, fmt.Errorf("--levels: ladder %s has no level %q%s (its levels are %s)", src.Name(), id, suggest.DidYouMean(id, ids), strings.Join(ids, ", "))
	}
	from, err := find(fromID)
	if err != nil {
		return nil, err
	}
	to, err := find(toID)
	if err != nil {
		return nil, err
	}
	v := &LevelsView{
		View: "levels", Ladder: src.info(), From: from, To: to,
		GradeSteps: to.Grade - from.Grade, CrossTrack: from.Side != to.Side,
		TransitionListed: slices.Contains(src.Doc.Spec.Transitions, ladder.Transition{From: from.ID, To: to.ID}),
		Competencies:     []CompetencyStep{},
	}
	switch {
	case to.Grade > from.Grade:
		v.Direction = DirectionUp
	case to.Grade < from.Grade:
		v.Direction = DirectionDown
	default:
		v.Direction = DirectionSame
	}
	if steps, ok := scopeSteps(from.Scope, to.Scope); ok {
		v.Scope = &ScopeChange{From: from.Scope, To: to.Scope, Steps: steps}
	}
	if from.Pay.valid() && to.Pay.valid() {
		v.Pay = &PayStep{
			Min: Step{From: from.Pay.Min, To: to.Pay.Min, Change: to.Pay.Min - from.Pay.Min, Ratio: ratio(to.Pay.Min, from.Pay.Min)},
			Max: Step{From: from.Pay.Max, To: to.Pay.Max, Change: to.Pay.Max - from.Pay.Max, Ratio: ratio(to.Pay.Max, from.Pay.Max)},
		}
	}
	for _, c := range competencyOrder(src.Doc, from, to) {
		step := compareCompetency(from.expectations[c.ID].Texts, to.expectations[c.ID].Texts)
		step.ID, step.Name, step.Declared = c.ID, cmp.Or(c.Name, c.ID), c.declared
		step.AppliesToTrack = len(c.Tracks) == 0 || slices.Contains(c.Tracks, to.Track)
		switch step.Status {
		case StatusAdds:
			v.Counts.Adds++
		case StatusNew:
			v.Counts.New++
		case StatusCarriesOver:
			v.Counts.CarriesOver++
		case StatusDropsOut:
			v.Counts.DropsOut++
		}
		v.Competencies = append(v.Competencies, step)
	}
	return v, nil
}

type competency struct {
	ladder.Competency
	declared bool
}

// competencyOrder lists the competencies either level has expectations for: the ladder's
// own, in its order, then any others by id.
func competencyOrder(doc *ladder.Document, a, b Level) []competency {
	has := func(id string) bool {
		return len(texts(a.expectations[id].Texts)) > 0 || len(texts(b.expectations[id].Texts)) > 0
	}
	var out []competency
	seen := map[string]bool{}
	for _, c := range doc.Spec.Competencies {
		if has(c.ID) && !seen[c.ID] {
			out = append(out, competency{Competency: c, declared: true})
		}
		seen[c.ID] = true
	}
	var others []string
	for _, exp := range []map[string]ladder.Expectation{a.expectations, b.expectations} {
		for id := range exp {
			if !seen[id] && has(id) {
				seen[id] = true
				others = append(others, id)
			}
		}
	}
	slices.Sort(others)
	for _, id := range others {
		out = append(out, competency{Competency: ladder.Competency{ID: id}})
	}
	return out
}

func compareCompetency(from, to []string) CompetencyStep {
	s := CompetencyStep{From: texts(from), To: texts(to), Added: []string{}, Carried: []string{}, Replaced: []string{}}
	for _, t := range s.To {
		if slices.Contains(s.From, t) {
			s.Carried = append(s.Carried, t)
		} else {
			s.Added = append(s.Added, t)
		}
	}
	for _, t := range s.From {
		if !slices.Contains(s.To, t) {
			s.Replaced = append(s.Replaced, t)
		}
	}
	switch {
	case len(s.From) == 0:
		s.Status = StatusNew
	case len(s.To) == 0:
		s.Status = StatusDropsOut
		s.Replaced = []string{}
	case len(s.Added) == 0 && len(s.Replaced) == 0:
		s.Status = StatusCarriesOver
	default:
		s.Status = StatusAdds
	}
	return s
}

// texts are an expectation's texts, trimmed, without empty ones; never nil.
func texts(e []string) []string {
	out := []string{}
	for _, t := range e {
		if t = strings.Join(strings.Fields(t), " "); t != "" {
			out = append(out, t)
		}
	}
	return out
}
