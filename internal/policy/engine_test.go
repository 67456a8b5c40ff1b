package policy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

const ladderYAML = `apiVersion: ladderctl/v1
kind: Ladder
metadata:
  name: %NAME%
spec:
  tracks:
    - id: ic
      type: ic
      levels:
        - id: IC1
          title: Engineer
          grade: 1
        - id: IC2
          title: Ninja Engineer
          grade: 2
`

func parseLadder(t *testing.T, name string) *ladder.Ladder {
	t.Helper()
	ls, problems := ladder.Parse(name+".yaml", []byte(strings.ReplaceAll(ladderYAML, "%NAME%", name)))
	if len(problems) > 0 || len(ls) != 1 {
		t.Fatalf("test ladder does not load: %v", problems)
	}
	return ls[0]
}

// policyDir writes Rego files into a fresh directory.
func policyDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newEngine(t *testing.T, opts Options) *Engine {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	}
	e, err := New(context.Background(), opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func TestConftestStylePolicy(t *testing.T) {
	dir := policyDir(t, map[string]string{"main.rego": `package main

deny contains msg if {
	some track in input.spec.tracks
	some level in track.levels
	contains(level.title, "Ninja")
	msg := sprintf("%s: avoid the title %q", [level.id, level.title])
}

warn_owner contains msg if {
	not input.metadata.owner
	msg := "the ladder has no owner"
}

violation contains {"msg": "object form", "level": "IC1", "path": ["spec", "tracks", 0, "levels", 0, "title"]} if true
`})
	e := newEngine(t, Options{Dirs: []string{dir}})
	got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "acme")})
	if err != nil {
		t.Fatal(err)
	}
	finding.Sort(got)
	want := []struct {
		rule, msg, level, path string
		sev                    finding.Severity
		line, col              int
	}{
		{"main/deny", `IC2: avoid the title "Ninja Engineer"`, "", "metadata.name", finding.Error, 4, 9},
		{"main/warn_owner", "the ladder has no owner", "", "metadata.name", finding.Warning, 4, 9},
		{"main/violation", "object form", "IC1", "spec.tracks[0].levels[0].title", finding.Error, 11, 18},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Rule != w.rule || g.Message != w.msg || g.Level != w.level || g.Path != w.path || g.Severity != w.sev || g.Line != w.line || g.Column != w.col {
			t.Errorf("finding %d = %+v, want %+v", i, g, w)
		}
		if g.Ladder != "acme" || g.File != "acme.yaml" {
			t.Errorf("finding %d names ladder %q in %q", i, g.Ladder, g.File)
		}
	}
}

func TestFindingFieldsOverrideMetadata(t *testing.T) {
	dir := policyDir(t, map[string]string{"titles.rego": `package acme.titles

# METADATA
# title: No ninjas
# custom:
#   id: acme/no-ninjas
#   severity: info
deny_ninja contains {"msg": "metadata severity"} if true

deny_ninja contains {"msg": "own severity", "severity": "warning", "path": "spec.tracks[0].levels[1].grade"} if true

deny_other contains {"msg": "borrowed id", "rule": "acme/no-ninjas"} if true
`})
	e := newEngine(t, Options{Dirs: []string{dir}})
	got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "acme")})
	if err != nil {
		t.Fatal(err)
	}
	bySev := map[string]finding.Finding{}
	for _, f := range got {
		bySev[f.Message] = f
	}
	if f := bySev["metadata severity"]; f.Rule != "acme/no-ninjas" || f.Severity != finding.Info {
		t.Errorf("METADATA id and severity not applied: %+v", f)
	}
	if f := bySev["own severity"]; f.Severity != finding.Warning || f.Line != 15 || f.Column != 18 {
		t.Errorf("a finding's own severity and string path not applied: %+v", f)
	}
	if f := bySev["borrowed id"]; f.Rule != "acme/no-ninjas" || f.Severity != finding.Info {
		t.Errorf("a finding naming a rule should take that rule's default severity: %+v", f)
	}
	if r := e.Rule("acme/no-ninjas"); r == nil || r.Title != "No ninjas" || r.Source != filepath.Join(dir, "titles.rego") {
		t.Errorf("rule catalogue entry = %+v", *r)
	}
}

