// Package gitref reads files as they were at a git ref, by running git itself: no shell, and
// refs and paths are passed as single arguments, never interpolated.
package gitref

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// Repo is a git working tree.
type Repo struct {
	root string
}

// Error is a git problem a user can act on.
type Error struct {
	Message string
	Hint    string
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Message
	}
	return e.Message + " (" + e.Hint + ")"
}

// Open finds the repository that holds dir.
func Open(ctx context.Context, dir string) (*Repo, error) {
	out, err := run(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, &Error{Message: "not inside a git repository", Hint: "run ladderctl from a clone of your ladder repository"}
	}
	return &Repo{root: strings.TrimSpace(string(out))}, nil
}

// Root is the top directory of the working tree.
func (r *Repo) Root() string { return r.root }

// Resolve returns the commit a ref names.
func (r *Repo) Resolve(ctx context.Context, ref string) (string, error) {
	if ref == "" || strings.HasPrefix(ref, "-") {
		return "", &Error{Message: fmt.Sprintf("%q is not a git ref", ref)}
	}
	out, err := run(ctx, r.root, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}")
	if err != nil {
		return "", &Error{Message: fmt.Sprintf("the git ref %q does not exist here", ref),
			Hint: "fetch it first (git fetch origin), and in CI check out the full history (fetch-depth: 0)"}
	}
	return strings.TrimSpace(string(out)), nil
}

// MergeBase returns the best common ancestor of two commits: what a pull request branched
// from, so that a diff shows what it changed and not what main did since.
func (r *Repo) MergeBase(ctx context.Context, a, b string) (string, error) {
	out, err := run(ctx, r.root, "merge-base", "--end-of-options", a, b)
	if err != nil {
		return "", &Error{Message: fmt.Sprintf("%s and %s have no common ancestor", short(a), short(b)),
			Hint: "in CI check out the full history (fetch-depth: 0)"}
	}
	return strings.TrimSpace(string(out)), nil
}

// Show returns a file's contents at a commit; p is relative to the repository root.
func (r *Repo) Show(ctx context.Context, commit, p string) ([]byte, error) {
	p = filepath.ToSlash(filepath.Clean(p))
	out, err := run(ctx, r.root, "cat-file", "blob", commit+":"+p)
	if err != nil {
		return nil, &Error{Message: fmt.Sprintf("%s does not exist at %s", p, short(commit)), Hint: "check the path, relative to the repository root"}
	}
	return out, nil
}

// Export writes the files under paths (all when none) as they were at a commit into dir.
// Only regular files and directories are written, all inside dir: what a commit holds
// cannot make ladderctl write elsewhere.
func (r *Repo) Export(ctx context.Context, commit, dir string, paths ...string) error {
	args := []string{"archive", "--format=tar", commit, "--"}
	args = append(args, paths...)
	out, err := run(ctx, r.root, args...)
	if err != nil {
		if len(paths) > 0 {
			// A pathspec that matches nothing fails the whole archive: take the paths one by one.
			for _, p := range paths {
				if one, err := run(ctx, r.root, "archive", "--format=tar", commit, "--", p); err == nil {
					if err := untar(one, dir); err != nil {
						return err
					}
				}
			}
			return nil
		}
		return &Error{Message: fmt.Sprintf("cannot read the files of %s: %v", short(commit), err)}
	}
	return untar(out, dir)
}

func untar(data []byte, dir string) error {
	tr := tar.NewReader(bytes.NewReader(data))
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := path.Clean(h.Name)
		if path.IsAbs(name) || name == ".." || strings.HasPrefix(name, "../") {
			continue
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

// run runs git with args in dir and returns its standard output.
func run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	// A user's git config must not make git page, prompt or colour its output.
	cmd.Env = append(os.Environ(), "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, &Error{Message: "git is not installed", Hint: "install git to compare with a git ref"}
		}
		return nil, fmt.Errorf("git %s: %s", args[0], strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

func short(commit string) string {
	if len(commit) == 40 {
		return commit[:12]
	}
	return commit
}
