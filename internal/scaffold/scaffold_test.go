package scaffold

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/schema"
)

// repoRoot is the repository, seen from this package's directory, where go test runs.
const repoRoot = "../.."

// tree reads every file under dir, by slash path, to compare a directory before and after.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteIntoEmptyDir(t *testing.T) {
	dir := t.TempDir()
	res, err := Write(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := Files()
	if len(res.Written) != len(files) || len(res.Overwritten) != 0 {
		t.Fatalf("wrote %d files (%d overwritten), want %d", len(res.Written), len(res.Overwritten), len(files))
	}
	for _, f := range files {
		got, err := os.ReadFile(Target(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, f.Content) {
			t.Errorf("%s holds other bytes than Files says", f.Path)
		}
		if f.About == "" {
			t.Errorf("%s says nothing of what it is", f.Path)
		}
	}
}

// TestWrittenRepositoryIsGreen: right after init, lint finds nothing (the built-in rules and
// the example policy, as the config says) and the policy tests pass.
func TestWrittenRepositoryIsGreen(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, false); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(dir, ConfigFile))
	if err != nil {
		t.Fatalf("the config does not load: %v", err)
	}
	if len(cfg.Ladders) != 1 || len(cfg.Policies) != 1 || cfg.FailOn != "error" || len(cfg.Params) != 0 {
		t.Errorf("config = %+v", cfg)
	}
	s := check.FromConfig(cfg)
	s.Timeout, s.Now = time.Minute, time.Now()
	dirs := s.Policies
	res := check.Run(context.Background(), s, check.Scope{})
	if len(res.Problems) > 0 || len(res.Warnings) > 0 {
		t.Fatalf("the check is not clean: %v %v", res.Problems, res.Warnings)
	}
	if len(res.Set.Ladders) != 1 || res.Set.Ladders[0].Name != LadderName {
		t.Fatalf("loaded %d ladders", len(res.Set.Ladders))
	}
	for _, f := range res.Outcome.Findings {
		t.Errorf("finding on the starter ladder: %s %s", f.Rule, f.Message)
	}
	found := false
	for _, r := range res.Rules {
		found = found || r.ID == "acme/no-joke-titles"
	}
	if !found {
		t.Errorf("the example policy is not in force: %v", res.Rules)
	}

	tests, err := policy.RunTests(context.Background(), policy.TestOptions{Builtin: true, Dirs: dirs})
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) < 3 {
		t.Errorf("ran %d tests", len(tests))
	}
	for _, r := range tests {
		if !r.Passed {
			t.Errorf("%s:%d %s failed: %s%s", r.File, r.Line, r.Name, r.Error, r.Output)
		}
	}
}

// TestExamplePolicyFires: the example policy finds a joke title, with its level and path.
func TestExamplePolicyFires(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, false); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, filepath.FromSlash(LadderFile))
	b, _ := os.ReadFile(p)
	b = bytes.Replace(b, []byte("title: Software Engineer II"), []byte("title: Rockstar Developer"), 1)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	res := check.Run(context.Background(), check.Settings{
		Config:   &config.Config{Dir: dir},
		Paths:    []string{p},
		Policies: []string{filepath.Join(dir, "policies")},
		Timeout:  time.Minute,
		Now:      time.Now(),
	}, check.Scope{})
	if len(res.Outcome.Findings) != 1 {
		t.Fatalf("findings: %+v %v", res.Outcome.Findings, res.Problems)
	}
	f := res.Outcome.Findings[0]
	if f.Rule != "acme/no-joke-titles" || f.Level != "SE2" || f.Path != "spec.tracks[0].levels[1].title" || !strings.Contains(f.Message, `"rockstar"`) {
		t.Errorf("finding = %+v", f)
	}
}

