package ladder_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// named is base with another metadata.name.
func named(name string) string {
	return strings.Replace(base, "  name: acme\n", "  name: "+name+"\n", 1)
}

// writeFiles creates files under dir; a name ending in "/" is a directory.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks not available: %v", err)
	}
}

func names(ls []*ladder.Ladder) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Name)
	}
	return out
}

func files(ls []*ladder.Ladder) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.File)
	}
	return out
}

// loadOne writes src to a temp file, loads it and returns the set and the file's path.
func loadOne(t *testing.T, src string, opts ladder.Options) (*ladder.Set, string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "ladder.yaml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return ladder.Load([]string{p}, opts), p
}

func TestLoadExamples(t *testing.T) {
	set := ladder.Load([]string{"../../ladders"}, ladder.Options{})
	if len(set.Problems) != 0 {
		t.Fatalf("problems:%s", dump(set.Problems))
	}
	if set.Files != 3 {
		t.Errorf("Files = %d, want 3", set.Files)
	}
	wantFiles := []string{filepath.Join("../../ladders", "acme-data.yaml"), filepath.Join("../../ladders", "acme-engineering.yaml"), filepath.Join("../../ladders", "acme-platform.yaml")}
	if got := names(set.Ladders); !reflect.DeepEqual(got, []string{"acme-data", "acme-engineering", "acme-platform"}) {
		t.Errorf("ladders = %q", got)
	}
	if got := files(set.Ladders); !reflect.DeepEqual(got, wantFiles) {
		t.Errorf("files = %q, want %q", got, wantFiles)
	}
}

func TestLoadDuplicateName(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.yaml": base, // name at line 4
		"b.yaml": "# the same ladder\n# copied by mistake\n" + base,
		"c.yaml": named("other"),
	})
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")

	set := ladder.Load([]string{dir}, ladder.Options{})
	if got := files(set.Ladders); !reflect.DeepEqual(got, []string{a, filepath.Join(dir, "c.yaml")}) {
		t.Errorf("ladders from %q, want a.yaml and c.yaml", got)
	}
	if len(set.Problems) != 1 {
		t.Fatalf("want one problem, got:%s", dump(set.Problems))
	}
	f := findAt(t, set.Problems, 6, 9, `"acme"`, a+":4")
	if f.File != b || f.Rule != finding.RuleLoad || f.Severity != finding.Error || f.Ladder != "acme" || f.Path != "metadata.name" {
		t.Errorf("finding = %+v, want a load error on %s at metadata.name", f, b)
	}

	// Paths are taken in the order given: the first named wins.
	set = ladder.Load([]string{b, a}, ladder.Options{})
	if got := files(set.Ladders); !reflect.DeepEqual(got, []string{b}) {
		t.Errorf("ladders from %q, want b.yaml", got)
	}
	f = findAt(t, set.Problems, 4, 9, b+":6")
	if f.File != a {
		t.Errorf("finding on %s, want %s", f.File, a)
	}
}

// Two ladders of one name in one file: the second is refused.
func TestLoadDuplicateNameInOneFile(t *testing.T) {
	set, p := loadOne(t, base+"---\n"+base, ladder.Options{})
	if len(set.Ladders) != 1 {
		t.Errorf("got %d ladders, want 1", len(set.Ladders))
	}
	f := findAt(t, set.Problems, 17, 9, `"acme"`, p+":4")
	if f.File != p {
		t.Errorf("finding on %s", f.File)
	}
}

// A file named twice, or under a directory and by itself, is read once.
func TestLoadSameFileTwice(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.yaml": base})
	a := filepath.Join(dir, "a.yaml")
	set := ladder.Load([]string{dir, a, a, dir + string(filepath.Separator)}, ladder.Options{})
	if set.Files != 1 || len(set.Ladders) != 1 || len(set.Problems) != 0 {
		t.Errorf("Files = %d, %d ladders, problems:%s", set.Files, len(set.Ladders), dump(set.Problems))
	}

	// However the path is spelt, and through a symlink: the first mention wins.
	symlink(t, "a.yaml", filepath.Join(dir, "current.yaml"))
	t.Chdir(dir)
	set = ladder.Load([]string{"a.yaml", "./a.yaml", a, "current.yaml", "."}, ladder.Options{})
	if set.Files != 1 || len(set.Problems) != 0 || !reflect.DeepEqual(files(set.Ladders), []string{"a.yaml"}) {
		t.Errorf("Files = %d, ladders from %q, problems:%s", set.Files, files(set.Ladders), dump(set.Problems))
	}
}

