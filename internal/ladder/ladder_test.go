package ladder_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// base is a minimal valid ladder. Tests change one line of it, so the line numbers below
// hold: 4 metadata.name, 8 the track's type, 9 levels, 10 the level, 12 its grade.
const base = `apiVersion: ladderctl/v1
kind: Ladder
metadata:
  name: acme
spec:
  tracks:
    - id: ic
      type: ic
      levels:
        - id: IC1
          title: Engineer
          grade: 1
`

// edit replaces the one occurrence of old in src by new.
func edit(t *testing.T, src, old, new string) string {
	t.Helper()
	if n := strings.Count(src, old); n != 1 {
		t.Fatalf("edit: %q occurs %d times", old, n)
	}
	return strings.Replace(src, old, new, 1)
}

func dump(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n\t%s:%d:%d %s [%s] %s", f.File, f.Line, f.Column, f.Severity, f.Rule, f.Message)
	}
	if b.Len() == 0 {
		return " (none)"
	}
	return b.String()
}

// findAt returns the finding at line:col whose message holds every word, failing the test
// when there is none.
func findAt(t *testing.T, fs []finding.Finding, line, col int, words ...string) finding.Finding {
	t.Helper()
	for _, f := range fs {
		if f.Line != line || f.Column != col {
			continue
		}
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(f.Message, w)
		}
		if ok {
			return f
		}
	}
	t.Fatalf("no finding at %d:%d saying %q; got:%s", line, col, words, dump(fs))
	return finding.Finding{}
}

func parse(t *testing.T, src string) ([]*ladder.Ladder, []finding.Finding) {
	t.Helper()
	return ladder.Parse("test.yaml", []byte(src))
}

func TestParseBase(t *testing.T) {
	ls, fs := parse(t, base)
	if len(fs) != 0 || len(ls) != 1 {
		t.Fatalf("base: %d ladders, findings:%s", len(ls), dump(fs))
	}
	if ls[0].Name != "acme" || ls[0].File != "test.yaml" {
		t.Errorf("ladder = %q in %q, want acme in test.yaml", ls[0].Name, ls[0].File)
	}
}

type located struct {
	path      ladder.Path
	line, col int
}

func TestParseExamples(t *testing.T) {
	tests := []struct {
		file   string
		name   string
		locate []located
	}{
		{
			file: "../../ladders/acme-engineering.yaml",
			name: "acme-engineering",
			locate: []located{
				{ladder.Path{}, 4, 1},
				{ladder.Path{"apiVersion"}, 4, 13},
				{ladder.Path{"metadata", "name"}, 7, 9},
				{ladder.Path{"metadata", "labels"}, 10, 11},
				{ladder.Path{"metadata", "labels", "division"}, 10, 37},
				{ladder.Path{"spec", "tracks"}, 26, 5},
				{ladder.Path{"spec", "tracks", 0, "levels", 4, "pay", "min"}, 78, 22},
				{ladder.Path{"spec", "tracks", 0, "levels", 4, "expectations", "craft", 1}, 83, 17},
				{ladder.Path{"spec", "tracks", 1}, 126, 7},
				{ladder.Path{"spec", "tracks", 1, "levels", 0}, 130, 11},
				{ladder.Path{"spec", "tracks", 1, "levels", 0, "grade"}, 132, 18},
				{ladder.Path{"spec", "transitions", 2, "to"}, 182, 22},
			},
		},
		{
			file: "../../ladders/acme-data.yaml",
			name: "acme-data",
			locate: []located{
				{ladder.Path{"metadata", "name"}, 7, 9},
				{ladder.Path{"spec", "currency"}, 12, 13},
				{ladder.Path{"spec", "competencies", 4, "tracks", 0}, 24, 16},
				{ladder.Path{"spec", "tracks", 1, "levels", 0, "pay", "min"}, 106, 22},
				{ladder.Path{"spec", "tracks", 1, "levels", 0, "grade"}, 104, 18},
				{ladder.Path{"spec", "transitions", 0, "to"}, 139, 23},
			},
		},
		{
			// Shared levels, branches, pay zones, proficiencies and an x- field.
			file: "../../ladders/acme-platform.yaml",
			name: "acme-platform",
			locate: []located{
				{ladder.Path{}, 12, 1},
				{ladder.Path{"metadata", "name"}, 15, 9},
				{ladder.Path{"spec", "zones", 1, "currency"}, 24, 48},
				{ladder.Path{"spec", "proficiencies", 3}, 26, 53},
				{ladder.Path{"spec", "x-bands-effective"}, 29, 22},
				{ladder.Path{"spec", "tracks", 0, "type"}, 40, 13},
				{ladder.Path{"spec", "tracks", 1, "from"}, 106, 13},
				{ladder.Path{"spec", "tracks", 1, "levels", 0, "pay", "uk", "min"}, 114, 23},
				{ladder.Path{"spec", "tracks", 1, "levels", 0, "expectations", "operations", "proficiency"}, 119, 28},
				{ladder.Path{"spec", "tracks", 2, "levels", 3, "pay", "us", "max"}, 227, 36},
				{ladder.Path{"spec", "transitions", 1, "to"}, 242, 24},
			},
		},
		{
			// Broken only in ways the rules report: the loader reads it cleanly.
			file: "../../docs/examples/unhealthy.yaml",
			name: "globex-engineering",
			locate: []located{
				{ladder.Path{"metadata", "name"}, 12, 9},
				{ladder.Path{"spec", "competencies", 0, "name"}, 19, 25},
				{ladder.Path{"spec", "tracks", 1, "levels", 0, "pay", "min"}, 78, 22},
			},
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			ls, fs := ladder.Parse(tt.file, data)
			if len(fs) != 0 {
				t.Fatalf("findings:%s", dump(fs))
			}
			if len(ls) != 1 || ls[0].Name != tt.name || ls[0].File != tt.file {
				t.Fatalf("got %d ladders, want one named %s", len(ls), tt.name)
			}
			for _, lc := range tt.locate {
				pos, found := ls[0].Locate(lc.path)
				if pos != (ladder.Pos{Line: lc.line, Column: lc.col}) {
					t.Errorf("Locate(%s) = %d:%d, want %d:%d", lc.path, pos.Line, pos.Column, lc.line, lc.col)
				}
				if !reflect.DeepEqual(found, lc.path) {
					t.Errorf("Locate(%s) found %s, want the path itself", lc.path, found)
				}
			}
		})
	}
}

