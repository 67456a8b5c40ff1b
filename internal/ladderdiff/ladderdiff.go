// Package ladderdiff is the one structural diff of two sets of ladders, matched by ladder
// name and level id: the ladders, levels, pay bands, branch points and transitions a change
// added, removed or changed. `ladderctl diff` and `ladderctl compare --base` are both views over it, so
// they use the same words. Its JSON is part of the published shape of `diff -o json`.
package ladderdiff

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strings"

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
	// SummaryChanged and ExpectationsChanged name what changed, as a reader says it:
	// "IC5 summary: ...".
	SummaryChanged      = "summary"
	ExpectationsChanged = "expectations"
	// ProficiencyChanged is the proficiency an expectation asks for, one change per
	// competency that has expectations before and after.
	ProficiencyChanged = "proficiency"
	// Changed is a branch point or a zone that is there before and after, but different.
	Changed = "changed"
)

// kindOrder lists the kinds of level change in the order a reader takes them in.
var kindOrder = []string{Added, Removed, Moved, Regraded, Retitled, Rescoped, SummaryChanged, ExpectationsChanged, ProficiencyChanged}

// Fields of a ladder as a whole, in the order they are reported.
const (
	FieldTitle        = "title"
	FieldCurrency     = "currency"
	FieldCompetencies = "competencies" // the competency ids, sorted and joined with ", "
	// FieldProficiencies is the scale, lowest first, joined with " < ": its order is its meaning.
	FieldProficiencies = "proficiencies"
	// FieldZone is one pay zone (Key) added, removed or changed: Before and After are its
	// name and currency, "" when it is not there.
	FieldZone = "zone"
)

// Ladder is one version of a ladder: the name it is matched by, its file and its content.
type Ladder struct {
	Name string
	File string
	Doc  *ladder.Document
}

// Diff is what changed from one set of ladders to another. Every list is sorted: by ladder,
// then grade, then level id, then kind.
type Diff struct {
	Ladders     LadderChanges      `json:"ladders"`
	Levels      []LevelChange      `json:"levels"`
	Pay         []PayChange        `json:"pay"`
	Branches    []BranchChange     `json:"branches"`
	Transitions []TransitionChange `json:"transitions"`
}

// LadderChanges are the ladders added or removed, and what changed about a ladder as a whole.
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
	Key    string `json:"key,omitempty"` // which one, for a field of several: the zone id
	Before string `json:"before"`
	After  string `json:"after"`
}

// String says a change to a ladder as a whole for people, in the words diff and compare
// --base share: "the currency changed from USD to EUR", "zone uk added (United Kingdom, GBP)".
func (c LadderFieldChange) String() string {
	if c.Field == FieldZone {
		switch {
		case c.Before == "":
			return "zone " + c.Key + " added (" + c.After + ")"
		case c.After == "":
			return "zone " + c.Key + " removed (was " + c.Before + ")"
		}
		return "zone " + c.Key + " changed from " + c.Before + " to " + c.After
	}
	return "the " + c.Field + " changed from " + orNone(c.Before) + " to " + orNone(c.After)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// LevelChange is one change to one level, matched by ladder name and level id. Before and
// After are the changed value: a text for retitled, and for rescoped and summary (null when
// there was none), the track id for moved, an integer for regraded, the texts of the
// competencies concerned by competency id for expectations (null when there were none), the
// whole level for removed (Before) and added (After), and null on the other side of an added
// or removed level.
type LevelChange struct {
	Ladder       string            `json:"ladder"`
	Level        string            `json:"level"`
	Change       string            `json:"change"`
	Before       any               `json:"before"`
	After        any               `json:"after"`
	Competencies *ExpectationEdits `json:"competencies,omitempty"` // for expectations
	Competency   string            `json:"competency,omitempty"`   // for proficiency
	File         string            `json:"file"`

	Grade int    `json:"-"` // the grade after the change, else before: where a reader looks for it
	Side  string `json:"-"` // the track type after the change, else before: ic or management
}

// What names the change for people: "retitled", "proficiency of delivery".
func (c LevelChange) What() string {
	if c.Competency != "" {
		return c.Change + " of " + c.Competency
	}
	return c.Change
}

// LevelSummary is a level, for a level added or removed.
type LevelSummary struct {
	Title string      `json:"title"`
	Grade int         `json:"grade"`
	Track string      `json:"track"`
	Type  string      `json:"type"` // ic or management
	Scope string      `json:"scope,omitempty"`
	Pay   *ladder.Pay `json:"pay,omitempty"`
	// Currency is the ladder's, for the pay; Currencies that of each zone, for pay by zone.
	Currency   string            `json:"currency,omitempty"`
	Currencies map[string]string `json:"currencies,omitempty"`
}

// ExpectationEdits names the competencies whose expectations a level gained, lost, or had
// reworded, each sorted.
type ExpectationEdits struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Edited  []string `json:"edited"`
}

