package compare

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/gitref"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/suggest"
)

// Resolver finds the ladder an argument names: a file path; else REF:PATH, a file at a git
// ref; else the NAME of a ladder found under the configured paths (cli.md, compare).
type Resolver struct {
	Paths       []string // where a ladder NAME is looked for
	Ladder      string   // --ladder: the ladder to take from a file that holds several
	MaxFileSize int64    // 0 means ladder.DefaultMaxFileSize
	Dir         string   // where git runs; "" is the working directory

	repo *gitref.Repo
}

// Resolve reads the ladder an argument names. Load errors come back as a diag.List, one
// entry per finding, so they print as file:line:col: message.
func (r *Resolver) Resolve(ctx context.Context, arg string) (*Source, error) {
	if arg == "" {
		return nil, errors.New("an empty argument names no ladder; give a file, REF:PATH or a ladder name")
	}
	if info, err := os.Stat(arg); err == nil {
		if info.IsDir() {
			return nil, fmt.Errorf("%s is a directory; name a ladder file, or a ladder by its name", arg)
		}
		return r.fromFile(arg)
	}
	if ref, p, ok := splitRef(arg); ok {
		return r.fromGit(ctx, ref, p)
	}
	if strings.ContainsAny(arg, `/\`) || isYAML(arg) {
		return nil, &diag.Error{File: arg, Message: "no such file", Hint: "check the path; a ladder in git is REF:PATH, such as main:ladders/acme.yaml"}
	}
	return r.byName(arg)
}

// AtRef reads a ladder as it was at a git ref: the same file, relative to the repository
// root, and in it the ladder of the same name (or the only one, if it was renamed).
func (r *Resolver) AtRef(ctx context.Context, now *Source, ref string) (*Source, error) {
	p := now.Path
	if now.Ref == "" {
		repo, err := r.openRepo(ctx)
		if err != nil {
			return nil, err
		}
		if p, err = repoPath(repo.Root(), now.Path); err != nil {
			return nil, err
		}
	}
	data, commit, err := r.show(ctx, ref, p)
	if err != nil {
		return nil, err
	}
	file := ref + ":" + filepath.ToSlash(p)
	ladders, problems := ladder.Parse(file, data)
	if err := loadErrors(problems); err != nil {
		return nil, err
	}
	var l *ladder.Ladder
	if i := slices.IndexFunc(ladders, func(l *ladder.Ladder) bool { return l.Name == now.Name() }); i >= 0 {
		l = ladders[i]
	} else if len(ladders) == 1 {
		l = ladders[0] // renamed since
	} else {
		return nil, fmt.Errorf("%s holds no ladder named %q (it holds %s)", file, now.Name(), names(ladders))
	}
	src, err := NewSource(l, ref, p)
	if err != nil {
		return nil, err
	}
	src.Commit = commit
	return src, nil
}

func (r *Resolver) fromFile(path string) (*Source, error) {
	set := ladder.Load([]string{path}, ladder.Options{MaxFileSize: r.MaxFileSize})
	if err := loadErrors(set.Problems); err != nil {
		return nil, err
	}
	l, err := r.pick(set.Ladders, path)
	if err != nil {
		return nil, err
	}
	return NewSource(l, "", path)
}

func (r *Resolver) fromGit(ctx context.Context, ref, p string) (*Source, error) {
	if p == "" {
		return nil, fmt.Errorf("%s: name a file after the ref, such as %s:ladders/acme.yaml", ref+":", ref)
	}
	data, commit, err := r.show(ctx, ref, p)
	if err != nil {
		return nil, err
	}
	file := ref + ":" + p
	ladders, problems := ladder.Parse(file, data)
	if err := loadErrors(problems); err != nil {
		return nil, err
	}
	l, err := r.pick(ladders, file)
	if err != nil {
		return nil, err
	}
	src, err := NewSource(l, ref, p)
	if err != nil {
		return nil, err
	}
	src.Commit = commit
	return src, nil
}

// show reads a file at a ref, within the size limit, and returns the commit the ref names.
func (r *Resolver) show(ctx context.Context, ref, p string) ([]byte, string, error) {
	repo, err := r.openRepo(ctx)
	if err != nil {
		return nil, "", err
	}
	commit, err := repo.Resolve(ctx, ref)
	if err != nil {
		return nil, "", err
	}
	data, err := repo.Show(ctx, commit, p)
	if err != nil {
		return nil, "", err
	}
	if limit := r.maxFileSize(); int64(len(data)) > limit {
		return nil, "", &diag.Error{File: ref + ":" + p, Message: fmt.Sprintf("the file is over the %d MiB size limit for a ladder file", limit>>20)}
	}
	return data, commit, nil
}

func (r *Resolver) byName(name string) (*Source, error) {
	set := ladder.Load(r.Paths, ladder.Options{MaxFileSize: r.MaxFileSize})
	for _, l := range set.Ladders {
		if l.Name != name {
			continue
		}
		if err := loadErrors(inFile(set.Problems, l.File)); err != nil {
			return nil, err
		}
		return NewSource(l, "", l.File)
	}
	// A ladder of that name that did not load: say why.
	var own []finding.Finding
	for _, f := range set.Problems {
		if f.Ladder == name {
			own = append(own, f)
		}
	}
	if err := loadErrors(own); err != nil {
		return nil, err
	}
	var all []string
	for _, l := range set.Ladders {
		all = append(all, l.Name)
	}
	where := strings.Join(r.Paths, ", ")
	msg := fmt.Sprintf("no file %q, and no ladder named %q in %s", name, name, where)
	if hint := suggest.DidYouMean(name, all); hint != "" {
		return nil, errors.New(msg + hint)
	}
	switch {
	case len(all) > 0 && len(all) <= 10:
		msg += "; the ladders there are " + strings.Join(all, ", ")
	case len(all) == 0:
		msg += "; no ladder was found there"
	}
	if n := filesWithErrors(set.Problems); n > 0 {
		msg += fmt.Sprintf(" (%d could not be read; ladderctl lint %s shows why)", n, where)
	}
	return nil, errors.New(msg)
}

// pick chooses the ladder of a file: the only one, or the one --ladder names.
func (r *Resolver) pick(ladders []*ladder.Ladder, file string) (*ladder.Ladder, error) {
	switch {
	case len(ladders) == 0:
		return nil, &diag.Error{File: file, Message: "no ladder in this file"}
	case len(ladders) == 1:
		return ladders[0], nil
	case r.Ladder == "":
		return nil, fmt.Errorf("%s holds %d ladders (%s); choose one with --ladder NAME", file, len(ladders), names(ladders))
	}
	for _, l := range ladders {
		if l.Name == r.Ladder {
			return l, nil
		}
	}
	var all []string
	for _, l := range ladders {
		all = append(all, l.Name)
	}
	return nil, fmt.Errorf("--ladder %s: %s holds no ladder of that name%s (it holds %s)", r.Ladder, file, suggest.DidYouMean(r.Ladder, all), names(ladders))
}

func (r *Resolver) openRepo(ctx context.Context) (*gitref.Repo, error) {
	if r.repo != nil {
		return r.repo, nil
	}
	repo, err := gitref.Open(ctx, cmp.Or(r.Dir, "."))
	if err != nil {
		return nil, err
	}
	r.repo = repo
	return repo, nil
}

func (r *Resolver) maxFileSize() int64 {
	if r.MaxFileSize > 0 {
		return r.MaxFileSize
	}
	return ladder.DefaultMaxFileSize
}

// windowsPath matches C:\ and C:/, which are paths, not refs.
var windowsPath = regexp.MustCompile(`^[A-Za-z]:[\\/]`)

// splitRef reads REF:PATH. A Windows path such as C:\ladders\a.yaml is not a ref, nor is
// :PATH (git's index).
func splitRef(arg string) (ref, path string, ok bool) {
	if windowsPath.MatchString(arg) {
		return "", "", false
	}
	ref, path, ok = strings.Cut(arg, ":")
	if !ok || ref == "" {
		return "", "", false
	}
	return ref, path, true
}

// repoPath is a file's path relative to the repository root, as git names it.
func repoPath(root, file string) (string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside the git repository at %s, so it has no version at a ref", file, root)
	}
	return filepath.ToSlash(rel), nil
}

// loadErrors turns load findings of severity error (and "no ladder in this file") into a
// diag.List, or returns nil when there are none.
func loadErrors(problems []finding.Finding) error {
	var out diag.List
	for _, f := range problems {
		if f.Rule != finding.RuleLoad {
			continue
		}
		if f.Severity != finding.Error && !strings.HasPrefix(f.Message, "no ladder in this file") {
			continue
		}
		out = append(out, &diag.Error{File: f.File, Line: f.Line, Column: f.Column, Message: f.Message})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func inFile(fs []finding.Finding, file string) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.File == file {
			out = append(out, f)
		}
	}
	return out
}

func filesWithErrors(fs []finding.Finding) int {
	files := map[string]bool{}
	for _, f := range fs {
		if f.IsLoadError() {
			files[f.File] = true
		}
	}
	return len(files)
}

func names(ls []*ladder.Ladder) string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Name)
	}
	return strings.Join(out, ", ")
}

func isYAML(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".yaml" || ext == ".yml"
}