func TestLoadWalk(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.yaml":                     named("b"),
		"a.yml":                      named("a-yml"),
		"a0.yaml":                    named("a0"),
		"m/a.yaml":                   named("m-a"),
		"m/deep/er/x.yaml":           named("m-deep"),
		"l.yaml":                     named("l"),
		"n.yaml":                     named("n"),
		"notes.txt":                  "not: yaml",
		"README.md":                  "# ladders",
		"old.yaml.bak":               named("bak"),
		".git/config.yaml":           named("git"),
		".github/workflows/lint.yml": named("github"),
		".hidden/h.yaml":             named("hidden"),
		"empty-dir/":                 "",
	})
	set := ladder.Load([]string{dir}, ladder.Options{})
	if len(set.Problems) != 0 {
		t.Fatalf("problems:%s", dump(set.Problems))
	}
	want := []string{"a-yml", "a0", "b", "l", "m-a", "m-deep", "n"}
	if got := names(set.Ladders); !reflect.DeepEqual(got, want) {
		t.Errorf("ladders = %q, want %q (lexical, depth first, hidden directories and other extensions skipped)", got, want)
	}
	if set.Files != len(want) {
		t.Errorf("Files = %d, want %d", set.Files, len(want))
	}
	if got, want := set.Ladders[5].File, filepath.Join(dir, "m", "deep", "er", "x.yaml"); got != want {
		t.Errorf("File = %q, want %q", got, want)
	}

	// A hidden directory named explicitly is read.
	set = ladder.Load([]string{filepath.Join(dir, ".hidden")}, ladder.Options{})
	if got := names(set.Ladders); !reflect.DeepEqual(got, []string{"hidden"}) {
		t.Errorf("explicit hidden directory: ladders = %q", got)
	}

	// Paths are taken in the order given, not sorted.
	set = ladder.Load([]string{filepath.Join(dir, "n.yaml"), filepath.Join(dir, "m"), filepath.Join(dir, "b.yaml")}, ladder.Options{})
	if got, want := names(set.Ladders), []string{"n", "m-a", "m-deep", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ladders = %q, want %q", got, want)
	}

	// A file named explicitly is read whatever its extension.
	set = ladder.Load([]string{filepath.Join(dir, "old.yaml.bak")}, ladder.Options{})
	if got := names(set.Ladders); !reflect.DeepEqual(got, []string{"bak"}) {
		t.Errorf("explicit file: ladders = %q, problems:%s", got, dump(set.Problems))
	}
}

func TestLoadMissingPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	set := ladder.Load([]string{missing, "../../ladders/acme-data.yaml"}, ladder.Options{})
	if len(set.Problems) != 1 {
		t.Fatalf("problems:%s", dump(set.Problems))
	}
	f := set.Problems[0]
	if f.File != missing || f.Rule != finding.RuleLoad || f.Severity != finding.Error || !strings.Contains(f.Message, "no such file") {
		t.Errorf("finding = %+v", f)
	}
	// One bad path hides nothing else.
	if got := names(set.Ladders); !reflect.DeepEqual(got, []string{"acme-data"}) {
		t.Errorf("ladders = %q", got)
	}
}

func TestLoadSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"good.yaml": base})
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	symlink(t, "b.yaml", a)
	symlink(t, "a.yaml", b)
	symlink(t, "nowhere.yaml", filepath.Join(dir, "dangling.yaml"))
	symlink(t, "nowhere.txt", filepath.Join(dir, "dangling.txt"))

	set := ladder.Load([]string{dir}, ladder.Options{})
	if got := names(set.Ladders); !reflect.DeepEqual(got, []string{"acme"}) {
		t.Errorf("ladders = %q", got)
	}
	byFile := map[string]finding.Finding{}
	for _, f := range set.Problems {
		byFile[f.File] = f
		if f.Rule != finding.RuleLoad || f.Severity != finding.Error {
			t.Errorf("finding %+v, want a load error", f)
		}
	}
	if len(set.Problems) != 3 {
		t.Errorf("want findings for a.yaml, b.yaml and dangling.yaml, got:%s", dump(set.Problems))
	}
	for _, p := range []string{a, b} {
		if !strings.Contains(byFile[p].Message, "loop") {
			t.Errorf("%s: finding %q does not say loop", p, byFile[p].Message)
		}
	}
	if !strings.Contains(byFile[filepath.Join(dir, "dangling.yaml")].Message, "no such file") {
		t.Errorf("dangling link: %+v", byFile[filepath.Join(dir, "dangling.yaml")])
	}

	// Named directly.
	set = ladder.Load([]string{a}, ladder.Options{})
	if len(set.Problems) != 1 || set.Problems[0].File != a || !strings.Contains(set.Problems[0].Message, "loop") {
		t.Errorf("problems:%s", dump(set.Problems))
	}
}

// A directory symlink back to an ancestor: the walk ends and reads every file once.
func TestLoadDirectorySymlinkToParent(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"x.yaml":     named("x"),
		"sub/y.yaml": named("y"),
	})
	symlink(t, "..", filepath.Join(dir, "sub", "up"))
	symlink(t, ".", filepath.Join(dir, "sub", "self"))
	symlink(t, "sub", filepath.Join(dir, "alias"))

	set := ladder.Load([]string{dir}, ladder.Options{})
	if len(set.Problems) != 0 {
		t.Errorf("problems:%s", dump(set.Problems))
	}
	if set.Files != 2 || !reflect.DeepEqual(names(set.Ladders), []string{"y", "x"}) {
		t.Errorf("Files = %d, ladders %q from %q; want y and x, once each", set.Files, names(set.Ladders), files(set.Ladders))
	}

	// Starting below the link: it leads outside the directory named, so it is not followed,
	// and a warning says so.
	set = ladder.Load([]string{filepath.Join(dir, "sub")}, ladder.Options{})
	if set.Files != 1 || len(set.Problems) != 1 || set.Problems[0].Severity != finding.Warning || !strings.HasSuffix(set.Problems[0].File, "up") || !strings.Contains(set.Problems[0].Message, "not followed") {
		t.Errorf("Files = %d, ladders %q from %q, problems:%s", set.Files, names(set.Ladders), files(set.Ladders), dump(set.Problems))
	}
}

// A link to a file or directory outside the directory named is not followed: a pull request
// must not make CI read the machine's files.
func TestLoadSymlinkOutsideIsNotFollowed(t *testing.T) {
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"secret.yaml": named("secret"), "d/z.yaml": named("z")})
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"x.yaml": named("x")})
	symlink(t, filepath.Join(outside, "secret.yaml"), filepath.Join(dir, "secret.yaml"))
	symlink(t, filepath.Join(outside, "d"), filepath.Join(dir, "d"))
	set := ladder.Load([]string{dir}, ladder.Options{})
	if !reflect.DeepEqual(names(set.Ladders), []string{"x"}) || len(set.Problems) != 2 {
		t.Errorf("ladders %q, problems:%s", names(set.Ladders), dump(set.Problems))
	}
}

func TestLoadStdin(t *testing.T) {
	set := ladder.Load([]string{"-"}, ladder.Options{Stdin: strings.NewReader(base), StdinName: "team/eng.yaml"})
	if len(set.Problems) != 0 || len(set.Ladders) != 1 || set.Files != 1 {
		t.Fatalf("%d ladders, problems:%s", len(set.Ladders), dump(set.Problems))
	}
	if l := set.Ladders[0]; l.Name != "acme" || l.File != "team/eng.yaml" {
		t.Errorf("ladder %q from %q", l.Name, l.File)
	}

	bad := edit(t, base, "          grade: 1\n", "          grade: one\n")
	set = ladder.Load([]string{"-"}, ladder.Options{Stdin: strings.NewReader(bad), StdinName: "team/eng.yaml"})
	f := findAt(t, set.Problems, 12, 18, "grade")
	if f.File != "team/eng.yaml" {
		t.Errorf("finding on %q, want the stdin name", f.File)
	}

	// Standard input next to files.
	set = ladder.Load([]string{"../../ladders/acme-data.yaml", "-"}, ladder.Options{Stdin: strings.NewReader(base), StdinName: "x.yaml"})
	if got := names(set.Ladders); !reflect.DeepEqual(got, []string{"acme-data", "acme"}) {
		t.Errorf("ladders = %q", got)
	}

	// No reader: a finding, not a crash.
	set = ladder.Load([]string{"-"}, ladder.Options{StdinName: "in.yaml"})
	if len(set.Problems) != 1 || set.Problems[0].File != "in.yaml" || set.Problems[0].Severity != finding.Error {
		t.Errorf("no stdin: problems:%s", dump(set.Problems))
	}
}

