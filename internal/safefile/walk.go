package safefile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MaxWalk is how many files and directories one walk may meet: a ladder or policy
// repository holds some thousands, while -p / or ladders: [/] would walk the whole
// machine for minutes.
const MaxWalk = 200_000

// ErrOutside is the error of a Skip for a symbolic link that leads outside the directory
// walked: a link added in a pull request must not make CI read the machine's files.
var ErrOutside = errors.New("leads outside the directory")

// TooManyError ends a walk that met more than MaxWalk files and directories.
type TooManyError struct{}

func (TooManyError) Error() string {
	return fmt.Sprintf("holds more than %d files and directories, far more than a repository of ladders or policies", MaxWalk)
}

// Skip is a path a walk met and did not list, and why.
type Skip struct {
	Path string
	Err  error // ErrOutside, or why it could not be read
}

// A Listing is what a walk found.
type Listing struct {
	Files []string // the matching files, as paths under the root walked, in lexical order
	// Real holds the real path of each of Files: absolute, with every link resolved. Two
	// paths to one file have the same; the walk knows it from the directories it entered,
	// at no cost per file.
	Real  []string
	Skips []Skip
}

// Walk lists the files under root that match, in lexical order, skipping hidden files and
// directories (editors' and tools' files), directory links that loop, and links that lead
// outside root (returned as skips, for the caller to report). Skips of paths that match
// not are left out, except for directories. It stops, with an error and no files, past
// MaxWalk entries or when ctx ends: a partial walk would judge an arbitrary part of a tree.
func Walk(ctx context.Context, root string, match func(path string) bool) (Listing, error) {
	real, err := RealPath(root)
	if err != nil {
		return Listing{}, err
	}
	w := walker{ctx: ctx, match: match, root: real, visited: map[string]bool{}}
	if err := w.walk(root); err != nil {
		return Listing{}, err
	}
	return w.found, nil
}

// RealPath is path made absolute with every link resolved: two paths to one file have the
// same.
func RealPath(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

type walker struct {
	ctx     context.Context
	match   func(string) bool
	root    string          // real path of the directory walked: links may not leave it
	visited map[string]bool // real paths of the directories entered
	seen    int
	found   Listing
}

func (w *walker) walk(dir string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	real, err := RealPath(dir)
	if err != nil {
		w.found.Skips = append(w.found.Skips, Skip{dir, err})
		return nil
	}
	if w.visited[real] {
		return nil // a symlink back to a directory already walked
	}
	w.visited[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.found.Skips = append(w.found.Skips, Skip{dir, err})
		return nil
	}
	if w.seen += len(entries); w.seen > MaxWalk {
		return TooManyError{}
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		target := filepath.Join(real, e.Name()) // the entry's real path, unless it is a link
		if e.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil {
				if w.match(p) {
					w.found.Skips = append(w.found.Skips, Skip{p, err})
				}
				continue
			}
			isDir = info.IsDir()
			if resolved, err := RealPath(p); err == nil {
				if !Within(resolved, w.root) && (isDir || w.match(p)) {
					w.found.Skips = append(w.found.Skips, Skip{p, ErrOutside})
					continue
				}
				target = resolved
			}
		}
		switch {
		case isDir:
			if err := w.walk(p); err != nil {
				return err
			}
		case w.match(p):
			w.found.Files = append(w.found.Files, p)
			w.found.Real = append(w.found.Real, target)
		}
	}
	return nil
}

// Within tells whether path is root or lies under it.
func Within(path, root string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
