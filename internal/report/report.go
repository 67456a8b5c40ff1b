package report

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/output"
)

// Summary counts what a run checked and found.
type Summary struct {
	Files      int `json:"files"`
	Ladders    int `json:"ladders"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Infos      int `json:"infos"`
	LoadErrors int `json:"load_errors"`
	Waived     int `json:"waived"`
	Baselined  int `json:"baselined"`
	// NothingChecked says why the run checked nothing (no ladder found, no rule in force),
	// so that a script reading the counts never takes zero findings for a pass.
	NothingChecked string `json:"nothing_checked,omitempty"`
}

// Report is everything a format prints: the findings of a run and its counts.
type Report struct {
	Summary Summary
	Errors  []string // what kept the run from checking everything; the findings are partial
	// Unchecked says why nothing was checked at all; each is among Errors too, so every
	// format that says a run was incomplete (a SARIF invocation that did not succeed) says it.
	Unchecked []string
	Findings  []finding.Finding
	Waived    []finding.Finding // accepted by waivers or the baseline; listed only when asked for
	Ladders   []Checked         // every ladder evaluated, for formats that list what passed
	Rules     []finding.Rule    // every rule in force, for formats that describe rules
	Tool      Tool
}

// Checked is a ladder that was evaluated.
type Checked struct {
	Name string
	File string
}

// Tool names the program that made a report.
type Tool struct {
	Name        string
	Version     string
	PackVersion string // version of the built-in rule pack
	InfoURI     string
}

// New sorts the findings and counts them by severity.
func New(files, ladders int, findings []finding.Finding) *Report {
	finding.Sort(findings)
	r := &Report{Summary: Summary{Files: files, Ladders: ladders}, Findings: findings}
	for _, f := range findings {
		switch f.Severity {
		case finding.Error:
			r.Summary.Errors++
		case finding.Warning:
			r.Summary.Warnings++
		case finding.Info:
			r.Summary.Infos++
		}
		if f.Rule == finding.RuleLoad {
			r.Summary.LoadErrors++
		}
	}
	return r
}

// Worst returns the highest severity among the findings, or 0 when there are none.
func (r *Report) Worst() finding.Severity {
	var worst finding.Severity
	for _, f := range r.Findings {
		worst = max(worst, f.Severity)
	}
	return worst
}

// LoadErrorFiles counts the files that could not be read as ladders, in full or in part.
func (r *Report) LoadErrorFiles() int {
	files := map[string]bool{}
	for _, f := range r.Findings {
		if f.IsLoadError() {
			files[f.File] = true
		}
	}
	return len(files)
}

// Options tune how a format prints.
type Options struct {
	Color bool // ANSI colours, for a terminal
}

// Format prints a report in one output format.
type Format interface {
	output.Format
	Write(w io.Writer, r *Report, opts Options) error
}

// Formats lists every output format of lint, the default first; it drives flag help,
// validation and completion.
var Formats = output.NewRegistry[Format](textFormat{}, jsonFormat{}, sarifFormat{}, junitFormat{}, githubFormat{}, markdownFormat{})

// Lookup finds one of lint's formats by name: Formats.Lookup, kept for internal/check's
// benchmark, which calls it.

// toolName is the name a report is signed with, for reports made without a Tool.
func toolName(r *Report) string {
	if r.Tool.Name == "" {
		return "ladderctl"
	}
	return r.Tool.Name
}

// counts says what the findings were, e.g. "2 errors, 1 warning"; "" when there were none.
func counts(s Summary) string {
	var parts []string
	for _, c := range []struct {
		n    int
		noun string
	}{{s.Errors, "error"}, {s.Warnings, "warning"}, {s.Infos, "info"}} {
		if c.n > 0 {
			parts = append(parts, output.Plural(c.n, c.noun))
		}
	}
	return strings.Join(parts, ", ")
}

// repoPath turns a finding's file into a path relative to the repository, as code scanning
// and annotations want it: forward slashes, no leading "./", and an absolute path under the
// working directory wd made relative to it (CI runs from the repository root).
func repoPath(file, wd string) string {
	if filepath.IsAbs(file) && wd != "" {
		if rel, err := filepath.Rel(wd, file); err == nil && filepath.IsLocal(rel) {
			file = rel
		}
	}
	file = filepath.ToSlash(file)
	for strings.HasPrefix(file, "./") {
		file = strings.TrimLeft(file[2:], "/")
	}
	return file
}