// padTo makes a valid ladder of exactly n bytes with a trailing comment.
func padTo(t *testing.T, n int) string {
	t.Helper()
	s := base + "#"
	if len(s) > n {
		t.Fatalf("base is longer than %d", n)
	}
	return s + strings.Repeat("x", n-len(s)-1) + "\n"
}

func TestLoadSizeLimit(t *testing.T) {
	opts := ladder.Options{MaxFileSize: 1024}

	set, p := loadOne(t, padTo(t, 2048), opts)
	if len(set.Problems) != 1 || len(set.Ladders) != 0 {
		t.Fatalf("problems:%s", dump(set.Problems))
	}
	if f := set.Problems[0]; f.File != p || f.Severity != finding.Error || f.Rule != finding.RuleLoad || !strings.Contains(f.Message, "1024-byte") || !strings.Contains(f.Message, "limit") {
		t.Errorf("finding = %+v, want one naming the 1024-byte limit", f)
	}

	// At the limit exactly: read.
	set, _ = loadOne(t, padTo(t, 1024), opts)
	if len(set.Problems) != 0 || len(set.Ladders) != 1 {
		t.Errorf("file of 1024 bytes: problems:%s", dump(set.Problems))
	}
	set, _ = loadOne(t, padTo(t, 1025), opts)
	if len(set.Problems) != 1 || !strings.Contains(set.Problems[0].Message, "1024-byte") {
		t.Errorf("file of 1025 bytes: problems:%s", dump(set.Problems))
	}

	// Standard input has no size to stat: the read stops at the limit.
	set = ladder.Load([]string{"-"}, ladder.Options{MaxFileSize: 1024, Stdin: strings.NewReader(padTo(t, 4096)), StdinName: "in.yaml"})
	if len(set.Problems) != 1 || set.Problems[0].File != "in.yaml" || !strings.Contains(set.Problems[0].Message, "1024-byte") {
		t.Errorf("stdin: problems:%s", dump(set.Problems))
	}
	set = ladder.Load([]string{"-"}, ladder.Options{MaxFileSize: 1024, Stdin: strings.NewReader(padTo(t, 1024)), StdinName: "in.yaml"})
	if len(set.Problems) != 0 || len(set.Ladders) != 1 {
		t.Errorf("stdin at the limit: problems:%s", dump(set.Problems))
	}

	// The default limit is 10 MiB.
	set, _ = loadOne(t, padTo(t, 10<<20+1), ladder.Options{})
	if len(set.Problems) != 1 || !strings.Contains(set.Problems[0].Message, "10 MiB") {
		t.Errorf("default limit: problems:%s", dump(set.Problems))
	}
}

