package importer

import (
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

func TestMonzoICAndLeadership(t *testing.T) {
	out, doc := convert(t, "monzo", source(t, "monzo/ops-individual-contributor.md"), source(t, "monzo/ops-leadership.md"))
	if doc.Metadata.Name != "operations" || len(doc.Spec.Tracks) != 2 {
		t.Fatalf("one ladder with both tracks: %+v", doc)
	}
	for _, c := range []struct {
		id, typ string
		grade   int
	}{{"IC1", ladder.IC, 1}, {"IC5", ladder.IC, 5}, {"M2", ladder.Management, 2}, {"M6", ladder.Management, 6}} {
		tr, l := level(t, doc, c.id)
		if tr.Type != c.typ || l.Grade != c.grade {
			t.Errorf("%s: %s at %d, want %s at %d", c.id, tr.Type, l.Grade, c.typ, c.grade)
		}
	}
	if !strings.Contains(out, "# The files number their levels differently: monzo/ops-individual-contributor.md numbers its\n# levels 1 to 5") {
		t.Errorf("no comment on how the numbering was aligned:\n%.1500s", out)
	}
	_, l := level(t, doc, "M6")
	if got := l.Expectations["communication"].Texts; len(got) != 9 || got[1] != "Works tirelessly to keep different moving parts aligned." {
		t.Errorf("M6 communication: %q", got)
	}
	// A topic both files have is one competency; one only a file has applies to its track.
	byID := map[string]ladder.Competency{}
	for _, c := range doc.Spec.Competencies {
		byID[c.ID] = c
	}
	if c := byID["conduct"]; len(c.Tracks) != 0 {
		t.Errorf("conduct is in both files: %+v", c)
	}
	if c := byID["communication-and-teamwork"]; c.Name != "💬 Communication and Teamwork" || len(c.Tracks) != 1 {
		t.Errorf("communication and teamwork: %+v", c)
	}
}

func TestMonzoSeveralDisciplines(t *testing.T) {
	fw := func(name string) Source {
		return Source{Name: name + ".md", Data: []byte("---\ntitle: " + name + "\nlevels: 2\ntopics:\n  - name: impact\n    content:\n      - level: 1\n        criteria: [Ships]\n      - level: 2\n        criteria: [Leads]\n---\n")}
	}
	_, doc := convert(t, "monzo", fw("backend"), fw("web"))
	for _, id := range []string{"BACKEND-1", "WEB-2"} {
		level(t, doc, id) // per-discipline prefixes: every file numbers from 1
	}
}

func TestMonzoNotOfFormat(t *testing.T) {
	f, _ := Lookup("monzo")
	for _, c := range []struct {
		data string
		line int
		want string
	}{
		{"# Backend\n", 1, "expected a --- line opening the YAML front matter"},
		{"---\ntitle: x\n", 2, "expected a --- line closing the YAML front matter"},
		{"---\ntitle: Design\nyaml: false\n---\n# Design\n", 2, "expected topics in the front matter"},
		{"---\ntitle: X\ntopics:\n  - name: impact\n    content:\n      - level: one\n        criteria: [a]\n---\n", 6, "expected level: a level number, found \"one\""},
	} {
		_, err := Convert(f, []Source{{Name: "f.md", Data: []byte(c.data)}}, "")
		notOfFormat(t, err, "f.md", c.line, c.want)
	}
}
