package roster

import (
	"slices"
)

// Data is the summary as policies read it, data.roster: counts by level and grade, and
// pay figures of groups of at least min_group people. No row reaches a policy.
//
//	min_group     the smallest group shown by size and summarised by pay
//	gender        whether the roster has a gender column
//	home          the ladder that reports the rows no ladder has (the first loaded)
//	unknown_rows  those rows, by row number
//	ladders       by name: levels (by id: people, bands by zone: paid, below, above, min,
//	              max), grades (a list, junior first: grade, ic, management and shared, each
//	              with people and pay by zone; gender by zone and gender), unknown_rows
func (s *Summary) Data() map[string]any {
	ladders := map[string]any{}
	for _, c := range s.Ladders {
		levels := map[string]any{}
		for id, lc := range c.Levels {
			bands := map[string]any{}
			for zone, b := range lc.Bands {
				bands[zone] = map[string]any{"paid": b.Paid, "below": b.Below, "above": b.Above, "min": b.Min, "max": b.Max}
			}
			levels[id] = map[string]any{"people": lc.People, "grade": lc.Grade, "side": lc.Side, "bands": bands}
		}
		grades := make([]any, 0, len(c.Grades))
		for _, g := range c.Grades {
			row := map[string]any{"grade": g.Grade}
			for side, n := range g.People {
				row[side] = map[string]any{"people": n, "pay": statsData(g.Pay[side])}
			}
			gender := map[string]any{}
			for zone, groups := range g.Gender {
				gender[zone] = statsData(groups)
			}
			row["gender"] = gender
			grades = append(grades, row)
		}
		ladders[c.Name] = map[string]any{"levels": levels, "grades": grades, "unknown_rows": rows(c.Unknown)}
	}
	home := ""
	if len(s.Ladders) > 0 {
		home = s.Ladders[0].Name
	}
	return map[string]any{
		"min_group": s.MinGroup, "gender": s.Gender, "home": home,
		"unknown_rows": rows(s.Unknown), "ladders": ladders,
	}
}

func statsData(m map[string]Stats) map[string]any {
	out := map[string]any{}
	for k, st := range m {
		out[k] = map[string]any{"people": st.People, "median": st.Median, "mean": st.Mean}
	}
	return out
}

// rows lists row numbers for policies, in order; never nil, so that count() works on it.
func rows(lines []int) []any {
	sorted := slices.Clone(lines)
	slices.Sort(sorted)
	out := make([]any, len(sorted))
	for i, l := range sorted {
		out[i] = l
	}
	return out
}