func TestLocateFallsBackToAncestor(t *testing.T) {
	src := base + `          expectations:
            system design: Designs components.
            craft:
              - Writes code.
              - Reviews code.
`
	ls, fs := parse(t, src)
	if len(ls) != 1 {
		t.Fatalf("findings:%s", dump(fs))
	}
	level := ladder.Path{"spec", "tracks", 0, "levels", 0}
	tests := []struct {
		path      ladder.Path
		line, col int
		found     ladder.Path
	}{
		// Present: the node itself.
		{append(level[:5:5], "expectations", "system design"), 14, 28, append(level[:5:5], "expectations", "system design")},
		{append(level[:5:5], "expectations", "craft", 1), 17, 17, append(level[:5:5], "expectations", "craft", 1)},
		// The level has no pay: the level itself.
		{append(level[:5:5], "pay"), 10, 11, level},
		{append(level[:5:5], "pay", "min"), 10, 11, level},
		// No such competency, no such list entry, no such level, no such track.
		{append(level[:5:5], "expectations", "delivery"), 14, 13, append(level[:5:5], "expectations")},
		{append(level[:5:5], "expectations", "craft", 2), 16, 15, append(level[:5:5], "expectations", "craft")},
		{ladder.Path{"spec", "tracks", 0, "levels", 7, "grade"}, 10, 9, ladder.Path{"spec", "tracks", 0, "levels"}},
		{ladder.Path{"spec", "tracks", 3}, 7, 5, ladder.Path{"spec", "tracks"}},
		// A key where an index is, and the reverse.
		{ladder.Path{"spec", "tracks", "0"}, 7, 5, ladder.Path{"spec", "tracks"}},
		{ladder.Path{"spec", 0}, 6, 3, ladder.Path{"spec"}},
		// Nothing at all: the document.
		{ladder.Path{"status"}, 1, 1, ladder.Path{}},
	}
	for _, tt := range tests {
		pos, found := ls[0].Locate(tt.path)
		if pos != (ladder.Pos{Line: tt.line, Column: tt.col}) {
			t.Errorf("Locate(%s) = %d:%d, want %d:%d", tt.path, pos.Line, pos.Column, tt.line, tt.col)
		}
		if !reflect.DeepEqual(found, tt.found) {
			t.Errorf("Locate(%s) found %#v, want %#v", tt.path, found, tt.found)
		}
	}
}

