package importer

import (
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

func TestFT(t *testing.T) {
	src := source(t, "ft/engineering.yml")
	out, doc := convert(t, "ft", src)
	if !strings.HasPrefix(out, "# Imported by ladderctl import from ft/engineering.yml") {
		t.Errorf("no comment naming the source at the top:\n%.200s", out)
	}
	if doc.Metadata.Name != "engineering" || doc.Metadata.Title != "Engineering" {
		t.Errorf("metadata %+v", doc.Metadata)
	}
	want := []string{"Awareness", "Foundational", "Working knowledge", "Practitioner", "Expert"}
	if strings.Join(doc.Spec.Proficiencies, ",") != strings.Join(want, ",") {
		t.Errorf("proficiencies %v, want FT's scale %v", doc.Spec.Proficiencies, want)
	}
	if len(doc.Spec.Competencies) != 9 || doc.Spec.Competencies[8].Name != "Technical" {
		t.Errorf("themes should be the competencies: %+v", doc.Spec.Competencies)
	}
	// Levels before the split are shared; the branches start from the last of them.
	for id, want := range map[string]struct {
		typ, from string
		grade     int
	}{
		"junior": {ladder.Shared, "", 1}, "senior-1": {ladder.Shared, "", 3},
		"senior-2-ic": {ladder.IC, "senior-1", 4}, "principal-ic": {ladder.IC, "senior-1", 5},
		"senior-2-pm": {ladder.Management, "senior-1", 4}, "principal-pm": {ladder.Management, "senior-1", 5},
		"tech-director": {ladder.Management, "senior-1", 6},
	} {
		tr, l := level(t, doc, id)
		if tr.Type != want.typ || tr.From != want.from || l.Grade != want.grade {
			t.Errorf("%s: track %s from %q grade %d, want %s from %q grade %d", id, tr.Type, tr.From, l.Grade, want.typ, want.from, want.grade)
		}
	}
	if !strings.Contains(out, "# Technology Director (tech-director) is marked neither -ic nor -pm; import puts it on the\n        # people-manager track") {
		t.Error("no comment on the choice of track for Technology Director")
	}
	// Each competency summary is the expectation of its level in its theme, with its proficiency.
	_, l := level(t, doc, "principal-ic")
	e := l.Expectations["leadership"]
	if e.Proficiency != "Practitioner" || len(e.Texts) != 1 || !strings.HasPrefix(e.Texts[0], "Leads change across a broad technology domain") {
		t.Errorf("principal-ic leadership: %+v", e)
	}
	// Every text of the source is kept.
	for _, text := range []string{"Senior Engineer 2 (People Manager)", "Leadership of Self and Others",
		"Demonstrates self-motivation, takes initiative, and uses feedback for continuous improvement.",
		"Continuously seeks and creates opportunities for learning and growth."} {
		if !strings.Contains(out, text) {
			t.Errorf("the import lost %q", text)
		}
	}
}

func TestFTWithoutSplit(t *testing.T) {
	src := Source{Name: "ops.yml", Data: []byte(`name: Operations
levels:
  - {id: engineer, name: Engineer}
  - {id: senior-1, name: Senior Engineer 1}
themes:
  - {id: technical, name: Technical}
competencies:
  - {id: a, level: engineer, theme: technical, summary: Supports systems, proficiency: Working knowledge, examples: [Follows runbooks]}
  - {id: b, level: engineer, theme: technical, summary: Fixes alerts, proficiency: Awareness}
`)}
	out, doc := convert(t, "ft", src)
	if len(doc.Spec.Tracks) != 1 || doc.Spec.Tracks[0].Type != ladder.IC {
		t.Errorf("unsplit levels should make one IC track: %+v", doc.Spec.Tracks)
	}
	_, l := level(t, doc, "engineer")
	e := l.Expectations["technical"]
	if e.Proficiency != "" || len(e.Texts) != 2 || !strings.Contains(e.Texts[0], "Follows runbooks") {
		t.Errorf("two graded texts of one theme: %+v", e)
	}
	if !strings.Contains(out, "grades these texts Working knowledge, Awareness in turn") {
		t.Errorf("no comment on the proficiencies left out:\n%s", out)
	}
}

func TestFTNotOfFormat(t *testing.T) {
	f, _ := Lookup("ft")
	for _, c := range []struct {
		data string
		line int
		want string
	}{
		{"level,min,max\nIC1,1,2\n", 1, "expected a job family: a mapping with name, levels, themes and competencies, found \"level,min,max IC1,1,2\""},
		{"name: X\nlevels: 5\nthemes: []\ncompetencies: []\n", 2, "expected levels: a list of {id, name}, found \"5\""},
		{"name: X\nlevels:\n  - {id: a, name: A}\nthemes: []\ncompetencies:\n  - {id: c, level: b, theme: t, summary: s, proficiency: Expert}\n", 6, "expected the id of a level listed under levels"},
		{"name: X\nlevels:\n  - {id: a}\n", 3, "no name here"},
	} {
		_, err := Convert(f, []Source{{Name: "f.yml", Data: []byte(c.data)}}, "")
		notOfFormat(t, err, "f.yml", c.line, c.want)
	}
	// A Monzo framework is not a job family: its front matter has no name.
	_, err := Convert(f, []Source{source(t, "monzo/ops-leadership.md")}, "")
	notOfFormat(t, err, "monzo/ops-leadership.md", 2, "expected a job family: a mapping with name, levels, themes and competencies (no name here)")
}
