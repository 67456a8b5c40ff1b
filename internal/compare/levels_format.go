package compare

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/numfmt"
	"github.com/ladderctl/ladderctl/internal/output"
)

func (v *LevelsView) grid() *grid {
	a, b := v.From, v.To
	g := &grid{
		title:  fmt.Sprintf("%s: %s %s → %s %s", ladderTitle(v.Ladder), a.ID, a.Title, b.ID, b.Title),
		header: []string{"COMPETENCY", a.ID + " " + a.Title, b.ID + " " + b.Title, "CHANGE"},
	}
	g.intro = append(g.intro, v.moveLine())
	if v.Scope != nil {
		g.intro = append(g.intro, note(fmt.Sprintf("Scope: %s → %s (%s).", v.Scope.From, v.Scope.To, scopeStepText(v.Scope.Steps))))
	} else {
		g.intro = append(g.intro, note("Scope: "+missing(a, b, func(l Level) bool { return l.Scope != "" }, "scope")+"."))
	}
	switch {
	case v.PayByZone != nil:
		for _, z := range v.PayByZone {
			if z.PayStep == nil {
				g.intro = append(g.intro, note(fmt.Sprintf("Pay in zone %s: %s.", z.Zone, missing(a, b, func(l Level) bool { return l.Pay.In(z.Zone).Valid() }, "valid pay band in zone "+z.Zone))))
				continue
			}
			g.intro = append(g.intro, note(fmt.Sprintf("Pay in zone %s (%s): min %s; max %s.", z.Zone, z.Currency, stepText(z.Min), stepText(z.Max))))
		}
	case v.Pay != nil:
		cur := ""
		if v.Ladder.Currency != "" {
			cur = " (" + v.Ladder.Currency + ")"
		}
		g.intro = append(g.intro, note(fmt.Sprintf("Pay%s: min %s; max %s.", cur, stepText(v.Pay.Min), stepText(v.Pay.Max))))
	default:
		g.intro = append(g.intro, note("Pay: "+missing(a, b, func(l Level) bool { return l.Pay.Valid() }, "valid pay band")+"."))
	}
	if v.Cumulative {
		g.intro = append(g.intro, note("Expectations carry up this track: a level keeps what the levels below it ask, marked \"kept\"; the change is what is new."))
	}
	c := v.Counts
	summary := fmt.Sprintf("Competencies: adds %d · new %d · carries over %d · drops out %d.", c.Adds, c.New, c.CarriesOver, c.DropsOut)
	g.intro = append(g.intro, note(summary))
	for _, s := range v.Competencies {
		if s.Status != StatusDropsOut {
			continue
		}
		if s.AppliesToTrack {
			g.intro = append(g.intro, line{text: fmt.Sprintf("DROPS OUT: %s. %s expects it and %s has no expectation for it; say what %s expects, or that it no longer applies.", s.Name, a.ID, b.ID, b.ID), style: bad})
		} else {
			g.intro = append(g.intro, line{text: fmt.Sprintf("Drops out: %s, which the ladder does not apply to the %s track.", s.Name, b.Track), style: warn})
		}
	}
	for _, s := range v.Competencies {
		g.rows = append(g.rows, []cell{text(s.Name), textsCell(s.From, nil, nil), textsCell(s.To, s.Carried, s.Kept), statusCell(s, b)})
	}
	if len(v.Competencies) == 0 {
		// A sentence, not a table with no rows.
		g.header = nil
		g.notes = append(g.notes, note(fmt.Sprintf("Neither %s nor %s states expectations, so there are no competencies to compare.", a.ID, b.ID)))
	}
	return g
}

// moveLine says what kind of move it is: up, down or across, by how many grades, and whether
// the ladder lists it as a transition.
func (v *LevelsView) moveLine() line {
	a, b := v.From, v.To
	from := fmt.Sprintf("%s (%s, grade %d)", a.ID, sideName(a.Side), a.Grade)
	to := fmt.Sprintf("%s (%s, grade %d)", b.ID, sideName(b.Side), b.Grade)
	n := v.GradeSteps
	var s string
	st := plain
	switch v.Direction {
	case DirectionUp:
		s = fmt.Sprintf("%s → %s: a step up of %s", from, to, output.Plural(n, "grade"))
	case DirectionDown:
		s = fmt.Sprintf("%s → %s: a step DOWN of %s (%s is above %s); shown all the same", from, to, output.Plural(-n, "grade"), a.ID, b.ID)
		st = warn
	default:
		s = fmt.Sprintf("%s → %s: a move at the same grade", from, to)
	}
	if v.CrossTrack {
		s += fmt.Sprintf(", across tracks (%s → %s)", sideName(a.Side), sideName(b.Side))
		if v.TransitionListed {
			s += "; spec.transitions lists it"
		} else {
			s += "; spec.transitions does not list it"
		}
	}
	return line{text: s + ".", style: st}
}

