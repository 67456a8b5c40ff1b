package compare

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// repoRoot is the repository, seen from this package's directory.
const repoRoot = "../.."

// small is a two-sided ladder small enough for golden output: a shared first grade, a peer
// pair at grade 2 (IC max 9.1% under, within the 10% tolerance), and a director at grade 3
// that no IC level reaches.
const small = `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: small, title: Small Co}
spec:
  currency: EUR
  competencies:
    - {id: craft, name: Craft}
    - {id: delivery, name: Delivery}
    - {id: people, name: People, tracks: [mgmt]}
  tracks:
    - id: ic
      name: Individual Contributor
      type: ic
      levels:
        - id: E1
          title: Engineer
          grade: 1
          scope: feature
          pay: {min: 50000, max: 70000}
          expectations: {craft: Builds features., delivery: Ships what was planned.}
        - id: E2
          title: Senior Engineer
          grade: 2
          scope: team
          pay: {min: 80000, max: 100000}
          expectations:
            craft: [Builds features., Leads the team's design.]
    - id: mgmt
      name: Management
      type: management
      levels:
        - id: M2
          title: Manager
          grade: 2
          scope: team
          pay: {min: 80000, max: 110000}
          expectations: {craft: Reviews designs., people: Grows the team.}
        - {id: M3, title: Director, grade: 3, scope: org, pay: {min: 120000, max: 160000}}
  transitions:
    - {from: E2, to: M2}
`