// Every class of input the loader must refuse: a load error at the node, with the words
// that tell the user what is wrong.
func TestParseLoadErrors(t *testing.T) {
	const (
		name   = "  name: acme\n"
		typ    = "      type: ic\n"
		title  = "          title: Engineer\n"
		grade  = "          grade: 1\n"
		levels = "      levels:\n        - id: IC1\n          title: Engineer\n          grade: 1\n"
		tracks = "  tracks:\n    - id: ic\n      type: ic\n" + levels
	)
	tests := []struct {
		name      string
		old, new  string // the edit of base
		line, col int
		words     []string
	}{
		// YAML itself. yaml.v3 gives no column for syntax errors: the finding points at the
		// start of the line.
		{"syntax", name, "  name: acme: corp\n", 4, 1, []string{"invalid YAML", "mapping values are not allowed"}},
		{"syntax unterminated quote", title, "          title: \"Engineer\n", 11, 1, []string{"invalid YAML"}},
		{"tab indentation", name, "\tname: acme\n", 4, 1, []string{"tab", "spaces"}},
		{"tab indentation of a nested mapping", name, name + "  labels:\n\t  team: a\n", 6, 1, []string{"tab", "spaces"}},
		{"invalid UTF-8", name, "  name: ac\xffme\n", 4, 11, []string{"UTF-8"}},
		{"invalid UTF-8 after multibyte text", title, "          title: Ingénieur \xc3\n", 11, 28, []string{"UTF-8"}},
		{"invalid UTF-8 first byte", "apiVersion", "\xfeapiVersion", 1, 1, []string{"UTF-8"}},
		{"duplicate key", grade, grade + "          grade: 2\n", 13, 11, []string{`duplicate key "grade"`, "line 12"}},
		{"duplicate top-level key", "kind: Ladder\n", "kind: Ladder\nkind: Ladder\n", 3, 1, []string{`duplicate key "kind"`, "line 2"}},
		{"duplicate label", name, name + "  labels:\n    team: a\n    team: b\n", 7, 5, []string{`duplicate key "team"`, "line 6"}},
		{"merge key", levels, "      levels:\n        - &first\n          id: IC1\n          title: Engineer\n          grade: 1\n        - <<: *first\n          id: IC2\n", 14, 11, []string{"merge keys (<<)"}},
		{"non-text key", name, name + "  labels: {[a, b]: c}\n", 5, 12, []string{"key must be plain text"}},

		// Types.
		{"grade a string", grade, "          grade: \"five\"\n", 12, 18, []string{"grade", "whole number", `"five"`}},
		{"grade a decimal", grade, "          grade: 2.5\n", 12, 18, []string{"grade", "whole number", `"2.5"`}},
		{"grade negative", grade, "          grade: -1\n", 12, 18, []string{"grade", "whole number", `"-1"`}},
		{"grade a boolean", grade, "          grade: true\n", 12, 18, []string{"grade", "whole number"}},
		{"grade overflows", grade, "          grade: 99999999999999999999\n", 12, 18, []string{"grade", "whole number"}},
		{"pay min not a number", grade, grade + "          pay: {min: lots, max: 10}\n", 13, 22, []string{"min", "must be a number", `"lots"`}},
		{"pay max infinite", grade, grade + "          pay: {min: 1, max: .inf}\n", 13, 30, []string{"max", "must be a number"}},
		{"pay not a mapping", grade, grade + "          pay: 100000\n", 13, 16, []string{"pay", "mapping", `"100000"`}},
		{"tracks a mapping", tracks, "  tracks: {}\n", 6, 11, []string{"tracks", "must be a list", "mapping"}},
		{"levels text", levels, "      levels: text\n", 9, 15, []string{"levels", "must be a list", `"text"`}},
		{"title a mapping", title, "          title: {en: Engineer}\n", 11, 18, []string{"title", "must be text", "mapping"}},
		{"labels a list", name, name + "  labels: [a, b]\n", 5, 11, []string{"labels", "mapping", "list"}},
		{"label value a list", name, name + "  labels: {team: [a, b]}\n", 5, 18, []string{"team", "text", "list"}},
		{"expectations text", grade, grade + "          expectations: all of them\n", 13, 25, []string{"expectations", "mapping"}},
		{"expectation a mapping", grade, grade + "          expectations: {craft: {a: b}}\n", 13, 33, []string{"craft", "text", "mapping"}},

		// Required and unknown fields.
		{"level without title", title, "", 10, 11, []string{`"title"`, "IC1"}},
		{"level with empty title", title, "          title:\n", 10, 11, []string{`"title"`, "IC1"}},
		{"track without type", typ, "", 7, 7, []string{`"type"`, "ic"}},
		{"metadata without name", name, "  title: Acme\n", 4, 3, []string{`"name"`}},
		{"ladder without spec", "spec:\n" + tracks, "", 1, 1, []string{`"spec"`}},
		{"unknown field near miss", grade, "          grdae: 1\n", 12, 11, []string{`"grdae"`, `did you mean "grade"`}},
		{"unknown top-level field", "spec:\n", "spce:\n", 5, 1, []string{`"spce"`, `did you mean "spec"`}},
		{"unknown metadata field", name, name + "  onwer: me\n", 5, 3, []string{`"onwer"`, `did you mean "owner"`}},

		// Values.
		{"type manager", typ, "      type: manager\n", 8, 13, []string{`"manager"`, "ic, management"}},
		{"type near miss", typ, "      type: managment\n", 8, 13, []string{`"managment"`, `did you mean "management"`}},
		{"scope galaxy", grade, grade + "          scope: galaxy\n", 13, 18, []string{`"galaxy"`, "task, feature, team, multi-team, org, company, industry"}},
		{"scope near miss", grade, grade + "          scope: teams\n", 13, 18, []string{`"teams"`, `did you mean "team"`}},
		{"name pattern", name, "  name: Acme_Eng\n", 4, 9, []string{`"Acme_Eng"`, "lower-case"}},
		{"name starts with a dash", name, "  name: -acme\n", 4, 9, []string{`"-acme"`}},
		{"currency", "spec:\n", "spec:\n  currency: usd\n", 6, 13, []string{`"usd"`, "ISO 4217"}},
		{"apiVersion", "apiVersion: ladderctl/v1\n", "apiVersion: ladderctl/v2\n", 1, 13, []string{`"ladderctl/v1"`, `"ladderctl/v2"`}},
		{"kind", "kind: Ladder\n", "kind: Ladders\n", 2, 7, []string{`"Ladder"`, `"Ladders"`}},
		{"empty levels", levels, "      levels: []\n", 9, 15, []string{"levels", "empty"}},
		{"empty tracks", tracks, "  tracks: []\n", 6, 11, []string{"tracks", "empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := edit(t, base, tt.old, tt.new)
			ls, fs := parse(t, src)
			if len(ls) != 0 {
				t.Errorf("got a ladder from a broken document")
			}
			f := findAt(t, fs, tt.line, tt.col, tt.words...)
			if f.Rule != finding.RuleLoad || f.Severity != finding.Error || f.File != "test.yaml" {
				t.Errorf("finding = rule %q severity %s file %q, want load error in test.yaml", f.Rule, f.Severity, f.File)
			}
			for _, f := range fs {
				if f.Rule != finding.RuleLoad {
					t.Errorf("finding of rule %q from the loader", f.Rule)
				}
			}
		})
	}
}

