package compare

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/numfmt"
	"github.com/ladderctl/ladderctl/internal/roster"
)

// Headcount is how many people hold a level, or a side of a grade, as every view may show
// it: the number, unless the group is smaller than the roster's minimum group size; then
// People is null and FewerThan says below what.
type Headcount struct {
	People    *int `json:"people"`
	FewerThan int  `json:"fewer_than,omitempty"`
}

func headcount(n, minGroup int) Headcount {
	if n > 0 && n < minGroup {
		return Headcount{FewerThan: minGroup}
	}
	return Headcount{People: &n}
}

// Empty tells whether nobody holds the level.
func (h Headcount) Empty() bool { return h.People != nil && *h.People == 0 }

// String is the headcount for people: "12", "<5", "0".
func (h Headcount) String() string {
	if h.People == nil {
		return "<" + strconv.Itoa(h.FewerThan)
	}
	return strconv.Itoa(*h.People)
}

// Text is the headcount with its noun: "12 people", "<5 people", "nobody".
func (h Headcount) Text() string {
	switch {
	case h.Empty():
		return "nobody"
	case h.People != nil && *h.People == 1:
		return "1 person"
	}
	return h.String() + " people"
}

// RosterInfo names the roster a view counts.
type RosterInfo struct {
	File     string `json:"file"`
	People   int    `json:"people"`
	MinGroup int    `json:"min_group"`
}

func rosterInfo(s *roster.Summary) RosterInfo {
	return RosterInfo{File: s.File, People: s.People, MinGroup: s.MinGroup}
}

// HeadcountView is a roster counted against one ladder: grade by grade, each level of each
// side (and of the shared trunk) with how many people hold it.
type HeadcountView struct {
	View   string         `json:"view"` // "headcount"
	Ladder LadderInfo     `json:"ladder"`
	Roster RosterInfo     `json:"roster"`
	Sides  []string       `json:"sides"`
	Grades []HeadcountRow `json:"grades"`
}

// HeadcountRow is one grade of a HeadcountView.
type HeadcountRow struct {
	Grade  int                  `json:"grade"`
	People map[string]Headcount `json:"people"` // by side: ic, management, shared
	Levels []LevelHeadcount     `json:"levels"`
}

// LevelHeadcount is one level and its people.
type LevelHeadcount struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Side  string `json:"side"`
	Headcount
}

// CountHeadcount lines a roster's counts up against a ladder by grade.
func CountHeadcount(src *Source, s *roster.Summary) *HeadcountView {
	ls := levels(src.Doc)
	v := &HeadcountView{View: "headcount", Ladder: src.info(), Roster: rosterInfo(s), Sides: sides(ls), Grades: []HeadcountRow{}}
	c := s.Of(src.Name())
	at := byGrade(ls)
	for _, g := range grades(ls) {
		row := HeadcountRow{Grade: g, People: map[string]Headcount{}, Levels: []LevelHeadcount{}}
		gc := c.Grade(g)
		for _, l := range at[g] {
			n := 0
			if c != nil && c.Levels[l.ID] != nil {
				n = c.Levels[l.ID].People
			}
			row.Levels = append(row.Levels, LevelHeadcount{ID: l.ID, Title: l.Title, Side: l.Side, Headcount: headcount(n, s.MinGroup)})
			if gc != nil {
				row.People[l.Side] = headcount(gc.People[l.Side], s.MinGroup)
			}
		}
		v.Grades = append(v.Grades, row)
	}
	return v
}

func (v *HeadcountView) grid() *grid {
	g := &grid{title: ladderTitle(v.Ladder) + ": who holds each level"}
	g.intro = append(g.intro, note(fmt.Sprintf("Roster %s: %s. A level held by fewer than %d people shows as <%d.",
		v.Roster.File, headcount(v.Roster.People, 0).Text(), v.Roster.MinGroup, v.Roster.MinGroup)))
	trunk := slices.ContainsFunc(v.Grades, func(r HeadcountRow) bool { _, ok := r.People[SideShared]; return ok })
	cols := slices.Clone(v.Sides)
	if trunk {
		cols = append([]string{SideShared}, cols...)
	}
	g.header = []string{"GRADE"}
	for _, side := range cols {
		g.header = append(g.header, strings.ToUpper(sideName(side)))
	}
	both := len(v.Sides) == 2
	for _, r := range v.Grades {
		row := []cell{text(strconv.Itoa(r.Grade))}
		for _, side := range cols {
			var c cell
			for _, l := range r.Levels {
				if l.Side != side {
					continue
				}
				st := plain
				if l.Empty() {
					st = dim
					if m, ok := r.People[SideManagement]; side == SideIC && both && ok && !m.Empty() {
						st = warn // on paper only: managers at this grade, no IC
					}
				}
				c = append(c, line{text: l.ID + " " + l.Title + ": " + l.Text(), style: st})
			}
			if len(c) == 0 {
				c = styled(dim, "—")
			}
			row = append(row, c)
		}
		g.rows = append(g.rows, row)
	}
	return g
}

func (v *HeadcountView) records() [][]string {
	out := [][]string{{"grade", "side", "level_id", "level_title", "people"}}
	for _, r := range v.Grades {
		for _, l := range r.Levels {
			out = append(out, []string{strconv.Itoa(r.Grade), l.Side, l.ID, l.Title, l.String()})
		}
	}
	return out
}

