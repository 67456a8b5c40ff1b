package ladder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// Options tune Load.
type Options struct {
	MaxFileSize int64     // bytes; 0 means DefaultMaxFileSize
	Stdin       io.Reader // read for the path "-"
	StdinName   string    // the file name findings give for standard input
	// Context bounds the run (--timeout): a walk or a read past its deadline stops, with a
	// load error saying what was not read.
	Context context.Context
	// Each, when set, is called with every ladder as soon as it is parsed, from the loading
	// goroutines, before names are checked for duplicates: a ladder Load then drops as a
	// copy has been seen by Each too.
	Each func(*Ladder)
}

// Set is what Load found: the readable ladders and the problems of everything else.
type Set struct {
	Ladders  []*Ladder
	Files    int
	Problems []finding.Finding
}

// Load reads every ladder under paths. Files are parsed concurrently; the result is in a
// stable order (paths as given, directories walked in lexical order), so output never
// depends on scheduling.
func Load(paths []string, opts Options) *Set {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	set := &Set{}
	var files, real []string
	for _, p := range paths {
		found, problems := discover(ctx, p)
		files = append(files, found.Files...)
		real = append(real, found.Real...)
		set.Problems = append(set.Problems, problems...)
	}
	files = dedupe(files, real)
	set.Files = len(files)

	type parsed struct {
		ladders  []*Ladder
		problems []finding.Finding
	}
	results := make([]parsed, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for i := range next {
				if ctx.Err() != nil {
					continue // counted below: one finding, not one per file
				}
				name, data, problem := read(files[i], opts)
				if problem != nil {
					results[i].problems = []finding.Finding{*problem}
					continue
				}
				results[i].ladders, results[i].problems = Parse(name, data)
				if opts.Each != nil {
					for _, l := range results[i].ladders {
						opts.Each(l)
					}
				}
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	byName := map[string]*Ladder{}
	unread := 0
	for _, r := range results {
		if r.ladders == nil && r.problems == nil {
			unread++
		}
		set.Problems = append(set.Problems, r.problems...)
		for _, l := range r.ladders {
			if first, dup := byName[l.Name]; dup {
				f := loadError(l.File, l.NamePos.Line, l.NamePos.Column, fmt.Sprintf(
					"the ladder name %q is already used by the ladder in %s:%d; give each ladder its own metadata.name",
					l.Name, first.File, first.NamePos.Line))
				f.Ladder, f.Path = l.Name, "metadata.name"
				set.Problems = append(set.Problems, f)
				continue
			}
			byName[l.Name] = l
			set.Ladders = append(set.Ladders, l)
		}
	}
	if unread > 0 && ctx.Err() != nil {
		set.Problems = append(set.Problems, loadError(paths[0], 0, 0, fmt.Sprintf(
			"%d of %d files were not read before the timeout; lint fewer files at once, or raise --timeout", unread, len(files))))
	}
	return set
}

// discover lists the ladder files a path names, with their real paths: the file itself, or
// the .yaml and .yml files under a directory, skipping hidden directories and directory
// symlinks that loop.
func discover(ctx context.Context, path string) (safefile.Listing, []finding.Finding) {
	if path == "-" {
		return safefile.Listing{Files: []string{"-"}, Real: []string{"-"}}, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return safefile.Listing{}, []finding.Finding{loadError(path, 0, 0, safefile.Reason(err))}
	}
	if !info.IsDir() {
		real, err := safefile.RealPath(path)
		if err != nil {
			real = path
		}
		return safefile.Listing{Files: []string{path}, Real: []string{real}}, nil
	}
	found, err := safefile.Walk(ctx, path, isLadderFile)
	var many safefile.TooManyError
	switch {
	case errors.As(err, &many):
		return safefile.Listing{}, []finding.Finding{loadError(path, 0, 0, "this directory "+many.Error()+"; name the ladder directories themselves (such as ladders/)")}
	case ctx.Err() != nil:
		return safefile.Listing{}, []finding.Finding{loadError(path, 0, 0, "the walk of this directory did not finish within the timeout; name the ladder directories themselves (such as ladders/), or raise --timeout")}
	case err != nil:
		return safefile.Listing{}, []finding.Finding{loadError(path, 0, 0, safefile.Reason(err))}
	}
	var problems []finding.Finding
	for _, s := range found.Skips {
		if errors.Is(s.Err, safefile.ErrOutside) {
			root, _ := filepath.EvalSymlinks(path)
			problems = append(problems, finding.Finding{Rule: finding.RuleLoad, Severity: finding.Warning, File: s.Path,
				Message: "this symbolic link leads outside " + root + ", so it is not followed; name its target on the command line to lint it"})
			continue
		}
		problems = append(problems, loadError(s.Path, 0, 0, safefile.Reason(s.Err)))
	}
	return found, problems
}

func isLadderFile(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".yaml" || ext == ".yml"
}

// dedupe drops later mentions of a file already listed, however its path is spelt
// (ladders/a.yaml, ./ladders/a.yaml, an absolute path, a symlink), so no ladder is reported
// as a copy of itself: real holds each file's real path, as discover found it.
func dedupe(files, real []string) []string {
	seen := make(map[string]bool, len(files))
	out := files[:0]
	for i, f := range files {
		if !seen[real[i]] {
			seen[real[i]] = true
			out = append(out, f)
		}
	}
	return out
}

// read returns a file's name for findings and its contents, refusing files over the limit
// before reading them.
func read(path string, opts Options) (string, []byte, *finding.Finding) {
	name := path
	if path == "-" {
		name = opts.StdinName
		if name == "" {
			name = "<stdin>"
		}
		if opts.Stdin == nil {
			f := loadError(name, 0, 0, "standard input is not available")
			return name, nil, &f
		}
		r := opts.Stdin
		data, err := io.ReadAll(io.LimitReader(r, opts.MaxFileSize+1))
		if err != nil {
			p := loadError(name, 0, 0, safefile.Reason(err))
			return name, nil, &p
		}
		if int64(len(data)) > opts.MaxFileSize {
			p := loadError(name, 0, 0, tooBig(opts.MaxFileSize))
			return name, nil, &p
		}
		return name, data, nil
	}
	data, err := safefile.Read(path, opts.MaxFileSize)
	var big *safefile.TooBigError
	switch {
	case errors.As(err, &big):
		p := loadError(path, 0, 0, tooBig(opts.MaxFileSize))
		return name, nil, &p
	case err != nil:
		p := loadError(path, 0, 0, safefile.Reason(err))
		return name, nil, &p
	}
	return name, data, nil
}

func tooBig(limit int64) string {
	return fmt.Sprintf("the file is over the %s size limit for a ladder file; split it into several files, or raise the limit with --max-file-size", safefile.Size(limit))
}
