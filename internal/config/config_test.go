package config_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
)

// full holds every key of the example in the CLI spec, and a few more params, rules and
// waivers.
const full = `ladders: [ladders/]
policies: [policies/]
builtin: true
namespaces: ["*"]
fail-on: error
params:
  parity_pay_tolerance: 0.10
  maxICLevels: 9
  titles: [Engineer, Manager]
rules:
  bands/overlap: off
  parity/pay: warning
exceptions:
  - rule: parity/top-grade
    ladder: sales
    level: S7
    reason: Sales leadership track reviewed in Q3
    expires: 2027-06-30
  - {rule: naming/ic-titles, reason: "  legacy titles  "}
baseline: .ladderctl-baseline.json
`

func TestParseFull(t *testing.T) {
	c, err := config.Parse("conf/.ladderctl.yaml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	if c.File != "conf/.ladderctl.yaml" || c.Dir != "conf" {
		t.Errorf("File %q, Dir %q", c.File, c.Dir)
	}
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	check("Ladders", c.Ladders, []string{"ladders/"})
	check("Policies", c.Policies, []string{"policies/"})
	if c.Builtin == nil || !*c.Builtin {
		t.Errorf("Builtin = %v, want true", c.Builtin)
	}
	check("Namespaces", c.Namespaces, []string{"*"})
	check("FailOn", c.FailOn, "error")
	check("Baseline", c.Baseline, ".ladderctl-baseline.json")
	check("Params", c.Params, map[string]config.Param{
		"parity_pay_tolerance": {Value: 0.10, Line: 7, Column: 3},
		"maxICLevels":          {Value: 9, Line: 8, Column: 3}, // the name as written
		"titles":               {Value: []any{"Engineer", "Manager"}, Line: 9, Column: 3},
	})
	check("Rules", c.Rules, map[string]config.RuleSetting{
		"bands/overlap": {Severity: "off", Line: 11, Column: 3},
		"parity/pay":    {Severity: "warning", Line: 12, Column: 3},
	})
	expires := time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	check("Exceptions", c.Exceptions, []config.Exception{
		{Rule: "parity/top-grade", Ladder: "sales", Level: "S7", Reason: "Sales leadership track reviewed in Q3", Expires: &expires, Line: 14, Column: 5},
		{Rule: "naming/ic-titles", Reason: "legacy titles", Line: 19, Column: 5},
	})
	for _, k := range config.Keys {
		if !c.Has(k) {
			t.Errorf("Has(%q) = false", k)
		}
	}
}

func TestParseSparse(t *testing.T) {
	c, err := config.Parse(".ladderctl.yaml", []byte("# only the threshold\nfail-on: warning\nladders: ladders/\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "warning" || !reflect.DeepEqual(c.Ladders, []string{"ladders/"}) || c.Dir != "." {
		t.Errorf("config = %+v", c)
	}
	if c.Builtin != nil || c.Policies != nil || c.Exceptions != nil {
		t.Errorf("unset keys have values: %+v", c)
	}
	for _, k := range []string{"fail-on", "ladders"} {
		if !c.Has(k) {
			t.Errorf("Has(%q) = false", k)
		}
	}
	for _, k := range []string{"builtin", "policies", "exceptions", "params", "rules"} {
		if c.Has(k) {
			t.Errorf("Has(%q) = true for a key the file does not set", k)
		}
	}

	for _, src := range []string{"", "# nothing yet\n"} {
		c, err := config.Parse(".ladderctl.yaml", []byte(src))
		if err != nil || c.Has("fail-on") || c.FailOn != "" {
			t.Errorf("Parse(%q) = %+v, %v", src, c, err)
		}
	}
}

// diagList returns the entries of a diag.List error, failing the test for any other error.
func diagList(t *testing.T, err error) diag.List {
	t.Helper()
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T), want a diag.List", err, err)
	}
	return list
}

func dumpList(list diag.List) string {
	var b strings.Builder
	for _, e := range list {
		fmt.Fprintf(&b, "\n\t%d:%d %s", e.Line, e.Column, e.Message)
	}
	return b.String()
}

