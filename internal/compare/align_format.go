package compare

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/numfmt"
	"github.com/ladderctl/ladderctl/internal/output"
)

func (v *LadderView) grid() *grid {
	g := &grid{title: ladderTitle(v.Ladder)}
	both := len(v.Sides) == 2
	if cur := v.Ladder.Currency; cur != "" {
		g.intro = append(g.intro, note("Pay in "+cur+"."))
	}
	if both {
		g.header = []string{"GRADE", "IC", "MANAGEMENT", "PAY GAP", "PARITY"}
		g.intro = append(g.intro, note("Pay gap: (IC − management) / management, on the minimum and the maximum of the bands."))
	} else {
		g.header = []string{"GRADE", strings.ToUpper(sideName(v.Sides[0]))}
	}
	type flag struct {
		grade int
		f     Finding
	}
	var flagged []flag
	for _, r := range v.Grades {
		row := []cell{text(strconv.Itoa(r.Grade))}
		for _, side := range v.Sides {
			ls := r.IC
			if side == SideManagement {
				ls = r.Management
			}
			row = append(row, levelsCell(ls, side, r.Grade, "", both))
		}
		if both {
			row = append(row, gapCell(r), parityCell(r))
		}
		g.rows = append(g.rows, row)
		for _, f := range r.Findings {
			flagged = append(flagged, flag{r.Grade, f})
		}
	}
	switch {
	case !both:
		g.notes = append(g.notes, note(fmt.Sprintf("Only %s side: parity is judged between the IC and the management side of one ladder, so there is none to judge here.", article(sideName(v.Sides[0])))))
	case len(flagged) == 0:
		g.notes = append(g.notes, note("Parity: the built-in parity rules find nothing to report."))
	default:
		g.notes = append(g.notes, note(fmt.Sprintf("Parity: %s of the built-in parity rules (ladderctl lint reports the same):", output.Plural(len(flagged), "finding"))))
		for _, x := range flagged {
			g.notes = append(g.notes, item(fmt.Sprintf("grade %d, %s: %s", x.grade, x.f.Rule, x.f.Message), plain))
		}
	}
	return g
}

// levelsCell lists a side's levels at a grade, or says plainly that there is none.
func levelsCell(ls []Level, side string, grade int, currency string, both bool) cell {
	if len(ls) == 0 {
		st := dim
		if side == SideIC && both {
			st = warn // a management grade no IC level reaches
		}
		return styled(st, fmt.Sprintf("—  no %s level at grade %d", sideName(side), grade))
	}
	var c cell
	for _, l := range ls {
		c = append(c, line{text: l.ID + " " + l.Title})
		var detail []string
		if l.Pay != nil {
			band := numfmt.Band(l.Pay.Min, l.Pay.Max, currency)
			if !l.Pay.valid() {
				band += " (not a valid band)"
			}
			detail = append(detail, band)
		}
		if l.Scope != "" {
			detail = append(detail, l.Scope)
		}
		if len(detail) > 0 {
			c = append(c, line{text: strings.Join(detail, " · ")})
		}
	}
	return c
}

func gapCell(r LadderRow) cell {
	if len(r.Pairs) == 0 {
		return text("")
	}
	var c cell
	for _, p := range r.Pairs {
		prefix := ""
		if len(r.Pairs) > 1 {
			prefix = p.IC + "/" + p.Management + ": "
		}
		if p.PayGap == nil {
			c = append(c, line{text: prefix + "no pay to compare", style: dim})
			continue
		}
		if len(r.Pairs) == 1 {
			c = append(c, line{text: "min " + numfmt.Percent(p.PayGap.Min)}, line{text: "max " + numfmt.Percent(p.PayGap.Max)})
			continue
		}
		c = append(c, line{text: prefix + "min " + numfmt.Percent(p.PayGap.Min) + ", max " + numfmt.Percent(p.PayGap.Max)})
	}
	return c
}

func parityCell(r LadderRow) cell {
	switch r.Parity {
	case ParityOK:
		return styled(good, "ok")
	case ParityNone:
		return styled(dim, "—")
	}
	var c cell
	for _, rule := range r.Rules {
		st := warn
		for _, f := range r.Findings {
			if f.Rule == rule && f.Severity == "error" {
				st = bad
			}
		}
		c = append(c, line{text: rule, style: st})
	}
	return c
}

func (v *LadderView) records() [][]string {
	out := [][]string{{
		"grade", "ic_id", "ic_title", "ic_scope", "ic_pay_min", "ic_pay_max",
		"management_id", "management_title", "management_scope", "management_pay_min", "management_pay_max",
		"pay_gap_min", "pay_gap_max", "parity", "rules",
	}}
	for _, r := range v.Grades {
		tail := []string{r.Parity, strings.Join(r.Rules, "; ")}
		g := strconv.Itoa(r.Grade)
		switch {
		case len(r.IC) > 0 && len(r.Management) > 0:
			byID := map[string]Level{}
			for _, l := range append(append([]Level{}, r.IC...), r.Management...) {
				byID[l.ID] = l
			}
			for _, p := range r.Pairs {
				gap := []string{"", ""}
				if p.PayGap != nil {
					gap = []string{num(p.PayGap.Min), num(p.PayGap.Max)}
				}
				rec := append([]string{g}, levelFields(byID[p.IC])...)
				rec = append(rec, levelFields(byID[p.Management])...)
				out = append(out, append(append(rec, gap...), tail...))
			}
		default:
			for _, l := range append(append([]Level{}, r.IC...), r.Management...) {
				ic, m := levelFields(Level{}), levelFields(Level{})
				if l.Side == SideIC {
					ic = levelFields(l)
				} else {
					m = levelFields(l)
				}
				rec := append(append([]string{g}, ic...), m...)
				out = append(out, append(append(rec, "", ""), tail...))
			}
		}
	}
	return out
}

// levelFields are a level's id, title, scope, pay min and pay max, raw; empty for no level.
func levelFields(l Level) []string {
	lo, hi := "", ""
	if l.Pay != nil {
		lo, hi = num(l.Pay.Min), num(l.Pay.Max)
	}
	return []string{l.ID, l.Title, l.Scope, lo, hi}
}

func ladderTitle(l LadderInfo) string {
	if l.Title != l.Name {
		return fmt.Sprintf("%s (%s, %s)", l.Title, l.Name, l.File)
	}
	return fmt.Sprintf("%s (%s)", l.Name, l.File)
}

func article(s string) string {
	if strings.HasPrefix(s, "I") || strings.HasPrefix(s, "a") {
		return "an " + s
	}
	return "a " + s
}
