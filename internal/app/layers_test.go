package app_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLayers guards the one-way flow of docs/architecture.md: files -> ladder -> check ->
// findings -> views -> streams. A new import against it fails here, not in review.
func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", filepath.Join(repoRoot, "...")).Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const mod = "github.com/ladderctl/ladderctl/"
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		imports[strings.TrimPrefix(fields[0], mod)] = fields[1:]
	}
	if len(imports) < 10 {
		t.Fatalf("go list found only %d packages", len(imports))
	}
	forbid := func(pkg, why string, banned func(string) bool) {
		for _, imp := range imports[pkg] {
			if banned(imp) {
				t.Errorf("%s imports %s: %s", pkg, imp, why)
			}
		}
	}
	for pkg := range imports {
		if !strings.HasPrefix(pkg, "internal/") || strings.HasPrefix(pkg, "internal/cmd/") ||
			pkg == "internal/app" || strings.HasPrefix(pkg, "internal/cli") {
			continue
		}
		forbid(pkg, "domain packages know nothing of the command line", func(imp string) bool {
			return strings.HasPrefix(imp, "github.com/spf13/") || imp == mod+"internal/app" ||
				strings.HasPrefix(imp, mod+"internal/cli") || strings.HasPrefix(imp, mod+"internal/cmd/")
		})
	}
	forbid("internal/ladder", "the model is below judging and printing", func(imp string) bool {
		return imp == mod+"internal/report" || imp == mod+"internal/policy" || imp == mod+"internal/check"
	})
	forbid("internal/check", "views are over a check's result, never inside it", func(imp string) bool {
		for _, view := range []string{"report", "compare", "render", "change", "output"} {
			if imp == mod+"internal/"+view {
				return true
			}
		}
		return false
	})
	forbid("internal/finding", "the shared model depends on no other package of ladderctl", func(imp string) bool {
		return strings.HasPrefix(imp, mod)
	})
}