// A value that is wrong is reported once, not also as missing.
func TestParseBadRequiredValueNotAlsoMissing(t *testing.T) {
	_, fs := parse(t, edit(t, base, "          grade: 1\n", "          grade: \"five\"\n"))
	if len(fs) != 1 {
		t.Errorf("want one finding for a bad grade, got:%s", dump(fs))
	}
}

// Every problem of a document is reported, each at its own place, so one pass fixes all.
func TestParseReportsEveryProblem(t *testing.T) {
	src := edit(t, base, "      type: ic\n", "      type: manager\n")
	src = edit(t, src, "          grade: 1\n", "          grade: -1\n          scope: galaxy\n")
	_, fs := parse(t, src)
	findAt(t, fs, 8, 13, `"manager"`)
	findAt(t, fs, 12, 18, "grade")
	findAt(t, fs, 13, 18, `"galaxy"`)
	if len(fs) != 3 {
		t.Errorf("want 3 findings, got:%s", dump(fs))
	}
}

// yaml.v3 names the line of a parser error by the start of the construct it was reading,
// 0-based; the finding says "the problem is at this line or just after it", so it must land
// on the faulty line or the one before.
func TestParseSyntaxErrorLine(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		fault    int // the line to fix
	}{
		{"unclosed flow sequence", "  name: acme\n", "  name: acme\n  labels: [a, b\n", 5},
		{"unclosed flow mapping", "  name: acme\n", "  name: acme\n  labels: {a: b\n  owner: me\n", 5},
		{"unclosed flow mapping in a level", "          grade: 1\n", "          grade: 1\n          pay: {min: 1, max: 2\n", 13},
		{"unclosed flow sequence before a key", "          grade: 1\n", "          grade: 1\n          pay: [1, 2\n          summary: x\n", 13},
		{"unterminated quote", "          grade: 1\n", "          grade: 1\n          summary: \"abc\n          scope: team\n", 13},
		{"key at the list's indentation", "      type: ic\n", "    type: ic\n", 8},
		{"two values on a line", "  name: acme\n", "  name: acme: corp\n", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := parse(t, edit(t, base, tt.old, tt.new))
			if len(fs) != 1 || !strings.Contains(fs[0].Message, "invalid YAML") {
				t.Fatalf("want one syntax error, got:%s", dump(fs))
			}
			if f := fs[0]; f.Line < tt.fault-1 || f.Line > tt.fault || f.Column != 1 {
				t.Errorf("syntax error at %d:%d, want line %d or the one before, column 1:%s", f.Line, f.Column, tt.fault, dump(fs))
			}
		})
	}
}

