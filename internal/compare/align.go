package compare

import (
	"slices"
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
}

// LadderRow is one grade of a ladder.
type LadderRow struct {
	Grade      int     `json:"grade"`
	IC         []Level `json:"ic"`
	Management []Level `json:"management"`
	// Missing names the side with no level at this grade, when the ladder has both sides.
	Missing  string     `json:"missing,omitempty"`
	Pairs    []PeerPair `json:"pairs"`
	Parity   string     `json:"parity"`
	Rules    []string   `json:"rules"`    // the parity rules with findings on this row's levels
	Findings []Finding  `json:"findings"` // those findings
}

// PeerPair is an IC level and a management level at the same grade.
type PeerPair struct {
	IC         string `json:"ic"`
	Management string `json:"management"`
	// PayGap is (IC − management) / management on min and max; nil unless both bands are
	// valid.
	PayGap *Gap `json:"pay_gap"`
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

// Align lines up the sides of a ladder by grade and marks each row with the parity findings
// on its levels.
func Align(src *Source, marks Marks) *LadderView {
	ls := levels(src.Doc)
	v := &LadderView{View: "ladder", Ladder: src.info(), Sides: sides(ls), Grades: []LadderRow{}}
	both := len(v.Sides) == 2
	for _, g := range grades(ls) {
		row := LadderRow{
			Grade: g, IC: at(ls, SideIC, g), Management: at(ls, SideManagement, g),
			Pairs: []PeerPair{}, Rules: []string{}, Findings: []Finding{},
		}
		for _, ic := range row.IC {
			for _, m := range row.Management {
				p := PeerPair{IC: ic.ID, Management: m.ID}
				if ic.Pay.valid() && m.Pay.valid() {
					p.PayGap = &Gap{Min: ratio(ic.Pay.Min, m.Pay.Min), Max: ratio(ic.Pay.Max, m.Pay.Max)}
				}
				row.Pairs = append(row.Pairs, p)
			}
		}
		switch {
		case both && len(row.IC) == 0:
			row.Missing = SideIC
		case both && len(row.Management) == 0:
			row.Missing = SideManagement
		}
		ids := map[string]bool{}
		for _, l := range append(slices.Clone(row.IC), row.Management...) {
			ids[l.ID] = true
		}
		for _, f := range marks.Findings {
			if f.Level == "" || !ids[f.Level] {
				continue
			}
			row.Findings = append(row.Findings, Finding{Rule: f.Rule, Severity: f.Severity.String(), Level: f.Level, Message: f.Message})
			if !slices.Contains(row.Rules, f.Rule) {
				row.Rules = append(row.Rules, f.Rule)
			}
		}
		slices.SortFunc(row.Rules, marks.order)
		switch {
		case len(row.Findings) > 0:
			row.Parity = ParityFlagged
		case both && row.Missing == "":
			row.Parity = ParityOK
		default:
			row.Parity = ParityNone
		}
		v.Grades = append(v.Grades, row)
	}
	return v
}