// Rule sets of every kind are read: a multi-value set as it is, even empty, each of its
// values one finding (a list among them too); a complete rule (one finding, or a list of
// them) whatever its value, and one left undefined gives nothing without undoing the others.
func TestRuleSetsOfEveryKind(t *testing.T) {
	dir := policyDir(t, map[string]string{
		"kinds.rego": "package acme.kinds\n\n" +
			"deny contains \"from a set\" if true\n\n" +
			"deny_none contains \"never\" if false\n\n" +
			"warn := \"from a complete rule\"\n\n" +
			"warn_list := [\"first of a list\", \"second of a list\"]\n\n" +
			"violation := \"undefined\" if false\n\n" +
			"violation_pair contains [\"a\", \"pair\"] if true\n",
	})
	e := newEngine(t, Options{Dirs: []string{dir}})
	got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "acme")})
	if err == nil || !strings.Contains(err.Error(), "rule acme.kinds.violation_pair returned a value ladderctl cannot read") {
		t.Errorf("error %v, want violation_pair's pair refused as one finding", err)
	}
	var msgs []string
	for _, f := range got {
		msgs = append(msgs, f.Rule+": "+f.Message)
	}
	slices.Sort(msgs)
	want := []string{
		"acme.kinds/deny: from a set",
		"acme.kinds/warn: from a complete rule",
		"acme.kinds/warn_list: first of a list",
		"acme.kinds/warn_list: second of a list",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

func TestNamespacesNarrowUserPackages(t *testing.T) {
	dir := policyDir(t, map[string]string{
		"a.rego": "package main\n\ndeny contains \"from main\" if true\n",
		"b.rego": "package acme.titles\n\ndeny contains \"from acme.titles\" if true\n",
	})
	for _, tt := range []struct {
		globs []string
		want  []string
	}{
		{nil, []string{"acme.titles/deny", "main/deny"}},
		{[]string{"main"}, []string{"main/deny"}},
		{[]string{"acme.*"}, []string{"acme.titles/deny"}},
	} {
		e := newEngine(t, Options{Dirs: []string{dir}, Namespaces: tt.globs})
		got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "acme")})
		if err != nil {
			t.Fatal(err)
		}
		var rules []string
		for _, f := range got {
			rules = append(rules, f.Rule)
		}
		if strings.Join(rules, ",") != strings.Join(tt.want, ",") {
			t.Errorf("namespaces %v: rules %v, want %v", tt.globs, rules, tt.want)
		}
	}
}

func TestUserPackagesMayNotUseTheBuiltinPrefix(t *testing.T) {
	dir := policyDir(t, map[string]string{"p.rego": "package ladderctl.mine\n\ndeny contains \"x\" if true\n"})
	_, err := New(context.Background(), Options{Dirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "reserved for the built-in rules") || !strings.Contains(err.Error(), "p.rego:1:1") {
		t.Fatalf("err = %v, want a refusal at p.rego:1:1", err)
	}
}

// A user package under params or ladders would overwrite the data the built-in rules read:
// with it, parity/pay would judge by a tolerance of 0.99 that no config shows.
func TestUserPackagesMayNotOverwriteParamsOrLadders(t *testing.T) {
	for pkg, want := range map[string]string{
		"params":        "would overwrite data.params",
		"params.parity": "would overwrite data.params",
		"ladders":       "would overwrite data.ladders",
	} {
		dir := policyDir(t, map[string]string{
			"p.rego":    "package " + pkg + "\n\nparity_pay_tolerance := 0.99\nacme := {}\n",
			"read.rego": "package acme.read\n\nimport rego.v1\n\nwarn contains sprintf(\"%v %v\", [data.params.parity_pay_tolerance, object.keys(data.ladders)]) if true\n",
		})
		e, err := New(context.Background(), Options{Builtin: true, Dirs: []string{dir}})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "p.rego:1:1") {
			t.Fatalf("package %s: err = %v, want a refusal at p.rego:1:1", pkg, err)
		}
		got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "acme")})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(got, func(f finding.Finding) bool { return f.Rule == "acme.read/warn" })
		if i < 0 || got[i].Message != `0.1 {"acme"}` {
			t.Errorf("package %s: a policy reads %+v, want the default tolerance 0.1 and the ladder acme", pkg, got)
		}
	}
}

