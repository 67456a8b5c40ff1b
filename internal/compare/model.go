// Package compare lines career ladders up by grade, for the people who own them: the two
// sides of one ladder with their pay gaps and parity, two ladders side by side, a ladder
// against its own version at a git ref, and the progression from one level to another,
// competency by competency. It renders each view as a table, Markdown, CSV or JSON.
package compare

import (
	"cmp"
	"slices"

	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/numfmt"
)

// The two sides of a ladder: all its tracks of one type together. Shared levels, before the
// tracks split, are on neither.
const (
	SideIC         = ladder.IC
	SideManagement = ladder.Management
	SideShared     = ladder.Shared
)

// Source is a ladder to compare, with where it was read from.
type Source struct {
	Loaded *ladder.Ladder
	Doc    *ladder.Document
	// File names the ladder's file as the user reads it: ladders/a.yaml, or main:ladders/a.yaml
	// for a file read from git.
	File string
	// Ref is the git ref the file was read at, "" for a file on disk; Path is the file's path,
	// on disk or relative to the repository root when Ref is set.
	Ref    string
	Path   string
	Commit string // the commit Ref named
}

// NewSource decodes a loaded ladder.
func NewSource(l *ladder.Ladder, ref, path string) (*Source, error) {
	doc, err := l.Document()
	if err != nil {
		return nil, err
	}
	return &Source{Loaded: l, Doc: doc, File: l.File, Ref: ref, Path: path}, nil
}

// Name is the ladder's metadata.name.
func (s *Source) Name() string { return s.Doc.Metadata.Name }

// Title is the ladder's display name, else its name.
func (s *Source) Title() string { return cmp.Or(s.Doc.Metadata.Title, s.Doc.Metadata.Name) }

// LadderInfo names a ladder in the JSON of every view.
type LadderInfo struct {
	Name     string `json:"name"`
	Title    string `json:"title"`
	File     string `json:"file"`
	Currency string `json:"currency"`
	// Zones are the ladder's pay zones, each with its currency worked out; none for a ladder
	// that pays one band per level.
	Zones []ladder.Zone `json:"zones,omitempty"`
}

// Info names the ladder as the views do, its zones with their currencies.
func (s *Source) Info() LadderInfo { return s.info() }

func (s *Source) info() LadderInfo {
	i := LadderInfo{Name: s.Name(), Title: s.Title(), File: s.File, Currency: s.Doc.Spec.Currency}
	for _, z := range s.Doc.Spec.Zones {
		z.Currency = s.Doc.Spec.ZoneCurrency(z.ID)
		i.Zones = append(i.Zones, z)
	}
	return i
}

// Bands lists the bands of a pay in the order of the ladder's zones (any zone the ladder
// does not declare after them, by id): the plain band alone, or one per zone.
func Bands(p *ladder.Pay, zones []ladder.Zone) []ladder.ZoneBand {
	bands := p.Bands()
	rank := func(zone string) int {
		if i := slices.IndexFunc(zones, func(z ladder.Zone) bool { return z.ID == zone }); i >= 0 {
			return i
		}
		return len(zones)
	}
	slices.SortStableFunc(bands, func(a, b ladder.ZoneBand) int { return cmp.Compare(rank(a.Zone), rank(b.Zone)) })
	return bands
}

// PayTexts writes a level's pay for people, one line a band: "80,000–100,000" (in currency,
// when given), or "uk: GBP 120,000–160,000" for each zone; a band that is not valid says so.
func PayTexts(p *ladder.Pay, info LadderInfo, currency string) []string {
	var out []string
	for _, zb := range Bands(p, info.Zones) {
		s := numfmt.Band(zb.Band.Min, zb.Band.Max, currency)
		if zb.Zone != "" {
			s = zb.Zone + ": " + numfmt.Band(zb.Band.Min, zb.Band.Max, zoneCurrency(info, zb.Zone))
		}
		if !zb.Band.Valid() {
			s += " (not a valid band)"
		}
		out = append(out, s)
	}
	return out
}