func TestStarterLadderFitsTheSchema(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	var lad, sch []byte
	for _, f := range files {
		switch f.Path {
		case LadderFile:
			lad = f.Content
		case SchemaFile:
			sch = f.Content
		}
	}
	want, _ := schema.JSON()
	if !bytes.Equal(sch, want) {
		t.Error("the schema file is not the schema")
	}
	// The modeline points at the schema file, relative to the ladder.
	first, _, _ := strings.Cut(string(lad), "\n")
	ref, ok := strings.CutPrefix(first, "# yaml-language-server: $schema=")
	if !ok {
		t.Fatalf("the ladder starts with %q, not a yaml-language-server modeline", first)
	}
	if got := filepath.ToSlash(filepath.Join(filepath.Dir(LadderFile), ref)); got != SchemaFile {
		t.Errorf("the modeline points at %s, not %s", got, SchemaFile)
	}

	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sch))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schema.ID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(schema.ID)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(lad, &v); err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("the starter ladder does not fit the schema: %v", err)
	}
	ls, problems := ladder.Parse(LadderFile, lad)
	if len(ls) != 1 || len(problems) > 0 {
		t.Errorf("the starter ladder does not load: %v", problems)
	}
	d, _ := ls[0].Document()
	count := map[string]int{}
	for _, tr := range d.Spec.Tracks {
		count[tr.Type] += len(tr.Levels)
	}
	if count[ladder.Shared] != 3 || count[ladder.IC] != 3 || count[ladder.Management] != 3 {
		t.Errorf("the starter has %v levels by track type; keep it short and as Files describes it: 3 shared, then 3 IC and 3 management", count)
	}
	// Most users copy the starter: it shows the shape of most ladders, a shared trunk and two
	// branches from its top level.
	if len(d.Spec.Tracks) != 3 || d.Spec.Tracks[0].Type != ladder.Shared {
		t.Fatalf("the starter does not begin with a shared track: %+v", d.Spec.Tracks)
	}
	trunk := d.Spec.Tracks[0].Levels
	for _, tr := range d.Spec.Tracks[1:] {
		if tr.From != trunk[len(trunk)-1].ID {
			t.Errorf("the %s track branches from %q, not from the top of the shared track, %s", tr.ID, tr.From, trunk[len(trunk)-1].ID)
		}
	}
}

// TestWorkflowIsTheRepositorys: the workflow init writes is the one the repository runs and
// actionlints; refresh it with go generate ./internal/scaffold/.
func TestWorkflowIsTheRepositorys(t *testing.T) {
	for _, name := range []string{"ladders.yml", "ladders-comment.yml"} {
		want, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", name))
		if err != nil {
			t.Fatal(err)
		}
		if got := must(name); !bytes.Equal(got, want) {
			t.Errorf("files/%s differs from .github/workflows/%s; run go generate ./internal/scaffold/", name, name)
		}
	}
}

// TestRegoIsFormatted: the example policy is Rego v1, opa fmt-clean, with METADATA.
func TestRegoIsFormatted(t *testing.T) {
	for _, name := range []string{"titles.rego", "titles_test.rego"} {
		src := must(name)
		got, err := format.SourceWithOpts(name, src, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, src) {
			t.Errorf("%s is not opa fmt-clean:\n%s", name, got)
		}
	}
	m, err := ast.ParseModuleWithOpts("titles.rego", string(must("titles.rego")), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Annotations) == 0 || m.Annotations[0].Custom["id"] != "acme/no-joke-titles" || m.Annotations[0].Custom["severity"] != "error" {
		t.Errorf("the example rule's METADATA lacks custom.id or custom.severity: %+v", m.Annotations)
	}
}

func TestNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "policies"), 0o777); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "policies", "titles.rego")
	if err := os.WriteFile(mine, []byte("package mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte("fail-on: warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dir)
	_, err := Write(dir, false)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %v, want two problems", err)
	}
	if list[0].File != filepath.Join(dir, ConfigFile) || list[1].File != mine || !strings.Contains(list[0].Error(), "already exists") || !strings.Contains(list[0].Error(), "--force") {
		t.Errorf("problems = %v", list)
	}
	after := tree(t, dir)
	if len(before) != len(after) {
		t.Errorf("init changed the directory: before %v, after %v", before, after)
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("init changed %s", k)
		}
	}

	res, err := Write(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Overwritten, ",") != ConfigFile+","+PolicyFile {
		t.Errorf("overwritten = %v", res.Overwritten)
	}
	if b, _ := os.ReadFile(mine); !bytes.Equal(b, must("titles.rego")) {
		t.Error("--force did not overwrite")
	}
}

func TestRefusesWhatItCannotWrite(t *testing.T) {
	t.Run("a parent is a file", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "policies"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Write(dir, true)
		var list diag.List
		if !errors.As(err, &list) || len(list) != 1 || list[0].File != filepath.Join(dir, "policies") {
			t.Fatalf("err = %v", err)
		}
		if len(tree(t, dir)) != 2 { // the directory and the file
			t.Errorf("init wrote something: %v", tree(t, dir))
		}
	})
	t.Run("a target is a directory", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, SchemaFile), 0o777); err != nil {
			t.Fatal(err)
		}
		_, err := Write(dir, true)
		if err == nil || !strings.Contains(err.Error(), "is a directory") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("the directory is a file", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "x")
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Write(f, false); err == nil || !strings.Contains(err.Error(), "not a directory") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a new directory is created", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "new", "repo")
		if _, err := Write(dir, false); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, WorkflowFile)); err != nil {
			t.Fatal(err)
		}
	})
}