func entryAt(t *testing.T, list diag.List, line, col int, words ...string) *diag.Error {
	t.Helper()
	for _, e := range list {
		if e.Line != line || e.Column != col {
			continue
		}
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(e.Message, w)
		}
		if ok {
			return e
		}
	}
	t.Fatalf("no error at %d:%d saying %q; got:%s", line, col, words, dumpList(list))
	return nil
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int
		words     []string
	}{
		{"unknown key near miss", "ladders: [a]\nfail_on: error\n", 2, 1, []string{`unknown key "fail_on"`, `did you mean "fail-on"`}},
		{"singular exceptions", "exception:\n  - {rule: a, reason: b}\n", 1, 1, []string{`"exception"`, `did you mean "exceptions"`}},
		{"unknown key far off", "colour: always\n", 1, 1, []string{`unknown key "colour"`}},
		{"bad fail-on", "fail-on: sometimes\n", 1, 10, []string{"fail-on", `"sometimes"`, "error, warning, info, never"}},
		{"fail-on near miss", "fail-on: warnnig\n", 1, 10, []string{`"warnnig"`, `did you mean "warning"`}},
		{"fail-on a list", "fail-on: [error]\n", 1, 10, []string{"fail-on", "one of", "list"}},
		{"bad rule severity", "rules:\n  parity/pay: warning\n  bands/overlap: fatal\n", 3, 18, []string{"bands/overlap", `"fatal"`, "error, warning, info, off"}},
		{"rule severity a mapping", "rules:\n  bands/overlap: {severity: off}\n", 2, 18, []string{"bands/overlap", "mapping"}},
		{"rules a list", "rules: [bands/overlap]\n", 1, 8, []string{"rules", "mapping"}},
		{"duplicate key", "fail-on: error\nladders: [a]\nfail-on: never\n", 3, 1, []string{`duplicate key "fail-on"`, "line 1"}},
		{"duplicate param", "params:\n  tolerance: 0.1\n  tolerance: 0.2\n", 3, 3, []string{`duplicate param "tolerance"`}},
		{"duplicate rule", "rules:\n  bands/overlap: off\n  bands/overlap: info\n", 3, 3, []string{`duplicate rule "bands/overlap"`}},
		{"params a list", "params: [a]\n", 1, 9, []string{"params", "mapping"}},
		{"builtin not a boolean", "builtin: maybe\n", 1, 10, []string{"builtin", "true or false", `"maybe"`}},
		{"ladders a mapping", "ladders: {a: b}\n", 1, 10, []string{"ladders", "list"}},
		{"baseline empty", "baseline:\n", 1, 10, []string{"baseline", "empty"}},
		{"exceptions a mapping", "exceptions: {rule: a}\n", 1, 13, []string{"exceptions", "list"}},
		{"waiver text", "exceptions:\n  - parity/pay\n", 2, 5, []string{"waiver", "mapping"}},
		{"waiver without reason", "exceptions:\n  - rule: parity/pay\n    ladder: sales\n", 2, 5, []string{"reason"}},
		{"waiver with a blank reason", "exceptions:\n  - rule: parity/pay\n    reason: \"  \"\n", 2, 5, []string{"reason"}},
		{"waiver without rule", "exceptions:\n  - {rule: a, reason: b}\n  - ladder: sales\n    reason: reviewed\n", 3, 5, []string{"rule"}},
		{"bad expires", "exceptions:\n  - rule: a\n    reason: b\n    expires: 2027-13-01\n", 4, 14, []string{"expires", "2027-06-30", `"2027-13-01"`}},
		{"expires not a day", "exceptions:\n  - rule: a\n    reason: b\n    expires: 2027-06-31\n", 4, 14, []string{"expires", `"2027-06-31"`}},
		{"expires in words", "exceptions:\n  - rule: a\n    reason: b\n    expires: next quarter\n", 4, 14, []string{"expires", `"next quarter"`}},
		{"unknown waiver key", "exceptions:\n  - rule: a\n    reson: b\n", 3, 5, []string{`"reson"`, `did you mean "reason"`}},
		{"waiver key far off", "exceptions:\n  - rule: a\n    reason: b\n    owner: me\n", 4, 5, []string{`"owner"`}},
		{"waiver of every rule", "exceptions:\n  - rule: \"*/*\"\n    reason: b\n", 2, 11, []string{`"*/*"`, "every rule", "parity/*"}},
		{"waiver of every family", "exceptions:\n  - rule: \"[a-z]*/pay\"\n    reason: b\n", 2, 11, []string{`"[a-z]*/pay"`, "every rule"}},
		{"waiver of every id", "exceptions:\n  - {rule: \"?*\", reason: b}\n", 2, 12, []string{`"?*"`, "every rule"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Parse("x/.ladderctl.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; config %+v", c)
			}
			if c != nil {
				t.Errorf("a config came with the error")
			}
			e := entryAt(t, diagList(t, err), tt.line, tt.col, tt.words...)
			if e.File != "x/.ladderctl.yaml" {
				t.Errorf("File = %q", e.File)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("x/.ladderctl.yaml:%d:%d: ", tt.line, tt.col)) {
				t.Errorf("Error() = %q does not point at the place", err)
			}
		})
	}
}