// String says it for people: "people added, craft edited".
func (e ExpectationEdits) String() string {
	var parts []string
	for _, g := range []struct {
		ids  []string
		word string
	}{{e.Added, "added"}, {e.Removed, "removed"}, {e.Edited, "edited"}} {
		for _, id := range g.ids {
			parts = append(parts, id+" "+g.word)
		}
	}
	return strings.Join(parts, ", ")
}

// PayChange is a change to a level's pay band, on min and max.
type PayChange struct {
	Ladder         string      `json:"ladder"`
	Level          string      `json:"level"`
	Zone           string      `json:"zone,omitempty"` // the pay zone of the band, when the ladder has zones
	Currency       string      `json:"currency"`
	CurrencyBefore string      `json:"currency_before,omitempty"` // set when the band's currency changed
	Min            BoundChange `json:"min"`
	Max            BoundChange `json:"max"`
	File           string      `json:"file"`

	Grade int    `json:"-"`
	Side  string `json:"-"`
}

// InZone names the zone of a band for people, " in zone uk", or "" for a plain band.
func (p PayChange) InZone() string {
	if p.Zone == "" {
		return ""
	}
	return " in zone " + p.Zone
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

// BranchChange is a change to the level a track branches from (its `from`): the implied
// move onto the track. Before or After is "" when the track did not branch, or no longer
// does; a track added or removed with its branch point is said by its levels.
type BranchChange struct {
	Ladder string `json:"ladder"`
	Track  string `json:"track"`
	Change string `json:"change"` // added, removed or changed
	Before string `json:"before"`
	After  string `json:"after"`
	File   string `json:"file"`
}

// String says it for people: "track ic now branches from SE3 (was SE2)".
func (b BranchChange) String() string {
	switch b.Change {
	case Added:
		return "track " + b.Track + " now branches from " + b.After
	case Removed:
		return "track " + b.Track + " no longer branches from " + b.Before
	}
	return "track " + b.Track + " now branches from " + b.After + " (was " + b.Before + ")"
}

// TransitionChange is a sideways move added or removed.
type TransitionChange struct {
	Ladder string `json:"ladder"`
	From   string `json:"from"`
	To     string `json:"to"`
	Change string `json:"change"` // added or removed
}

// Compare works out what changed from before to after. Ladders are matched by name; of two
// ladders with one name on a side, the last counts.
func Compare(before, after []Ladder) *Diff {
	d := &Diff{}
	b, a := byName(before), byName(after)
	for _, name := range sortedKeys(a) {
		was, ok := b[name]
		if !ok {
			d.Ladders.Added = append(d.Ladders.Added, ref(a[name]))
			continue
		}
		d.compareLadder(name, was.Doc, a[name].Doc, a[name].File)
	}
	for _, name := range sortedKeys(b) {
		if _, ok := a[name]; !ok {
			d.Ladders.Removed = append(d.Ladders.Removed, ref(b[name]))
		}
	}
	d.sort()
	return d
}

func byName(ls []Ladder) map[string]Ladder {
	m := map[string]Ladder{}
	for _, l := range ls {
		m[l.Name] = l
	}
	return m
}

func ref(l Ladder) LadderRef {
	return LadderRef{Name: l.Name, Title: l.Doc.Metadata.Title, File: l.File, Levels: len(l.Doc.Levels())}
}

func (d *Diff) sort() {
	slices.SortStableFunc(d.Levels, func(x, y LevelChange) int {
		return cmp.Or(cmp.Compare(x.Ladder, y.Ladder), cmp.Compare(x.Grade, y.Grade), cmp.Compare(x.Level, y.Level),
			cmp.Compare(slices.Index(kindOrder, x.Change), slices.Index(kindOrder, y.Change)))
	})
	slices.SortStableFunc(d.Pay, func(x, y PayChange) int {
		return cmp.Or(cmp.Compare(x.Ladder, y.Ladder), cmp.Compare(x.Grade, y.Grade), cmp.Compare(x.Level, y.Level))
	})
	slices.SortStableFunc(d.Branches, func(x, y BranchChange) int {
		return cmp.Or(cmp.Compare(x.Ladder, y.Ladder), cmp.Compare(x.Track, y.Track))
	})
	slices.SortStableFunc(d.Transitions, func(x, y TransitionChange) int {
		return cmp.Or(cmp.Compare(x.Ladder, y.Ladder), cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To), cmp.Compare(x.Change, y.Change))
	})
}

