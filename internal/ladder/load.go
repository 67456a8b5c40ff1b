package ladder

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"

	"github.com/ladderctl/ladderctl/internal/finding"
)

// Options tune Load.
type Options struct {
	MaxFileSize int64     // bytes; 0 means DefaultMaxFileSize
	Stdin       io.Reader // read for the path "-"
	StdinName   string    // the file name findings give for standard input
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
	set := &Set{}
	var files []string
	for _, p := range paths {
		found, problems := discover(p)
		files = append(files, found...)
		set.Problems = append(set.Problems, problems...)
	}
	files = dedupe(files)
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
	for _, r := range results {
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
	return set
}

// discover lists the ladder files a path names: the file itself, or the .yaml and .yml files
// under a directory, skipping hidden directories and directory symlinks that loop.
func discover(path string) ([]string, []finding.Finding) {
	if path == "-" {
		return []string{"-"}, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, []finding.Finding{loadError(path, 0, 0, openError(err))}
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	root, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, []finding.Finding{loadError(path, 0, 0, openError(err))}
	}
	w := walker{visited: map[string]bool{}, root: root}
	w.walk(path)
	return w.files, w.problems
}

type walker struct {
	root     string          // real path of the directory named: links may not leave it
	visited  map[string]bool // real paths of the directories entered
	files    []string
	problems []finding.Finding
}

func (w *walker) walk(dir string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		w.problems = append(w.problems, loadError(dir, 0, 0, openError(err)))
		return
	}
	if w.visited[real] {
		return // a symlink back to a directory already walked
	}
	w.visited[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.problems = append(w.problems, loadError(dir, 0, 0, openError(err)))
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil {
				if isLadderFile(p) {
					w.problems = append(w.problems, loadError(p, 0, 0, openError(err)))
				}
				continue
			}
			isDir = info.IsDir()
			// A link added in a pull request must not make CI read the machine's files.
			if target, err := filepath.EvalSymlinks(p); err == nil && !within(target, w.root) && (isDir || isLadderFile(p)) {
				w.problems = append(w.problems, finding.Finding{Rule: finding.RuleLoad, Severity: finding.Warning, File: p,
					Message: "this symbolic link leads outside " + w.root + ", so it is not followed; name its target on the command line to lint it"})
				continue
			}
		}
		switch {
		case strings.HasPrefix(e.Name(), "."): // hidden: editors' and tools' files, not ladders
		case isDir:
			w.walk(p)
		case isLadderFile(p):
			w.files = append(w.files, p)
		}
	}
}

// within tells whether path is root or lies under it.
func within(path, root string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func isLadderFile(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".yaml" || ext == ".yml"
}

// dedupe drops later mentions of a file already listed, however its path is spelt
// (ladders/a.yaml, ./ladders/a.yaml, an absolute path, a symlink), so no ladder is reported
// as a copy of itself.
func dedupe(files []string) []string {
	seen := make(map[string]bool, len(files))
	out := files[:0]
	for _, f := range files {
		key := f
		if f != "-" {
			if real, err := filepath.EvalSymlinks(f); err == nil {
				key = real
			}
			if abs, err := filepath.Abs(key); err == nil {
				key = abs
			}
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
	}
	return out
}

// read returns a file's name for findings and its contents, refusing files over the limit
// before reading them.
func read(path string, opts Options) (string, []byte, *finding.Finding) {
	name := path
	var r io.Reader
	if path == "-" {
		name = opts.StdinName
		if name == "" {
			name = "<stdin>"
		}
		if opts.Stdin == nil {
			f := loadError(name, 0, 0, "standard input is not available")
			return name, nil, &f
		}
		r = opts.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			p := loadError(path, 0, 0, openError(err))
			return name, nil, &p
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil && info.Size() > opts.MaxFileSize {
			p := loadError(path, 0, 0, tooBig(info.Size(), opts.MaxFileSize))
			return name, nil, &p
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, opts.MaxFileSize+1))
	if err != nil {
		p := loadError(name, 0, 0, openError(err))
		return name, nil, &p
	}
	if int64(len(data)) > opts.MaxFileSize {
		p := loadError(name, 0, 0, tooBig(int64(len(data)), opts.MaxFileSize))
		return name, nil, &p
	}
	return name, data, nil
}

func tooBig(size, limit int64) string {
	at := "over"
	if size == limit+1 {
		at = "over" // read was cut at the limit: the true size is unknown
	}
	return fmt.Sprintf("the file is %s the %s size limit for a ladder file; split it into several files, or raise the limit with --max-file-size", at, mib(limit))
}

func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d-byte", n)
}

// openError says why a path could not be read, without Go's "open x:" prefix.
func openError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory; check the path"
	case errors.Is(err, syscall.ELOOP):
		return "symbolic links loop here and never reach a file; fix or remove the link"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied; make the file readable"
	case errors.Is(err, syscall.EISDIR):
		return "is a directory"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
