package change

import (
	"cmp"
	"math"
	"slices"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// Kinds of change of a ladder, a level or a transition.
const (
	Added    = "added"
	Removed  = "removed"
	Moved    = "moved" // to another track
	Regraded = "regraded"
	Retitled = "retitled"
	Rescoped = "rescoped"
)

// changeOrder lists the kinds of level change in the order a reader takes them in.
var changeOrder = []string{Added, Removed, Moved, Regraded, Retitled, Rescoped}

// LadderChanges are the ladders a change added or removed (matched by name), and what
// changed about a ladder as a whole.
type LadderChanges struct {
	Added   []LadderRef         `json:"added"`
	Removed []LadderRef         `json:"removed"`
	Changed []LadderFieldChange `json:"changed"`
}

// LadderRef names a ladder and where it is.
type LadderRef struct {
	Name   string `json:"name"`
	Title  string `json:"title,omitempty"`
	File   string `json:"file"`
	Levels int    `json:"levels"`
}

// LadderFieldChange is a change to a ladder as a whole, such as its currency.
type LadderFieldChange struct {
	Ladder string `json:"ladder"`
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// LevelChange is one change to one level, matched by ladder name and level id. Before and
// After are the changed value: a text for retitled, rescoped (null when there was no scope)
// and moved (the track id), an integer for regraded, the whole level for removed (Before) and
// added (After), and null on the other side of an added or removed level.
type LevelChange struct {
	Ladder string `json:"ladder"`
	Level  string `json:"level"`
	Change string `json:"change"`
	Before any    `json:"before"`
	After  any    `json:"after"`
	File   string `json:"file"`

	grade int // for sorting: the grade after the change, else before
}

// LevelSummary is a level, for a level added or removed.
type LevelSummary struct {
	Title string      `json:"title"`
	Grade int         `json:"grade"`
	Track string      `json:"track"`
	Type  string      `json:"type"` // ic or management
	Scope string      `json:"scope,omitempty"`
	Pay   *ladder.Pay `json:"pay,omitempty"`
	// Currency is the ladder's, for the pay.
	Currency string `json:"currency,omitempty"`
}

// PayChange is a change to a level's pay band, on min and max.
type PayChange struct {
	Ladder         string      `json:"ladder"`
	Level          string      `json:"level"`
	Currency       string      `json:"currency"`
	CurrencyBefore string      `json:"currency_before,omitempty"` // set when the ladder's currency changed
	Min            BoundChange `json:"min"`
	Max            BoundChange `json:"max"`
	File           string      `json:"file"`

	grade int
}

// BoundChange is one bound of a band before and after. Before or After is null when the
// level had no band on that side; Change is (after - before) / before, rounded to 4
// decimals (0.1 is +10%), and null when it cannot be computed (a missing band, a bound of 0,
// or a change of currency).
type BoundChange struct {
	Before *float64 `json:"before"`
	After  *float64 `json:"after"`
	Change *float64 `json:"change"`
}

// TransitionChange is a sideways move added or removed.
type TransitionChange struct {
	Ladder string `json:"ladder"`
	From   string `json:"from"`
	To     string `json:"to"`
	Change string `json:"change"` // added or removed
}

type decoded struct {
	l   *ladder.Ladder
	doc *ladder.Document
}

func decodeAll(s *Side, errs *[]string) map[string]decoded {
	out := map[string]decoded{}
	for _, l := range s.Ladders {
		doc, err := l.Document()
		if err != nil {
			*errs = append(*errs, l.File+": "+err.Error())
			continue
		}
		out[l.Name] = decoded{l, doc}
	}
	return out
}

func compareStructure(r *Report, base, head *Side) {
	before := decodeAll(base, &r.Errors.Base)
	after := decodeAll(head, &r.Errors.Head)
	for _, name := range sortedKeys(after) {
		a := after[name]
		b, ok := before[name]
		if !ok {
			if !unreadable(base, a.l.File) { // else the base could not say what was there
				r.Ladders.Added = append(r.Ladders.Added, ref(a))
			}
			continue
		}
		compareLadder(r, name, b.doc, a.doc, a.l.File)
	}
	for _, name := range sortedKeys(before) {
		if _, ok := after[name]; !ok && !unreadable(head, before[name].l.File) {
			r.Ladders.Removed = append(r.Ladders.Removed, ref(before[name]))
		}
	}
	slices.SortStableFunc(r.Levels, func(x, y LevelChange) int {
		return cmp.Or(cmp.Compare(x.Ladder, y.Ladder), cmp.Compare(x.grade, y.grade), cmp.Compare(x.Level, y.Level),
			cmp.Compare(slices.Index(changeOrder, x.Change), slices.Index(changeOrder, y.Change)))
	})
	slices.SortStableFunc(r.Pay, func(x, y PayChange) int {
		return cmp.Or(cmp.Compare(x.Ladder, y.Ladder), cmp.Compare(x.grade, y.grade), cmp.Compare(x.Level, y.Level))
	})
	slices.SortStableFunc(r.Transitions, func(x, y TransitionChange) int {
		return cmp.Or(cmp.Compare(x.Ladder, y.Ladder), cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To), cmp.Compare(x.Change, y.Change))
	})
}

func ref(d decoded) LadderRef {
	return LadderRef{Name: d.l.Name, Title: d.doc.Metadata.Title, File: d.l.File, Levels: len(d.doc.Levels())}
}

// levelsByID indexes a ladder's levels; a duplicate id (a structure/unique-ids finding)
// keeps the first.
func levelsByID(d *ladder.Document) (map[string]ladder.TrackLevel, []string) {
	m := map[string]ladder.TrackLevel{}
	var order []string
	for _, tl := range d.Levels() {
		if _, dup := m[tl.Level.ID]; !dup {
			m[tl.Level.ID] = tl
			order = append(order, tl.Level.ID)
		}
	}
	return m, order
}

func compareLadder(r *Report, name string, b, a *ladder.Document, file string) {
	if b.Spec.Currency != a.Spec.Currency {
		r.Ladders.Changed = append(r.Ladders.Changed, LadderFieldChange{Ladder: name, Field: "currency", Before: b.Spec.Currency, After: a.Spec.Currency})
	}
	bl, border := levelsByID(b)
	al, aorder := levelsByID(a)
	add := func(id, change string, grade int, before, after any) {
		r.Levels = append(r.Levels, LevelChange{Ladder: name, Level: id, Change: change, Before: before, After: after, File: file, grade: grade})
	}
	for _, id := range aorder {
		now := al[id]
		was, ok := bl[id]
		if !ok {
			add(id, Added, now.Level.Grade, nil, summary(now, a.Spec.Currency))
			continue
		}
		g := now.Level.Grade
		if was.Track.ID != now.Track.ID {
			add(id, Moved, g, was.Track.ID, now.Track.ID)
		}
		if was.Level.Grade != now.Level.Grade {
			add(id, Regraded, g, was.Level.Grade, now.Level.Grade)
		}
		if was.Level.Title != now.Level.Title {
			add(id, Retitled, g, was.Level.Title, now.Level.Title)
		}
		if was.Level.Scope != now.Level.Scope {
			add(id, Rescoped, g, textOrNil(was.Level.Scope), textOrNil(now.Level.Scope))
		}
		if p, ok := payChange(was.Level.Pay, now.Level.Pay, b.Spec.Currency, a.Spec.Currency); ok {
			p.Ladder, p.Level, p.File, p.grade = name, id, file, g
			r.Pay = append(r.Pay, p)
		}
	}
	for _, id := range border {
		if _, ok := al[id]; !ok {
			add(id, Removed, bl[id].Level.Grade, summary(bl[id], b.Spec.Currency), nil)
		}
	}
	type move struct{ from, to string }
	moves := func(d *ladder.Document) map[move]bool {
		m := map[move]bool{}
		for _, t := range d.Spec.Transitions {
			m[move{t.From, t.To}] = true
		}
		return m
	}
	bm, am := moves(b), moves(a)
	for m := range am {
		if !bm[m] {
			r.Transitions = append(r.Transitions, TransitionChange{Ladder: name, From: m.from, To: m.to, Change: Added})
		}
	}
	for m := range bm {
		if !am[m] {
			r.Transitions = append(r.Transitions, TransitionChange{Ladder: name, From: m.from, To: m.to, Change: Removed})
		}
	}
}

func summary(tl ladder.TrackLevel, currency string) LevelSummary {
	s := LevelSummary{Title: tl.Level.Title, Grade: tl.Level.Grade, Track: tl.Track.ID, Type: tl.Track.Type, Scope: tl.Level.Scope, Pay: tl.Level.Pay}
	if s.Pay != nil {
		s.Currency = currency
	}
	return s
}

func textOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// payChange compares two bands; ok is false when nothing changed.
func payChange(was, now *ladder.Pay, curWas, curNow string) (PayChange, bool) {
	if was == nil && now == nil {
		return PayChange{}, false
	}
	if was != nil && now != nil && *was == *now && curWas == curNow {
		return PayChange{}, false
	}
	p := PayChange{Currency: curNow}
	sameCurrency := curWas == curNow
	if !sameCurrency {
		p.CurrencyBefore = curWas
	}
	bound := func(get func(*ladder.Pay) float64) BoundChange {
		var c BoundChange
		if was != nil {
			v := get(was)
			c.Before = &v
		}
		if now != nil {
			v := get(now)
			c.After = &v
		}
		if c.Before != nil && c.After != nil && *c.Before != 0 && sameCurrency {
			ratio := math.Round((*c.After-*c.Before) / *c.Before * 1e4) / 1e4
			if ratio == 0 {
				ratio = 0 // never -0
			}
			c.Change = &ratio
		}
		return c
	}
	p.Min = bound(func(p *ladder.Pay) float64 { return p.Min })
	p.Max = bound(func(p *ladder.Pay) float64 { return p.Max })
	return p, true
}
