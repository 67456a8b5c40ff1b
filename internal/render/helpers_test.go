package render

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// repoRoot is the repository, seen from this package's directory, where go test runs.
const repoRoot = "../.."

// examples are the repository's example ladders: the healthy ones users copy and the
// unhealthy one the README lints.
func examples(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, "ladders", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example ladders in %s/ladders (%v)", repoRoot, err)
	}
	return append(files, filepath.Join(repoRoot, "docs", "examples", "unhealthy.yaml"))
}

// judged loads a ladder file and judges it with the built-in rules, as render does with no
// config.
func judged(t *testing.T, file string) *Ladder {
	t.Helper()
	src, err := (&compare.Resolver{}).Resolve(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	return judge(t, src)
}

func judge(t *testing.T, src *compare.Source) *Ladder {
	t.Helper()
	now := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	res, found := check.One(context.Background(), check.Settings{Config: &config.Config{Dir: "."}, Builtin: true, Now: now}, src.Loaded, false)
	if len(res.Problems) > 0 {
		t.Fatalf("judging %s: %v", src.File, res.Problems)
	}
	return &Ladder{Source: src, Findings: found, Rules: res.Rules}
}

// parse reads a ladder written in a test.
func parse(t *testing.T, yaml string) *Ladder {
	t.Helper()
	ls, problems := ladder.Parse("test.yaml", []byte(yaml))
	for _, p := range problems {
		t.Fatalf("test ladder does not load: %d:%d: %s", p.Line, p.Column, p.Message)
	}
	if len(ls) != 1 {
		t.Fatalf("test ladder: %d ladders", len(ls))
	}
	src, err := compare.NewSource(ls[0], "", "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return judge(t, src)
}

func render(t *testing.T, l *Ladder, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, l, format); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
