package compare

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/ladderctl/ladderctl/internal/ladderdiff"
	"github.com/ladderctl/ladderctl/internal/numfmt"
)

func (v *BaseView) grid() *grid {
	since := v.Base.Ref
	if c := shortCommit(v.Base.Commit); c != "" && c != v.Base.Ref {
		since += " (" + c + ")"
	}
	g := &grid{
		title:  ladderTitle(v.Ladder) + " against " + since,
		header: []string{"GRADE", "IC", "MANAGEMENT", "CHANGES SINCE " + v.Base.Ref},
	}
	if cur := v.Ladder.Currency; cur != "" {
		g.intro = append(g.intro, note("Pay in "+cur+"."))
	}
	g.intro = append(g.intro, note("The levels are those of "+v.Ladder.File+"; the changes, those since "+since+"."))
	changed := len(v.Changes) > 0
	// A level that moved away from a grade: said there too, where a reader looks for it.
	movedAway := map[int][]line{}
	for _, o := range v.Grades {
		for _, ch := range o.Changes {
			if from, ok := ch.From.(int); ok && ch.Kind == ladderdiff.Regraded {
				movedAway[from] = append(movedAway[from], line{text: fmt.Sprintf("%s regraded to grade %d", ch.Level, o.Grade), style: warn})
			}
		}
	}
	for _, r := range v.Grades {
		var c cell
		for _, ch := range r.Changes {
			c = append(c, changeLine(ch))
		}
		c = append(c, movedAway[r.Grade]...)
		if len(c) == 0 {
			c = styled(dim, "no change")
		} else {
			changed = true
		}
		g.rows = append(g.rows, []cell{
			text(strconv.Itoa(r.Grade)),
			baseLevelsCell(r.IC, SideIC, r.Grade, v.Ladder),
			baseLevelsCell(r.Management, SideManagement, r.Grade, v.Ladder),
			c,
		})
	}
	if len(v.Changes) > 0 {
		g.notes = append(g.notes, note("Changes to the ladder as a whole:"))
		for _, ch := range v.Changes {
			g.notes = append(g.notes, item(changeLine(ch).text, plain))
		}
	}
	if !changed {
		g.notes = append(g.notes, note("No change since "+since+"."))
	}
	return g
}

func baseLevelsCell(ls []Level, side string, grade int, info LadderInfo) cell {
	if len(ls) == 0 {
		return styled(dim, "—")
	}
	return levelsCell(ls, side, grade, "", info, false)
}

// changeLine says what changed, for people, in the words of `ladderctl diff`.
func changeLine(ch Change) line {
	switch ch.Kind {
	case ladderdiff.Added:
		l := ch.To.(Level)
		return line{text: "+ " + l.ID + " " + l.Title + " added", style: good}
	case ladderdiff.Removed:
		l := ch.From.(Level)
		return line{text: "− " + l.ID + " " + l.Title + " removed", style: bad}
	case ladderdiff.Regraded:
		return line{text: fmt.Sprintf("%s regraded from grade %v", ch.Level, ch.From), style: warn}
	case ladderdiff.Moved:
		return line{text: fmt.Sprintf("%s moved from track %v to %v", ch.Level, ch.From, ch.To)}
	case ladderdiff.Retitled, ladderdiff.Rescoped, ladderdiff.SummaryChanged:
		return line{text: fmt.Sprintf("%s %s: %s → %s", ch.Level, ch.Kind, orNone(ch.From), orNone(ch.To))}
	case ChangePay:
		from, _ := ch.From.(*Pay)
		to, _ := ch.To.(*Pay)
		s := fmt.Sprintf("%s pay%s: %s → %s", ch.Level, ladderdiff.PayChange{Zone: ch.Zone}.InZone(), bandText(from, ch.CurrencyBefore), bandText(to, ch.Currency))
		if ch.Change != nil {
			s += fmt.Sprintf(" (min %s, max %s)", numfmt.Percent(ch.Change.Min), numfmt.Percent(ch.Change.Max))
		}
		return line{text: s}
	case ladderdiff.ExpectationsChanged:
		return line{text: fmt.Sprintf("%s expectations: %s", ch.Level, ch.Competencies)}
	case ladderdiff.ProficiencyChanged:
		return line{text: fmt.Sprintf("%s %s: %s → %s", ch.Level, ladderdiff.LevelChange{Change: ch.Kind, Competency: ch.Competency}.What(), orNone(ch.From), orNone(ch.To))}
	case ChangeBranch:
		return line{text: ladderdiff.BranchChange{Track: ch.Track, Change: branchKind(ch), Before: fmt.Sprint(ch.From), After: fmt.Sprint(ch.To)}.String()}
	case ladderdiff.FieldZone:
		return line{text: ladderdiff.LadderFieldChange{Field: ch.Kind, Key: ch.Zone, Before: fmt.Sprint(ch.From), After: fmt.Sprint(ch.To)}.String()}
	case ChangeTransitionAdded:
		return line{text: fmt.Sprintf("transition %v → %v added", ch.From, ch.To)}
	case ChangeTransitionRemoved:
		return line{text: fmt.Sprintf("transition %v → %v removed", ch.From, ch.To)}
	}
	// A change to the ladder as a whole: the field, before and after.
	return line{text: fmt.Sprintf("%s: %s → %s", ch.Kind, orNone(ch.From), orNone(ch.To))}
}

