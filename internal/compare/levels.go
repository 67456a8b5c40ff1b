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
	TransitionListed bool         `json:"transition_listed"`
	Scope            *ScopeChange `json:"scope"` // null unless both levels state a scope
	Pay              *PayStep     `json:"pay"`   // null unless both bands are valid
	// PayByZone is the change zone by zone, for a ladder that pays by zone: one per zone of
	// either level, without min and max where one of them has no valid band there.
	PayByZone []ZonePayStep `json:"pay_by_zone,omitempty"`
	// Cumulative tells whether a level's expectations include those it keeps from below it
	// (its track is cumulative): the competencies then show what is new.
	Cumulative   bool             `json:"cumulative,omitempty"`
	Competencies []CompetencyStep `json:"competencies"`
	Counts       Counts           `json:"counts"`
}

// ZonePayStep is the change of the bands of one pay zone.
type ZonePayStep struct {
	Zone     string `json:"zone"`
	Currency string `json:"currency"`
	*PayStep        // null unless both bands of the zone are valid
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
	// Proficiency is the proficiency each level asks for, when either states one.
	Proficiency *ProficiencyChange `json:"proficiency,omitempty"`
	// Kept are the texts of To that a cumulative level keeps from the levels below it
	// rather than states itself.
	Kept []string `json:"kept,omitempty"`
}

// ProficiencyChange is the proficiency asked for at two levels, and how many steps up the
// ladder's scale the second is (negative: down); Steps is 0 when either is off the scale.
type ProficiencyChange struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Steps int    `json:"steps"`
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
	if from.Pay.Zoned() || to.Pay.Zoned() {
		for _, z := range zoneOrder(zonesOf(from.Pay, to.Pay), v.Ladder.Zones) {
			v.PayByZone = append(v.PayByZone, ZonePayStep{Zone: z, Currency: zoneCurrency(v.Ladder, z), PayStep: payStep(from.Pay.In(z), to.Pay.In(z))})
		}
	} else {
		v.Pay = payStep(from.Pay, to.Pay)
	}
	exp := expectationsOf(src.Doc)
	fromExp, toExp := exp.of(from.ID), exp.of(to.ID)
	v.Cumulative = exp.cumulative(from.ID) || exp.cumulative(to.ID)
	for _, c := range competencyOrder(src.Doc, fromExp, toExp) {
		step := compareCompetency(fromExp[c.ID].Texts, toExp[c.ID].Texts)
		step.ID, step.Name, step.Declared = c.ID, cmp.Or(c.Name, c.ID), c.declared
		step.AppliesToTrack = len(c.Tracks) == 0 || slices.Contains(c.Tracks, to.Track)
		if pa, pb := fromExp[c.ID].Proficiency, toExp[c.ID].Proficiency; pa != "" || pb != "" {
			step.Proficiency = &ProficiencyChange{From: pa, To: pb}
			i, j := slices.Index(src.Doc.Spec.Proficiencies, pa), slices.Index(src.Doc.Spec.Proficiencies, pb)
			if i >= 0 && j >= 0 {
				step.Proficiency.Steps = j - i
			}
		}
		own := set(texts(to.expectations[c.ID].Texts))
		for _, t := range step.To {
			if !own[t] {
				step.Kept = append(step.Kept, t)
			}
		}
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

// payStep is the change from one band to another; nil unless both are valid.
func payStep(from, to *ladder.Pay) *PayStep {
	if !from.Valid() || !to.Valid() {
		return nil
	}
	return &PayStep{
		Min: Step{From: from.Min, To: to.Min, Change: to.Min - from.Min, Ratio: ratio(to.Min, from.Min)},
		Max: Step{From: from.Max, To: to.Max, Change: to.Max - from.Max, Ratio: ratio(to.Max, from.Max)},
	}
}

// zonesOf lists the zones either pay has a band in.
func zonesOf(pays ...*ladder.Pay) map[string]bool {
	m := map[string]bool{}
	for _, p := range pays {
		for _, zb := range p.Bands() {
			if zb.Zone != "" {
				m[zb.Zone] = true
			}
		}
	}
	return m
}

// competencyOrder lists the competencies either set of expectations has texts for: the
// ladder's own, in its order, then any others by id.
func competencyOrder(doc *ladder.Document, a, b map[string]ladder.Expectation) []competency {
	has := func(id string) bool {
		return len(texts(a[id].Texts)) > 0 || len(texts(b[id].Texts)) > 0
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
	for _, exp := range []map[string]ladder.Expectation{a, b} {
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
	inFrom, inTo := set(s.From), set(s.To)
	for _, t := range s.To {
		if inFrom[t] {
			s.Carried = append(s.Carried, t)
		} else {
			s.Added = append(s.Added, t)
		}
	}
	for _, t := range s.From {
		if !inTo[t] {
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

func set(ss []string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
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

// expectationIndex works out what a level expects, on a cumulative track with what it keeps
// from below.
type expectationIndex struct {
	doc   *ladder.Document
	where map[string][2]int // level id -> track index, level index (the first of an id)
}

func expectationsOf(doc *ladder.Document) *expectationIndex {
	x := &expectationIndex{doc: doc, where: map[string][2]int{}}
	for _, tl := range doc.Levels() {
		if _, dup := x.where[tl.Level.ID]; !dup {
			x.where[tl.Level.ID] = [2]int{tl.TrackIndex, tl.LevelIndex}
		}
	}
	return x
}

// cumulative tells whether a level's track is cumulative.
func (x *expectationIndex) cumulative(id string) bool {
	w, ok := x.where[id]
	return ok && x.doc.Spec.Tracks[w[0]].Cumulative
}

// of is what a level expects: its own expectations, and on a cumulative track also those of
// the level below it on the track (the from level, for the first), and so on down; texts in
// order from the lowest level up, each once, the proficiency the highest level's that states
// one. The chain is walked once, so the work is linear in the levels and texts below.
func (x *expectationIndex) of(id string) map[string]ladder.Expectation {
	var chain []*ladder.Level // from the level down
	seen := map[string]bool{}
	for cur := id; cur != "" && !seen[cur]; {
		seen[cur] = true
		w, ok := x.where[cur]
		if !ok {
			break
		}
		t := &x.doc.Spec.Tracks[w[0]]
		chain = append(chain, &t.Levels[w[1]])
		switch {
		case !t.Cumulative:
			cur = ""
		case w[1] > 0:
			cur = t.Levels[w[1]-1].ID
		default:
			cur = t.From
		}
	}
	if len(chain) == 1 {
		return chain[0].Expectations
	}
	out := map[string]ladder.Expectation{}
	has := map[string]map[string]bool{} // competency -> its texts so far
	for i := len(chain) - 1; i >= 0; i-- {
		for c, e := range chain[i].Expectations {
			k := out[c]
			if has[c] == nil {
				has[c] = map[string]bool{}
			}
			for _, t := range e.Texts {
				if !has[c][t] {
					has[c][t] = true
					k.Texts = append(k.Texts, t)
				}
			}
			k.Proficiency = cmp.Or(e.Proficiency, k.Proficiency)
			out[c] = k
		}
	}
	return out
}
