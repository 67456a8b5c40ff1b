package roster

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// Summary is a roster counted against the ladders it was judged with: aggregates only.
type Summary struct {
	File     string
	MinGroup int
	Gender   bool
	People   int       // rows read
	Ladders  []*Counts // in the order the ladders were loaded
	// Unknown are the rows that name no level of any ladder in scope (or a ladder that is not
	// in scope), by row number; rows that name a ladder in scope are in its Counts instead.
	Unknown []int
	// Problems are the rows that could not be counted in full: load findings in the roster.
	Problems []finding.Finding
}

// Counts are one ladder's.
type Counts struct {
	Name    string
	Levels  map[string]*LevelCount // by level id
	Grades  []*GradeCount          // every grade the ladder has, junior first
	Unknown []int                  // rows that name this ladder and a level it does not have
}

// LevelCount is the people of one level.
type LevelCount struct {
	ID     string
	Grade  int
	Side   string // ic, management or shared
	People int
	// Bands counts, zone by zone ("" for a plain band), the people with pay against the
	// level's valid band there.
	Bands map[string]*BandCount
}

// BandCount is how many people with pay are paid below the band's minimum and above its
// maximum.
type BandCount struct {
	Paid, Below, Above int
	Min, Max           float64
}

// GradeCount is the people of one grade.
type GradeCount struct {
	Grade  int
	People map[string]int // by side: ic, management, shared
	// Pay summarises each side's pay zone by zone, for groups of at least MinGroup only.
	Pay map[string]map[string]Stats
	// Gender summarises, zone by zone, the pay of each gender across the grade (every side:
	// a grade is a category of workers), for groups of at least MinGroup only.
	Gender map[string]map[string]Stats
}

// Stats summarise the pay of a group of at least MinGroup people. Median and mean are
// rounded to the nearest hundred: a figure of a group, never to the unit one payslip shows.
type Stats struct {
	People int
	Median float64
	Mean   float64
}

