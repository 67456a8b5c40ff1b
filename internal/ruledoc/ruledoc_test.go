package ruledoc

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
)

var update = flag.Bool("update", false, "rewrite docs/rules/ from the rules' METADATA")

const dir = "../../docs/rules"

// The pages under docs/rules/ are what the METADATA says: a page that is stale, missing or
// left over from a removed rule fails, and -update rewrites them.
func TestPagesAreCurrent(t *testing.T) {
	rules, err := Builtin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"README.md": Index(rules)}
	for _, r := range rules {
		want[finding.DocsFile(r.ID)] = Page(r)
	}
	if *update {
		if err := os.MkdirAll(dir, 0o777); err != nil {
			t.Fatal(err)
		}
		old, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, f := range old {
			if _, ok := want[filepath.Base(f)]; !ok {
				if err := os.Remove(f); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, page := range want {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(page), 0o666); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for name, page := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("docs/rules/%s is missing: run go test ./internal/ruledoc -update", name)
			continue
		}
		if string(got) != page {
			t.Errorf("docs/rules/%s is stale: run go test ./internal/ruledoc -update", name)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		if _, ok := want[filepath.Base(f)]; !ok {
			t.Errorf("docs/rules/%s is no rule's page: run go test ./internal/ruledoc -update", filepath.Base(f))
		}
	}
}

// Every built-in rule's page has each part, and its address is the one SARIF and policy
// show give.
func TestEveryPageHasEveryPart(t *testing.T) {
	rules, err := Builtin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) < 20 {
		t.Fatalf("%d built-in rules", len(rules))
	}
	for _, r := range rules {
		page := Page(r)
		for _, part := range []string{"## What it checks", "## Why it matters", "## An example that breaks it", "## How to fix it", "## Params", "## Turning it down"} {
			if !strings.Contains(page, "\n"+part+"\n") {
				t.Errorf("%s: the page has no %q", r.ID, part)
			}
		}
		if !strings.HasSuffix(r.DocsURL(), "/docs/rules/"+finding.DocsFile(r.ID)) {
			t.Errorf("%s: DocsURL %q", r.ID, r.DocsURL())
		}
	}
	i := slices.IndexFunc(rules, func(r finding.Rule) bool { return r.ID == "parity/pay" })
	if page := Page(rules[i]); !strings.Contains(page, "| `parity_pay_tolerance` | `0.1` | higher |") {
		t.Errorf("parity/pay's params:\n%s", page)
	}
}
