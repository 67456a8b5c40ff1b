package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ladderctl/ladderctl/internal/finding"
)

type sarifFormat struct{}

func (sarifFormat) Name() string { return "sarif" }
func (sarifFormat) Description() string {
	return "SARIF 2.1.0, for GitHub code scanning (upload-sarif)"
}

// sarifPackVersionKey names the driver property that carries the built-in pack's version.
// Not semanticVersion: that is the tool's own version, and the pack is versioned apart from it.
// Not an entry of tool.extensions: that would split the rule catalogue across components and
// make every ruleIndex relative to another component, for no gain in code scanning.
const sarifPackVersionKey = "ladderctl-pack-version"

// sarifFingerprintKey names the partial fingerprint code scanning tracks alerts by. It is
// ours rather than primaryLocationLineHash, which upload-sarif computes from the line's text
// and warns about when a file already carries a different value.
const sarifFingerprintKey = "ladderctl/v1"

func (sarifFormat) Write(w io.Writer, r *Report, _ Options) error {
	wd, _ := os.Getwd() // only to make absolute paths relative; "" leaves them absolute
	run := sarif.NewRun()
	run.Tool = sarif.NewTool()
	run.Tool.Driver = sarif.NewToolComponent()
	driver := run.Tool.Driver
	driver.WithName(toolName(r))
	if r.Tool.Version != "" {
		driver.WithVersion(r.Tool.Version)
	}
	if r.Tool.InfoURI != "" {
		driver.WithInformationURI(r.Tool.InfoURI)
	}
	if r.Tool.PackVersion != "" {
		driver.WithProperties(sarif.NewPropertyBag().Add(sarifPackVersionKey, r.Tool.PackVersion))
	}
	// The YAML parser counts columns in characters, not UTF-16 units (SARIF's default).
	run.WithColumnKind("unicodeCodePoints")

	for _, rule := range sarifRules(r) {
		level := sarifLevel(rule.Severity)
		run.AddRule(rule.ID).
			WithName(pascalCase(rule.ID)).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(cmpOr(rule.Title, rule.ID))).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(cmpOr(rule.Description, rule.Title, rule.ID))).
			WithHelp(sarif.NewMultiformatMessageString().WithText(sarifHelp(rule))).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level))
	}

	seen := map[string]int{} // fingerprint key -> findings so far, to tell identical ones apart
	for _, f := range r.Findings {
		res := run.CreateResultForRule(f.Rule).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(cmpOr(f.Message, f.Rule)))
		// A finding always has a file in practice; without one there is nothing to point at.
		if f.File != "" {
			loc := sarif.NewPhysicalLocation().
				WithArtifactLocation(sarif.NewSimpleArtifactLocation(sarifURI(repoPath(f.File, wd))))
			if f.Line > 0 { // line 0: the file could not be opened, so no region
				loc.WithRegion(sarif.NewRegion().WithStartLine(f.Line).WithStartColumn(max(f.Column, 1)))
			}
			res.AddLocation(sarif.NewLocationWithPhysicalLocation(loc))
		}
		key := sarifFingerprint(f)
		seen[key]++
		if n := seen[key]; n > 1 {
			key += ":" + strconv.Itoa(n)
		}
		res.WithPartialFingerprints(map[string]string{sarifFingerprintKey: key})
		// What a ladder-aware consumer needs that SARIF has no field for.
		props := sarif.NewPropertyBag()
		for _, kv := range [][2]string{{"ladder", f.Ladder}, {"level", f.Level}, {"path", f.Path}} {
			if kv[1] != "" {
				props.Add(kv[0], kv[1])
			}
		}
		if len(props.Properties) > 0 {
			res.WithProperties(props)
		}
	}

	// Code scanning shows a run that did not finish as such, rather than as a clean one.
	inv := sarif.NewInvocation().WithExecutionSuccessful(len(r.Errors) == 0)
	for _, e := range r.Errors {
		inv.AddToolExecutionNotification(sarif.NewNotification().WithLevel("error").WithMessage(sarif.NewTextMessage(e)))
	}
	run.AddInvocation(inv)

	if err := sarif.NewReport().AddRun(run).PrettyWrite(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// sarifRules is the rule catalogue of a run: the rules in force, then, sorted, every other
// rule a finding uses (load, config checks), at the worst severity it was reported with.
func sarifRules(r *Report) []finding.Rule {
	rules := slices.Clone(r.Rules)
	var extra []finding.Rule
	for _, f := range r.Findings {
		if slices.ContainsFunc(rules, func(x finding.Rule) bool { return x.ID == f.Rule }) {
			continue
		}
		if i := slices.IndexFunc(extra, func(x finding.Rule) bool { return x.ID == f.Rule }); i >= 0 {
			extra[i].Severity = max(extra[i].Severity, f.Severity)
			continue
		}
		rule := finding.Rule{ID: f.Rule, Severity: f.Severity}
		if f.Rule == finding.RuleLoad {
			rule.Title = "A file could not be read as ladders"
			rule.Description = "The file is missing, is not YAML, or does not match the ladder format."
		}
		extra = append(extra, rule)
	}
	slices.SortFunc(extra, func(a, b finding.Rule) int { return strings.Compare(a.ID, b.ID) })
	return append(rules, extra...)
}

func sarifHelp(rule finding.Rule) string {
	if rule.ID == finding.RuleLoad {
		return strings.TrimSpace(rule.Description + " Fix the file: load findings can be neither turned off nor waived.")
	}
	var b strings.Builder
	if d := cmpOr(rule.Description, rule.Title); d != "" {
		b.WriteString(strings.TrimSpace(d))
		b.WriteString("\n\n")
	}
	b.WriteString("Turn it off or change its severity under rules: in .ladderctl.yaml; " +
		"accept one finding with a waiver under exceptions: (rule, ladder, level, reason, expires).")
	if rule.Source != "" {
		b.WriteString("\n\nSource: " + rule.Source + ".")
	}
	return b.String()
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return sarif.LevelError
	case finding.Info:
		return sarif.LevelNote
	}
	return sarif.LevelWarning
}

// sarifURI writes a path as a URI reference: relative paths percent-encoded ("sales team.yaml"
// is not a valid URI), ":" too so a first segment is never read as a scheme; absolute paths,
// which lie outside the working directory, as file URIs.
func sarifURI(p string) string {
	u := url.URL{Path: p}
	if strings.HasPrefix(p, "/") {
		u.Scheme = "file"
		return u.String()
	}
	return strings.ReplaceAll(u.EscapedPath(), ":", "%3A")
}

// sarifFingerprint identifies a finding as the baseline does, by rule, ladder, level and
// message, never by line, so an alert survives edits that move it; a finding about a file
// rather than a ladder (load) is identified by its file instead.
func sarifFingerprint(f finding.Finding) string {
	subject := f.Ladder
	if subject == "" {
		subject = "file:" + f.File
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{f.Rule, subject, f.Level, f.Message}, "\x00")))
	return hex.EncodeToString(sum[:16])
}

// pascalCase turns a rule id into the identifier-like name SARIF wants: parity/top-grade ->
// ParityTopGrade, acme.titles/deny_ninja -> AcmeTitlesDenyNinja.
func pascalCase(id string) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(id, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(word)
		b.WriteString(strings.ToUpper(string(rs[0])) + string(rs[1:]))
	}
	if b.Len() == 0 {
		return id
	}
	return b.String()
}

// cmpOr returns the first of its arguments that is not blank.
func cmpOr(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
