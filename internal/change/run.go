package change

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/gitref"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/policysource"
	"github.com/ladderctl/ladderctl/internal/report"
)

// Input is what Run reads. Run works in the process's working directory, which must be
// inside the git repository: the head side is the working tree, uncommitted edits included.
type Input struct {
	Ref    string              // --base; "" picks DefaultRef
	Getenv func(string) string // for GITHUB_BASE_REF
	// Head is how the working tree is judged: its config (--config, else the one found from
	// here) with flags and environment over it, as lint would judge it. Its clock, timeout
	// and file size limit serve the base side too, which is otherwise judged by its own config.
	Head   check.Settings
	Paths  []string // PATHs, relative to the working directory: they narrow both sides
	FailOn string
}

// Outcome is a diff and what it warns about.
type Outcome struct {
	Report   *Report
	Warnings diag.List // settings of the head side that do nothing, such as a param no rule reads
}

// DefaultRef is the ref a pull request is compared with: origin/$GITHUB_BASE_REF in GitHub
// Actions, else origin/main when it exists, else main.
func DefaultRef(ctx context.Context, repo *gitref.Repo, getenv func(string) string) string {
	if getenv != nil {
		if b := getenv("GITHUB_BASE_REF"); b != "" {
			return "origin/" + b
		}
	}
	if _, err := repo.Resolve(ctx, "origin/main"); err == nil {
		return "origin/main"
	}
	return "main"
}

