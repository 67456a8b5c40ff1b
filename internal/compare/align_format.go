package compare

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/numfmt"
	"github.com/ladderctl/ladderctl/internal/output"
)

func (v *LadderView) grid() *grid {
	g := &grid{title: ladderTitle(v.Ladder)}
	both := len(v.Sides) == 2
	pay := both && v.HasPay() // no pay gap column when neither side states pay
	trunk := slices.ContainsFunc(v.Grades, func(r LadderRow) bool { return len(r.Shared) > 0 })
	if cur := v.Ladder.Currency; cur != "" && len(v.Ladder.Zones) == 0 {
		g.intro = append(g.intro, note("Pay in "+cur+"."))
	}
	if len(v.Ladder.Zones) > 0 {
		g.intro = append(g.intro, note("Pay by zone: "+zonesText(v.Ladder.Zones)+"."))
	}
	if trunk {
		g.intro = append(g.intro, note("Shared levels come before the tracks split: they are on neither side, and nobody's peers."))
	}
	g.header = []string{"GRADE"}
	if trunk {
		g.header = append(g.header, "SHARED")
	}
	for _, side := range v.Sides {
		g.header = append(g.header, strings.ToUpper(sideName(side)))
	}
	if pay {
		g.header = append(g.header, "PAY GAP")
		g.intro = append(g.intro, note("Pay gap: (IC − management) / management, on the minimum and the maximum of the bands."))
	}
	if v.Roster != nil {
		g.header = append(g.header, "PEOPLE")
		g.intro = append(g.intro, note(rosterNote(*v.Roster)))
	}
	if both {
		g.header = append(g.header, "PARITY")
	}
	type flag struct {
		grade int
		f     Finding
	}
	var flagged []flag
	for _, r := range v.Grades {
		row := []cell{text(strconv.Itoa(r.Grade))}
		switch {
		case trunk && len(r.Shared) == 0:
			row = append(row, styled(dim, "—"))
		case trunk:
			row = append(row, levelsCell(r.Shared, SideShared, r.Grade, "", v.Ladder, false))
		}
		for _, side := range v.Sides {
			ls := r.IC
			if side == SideManagement {
				ls = r.Management
			}
			if len(ls) == 0 && len(r.Shared) > 0 && r.Missing == "" {
				row = append(row, styled(dim, "—")) // below the split: no side is expected here
				continue
			}
			row = append(row, levelsCell(ls, side, r.Grade, "", v.Ladder, both))
		}
		if pay {
			row = append(row, gapCell(r, v.Ladder.Zones))
		}
		if v.Roster != nil {
			row = append(row, rosterCell(r, v))
		}
		if both {
			row = append(row, parityCell(r))
		}
		g.rows = append(g.rows, row)
		for _, f := range r.Findings {
			flagged = append(flagged, flag{r.Grade, f})
		}
	}
	switch {
	case len(v.Sides) == 0:
		g.notes = append(g.notes, note("No IC or management side: parity is judged between the two sides of one ladder, so there is none to judge here."))
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

// zonesText names the pay zones for people: "us (United States, USD), uk (United Kingdom, GBP)".
func zonesText(zones []ladder.Zone) string {
	var parts []string
	for _, z := range zones {
		what := slices.DeleteFunc([]string{z.Name, z.Currency}, func(s string) bool { return s == "" })
		if len(what) == 0 {
			parts = append(parts, z.ID)
			continue
		}
		parts = append(parts, z.ID+" ("+strings.Join(what, ", ")+")")
	}
	return strings.Join(parts, ", ")
}

// levelsCell lists a side's levels at a grade, or says plainly that there is none. A level
// that starts a branch says where it branches from.
func levelsCell(ls []Level, side string, grade int, currency string, info LadderInfo, both bool) cell {
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
		bands := PayTexts(l.Pay, info, currency)
		var detail []string
		if !l.Pay.Zoned() {
			detail, bands = bands, nil
		}
		if l.Scope != "" {
			detail = append(detail, l.Scope)
		}
		if len(detail) > 0 {
			c = append(c, line{text: strings.Join(detail, " · ")})
		}
		for _, b := range bands {
			c = append(c, line{text: b})
		}
		if l.From != "" {
			c = append(c, line{text: "branches from " + l.From, style: dim})
		}
	}
	return c
}

func gapCell(r LadderRow, zones []ladder.Zone) cell {
	if len(r.Pairs) == 0 {
		return text("")
	}
	var c cell
	for _, p := range r.Pairs {
		prefix := ""
		if len(r.Pairs) > 1 {
			prefix = p.IC + "/" + p.Management + ": "
		}
		if p.PayGaps != nil {
			for _, z := range zoneOrder(p.PayGaps, zones) {
				if g := p.PayGaps[z]; g != nil {
					c = append(c, line{text: prefix + z + ": min " + numfmt.Percent(g.Min) + ", max " + numfmt.Percent(g.Max)})
				} else {
					c = append(c, line{text: prefix + z + ": no pay to compare", style: dim})
				}
			}
			if len(p.PayGaps) == 0 {
				c = append(c, line{text: prefix + "no pay to compare", style: dim})
			}
			continue
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

// zoneOrder lists the zones of a map in the ladder's order, any others after, by id.
func zoneOrder[V any](m map[string]V, zones []ladder.Zone) []string {
	var out []string
	for _, z := range zones {
		if _, ok := m[z.ID]; ok {
			out = append(out, z.ID)
		}
	}
	var rest []string
	for id := range m {
		if !slices.ContainsFunc(zones, func(z ladder.Zone) bool { return z.ID == id }) {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
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
	// A ladder that pays by zone has a record per zone and a zone column; one with a trunk, a
	// shared_ids column. A ladder with neither keeps the columns it always had.
	zones := []string{""}
	for _, z := range v.Ladder.Zones {
		if zones[0] == "" {
			zones = nil
		}
		zones = append(zones, z.ID)
	}
	trunk := slices.ContainsFunc(v.Grades, func(r LadderRow) bool { return len(r.Shared) > 0 })
	head := []string{
		"grade", "ic_id", "ic_title", "ic_scope", "ic_pay_min", "ic_pay_max",
		"management_id", "management_title", "management_scope", "management_pay_min", "management_pay_max",
		"pay_gap_min", "pay_gap_max", "parity", "rules",
	}
	if zones[0] != "" {
		head = append(head, "zone")
	}
	if trunk {
		head = append(head, "shared_ids")
	}
	if v.Roster != nil {
		head = append(head, rosterColumns...)
	}
	out := [][]string{head}
	for _, r := range v.Grades {
		tail := []string{r.Parity, strings.Join(r.Rules, "; ")}
		var shared []string
		for _, l := range r.Shared {
			shared = append(shared, l.ID)
		}
		g := strconv.Itoa(r.Grade)
		for _, zone := range zones {
			add := func(rec []string) {
				if zone != "" {
					rec = append(rec, zone)
				}
				if trunk {
					rec = append(rec, strings.Join(shared, "; "))
				}
				if v.Roster != nil {
					rec = append(rec, rosterFields(r, zone)...)
				}
				out = append(out, rec)
			}
			switch {
			case len(r.IC) > 0 && len(r.Management) > 0:
				byID := map[string]Level{}
				for _, l := range append(append([]Level{}, r.IC...), r.Management...) {
					byID[l.ID] = l
				}
				for _, p := range r.Pairs {
					gap := []string{"", ""}
					pg := p.PayGap
					if zone != "" {
						pg = p.PayGaps[zone]
					}
					if pg != nil {
						gap = []string{num(pg.Min), num(pg.Max)}
					}
					rec := append([]string{g}, levelFields(byID[p.IC], zone)...)
					rec = append(rec, levelFields(byID[p.Management], zone)...)
					add(append(append(rec, gap...), tail...))
				}
			case len(r.IC)+len(r.Management) == 0:
				rec := append(append([]string{g}, levelFields(Level{}, zone)...), levelFields(Level{}, zone)...)
				add(append(append(rec, "", ""), tail...))
			default:
				for _, l := range append(append([]Level{}, r.IC...), r.Management...) {
					ic, m := levelFields(Level{}, zone), levelFields(Level{}, zone)
					if l.Side == SideIC {
						ic = levelFields(l, zone)
					} else {
						m = levelFields(l, zone)
					}
					rec := append(append([]string{g}, ic...), m...)
					add(append(append(rec, "", ""), tail...))
				}
			}
		}
	}
	return out
}

// levelFields are a level's id, title, scope, pay min and pay max (of the zone, "" for the
// plain band), raw; empty for no level.
func levelFields(l Level, zone string) []string {
	lo, hi := "", ""
	if p := l.Pay.In(zone); p != nil {
		lo, hi = num(p.Min), num(p.Max)
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
