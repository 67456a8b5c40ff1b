// Package compare lines career ladders up by grade, for the people who own them: the two
// sides of one ladder with their pay gaps and parity, two ladders side by side, a ladder
// against its own version at a git ref, and the progression from one level to another,
// competency by competency. It renders each view as a table, Markdown, CSV or JSON.
package compare

import (
	"cmp"
	"slices"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// The two sides of a ladder: all its tracks of one type together.
const (
	SideIC         = ladder.IC
	SideManagement = ladder.Management
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
}

func (s *Source) info() LadderInfo {
	return LadderInfo{Name: s.Name(), Title: s.Title(), File: s.File, Currency: s.Doc.Spec.Currency}
}

// Level is a level as the views show it.
type Level struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Track string `json:"track"` // the track's id
	Side  string `json:"side"`  // ic or management
	Grade int    `json:"grade"`
	Scope string `json:"scope,omitempty"`
	Pay   *Pay   `json:"pay,omitempty"`

	summary      string
	expectations map[string]ladder.Expectation
}

// Pay is a pay band, in the ladder's currency.
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
			Grade: tl.Level.Grade, Scope: tl.Level.Scope,
			summary: tl.Level.Summary, expectations: tl.Level.Expectations,
		}
		if tl.Level.Pay != nil {
			l.Pay = &Pay{Min: tl.Level.Pay.Min, Max: tl.Level.Pay.Max}
		}
		out = append(out, l)
	}
	return out
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

// at returns the levels of one side at a grade, in document order; never nil, so JSON shows [].
func at(ls []Level, side string, grade int) []Level {
	out := []Level{}
	for _, l := range ls {
		if l.Side == side && l.Grade == grade {
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
	if side == SideIC {
		return "IC"
	}
	return "management"
}

// envelope is the band that spans several levels' valid bands: the lowest min and the
// highest max; nil when none has a valid band.
func envelope(ls []Level) *Pay {
	var out *Pay
	for _, l := range ls {
		if !l.Pay.valid() {
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