// A user's rule may not take the id of a built-in rule or load, by METADATA or in a finding.
func TestUserRulesMayNotTakeReservedIDs(t *testing.T) {
	dir := policyDir(t, map[string]string{
		"meta.rego": "package acme.meta\n\n# METADATA\n# custom:\n#   id: parity/pay\ndeny contains \"x\" if true\n",
		"emit.rego": "package acme.emit\n\ndeny contains {\"msg\": \"x\", \"rule\": \"load\"} if true\n\nwarn contains \"kept\" if true\n",
	})
	e, err := New(context.Background(), Options{Builtin: true, Dirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), `meta.rego:6:1: rule acme.meta.deny takes the id "parity/pay"`) {
		t.Fatalf("err = %v, want the METADATA id refused", err)
	}
	if r := e.Rule("parity/pay"); r == nil || r.Source != finding.BuiltinSource {
		t.Errorf("parity/pay is %+v, want the built-in rule", r)
	}
	got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "acme")})
	if err == nil || !strings.Contains(err.Error(), `rule acme.emit.deny gave ladder acme a finding with the rule id "load"`) {
		t.Fatalf("err = %v, want the emitted id refused", err)
	}
	for _, f := range got {
		if f.Rule == finding.RuleLoad || f.Rule == "parity/pay" && f.Message == "x" {
			t.Errorf("a user's finding passed as %s: %+v", f.Rule, f)
		}
	}
	if !slices.ContainsFunc(got, func(f finding.Finding) bool { return f.Rule == "acme.emit/warn" }) {
		t.Errorf("the policy's other rule did not report: %+v", got)
	}
}

// Map order must not reach the output: the refusals come in file order on every run.
func TestReservedPackageErrorsAreSorted(t *testing.T) {
	files := map[string]string{}
	var want []string
	for _, name := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		files[name+".rego"] = "package ladderctl." + name + "\n\ndeny contains \"x\" if true\n"
		want = append(want, name+".rego")
	}
	dir := policyDir(t, files)
	for range 5 {
		_, err := New(context.Background(), Options{Dirs: []string{dir}})
		var got []string
		for _, e := range diag.From(err) {
			got = append(got, filepath.Base(e.File))
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("errors in the order %v, want %v", got, want)
		}
	}
}

func TestSandboxRefusesIO(t *testing.T) {
	cases := map[string]string{
		"http.send":          `deny contains msg if { r := http.send({"method": "GET", "url": "http://127.0.0.1:1"}); msg := r.body }`,
		"json.match_schema":  `deny contains msg if { r := json.match_schema({}, {"$ref": "file:///etc/passwd"}); msg := sprintf("%v", [r]) }`,
		"opa.runtime":        `deny contains msg if { msg := sprintf("%v", [opa.runtime().env]) }`,
		"net.lookup_ip_addr": `deny contains msg if { msg := sprintf("%v", [net.lookup_ip_addr("example.com")]) }`,
	}
	for name, rule := range cases {
		t.Run(name, func(t *testing.T) {
			dir := policyDir(t, map[string]string{"evil.rego": "package main\n\n" + rule + "\n"})
			_, err := New(context.Background(), Options{Dirs: []string{dir}})
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want a refusal", err)
			}
			e := list[0]
			if !strings.HasSuffix(e.File, "evil.rego") || e.Line != 3 || !strings.Contains(e.Message, name) || !strings.Contains(e.Message, "does not allow") {
				t.Errorf("refusal = %q, want it to name %s at evil.rego:3", e.Error(), name)
			}
		})
	}
}

func TestSandboxHTTPSendMakesNoConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback listener:", err)
	}
	defer ln.Close()
	accepted := make(chan struct{}, 1)
	go func() {
		if c, err := ln.Accept(); err == nil {
			c.Close()
			accepted <- struct{}{}
		}
	}()
	dir := policyDir(t, map[string]string{"evil.rego": `package main

deny contains msg if {
	r := http.send({"method": "GET", "url": "http://` + ln.Addr().String() + `"})
	msg := sprintf("%v", [r])
}
`})
	if _, err := New(context.Background(), Options{Dirs: []string{dir}}); err == nil {
		t.Fatal("a policy calling http.send compiled")
	}
	select {
	case <-accepted:
		t.Fatal("the listener saw a connection")
	case <-time.After(100 * time.Millisecond):
	}
}

func TestTimeoutNamesTheLadder(t *testing.T) {
	dir := policyDir(t, map[string]string{"slow.rego": `package main

deny contains msg if {
	some i in numbers.range(1, 1000000000)
	i < 0
	msg := "never"
}
`})
	e := newEngine(t, Options{Dirs: []string{dir}, Timeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "slowpoke")})
	if err == nil || !strings.Contains(err.Error(), "ladder slowpoke") || !strings.Contains(err.Error(), "timeout") {
		t.Fatalf("err = %v, want a timeout naming ladder slowpoke", err)
	}
	if time.Since(start) > 20*time.Second {
		t.Errorf("evaluation ran %s past a 200ms timeout", time.Since(start))
	}
}

