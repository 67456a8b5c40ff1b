package compare

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/diag"
)

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func named(name string) string {
	return strings.Replace(small, "name: small,", "name: "+name+",", 1)
}

func TestResolveFileAndName(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "ladders/eng.yaml", named("eng"))
	write(t, dir, "ladders/data.yaml", named("data"))
	r := &Resolver{Paths: []string{filepath.Join(dir, "ladders")}}
	ctx := context.Background()

	src, err := r.Resolve(ctx, file)
	if err != nil || src.Name() != "eng" || src.File != file || src.Ref != "" {
		t.Fatalf("file: %+v, %v", src, err)
	}
	src, err = r.Resolve(ctx, "data")
	if err != nil || src.Name() != "data" || !strings.HasSuffix(src.File, "data.yaml") {
		t.Fatalf("name: %+v, %v", src, err)
	}
	_, err = r.Resolve(ctx, "dta")
	if err == nil || !strings.Contains(err.Error(), `no ladder named "dta"`) || !strings.HasSuffix(err.Error(), `; did you mean "data"?`) {
		t.Errorf("near miss: %v", err)
	}
	_, err = r.Resolve(ctx, "sales")
	if err == nil || !strings.Contains(err.Error(), "the ladders there are data, eng") {
		t.Errorf("unknown name: %v", err)
	}
	_, err = r.Resolve(ctx, filepath.Join(dir, "ladders"))
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
	_, err = r.Resolve(ctx, "ladders/missing.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "ladders/missing.yaml: no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestResolveSeveralLaddersInAFile(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "both.yaml", named("eng")+"---\n"+named("data"))
	ctx := context.Background()
	_, err := (&Resolver{}).Resolve(ctx, file)
	if err == nil || !strings.Contains(err.Error(), "holds 2 ladders (eng, data); choose one with --ladder NAME") {
		t.Errorf("no --ladder: %v", err)
	}
	src, err := (&Resolver{Ladder: "data"}).Resolve(ctx, file)
	if err != nil || src.Name() != "data" {
		t.Errorf("--ladder data: %+v, %v", src, err)
	}
	_, err = (&Resolver{Ladder: "dat"}).Resolve(ctx, file)
	if err == nil || !strings.Contains(err.Error(), `holds no ladder of that name; did you mean "data"? (it holds eng, data)`) {
		t.Errorf("--ladder dat: %v", err)
	}
}

func TestResolveLoadErrors(t *testing.T) {
	dir := t.TempDir()
	file := write(t, dir, "bad.yaml", strings.Replace(small, "grade: 1\n", "grade: one\n", 1))
	_, err := (&Resolver{}).Resolve(context.Background(), file)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].File != file || list[0].Line != 17 || list[0].Column == 0 {
		t.Fatalf("error = %#v", err)
	}
	if !strings.HasPrefix(err.Error(), file+":17:") {
		t.Errorf("error = %v, want file:line:col: message", err)
	}
	// A broken ladder asked for by name: its own load findings, not "no ladder named".
	_, err = (&Resolver{Paths: []string{dir}}).Resolve(context.Background(), "small")
	if !errors.As(err, &list) || !strings.Contains(err.Error(), "bad.yaml:17:") {
		t.Errorf("by name: %v", err)
	}
}

func TestSplitRef(t *testing.T) {
	for in, want := range map[string]string{
		"main:ladders/a.yaml":         "main ladders/a.yaml",
		"origin/main:a.yaml":          "origin/main a.yaml",
		"HEAD~1:a.yaml":               "HEAD~1 a.yaml",
		`C:\ladders\a.yaml`:           "",
		"C:/ladders/a.yaml":           "",
		":a.yaml":                     "",
		"acme-engineering":            "",
		"v1.2:ladders/with:colon.yml": "v1.2 ladders/with:colon.yml",
	} {
		ref, p, ok := splitRef(in)
		got := ""
		if ok {
			got = ref + " " + p
		}
		if got != want {
			t.Errorf("splitRef(%q) = %q, want %q", in, got, want)
		}
	}
}

// gitRepo makes a repository whose first commit has the small ladder and whose working tree
// has it with a raised band.
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	write(t, dir, "ladders/small.yaml", small)
	git("add", ".")
	git("commit", "-q", "-m", "one")
	write(t, dir, "ladders/small.yaml", strings.Replace(small, "max: 160000", "max: 176000", 1))
	return dir
}

func TestResolveGit(t *testing.T) {
	dir := gitRepo(t)
	ctx := context.Background()
	r := &Resolver{Dir: dir}
	src, err := r.Resolve(ctx, "main:ladders/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if src.File != "main:ladders/small.yaml" || src.Ref != "main" || src.Path != "ladders/small.yaml" || len(src.Commit) != 40 {
		t.Errorf("source = %+v", src)
	}
	if got := src.Doc.Spec.Tracks[1].Levels[1].Pay.Max; got != 160000 {
		t.Errorf("M3 max at main = %v, want the committed 160000", got)
	}

	_, err = r.Resolve(ctx, "nope:ladders/small.yaml")
	if err == nil || !strings.Contains(err.Error(), `the git ref "nope" does not exist`) {
		t.Errorf("missing ref: %v", err)
	}
	_, err = r.Resolve(ctx, "main:ladders/gone.yaml")
	if err == nil || !strings.Contains(err.Error(), "ladders/gone.yaml does not exist at") {
		t.Errorf("missing path: %v", err)
	}

	now, err := r.Resolve(ctx, filepath.Join(dir, "ladders", "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	before, err := r.AtRef(ctx, now, "main")
	if err != nil {
		t.Fatal(err)
	}
	if before.File != "main:ladders/small.yaml" {
		t.Errorf("base file %q", before.File)
	}
	v := CompareBase(before, now)
	if c := v.Grades[2].Changes; len(c) != 1 || c[0].Kind != ChangePay || c[0].Level != "M3" || c[0].Change.Max != 0.1 {
		t.Errorf("grade 3 changes %+v", c)
	}
	if _, err := r.AtRef(ctx, now, "nope"); err == nil {
		t.Error("AtRef with a missing ref succeeded")
	}
	outside := parse(t, filepath.Join(t.TempDir(), "x.yaml"), small)
	if _, err := r.AtRef(ctx, outside, "main"); err == nil || !strings.Contains(err.Error(), "outside the git repository") {
		t.Errorf("AtRef of a file outside: %v", err)
	}
}