// A stray or mis-indented line at the end of a long block: yaml.v3 names only the block it
// was reading, so the finding is at the block's first line, at or above the fault, and says
// the fault is inside that block.
func TestParseSyntaxErrorInABlock(t *testing.T) {
	data, err := os.ReadFile("../../ladders/acme-engineering.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	tests := []struct {
		name, insert string
	}{
		// Inserted as line 87, after the last expectation of IC5 (whose id is on line 74).
		{"list item among a level's fields", "          - stray\n"},
		{"field indented one space short", "         summary: x\n"},
		{"list item in metadata", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, fault := strings.Join(lines[:86], "")+tt.insert+strings.Join(lines[86:], ""), 87
			if tt.insert == "" {
				src, fault = edit(t, base, "  name: acme\n", "  name: acme\n  title: t\n  - y\n"), 6
			}
			_, fs := parse(t, src)
			if len(fs) != 1 || !strings.Contains(fs[0].Message, "in the block that starts here") {
				t.Fatalf("want one syntax error naming the block, got:%s", dump(fs))
			}
			if f := fs[0]; f.Line > fault || f.Line < 1 {
				t.Errorf("syntax error at line %d, want the start of a block at or above line %d:%s", f.Line, fault, dump(fs))
			}
		})
	}
}

// A tab after the indentation of a block, a layout yaml.v3 reports as "found a tab
// character that violates indentation" on the line above.
func TestParseTabAfterIndentation(t *testing.T) {
	tests := []struct {
		name      string
		old, new  string
		line, col int
	}{
		{"tab after spaces", "  name: acme\n", "  name: acme\n  \ttitle: t\n", 5, 3},
		{"tab at line start", "  name: acme\n", "  name: acme\n\ttitle: t\n", 5, 1},
		{"tabs in a list item", "      type: ic\n", "\t\ttype: ic\n", 8, 1},
		{"tab before a list item", "    - id: ic\n", "\t- id: ic\n", 7, 1},
		{"tab in a block scalar", "  name: acme\n", "  name: acme\n  title: |\n\t  text\n", 6, 1},
		{"tab in a list item's mapping", "          title: Engineer\n", "\t  title: Engineer\n", 11, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := parse(t, edit(t, base, tt.old, tt.new))
			findAt(t, fs, tt.line, tt.col, "tab is used for indentation")
		})
	}
}

func TestParseNoLadder(t *testing.T) {
	tests := map[string]string{
		"empty":            "",
		"only comments":    "# a ladder will go here\n# one day\n",
		"only a separator": "---\n",
		"kubernetes": `apiVersion: v1
kind: ConfigMap
metadata:
  name: acme
data:
  a: b
`,
		"a list": "- a\n- b\n",
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			ls, fs := parse(t, src)
			if len(ls) != 0 || len(fs) != 1 {
				t.Fatalf("got %d ladders, want 0 and one finding; findings:%s", len(ls), dump(fs))
			}
			f := fs[0]
			if f.Rule != finding.RuleLoad || f.Severity != finding.Warning || !strings.Contains(f.Message, "no ladder in this file") || f.File != "test.yaml" {
				t.Errorf("finding = %+v, want a load warning \"no ladder in this file\"", f)
			}
		})
	}
}

