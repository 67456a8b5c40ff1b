package report

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/output"
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

// sarifPacksKey holds, in the run's properties, the policy packs from a registry the run was
// judged by, each with its digest.
const sarifPacksKey = "ladderctl-policy-packs"

// sarifFingerprintKey names the partial fingerprint of a finding by rule, ladder, level and
// message. Code scanning tracks alerts by primaryLocationLineHash alone, which upload-sarif
// computes from the text of the line; this one is for tools that read the log themselves.
const sarifFingerprintKey = "ladderctl/v1"

// sarifSrcRoot is the base every relative artifact URI is resolved against: the repository.
const sarifSrcRoot = "%SRCROOT%"

// GitHub code scanning's limits on what one run may hold.
const (
	sarifMaxResults     = 25000
	sarifMaxDescription = 1024 // characters of a rule's short and full descriptions
	sarifMaxName        = 255  // characters of a rule's name
)

func (sarifFormat) Write(w io.Writer, r *Report, _ Options) error {
	paths := newRepoPaths()
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
	if len(r.Packs) > 0 {
		// The digest each oci:// pack resolved to, so that the run can be reproduced.
		run.WithProperties(sarif.NewPropertyBag().Add(sarifPacksKey, r.Packs))
	}
	// The YAML parser counts columns in characters, not UTF-16 units (SARIF's default).
	run.WithColumnKind("unicodeCodePoints")
	// Paths are relative to the repository, wherever in it ladderctl runs: code scanning
	// resolves them against the checkout, so a monorepo's alerts point at the right files.
	run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{sarifSrcRoot: *sarif.NewArtifactLocation().WithURI(paths.rootURI())})

	for _, rule := range sarifRules(r) {
		d := run.AddRule(rule.ID).
			WithName(truncate(pascalCase(rule.ID), sarifMaxName)).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(truncate(cmpOr(rule.Title, rule.ID), sarifMaxDescription))).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(truncate(cmpOr(rule.Description, rule.Title, rule.ID), sarifMaxDescription))).
			WithHelp(sarif.NewMultiformatMessageString().WithText(sarifHelp(rule)).WithMarkdown(sarifHelpMarkdown(rule))).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(rule.Severity)))
		if u := rule.DocsURL(); u != "" {
			d.WithHelpURI(u)
		}
		// Code scanning filters alerts by tags, and ranks them by precision: the built-in rules
		// judge the ladder's own data, so what they report is there; a user's rule may guess.
		props := sarif.NewPropertyBag().WithTags(append([]string{"ladderctl"}, rule.Tags...))
		props.Add("precision", sarifPrecision(rule))
		d.WithProperties(props)
	}

	findings, left := sarifFindings(r.Findings)
	seen := map[string]int{} // fingerprint key -> findings so far, to tell identical ones apart
	for _, f := range findings {
		res := run.CreateResultForRule(f.Rule).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(cmpOr(f.Message, f.Rule)))
		// A finding always has a file in practice; without one there is nothing to point at.
		if f.File != "" {
			res.AddLocation(sarif.NewLocationWithPhysicalLocation(sarifLocation(f, paths)))
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

	// Code scanning shows a run that could not check everything as such, rather than as a
	// clean one: what stopped it, and the files that could not be read, are notifications.
	incomplete := r.Incomplete()
	inv := sarif.NewInvocation().WithExecutionSuccessful(len(incomplete) == 0)
	for _, e := range incomplete {
		inv.AddToolExecutionNotification(sarif.NewNotification().WithLevel("error").WithMessage(sarif.NewTextMessage(e)))
	}
	if left > 0 {
		inv.AddToolExecutionNotification(sarif.NewNotification().WithLevel("warning").WithMessage(sarif.NewTextMessage(fmt.Sprintf(
			"%s of the lowest severities are not in this log: GitHub code scanning takes at most %d results per run. "+
				"Run ladderctl lint -o text or -o json to see every finding.", output.Plural(left, "finding"), sarifMaxResults))))
	}
	run.AddInvocation(inv)

	var raw bytes.Buffer
	if err := sarif.NewReport().AddRun(run).Write(&raw); err != nil {
		return err
	}
	return sarifCompact(w, raw.Bytes())
}

// sarifLocation points at a finding: its file relative to the repository (or, outside it, as
// a file URI) and, when the file could be opened, the line and column of the node.
func sarifLocation(f finding.Finding, paths repoPaths) *sarif.PhysicalLocation {
	rel, inRepo := paths.rel(f.File)
	art := sarif.NewSimpleArtifactLocation(sarifURI(rel))
	if inRepo {
		art.WithURIBaseID(sarifSrcRoot)
	}
	loc := sarif.NewPhysicalLocation().WithArtifactLocation(art)
	if f.Line > 0 {
		loc.WithRegion(sarif.NewRegion().WithStartLine(f.Line).WithStartColumn(max(f.Column, 1)))
	}
	return loc
}