func TestClockAndRandomAreFixedPerRun(t *testing.T) {
	dir := policyDir(t, map[string]string{"nd.rego": `package main

deny contains msg if {
	msg := sprintf("%d %d %s", [time.now_ns(), rand.intn("x", 1000000), uuid.rfc4122("y")])
}
`})
	run := func() string {
		e := newEngine(t, Options{Dirs: []string{dir}})
		got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "a"), parseLadder(t, "b")})
		if err != nil {
			t.Fatal(err)
		}
		return got[0].Message + "|" + got[1].Message
	}
	first, second := run(), run()
	if first != second {
		t.Errorf("two runs differ:\n%s\n%s", first, second)
	}
	if !strings.HasPrefix(first, "1795305600000000000 ") {
		t.Errorf("time.now_ns is not the run's clock: %s", first)
	}
}

func TestDataLaddersHoldsEveryLadder(t *testing.T) {
	dir := policyDir(t, map[string]string{"x.rego": `package main

deny contains msg if {
	some name, other in data.ladders
	name != input.metadata.name
	msg := sprintf("%s sees %s", [input.metadata.name, name])
}
`})
	e := newEngine(t, Options{Dirs: []string{dir}})
	got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "a"), parseLadder(t, "b")})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range got {
		msgs = append(msgs, f.Message)
	}
	if strings.Join(msgs, ",") != "a sees b,b sees a" {
		t.Errorf("messages = %v", msgs)
	}
}

func TestParamsDefaultsFromMetadata(t *testing.T) {
	dir := policyDir(t, map[string]string{"p.rego": `package main

# METADATA
# custom:
#   params:
#     max_levels: 5
deny contains msg if {
	msg := sprintf("max %v, extra %v", [data.params.max_levels, object.get(data.params, "extra", "none")])
}
`})
	for _, tt := range []struct {
		params map[string]any
		want   string
	}{
		{nil, "max 5, extra none"},
		{map[string]any{"max_levels": 3, "extra": true}, "max 3, extra true"},
	} {
		e := newEngine(t, Options{Dirs: []string{dir}, Params: tt.params})
		got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "a")})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Message != tt.want {
			t.Errorf("params %v: %+v, want %q", tt.params, got, tt.want)
		}
	}
	e := newEngine(t, Options{Dirs: []string{dir}})
	if d := e.DeclaredParams(); d["max_levels"].Default != 5 {
		t.Errorf("declared params = %v", d)
	}
}

// Two rules declaring one param with different defaults: the built-in declaration wins over
// a user's, and among user rules the one with the lower id, on every run.
func TestConflictingParamDefaultsAreDeterministic(t *testing.T) {
	files := map[string]string{}
	for i, pkg := range []string{"a", "b", "c", "d", "e", "f"} {
		files[pkg+".rego"] = fmt.Sprintf("package %s\n\n# METADATA\n# custom:\n#   params:\n#     shared: %d\n#     parity_pay_tolerance: 0.5\ndeny contains \"x\" if false\n", pkg, i+1)
	}
	dir := policyDir(t, files)
	for range 5 {
		e := newEngine(t, Options{Builtin: true, Dirs: []string{dir}})
		d := e.DeclaredParams()
		if d["shared"].Default != 1 || d["parity_pay_tolerance"].Default != 0.1 {
			t.Fatalf("shared = %v, parity_pay_tolerance = %v; want 1 (from a/deny) and 0.1 (built-in)", d["shared"].Default, d["parity_pay_tolerance"].Default)
		}
	}
}

