package report

import (
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
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

// Pack is a policy pack from a registry as a run resolved it.
type Pack struct {
	Ref    string `json:"ref"`
	Digest string `json:"digest"`
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
	// Packs are the policy packs from a registry the run was judged by, each with the
	// digest its reference resolved to: a tag can move, the digest says what was run.
	Packs []Pack
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
	Color  bool   // ANSI colours, for a terminal
	FailOn string // the lowest severity that fails the run (error, warning, info, never); "" is error
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

// repoPaths makes a finding's file what code scanning and annotations want: a path relative
// to the repository's root (the nearest directory upward that holds .git, else the working
// directory), with forward slashes, however ladderctl was run: from a subdirectory, with
// ./ladders, or with an absolute path.
type repoPaths struct{ wd, root string }

func newRepoPaths() repoPaths {
	wd, _ := os.Getwd() // "" leaves paths as they were given
	return repoPaths{wd: wd, root: repoRoot(wd)}
}

// repoRoot is the nearest directory from dir upward that holds .git (a directory, or a file
// in a worktree), else dir itself.
func repoRoot(dir string) string {
	if dir == "" {
		return ""
	}
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// rel returns file relative to the repository, and whether it lies inside it; a file outside
// is returned as an absolute path.
func (p repoPaths) rel(file string) (string, bool) {
	if p.wd == "" {
		return cleanSlashes(file), !filepath.IsAbs(file)
	}
	abs := file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(p.wd, file)
	}
	if rel, err := filepath.Rel(p.root, abs); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel), true
	}
	return filepath.ToSlash(filepath.Clean(abs)), false
}

// rootURI is the repository's root as a file URI ending in "/", what relative URIs resolve
// against.
func (p repoPaths) rootURI() string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(p.root)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // a Windows drive: file:///C:/...
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String()
}

func cleanSlashes(file string) string {
	file = filepath.ToSlash(file)
	for strings.HasPrefix(file, "./") {
		file = strings.TrimLeft(file[2:], "/")
	}
	return file
}

// Incomplete says what kept the run from checking everything, one sentence each: the errors
// that stopped it, and the files that could not be read as ladders. None means the run
// checked everything it was asked to.
func (r *Report) Incomplete() []string {
	out := slices.Clone(r.Errors)
	if n := r.LoadErrorFiles(); n > 0 {
		out = append(out, output.Plural(n, "file")+" could not be read as ladders, so nothing in them was checked; the load findings say why.")
	}
	return out
}