// LevelHeadcounts are a roster's headcounts of every level of a ladder, by level id.
func LevelHeadcounts(src *Source, s *roster.Summary) map[string]Headcount {
	c := s.Of(src.Name())
	out := map[string]Headcount{}
	for _, tl := range src.Doc.Levels() {
		n := 0
		if c != nil && c.Levels[tl.Level.ID] != nil {
			n = c.Levels[tl.Level.ID].People
		}
		out[tl.Level.ID] = headcount(n, s.MinGroup)
	}
	return out
}

// RosterRow is what a roster adds to a row of the one-ladder view: each side's people and,
// zone by zone for sides of at least the minimum group, the median pay and the gap between
// the IC and the management medians.
type RosterRow struct {
	People map[string]Headcount          `json:"people"`               // by side
	Levels map[string]Headcount          `json:"levels"`               // by level id
	Median map[string]map[string]float64 `json:"median,omitempty"`     // side -> zone ("" for plain pay) -> median
	Gap    map[string]float64            `json:"median_gap,omitempty"` // zone -> (IC − management) / management
}

// WithRoster adds a roster's counts to the one-ladder view.
func (v *LadderView) WithRoster(s *roster.Summary) {
	info := rosterInfo(s)
	v.Roster = &info
	c := s.Of(v.Ladder.Name)
	for i := range v.Grades {
		r := &v.Grades[i]
		rr := &RosterRow{People: map[string]Headcount{}, Levels: map[string]Headcount{}}
		gc := c.Grade(r.Grade)
		for _, l := range slices.Concat(r.IC, r.Management, r.Shared) {
			n := 0
			if c != nil && c.Levels[l.ID] != nil {
				n = c.Levels[l.ID].People
			}
			rr.Levels[l.ID] = headcount(n, s.MinGroup)
			if gc != nil {
				rr.People[l.Side] = headcount(gc.People[l.Side], s.MinGroup)
			}
		}
		if gc != nil {
			for side, zones := range gc.Pay {
				if rr.Median == nil {
					rr.Median = map[string]map[string]float64{}
				}
				rr.Median[side] = map[string]float64{}
				for zone, st := range zones {
					rr.Median[side][zone] = st.Median
				}
			}
			for zone, m := range gc.Pay[SideManagement] {
				if ic, ok := gc.Pay[SideIC][zone]; ok && m.Median > 0 {
					if rr.Gap == nil {
						rr.Gap = map[string]float64{}
					}
					rr.Gap[zone] = ratio(ic.Median, m.Median)
				}
			}
		}
		r.Roster = rr
	}
}

// rosterCell is the PEOPLE column of the one-ladder view: each side's headcount, then the
// medians and their gap, zone by zone.
func rosterCell(r LadderRow, v *LadderView) cell {
	rr := r.Roster
	if rr == nil {
		return text("")
	}
	var c cell
	for _, side := range []string{SideShared, SideIC, SideManagement} {
		if h, ok := rr.People[side]; ok {
			c = append(c, line{text: sideName(side) + ": " + h.Text()})
		}
	}
	zones := map[string]bool{}
	for _, side := range []string{SideIC, SideManagement} {
		for zone := range rr.Median[side] {
			zones[zone] = true
		}
	}
	for _, zone := range zoneOrder(zones, v.Ladder.Zones) {
		prefix, money := "", numfmt.Amount // a plain ladder's currency is said above the table
		if zone != "" {
			cur := zoneCurrency(v.Ladder, zone)
			prefix, money = zone+": ", func(x float64) string { return numfmt.Money(x, cur) }
		}
		for _, side := range []string{SideIC, SideManagement} {
			if m, ok := rr.Median[side][zone]; ok {
				c = append(c, line{text: prefix + "median " + sideName(side) + " " + money(m)})
			}
		}
		if g, ok := rr.Gap[zone]; ok {
			c = append(c, line{text: prefix + "median gap " + numfmt.Percent(g)})
		}
	}
	return c
}

// rosterNote says what the PEOPLE column counts.
func rosterNote(r RosterInfo) string {
	return fmt.Sprintf("People: from roster %s (%s); a group of fewer than %d shows as <%d and has no median. Median gap: (IC − management) / management.",
		r.File, headcount(r.People, 0).Text(), r.MinGroup, r.MinGroup)
}

// rosterColumns are the CSV columns a roster adds to the one-ladder view.
var rosterColumns = []string{"ic_people", "management_people", "shared_people", "ic_median", "management_median", "median_gap"}

// rosterFields are a row's values of rosterColumns, for a zone ("" for plain pay); a
// headcount below the minimum group is "<5", and a median that is not given is empty.
func rosterFields(r LadderRow, zone string) []string {
	out := make([]string, len(rosterColumns))
	if r.Roster == nil {
		return out
	}
	for i, side := range []string{SideIC, SideManagement, SideShared} {
		if h, ok := r.Roster.People[side]; ok {
			out[i] = h.String()
		}
		if m, ok := r.Roster.Median[side][zone]; ok && i < 2 {
			out[3+i] = num(m)
		}
	}
	if g, ok := r.Roster.Gap[zone]; ok {
		out[5] = num(g)
	}
	return out
}