func scopeStepText(n int) string {
	switch {
	case n == 0:
		return "same scope"
	case n > 0:
		return "+" + output.Plural(n, "step")
	}
	return "−" + output.Plural(-n, "step") + ", narrower"
}

func stepText(s Step) string {
	change := numfmt.Amount(s.Change)
	if s.Change > 0 {
		change = "+" + change
	}
	return fmt.Sprintf("%s → %s (%s, %s)", numfmt.Amount(s.From), numfmt.Amount(s.To), change, numfmt.Percent(s.Ratio))
}

// missing says which of two levels lacks something, named without an article: "scope",
// "valid pay band".
func missing(a, b Level, has func(Level) bool, what string) string {
	switch {
	case !has(a) && !has(b):
		return fmt.Sprintf("neither %s nor %s has a %s", a.ID, b.ID, what)
	case !has(a):
		return a.ID + " has no " + what
	}
	return b.ID + " has no " + what
}

// textsCell lists expectation texts; with several, each is a bullet, and a text the earlier
// level had too is marked "=" (carried over) and a new one "+". A text a cumulative level
// keeps from below rather than states is marked "(kept)".
func textsCell(ts, carried, kept []string) cell {
	isKept := set(kept)
	mark := func(t string) string {
		if isKept[t] {
			return t + " (kept)"
		}
		return t
	}
	switch len(ts) {
	case 0:
		return styled(dim, "—")
	case 1:
		return text(mark(ts[0]))
	}
	isCarried := set(carried)
	var c cell
	for _, t := range ts {
		m := "• "
		if len(carried) > 0 && len(carried) < len(ts) {
			m = "+ "
			if isCarried[t] {
				m = "= "
			}
		}
		c = append(c, line{text: m + mark(t)})
	}
	return c
}

func statusCell(s CompetencyStep, to Level) cell {
	var c cell
	switch s.Status {
	case StatusAdds:
		c = text("adds")
	case StatusNew:
		c = styled(good, "new at "+to.ID)
	case StatusCarriesOver:
		c = styled(dim, "carries over")
	case StatusDropsOut:
		if !s.AppliesToTrack {
			return styled(warn, "drops out", "(not on the "+to.Track+" track)")
		}
		return styled(bad, "DROPS OUT")
	}
	if p := s.Proficiency; p != nil && p.From != p.To {
		st := plain
		if p.Steps < 0 {
			st = warn // a higher level that asks less
		}
		c = append(c, line{text: "proficiency " + cmpOr(p.From, "none") + " → " + cmpOr(p.To, "none"), style: st})
	}
	return c
}

func (v *LevelsView) records() [][]string {
	a, b := v.From, v.To
	out := [][]string{
		{"aspect", "competency", "name", "status", "from", "to", "change", "ratio"},
		{"level", "", "", v.Direction, a.ID, b.ID, "", ""},
		{"track", "", "", "", a.Track, b.Track, "", ""},
		{"grade", "", "", "", strconv.Itoa(a.Grade), strconv.Itoa(b.Grade), strconv.Itoa(v.GradeSteps), ""},
	}
	if v.Scope != nil {
		out = append(out, []string{"scope", "", "", "", v.Scope.From, v.Scope.To, strconv.Itoa(v.Scope.Steps), ""})
	}
	for _, z := range v.PayByZone {
		if z.PayStep == nil {
			continue
		}
		for _, p := range []struct {
			name string
			s    Step
		}{{"pay_min " + z.Zone, z.Min}, {"pay_max " + z.Zone, z.Max}} {
			out = append(out, []string{p.name, "", "", "", num(p.s.From), num(p.s.To), num(p.s.Change), num(p.s.Ratio)})
		}
	}
	if v.Pay != nil {
		for _, p := range []struct {
			name string
			s    Step
		}{{"pay_min", v.Pay.Min}, {"pay_max", v.Pay.Max}} {
			out = append(out, []string{p.name, "", "", "", num(p.s.From), num(p.s.To), num(p.s.Change), num(p.s.Ratio)})
		}
	}
	for _, s := range v.Competencies {
		out = append(out, []string{"competency", s.ID, s.Name, s.Status, strings.Join(s.From, "\n"), strings.Join(s.To, "\n"), "", ""})
		if p := s.Proficiency; p != nil {
			out = append(out, []string{"proficiency", s.ID, s.Name, "", p.From, p.To, strconv.Itoa(p.Steps), ""})
		}
	}
	return out
}

func cmpOr(a, b string) string { return cmp.Or(a, b) }