// zoneCurrency is the currency of a zone's bands.
func zoneCurrency(info LadderInfo, zone string) string {
	for _, z := range info.Zones {
		if z.ID == zone {
			return z.Currency
		}
	}
	return info.Currency
}

// Level is a level as the views show it.
type Level struct {
	ID    string      `json:"id"`
	Title string      `json:"title"`
	Track string      `json:"track"` // the track's id
	Side  string      `json:"side"`  // ic, management, or shared
	Grade int         `json:"grade"`
	Scope string      `json:"scope,omitempty"`
	Pay   *ladder.Pay `json:"pay,omitempty"` // {min, max}, or a band per zone
	// From is the level this one is reached from when its track branches there (the first
	// level of a track with a from): an implied move, like a transition.
	From string `json:"from,omitempty"`

	summary      string
	expectations map[string]ladder.Expectation
}

// Pay is a pay band.
type Pay struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

func (p *Pay) valid() bool { return p != nil && p.Min > 0 && p.Min <= p.Max }

// levels lists the levels of a ladder in document order.
func levels(doc *ladder.Document) []Level {
	var out []Level
	for _, tl := range doc.Levels() {
		l := Level{
			ID: tl.Level.ID, Title: tl.Level.Title, Track: tl.Track.ID, Side: tl.Track.Type,
			Grade: tl.Level.Grade, Scope: tl.Level.Scope, Pay: tl.Level.Pay,
			summary: tl.Level.Summary, expectations: tl.Level.Expectations,
		}
		if tl.LevelIndex == 0 {
			l.From = tl.Track.From
		}
		out = append(out, l)
	}
	return out
}

// byGrade indexes levels by grade, in document order within a grade: one pass, so that a
// view of many levels stays linear.
func byGrade(ls []Level) map[int][]Level {
	m := map[int][]Level{}
	for _, l := range ls {
		m[l.Grade] = append(m[l.Grade], l)
	}
	return m
}

// grades lists every grade any of the levels has, from junior to top.
func grades(lists ...[]Level) []int {
	var gs []int
	for _, ls := range lists {
		for _, l := range ls {
			gs = append(gs, l.Grade)
		}
	}
	slices.Sort(gs)
	return slices.Compact(gs)
}

// of returns the levels of one side among levels, in their order; never nil, so JSON shows [].
func of(ls []Level, side string) []Level {
	out := []Level{}
	for _, l := range ls {
		if l.Side == side {
			out = append(out, l)
		}
	}
	return out
}

// sides lists the sides a ladder has, IC first.
func sides(ls []Level) []string {
	var out []string
	for _, side := range []string{SideIC, SideManagement} {
		if slices.ContainsFunc(ls, func(l Level) bool { return l.Side == side }) {
			out = append(out, side)
		}
	}
	return out
}

// sideName is how a table names a side.
func sideName(side string) string {
	switch side {
	case SideIC:
		return "IC"
	case SideShared:
		return "shared"
	}
	return "management"
}

// envelope is the band that spans several levels' valid bands: the lowest min and the
// highest max; nil when none has a valid band.
func envelope(ls []Level) *Pay {
	var out *Pay
	for _, l := range ls {
		if !l.Pay.Valid() {
			continue
		}
		if out == nil {
			out = &Pay{Min: l.Pay.Min, Max: l.Pay.Max}
			continue
		}
		out.Min, out.Max = min(out.Min, l.Pay.Min), max(out.Max, l.Pay.Max)
	}
	return out
}

// ratio is (x − base) / base.
func ratio(x, base float64) float64 { return (x - base) / base }

// scopeSteps is how many steps wider b is than a, and whether both are on the scale.
func scopeSteps(a, b string) (int, bool) {
	i, j := slices.Index(ladder.Scopes, a), slices.Index(ladder.Scopes, b)
	if i < 0 || j < 0 {
		return 0, false
	}
	return j - i, true
}