// A waiver's rule glob may match many rules, as long as it names their family or package.
func TestParseWaiverGlobs(t *testing.T) {
	for _, g := range []string{"parity/*", "acme.titles/*", "bands/over*", "p*/*", "no-*", "parity/[pt]*"} {
		c, err := config.Parse(".ladderctl.yaml", []byte("exceptions:\n  - rule: \""+g+"\"\n    reason: b\n"))
		if err != nil || c.Exceptions[0].Rule != g {
			t.Errorf("rule %q: err = %v, want it kept", g, err)
		}
	}
}

// Every problem is reported, so one pass fixes them all.
func TestParseAllErrors(t *testing.T) {
	src := `fail_on: error
rules:
  bands/overlap: fatal
exceptions:
  - rule: parity/pay
builtin: yes please
`
	_, err := config.Parse(".ladderctl.yaml", []byte(src))
	list := diagList(t, err)
	entryAt(t, list, 1, 1, "fail_on")
	entryAt(t, list, 3, 18, "fatal")
	entryAt(t, list, 5, 5, "reason")
	entryAt(t, list, 6, 10, "builtin")
	if len(list) != 4 {
		t.Errorf("want 4 errors, got:%s", dumpList(list))
	}
}

func TestParseNotAMapping(t *testing.T) {
	for _, src := range []string{"- ladders/\n", "just text\n"} {
		_, err := config.Parse(".ladderctl.yaml", []byte(src))
		var e *diag.Error
		if !errors.As(err, &e) || e.Line != 1 || e.Column != 1 || !strings.Contains(e.Message, "mapping") {
			t.Errorf("Parse(%q) error = %v", src, err)
		}
	}
}

func TestParseInvalidYAML(t *testing.T) {
	_, err := config.Parse(".ladderctl.yaml", []byte("ladders: [a\n"))
	var e *diag.Error
	if !errors.As(err, &e) || !strings.Contains(e.Message, "invalid YAML") || e.File != ".ladderctl.yaml" {
		t.Errorf("error = %v", err)
	}
}

func TestParseInvalidYAMLLine(t *testing.T) {
	_, err := config.Parse(".ladderctl.yaml", []byte("ladders: [a]\nbuiltin: true\nfail-on: error: never\n"))
	var e *diag.Error
	if !errors.As(err, &e) || e.Line != 3 {
		t.Errorf("error = %v, want one at line 3", err)
	}
}

func TestParseDuplicateWaiverKey(t *testing.T) {
	src := "exceptions:\n  - rule: parity/pay\n    rule: bands/overlap\n    reason: reviewed\n"
	c, err := config.Parse(".ladderctl.yaml", []byte(src))
	if err == nil {
		t.Fatalf("no error; exceptions %+v", c.Exceptions)
	}
	entryAt(t, diagList(t, err), 3, 5, `"rule"`)
}

func TestParseEmptyEnumValue(t *testing.T) {
	for _, src := range []string{"fail-on: \"\"\n", "rules:\n  bands/overlap: \"\"\n"} {
		c, err := config.Parse(".ladderctl.yaml", []byte(src))
		if err == nil {
			t.Errorf("Parse(%q): no error; config %+v", src, c)
		}
	}
}

func TestParseHostileParams(t *testing.T) {
	var b strings.Builder
	b.WriteString("params:\n  big:\n")
	for i := 0; b.Len() < 1<<20-20; i++ {
		fmt.Fprintf(&b, "    k%d: 1\n", i)
	}
	p := filepath.Join(t.TempDir(), config.FileName)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(p); err != nil {
		t.Logf("error: %.200s", err)
	}
}