// Run compares the merge-base of HEAD and the ref with the working tree, each side checked
// by its own config, params and policies. Problems on either side are in the report; the
// error is for what stops the diff altogether: not a repository, a ref that does not exist.
func Run(ctx context.Context, in Input) (*Outcome, error) {
	repo, err := gitref.Open(ctx, ".")
	if err != nil {
		return nil, err
	}
	ref := in.Ref
	if ref == "" {
		ref = DefaultRef(ctx, repo, in.Getenv)
	}
	target, err := repo.Resolve(ctx, ref)
	if err != nil {
		return nil, err
	}
	headCommit, err := repo.Resolve(ctx, "HEAD")
	if err != nil {
		return nil, &gitref.Error{Message: "the repository has no commit yet", Hint: "commit the ladders first: diff compares with a commit"}
	}
	mergeBase, err := repo.MergeBase(ctx, headCommit, target)
	if err != nil {
		return nil, err
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(wd); err == nil {
		wd = real
	}
	root := repo.Root()
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	tmp, err := os.MkdirTemp("", "ladderctl-diff-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	p := &paths{root: root, wd: wd, export: tmp}

	var head *Side
	var warnings diag.List
	var wg sync.WaitGroup
	wg.Go(func() { head, warnings = headSide(ctx, in, p) })
	base, baseNotes := baseSide(ctx, in, p, repo, mergeBase)
	wg.Wait()

	rep := Compare(base, head, Options{FailOn: in.FailOn, BuiltinParams: builtinParams(ctx)})
	rep.Base.Ref, rep.Base.Commit = ref, mergeBase
	rep.Head.WorkingTree = true
	rep.Notes = append(baseNotes, rep.Notes...)
	rep.normalise()
	return &Outcome{Report: rep, Warnings: warnings}, nil
}

// builtinParams returns the params the built-in rules declare: their defaults are what a
// param is on a side that does not set it, and their METADATA says which way loosens.
func builtinParams(ctx context.Context) func() map[string]finding.Param {
	return sync.OnceValue(func() map[string]finding.Param {
		e, err := policy.New(ctx, policy.Options{Builtin: true})
		if err != nil {
			return nil
		}
		return e.DeclaredParams()
	})
}

// paths maps between the working directory, the repository and the base side's export.
type paths struct {
	root   string // the repository's top directory
	wd     string // the working directory, inside root
	export string // where the base side's files are written
}

// abs makes a path given relative to the working directory absolute.
func (p *paths) abs(s string) string {
	if filepath.IsAbs(s) {
		return s
	}
	return filepath.Join(p.wd, s)
}

// repoRel returns an absolute path relative to the repository, and false when it is
// outside it.
func (p *paths) repoRel(abs string) (string, bool) {
	rel, err := filepath.Rel(p.root, abs)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return abs, false
	}
	return rel, true
}

// show turns a path of the head side into the path a report shows: relative to the
// repository root, with forward slashes.
func (p *paths) show(s string) string {
	if s == "" || s == "-" {
		return s
	}
	rel, ok := p.repoRel(p.abs(s))
	if !ok {
		return s
	}
	return filepath.ToSlash(rel)
}

// showBase turns a path of the base side's export into the path a report shows.
func (p *paths) showBase(s string) string {
	if rel, err := filepath.Rel(p.export, s); err == nil && (filepath.IsLocal(rel) || rel == ".") {
		return filepath.ToSlash(rel)
	}
	return s
}

// scrub rewrites the export directory out of a text from the base side.
func (p *paths) scrub(s string) string {
	s = strings.ReplaceAll(s, p.export+string(filepath.Separator), "")
	return strings.ReplaceAll(s, p.export, ".")
}

func headSide(ctx context.Context, in Input, p *paths) (*Side, diag.List) {
	s := in.Head
	side := &Side{FlagParams: s.FlagParams}
	s.Packs = slices.Clone(s.Packs)
	for i := range s.Packs { // a bundle is named by its path in the repository, as the base's is
		if policysource.IsBundle(s.Packs[i].Ref) {
			s.Packs[i].Ref = p.show(s.Packs[i].Ref)
		}
	}
	res := check.Run(ctx, s, check.Scope{})
	side.Baseline = res.Baseline
	show := packed(s.Packs, p.show)
	fill(side, res, show, func(s string) string { return s })
	side.PolicyFiles, side.PolicySums = policyFiles(ctx, s.Policies, show)
	side.Config = relocated(s.Config, p.show(s.Config.File))
	return side, res.Warnings
}

// baseSide exports the merge-base's config, ladders, policies and baseline, and checks
// them there. What goes wrong is in the side's Problems: the base is reported, never fatal.
func baseSide(ctx context.Context, in Input, p *paths, repo *gitref.Repo, commit string) (*Side, []string) {
	side := &Side{}
	var notes []string
	cfg, file, err := baseConfig(ctx, in, p, repo, commit)
	configLoaded := err == nil
	switch {
	case !configLoaded:
		side.Problems = append(side.Problems, p.scrub(err.Error()))
		cfg = &config.Config{Dir: "."}
	case file == "" && in.Head.Config.File != "":
		notes = append(notes, "The base had no config file: it was judged by the defaults.")
	}
	// A path of the base config, as it would be on disk: relative to the config's directory.
	onDisk := func(s string) string {
		switch {
		case filepath.IsAbs(s):
			return s
		case filepath.IsAbs(cfg.Dir):
			return filepath.Join(cfg.Dir, s)
		}
		return filepath.Join(p.root, cfg.Dir, s)
	}
	var export []string
	inExport := func(abs string) string {
		rel, ok := p.repoRel(abs)
		if !ok {
			return abs // outside the repository: the same file on both sides
		}
		export = append(export, ":(literal)"+filepath.ToSlash(rel))
		return filepath.Join(p.export, rel)
	}
	s := check.FromConfig(cfg)
	// The base is what the target branch already holds: its links are not the change's, and
	// it may have no ladder yet.
	s.Paths, s.Policies, s.Baseline, s.Repository = nil, nil, "", ""
	s.Timeout, s.Now, s.MaxFileSize = in.Head.Timeout, in.Head.Now, in.Head.MaxFileSize
	switch {
	case len(in.Paths) > 0:
		for _, l := range in.Paths {
			s.Paths = append(s.Paths, inExport(p.abs(l)))
		}
	case len(cfg.Ladders) > 0:
		for _, l := range cfg.Ladders {
			s.Paths = append(s.Paths, inExport(onDisk(l)))
		}
	default:
		s.Paths = append(s.Paths, inExport(p.abs(check.DefaultLadders)))
	}
	for _, d := range cfg.Policies {
		if policysource.IsRemote(d) { // a pack the base's config pins, resolved below
			s.Policies = append(s.Policies, d)
			continue
		}
		s.Policies = append(s.Policies, inExport(onDisk(d)))
	}
	if cfg.Baseline != "" {
		s.Baseline = inExport(onDisk(cfg.Baseline))
	}
	if len(export) > 0 { // none would export the whole tree
		if err := repo.Export(ctx, commit, p.export, export...); err != nil {
			side.Problems = append(side.Problems, err.Error())
		}
	}
	// The packs the base's config pins are the base's, not the change's: a change that bumps
	// a digest shows what the new pack flags and clears. They are reached as the head's are
	// (--offline, --plain-http), and bundles (exported from the base above) are verified with
	// the head's key; one that cannot be had is a problem of the base.
	if policysource.Needed(s.Policies, in.Head.Sources) {
		rctx, cancel := ctx, context.CancelFunc(func() {})
		if in.Head.Timeout > 0 { // --timeout bounds the pull, as on the head's side
			rctx, cancel = context.WithTimeout(ctx, in.Head.Timeout)
		}
		dirs, packs, err := policysource.Resolve(rctx, s.Policies, in.Head.Sources)
		cancel()
		if err != nil {
			side.Problems = append(side.Problems, "the base's policy pack: "+p.scrub(err.Error()))
			s.Policies = slices.DeleteFunc(s.Policies, policysource.IsPack)
			if in.Head.Sources.Verification.KeyFile != "" {
				s.Policies = nil // with a key, nothing of the base's runs unverified
			}
		} else {
			for i := range packs { // a bundle of the base is named by its path in the repository
				if policysource.IsBundle(packs[i].Ref) {
					packs[i].Ref = p.showBase(packs[i].Ref)
				}
			}
			s.Policies, s.Packs = dirs, packs
		}
	}
	// A ladder path the base does not have yet holds no ladders there: what the change adds.
	s.Paths = slices.DeleteFunc(s.Paths, func(l string) bool {
		_, err := os.Stat(l)
		return errors.Is(err, fs.ErrNotExist)
	})
	res := check.Run(ctx, s, check.Scope{MayCheckNothing: true})
	side.Baseline = res.Baseline
	show := packed(s.Packs, p.showBase)
	fill(side, res, show, p.scrub)
	side.PolicyFiles, side.PolicySums = policyFiles(ctx, s.Policies, show)
	if configLoaded {
		side.Config = cfg
	}
	return side, notes
}

// baseConfig reads the config the base side had: the file at the head config's place in the
// repository, else the first .ladderctl.yaml from the working directory up to the root. Its
// File and Dir are relative to the repository. A file outside the repository (--config) is
// the same on both sides.
func baseConfig(ctx context.Context, in Input, p *paths, repo *gitref.Repo, commit string) (*config.Config, string, error) {
	var candidates []string
	if in.Head.Config.File != "" {
		rel, ok := p.repoRel(p.abs(in.Head.Config.File))
		if !ok {
			cfg, err := config.Load(in.Head.Config.File)
			if err == nil {
				cfg.Dir = p.abs(cfg.Dir)
			}
			return cfg, in.Head.Config.File, err
		}
		candidates = []string{rel}
	} else if rel, ok := p.repoRel(p.wd); ok {
		for dir := rel; ; dir = filepath.Dir(dir) {
			candidates = append(candidates, filepath.Join(dir, config.FileName))
			if dir == "." {
				break
			}
		}
	}
	for _, c := range candidates {
		data, err := repo.Show(ctx, commit, c)
		if err != nil {
			continue // not there at the base
		}
		cfg, err := config.Parse(filepath.ToSlash(c), data)
		if err != nil {
			return nil, c, err
		}
		return cfg, c, nil
	}
	return &config.Config{Dir: "."}, "", nil
}

// packed shows a file of an oci:// pack by the pack's name and its path in the pack,
// oci://HOST/REPO//PATH, the same on both sides whatever version each pins, so that a bump
// of the digest compares the pack's files one by one; other paths go through show.
func packed(packs []policysource.Pack, show func(string) string) func(string) string {
	return func(s string) string {
		if pk, rel, ok := policysource.Of(packs, s); ok {
			return pk.Name() + "//" + rel
		}
		if pk, rel, ok := policysource.Shown(packs, s); ok { // a rule's source, as check shows it
			return pk.Name() + "//" + rel
		}
		if policysource.IsRemote(s) {
			return s
		}
		return show(s)
	}
}

// fill takes what a check found into a side, with paths as the report shows them.
func fill(side *Side, res *check.Result, show, scrub func(string) string) {
	for _, l := range res.Set.Ladders {
		l.File = show(l.File)
		side.Ladders = append(side.Ladders, l)
	}
	mapped := func(fs []finding.Finding) []finding.Finding {
		out := make([]finding.Finding, 0, len(fs))
		for _, f := range fs {
			f.File = show(f.File)
			f.Message = scrub(f.Message)
			out = append(out, f)
		}
		return out
	}
	side.Findings = mapped(res.Outcome.Findings)
	side.Waived = mapped(res.Outcome.Waived)
	side.Baselined = mapped(res.Outcome.Baselined)
	for _, r := range res.Rules {
		if r.Source != finding.BuiltinSource {
			r.Source = show(r.Source)
		}
		side.Rules = append(side.Rules, r)
	}
	for _, e := range res.Problems {
		side.Problems = append(side.Problems, scrub(e.Error()))
	}
	for _, pk := range res.Packs {
		side.Packs = append(side.Packs, report.Pack{Ref: pk.Ref, Digest: pk.Digest.String()})
	}
}

// relocated copies a config with its File and Dir as the report shows them.
func relocated(cfg *config.Config, file string) *config.Config {
	c := *cfg
	c.File = file
	if file != "" {
		c.Dir = filepath.ToSlash(filepath.Dir(file))
	}
	return &c
}

// policyFiles lists the .rego files the policy engine loads from dirs, as the report shows
// them, with a digest of each.
func policyFiles(ctx context.Context, dirs []string, show func(string) string) ([]string, map[string]string) {
	files, sums := policy.Sources(ctx, dirs)
	out := make([]string, 0, len(files))
	shown := make(map[string]string, len(sums))
	for _, f := range files {
		out = append(out, show(f))
		if sum, ok := sums[f]; ok {
			shown[show(f)] = sum
		}
	}
	slices.Sort(out)
	return slices.Compact(out), shown
}
