package yamlblock_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/synth"
	"github.com/ladderctl/ladderctl/internal/yamlblock"
)

// same reports where a and b differ in what yaml.v3 sets when it parses: kind, style,
// tag, value, anchor, alias, line, column and children. Comments are not compared.
func same(a, b *yaml.Node, at string) error {
	if (a == nil) != (b == nil) {
		return fmt.Errorf("%s: %v vs %v", at, a, b)
	}
	if a == nil {
		return nil
	}
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value ||
		a.Anchor != b.Anchor || a.Alias != b.Alias || a.Line != b.Line || a.Column != b.Column ||
		len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s: kind %v/%v style %v/%v tag %q/%q value %q/%q at %d:%d/%d:%d, %d/%d children",
			at, a.Kind, b.Kind, a.Style, b.Style, a.Tag, b.Tag, a.Value, b.Value, a.Line, a.Column, b.Line, b.Column, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if err := same(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); err != nil {
			return err
		}
	}
	return nil
}

// check fails when Parse accepts data but yaml.v3 reads it otherwise, and reports
// whether Parse accepted it.
func check(t *testing.T, data []byte) bool {
	t.Helper()
	got, ok := yamlblock.Parse(data)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(data, &want); err != nil {
		t.Fatalf("accepted what yaml.v3 refuses (%v):\n%s", err, data)
	}
	if err := same(got, &want, ""); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return true
}

// seeds are the YAML files of the repository: the shipped examples, the documentation's
// and every file the end-to-end scripts hold, broken ones included.
func seeds(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, pattern := range []string{"../../ladders/*.yaml", "../../docs/examples/*.yaml", "../../testdata/import/*/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				out[file] = data
			}
		}
	}
	scripts, _ := filepath.Glob("../../testdata/script/*.txtar")
	for _, s := range scripts {
		a, err := txtar.ParseFile(s)
		if err != nil {
			continue
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".yaml") || strings.HasSuffix(f.Name, ".yml") {
				out[s+":"+f.Name] = f.Data
			}
		}
	}
	if len(out) < 50 {
		t.Fatalf("only %d seed files found", len(out))
	}
	return out
}

// The fast path is taken for the ladders people write: every shipped example and every
// generated ladder, read exactly as yaml.v3 reads them.
func TestLaddersTakeTheFastPath(t *testing.T) {
	for _, file := range []string{"acme-data.yaml", "acme-engineering.yaml", "acme-platform.yaml"} {
		data, err := os.ReadFile(filepath.Join("../../ladders", file))
		if err != nil {
			t.Fatal(err)
		}
		if !check(t, data) {
			t.Errorf("%s: left to yaml.v3", file)
		}
	}
	r := synth.New(7)
	for i := range 50 {
		if doc := synth.Ladder(r, synth.Name(i), i%3 == 0); !check(t, []byte(doc)) {
			t.Fatalf("generated ladder %d left to yaml.v3:\n%s", i, doc)
		}
	}
	accepted := 0
	for name, data := range seeds(t) {
		if check(t, data) {
			accepted++
		} else if strings.HasPrefix(name, "../../ladders/") {
			t.Errorf("%s: left to yaml.v3", name)
		}
	}
	if accepted < 50 {
		t.Errorf("only %d of the repository's YAML files took the fast path", accepted)
	}
}