// Of returns the counts of a ladder by name, or nil.
func (s *Summary) Of(name string) *Counts {
	if s == nil {
		return nil
	}
	for _, c := range s.Ladders {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Grade returns a grade's counts, or nil.
func (c *Counts) Grade(g int) *GradeCount {
	if c == nil {
		return nil
	}
	for _, gc := range c.Grades {
		if gc.Grade == g {
			return gc
		}
	}
	return nil
}

// Show writes a headcount for people: "0" for nobody, the number for a group of at least
// minGroup, and "<5" for a smaller one, so that no one is singled out.
func Show(n, minGroup int) string {
	if n > 0 && n < minGroup {
		return "<" + strconv.Itoa(minGroup)
	}
	return strconv.Itoa(n)
}

// ladderIndex is what counting needs of a ladder.
type ladderIndex struct {
	counts *Counts
	doc    *ladder.Document
	levels map[string]ladder.TrackLevel
	zones  []string
}

type groupKey struct {
	grade      int
	side, zone string
}

type genderKey struct {
	grade        int
	zone, gender string
}

// Summarize counts the roster against the ladders. Each row counts for the ladder its ladder
// column names; without one, for the one ladder in scope, or for the one ladder that has its
// level. A row is unknown when it names no level of that ladder (or of any ladder).
func (r *Roster) Summarize(ladders []*ladder.Ladder) *Summary {
	s := &Summary{File: r.File, MinGroup: r.MinGroup, Gender: r.Gender, People: len(r.rows), Problems: slices.Clone(r.Problems)}
	byName := map[string]*ladderIndex{}
	var order []*ladderIndex
	owners := map[string][]*ladderIndex{} // level id -> the ladders that have it
	for _, l := range ladders {
		doc, err := l.Document()
		if err != nil {
			continue // a ladder that cannot be decoded has a load finding of its own
		}
		x := &ladderIndex{counts: &Counts{Name: l.Name, Levels: map[string]*LevelCount{}}, doc: doc, levels: map[string]ladder.TrackLevel{}}
		for _, z := range doc.Spec.Zones {
			x.zones = append(x.zones, z.ID)
		}
		grades := map[int]bool{}
		for _, tl := range doc.Levels() {
			if _, dup := x.levels[tl.Level.ID]; dup {
				continue // structure/unique-ids reports it; the first is the one counted
			}
			x.levels[tl.Level.ID] = tl
			x.counts.Levels[tl.Level.ID] = &LevelCount{ID: tl.Level.ID, Grade: tl.Level.Grade, Side: tl.Track.Type, Bands: map[string]*BandCount{}}
			owners[tl.Level.ID] = append(owners[tl.Level.ID], x)
			grades[tl.Level.Grade] = true
		}
		for _, g := range slices.Sorted(maps.Keys(grades)) {
			x.counts.Grades = append(x.counts.Grades, &GradeCount{Grade: g, People: map[string]int{ladder.IC: 0, ladder.Management: 0, ladder.Shared: 0}})
		}
		byName[l.Name] = x
		order = append(order, x)
		s.Ladders = append(s.Ladders, x.counts)
	}
	pay := map[*ladderIndex]map[groupKey][]float64{}
	gender := map[*ladderIndex]map[genderKey][]float64{}
	for _, x := range order {
		pay[x], gender[x] = map[groupKey][]float64{}, map[genderKey][]float64{}
	}
	for _, p := range r.rows {
		var x *ladderIndex
		switch {
		case p.ladder != "":
			x = byName[p.ladder]
		case len(order) == 1:
			x = order[0]
		default:
			switch o := owners[p.level]; len(o) {
			case 0:
			case 1:
				x = o[0]
			default:
				names := make([]string, len(o))
				for i, l := range o {
					names[i] = l.counts.Name
				}
				s.Problems = append(s.Problems, r.problem(p.line, fmt.Sprintf("row %d names a level that several ladders have (%s), so it is not counted; add a ladder column that names the ladder", p.line, strings.Join(names, ", "))))
				continue
			}
		}
		if x == nil {
			s.Unknown = append(s.Unknown, p.line)
			continue
		}
		tl, ok := x.levels[p.level]
		if !ok {
			x.counts.Unknown = append(x.counts.Unknown, p.line)
			continue
		}
		lc := x.counts.Levels[p.level]
		lc.People++
		side := tl.Track.Type
		x.counts.Grade(lc.Grade).People[side]++
		if p.pay == 0 {
			continue
		}
		zone, why := x.zoneOf(p.zone)
		if why != "" {
			s.Problems = append(s.Problems, r.problem(p.line, fmt.Sprintf("row %d: %s, so its pay is left out of the pay figures", p.line, why)))
			continue
		}
		if band := tl.Level.Pay.In(zone); band.Valid() {
			bc := lc.Bands[zone]
			if bc == nil {
				bc = &BandCount{Min: band.Min, Max: band.Max}
				lc.Bands[zone] = bc
			}
			bc.Paid++
			switch {
			case p.pay < band.Min:
				bc.Below++
			case p.pay > band.Max:
				bc.Above++
			}
		}
		k := groupKey{lc.Grade, side, zone}
		pay[x][k] = append(pay[x][k], p.pay)
		if r.Gender && p.gender != "" {
			gk := genderKey{lc.Grade, zone, p.gender}
			gender[x][gk] = append(gender[x][gk], p.pay)
		}
	}
	for _, x := range order {
		for k, pays := range pay[x] {
			if st, ok := stats(pays, r.MinGroup); ok {
				gc := x.counts.Grade(k.grade)
				if gc.Pay == nil {
					gc.Pay = map[string]map[string]Stats{}
				}
				if gc.Pay[k.side] == nil {
					gc.Pay[k.side] = map[string]Stats{}
				}
				gc.Pay[k.side][k.zone] = st
			}
		}
		for k, pays := range gender[x] {
			if st, ok := stats(pays, r.MinGroup); ok {
				gc := x.counts.Grade(k.grade)
				if gc.Gender == nil {
					gc.Gender = map[string]map[string]Stats{}
				}
				if gc.Gender[k.zone] == nil {
					gc.Gender[k.zone] = map[string]Stats{}
				}
				gc.Gender[k.zone][k.gender] = st
			}
		}
	}
	finding.Sort(s.Problems)
	return s
}

// zoneOf checks a row's zone against the ladder's: a ladder with zones needs one of them, a
// ladder without needs none. It says why not, naming the ladder's zones, never the cell.
func (x *ladderIndex) zoneOf(zone string) (string, string) {
	switch {
	case len(x.zones) == 0 && zone == "":
		return "", ""
	case len(x.zones) == 0:
		return "", fmt.Sprintf("it gives a zone, but ladder %s has no pay zones", x.counts.Name)
	case zone == "":
		return "", fmt.Sprintf("it gives pay without a zone, but ladder %s pays by zone (%s); add a zone column", x.counts.Name, strings.Join(x.zones, ", "))
	case !slices.Contains(x.zones, zone):
		return "", fmt.Sprintf("its zone is not one of ladder %s (%s)", x.counts.Name, strings.Join(x.zones, ", "))
	}
	return zone, ""
}

// stats summarise a group's pay, when it has at least minGroup people.
func stats(pays []float64, minGroup int) (Stats, bool) {
	if len(pays) < minGroup || len(pays) == 0 {
		return Stats{}, false
	}
	sorted := slices.Clone(pays)
	slices.Sort(sorted)
	n := len(sorted)
	median := sorted[n/2]
	if n%2 == 0 {
		median = (sorted[n/2-1] + sorted[n/2]) / 2
	}
	sum := 0.0
	for _, p := range sorted {
		sum += p
	}
	return Stats{People: n, Median: hundred(median), Mean: hundred(sum / float64(n))}, true
}

func hundred(x float64) float64 { return math.Round(x/100) * 100 }
