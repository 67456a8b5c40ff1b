package compare

import (
	"slices"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// Parity states of a row of the one-ladder view.
const (
	ParityOK      = "ok"       // both sides at this grade, and no parity finding
	ParityFlagged = "findings" // a level of this row has parity findings
	ParityNone    = "none"     // nothing to judge: one side only at this grade, or in the ladder
)

// LadderView is one ladder's two sides lined up by grade.
type LadderView struct {
	View   string      `json:"view"` // "ladder"
	Ladder LadderInfo  `json:"ladder"`
	Sides  []string    `json:"sides"` // the sides the ladder has: ic, management
	Grades []LadderRow `json:"grades"`
	// Roster names the roster counted in the rows (compare --roster); nil without one.
	Roster *RosterInfo `json:"roster,omitempty"`
}

// LadderRow is one grade of a ladder.
type LadderRow struct {
	Grade      int     `json:"grade"`
	IC         []Level `json:"ic"`
	Management []Level `json:"management"`
	// Shared are the levels of shared tracks at this grade: the trunk before the split, on
	// neither side.
	Shared []Level `json:"shared,omitempty"`
	// Missing names the side with no level at this grade, when the ladder has both sides
	// and the grade is not the trunk's alone.
	Missing  string     `json:"missing,omitempty"`
	Pairs    []PeerPair `json:"pairs"`
	Parity   string     `json:"parity"`
	Rules    []string   `json:"rules"`    // the parity rules with findings on this row's levels
	Findings []Finding  `json:"findings"` // those findings
	Roster   *RosterRow `json:"roster,omitempty"`
}

// PeerPair is an IC level and a management level at the same grade.
type PeerPair struct {
	IC         string `json:"ic"`
	Management string `json:"management"`
	// PayGap is (IC − management) / management on min and max; nil unless both bands are
	// valid. For a ladder that pays by zone it is nil, and PayGaps has one per zone of either
	// level, nil where one of them has no valid band in that zone.
	PayGap  *Gap            `json:"pay_gap"`
	PayGaps map[string]*Gap `json:"pay_gaps,omitempty"`
}

// Gap is a ratio on the minimum and on the maximum of two bands.
type Gap struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// Finding is a rule's finding on a level, as the views carry it.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Level    string `json:"level"`
	Message  string `json:"message"`
}

// Align lines up the sides of a ladder by grade, the shared trunk in the rows of its
// grades, and marks each row with the parity findings on its levels.
func Align(src *Source, marks Marks) *LadderView {
	ls := levels(src.Doc)
	v := &LadderView{View: "ladder", Ladder: src.info(), Sides: sides(ls), Grades: []LadderRow{}}
	both := len(v.Sides) == 2
	at := byGrade(ls)
	rowOf := map[string]int{} // level id -> its row, for the findings
	for _, g := range grades(ls) {
		row := LadderRow{
			Grade: g, IC: of(at[g], SideIC), Management: of(at[g], SideManagement),
			Pairs: []PeerPair{}, Rules: []string{}, Findings: []Finding{},
		}
		if shared := of(at[g], SideShared); len(shared) > 0 {
			row.Shared = shared
		}
		for _, ic := range row.IC {
			for _, m := range row.Management {
				row.Pairs = append(row.Pairs, pair(ic, m))
			}
		}
		switch {
		case !both || len(row.Shared) > 0 && len(row.IC)+len(row.Management) == 0:
		case len(row.IC) == 0:
			row.Missing = SideIC
		case len(row.Management) == 0:
			row.Missing = SideManagement
		}
		for _, l := range at[g] {
			if _, dup := rowOf[l.ID]; !dup {
				rowOf[l.ID] = len(v.Grades)
			}
		}
		v.Grades = append(v.Grades, row)
	}
	for _, f := range marks.Findings {
		i, ok := rowOf[f.Level]
		if f.Level == "" || !ok {
			continue
		}
		row := &v.Grades[i]
		row.Findings = append(row.Findings, Finding{Rule: f.Rule, Severity: f.Severity.String(), Level: f.Level, Message: f.Message})
		if !slices.Contains(row.Rules, f.Rule) {
			row.Rules = append(row.Rules, f.Rule)
		}
	}
	for i := range v.Grades {
		row := &v.Grades[i]
		slices.SortFunc(row.Rules, marks.order)
		switch {
		case len(row.Findings) > 0:
			row.Parity = ParityFlagged
		case both && row.Missing == "" && len(row.IC) > 0:
			row.Parity = ParityOK
		default:
			row.Parity = ParityNone
		}
	}
	return v
}

// pair is a peer pair with its pay gap: on the plain bands, or zone by zone.
func pair(ic, m Level) PeerPair {
	p := PeerPair{IC: ic.ID, Management: m.ID}
	if !ic.Pay.Zoned() && !m.Pay.Zoned() {
		p.PayGap = gap(ic.Pay, m.Pay)
		return p
	}
	p.PayGaps = map[string]*Gap{}
	for _, l := range []Level{ic, m} {
		for _, zb := range l.Pay.Bands() {
			if zb.Zone != "" {
				p.PayGaps[zb.Zone] = gap(ic.Pay.In(zb.Zone), m.Pay.In(zb.Zone))
			}
		}
	}
	return p
}

// gap is (IC − management) / management on min and max; nil unless both bands are valid.
func gap(ic, m *ladder.Pay) *Gap {
	if !ic.Valid() || !m.Valid() {
		return nil
	}
	return &Gap{Min: ratio(ic.Min, m.Min), Max: ratio(ic.Max, m.Max)}
}

// HasPay tells whether a level of either side states pay, so that a pay gap can be shown.
func (v *LadderView) HasPay() bool {
	for _, r := range v.Grades {
		for _, l := range append(slices.Clone(r.IC), r.Management...) {
			if l.Pay != nil {
				return true
			}
		}
	}
	return false
}
