package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/report/reporttest"
)

// sarifLog is the part of a SARIF log the tests look at.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string         `json:"name"`
				Version        string         `json:"version"`
				InformationURI string         `json:"informationUri"`
				Properties     map[string]any `json:"properties"`
				Rules          []struct {
					ID                   string `json:"id"`
					Name                 string `json:"name"`
					ShortDescription     struct{ Text string }
					FullDescription      struct{ Text string }
					Help                 struct{ Text string }
					DefaultConfiguration struct{ Level string }
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string `json:"ruleId"`
			RuleIndex           int    `json:"ruleIndex"`
			Level               string `json:"level"`
			Message             struct{ Text string }
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           *struct{ StartLine, StartColumn int }
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func writeSARIF(t *testing.T, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := (sarifFormat{}).Write(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readSARIF(t *testing.T, out []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs", len(log.Runs))
	}
	return log
}

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	sch, err := reporttest.SARIFSchema()
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	sch := sarifSchema(t)
	r := ciReport()
	r.Findings = append(r.Findings, finding.Finding{Rule: finding.RuleLoad, Severity: finding.Error, Message: "cannot open", File: "sales team.yaml"})
	out := writeSARIF(t, r)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF does not match the schema: %v\n%s", err, out)
	}
	// The validator does catch a bad log.
	inst.(map[string]any)["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)["level"] = "fatal"
	if err := sch.Validate(inst); err == nil {
		t.Error("a result with level fatal passed the schema")
	}
}

func TestSARIFRulesCoverEveryResult(t *testing.T) {
	log := readSARIF(t, writeSARIF(t, ciReport()))
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	var ids []string
	for _, rule := range rules {
		ids = append(ids, rule.ID)
		if rule.Name == "" || rule.ShortDescription.Text == "" || rule.FullDescription.Text == "" || rule.Help.Text == "" {
			t.Errorf("rule %s lacks a name or a text: %+v", rule.ID, rule)
		}
	}
	// The catalogue in its order, then the rules only findings name.
	if got, want := strings.Join(ids, " "), "parity/top-grade parity/scope content/expectations bands/overlap load"; got != want {
		t.Errorf("rules = %s, want %s", got, want)
	}
	if len(run.Results) != len(ciReport().Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(ciReport().Findings))
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result of %s has ruleIndex %d", res.RuleID, res.RuleIndex)
		}
	}
	levels := map[string]string{}
	for _, rule := range rules {
		levels[rule.ID] = rule.DefaultConfiguration.Level
	}
	want := map[string]string{"parity/top-grade": "error", "parity/scope": "warning", "content/expectations": "note", "bands/overlap": "warning", "load": "error"}
	for id, level := range want {
		if levels[id] != level {
			t.Errorf("default level of %s = %q, want %q", id, levels[id], level)
		}
	}
	if r := rules[0]; r.Name != "ParityTopGrade" || r.ShortDescription.Text != "Top grades match" ||
		!strings.Contains(r.Help.Text, "Peer tracks top out") || !strings.Contains(r.Help.Text, "exceptions:") {
		t.Errorf("rule 0 = %+v", r)
	}
}

