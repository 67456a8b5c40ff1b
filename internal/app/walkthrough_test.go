package app_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeWalkthrough returns the README's walk-through: what lies between its
// `<!-- walkthrough: ... -->` and `<!-- /walkthrough -->` marks, under the heading given.
func readmeWalkthrough(t *testing.T, heading string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README.md has no section %q", heading)
	}
	_, rest, ok = strings.Cut(rest, "\n<!-- walkthrough:")
	if !ok {
		t.Fatalf("README.md's section %q has no <!-- walkthrough: mark", heading)
	}
	walk, _, ok := strings.Cut(rest, "\n<!-- /walkthrough -->\n")
	if !ok {
		t.Fatalf("README.md's walk-through under %q has no <!-- /walkthrough --> mark", heading)
	}
	return walk
}

// fenced returns the bodies of the section's code blocks of a language.
func fenced(section, lang string) []string {
	var out []string
	for _, m := range regexp.MustCompile("(?s)```"+lang+"\n(.*?)```").FindAllStringSubmatch(section, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestReadmeWalkthrough keeps the README's "One policy for many repositories" true: each
// command it shows is run by testdata/script/registry_walkthrough.txtar (against a registry
// on 127.0.0.1 in place of ghcr.io), and its Renovate custom manager finds the pinned
// reference, in the README's config and in the script's, with the tag and the digest it
// must bump.
func TestReadmeWalkthrough(t *testing.T) {
	section := readmeWalkthrough(t, "### One policy for many repositories")
	scriptData, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "script", "registry_walkthrough.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	script := string(scriptData)
	var commands int
	for _, block := range fenced(section, "console") {
		for _, line := range strings.Split(block, "\n") {
			cmd, ok := strings.CutPrefix(line, "$ ")
			if !ok {
				continue
			}
			cmd, _, _ = strings.Cut(cmd, " #")
			cmd = strings.ReplaceAll(strings.TrimSpace(cmd), "ghcr.io", "$REGISTRY")
			commands++
			run := regexp.MustCompile(`(?m)^(exec|exitcode \d) ` + regexp.QuoteMeta(cmd) + `$`)
			if !run.MatchString(script) {
				t.Errorf("the README's walk-through runs %q, which registry_walkthrough.txtar does not", cmd)
			}
		}
	}
	if commands < 5 {
		t.Errorf("the walk-through shows %d commands; the section was not read right", commands)
	}

	blocks := fenced(section, "json")
	if len(blocks) != 1 {
		t.Fatalf("the walk-through has %d JSON blocks, want the Renovate config", len(blocks))
	}
	var renovate struct {
		CustomManagers []struct {
			CustomType          string
			ManagerFilePatterns []string
			MatchStrings        []string
			DatasourceTemplate  string
		}
	}
	if err := json.Unmarshal([]byte(blocks[0]), &renovate); err != nil {
		t.Fatalf("the Renovate config is not JSON: %v", err)
	}
	if len(renovate.CustomManagers) != 1 || len(renovate.CustomManagers[0].MatchStrings) != 1 || len(renovate.CustomManagers[0].ManagerFilePatterns) != 1 {
		t.Fatalf("the Renovate config has not one manager with one file pattern and one match: %+v", renovate)
	}
	m := renovate.CustomManagers[0]
	if m.CustomType != "regex" || m.DatasourceTemplate != "docker" {
		t.Errorf("custom manager %+v, want a regex one over the docker datasource", m)
	}
	files := regexp.MustCompile(strings.Trim(m.ManagerFilePatterns[0], "/"))
	for name, want := range map[string]bool{".ladderctl.yaml": true, "teams/.ladderctl.yaml": true, "x.ladderctl.yaml": false, ".ladderctl.yaml.bak": false} {
		if files.MatchString(name) != want {
			t.Errorf("managerFilePatterns %q matches %s: %v", m.ManagerFilePatterns[0], name, !want)
		}
	}
	match := regexp.MustCompile(m.MatchStrings[0]) // Renovate's RE2 and Go's read (?<name>) alike
	digest := "sha256:" + strings.Repeat("5f0c", 16)
	yamls := fenced(section, "yaml")
	if len(yamls) != 1 {
		t.Fatalf("the walk-through has %d YAML blocks, want the config", len(yamls))
	}
	_, pinned, _ := strings.Cut(script, "-- pinned.yaml --\n")
	pinned, _, _ = strings.Cut(pinned, "\n-- ")
	for _, c := range []struct{ config, dep string }{
		{strings.ReplaceAll(yamls[0], "sha256:5f0c…", digest), "ghcr.io/acme/ladder-policies"},
		{strings.NewReplacer("$REGISTRY", "127.0.0.1:5000", "$DIGEST", digest).Replace(pinned), "127.0.0.1:5000/acme/ladder-policies"},
	} {
		got := match.FindStringSubmatch(c.config)
		if got == nil {
			t.Errorf("the Renovate match finds nothing in:\n%s", c.config)
			continue
		}
		want := map[string]string{"depName": c.dep, "currentValue": "v1.4.0", "currentDigest": digest}
		for name, w := range want {
			if g := got[match.SubexpIndex(name)]; g != w {
				t.Errorf("Renovate's %s = %q in %q, want %q", name, g, c.config, w)
			}
		}
	}
}