// levelsByID indexes a ladder's levels; a duplicate id (a structure/unique-ids finding)
// keeps the first.
func levelsByID(doc *ladder.Document) (map[string]ladder.TrackLevel, []string) {
	m := map[string]ladder.TrackLevel{}
	var order []string
	for _, tl := range doc.Levels() {
		if _, dup := m[tl.Level.ID]; !dup {
			m[tl.Level.ID] = tl
			order = append(order, tl.Level.ID)
		}
	}
	return m, order
}

func (d *Diff) compareLadder(name string, b, a *ladder.Document, file string) {
	field := func(f, before, after string) {
		if before != after {
			d.Ladders.Changed = append(d.Ladders.Changed, LadderFieldChange{Ladder: name, Field: f, Before: before, After: after})
		}
	}
	field(FieldTitle, b.Metadata.Title, a.Metadata.Title)
	field(FieldCurrency, b.Spec.Currency, a.Spec.Currency)
	field(FieldCompetencies, competencyIDs(b), competencyIDs(a))
	field(FieldProficiencies, strings.Join(b.Spec.Proficiencies, " < "), strings.Join(a.Spec.Proficiencies, " < "))
	d.compareZones(name, b, a)
	d.compareBranches(name, b, a, file)

	bl, border := levelsByID(b)
	al, aorder := levelsByID(a)
	for _, id := range aorder {
		now := al[id]
		add := func(kind string, before, after any) *LevelChange {
			d.Levels = append(d.Levels, LevelChange{Ladder: name, Level: id, Change: kind, Before: before, After: after,
				File: file, Grade: now.Level.Grade, Side: now.Track.Type})
			return &d.Levels[len(d.Levels)-1]
		}
		was, ok := bl[id]
		if !ok {
			add(Added, nil, summary(now, &a.Spec))
			continue
		}
		if was.Track.ID != now.Track.ID {
			add(Moved, was.Track.ID, now.Track.ID)
		}
		if was.Level.Grade != now.Level.Grade {
			add(Regraded, was.Level.Grade, now.Level.Grade)
		}
		if was.Level.Title != now.Level.Title {
			add(Retitled, was.Level.Title, now.Level.Title)
		}
		if was.Level.Scope != now.Level.Scope {
			add(Rescoped, textOrNil(was.Level.Scope), textOrNil(now.Level.Scope))
		}
		if was.Level.Summary != now.Level.Summary {
			add(SummaryChanged, textOrNil(was.Level.Summary), textOrNil(now.Level.Summary))
		}
		if e, before, after := expectationEdits(was.Level.Expectations, now.Level.Expectations); e != nil {
			add(ExpectationsChanged, before, after).Competencies = e
		}
		for _, c := range proficiencyEdits(was.Level.Expectations, now.Level.Expectations) {
			add(ProficiencyChanged, textOrNil(was.Level.Expectations[c].Proficiency), textOrNil(now.Level.Expectations[c].Proficiency)).Competency = c
		}
		for _, zone := range zonesOf(was.Level.Pay, now.Level.Pay) {
			if p, ok := payChange(was.Level.Pay.In(zone), now.Level.Pay.In(zone), b.Spec.ZoneCurrency(zone), a.Spec.ZoneCurrency(zone)); ok {
				p.Ladder, p.Level, p.Zone, p.File, p.Grade, p.Side = name, id, zone, file, now.Level.Grade, now.Track.Type
				d.Pay = append(d.Pay, p)
			}
		}
	}
	for _, id := range border {
		if _, ok := al[id]; !ok {
			was := bl[id]
			d.Levels = append(d.Levels, LevelChange{Ladder: name, Level: id, Change: Removed, Before: summary(was, &b.Spec),
				File: file, Grade: was.Level.Grade, Side: was.Track.Type})
		}
	}

	type move struct{ from, to string }
	moves := func(doc *ladder.Document) map[move]bool {
		m := map[move]bool{}
		for _, t := range doc.Spec.Transitions {
			m[move{t.From, t.To}] = true
		}
		return m
	}
	bm, am := moves(b), moves(a)
	for m := range am {
		if !bm[m] {
			d.Transitions = append(d.Transitions, TransitionChange{Ladder: name, From: m.from, To: m.to, Change: Added})
		}
	}
	for m := range bm {
		if !am[m] {
			d.Transitions = append(d.Transitions, TransitionChange{Ladder: name, From: m.from, To: m.to, Change: Removed})
		}
	}
}

