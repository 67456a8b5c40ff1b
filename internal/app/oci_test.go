package app_test

import (
	"encoding/json"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/registry"

	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/ladderctl/ladderctl/internal/policysource/policysourcetest"
)

const packRule = `package acme.everyone

import rego.v1

# METADATA
# title: Judged by the pack
# custom:
#   id: acme/pack
#   severity: error
deny_all contains msg if {
	msg := sprintf("%s is judged by the pack", [input.metadata.name])
}
`

// TestPolicyPackFromRegistry publishes a pack to a registry on 127.0.0.1, pulls it, lints
// by it by tag and, with the registry gone, by digest from the cache.
func TestPolicyPackFromRegistry(t *testing.T) {
	// The cache and the docker config are the test's own, never the machine's.
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "everyone.rego"), []byte(packRule), 0o644); err != nil {
		t.Fatal(err)
	}
	ladder := example(t, "docs/examples/unhealthy.yaml")
	tag := "oci://" + host + "/pack:v1"

	r := runApp(t, false, nil, "policy", "push", dir, tag)
	digest := strings.TrimSpace(r.stdout)
	if r.code != 0 || !strings.HasPrefix(digest, "sha256:") {
		t.Fatalf("push: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runApp(t, false, nil, "policy", "pull", tag)
	want := filepath.Join(os.Getenv("XDG_CACHE_HOME"), "ladderctl", "packs", strings.Replace(digest, ":", "-", 1))
	if r.code != 0 || strings.TrimSpace(r.stdout) != want {
		t.Errorf("pull: exit %d, stdout %q (want %s), stderr %q", r.code, r.stdout, want, r.stderr)
	}

	r = runApp(t, false, nil, "lint", "--no-builtin", "-p", tag, ladder)
	if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "is judged by the pack") {
		t.Errorf("lint by tag: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if line := "Policy pack " + tag + " is " + digest + ".\n"; !strings.Contains(r.stdout, line) {
		t.Errorf("lint's text report lacks %q:\n%s", line, r.stdout)
	}
	r = runApp(t, false, nil, "lint", "--no-builtin", "-p", tag, "-o", "json", ladder)
	var rep struct {
		Summary struct {
			Packs []struct{ Ref, Digest string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Summary.Packs) != 1 ||
		rep.Summary.Packs[0].Ref != tag || rep.Summary.Packs[0].Digest != digest {
		t.Errorf("lint's JSON summary packs = %+v (%v), want %s at %s", rep.Summary.Packs, err, tag, digest)
	}

	wrong := "oci://" + host + "/pack@sha256:" + strings.Repeat("0", 64)
	r = runApp(t, false, nil, "lint", "--no-builtin", "-p", wrong, ladder)
	if r.code != cli.ExitIncomplete || !strings.Contains(r.stderr, wrong) || strings.Contains(r.stdout, "judged by the pack") {
		t.Errorf("lint by a wrong digest: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	srv.Close() // from now on, only the cache can answer
	pinned := "oci://" + host + "/pack@" + digest
	r = runApp(t, false, nil, "lint", "--no-builtin", "-p", pinned, ladder)
	if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "is judged by the pack") {
		t.Errorf("lint offline by digest: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// A pack published by `conftest push` (package main, deny and warn rules, a data document
// beside them, titles as conftest gives them) is linted by as it is: its findings, and the
// digest conftest published, in the report.
func TestLintByConftestPack(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	digest := policysourcetest.ConftestPush(t, host, "acme/conftest-policies:v1", map[string]string{
		"policy/ladders.rego": `package main

import rego.v1

deny contains msg if {
	input.kind == "Ladder"
	msg := sprintf("%s is judged by conftest's pack", [input.metadata.name])
}

warn contains msg if {
	not input.metadata.reviewed_by
	msg := sprintf("%s names no reviewer", [input.metadata.name])
}
`,
		"policy/data.json": `{"owners": []}`,
	})
	ladder := example(t, "docs/examples/unhealthy.yaml")
	ref := "oci://" + host + "/acme/conftest-policies:v1"
	r := runApp(t, false, nil, "lint", "--no-builtin", "-p", ref, ladder)
	if r.code != cli.ExitFindings || !strings.Contains(r.stdout, "error main/deny: ") || !strings.Contains(r.stdout, "is judged by conftest's pack") ||
		!strings.Contains(r.stdout, "warning main/warn: ") {
		t.Errorf("lint by conftest's pack: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if line := "Policy pack " + ref + " is " + digest + ".\n"; !strings.Contains(r.stdout, line) {
		t.Errorf("lint's text report lacks %q:\n%s", line, r.stdout)
	}
}
