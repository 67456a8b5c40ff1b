package ladder

import (
	"os"
	"testing"
)

func TestDocumentDecodesTheTypedModel(t *testing.T) {
	data, err := os.ReadFile("../../ladders/acme-engineering.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ls, problems := Parse("acme-engineering.yaml", data)
	if len(problems) > 0 || len(ls) != 1 {
		t.Fatalf("example does not load: %v", problems)
	}
	d, err := ls[0].Document()
	if err != nil {
		t.Fatal(err)
	}
	if d.Metadata.Name != "acme-engineering" || d.Spec.Currency != "USD" || len(d.Spec.Tracks) != 2 {
		t.Fatalf("document = %+v", d.Metadata)
	}
	levels := d.Levels()
	var ic5 *TrackLevel
	for i := range levels {
		if levels[i].Level.ID == "IC5" {
			ic5 = &levels[i]
		}
	}
	if ic5 == nil || ic5.Track.Type != IC || ic5.Level.Grade != 5 || !ic5.Level.Pay.Valid() || len(ic5.Level.Expectations["craft"]) == 0 {
		t.Fatalf("IC5 = %+v", ic5)
	}
	pos, _ := ls[0].Locate(ic5.Path("grade"))
	if pos.Line == 0 {
		t.Error("the level's path does not resolve")
	}
}

func TestExpectationTextOrList(t *testing.T) {
	ls, problems := Parse("x.yaml", []byte(`apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: x}
spec:
  competencies: [{id: a, name: A}, {id: b, name: B}]
  tracks:
    - id: ic
      type: ic
      levels:
        - id: L1
          title: One
          grade: 1
          expectations:
            a: one text
            b: [first, second]
`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	d, err := ls[0].Document()
	if err != nil {
		t.Fatal(err)
	}
	e := d.Spec.Tracks[0].Levels[0].Expectations
	if len(e["a"]) != 1 || e["a"][0] != "one text" || len(e["b"]) != 2 || e["b"][1] != "second" {
		t.Errorf("expectations = %#v", e)
	}
	if (&Pay{Min: 2, Max: 1}).Valid() || (*Pay)(nil).Valid() || !(&Pay{Min: 1, Max: 1}).Valid() {
		t.Error("Pay.Valid is wrong")
	}
}