// mkdirs creates the directories and empty files (names without a trailing "/") under root.
func mkdirs(t *testing.T, root string, names ...string) {
	t.Helper()
	for _, n := range names {
		p := filepath.Join(root, filepath.FromSlash(n))
		if strings.HasSuffix(n, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("fail-on: warning\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	mkdirs(t, root,
		// A repository with its config at the top and one in a sub-project.
		"repo/.git/",
		"repo/.ladderctl.yaml",
		"repo/a/b/c/",
		"repo/sub/.ladderctl.yaml",
		"repo/sub/deep/er/",
		// A config above the repository must not apply inside it.
		"outer/.ladderctl.yaml",
		"outer/repo/.git/",
		"outer/repo/src/",
		// A worktree or submodule: .git is a file.
		"outer/wt/.git",
		"outer/wt/src/",
		// No repository: the walk goes up to the first config.
		"plain/.ladderctl.yaml",
		"plain/x/y/",
		// A repository without a config.
		"bare/.git/",
		"bare/x/",
	)
	tests := []struct {
		dir, want string // relative to root; want "" for none
	}{
		{"repo/a/b/c", "repo/.ladderctl.yaml"},
		{"repo", "repo/.ladderctl.yaml"},
		{"repo/sub/deep/er", "repo/sub/.ladderctl.yaml"},
		{"repo/sub", "repo/sub/.ladderctl.yaml"},
		{"outer/repo/src", ""},
		{"outer/repo", ""},
		{"outer/wt/src", ""},
		{"outer", "outer/.ladderctl.yaml"},
		{"plain/x/y", "plain/.ladderctl.yaml"},
		{"bare/x", ""},
		{"bare", ""},
	}
	for _, tt := range tests {
		dir := filepath.Join(root, filepath.FromSlash(tt.dir))
		got, err := config.Find(dir)
		if err != nil {
			t.Errorf("Find(%s): %v", tt.dir, err)
			continue
		}
		if tt.want == "" {
			if got != "" {
				t.Errorf("Find(%s) = %q, want none", tt.dir, got)
			}
			continue
		}
		// The path is relative to the directory searched, so that it reads short.
		want := filepath.Join(root, filepath.FromSlash(tt.want))
		if filepath.IsAbs(got) || filepath.Join(dir, got) != want {
			t.Errorf("Find(%s) = %q, want %s relative to it", tt.dir, got, tt.want)
		}
	}

	// Find(".") gives a path that works from the working directory.
	t.Chdir(filepath.Join(root, "repo", "a", "b"))
	got, err := config.Find(".")
	if err != nil {
		t.Fatal(err)
	}
	if got != filepath.Join("..", "..", ".ladderctl.yaml") || !sameFile(t, got, filepath.Join(root, "repo", ".ladderctl.yaml")) {
		t.Errorf("Find(.) = %q, want the repo's config", got)
	}
	c, err := config.Load(got)
	if err != nil || c.FailOn != "warning" {
		t.Errorf("Load(Find(.)) = %+v, %v", c, err)
	}
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}

func TestResolve(t *testing.T) {
	root := t.TempDir()
	mkdirs(t, root, "repo/.git/", "repo/ladders/", "repo/policies/", "shared/policies/", "repo/a/b/")
	if err := os.WriteFile(filepath.Join(root, "repo", config.FileName), []byte("ladders: [ladders/]\npolicies: [policies, ../shared/policies]\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	// From a sub-directory: paths in the config are relative to the config's directory.
	t.Chdir(filepath.Join(root, "repo", "a", "b"))
	path, err := config.Find(".")
	if err != nil || path == "" {
		t.Fatalf("Find: %q, %v", path, err)
	}
	c, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want, dir string }{
		{"ladders/", filepath.Join("..", "..", "ladders"), "repo/ladders"},
		{"policies", filepath.Join("..", "..", "policies"), "repo/policies"},
		{"../shared/policies", filepath.Join("..", "..", "..", "shared", "policies"), "shared/policies"},
	}
	for _, tt := range tests {
		got := c.Resolve(tt.in)
		if got != tt.want {
			t.Errorf("Resolve(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !sameFile(t, got, filepath.Join(root, filepath.FromSlash(tt.dir))) {
			t.Errorf("Resolve(%q) = %q does not reach %s from the working directory", tt.in, got, tt.dir)
		}
	}
	abs := filepath.Join(root, "elsewhere")
	if got := c.Resolve(abs); got != abs {
		t.Errorf("Resolve(%q) = %q, want it unchanged", abs, got)
	}

	// From the config's own directory, paths stay as written.
	t.Chdir(filepath.Join(root, "repo"))
	if path, err = config.Find("."); err != nil {
		t.Fatal(err)
	}
	if c, err = config.Load(path); err != nil {
		t.Fatal(err)
	}
	if got := c.Resolve("ladders/"); !sameFile(t, got, filepath.Join(root, "repo", "ladders")) || filepath.IsAbs(got) {
		t.Errorf("in the config's directory: Resolve = %q", got)
	}

	// An absolute config path: results are relative to the working directory when they can be.
	t.Chdir(filepath.Join(root, "repo", "a"))
	if c, err = config.Load(filepath.Join(root, "repo", config.FileName)); err != nil {
		t.Fatal(err)
	}
	if got, want := c.Resolve("policies"), filepath.Join("..", "policies"); got != want {
		t.Errorf("absolute config: Resolve = %q, want %q", got, want)
	}

	// A config named by a relative path (--config repo/.ladderctl.yaml).
	t.Chdir(root)
	c, err = config.Load(filepath.Join("repo", config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Resolve("ladders/"); !sameFile(t, got, filepath.Join(root, "repo", "ladders")) {
		t.Errorf("relative config: Resolve = %q", got)
	}

	// No config: paths are the user's own.
	c, err = config.Load("")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Resolve("ladders/"); got != "ladders/" {
		t.Errorf("no config: Resolve = %q", got)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, config.FileName)
	if err := os.WriteFile(p, []byte(full), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.File != p || c.Dir != dir || c.FailOn != "error" || len(c.Exceptions) != 2 {
		t.Errorf("config = %+v", c)
	}

	// Errors name the file.
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("fail_on: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = config.Load(bad)
	if e := entryAt(t, diagList(t, err), 1, 1, "fail_on"); e.File != bad {
		t.Errorf("File = %q, want %q", e.File, bad)
	}
}

func TestLoadMissing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nope.yaml")
	c, err := config.Load(p)
	if err == nil {
		t.Fatalf("no error; config %+v", c)
	}
	var e *diag.Error
	if !errors.As(err, &e) || e.File != p || !strings.Contains(err.Error(), p) || !strings.Contains(e.Message, "no such file") {
		t.Errorf("error = %v", err)
	}
}

func TestLoadSizeLimit(t *testing.T) {
	dir := t.TempDir()
	comment := func(n int) []byte {
		return []byte("fail-on: info\n#" + strings.Repeat("x", n-len("fail-on: info\n#")-1) + "\n")
	}
	at := filepath.Join(dir, "at.yaml")
	over := filepath.Join(dir, "over.yaml")
	if err := os.WriteFile(at, comment(1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(over, comment(1<<20+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err := config.Load(at); err != nil || c.FailOn != "info" {
		t.Errorf("a config of 1 MiB: %v", err)
	}
	_, err := config.Load(over)
	var e *diag.Error
	if !errors.As(err, &e) || e.File != over || !strings.Contains(e.Message, "1 MiB") {
		t.Errorf("a config over 1 MiB: error = %v", err)
	}
}

// Aliases in params are expanded within a budget and refused past it, at the param.
func TestParseParamAliases(t *testing.T) {
	c, err := config.Parse(".ladderctl.yaml", []byte("params:\n  a: &l [x, y]\n  b: *l\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Params["b"].Value, []any{"x", "y"}) {
		t.Errorf("b = %#v", c.Params["b"].Value)
	}

	var b strings.Builder
	b.WriteString("params:\n  bomb:\n    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for ch := 'b'; ch <= 'i'; ch++ {
		p := string(ch - 1)
		fmt.Fprintf(&b, "    %c: &%c [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", ch, ch, p, p, p, p, p, p, p, p, p)
	}
	_, err = config.Parse(".ladderctl.yaml", []byte(b.String()))
	if err == nil {
		t.Fatal("an alias bomb in params was accepted")
	}
	entryAt(t, diagList(t, err), 2, 3, "bomb")
}