// compareZones lists the pay zones added, removed, or renamed or given another currency.
func (d *Diff) compareZones(name string, b, a *ladder.Document) {
	describe := func(doc *ladder.Document) map[string]string {
		m := map[string]string{}
		for _, z := range doc.Spec.Zones {
			m[z.ID] = strings.Join(slices.DeleteFunc([]string{z.Name, doc.Spec.ZoneCurrency(z.ID)}, func(s string) bool { return s == "" }), ", ")
			if m[z.ID] == "" {
				m[z.ID] = "no name, no currency"
			}
		}
		return m
	}
	bz, az := describe(b), describe(a)
	ids := append(slices.Collect(maps.Keys(bz)), slices.Collect(maps.Keys(az))...)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if bz[id] != az[id] {
			d.Ladders.Changed = append(d.Ladders.Changed, LadderFieldChange{Ladder: name, Field: FieldZone, Key: id, Before: bz[id], After: az[id]})
		}
	}
}

// compareBranches lists the tracks, on both sides, whose branch point changed.
func (d *Diff) compareBranches(name string, b, a *ladder.Document, file string) {
	before := map[string]string{}
	for _, t := range b.Spec.Tracks {
		before[t.ID] = t.From
	}
	for _, t := range a.Spec.Tracks {
		was, ok := before[t.ID]
		if !ok || was == t.From {
			continue
		}
		c := BranchChange{Ladder: name, Track: t.ID, Change: Changed, Before: was, After: t.From, File: file}
		switch {
		case was == "":
			c.Change = Added
		case t.From == "":
			c.Change = Removed
		}
		d.Branches = append(d.Branches, c)
	}
}

// competencyIDs lists a ladder's competencies as one text; their order in the file is no change.
func competencyIDs(doc *ladder.Document) string {
	var ids []string
	for _, c := range doc.Spec.Competencies {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	return strings.Join(ids, ", ")
}

func summary(tl ladder.TrackLevel, spec *ladder.Spec) LevelSummary {
	s := LevelSummary{Title: tl.Level.Title, Grade: tl.Level.Grade, Track: tl.Track.ID, Type: tl.Track.Type, Scope: tl.Level.Scope, Pay: tl.Level.Pay}
	switch {
	case s.Pay.Zoned():
		s.Currencies = map[string]string{}
		for z := range s.Pay.Zones {
			s.Currencies[z] = spec.ZoneCurrency(z)
		}
	case s.Pay != nil:
		s.Currency = spec.Currency
	}
	return s
}

func textOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// expectationEdits compares the texts of a level's expectations, competency by competency
// (their proficiency is proficiencyEdits'); an expectation with no text counts as none. It
// returns nil when nothing changed, else the edits and the texts of the competencies
// concerned on each side, by competency id (nil when a side has none).
func expectationEdits(was, now map[string]ladder.Expectation) (e *ExpectationEdits, before, after any) {
	edits := ExpectationEdits{Added: []string{}, Removed: []string{}, Edited: []string{}}
	b, a := map[string][]string{}, map[string][]string{}
	ids := append(slices.Collect(maps.Keys(was)), slices.Collect(maps.Keys(now))...)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		w, n := was[id], now[id]
		switch {
		case slices.Equal(w.Texts, n.Texts):
			continue
		case len(w.Texts) == 0:
			edits.Added = append(edits.Added, id)
		case len(n.Texts) == 0:
			edits.Removed = append(edits.Removed, id)
		default:
			edits.Edited = append(edits.Edited, id)
		}
		if len(w.Texts) > 0 {
			b[id] = w.Texts
		}
		if len(n.Texts) > 0 {
			a[id] = n.Texts
		}
	}
	if len(b)+len(a) == 0 {
		return nil, nil, nil
	}
	return &edits, mapOrNil(b), mapOrNil(a)
}

// proficiencyEdits lists, by id, the competencies a level has expectations for before and
// after whose proficiency changed; one gained or lost with its expectation is said by
// expectationEdits.
func proficiencyEdits(was, now map[string]ladder.Expectation) []string {
	var out []string
	for id, n := range now {
		if w, ok := was[id]; ok && len(w.Texts) > 0 && len(n.Texts) > 0 && w.Proficiency != n.Proficiency {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func mapOrNil(m map[string][]string) any {
	if len(m) == 0 {
		return nil
	}
	return m
}

// payChange compares two bands; ok is false when nothing changed.
func payChange(was, now *ladder.Pay, curWas, curNow string) (PayChange, bool) {
	if was == nil && now == nil {
		return PayChange{}, false
	}
	if was != nil && now != nil && was.Min == now.Min && was.Max == now.Max && curWas == curNow {
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

// zonesOf lists the zones whose bands a change may touch: "" for plain bands, and every zone
// of either side.
func zonesOf(was, now *ladder.Pay) []string {
	var zones []string
	for _, p := range []*ladder.Pay{was, now} {
		for _, zb := range p.Bands() {
			zones = append(zones, zb.Zone)
		}
	}
	slices.Sort(zones)
	return slices.Compact(zones)
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
