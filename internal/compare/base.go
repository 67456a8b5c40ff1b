package compare

import (
	"maps"
	"slices"
)

// Kinds of change between a ladder's version at a ref and its version now.
const (
	ChangeAdded        = "added"        // a level is new; To is the level
	ChangeRemoved      = "removed"      // a level is gone; From is the level
	ChangeRegraded     = "regraded"     // From and To are grades; listed at the new grade
	ChangeRetitled     = "retitled"     // From and To are titles
	ChangeRescoped     = "rescoped"     // From and To are scopes ("" when none is stated)
	ChangeTrack        = "track"        // From and To are track ids
	ChangePay          = "pay"          // From and To are bands (null when none); Change the ratios
	ChangeExpectations = "expectations" // Competencies lists those whose texts changed
	ChangeSummary      = "summary"      // From and To are the summaries

	// Changes to the ladder as a whole.
	ChangeLadderTitle       = "title"
	ChangeCurrency          = "currency"
	ChangeCompetencyAdded   = "competency_added"   // To is the competency id
	ChangeCompetencyRemoved = "competency_removed" // From is the competency id
	ChangeTransitionAdded   = "transition_added"   // From and To are level ids
	ChangeTransitionRemoved = "transition_removed" // From and To are level ids
)

// BaseView is a ladder against its own version at a git ref.
type BaseView struct {
	View   string     `json:"view"` // "base"
	Ladder LadderInfo `json:"ladder"`
	Base   BaseInfo   `json:"base"`
	Grades []BaseRow  `json:"grades"`
	// Changes are those to the ladder as a whole: title, currency, competencies, transitions.
	Changes []Change `json:"changes"`
}

// BaseInfo names the version compared with.
type BaseInfo struct {
	Ref    string     `json:"ref"`
	Commit string     `json:"commit"`
	Ladder LadderInfo `json:"ladder"`
}

// BaseRow is one grade: the levels now, and what changed there.
type BaseRow struct {
	Grade      int      `json:"grade"`
	IC         []Level  `json:"ic"`
	Management []Level  `json:"management"`
	Changes    []Change `json:"changes"`
}

// Change is one change to a level or to the ladder.
type Change struct {
	Kind         string   `json:"kind"`
	Level        string   `json:"level,omitempty"`
	Side         string   `json:"side,omitempty"`
	From         any      `json:"from,omitempty"`
	To           any      `json:"to,omitempty"`
	Change       *Gap     `json:"change,omitempty"`
	Competencies []string `json:"competencies,omitempty"`
}

// CompareBase lists, grade by grade, what changed in a ladder since its version before.
// Levels are matched by id, so a level that moved keeps its history.
func CompareBase(before, now *Source) *BaseView {
	lb, ln := levels(before.Doc), levels(now.Doc)
	v := &BaseView{
		View: "base", Ladder: now.info(),
		Base:   BaseInfo{Ref: before.Ref, Commit: before.Commit, Ladder: before.info()},
		Grades: []BaseRow{}, Changes: ladderChanges(before, now),
	}
	old := map[string]Level{}
	for _, l := range lb {
		old[l.ID] = l
	}
	current := map[string]bool{}
	for _, l := range ln {
		current[l.ID] = true
	}
	for _, g := range grades(lb, ln) {
		row := BaseRow{Grade: g, IC: at(ln, SideIC, g), Management: at(ln, SideManagement, g), Changes: []Change{}}
		for _, l := range lb { // removed levels, at the grade they had
			if l.Grade == g && !current[l.ID] {
				row.Changes = append(row.Changes, Change{Kind: ChangeRemoved, Level: l.ID, Side: l.Side, From: l})
			}
		}
		for _, l := range ln {
			if l.Grade != g {
				continue
			}
			was, ok := old[l.ID]
			if !ok {
				row.Changes = append(row.Changes, Change{Kind: ChangeAdded, Level: l.ID, Side: l.Side, To: l})
				continue
			}
			row.Changes = append(row.Changes, levelChanges(was, l)...)
		}
		v.Grades = append(v.Grades, row)
	}
	return v
}

func levelChanges(was, now Level) []Change {
	var out []Change
	c := func(kind string, from, to any) Change {
		return Change{Kind: kind, Level: now.ID, Side: now.Side, From: from, To: to}
	}
	if was.Grade != now.Grade {
		out = append(out, c(ChangeRegraded, was.Grade, now.Grade))
	}
	if was.Track != now.Track {
		out = append(out, c(ChangeTrack, was.Track, now.Track))
	}
	if was.Title != now.Title {
		out = append(out, c(ChangeRetitled, was.Title, now.Title))
	}
	if was.Scope != now.Scope {
		out = append(out, c(ChangeRescoped, was.Scope, now.Scope))
	}
	if !samePay(was.Pay, now.Pay) {
		pc := payChange(was.Pay, now.Pay)
		ch := c(ChangePay, pc.From, pc.To)
		ch.Change = pc.Change
		out = append(out, ch)
	}
	if ids := changedExpectations(was, now); len(ids) > 0 {
		ch := c(ChangeExpectations, nil, nil)
		ch.Competencies = ids
		out = append(out, ch)
	}
	if was.summary != now.summary {
		out = append(out, c(ChangeSummary, was.summary, now.summary))
	}
	return out
}

func samePay(a, b *Pay) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// changedExpectations lists the competencies whose expectation texts differ, sorted.
func changedExpectations(was, now Level) []string {
	var ids []string
	for id := range maps.Keys(was.expectations) {
		if !slices.Equal(was.expectations[id], now.expectations[id]) {
			ids = append(ids, id)
		}
	}
	for id := range maps.Keys(now.expectations) {
		if _, ok := was.expectations[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func ladderChanges(before, now *Source) []Change {
	out := []Change{}
	if before.Title() != now.Title() {
		out = append(out, Change{Kind: ChangeLadderTitle, From: before.Title(), To: now.Title()})
	}
	if b, n := before.Doc.Spec.Currency, now.Doc.Spec.Currency; b != n {
		out = append(out, Change{Kind: ChangeCurrency, From: b, To: n})
	}
	var cb, cn []string
	for _, c := range before.Doc.Spec.Competencies {
		cb = append(cb, c.ID)
	}
	for _, c := range now.Doc.Spec.Competencies {
		cn = append(cn, c.ID)
	}
	for _, id := range cb {
		if !slices.Contains(cn, id) {
			out = append(out, Change{Kind: ChangeCompetencyRemoved, From: id})
		}
	}
	for _, id := range cn {
		if !slices.Contains(cb, id) {
			out = append(out, Change{Kind: ChangeCompetencyAdded, To: id})
		}
	}
	tb, tn := before.Doc.Spec.Transitions, now.Doc.Spec.Transitions
	for _, t := range tb {
		if !slices.Contains(tn, t) {
			out = append(out, Change{Kind: ChangeTransitionRemoved, From: t.From, To: t.To})
		}
	}
	for _, t := range tn {
		if !slices.Contains(tb, t) {
			out = append(out, Change{Kind: ChangeTransitionAdded, From: t.From, To: t.To})
		}
	}
	return out
}
