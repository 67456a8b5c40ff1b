package compare

import (
	"slices"
	"strings"
)

// Kinds of difference between two ladders at a grade.
const (
	DiffGrade = "grade" // only one ladder has levels at this grade
	DiffSide  = "side"  // only one ladder has levels of this side at this grade
	DiffTitle = "title" // the titles of a side differ
	DiffScope = "scope" // the scopes of a side differ
	DiffPay   = "pay"   // the pay of a side differs
)

// LaddersView is two ladders side by side by grade.
type LaddersView struct {
	View    string       `json:"view"` // "ladders"
	Ladders []LadderInfo `json:"ladders"`
	Sides   []string     `json:"sides"` // the sides either ladder has
	// PayCompared is false when the two ladders pay in different currencies.
	PayCompared bool         `json:"pay_compared"`
	Grades      []LaddersRow `json:"grades"`
}

// LaddersRow is one grade of two ladders.
type LaddersRow struct {
	Grade       int          `json:"grade"`
	Levels      []SideLevels `json:"levels"` // one entry per ladder, in the order given
	Differences []Difference `json:"differences"`
}

// SideLevels are a ladder's levels at one grade, per side.
type SideLevels struct {
	IC         []Level `json:"ic"`
	Management []Level `json:"management"`
}

func (s SideLevels) of(side string) []Level {
	if side == SideIC {
		return s.IC
	}
	return s.Management
}

// Difference is one way two ladders differ at a grade. Pay changes are the second ladder
// relative to the first.
type Difference struct {
	Kind   string     `json:"kind"`
	Side   string     `json:"side,omitempty"`
	OnlyIn string     `json:"only_in,omitempty"` // grade, side: the ladder that has levels there
	From   string     `json:"from,omitempty"`    // title, scope: the first ladder's
	To     string     `json:"to,omitempty"`      // title, scope: the second ladder's
	Pay    *PayChange `json:"pay,omitempty"`
}

// PayChange is a band before and after, or in a first and a second ladder; Change is
// (after − before) / before on min and max, nil unless both bands are valid.
type PayChange struct {
	From   *Pay `json:"from"`
	To     *Pay `json:"to"`
	Change *Gap `json:"change"`
}

func payChange(from, to *Pay) *PayChange {
	pc := &PayChange{From: from, To: to}
	if from.valid() && to.valid() {
		pc.Change = &Gap{Min: ratio(to.Min, from.Min), Max: ratio(to.Max, from.Max)}
	}
	return pc
}

// CompareLadders lines two ladders up by grade, the org-wide scale that makes levels of
// different job families comparable, and lists how they differ at each grade.
func CompareLadders(a, b *Source) *LaddersView {
	la, lb := levels(a.Doc), levels(b.Doc)
	v := &LaddersView{
		View:        "ladders",
		Ladders:     []LadderInfo{a.info(), b.info()},
		Sides:       sides(append(slices.Clone(la), lb...)),
		PayCompared: a.Doc.Spec.Currency == b.Doc.Spec.Currency,
		Grades:      []LaddersRow{},
	}
	atA, atB := byGrade(la), byGrade(lb)
	for _, g := range grades(la, lb) {
		row := LaddersRow{Grade: g, Differences: []Difference{}}
		for _, at := range []map[int][]Level{atA, atB} {
			row.Levels = append(row.Levels, SideLevels{IC: of(at[g], SideIC), Management: of(at[g], SideManagement)})
		}
		row.Differences = differences(row.Levels[0], row.Levels[1], a.Name(), b.Name(), v.PayCompared)
		v.Grades = append(v.Grades, row)
	}
	return v
}

func differences(a, b SideLevels, nameA, nameB string, pay bool) []Difference {
	out := []Difference{}
	emptyA := len(a.IC)+len(a.Management) == 0
	emptyB := len(b.IC)+len(b.Management) == 0
	switch {
	case emptyA:
		return append(out, Difference{Kind: DiffGrade, OnlyIn: nameB})
	case emptyB:
		return append(out, Difference{Kind: DiffGrade, OnlyIn: nameA})
	}
	for _, side := range []string{SideIC, SideManagement} {
		x, y := a.of(side), b.of(side)
		switch {
		case len(x) == 0 && len(y) == 0:
			continue
		case len(x) == 0:
			out = append(out, Difference{Kind: DiffSide, Side: side, OnlyIn: nameB})
			continue
		case len(y) == 0:
			out = append(out, Difference{Kind: DiffSide, Side: side, OnlyIn: nameA})
			continue
		}
		if tx, ty := titles(x), titles(y); tx != ty {
			out = append(out, Difference{Kind: DiffTitle, Side: side, From: tx, To: ty})
		}
		if sx, sy := scopes(x), scopes(y); sx != sy {
			out = append(out, Difference{Kind: DiffScope, Side: side, From: sx, To: sy})
		}
		if !pay {
			continue
		}
		px, py := envelope(x), envelope(y)
		if px == nil && py == nil || px != nil && py != nil && *px == *py {
			continue
		}
		out = append(out, Difference{Kind: DiffPay, Side: side, Pay: payChange(px, py)})
	}
	return out
}

func titles(ls []Level) string {
	var ts []string
	for _, l := range ls {
		ts = append(ts, l.Title)
	}
	return strings.Join(ts, "; ")
}

func scopes(ls []Level) string {
	var ss []string
	for _, l := range ls {
		if l.Scope != "" && !slices.Contains(ss, l.Scope) {
			ss = append(ss, l.Scope)
		}
	}
	return strings.Join(ss, "; ")
}
