package safefile

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Each file a walk lists comes with its real path: absolute and with links resolved,
// whether the link is the file, a directory on the way, or the root itself, so that two
// paths to one file are known to be one.
func TestWalkRealPaths(t *testing.T) {
	tmp := t.TempDir()
	top, err := filepath.EvalSymlinks(tmp) // the temporary directory may itself lie behind a link
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(top, "repo")
	for _, dir := range []string{"ladders/team", "ladders/.hidden"} {
		if err := os.MkdirAll(filepath.Join(repo, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"ladders/a.yaml", "ladders/team/b.yaml", "ladders/notes.txt", "ladders/.hidden/h.yaml"} {
		if err := os.WriteFile(filepath.Join(repo, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ladders := filepath.Join(repo, "ladders")
	links := map[string]string{
		filepath.Join(ladders, "current.yaml"): "a.yaml",       // a file link
		filepath.Join(ladders, "squad"):        "team",         // a directory link: team again
		filepath.Join(top, "root"):             "repo/ladders", // the root walked is itself a link
		// An absolute target inside the root, seen from the relative root "root".
		filepath.Join(ladders, "abs.yaml"): filepath.Join(ladders, "team", "b.yaml"),
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(top)

	got, err := Walk(context.Background(), "root", func(p string) bool { return strings.HasSuffix(p, ".yaml") })
	if err != nil {
		t.Fatal(err)
	}
	// squad comes first and is team: team is not walked again.
	wantFiles := []string{"root/a.yaml", "root/abs.yaml", "root/current.yaml", "root/squad/b.yaml"}
	real := func(f string) string { return filepath.Join(ladders, f) }
	wantReal := []string{real("a.yaml"), real("team/b.yaml"), real("a.yaml"), real("team/b.yaml")}
	if !reflect.DeepEqual(got.Files, wantFiles) || !reflect.DeepEqual(got.Real, wantReal) || len(got.Skips) != 0 {
		t.Errorf("Walk = files %q, real %q, skips %v; want files %q, real %q", got.Files, got.Real, got.Skips, wantFiles, wantReal)
	}
}