// A rule's METADATA tags it; a param's METADATA declares its default, which way loosens it and how its value reads; a
// bare value is the default alone, and a mapping of other keys is a default too.
func TestParamDeclarations(t *testing.T) {
	dir := policyDir(t, map[string]string{"p.rego": `package main

# METADATA
# custom:
#   tags: [titles, parity]
#   params:
#     max_titles:
#       default: 3
#       looser: higher
#       unit: title
#       loosened: "a ladder may now use up to {value}"
#     min_levels:
#       default: 2
#       looser: lower
#     banned: [ninja]
#     aliases: {ninja: rockstar}
#     odd:
#       default: 1
#       looser: sideways
deny contains "x" if false
`})
	e := newEngine(t, Options{Dirs: []string{dir}})
	if tags := e.Rule("main/deny").Tags; !slices.Equal(tags, []string{"titles", "parity"}) {
		t.Errorf("tags = %v", tags)
	}
	got := e.Rule("main/deny").Params
	want := []finding.Param{
		{Name: "aliases", Default: map[string]any{"ninja": "rockstar"}},
		{Name: "banned", Default: []any{"ninja"}},
		{Name: "max_titles", Default: 3, Looser: finding.LooserHigher, Unit: "title", Loosened: "a ladder may now use up to {value}"},
		{Name: "min_levels", Default: 2, Looser: finding.LooserLower},
		{Name: "odd", Default: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("params:\n got %#v\nwant %#v", got, want)
	}
}

// The scope order is defined once, in Go, and given to the rules as data: the pack's
// lib.scope_order is ladder.Scopes, and a user's policy sees the same.
func TestScopeOrderIsTheLoaders(t *testing.T) {
	dir := policyDir(t, map[string]string{"p.rego": `package main

deny contains msg if {
	msg := concat(",", data.ladderctl.lib.scope_order)
}

deny contains msg if {
	msg := concat(" ", data.ladderctl.format.scopes)
}
`})
	e := newEngine(t, Options{Builtin: true, Dirs: []string{dir}})
	got, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "a")})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range got {
		if f.Rule == "main/deny" {
			msgs = append(msgs, f.Message)
		}
	}
	slices.Sort(msgs)
	want := []string{strings.Join(ladder.Scopes, " "), strings.Join(ladder.Scopes, ",")}
	if !slices.Equal(msgs, want) {
		t.Errorf("scopes seen by policies: %q, want %q", msgs, want)
	}
}

func TestUnreadableResultIsAnError(t *testing.T) {
	dir := policyDir(t, map[string]string{"bad.rego": "package main\n\ndeny contains {\"message\": \"no msg key\"} if true\n"})
	e := newEngine(t, Options{Dirs: []string{dir}})
	_, err := e.Evaluate(context.Background(), []*ladder.Ladder{parseLadder(t, "a")})
	if err == nil || !strings.Contains(err.Error(), "needs a string msg") {
		t.Fatalf("err = %v, want a complaint about msg", err)
	}
}

func TestCompileErrorsNameFileAndLine(t *testing.T) {
	dir := policyDir(t, map[string]string{"broken.rego": "package main\n\ndeny contains msg if {\n\tmsg := undefined_thing\n}\n"})
	_, err := New(context.Background(), Options{Dirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "broken.rego:4:") {
		t.Fatalf("err = %v, want broken.rego:4", err)
	}
}

func TestMissingPolicyDirectory(t *testing.T) {
	_, err := New(context.Background(), Options{Dirs: []string{filepath.Join(t.TempDir(), "nope")}})
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("err = %v, want an error naming the directory", err)
	}
}

// Findings outlive their ladder, whose texts share the bytes of the file they were read
// from: a finding's texts taken from the ladder are copies, or every finding would keep its
// whole file in memory after the ladder is released.
func TestFindingsDoNotKeepTheLadder(t *testing.T) {
	dir := policyDir(t, map[string]string{
		"echo.rego": "package acme.echo\n\n" +
			"deny contains {\"msg\": input.metadata.name, \"level\": input.spec.tracks[0].levels[0].id} if true\n",
	})
	l := parseLadder(t, "acme")
	e := newEngine(t, Options{Dirs: []string{dir}})
	got, err := e.Evaluate(context.Background(), []*ladder.Ladder{l})
	if err != nil || len(got) != 1 {
		t.Fatalf("findings %v, error %v", got, err)
	}
	text := func(ref string) string {
		v, err := l.Value.(ast.Object).Find(ast.MustParseRef(ref)[1:])
		if err != nil {
			t.Fatal(err)
		}
		return string(v.(ast.String))
	}
	name, id := text("x.metadata.name"), text("x.spec.tracks[0].levels[0].id")
	f := got[0]
	if f.Message != name || unsafe.StringData(f.Message) == unsafe.StringData(name) {
		t.Errorf("message %q shares the bytes of the ladder", f.Message)
	}
	if f.Level != id || unsafe.StringData(f.Level) == unsafe.StringData(id) {
		t.Errorf("level %q shares the bytes of the ladder", f.Level)
	}
}
