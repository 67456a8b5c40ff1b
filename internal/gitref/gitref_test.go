package gitref

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repo makes a repository with two commits on main and one on a branch.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(p, s string) {
		t.Helper()
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write("ladders/a.yaml", "one\n")
	git("add", ".")
	git("commit", "-q", "-m", "one")
	git("tag", "v1")
	write("ladders/a.yaml", "two\n")
	write("policies/p.rego", "package p\n")
	git("add", ".")
	git("commit", "-q", "-m", "two")
	git("checkout", "-q", "-b", "feature", "v1")
	write("ladders/b.yaml", "feature\n")
	git("add", ".")
	git("commit", "-q", "-m", "feature")
	return dir
}

func TestShowAndResolve(t *testing.T) {
	dir := repo(t)
	ctx := context.Background()
	r, err := Open(ctx, filepath.Join(dir, "ladders"))
	if err != nil {
		t.Fatal(err)
	}
	v1, err := r.Resolve(ctx, "v1")
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Show(ctx, v1, "ladders/a.yaml")
	if err != nil || string(got) != "one\n" {
		t.Fatalf("Show = %q, %v", got, err)
	}
	main, _ := r.Resolve(ctx, "main")
	if got, _ := r.Show(ctx, main, "./ladders/a.yaml"); string(got) != "two\n" {
		t.Errorf("Show at main = %q", got)
	}
	if _, err := r.Show(ctx, v1, "ladders/nope.yaml"); err == nil || !strings.Contains(err.Error(), "does not exist at") {
		t.Errorf("missing path: %v", err)
	}
	for _, bad := range []string{"nope", "--output=/tmp/x", ""} {
		if _, err := r.Resolve(ctx, bad); err == nil {
			t.Errorf("Resolve(%q) succeeded", bad)
		}
	}
}

func TestMergeBase(t *testing.T) {
	dir := repo(t)
	ctx := context.Background()
	r, _ := Open(ctx, dir)
	head, _ := r.Resolve(ctx, "HEAD")
	main, _ := r.Resolve(ctx, "main")
	v1, _ := r.Resolve(ctx, "v1")
	base, err := r.MergeBase(ctx, head, main)
	if err != nil || base != v1 {
		t.Errorf("MergeBase = %s, %v; want v1 %s", base, err, v1)
	}
}

func TestExport(t *testing.T) {
	dir := repo(t)
	ctx := context.Background()
	r, _ := Open(ctx, dir)
	main, _ := r.Resolve(ctx, "main")
	out := t.TempDir()
	if err := r.Export(ctx, main, out, "ladders", "policies", "missing"); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"ladders/a.yaml": "two\n", "policies/p.rego": "package p\n"} {
		if got, err := os.ReadFile(filepath.Join(out, p)); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v", p, got, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "ladders", "b.yaml")); err == nil {
		t.Error("a file of another branch was exported")
	}
}

func TestOpenOutsideARepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	if _, err := Open(context.Background(), dir); err == nil || !strings.Contains(err.Error(), "not inside a git repository") {
		t.Errorf("err = %v", err)
	}
}
