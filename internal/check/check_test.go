package check

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/policysource"
	"github.com/ladderctl/ladderctl/internal/synth"
)

// Judging ladders as they load (and dropping their values) finds exactly what judging them
// all after loading finds, in the same order.
func TestStreamingFindsWhatLoadingFirstFinds(t *testing.T) {
	dir := t.TempDir()
	if err := synth.WriteDir(dir, 60, 7); err != nil {
		t.Fatal(err)
	}
	// A policy that reads data.ladders makes the engine load every ladder first.
	all := t.TempDir()
	if err := os.WriteFile(filepath.Join(all, "all.rego"), []byte("package acme.all\n\nimport rego.v1\n\nwarn contains \"many\" if count(data.ladders) > 100\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	streamed := Run(context.Background(), Settings{Config: &config.Config{}, Paths: []string{dir}, Builtin: true, Now: now}, Scope{Release: true})
	loaded := Run(context.Background(), Settings{Config: &config.Config{}, Paths: []string{dir}, Builtin: true, Policies: []string{all}, Now: now}, Scope{})
	if len(streamed.Problems) > 0 || len(loaded.Problems) > 0 {
		t.Fatalf("problems: %v %v", streamed.Problems, loaded.Problems)
	}
	if len(streamed.Findings) < 20 {
		t.Fatalf("only %d findings on ladders a third of which break parity", len(streamed.Findings))
	}
	if !reflect.DeepEqual(streamed.Findings, loaded.Findings) {
		t.Errorf("streamed findings differ from loaded ones:\n%v\n%v", streamed.Findings, loaded.Findings)
	}
	if streamed.Set.Ladders[0].Value != nil || loaded.Set.Ladders[0].Value == nil || streamed.Set.Ladders[0].NamePos.Line != 4 {
		t.Error("Release should drop values, and only when asked")
	}
}

// A run that checks nothing is incomplete, unless its scope allows it (the base of a change
// that adds the first ladders); either way Unchecked says why.
func TestNothingCheckedIsAProblem(t *testing.T) {
	empty := t.TempDir()
	s := Settings{Config: &config.Config{}, Paths: []string{empty}, Builtin: true}
	res := Run(context.Background(), s, Scope{})
	if len(res.Unchecked) != 1 || len(res.Problems) != 1 || res.Complete() {
		t.Fatalf("unchecked %v, problems %v: want one of each", res.Unchecked, res.Problems)
	}
	res = Run(context.Background(), s, Scope{MayCheckNothing: true})
	if len(res.Unchecked) != 1 || len(res.Problems) != 0 {
		t.Fatalf("unchecked %v, problems %v: want it unchecked, with no problem", res.Unchecked, res.Problems)
	}
}

// A path under the repository that a link takes out of it is refused as a load error; the
// same path is read when no repository is set (it was named on the command line).
func TestPathsStayInTheRepository(t *testing.T) {
	repo, outside := t.TempDir(), t.TempDir()
	if err := synth.WriteDir(outside, 1, 1); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(repo, "ladders")
	if err := os.Symlink(outside, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	s := Settings{Config: &config.Config{}, Paths: []string{link}, Builtin: true, Repository: repo}
	res := Run(context.Background(), s, Scope{})
	if len(res.Set.Ladders) != 0 || len(res.Findings) != 1 || !res.Findings[0].IsLoadError() {
		t.Fatalf("ladders %d, findings %v: want the link refused", len(res.Set.Ladders), res.Findings)
	}
	s.Repository = ""
	if res := Run(context.Background(), s, Scope{}); len(res.Set.Ladders) != 1 {
		t.Fatalf("ladders %d: want the link followed", len(res.Set.Ladders))
	}
}

// An error in a file of a pack names the file by the pack's reference and its path inside
// the pack, never by the cache's path.
func TestPackErrorsNameTheReference(t *testing.T) {
	cache := t.TempDir()
	if err := os.WriteFile(filepath.Join(cache, "broken.rego"), []byte("package acme.broken\n\ndeny contains x if {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ref := "oci://registry.example/acme/pack:v1"
	res := Run(context.Background(), Settings{
		Config: &config.Config{}, Paths: []string{t.TempDir()}, Builtin: true, Now: time.Now(),
		Policies: []string{cache}, Packs: []policysource.Pack{{Ref: ref, Dir: cache}},
	}, Scope{MayCheckNothing: true})
	if len(res.Problems) == 0 {
		t.Fatal("a broken policy gave no problem")
	}
	for _, p := range res.Problems {
		if p.File != ref+"//broken.rego" {
			t.Errorf("problem names %q, want %q: %v", p.File, ref+"//broken.rego", p)
		}
	}
}
