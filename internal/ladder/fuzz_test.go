package ladder_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// seeds returns the ladder files of the repository: the examples and every YAML file the
// end-to-end scripts hold, broken ones included.
func seeds(f *testing.F) [][]byte {
	f.Helper()
	var out [][]byte
	for _, pattern := range []string{"../../ladders/*.yaml", "../../docs/examples/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				out = append(out, data)
			}
		}
	}
	scripts, _ := filepath.Glob("../../testdata/script/*.txtar")
	for _, s := range scripts {
		a, err := txtar.ParseFile(s)
		if err != nil {
			continue
		}
		for _, file := range a.Files {
			if strings.HasSuffix(file.Name, ".yaml") || strings.HasSuffix(file.Name, ".yml") {
				out = append(out, file.Data)
			}
		}
	}
	if len(out) < 10 {
		f.Fatalf("only %d seed files found", len(out))
	}
	return out
}

// Any bytes give ladders or load findings at real positions: never a panic, never a hang.
func FuzzParse(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Add([]byte("a: &a [*a]"))
	f.Add([]byte("apiVersion: ladderctl/v1\nkind: Ladder\nmetadata: {<<: {name: x}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ls, fs := ladder.Parse("fuzz.yaml", data)
		for _, f := range fs {
			if f.Rule != finding.RuleLoad || f.Line < 1 || f.Column < 1 || f.Message == "" {
				t.Fatalf("finding %+v", f)
			}
		}
		for _, l := range ls {
			if l.Name == "" || l.Value == nil {
				t.Fatalf("ladder without name or value")
			}
			if _, err := l.Document(); err != nil {
				t.Fatalf("a loaded ladder does not decode: %v", err)
			}
			pos, found := l.Locate(ladder.Path{"spec", "tracks", 0, "levels", 0, "grade"})
			if pos.Line < 1 || len(found) > 6 {
				t.Fatalf("Locate = %v %v", pos, found)
			}
		}
	})
}

// A path string either fails to parse or parses to a path that prints back to an equal one,
// and resolving any path on a ladder gives a real position and a prefix of the path.
func FuzzPath(f *testing.F) {
	for _, s := range []string{"spec.tracks[1].levels[3].grade", `spec.tracks[0].levels[0].expectations["system design"]`, "metadata.name", "", "[0]", `a["]"].b`} {
		f.Add(s)
	}
	data, err := os.ReadFile("../../ladders/acme-engineering.yaml")
	if err != nil {
		f.Fatal(err)
	}
	ls, _ := ladder.Parse("acme.yaml", data)
	if len(ls) != 1 {
		f.Fatal("the example does not load")
	}
	l := ls[0]
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ladder.ParsePath(s)
		if err != nil {
			return
		}
		again, err := ladder.ParsePath(p.String())
		if err != nil || !reflect.DeepEqual(normal(again), normal(p)) {
			t.Fatalf("%q -> %v -> %q -> %v, %v", s, p, p.String(), again, err)
		}
		pos, found := l.Locate(p)
		if pos.Line < 1 || len(found) > len(p) || !reflect.DeepEqual(normal(found), normal(p[:len(found)])) {
			t.Fatalf("Locate(%v) = %v, %v", p, pos, found)
		}
	})
}

// normal makes empty and nil paths compare equal.
func normal(p ladder.Path) ladder.Path {
	if len(p) == 0 {
		return nil
	}
	return p
}
