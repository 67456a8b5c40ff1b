package app_test

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/rogpeppe/go-internal/testscript"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content/file"
	"oras.land/oras-go/v2/registry/remote"

	"github.com/ladderctl/ladderctl/internal/policysource/policysourcetest"
)

// registries are the registries scripts started, by script, so that `registry stop` finds
// its own.
var registries sync.Map // *testscript.TestScript → *httptest.Server

// cmdRegistry starts an OCI registry in memory on 127.0.0.1 for the script and sets
// $REGISTRY to its host:port; it stops when the script ends, or at `registry stop`, after
// which only the cache can answer for its packs.
//
//	registry
//	registry stop
func cmdRegistry(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 1 || len(args) == 1 && args[0] != "stop" {
		ts.Fatalf("usage: registry [stop]")
	}
	if len(args) == 1 {
		srv, ok := registries.LoadAndDelete(ts)
		if !ok {
			ts.Fatalf("registry stop: no registry is running")
		}
		srv.(*httptest.Server).Close()
		return
	}
	if _, ok := registries.Load(ts); ok {
		ts.Fatalf("registry: one is running already")
	}
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	registries.Store(ts, srv)
	ts.Defer(func() {
		if _, ok := registries.LoadAndDelete(ts); ok {
			srv.Close()
		}
	})
	ts.Setenv("REGISTRY", strings.TrimPrefix(srv.URL, "http://"))
}

// cmdCapture sets $VAR to what the first group of REGEXP matches in FILE (stdout, for
// the output of the last command), such as the digest `policy push` printed.
//
//	capture VAR FILE REGEXP
func cmdCapture(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: capture VAR FILE REGEXP")
	}
	re, err := regexp.Compile(args[2])
	ts.Check(err)
	m := re.FindStringSubmatch(ts.ReadFile(args[1]))
	if len(m) < 2 {
		ts.Fatalf("capture: no match of %q (with a group) in %s", args[2], args[1])
	}
	ts.Setenv(args[0], m[1])
}

// cmdExpand rewrites $VAR and ${VAR} in files with the script's variables, for a config
// that pins a digest a script only learns when it runs. A variable the script has not set
// is an error, not an empty string.
//
//	expand file...
func cmdExpand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: expand file...")
	}
	for _, name := range args {
		out := os.Expand(ts.ReadFile(name), func(v string) string {
			val := ts.Getenv(v)
			if val == "" {
				ts.Fatalf("expand: %s names $%s, which the script has not set", name, v)
			}
			return val
		})
		ts.Check(os.WriteFile(ts.MkAbs(name), []byte(out), 0o666))
	}
}

// cmdConftest publishes and fetches packs the way conftest does, to show that ladderctl
// and conftest read each other's packs: `conftest push` lays a pack out with one titled
// layer per file (policysourcetest.ConftestPush), and `conftest pull` copies one with oras
// into a directory, each layer written under its title.
//
//	conftest push DIR HOST/REPO:TAG    (prints the digest)
//	conftest pull HOST/REPO:TAG DIR
func cmdConftest(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 || args[0] != "push" && args[0] != "pull" {
		ts.Fatalf("usage: conftest push DIR HOST/REPO:TAG | conftest pull HOST/REPO:TAG DIR")
	}
	if args[0] == "push" {
		dir := ts.MkAbs(args[1])
		files := map[string]string{}
		ts.Check(filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(filepath.Dir(dir), p) // titled as conftest loaded it: DIR/FILE
			if err != nil {
				return err
			}
			data, err := os.ReadFile(p)
			files[filepath.ToSlash(rel)] = string(data)
			return err
		}))
		host, repoTag, _ := strings.Cut(args[2], "/")
		digest := policysourcetest.ConftestPush(scriptT{ts}, host, repoTag, files)
		fmt.Fprintln(ts.Stdout(), digest)
		return
	}
	repo, err := remote.NewRepository(args[1][:strings.LastIndex(args[1], ":")])
	ts.Check(err)
	repo.PlainHTTP = true
	store, err := file.New(ts.MkAbs(args[2]))
	ts.Check(err)
	defer store.Close()
	_, err = oras.Copy(context.Background(), repo, args[1][strings.LastIndex(args[1], ":")+1:], store, "", oras.DefaultCopyOptions)
	ts.Check(err)
}

// scriptT lets a script command publish with helpers written for Go tests.
type scriptT struct{ ts *testscript.TestScript }

func (scriptT) Helper()             {}
func (s scriptT) Fatal(args ...any) { s.ts.Fatalf("%s", fmt.Sprint(args...)) }
