package compare

import (
	"cmp"
	"slices"

	"github.com/ladderctl/ladderctl/internal/ladderdiff"
)

// Kinds of change between a ladder's version at a ref and its version now. A level change
// has the kind ladderdiff names it (added, removed, moved, regraded, retitled, rescoped,
// summary, expectations), as `ladderctl diff` does; a change to the ladder as a whole has
// the name of the field (title, currency, competencies). These kinds are compare's own.
const (
	ChangePay               = "pay"                // From and To are bands (null when none); Change the ratios
	ChangeTransitionAdded   = "transition_added"   // From and To are level ids
	ChangeTransitionRemoved = "transition_removed" // From and To are level ids
	ChangeBranch            = "branch"             // Track branches from To, no longer from From ("" for none)
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

// Change is one change to a level or to the ladder. From and To are the values before and
// after, as ladderdiff gives them; a level added or removed is the Level.
type Change struct {
	Kind         string                       `json:"kind"`
	Level        string                       `json:"level,omitempty"`
	Side         string                       `json:"side,omitempty"`
	From         any                          `json:"from,omitempty"`
	To           any                          `json:"to,omitempty"`
	Change       *Gap                         `json:"change,omitempty"`
	Competencies *ladderdiff.ExpectationEdits `json:"competencies,omitempty"`
	Competency   string                       `json:"competency,omitempty"` // for proficiency
	Zone         string                       `json:"zone,omitempty"`       // for pay in a zone, and a zone added, removed or changed
	Track        string                       `json:"track,omitempty"`      // for branch
	// For pay when the band's currency changed or is a zone's, so that the bands name their money.
	CurrencyBefore string `json:"currency_before,omitempty"`
	Currency       string `json:"currency,omitempty"`
}

// CompareBase lists, grade by grade, what changed in a ladder since its version before:
// a level's changes at the grade it has now (else had), its pay change after them.
func CompareBase(before, now *Source) *BaseView {
	lb, ln := levels(before.Doc), levels(now.Doc)
	v := &BaseView{
		View: "base", Ladder: now.info(),
		Base:   BaseInfo{Ref: before.Ref, Commit: before.Commit, Ladder: before.info()},
		Grades: []BaseRow{}, Changes: []Change{},
	}
	// Both versions go by the name the ladder has now: a renamed ladder is still itself.
	d := ladderdiff.Compare(
		[]ladderdiff.Ladder{{Name: now.Name(), File: before.File, Doc: before.Doc}},
		[]ladderdiff.Ladder{{Name: now.Name(), File: now.File, Doc: now.Doc}},
	)
	changesAt := map[int][]Change{}
	idsBefore, idsNow := firstByID(lb), firstByID(ln)
	for _, c := range d.Levels {
		ch := Change{Kind: c.Change, Level: c.Level, Side: c.Side, From: c.Before, To: c.After, Competencies: c.Competencies, Competency: c.Competency}
		switch c.Change {
		case ladderdiff.Added:
			ch.To = idsNow[c.Level]
		case ladderdiff.Removed:
			ch.From = idsBefore[c.Level]
		}
		changesAt[c.Grade] = append(changesAt[c.Grade], ch)
	}
	for _, p := range d.Pay {
		changesAt[p.Grade] = append(changesAt[p.Grade], payChangeOf(p))
	}
	levelsNow := byGrade(ln)
	for _, g := range grades(lb, ln) {
		changes := append([]Change{}, changesAt[g]...) // never nil, so JSON shows []
		slices.SortStableFunc(changes, func(x, y Change) int { return cmp.Compare(x.Level, y.Level) })
		v.Grades = append(v.Grades, BaseRow{Grade: g, IC: of(levelsNow[g], SideIC), Management: of(levelsNow[g], SideManagement), Changes: changes})
	}
	for _, f := range d.Ladders.Changed {
		v.Changes = append(v.Changes, Change{Kind: f.Field, Zone: f.Key, From: f.Before, To: f.After})
	}
	for _, b := range d.Branches {
		v.Changes = append(v.Changes, Change{Kind: ChangeBranch, Track: b.Track, From: b.Before, To: b.After})
	}
	for _, t := range d.Transitions {
		kind := ChangeTransitionAdded
		if t.Change == ladderdiff.Removed {
			kind = ChangeTransitionRemoved
		}
		v.Changes = append(v.Changes, Change{Kind: kind, From: t.From, To: t.To})
	}
	return v
}

// firstByID indexes levels by id, the first of an id kept, as ladderdiff matches them.
func firstByID(ls []Level) map[string]Level {
	m := map[string]Level{}
	for _, l := range ls {
		if _, dup := m[l.ID]; !dup {
			m[l.ID] = l
		}
	}
	return m
}

// payChangeOf is a pay change as the view shows it: the bands, and the change on both
// bounds when ladderdiff could work it out for both.
func payChangeOf(p ladderdiff.PayChange) Change {
	band := func(min, max *float64) *Pay {
		if min == nil || max == nil {
			return nil
		}
		return &Pay{Min: *min, Max: *max}
	}
	ch := Change{Kind: ChangePay, Level: p.Level, Side: p.Side, Zone: p.Zone, From: band(p.Min.Before, p.Max.Before), To: band(p.Min.After, p.Max.After)}
	switch {
	case p.CurrencyBefore != "":
		ch.CurrencyBefore, ch.Currency = p.CurrencyBefore, p.Currency
	case p.Zone != "": // zones may pay in different currencies: each band names its own
		ch.CurrencyBefore, ch.Currency = p.Currency, p.Currency
	}
	if p.Min.Change != nil && p.Max.Change != nil {
		ch.Change = &Gap{Min: *p.Min.Change, Max: *p.Max.Change}
	}
	return ch
}
