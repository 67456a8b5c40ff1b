package app_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"go.yaml.in/yaml/v3"
)

// pinnedUses is an action pinned to a commit: a tag can be moved to other code, a commit
// cannot. The tag it stands for is kept in a comment for people, and for updates.
var (
	pinnedUses = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$`)
	tagComment = regexp.MustCompile(`^# v\d+(\.\d+)*$`)
)

// TestActionsArePinned: every uses: of the workflows and of the Action is pinned to a full
// commit SHA, with its tag in a comment beside it.
func TestActionsArePinned(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join(repoRoot, "action.yml"))
	if len(files) < 4 {
		t.Fatalf("found only %v", files)
	}
	total := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		eachUses(&doc, func(v *yaml.Node) {
			total++
			if !pinnedUses.MatchString(v.Value) {
				t.Errorf("%s:%d: uses: %s is not pinned to a full commit SHA", f, v.Line, v.Value)
			}
			if !tagComment.MatchString(v.LineComment) {
				t.Errorf("%s:%d: uses: %s has no comment naming its tag (# v1.2.3), but %q", f, v.Line, v.Value, v.LineComment)
			}
		})
	}
	if total < 8 {
		t.Errorf("only %d uses: found; the walk misses some", total)
	}
}

// eachUses calls fn with the value of every uses: key in a YAML document.
func eachUses(n *yaml.Node, fn func(*yaml.Node)) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "uses" && n.Content[i+1].Kind == yaml.ScalarNode {
				fn(n.Content[i+1])
			}
		}
	}
	for _, c := range n.Content {
		eachUses(c, fn)
	}
}
