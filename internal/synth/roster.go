package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

// rosterLevel says how many synthetic people hold a level of ladders/acme-engineering.yaml
// and how they are paid.
type rosterLevel struct {
	level    string
	people   int
	min, max float64 // the range pay is drawn from
	// gap lowers the pay of the people of gender f by this part, to make a gender pay gap.
	gap float64
}

// rosterPlan is the example roster: about a hundred people on ladders/acme-engineering.yaml,
// shaped so that each roster rule has something to find. Grades 7 and 8 have directors and
// no principal engineer, and one fellow (roster/ic-on-paper at grade 7); at grade 5 the staff
// engineers are paid well below the engineering managers (roster/pay-parity); six senior
// engineers are paid above their band (roster/outside-band); at grade 3 women are paid about
// 8% less than men (roster/gender-gap); and two rows name levels the ladder does not have
// (roster/unknown-level).
var rosterPlan = []rosterLevel{
	{"IC1", 12, 98000, 126000, 0},
	{"IC2", 16, 118000, 156000, 0},
	{"IC3", 16, 156000, 188000, 0.08},
	{"IC4", 12, 175000, 235000, 0},
	{"IC4", 6, 245000, 262000, 0}, // above the band's 240,000
	{"IC5", 10, 207000, 232000, 0},
	{"M1", 8, 255000, 290000, 0},
	{"IC6", 6, 255000, 340000, 0},
	{"M2", 5, 260000, 350000, 0},
	{"IC7", 0, 0, 0, 0},
	{"M3", 6, 320000, 440000, 0},
	{"IC8", 1, 380000, 520000, 0},
	{"M4", 2, 390000, 560000, 0},
	{"IC9", 1, 200000, 210000, 0},            // no such level
	{"Staff Engineer", 1, 210000, 220000, 0}, // a title, not a level id
}

var (
	givenNames = []string{"Amara", "Bastian", "Chiara", "Dmitri", "Eleni", "Farhan", "Greta", "Hiroshi", "Ines", "Jonas",
		"Kalani", "Lucia", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Soren", "Tamsin", "Umar", "Vera",
		"Wendell", "Ximena", "Yusuf", "Zofia"}
	familyNames = []string{"Abernathy", "Brightwater", "Castellanos", "Drummond", "Esterhazy", "Fairweather", "Galloway",
		"Holloway", "Ingersoll", "Jovanovic", "Kowalczyk", "Lindqvist", "Montgomery", "Nakashima", "Oyelaran",
		"Pemberton", "Quarshie", "Rasmussen", "Santangelo", "Thistlewood", "Underhill", "Vasquez-Rowe", "Whitcombe"}
)

// Roster writes the example roster as CSV: a header and one row per synthetic person, with
// the columns an HR export has (an id, a name, an email) beside those ladderctl reads. No
// pay is a multiple of 100, so a median or a mean (rounded to the hundred) is never one.
func Roster() []byte {
	r := New(2023_970)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"Employee ID", "Full name", "Work email", "ladder", "level", "pay", "gender"})
	id := 10000
	for _, l := range rosterPlan {
		for i := range l.people {
			id += 1 + r.IntN(7)
			given, family := givenNames[r.IntN(len(givenNames))], familyNames[r.IntN(len(familyNames))]
			gender := "m"
			if i%2 == 0 {
				gender = "f"
			}
			// Spread evenly over the range, with a little noise, so that no gap appears by chance.
			pay := l.min + (l.max-l.min)*(float64(i)+0.5)/float64(l.people) + r.Float64()*900
			if gender == "f" {
				pay *= 1 - l.gap
			}
			n := int(pay)
			if n%100 == 0 {
				n += 37
			}
			_ = w.Write([]string{
				fmt.Sprintf("ACME-%d", id), given + " " + family,
				fmt.Sprintf("%s.%s.%d@example.com", strings.ToLower(given), strings.ToLower(family), id),
				"acme-engineering", l.level, strconv.Itoa(n), gender,
			})
		}
	}
	w.Flush()
	return b.Bytes()
}