// sarifFindings keeps at most GitHub's number of results, the most severe first, and says how
// many were left out. The findings keep their order otherwise.
func sarifFindings(fs []finding.Finding) (_ []finding.Finding, left int) {
	if len(fs) <= sarifMaxResults {
		return fs, 0
	}
	kept := slices.Clone(fs)
	slices.SortStableFunc(kept, func(a, b finding.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	kept = kept[:sarifMaxResults]
	finding.Sort(kept)
	return kept, len(fs) - sarifMaxResults
}

// sarifCompact rewrites the log without what the library writes for every object whatever
// its content: empty arrays and objects, and the -1 that stands for "no index" (SARIF's
// default for every index, rank and offset). That is a third of the log's size, and code
// scanning reads "id": -1 on a location as an id. A run's results stay even when empty: an
// empty list says the run found nothing, an absent one that it did not look.
func sarifCompact(w io.Writer, raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	doc, _ = compact(doc, "")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// compact drops the empty and default values under v; keep is false when v itself should go.
func compact(v any, key string) (_ any, keep bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			if c, ok := compact(child, k); ok {
				v[k] = c
			} else {
				delete(v, k)
			}
		}
		return v, len(v) > 0
	case []any:
		out := v[:0]
		for _, child := range v {
			if c, ok := compact(child, ""); ok {
				out = append(out, c)
			}
		}
		return out, len(out) > 0 || key == "results"
	case json.Number:
		return v, v.String() != "-1"
	}
	return v, true
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
			rule = finding.LoadRule
			rule.Severity = f.Severity
		}
		extra = append(extra, rule)
	}
	slices.SortFunc(extra, func(a, b finding.Rule) int { return strings.Compare(a.ID, b.ID) })
	return append(rules, extra...)
}

// configAdvice says how a repository turns a rule down or accepts one of its findings.
func configAdvice(rule finding.Rule) string {
	if rule.ID == finding.RuleLoad {
		return "Load findings can be neither turned off nor waived."
	}
	return "Turn it off or change its severity under rules: in .ladderctl.yaml; " +
		"accept one finding with a waiver under exceptions: (rule, ladder, level, reason, expires)."
}

func sarifHelp(rule finding.Rule) string {
	var parts []string
	for _, s := range []string{cmpOr(rule.Description, rule.Title), rule.Why, rule.Fix, configAdvice(rule)} {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	if rule.Source != "" && rule.Source != finding.BuiltinSource {
		parts = append(parts, "Source: "+rule.Source+".")
	}
	if u := rule.DocsURL(); u != "" {
		parts = append(parts, "More: "+u)
	}
	return strings.Join(parts, "\n\n")
}

// sarifHelpMarkdown is the help code scanning shows beside an alert: what the rule checks,
// why it matters, how to fix it, and where its page is. Text from a user's METADATA is
// escaped like any other text for GitHub.
func sarifHelpMarkdown(rule finding.Rule) string {
	var b strings.Builder
	b.WriteString(output.MarkdownText(cmpOr(rule.Description, rule.Title, rule.ID)) + "\n")
	if rule.Why != "" {
		b.WriteString("\n**Why it matters.** " + output.MarkdownText(rule.Why) + "\n")
	}
	if rule.Fix != "" {
		b.WriteString("\n**How to fix it.** " + output.MarkdownText(rule.Fix) + "\n")
	}
	b.WriteString("\n" + output.MarkdownText(configAdvice(rule)) + "\n")
	if u := rule.DocsURL(); u != "" {
		b.WriteString("\n[The rule's page](" + u + ")\n")
	} else if rule.Source != "" {
		b.WriteString("\nSource: " + output.MarkdownCode(rule.Source) + "\n")
	}
	return b.String()
}

func sarifPrecision(rule finding.Rule) string {
	if rule.Source == finding.BuiltinSource {
		return "very-high"
	}
	return "high"
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
// which lie outside the repository, as file URIs.
func sarifURI(p string) string {
	u := url.URL{Path: p}
	if strings.HasPrefix(p, "/") {
		u.Scheme = "file"
		return u.String()
	}
	return strings.ReplaceAll(u.EscapedPath(), ":", "%3A")
}

// sarifFingerprint identifies a finding as the baseline does, by rule, ladder, level and
// message, never by line; a finding about a file rather than a ladder (load) is identified by
// its file instead.
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

// truncate keeps text within n characters, ending with "…" when it was cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
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
