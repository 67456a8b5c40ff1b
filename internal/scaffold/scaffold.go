// Package scaffold holds what `ladderctl init` writes into a repository: a config, a starter
// ladder with the JSON Schema editors check it against, an example policy with its tests and
// the CI workflows with a CODEOWNERS suggestion. It writes them without ever overwriting a file unless told to, and checks
// every target before it writes any.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/safefile"
	"github.com/ladderctl/ladderctl/internal/schema"
)

// files/ladders.yml and files/ladders-comment.yml are copies of the repository's own
// workflows, which are actionlinted and which the README tells users to copy;
// TestWorkflowIsTheRepositorys keeps them equal.
//
//go:generate cp ../../.github/workflows/ladders.yml files/ladders.yml
//go:generate cp ../../.github/workflows/ladders-comment.yml files/ladders-comment.yml

//go:embed files
var embedded embed.FS

// The files init writes, relative to the directory it writes in.
const (
	ConfigFile   = config.FileName
	SchemaFile   = "ladder.schema.json"
	LadderFile   = "ladders/engineering.yaml"
	PolicyFile   = "policies/titles.rego"
	PolicyTest   = "policies/titles_test.rego"
	WorkflowFile = ".github/workflows/ladders.yml"
	CommentFile  = ".github/workflows/ladders-comment.yml"
	OwnersFile   = ".github/CODEOWNERS"
)

// LadderName is the metadata.name of the starter ladder.
const LadderName = "engineering"

// File is one file init writes.
type File struct {
	Path    string // slash-separated, relative to the directory init writes in
	About   string // what it is, in a few words
	Content []byte
}

// Files returns the files init writes, in the order it writes and lists them.
func Files() ([]File, error) {
	sch, err := schema.JSON()
	if err != nil {
		return nil, err
	}
	out := []File{
		{Path: ConfigFile, About: "settings: where ladders and policies are, fail-on", Content: must("ladderctl.yaml")},
		{Path: LadderFile, About: "a starter ladder: 3 shared levels, then 3 IC and 3 management", Content: append([]byte(modeline(LadderFile)), must("engineering.yaml")...)},
		{Path: SchemaFile, About: "the JSON Schema of ladders, for editors", Content: sch},
		{Path: PolicyFile, About: "an example policy of your own, in Rego", Content: must("titles.rego")},
		{Path: PolicyTest, About: "its tests, for ladderctl test", Content: must("titles_test.rego")},
		{Path: WorkflowFile, About: "GitHub Actions: checks every push and pull request", Content: must("ladders.yml")},
		{Path: CommentFile, About: "posts the pull request's report as a comment", Content: must("ladders-comment.yml")},
		{Path: OwnersFile, About: "who reviews changes to the rules: edit the team", Content: must("CODEOWNERS")},
	}
	return out, nil
}

// modeline points the YAML language server at the schema, relative to the ladder file, so
// that editors find it offline.
func modeline(file string) string {
	up := strings.Repeat("../", strings.Count(file, "/"))
	return "# yaml-language-server: $schema=" + up + SchemaFile + "\n"
}

func must(name string) []byte {
	b, err := embedded.ReadFile(path.Join("files", name))
	if err != nil {
		panic(err) // the files are embedded at build time: a missing one is a bug, caught by the tests
	}
	return b
}

// Result says what Write did.
type Result struct {
	Dir         string
	Written     []File   // every file, in the order of Files
	Overwritten []string // the paths of Written that existed before (with force)
}

// Target is where a file of Files goes when written into dir.
func Target(dir string, f File) string { return filepath.Join(dir, filepath.FromSlash(f.Path)) }

// Write writes the files into dir, creating it and the directories the files go in. It
// checks every target first and writes nothing unless all can be written: a file that exists
// (unless force), a target that is a directory, a parent that is a file. The problems come
// back as a diag.List, one per target.
func Write(dir string, force bool) (*Result, error) {
	files, err := Files()
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, diag.List{{File: dir, Message: "is a file, not a directory", Hint: "name a directory to initialise"}}
	}
	res := &Result{Dir: dir}
	var problems diag.List
	for _, f := range files {
		p := Target(dir, f)
		if e := blockedParent(dir, f.Path); e != nil {
			if !slices.ContainsFunc(problems, func(p *diag.Error) bool { return p.File == e.File }) {
				problems = append(problems, e)
			}
			continue
		}
		info, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			problems = append(problems, &diag.Error{File: p, Message: "cannot check the file: " + unwrapPath(err).Error()})
		case info.IsDir():
			problems = append(problems, &diag.Error{File: p, Message: "is a directory; init writes a file there", Hint: "move the directory away"})
		case !force:
			problems = append(problems, &diag.Error{File: p, Message: "already exists", Hint: "move it away, or overwrite it with init --force"})
		default:
			res.Overwritten = append(res.Overwritten, f.Path)
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	// What to remove should a write fail: the files and directories this run creates.
	var newDirs, newFiles []string
	for _, f := range files {
		for d := filepath.Dir(Target(dir, f)); !slices.Contains(newDirs, d); d = filepath.Dir(d) {
			if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
				break
			}
			newDirs = append(newDirs, d)
		}
	}
	for _, f := range files {
		p := Target(dir, f)
		if err := write(p, f.Content, force); err != nil {
			for _, c := range newFiles {
				os.Remove(c)
			}
			// The deepest first: a directory goes once it is empty.
			slices.SortFunc(newDirs, func(a, b string) int { return len(b) - len(a) })
			for _, d := range newDirs {
				os.Remove(d)
			}
			return nil, err
		}
		if !slices.Contains(res.Overwritten, f.Path) {
			newFiles = append(newFiles, p)
		}
		res.Written = append(res.Written, f)
	}
	return res, nil
}

// blockedParent reports a directory on the way to rel that exists as something else.
func blockedParent(dir, rel string) *diag.Error {
	parts := strings.Split(rel, "/")
	p := dir
	for _, part := range parts[:len(parts)-1] {
		p = filepath.Join(p, part)
		info, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return &diag.Error{File: p, Message: "cannot check the directory: " + unwrapPath(err).Error()}
		}
		if !info.IsDir() {
			return &diag.Error{File: p, Message: "is a file, but init writes files into a directory of that name", Hint: "move the file away"}
		}
	}
	return nil
}

// write writes one file: a new one with O_EXCL, so that a file that appeared since the check
// is never clobbered; over an old one (force) through a temporary file and a rename.
func write(p string, content []byte, force bool) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
		return fmt.Errorf("cannot create the directory %s: %w", filepath.Dir(p), unwrapPath(err))
	}
	if force {
		return safefile.Write(p, func(w io.Writer) error {
			_, err := w.Write(content)
			return err
		})
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", p, unwrapPath(err))
	}
	if _, err := f.Write(content); err != nil {
		f.Close()
		os.Remove(p)
		return fmt.Errorf("cannot write %s: %w", p, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(p)
		return fmt.Errorf("cannot write %s: %w", p, err)
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
