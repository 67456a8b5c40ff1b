package compare

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/roster"
)

// people writes a roster of n people at a level, each paid pay plus a little.
func people(level string, n int, pay int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(level + "," + strconv.Itoa(pay+i*13) + "\n")
	}
	return b.String()
}

func summaryOf(t *testing.T, src *Source, csv string) *roster.Summary {
	t.Helper()
	r, err := roster.Read("people.csv", []byte("level,pay\n"+csv), nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	return r.Summarize([]*ladder.Ladder{src.Loaded})
}

func TestHeadcountHidesSmallGroups(t *testing.T) {
	src := example(t, "ladders/acme-engineering.yaml")
	s := summaryOf(t, src, people("IC5", 6, 210007)+people("M1", 6, 260003)+people("M3", 2, 320011))
	v := CountHeadcount(src, s)
	var buf bytes.Buffer
	if err := Write(&buf, v, Options{Format: "csv"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"5,ic,IC5,Staff Engineer,6", "7,management,M3,Director of Engineering,<5", "7,ic,IC7,Principal Engineer,0"} {
		if !strings.Contains(buf.String(), want+"\n") {
			t.Errorf("csv lacks %q:\n%s", want, buf.String())
		}
	}

	lv := Align(src, Marks{})
	lv.WithRoster(s)
	r := row(t, lv, 5).Roster
	if r.People[SideIC].String() != "6" || r.Median[SideIC][""] != 210000 || r.Median[SideManagement][""] != 260000 {
		t.Errorf("grade 5: %+v", r)
	}
	if g := r.Gap[""]; g > -0.19 || g < -0.20 {
		t.Errorf("median gap %v, want (210,000 − 260,000) / 260,000", g)
	}
	if r7 := row(t, lv, 7).Roster; r7.People[SideManagement].String() != "<5" || r7.Median != nil || r7.Gap != nil {
		t.Errorf("grade 7 shows more than a group of 2 may: %+v", r7)
	}
}