// Each piece of the subset, and each thing outside it, which must be left to yaml.v3.
func TestSubset(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		fast bool
	}{
		{"a: b\n", true},
		{"a: b", true},
		{"# head\n\na: 1 # one\n  # indented comment\nb: 2.5\nc: true\nd: null\ne: ~\nf: 0x1F\n", true},
		{"a:\n  b:\n    c: d\n  e: f\ng: h\n", true},
		{"a:\n- 1\n- two\nb: c\n", true},
		{"a:\n  - x: 1\n    y: 2\n  -   z: 3\n  - w\n", true},
		{"a: {b: c, 'd': \"e\", f: [1, 2, {g: h}], i: {}, j: []}\n", true},
		{"a: \"q\\\"\\\\\\n\\t\\x41\\u00e9\\U0001F600\\'\\ \\N\\_\"\n", true},
		{"a: 'it''s'\n", true},
		{"'a b': 1\n\"c\": 2\n", true},
		{"title: Café — naïve: no\n", false},
		{"title: Café — naïve\nx: ü\n", true},
		{"a: b:c\nd: e#f\ng: -1\nh: x, y [z] {w}\n", true},
		{"<<: {a: b}\n", true},
		{"a: 0123\nb: 1_000\nc: 12345678901234567890\nd: yes\ne: Null\nf: .5\ng: -1\nh: 1e3\ni: 2001-12-14\nj: TRUE\nk: nULL\nl: 7\nm: 0\nn: 123456789012345678\n", true},
		{"a: one\n  two\n\n\n  three\nb: c\n", true},
		{"a:\n  one\n    two   \nb: c\n", true},
		{"- one\n  two\n- three\n", true},
		{"a:\n  \"q\"\nb: [1]\n", true},
		{"a:\n  - b: one\n     two\n", true},
		{"é: ü\n  ö\nc: [d, é]\n", true},
		{"a: one # c\n  two\n", false},
		{"a: one\n  two: x\n", false},
		{"a: one\n  - two\n", false},
		{"a: one\n  # c\n  two\n", false},
		{"a: one\n  two # c\n", false},
		{"a: &x 1\nb: *x\n", false},
		{"a: !!str 1\n", false},
		{"a: |\n  text\n", false},
		{"a: >\n  text\n", false},
		{"a:\n", false},
		{"a: [1,\n  2]\n", false},
		{"a: [1, 2,]\n", false},
		{"a: \"b\n  c\"\n", false},
		{"---\na: b\n", false},
		{"a:\tb\n", false},
		{"a: b\r\n", false},
		{"? a\n: b\n", false},
		{"a: b: c\n", false},
		{"a: - b\n", false},
		{"- - a\n", false},
		{"-\n  a: b\n", false},
		{"  a: b\n", false},
		{"a: b\n c: d\n", false},
		{"a:\n    b: 1\n  c: 2\n", false},
		{"a: \"b\"c\n", false},
		{"a: {b: c}d\n", false},
		{"a: {b}\n", false},
		{"a: [b: c]\n", false},
		{"a: \"\\q\"\n", false},
		{"a: \"\\/\"\n", false},
		{"a: \"\\ud800\"\n", false},
		{"", false},
		{"# only a comment\n", false},
		{"a: b\nfoo\n", false},
		{"a: {" + strings.Repeat("k", 1000) + ": v}\n", true},
		{"a: {" + strings.Repeat("k", 1100) + ": v}\n", false},
		{strings.Repeat("k", 1100) + ": v\n", false},
		{"a: " + strings.Repeat("[", 99) + strings.Repeat("]", 99) + "\n", true},
		{"a: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n", false},
	} {
		if got := check(t, []byte(tc.doc)); got != tc.fast {
			t.Errorf("%q: fast path %v, want %v", tc.doc, got, tc.fast)
		}
	}
}

// Whatever Parse accepts, yaml.v3 reads the same way, to the line and column.
func FuzzSameAsYAML(f *testing.F) {
	for _, data := range seeds(f) {
		f.Add(data)
	}
	r := synth.New(3)
	for i := range 3 {
		f.Add([]byte(synth.Ladder(r, synth.Name(i), i == 1)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		check(t, data)
	})
}

func BenchmarkParse(b *testing.B) {
	data := []byte(synth.Ladder(synth.New(1), synth.Name(0), false))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, ok := yamlblock.Parse(data); !ok {
			b.Fatal("left to yaml.v3")
		}
	}
}
