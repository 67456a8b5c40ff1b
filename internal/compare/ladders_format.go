package compare

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/numfmt"
)

func (v *LaddersView) grid() *grid {
	a, b := v.Ladders[0], v.Ladders[1]
	g := &grid{title: ladderTitle(a) + " and " + ladderTitle(b)}
	perBand := !v.PayCompared // the currency is named once when both ladders share it, else with each band
	switch {
	case v.PayCompared && a.Currency != "":
		g.intro = append(g.intro, note("Pay in "+a.Currency+"."))
	case !v.PayCompared:
		g.intro = append(g.intro, note(fmt.Sprintf("Pay is not compared: %s pays in %s and %s in %s.", a.Name, cmpOr(a.Currency, "no currency"), b.Name, cmpOr(b.Currency, "no currency"))))
	}
	g.header = []string{"GRADE"}
	for _, l := range v.Ladders {
		for _, side := range v.Sides {
			g.header = append(g.header, l.Name+" "+sideName(side))
		}
	}
	g.header = append(g.header, "DIFFERENCES")
	for _, r := range v.Grades {
		row := []cell{text(strconv.Itoa(r.Grade))}
		for i, sl := range r.Levels {
			cur := ""
			if perBand {
				cur = v.Ladders[i].Currency
			}
			for _, side := range v.Sides {
				ls := sl.of(side)
				if len(ls) == 0 {
					row = append(row, styled(dim, "—"))
					continue
				}
				row = append(row, levelsCell(ls, side, r.Grade, cur, v.Ladders[i], false))
			}
		}
		row = append(row, differencesCell(r.Differences, b.Name, v.PayCompared))
		g.rows = append(g.rows, row)
	}
	if v.PayCompared {
		g.notes = append(g.notes, note(fmt.Sprintf("Pay differences are %s relative to %s, (%s − %s) / %s, on the minimum and the maximum; where a side has several levels at a grade, their bands are taken together (the lowest minimum, the highest maximum).", b.Name, a.Name, b.Name, a.Name, a.Name)))
	}
	return g
}

func differencesCell(ds []Difference, second string, payCompared bool) cell {
	switch {
	case len(ds) == 0 && payCompared:
		return styled(good, "same")
	case len(ds) == 0:
		return styled(good, "same, pay aside")
	}
	var c cell
	for _, d := range ds {
		side := ""
		if d.Side != "" {
			side = upperFirst(sideName(d.Side)) + " "
		}
		switch d.Kind {
		case DiffGrade:
			c = append(c, line{text: "grade only in " + d.OnlyIn, style: warn})
		case DiffSide:
			c = append(c, line{text: side + "levels only in " + d.OnlyIn, style: warn})
		case DiffTitle:
			c = append(c, line{text: side + "titles differ"})
		case DiffScope:
			c = append(c, line{text: side + "scope: " + cmpOr(d.From, "none") + " vs " + cmpOr(d.To, "none")})
		case DiffPay:
			switch {
			case d.Pay.Change != nil:
				c = append(c, line{text: side + "pay: min " + numfmt.Percent(d.Pay.Change.Min) + ", max " + numfmt.Percent(d.Pay.Change.Max)})
			case d.Pay.To.valid():
				c = append(c, line{text: side + "pay only in " + second})
			default:
				c = append(c, line{text: side + "pay only in the first"})
			}
		}
	}
	return c
}

func (v *LaddersView) records() [][]string {
	out := [][]string{{
		"grade", "side",
		"a_ladder", "a_ids", "a_titles", "a_scopes", "a_pay_min", "a_pay_max",
		"b_ladder", "b_ids", "b_titles", "b_scopes", "b_pay_min", "b_pay_max",
		"pay_change_min", "pay_change_max", "differences",
	}}
	for _, r := range v.Grades {
		for _, side := range v.Sides {
			x, y := r.Levels[0].of(side), r.Levels[1].of(side)
			if len(x)+len(y) == 0 {
				continue
			}
			rec := []string{strconv.Itoa(r.Grade), side}
			rec = append(rec, sideFields(v.Ladders[0].Name, x)...)
			rec = append(rec, sideFields(v.Ladders[1].Name, y)...)
			change := []string{"", ""}
			var kinds []string
			for _, d := range r.Differences {
				if d.Side != side && d.Kind != DiffGrade {
					continue
				}
				kinds = append(kinds, d.Kind)
				if d.Kind == DiffPay && d.Pay.Change != nil {
					change = []string{num(d.Pay.Change.Min), num(d.Pay.Change.Max)}
				}
			}
			out = append(out, append(append(rec, change...), strings.Join(kinds, "; ")))
		}
	}
	return out
}

// sideFields are a ladder's levels of one side at a grade: ids, titles, scopes and the band
// that spans them, raw.
func sideFields(name string, ls []Level) []string {
	var ids, ts []string
	for _, l := range ls {
		ids = append(ids, l.ID)
		ts = append(ts, l.Title)
	}
	lo, hi := "", ""
	if p := envelope(ls); p != nil {
		lo, hi = num(p.Min), num(p.Max)
	}
	return []string{name, strings.Join(ids, "; "), strings.Join(ts, "; "), scopes(ls), lo, hi}
}

func upperFirst(s string) string {
	if s == "" || s == "IC" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