// parse reads a ladder from YAML text.
func parse(t *testing.T, file, text string) *Source {
	t.Helper()
	ls, problems := ladder.Parse(file, []byte(text))
	if len(problems) > 0 || len(ls) != 1 {
		t.Fatalf("%s: %d ladders, problems %v", file, len(ls), problems)
	}
	src, err := NewSource(ls[0], "", file)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// example loads one of the repository's ladders.
func example(t *testing.T, rel string) *Source {
	t.Helper()
	src, err := (&Resolver{}).Resolve(context.Background(), filepath.Join(repoRoot, rel))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func parity(t *testing.T, src *Source, params map[string]any) Marks {
	t.Helper()
	res, found := check.One(context.Background(), check.Settings{Config: &config.Config{}, Builtin: true, Params: params}, src.Loaded, false)
	if len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	return Parity(found, res.Rules)
}

func row(t *testing.T, v *LadderView, grade int) LadderRow {
	t.Helper()
	for _, r := range v.Grades {
		if r.Grade == grade {
			return r
		}
	}
	t.Fatalf("no row for grade %d", grade)
	return LadderRow{}
}

func ids(ls []Level) string {
	var out []string
	for _, l := range ls {
		out = append(out, l.ID)
	}
	return strings.Join(out, ",")
}

func TestAlignRowsAndGaps(t *testing.T) {
	src := parse(t, "small.yaml", small)
	v := Align(src, parity(t, src, nil))
	var gs []int
	for _, r := range v.Grades {
		gs = append(gs, r.Grade)
	}
	if !slices.Equal(gs, []int{1, 2, 3}) {
		t.Fatalf("grades %v, want 1, 2, 3 from junior to top", gs)
	}
	if r := row(t, v, 1); ids(r.IC) != "E1" || len(r.Management) != 0 || r.Missing != SideManagement || r.Parity != ParityNone {
		t.Errorf("grade 1 = %+v", r)
	}
	if r := row(t, v, 3); len(r.IC) != 0 || ids(r.Management) != "M3" || r.Missing != SideIC {
		t.Errorf("grade 3 = %+v", r)
	}
	r := row(t, v, 2)
	if r.Missing != "" || r.Parity != ParityOK || len(r.Pairs) != 1 {
		t.Fatalf("grade 2 = %+v", r)
	}
	// (IC − management) / management: min (80,000 − 80,000) / 80,000, max (100,000 − 110,000) / 110,000.
	gap := r.Pairs[0].PayGap
	if gap == nil || gap.Min != 0 || gap.Max != (100000.0-110000)/110000 {
		t.Errorf("pay gap = %+v", gap)
	}
}

func TestAlignSeveralLevelsAtAGrade(t *testing.T) {
	text := strings.Replace(small, `        - {id: M3,`, `        - {id: M2b, title: Product Manager, grade: 2, pay: {min: 90000, max: 120000}}
        - {id: M3,`, 1)
	text = strings.Replace(text, `    - id: mgmt`, `    - id: specialist
      name: Specialist
      type: ic
      levels:
        - {id: S2, title: Specialist, grade: 2}
    - id: mgmt`, 1)
	src := parse(t, "several.yaml", text)
	r := row(t, Align(src, Marks{}), 2)
	if ids(r.IC) != "E2,S2" || ids(r.Management) != "M2,M2b" {
		t.Fatalf("grade 2: IC %s, management %s", ids(r.IC), ids(r.Management))
	}
	var pairs []string
	for _, p := range r.Pairs {
		s := p.IC + "/" + p.Management
		if p.PayGap == nil {
			s += " no gap"
		}
		pairs = append(pairs, s)
	}
	if want := "E2/M2,E2/M2b,S2/M2 no gap,S2/M2b no gap"; strings.Join(pairs, ",") != want {
		t.Errorf("pairs %s, want %s", strings.Join(pairs, ","), want)
	}
	var b strings.Builder
	if err := Write(&b, Align(src, Marks{}), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"E2 Senior Engineer", "S2 Specialist", "M2b Product Manager", "E2/M2b: min -11.1%, max -16.7%", "S2/M2: no pay to compare"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

func TestAlignOneSide(t *testing.T) {
	text := small[:strings.Index(small, "    - id: mgmt")]
	src := parse(t, "ic-only.yaml", text)
	v := Align(src, parity(t, src, nil))
	if !slices.Equal(v.Sides, []string{SideIC}) {
		t.Fatalf("sides %v", v.Sides)
	}
	for _, r := range v.Grades {
		if r.Parity != ParityNone || r.Missing != "" || len(r.Pairs) != 0 {
			t.Errorf("grade %d of a one-sided ladder = %+v", r.Grade, r)
		}
	}
	var b strings.Builder
	if err := Write(&b, v, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "PARITY") || strings.Contains(b.String(), "MANAGEMENT") || !strings.Contains(b.String(), "Only an IC side") {
		t.Errorf("one-sided table:\n%s", b.String())
	}
}

// The marks are the rule pack's: every parity finding lint reports is on the row of its
// level, and a row marked ok has none.
func TestParityAgreesWithTheRulePack(t *testing.T) {
	for _, tc := range []struct {
		file  string
		marks map[int]string // grade -> rules, for the flagged rows
		ok    []int
	}{
		{"docs/examples/unhealthy.yaml", map[int]string{6: "parity/pay", 8: "parity/top-grade,parity/peer-level"}, []int{5, 7}},
		{"ladders/acme-engineering.yaml", nil, []int{5, 6, 7, 8}},
		{"ladders/acme-data.yaml", nil, []int{4, 5, 6}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			src := example(t, tc.file)
			marks := parity(t, src, nil)
			v := Align(src, marks)
			marked := 0
			for _, r := range v.Grades {
				want, flagged := tc.marks[r.Grade]
				switch {
				case flagged && (r.Parity != ParityFlagged || strings.Join(r.Rules, ",") != want):
					t.Errorf("grade %d: parity %s %v, want %s", r.Grade, r.Parity, r.Rules, want)
				case !flagged && slices.Contains(tc.ok, r.Grade) && r.Parity != ParityOK:
					t.Errorf("grade %d: parity %s %v, want ok", r.Grade, r.Parity, r.Rules)
				case !flagged && !slices.Contains(tc.ok, r.Grade) && r.Parity != ParityNone:
					t.Errorf("grade %d: parity %s, want none", r.Grade, r.Parity)
				}
				marked += len(r.Findings)
			}
			if marked != len(marks.Findings) {
				t.Errorf("%d findings on rows, the rule pack found %d: %v", marked, len(marks.Findings), marks.Findings)
			}
		})
	}
}

// A param changes the marks as it changes lint: a tolerance of 5% flags the grade 2 pair
// of the small ladder, whose maximum is 9.1% under.
func TestParityUsesParams(t *testing.T) {
	src := parse(t, "small.yaml", small)
	if r := row(t, Align(src, parity(t, src, map[string]any{"parity_pay_tolerance": 0.05})), 2); r.Parity != ParityFlagged || !slices.Equal(r.Rules, []string{"parity/pay"}) {
		t.Errorf("grade 2 with a 5%% tolerance: %s %v", r.Parity, r.Rules)
	}
	if r := row(t, Align(src, parity(t, src, nil)), 2); r.Parity != ParityOK {
		t.Errorf("grade 2 with the default tolerance: %s %v", r.Parity, r.Rules)
	}
}

func TestParityScopeIsAWarningMark(t *testing.T) {
	text := strings.Replace(small, "          scope: team\n          pay: {min: 80000, max: 100000}", "          scope: task\n          pay: {min: 80000, max: 100000}", 1)
	src := parse(t, "scope.yaml", text)
	r := row(t, Align(src, parity(t, src, nil)), 2)
	if !slices.Equal(r.Rules, []string{"parity/scope"}) || r.Findings[0].Severity != "warning" || r.Findings[0].Level != "E2" {
		t.Fatalf("grade 2 = %+v", r)
	}
	if c := parityCell(r); len(c) != 1 || c[0].style != warn {
		t.Errorf("cell %+v, want one warning line", c)
	}
}
