package compare

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares output with testdata/NAME, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/compare/ -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./internal/compare/ -update rewrites it; review the diff):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// views are the four views on the small ladder.
func views(t *testing.T) map[string]View {
	t.Helper()
	src := parse(t, "ladders/small.yaml", small)
	other := parse(t, "ladders/other.yaml", strings.NewReplacer(
		"name: small, title: Small Co", "name: other, title: Other Co",
		"title: Senior Engineer", "title: Lead Engineer",
		"pay: {min: 80000, max: 100000}", "pay: {min: 88000, max: 105000}",
		"        - {id: M3, title: Director, grade: 3, scope: org, pay: {min: 120000, max: 160000}}\n", "",
	).Replace(small))
	before := parse(t, "ladders/small.yaml", strings.Replace(small, "pay: {min: 80000, max: 100000}", "pay: {min: 76000, max: 96000}", 1))
	before.Ref, before.Commit, before.File = "main", "0123456789abcdef0123456789abcdef01234567", "main:ladders/small.yaml"
	levels, err := Progress(src, "E1", "E2")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]View{
		"ladder":  Align(src, parity(t, src, nil)),
		"ladders": CompareLadders(src, other),
		"base":    CompareBase(before, src),
		"levels":  levels,
	}
}

func TestFormatsGolden(t *testing.T) {
	for name, v := range views(t) {
		for _, format := range Formats.Names() {
			ext := map[string]string{"table": "txt", "markdown": "md", "csv": "csv", "json": "json"}[format]
			var b bytes.Buffer
			if err := Write(&b, v, Options{Format: format}); err != nil {
				t.Fatal(err)
			}
			golden(t, name+"."+ext, b.Bytes())
		}
	}
}

func TestTableFitsTheWidth(t *testing.T) {
	for name, v := range views(t) {
		// The narrowest a table can be: each column as wide as its longest word.
		least := 3*len(v.grid().header) + 1
		for _, w := range fit(v.grid(), 1) {
			least += w
		}
		for _, width := range []int{120, 100, 80, 60} {
			var b bytes.Buffer
			if err := Write(&b, v, Options{Width: width}); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
				if n := utf8.RuneCountInString(l); n > max(width, least) {
					t.Errorf("%s at width %d: a line of %d: %q", name, width, n, l)
				}
			}
		}
	}
	// Ids are never cut, even where the width cannot hold them.
	var b bytes.Buffer
	if err := Write(&b, views(t)["ladder"], Options{Width: 20}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"parity/top-grade", "parity/peer-level", "E2", "M3"} {
		if !strings.Contains(b.String(), id) {
			t.Errorf("narrow table lacks %q:\n%s", id, b.String())
		}
	}
}

func TestTableColor(t *testing.T) {
	v := views(t)["ladder"]
	var plain, color bytes.Buffer
	if err := Write(&plain, v, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&color, v, Options{Color: true, Width: 60}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("colour without Color")
	}
	for _, want := range []string{"\x1b[32mok\x1b[0m", "\x1b[31mparity/top-grade\x1b[0m", "\x1b[31mparity/peer-level\x1b[0m"} {
		if !strings.Contains(color.String(), want) {
			t.Errorf("coloured table lacks %q:\n%s", want, color.String())
		}
	}
	// No colour runs over a border or onto the next line.
	for _, l := range strings.Split(color.String(), "\n") {
		if strings.Count(l, "\x1b[") != 2*strings.Count(l, "\x1b[0m") {
			t.Errorf("unbalanced colour on %q", l)
		}
	}
	// Markdown, CSV and JSON never carry ANSI escapes.
	for _, format := range []string{"markdown", "csv", "json"} {
		var b bytes.Buffer
		if err := Write(&b, v, Options{Format: format, Color: true}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "\x1b") {
			t.Errorf("%s has ANSI escapes", format)
		}
	}
}

// CSV and JSON carry raw numbers: 80000, not 80,000; 0.6, not +60%.
func TestRawNumbers(t *testing.T) {
	for name, v := range views(t) {
		var c, j bytes.Buffer
		if err := Write(&c, v, Options{Format: "csv"}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&c).ReadAll()
		if err != nil {
			t.Fatalf("%s: csv does not read back: %v", name, err)
		}
		for _, r := range recs {
			if len(r) != len(recs[0]) {
				t.Errorf("%s: record %q has %d fields, the header %d", name, r, len(r), len(recs[0]))
			}
			for _, f := range r {
				if strings.Contains(f, "%") || strings.Contains(f, "80,000") {
					t.Errorf("%s: csv field %q is formatted for people", name, f)
				}
			}
		}
		if err := Write(&j, v, Options{Format: "json"}); err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
			t.Fatalf("%s: json: %v", name, err)
		}
		if doc["view"] != name {
			t.Errorf("json view %v, want %s", doc["view"], name)
		}
	}
	var j bytes.Buffer
	if err := Write(&j, views(t)["levels"], Options{Format: "json"}); err != nil {
		t.Fatal(err)
	}
	var lv struct {
		Pay struct {
			Min struct{ From, To, Change, Ratio float64 }
		}
	}
	if err := json.Unmarshal(j.Bytes(), &lv); err != nil {
		t.Fatal(err)
	}
	if lv.Pay.Min.From != 50000 || lv.Pay.Min.To != 80000 || lv.Pay.Min.Change != 30000 || lv.Pay.Min.Ratio != 0.6 {
		t.Errorf("levels pay.min = %+v", lv.Pay.Min)
	}
}

// Output is the same bytes run after run.
func TestDeterministic(t *testing.T) {
	first := map[string]string{}
	for i := 0; i < 5; i++ {
		for name, v := range views(t) {
			for _, format := range Formats.Names() {
				var b bytes.Buffer
				if err := Write(&b, v, Options{Format: format, Width: 90}); err != nil {
					t.Fatal(err)
				}
				key := name + "/" + format
				if i == 0 {
					first[key] = b.String()
				} else if b.String() != first[key] {
					t.Fatalf("%s differs between runs", key)
				}
			}
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	src := parse(t, "x.yaml", strings.Replace(small, "title: Engineer\n", "title: \"Engineer | <b>*Builder*</b>\"\n", 1))
	var b bytes.Buffer
	if err := Write(&b, Align(src, Marks{}), Options{Format: "markdown"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `E1 Engineer \| &lt;b&gt;\*Builder\*&lt;/b&gt;`) {
		t.Errorf("markdown:\n%s", b.String())
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, views(t)["ladder"], Options{Format: "xml"}); err == nil {
		t.Error("xml accepted")
	}
}
