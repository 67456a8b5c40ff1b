package importer

import (
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

func TestPathway(t *testing.T) {
	out, doc := convert(t, "pathway", source(t, "pathway/levels.yaml"))
	if len(doc.Spec.Tracks) != 2 {
		t.Fatalf("every level has a managementTitle: two tracks, got %+v", doc.Spec.Tracks)
	}
	// IC and management peers at every ordinalRank.
	for _, c := range []struct {
		id, title, typ string
		grade          int
	}{
		{"P-L1", "Engineer I", ladder.IC, 1}, {"M-L1", "Associate Manager", ladder.Management, 1},
		{"P-L5", "Principal Engineer", ladder.IC, 5}, {"M-L5", "VP of Engineering", ladder.Management, 5},
	} {
		tr, l := level(t, doc, c.id)
		if l.Title != c.title || tr.Type != c.typ || l.Grade != c.grade {
			t.Errorf("%s: %s on %s at %d, want %s on %s at %d", c.id, l.Title, tr.Type, l.Grade, c.title, c.typ, c.grade)
		}
	}
	if len(doc.Spec.Competencies) != 4 || doc.Spec.Competencies[0].ID != "impactScope" || doc.Spec.Competencies[0].Name != "Impact scope" {
		t.Errorf("the expectations map should make the competencies: %+v", doc.Spec.Competencies)
	}
	_, l := level(t, doc, "M-L4")
	if got := l.Expectations["influenceScope"].Texts; len(got) != 1 || got[0] != "Influence teams in your area and be recognized as a domain expert" {
		t.Errorf("M-L4 influenceScope: %q", got)
	}
	for _, kept := range []string{"x-pathway:", "baseBehaviourMaturity: role_modeling", `typicalExperienceRange: "12+"`, "Deep technical"} {
		if !strings.Contains(out, kept) {
			t.Errorf("the import lost %q", kept)
		}
	}
}

func TestPathwaySharedBelowManagement(t *testing.T) {
	src := Source{Name: "levels.yaml", Data: []byte(`- {id: J1, professionalTitle: Engineer, ordinalRank: 1}
- {id: J2, professionalTitle: Senior Engineer, managementTitle: Manager, ordinalRank: 2}
`)}
	_, doc := convert(t, "pathway", src)
	tr, _ := level(t, doc, "J1")
	ic, _ := level(t, doc, "P-J2")
	m, _ := level(t, doc, "M-J2")
	if tr.Type != ladder.Shared || ic.From != "J1" || m.From != "J1" {
		t.Errorf("levels before the first managementTitle should be shared, the tracks branching from the last: %+v %+v %+v", tr, ic, m)
	}
}

func TestPathwayNotOfFormat(t *testing.T) {
	f, _ := Lookup("pathway")
	for _, c := range []struct {
		data string
		line int
		want string
	}{
		{"levels:\n  - id: L1\n", 1, "expected a list of levels"},
		{"- id: L1\n  professionalTitle: X\n  ordinalRank: two\n", 3, "expected the level's ordinalRank, a whole number, found \"two\""},
		{"- {id: L2, professionalTitle: B, ordinalRank: 2}\n- {id: L1, professionalTitle: A, ordinalRank: 1}\n", 2, "from the lowest ordinalRank up"},
		{"- {id: L1, professionalTitle: A, ordinalRank: 1}\n- {id: L1, professionalTitle: B, ordinalRank: 2}\n", 2, "a level id not used before"},
	} {
		_, err := Convert(f, []Source{{Name: "levels.yaml", Data: []byte(c.data)}}, "")
		notOfFormat(t, err, "levels.yaml", c.line, c.want)
	}
}