// Load gives the same result whatever the scheduling of its workers.
func TestLoadStableOrder(t *testing.T) {
	dir := t.TempDir()
	fs := map[string]string{}
	for i := range 20 {
		name := fmt.Sprintf("f%02d.yaml", (i*7)%20)
		switch i % 5 {
		case 0:
			fs[name] = edit(t, named(fmt.Sprintf("l%d", i)), "          grade: 1\n", "          grade: x\n")
		case 1:
			fs[name] = named("shared") // the first in lexical order wins
		case 2:
			fs[name] = named(fmt.Sprintf("l%d", i)) + "---\n" + named(fmt.Sprintf("l%d-b", i))
		case 3:
			fs[name] = "# nothing\n"
		default:
			fs[name] = named(fmt.Sprintf("l%d", i))
		}
	}
	writeFiles(t, dir, fs)

	type result struct {
		Names, Files []string
		N            int
		Problems     []finding.Finding
	}
	run := func() result {
		set := ladder.Load([]string{dir}, ladder.Options{})
		return result{names(set.Ladders), files(set.Ladders), set.Files, set.Problems}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	want := run() // one worker: the order of the files
	if want.N != 20 || len(want.Problems) != 4+3+4 {
		t.Fatalf("Files = %d, problems:%s", want.N, dump(want.Problems))
	}
	for _, procs := range []int{8, 8, 3, 16} {
		runtime.GOMAXPROCS(procs)
		if got := run(); !reflect.DeepEqual(got, want) {
			t.Fatalf("with %d procs:\n%+v\nwant\n%+v", procs, got, want)
		}
	}
	// The problems come in file order.
	var last string
	for _, f := range want.Problems {
		if f.File < last {
			t.Errorf("problem on %s after one on %s", f.File, last)
		}
		last = f.File
	}
}

// Hostile input: each ends in a clear load error, never a hang or a crash. Run under the
// test timeout; no timing is asserted.

func TestLoadManyUnknownKeysCapped(t *testing.T) {
	const n = 80_000
	var b strings.Builder
	b.WriteString("apiVersion: ladderctl/v1\nkind: Ladder\nmetadata:\n  name: acme\n")
	for i := range n {
		fmt.Fprintf(&b, "  k%d: v\n", i)
	}
	b.WriteString(base[strings.Index(base, "spec:"):])

	set, _ := loadOne(t, b.String(), ladder.Options{})
	if len(set.Ladders) != 0 {
		t.Errorf("got a ladder")
	}
	if len(set.Problems) > 200 {
		t.Fatalf("%d findings: not capped", len(set.Problems))
	}
	findAt(t, set.Problems, 5, 3, `"k0"`)
	var more finding.Finding
	listed := 0
	for _, f := range set.Problems {
		if strings.Contains(f.Message, "more problems") {
			more = f
			continue
		}
		if !strings.Contains(f.Message, "has no field") || f.Severity != finding.Error {
			t.Errorf("unexpected finding %+v", f)
		}
		listed++
	}
	if more.Message == "" {
		t.Fatalf("no \"more problems\" finding:%s", dump(set.Problems))
	}
	notListed, err := strconv.Atoi(strings.Fields(more.Message)[0])
	if err != nil || listed+notListed != n {
		t.Errorf("%d listed and %q: want the rest of %d counted", listed, more.Message, n)
	}
	if more.Severity != finding.Error || more.Rule != finding.RuleLoad {
		t.Errorf("more-problems finding %+v", more)
	}
}

func TestLoadHugeLabelsOneDuplicate(t *testing.T) {
	const n, dup = 200_000, 150_000
	var b strings.Builder
	b.WriteString("apiVersion: ladderctl/v1\nkind: Ladder\nmetadata:\n  name: acme\n  labels:\n")
	for i := range n {
		k := i
		if i == dup {
			k = 7 // the label of line 6+7
		}
		fmt.Fprintf(&b, "    l%d: v\n", k)
	}
	b.WriteString(base[strings.Index(base, "spec:"):])

	set, _ := loadOne(t, b.String(), ladder.Options{})
	if len(set.Problems) != 1 {
		t.Fatalf("want exactly the duplicate, got %d:%s", len(set.Problems), dump(set.Problems[:min(len(set.Problems), 5)]))
	}
	findAt(t, set.Problems, 6+dup, 5, `duplicate key "l7"`, "line 13")
}

func TestLoadDeepNesting(t *testing.T) {
	const depth = 20_000
	for name, nest := range map[string]string{
		"flow lists":    strings.Repeat("[", depth) + strings.Repeat("]", depth),
		"flow mappings": strings.Repeat("{a: ", depth) + "1" + strings.Repeat("}", depth),
	} {
		t.Run(name, func(t *testing.T) {
			src := edit(t, base, "  name: acme\n", "  name: acme\n  labels: "+nest+"\n")
			set, _ := loadOne(t, src, ladder.Options{})
			if len(set.Problems) != 1 || len(set.Ladders) != 0 {
				t.Fatalf("problems:%s", dump(set.Problems))
			}
			f := set.Problems[0]
			if f.Severity != finding.Error || !strings.Contains(f.Message, "nested") || f.Line != 5 {
				t.Errorf("finding = %+v, want a load error at line 5 about nesting", f)
			}
		})
	}
}

func TestLoadAliasBombs(t *testing.T) {
	// The classic: nine levels of nine aliases, under expectations.
	var lol strings.Builder
	lol.WriteString("          expectations:\n            a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for c := 'b'; c <= 'i'; c++ {
		p := string(c - 1)
		fmt.Fprintf(&lol, "            %c: &%c [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", c, c, p, p, p, p, p, p, p, p, p)
	}

	// One the schema accepts at every level: tracks of levels of expectations of texts,
	// each list made of aliases, n^4 values in all.
	const n = 40
	var mul strings.Builder
	mul.WriteString("apiVersion: ladderctl/v1\nkind: Ladder\nmetadata:\n  name: bomb\nspec:\n  tracks:\n")
	mul.WriteString("    - id: t0\n      type: ic\n      levels: &levels\n        - &level\n          id: L\n          title: T\n          grade: 1\n          expectations:\n")
	mul.WriteString("            c0: &texts [" + strings.TrimSuffix(strings.Repeat("x, ", n), ", ") + "]\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&mul, "            c%d: *texts\n", i)
	}
	for i := 1; i < n; i++ {
		mul.WriteString("        - *level\n")
	}
	for i := 1; i < n; i++ {
		fmt.Fprintf(&mul, "    - {id: t%d, type: ic, levels: *levels}\n", i)
	}

	tests := map[string]struct {
		src  string
		word string
	}{
		"billion laughs under expectations": {base + lol.String(), ""},
		"billion laughs under labels":       {edit(t, base, "  name: acme\n", "  name: acme\n  labels:\n"+strings.ReplaceAll(lol.String()[len("          expectations:\n"):], "            ", "    ")), ""},
		"aliases the schema accepts":        {mul.String(), "aliases"},
		"an alias to its own anchor":        {edit(t, base, "  name: acme\n", "  name: acme\n  labels: &l {a: *l}\n"), ""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			set, _ := loadOne(t, tt.src, ladder.Options{})
			if len(set.Ladders) != 0 {
				t.Fatalf("got a ladder")
			}
			if len(set.Problems) == 0 || len(set.Problems) > 200 {
				t.Fatalf("%d problems:%s", len(set.Problems), dump(set.Problems[:min(len(set.Problems), 5)]))
			}
			found := tt.word == ""
			for _, f := range set.Problems {
				if f.Severity != finding.Error || f.Rule != finding.RuleLoad {
					t.Errorf("finding %+v", f)
				}
				found = found || strings.Contains(f.Message, tt.word)
			}
			if !found {
				t.Errorf("no finding says %q:%s", tt.word, dump(set.Problems))
			}
		})
	}
}