// A Kubernetes manifest next to a ladder in one file is skipped without a word.
func TestParseSkipsOtherKinds(t *testing.T) {
	src := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n---\n" + base
	ls, fs := parse(t, src)
	if len(fs) != 0 || len(ls) != 1 || ls[0].Name != "acme" {
		t.Fatalf("got %d ladders, findings:%s", len(ls), dump(fs))
	}
	if pos, _ := ls[0].Locate(ladder.Path{"metadata", "name"}); pos != (ladder.Pos{Line: 8, Column: 9}) {
		t.Errorf("metadata.name at %d:%d, want 8:9 (lines count from the file's start)", pos.Line, pos.Column)
	}
}

func TestParseTwoDocuments(t *testing.T) {
	second := edit(t, base, "  name: acme\n", "  name: acme-two\n")
	ls, fs := parse(t, base+"---\n"+second)
	if len(fs) != 0 {
		t.Fatalf("findings:%s", dump(fs))
	}
	if len(ls) != 2 || ls[0].Name != "acme" || ls[1].Name != "acme-two" {
		t.Fatalf("got %d ladders, want acme and acme-two", len(ls))
	}
	// The second document starts at line 14.
	if pos, _ := ls[1].Locate(ladder.Path{"spec", "tracks", 0, "levels", 0, "grade"}); pos != (ladder.Pos{Line: 25, Column: 18}) {
		t.Errorf("second ladder's grade at %d:%d, want 25:18", pos.Line, pos.Column)
	}
}

func TestParseSecondDocumentBroken(t *testing.T) {
	tests := []struct {
		name      string
		second    string
		line, col int
		word      string
	}{
		{"syntax", edit(t, base, "  name: acme\n", "  name: acme-two: x\n"), 17, 1, "invalid YAML"},
		{"schema", edit(t, base, "          grade: 1\n", "          grade: one\n"), 25, 18, "grade"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls, fs := parse(t, base+"---\n"+tt.second)
			if len(ls) != 1 || ls[0].Name != "acme" {
				t.Fatalf("got %d ladders, want the first one", len(ls))
			}
			f := findAt(t, fs, tt.line, tt.col, tt.word)
			if f.Severity != finding.Error || len(fs) != 1 {
				t.Errorf("want one load error, got:%s", dump(fs))
			}
		})
	}
}

// A byte-order mark and CRLF line endings change nothing: same ladder, same positions, and
// the same positions for errors.
func TestParseBOMAndCRLF(t *testing.T) {
	variants := map[string]func(string) string{
		"bom":      func(s string) string { return "\ufeff" + s },
		"crlf":     func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
		"bom+crlf": func(s string) string { return "\ufeff" + strings.ReplaceAll(s, "\n", "\r\n") },
	}
	src := base + "          expectations:\n            craft: [Writes code, Reviews code]\n"
	paths := []ladder.Path{
		{},
		{"apiVersion"},
		{"metadata", "name"},
		{"spec", "tracks", 0, "type"},
		{"spec", "tracks", 0, "levels", 0, "grade"},
		{"spec", "tracks", 0, "levels", 0, "expectations", "craft", 1},
	}
	want, fs := parse(t, src)
	if len(want) != 1 {
		t.Fatalf("findings:%s", dump(fs))
	}
	broken := map[string]struct {
		old, new  string
		line, col int
		word      string
	}{
		"schema": {"          grade: 1\n", "          grade: five\n", 12, 18, "grade"},
		"utf-8":  {"  name: acme\n", "  name: ac\xffme\n", 4, 11, "UTF-8"},
		"tab":    {"  name: acme\n", "\tname: acme\n", 4, 1, "tab"},
		"syntax": {"  name: acme\n", "  name: acme: x\n", 4, 1, "invalid YAML"},
	}
	for name, variant := range variants {
		t.Run(name, func(t *testing.T) {
			ls, fs := parse(t, variant(src))
			if len(fs) != 0 || len(ls) != 1 || ls[0].Name != "acme" {
				t.Fatalf("got %d ladders, findings:%s", len(ls), dump(fs))
			}
			if !ladderValueEqual(ls[0], want[0]) {
				t.Errorf("value = %v, want %v", ls[0].Value, want[0].Value)
			}
			for _, p := range paths {
				got, _ := ls[0].Locate(p)
				exp, _ := want[0].Locate(p)
				if got != exp {
					t.Errorf("Locate(%s) = %v, want %v as without %s", p, got, exp, name)
				}
			}
			for what, b := range broken {
				_, fs := parse(t, variant(edit(t, src, b.old, b.new)))
				if len(fs) == 0 {
					t.Errorf("%s: no finding", what)
					continue
				}
				findAt(t, fs, b.line, b.col, b.word)
			}
		})
	}
}