func TestSARIFResultsAndTool(t *testing.T) {
	outsideRepo(t)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	r := ciReport()
	r.Findings = append(r.Findings,
		finding.Finding{Rule: finding.RuleLoad, Severity: finding.Error, Message: "cannot open", File: "./ladders/gone.yaml"},
		finding.Finding{Rule: "parity/scope", Severity: finding.Warning, Message: "abs", Ladder: "z", File: filepath.Join(wd, "ladders", "z.yaml"), Line: 7, Column: 0},
	)
	log := readSARIF(t, writeSARIF(t, r))
	if log.Version != "2.1.0" {
		t.Errorf("version = %q", log.Version)
	}
	d := log.Runs[0].Tool.Driver
	if d.Name != "ladderctl" || d.Version != "1.2.3" || d.InformationURI != "https://github.com/ladderctl/ladderctl" || d.Properties["ladderctl-pack-version"] != "2025.6.0" {
		t.Errorf("driver = %s %s %s %v", d.Name, d.Version, d.InformationURI, d.Properties)
	}
	type where struct {
		rule, level, uri string
		line, col        int
	}
	want := []where{
		{"load", "error", "a.yaml", 3, 1},
		{"content/expectations", "note", "b.yaml", 12, 14},
		{"parity/scope", "warning", "b.yaml", 12, 14},
		{"parity/top-grade", "error", "b.yaml", 41, 16},
		{"load", "warning", "c.yaml", 1, 1},
		{"load", "error", "ladders/gone.yaml", 0, 0}, // no line: no region
		{"parity/scope", "warning", "ladders/z.yaml", 7, 1},
	}
	results := log.Runs[0].Results
	if len(results) != len(want) {
		t.Fatalf("%d results, want %d", len(results), len(want))
	}
	for i, res := range results {
		if len(res.Locations) != 1 {
			t.Fatalf("result %d has %d locations", i, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		got := where{res.RuleID, res.Level, loc.ArtifactLocation.URI, 0, 0}
		if loc.Region != nil {
			got.line, got.col = loc.Region.StartLine, loc.Region.StartColumn
		}
		if got != want[i] {
			t.Errorf("result %d = %+v, want %+v", i, got, want[i])
		}
		if res.Message.Text == "" || res.PartialFingerprints[sarifFingerprintKey] == "" {
			t.Errorf("result %d: message %q, fingerprints %v", i, res.Message.Text, res.PartialFingerprints)
		}
	}
}

func TestSARIFFingerprintsSurviveLineMoves(t *testing.T) {
	f := finding.Finding{Rule: "parity/scope", Severity: finding.Warning, Message: "m", Ladder: "x", Level: "IC5", File: "b.yaml", Line: 12, Column: 3}
	moved := f
	moved.Line, moved.Column = 30, 5
	fingerprint := func(fs ...finding.Finding) []string {
		var out []string
		for _, res := range readSARIF(t, writeSARIF(t, New(1, 1, fs))).Runs[0].Results {
			out = append(out, res.PartialFingerprints[sarifFingerprintKey])
		}
		return out
	}
	if a, b := fingerprint(f), fingerprint(moved); a[0] != b[0] {
		t.Errorf("moving a finding changed its fingerprint: %s, %s", a[0], b[0])
	}
	other := f
	other.Message = "n"
	if fp := fingerprint(f, other); fp[0] == fp[1] {
		t.Error("two messages share a fingerprint")
	}
	if fp := fingerprint(f, moved); fp[0] == fp[1] {
		t.Error("two identical findings share a fingerprint")
	}
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"ladders/a.yaml":       "ladders/a.yaml",
		"sales team.yaml":      "sales%20team.yaml",
		"c:d.yaml":             "c%3Ad.yaml",
		"/elsewhere/acme.yaml": "file:///elsewhere/acme.yaml",
	} {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// The log holds no -1 "no index" and no empty array or object: code scanning read the -1
// of a location as its id, and they were a third of the log. Results stay, even none.
func TestSARIFIsCompact(t *testing.T) {
	outsideRepo(t)
	for name, r := range map[string]*Report{"findings": ciReport(), "clean": New(1, 1, nil)} {
		out := string(writeSARIF(t, r))
		for _, bad := range []string{": -1", "[]", "{}"} {
			if strings.Contains(strings.ReplaceAll(out, `"results": []`, ""), bad) {
				t.Errorf("%s: the log holds %s:\n%s", name, bad, out)
			}
		}
		if name == "clean" && !strings.Contains(out, `"results": []`) {
			t.Errorf("a clean run has no results array:\n%s", out)
		}
	}
}

// A file under the repository is a URI relative to it, with %SRCROOT% resolved by
// originalUriBaseIds, wherever in the repository ladderctl runs.
func TestSARIFPathsRelativeToTheRepository(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "teams", "data")
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(sub, 0o777); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	r := New(1, 1, []finding.Finding{
		{Rule: "parity/pay", Severity: finding.Error, Message: "m", Ladder: "x", File: "ladders/a.yaml", Line: 3, Column: 2},
		{Rule: "parity/pay", Severity: finding.Error, Message: "m", Ladder: "y", File: "/elsewhere/b.yaml", Line: 3, Column: 2},
	})
	var log struct {
		Runs []struct {
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(writeSARIF(t, r), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got, want := run.OriginalURIBaseIDs["%SRCROOT%"].URI, "file://"+filepath.ToSlash(root)+"/"; got != want {
		t.Errorf("%%SRCROOT%% = %q, want %q", got, want)
	}
	a := run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation
	if a.URI != "teams/data/ladders/a.yaml" || a.URIBaseID != "%SRCROOT%" {
		t.Errorf("a file in the repository: %+v", a)
	}
	b := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	if b.URI != "file:///elsewhere/b.yaml" || b.URIBaseID != "" {
		t.Errorf("a file outside the repository: %+v", b)
	}
}

// A run that could not check everything says so: executionSuccessful false, and a
// notification for each thing that stopped it, load errors included.
func TestSARIFIncompleteRun(t *testing.T) {
	type invocation struct {
		ExecutionSuccessful        bool `json:"executionSuccessful"`
		ToolExecutionNotifications []struct {
			Level   string
			Message struct{ Text string }
		} `json:"toolExecutionNotifications"`
	}
	read := func(r *Report) invocation {
		var log struct {
			Runs []struct{ Invocations []invocation }
		}
		if err := json.Unmarshal(writeSARIF(t, r), &log); err != nil {
			t.Fatal(err)
		}
		return log.Runs[0].Invocations[0]
	}
	if inv := read(New(1, 1, nil)); !inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 0 {
		t.Errorf("a complete run: %+v", inv)
	}
	loadError := New(2, 1, []finding.Finding{{Rule: finding.RuleLoad, Severity: finding.Error, Message: "invalid YAML", File: "a.yaml", Line: 2, Column: 1}})
	inv := read(loadError)
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 ||
		inv.ToolExecutionNotifications[0].Message.Text != "1 file could not be read as ladders, so nothing in them was checked; the load findings say why." {
		t.Errorf("a load error: %+v", inv)
	}
	// A file with no ladder in it is a warning, not a gap in what was checked.
	if inv := read(New(2, 1, []finding.Finding{{Rule: finding.RuleLoad, Severity: finding.Warning, Message: "no ladder", File: "b.yaml", Line: 1, Column: 1}})); !inv.ExecutionSuccessful {
		t.Errorf("a load warning made the run unsuccessful: %+v", inv)
	}
	stopped := New(1, 1, nil)
	stopped.Errors = []string{"no rule is in force: nothing was checked"}
	if inv := read(stopped); inv.ExecutionSuccessful || inv.ToolExecutionNotifications[0].Message.Text != "no rule is in force: nothing was checked" {
		t.Errorf("a run error: %+v", inv)
	}
}

// GitHub takes 25,000 results per run: past that, the most severe are kept and a
// notification says how many were left out.
func TestSARIFKeepsTheMostSevereWithinGitHubsLimit(t *testing.T) {
	outsideRepo(t)
	var fs []finding.Finding
	for i := range sarifMaxResults {
		fs = append(fs, finding.Finding{Rule: "r", Severity: finding.Info, Message: "note", Ladder: "x", File: "a.yaml", Line: i + 1, Column: 1})
	}
	for i := range 3 { // last in file order, first in severity
		fs = append(fs, finding.Finding{Rule: "r", Severity: finding.Error, Message: "error", Ladder: "x", File: "z.yaml", Line: i + 1, Column: 1})
	}
	out := writeSARIF(t, New(2, 1, fs))
	var log struct {
		Runs []struct {
			Results     []struct{ Level string }
			Invocations []struct {
				ExecutionSuccessful        bool `json:"executionSuccessful"`
				ToolExecutionNotifications []struct {
					Level   string
					Message struct{ Text string }
				} `json:"toolExecutionNotifications"`
			}
		}
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) != sarifMaxResults {
		t.Fatalf("%d results, want %d", len(run.Results), sarifMaxResults)
	}
	errors := 0
	for _, res := range run.Results {
		if res.Level == "error" {
			errors++
		}
	}
	if errors != 3 {
		t.Errorf("%d errors kept, want all 3", errors)
	}
	n := run.Invocations[0].ToolExecutionNotifications
	if len(n) != 1 || n[0].Level != "warning" || !strings.HasPrefix(n[0].Message.Text, "3 findings of the lowest severities are not in this log: GitHub code scanning takes at most 25000 results per run.") {
		t.Errorf("notifications = %+v", n)
	}
}

// Every rule has what code scanning shows beside an alert, within GitHub's limits.
func TestSARIFRuleHelp(t *testing.T) {
	outsideRepo(t)
	r := ciReport()
	long := strings.Repeat("word ", 300)
	r.Rules = append(r.Rules, finding.Rule{ID: "acme/" + strings.Repeat("x", 300), Title: long, Description: long + "<img src=x> @team", Severity: finding.Warning, Source: "policy/acme.rego"})
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID               string
						Name             string
						HelpURI          string `json:"helpUri"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text, Markdown string }
						Properties       struct {
							Tags      []string
							Precision string
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(writeSARIF(t, r), &log); err != nil {
		t.Fatal(err)
	}
	for _, rule := range log.Runs[0].Tool.Driver.Rules {
		if rule.Help.Markdown == "" || rule.Properties.Precision == "" || len(rule.Properties.Tags) == 0 {
			t.Errorf("%s: markdown %q, precision %q, tags %v", rule.ID, rule.Help.Markdown, rule.Properties.Precision, rule.Properties.Tags)
		}
		if utf8.RuneCountInString(rule.Name) > 255 || utf8.RuneCountInString(rule.ShortDescription.Text) > 1024 || utf8.RuneCountInString(rule.FullDescription.Text) > 1024 {
			t.Errorf("%s: over GitHub's limits: name %d, descriptions %d and %d characters", rule.ID,
				utf8.RuneCountInString(rule.Name), utf8.RuneCountInString(rule.ShortDescription.Text), utf8.RuneCountInString(rule.FullDescription.Text))
		}
		switch {
		case rule.ID == "parity/top-grade":
			if rule.HelpURI != "https://github.com/ladderctl/ladderctl/blob/main/docs/rules/parity.top-grade.md" || rule.Properties.Precision != "very-high" ||
				strings.Join(rule.Properties.Tags, ",") != "ladderctl" || !strings.Contains(rule.Help.Markdown, "(https://github.com/ladderctl/ladderctl/blob/main/docs/rules/parity.top-grade.md)") {
				t.Errorf("built-in rule: %+v", rule)
			}
		case rule.ID == "load":
			if rule.HelpURI != "https://github.com/ladderctl/ladderctl/blob/main/docs/rules/load.md" || !strings.Contains(rule.Help.Text, "neither turned off nor waived") {
				t.Errorf("load: %+v", rule)
			}
		case strings.HasPrefix(rule.ID, "acme/"):
			if rule.HelpURI != "" || rule.Properties.Precision != "high" || strings.Contains(rule.Help.Markdown, "<img") || strings.Contains(rule.Help.Markdown, "@team") {
				t.Errorf("a user's rule: %+v", rule)
			}
		}
	}
}

// The digest each registry pack resolved to is recorded in the run, and the log stays valid.
func TestSARIFRecordsPackDigests(t *testing.T) {
	r := ciReport()
	r.Packs = []Pack{{Ref: "oci://registry.example/ladders/pack:v1", Digest: "sha256:" + strings.Repeat("ab", 32)}}
	out := writeSARIF(t, r)
	var log struct {
		Runs []struct {
			Properties map[string][]Pack `json:"properties"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if got := log.Runs[0].Properties[sarifPacksKey]; len(got) != 1 || got[0] != r.Packs[0] {
		t.Errorf("packs in the run = %+v", got)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sarifSchema(t).Validate(inst); err != nil {
		t.Fatalf("SARIF with packs does not match the schema: %v", err)
	}
	if bytes.Contains(writeSARIF(t, ciReport()), []byte(sarifPacksKey)) {
		t.Error("a run without packs names packs")
	}
}