// Within the budget, aliases are expanded and read like the values they stand for.
func TestLoadAliasesWithinBudget(t *testing.T) {
	src := edit(t, base, "          grade: 1\n", `          grade: 1
          expectations:
            craft: &craft [Writes code, Reviews code]
        - id: IC2
          title: Senior Engineer
          grade: 2
          expectations:
            craft: *craft
`)
	ls, fs := parse(t, src)
	if len(ls) != 1 {
		t.Fatalf("findings:%s", dump(fs))
	}
	if got := ls[0].Value.String(); strings.Count(got, `"craft": ["Writes code", "Reviews code"]`) != 2 {
		t.Errorf("value %s: want the alias expanded", got)
	}
	// The alias is found where it is written.
	if pos, _ := ls[0].Locate(ladder.Path{"spec", "tracks", 0, "levels", 1, "expectations", "craft"}); pos != (ladder.Pos{Line: 19, Column: 20}) {
		t.Errorf("alias at %d:%d, want 19:20", pos.Line, pos.Column)
	}
}

func TestLoadBinaryFile(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	data := make([]byte, 64<<10)
	for i := range data {
		data[i] = byte(r.UintN(256))
	}
	set, p := loadOne(t, string(data), ladder.Options{})
	if len(set.Problems) != 1 || set.Problems[0].File != p || set.Problems[0].Severity != finding.Error || !strings.Contains(set.Problems[0].Message, "UTF-8") {
		t.Errorf("problems:%s", dump(set.Problems))
	}
}