func ladderValueEqual(a, b *ladder.Ladder) bool {
	return a.Value.Compare(b.Value) == 0
}

// The value policies read: types as the schema says, fields as written.
func TestParseValue(t *testing.T) {
	src := edit(t, base, "          grade: 1\n", `          grade: 5
          pay: {min: 120000, max: 150000.5}
          expectations:
            craft: one
            system design: [a, b]
`)
	ls, fs := parse(t, src)
	if len(ls) != 1 {
		t.Fatalf("findings:%s", dump(fs))
	}
	want := `{"apiVersion": "ladderctl/v1", "kind": "Ladder", "metadata": {"name": "acme"}, "spec": {"tracks": [{"id": "ic", "levels": [{"expectations": {"craft": "one", "system design": ["a", "b"]}, "grade": 5, "id": "IC1", "pay": {"max": 150000.5, "min": 120000}, "title": "Engineer"}], "type": "ic"}]}}`
	if got := ls[0].Value.String(); got != want {
		t.Errorf("value =\n%s\nwant\n%s", got, want)
	}
}

// Text fields take any scalar as its text: a title of 2024 or an id of 5 stay text, as written.
func TestParseScalarsAsText(t *testing.T) {
	src := edit(t, base, "        - id: IC1\n          title: Engineer\n", "        - id: 007\n          title: 2024\n")
	ls, fs := parse(t, src)
	if len(ls) != 1 {
		t.Fatalf("findings:%s", dump(fs))
	}
	got := ls[0].Value.String()
	for _, w := range []string{`"id": "007"`, `"title": "2024"`} {
		if !strings.Contains(got, w) {
			t.Errorf("value %s does not hold %s", got, w)
		}
	}
}

// Random bytes and random YAML-looking text: never a panic, only load findings.
func TestParseGarbage(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(r.UintN(256))
	}
	_, fs := ladder.Parse("bin.yaml", bin)
	if len(fs) != 1 || fs[0].Severity != finding.Error || fs[0].Rule != finding.RuleLoad {
		t.Errorf("random bytes: want one load error, got:%s", dump(fs))
	}

	const alphabet = "{}[]:,-&*!|>'\"%@#?<=~ \n\n\n  abc123\t.\\"
	for i := range 2000 {
		n := r.IntN(200)
		b := make([]byte, 0, n+len(base))
		if i%2 == 0 {
			b = append(b, base[:r.IntN(len(base))]...)
		}
		for range n {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		ls, fs := ladder.Parse("garbage.yaml", b)
		for _, f := range fs {
			if f.Rule != finding.RuleLoad || f.Line < 1 || f.Column < 1 {
				t.Fatalf("input %q: finding %+v", b, f)
			}
		}
		if len(ls) == 0 && len(fs) == 0 {
			t.Fatalf("input %q: neither a ladder nor a finding", b)
		}
	}
}

// A ladder's name outlives its value (Release), whose texts share the bytes of the file
// they were read from: the name is a copy, or each released ladder would keep its whole
// file in memory.
func TestNameDoesNotKeepTheFile(t *testing.T) {
	ls, problems := ladder.Parse("x.yaml", []byte(base))
	if len(problems) > 0 || len(ls) != 1 {
		t.Fatal(problems)
	}
	v, err := ls[0].Value.(ast.Object).Find(ast.Ref{ast.StringTerm("metadata"), ast.StringTerm("name")})
	if err != nil {
		t.Fatal(err)
	}
	if name := string(v.(ast.String)); ls[0].Name != name || unsafe.StringData(ls[0].Name) == unsafe.StringData(name) {
		t.Errorf("the name %q shares the bytes of the ladder's value", ls[0].Name)
	}
}
