package roster

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

const twoZones = `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: eng}
spec:
  currency: USD
  zones: [{id: us}, {id: uk, currency: GBP}]
  tracks:
    - id: ic
      type: ic
      levels:
        - {id: IC1, title: Engineer, grade: 1, pay: {us: {min: 100, max: 200}, uk: {min: 50, max: 100}}}
    - id: mgmt
      type: management
      levels:
        - {id: M1, title: Manager, grade: 1}
`

func load(t *testing.T, src string) []*ladder.Ladder {
	t.Helper()
	ls, problems := ladder.Parse("eng.yaml", []byte(src))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	return ls
}

func TestSummarizeCountsAndKeepsNoRow(t *testing.T) {
	csv := "Name,Email,level,pay,zone,gender\n" +
		"Ada,ada@example.com,IC1,150,us,f\n" +
		"Bo,bo@example.com,IC1,250,us,m\n" +
		"Cy,cy@example.com,IC1,90,us,f\n" +
		"Di,di@example.com,IC1,75,uk,f\n" +
		"Ed,ed@example.com,IC1,120,us,m\n" +
		"Fa,fa@example.com,IC1,130,us,f\n" +
		"Gu,gu@example.com,M1,,,\n" +
		"Ha,ha@example.com,IC9,100,us,m\n" +
		"Io,io@example.com,IC1,lots,us,m\n" +
		"Jo,jo@example.com,IC1,100,mars,m\n"
	r, err := Read("people.csv", []byte(csv), nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summarize(load(t, twoZones))
	c := s.Of("eng")
	if c.Levels["IC1"].People != 8 || c.Levels["M1"].People != 1 {
		t.Errorf("people: IC1 %d, M1 %d", c.Levels["IC1"].People, c.Levels["M1"].People)
	}
	us := c.Levels["IC1"].Bands["us"]
	if us.Paid != 5 || us.Below != 1 || us.Above != 1 {
		t.Errorf("us band: %+v", us)
	}
	if got := c.Grade(1).Pay["ic"]["us"]; got.People != 5 || got.Median != 100 {
		// 90, 120, 130, 150, 250: median 130, rounded to the nearest hundred.
		t.Errorf("ic pay in us: %+v", got)
	}
	if len(c.Grade(1).Gender) != 0 {
		t.Errorf("no gender group reaches 5 people, yet: %+v", c.Grade(1).Gender)
	}
	if strings.Join(strings.Fields(strings.Trim(jsonOf(c.Unknown), "[]")), "") != "9" {
		t.Errorf("unknown rows = %v, want row 9", c.Unknown)
	}
	var msgs []string
	for _, p := range s.Problems {
		msgs = append(msgs, p.Message)
	}
	all := strings.Join(msgs, "\n")
	if len(s.Problems) != 2 || !strings.Contains(all, "row 10: the pay is not a number") || !strings.Contains(all, "row 11: its zone is not one of ladder eng (us, uk)") {
		t.Errorf("problems:\n%s", all)
	}
	data := jsonOf(s.Data())
	for _, secret := range []string{"Ada", "ada@example.com", "250", "lots", "mars", "IC9"} {
		if strings.Contains(all+data, secret) {
			t.Errorf("%q reaches the problems or data.roster", secret)
		}
	}
}

func TestRowsGoToTheLadderThatHasTheLevel(t *testing.T) {
	other := strings.NewReplacer("name: eng", "name: data", "IC1", "D1", "M1", "DM1").Replace(twoZones)
	ls := append(load(t, twoZones), load(t, other)...)
	r, err := Read("p.csv", []byte("level,ladder\nIC1,\nD1,\nD1,eng\nX,\nIC1,nowhere\n"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Summarize(ls)
	if s.Of("eng").Levels["IC1"].People != 1 || s.Of("data").Levels["D1"].People != 1 {
		t.Errorf("IC1 %d, D1 %d", s.Of("eng").Levels["IC1"].People, s.Of("data").Levels["D1"].People)
	}
	if jsonOf(s.Of("eng").Unknown) != "[4]" || jsonOf(s.Unknown) != "[5,6]" {
		t.Errorf("unknown in eng %v, anywhere %v", s.Of("eng").Unknown, s.Unknown)
	}
	if s.MinGroup != DefaultMinGroup {
		t.Errorf("min group %d", s.MinGroup)
	}
}

func TestShow(t *testing.T) {
	for n, want := range map[int]string{0: "0", 1: "<5", 4: "<5", 5: "5", 120: "120"} {
		if got := Show(n, 5); got != want {
			t.Errorf("Show(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestReadRefusesAFileWithoutALevelColumn(t *testing.T) {
	_, err := Read("p.csv", []byte("name,grade\nAda,5\n"), nil, 5)
	if err == nil || !strings.Contains(err.Error(), `a column "level"`) || strings.Contains(err.Error(), "Ada") {
		t.Errorf("err = %v", err)
	}
	_, err = Read("p.csv", []byte("Job level\nIC1\n"), map[string]string{"level": "Job level", "salary": "x"}, 5)
	if err == nil || !strings.Contains(err.Error(), `"salary", which is not a column roster reads`) {
		t.Errorf("err = %v", err)
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
