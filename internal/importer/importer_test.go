package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// testdata holds excerpts of the real public sources, with their licences.
const testdata = "../../testdata/import"

func source(t *testing.T, rel string) Source {
	t.Helper()
	s, err := ReadSource(filepath.Join(testdata, rel), 0)
	if err != nil {
		t.Fatal(err)
	}
	s.Name = rel
	return s
}

// convert imports sources with a format and loads the result.
func convert(t *testing.T, format string, sources ...Source) (string, *ladder.Document) {
	t.Helper()
	f, err := Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	data, err := Convert(f, sources, "")
	if err != nil {
		t.Fatalf("import %s: %v", format, err)
	}
	ls, problems := ladder.Parse("out.yaml", data)
	if len(problems) > 0 || len(ls) != 1 {
		t.Fatalf("the import does not load: %v\n%s", problems, data)
	}
	doc, err := ls[0].Document()
	if err != nil {
		t.Fatal(err)
	}
	return string(data), doc
}

func level(t *testing.T, doc *ladder.Document, id string) (*ladder.Track, *ladder.Level) {
	t.Helper()
	for _, tl := range doc.Levels() {
		if tl.Level.ID == id {
			return tl.Track, tl.Level
		}
	}
	t.Fatalf("no level %s", id)
	return nil, nil
}

// notOfFormat checks that an error points at a line of the file and says what was expected.
func notOfFormat(t *testing.T, err error, file string, line int, want string) {
	t.Helper()
	var e *diag.Error
	if !errors.As(err, &e) {
		t.Fatalf("want an error at %s:%d, got %v", file, line, err)
	}
	if e.File != file || e.Line != line || !strings.Contains(e.Error(), want) {
		t.Errorf("got %q, want %s:%d saying %q", e.Error(), file, line, want)
	}
}

func TestLookup(t *testing.T) {
	if _, err := Lookup("ft"); err != nil {
		t.Error(err)
	}
	if _, err := Lookup("csv"); err == nil || !strings.Contains(err.Error(), "unknown import format \"csv\" (use ft, pathway, monzo, bands)") {
		t.Errorf("got %v", err)
	}
}

func TestReadSourceBounded(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.yml")
	if err := os.WriteFile(p, make([]byte, 101), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSource(p, 100); err == nil || !strings.Contains(err.Error(), "over the 100-byte size limit") {
		t.Errorf("got %v", err)
	}
	if _, err := ReadSource(filepath.Join(t.TempDir(), "none.yml"), 0); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("got %v", err)
	}
}

func TestNotYAMLOfTheFormat(t *testing.T) {
	f, _ := Lookup("pathway")
	_, err := Convert(f, []Source{{Name: "x.yaml", Data: []byte("a: [unclosed\n")}}, "")
	notOfFormat(t, err, "x.yaml", 2, "invalid YAML")
	_, err = Convert(f, []Source{{Name: "x.yaml", Data: []byte("")}}, "")
	notOfFormat(t, err, "x.yaml", 1, "found an empty file")
}