// branchKind tells a branch point added, removed or changed.
func branchKind(ch Change) string {
	switch {
	case ch.From == "":
		return ladderdiff.Added
	case ch.To == "":
		return ladderdiff.Removed
	}
	return ladderdiff.Changed
}

// orNone writes a value before or after a change; nothing is "none".
func orNone(v any) string {
	if v == nil {
		return "none"
	}
	return cmpOr(fmt.Sprint(v), "none")
}

func bandText(p *Pay, currency string) string {
	if p == nil {
		return "none"
	}
	return numfmt.Band(p.Min, p.Max, currency)
}

func (v *BaseView) records() [][]string {
	out := [][]string{{
		"grade", "level", "side", "change", "from", "to",
		"pay_min_from", "pay_max_from", "pay_min_to", "pay_max_to", "pay_change_min", "pay_change_max", "competencies",
	}}
	add := func(grade string, ch Change) {
		rec := []string{grade, ch.Level, ch.Side, ch.Kind, "", "", "", "", "", "", "", "", ""}
		switch ch.Kind {
		case ladderdiff.Added:
			rec[5] = ch.To.(Level).Title
		case ladderdiff.Removed:
			rec[4] = ch.From.(Level).Title
		case ChangePay:
			if p, _ := ch.From.(*Pay); p != nil {
				rec[6], rec[7] = num(p.Min), num(p.Max)
			}
			if p, _ := ch.To.(*Pay); p != nil {
				rec[8], rec[9] = num(p.Min), num(p.Max)
			}
			if ch.Change != nil {
				rec[10], rec[11] = num(ch.Change.Min), num(ch.Change.Max)
			}
		case ladderdiff.ExpectationsChanged:
			rec[12] = ch.Competencies.String()
		case ladderdiff.ProficiencyChanged:
			rec[12] = ch.Competency
			rec[4], rec[5] = orEmpty(ch.From), orEmpty(ch.To)
		default:
			rec[4], rec[5] = fmt.Sprint(ch.From), fmt.Sprint(ch.To)
			if ch.From == nil {
				rec[4] = ""
			}
			if ch.To == nil {
				rec[5] = ""
			}
		}
		out = append(out, rec)
	}
	for _, r := range v.Grades {
		for _, ch := range r.Changes {
			add(strconv.Itoa(r.Grade), ch)
		}
	}
	for _, ch := range v.Changes {
		add("", ch)
	}
	// A zone column only when a change names a zone: the records of a ladder without zones
	// stay as they were.
	zoned := false
	for _, r := range v.Grades {
		zoned = zoned || slices.ContainsFunc(r.Changes, func(ch Change) bool { return ch.Zone != "" })
	}
	zoned = zoned || slices.ContainsFunc(v.Changes, func(ch Change) bool { return ch.Zone != "" })
	if zoned {
		out[0] = append(out[0], "zone")
		i := 1
		for _, r := range v.Grades {
			for _, ch := range r.Changes {
				out[i] = append(out[i], ch.Zone)
				i++
			}
		}
		for _, ch := range v.Changes {
			out[i] = append(out[i], ch.Zone)
			i++
		}
	}
	return out
}

func orEmpty(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
