package policysource

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/registry/remote/auth"
)

const rule = `package acme.titles

import rego.v1

deny contains "x" if false
`

// serve starts an OCI registry on 127.0.0.1 for the test and returns its host:port; the
// returned counter says how many requests reached it.
func serve(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		reg.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://"), &hits
}

func options(t *testing.T) Options {
	// No docker config of the machine running the tests is read.
	return Options{CacheDir: t.TempDir(), Credential: auth.StaticCredential("", auth.EmptyCredential)}
}

func pack(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "titles"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "titles", "titles.rego"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPushPull(t *testing.T) {
	host, _ := serve(t)
	o := options(t)
	ref := "oci://" + host + "/pack:v1"
	d, err := Push(context.Background(), pack(t), ref, o)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Pull(context.Background(), ref, o)
	if err != nil {
		t.Fatal(err)
	}
	if p.Digest != d {
		t.Errorf("pulled digest %s, pushed %s", p.Digest, d)
	}
	if want := filepath.Join(o.CacheDir, "sha256-"+d.Encoded()); p.Dir != want {
		t.Errorf("cached in %s, want %s", p.Dir, want)
	}
	got, err := os.ReadFile(filepath.Join(p.Dir, "titles", "titles.rego"))
	if err != nil || string(got) != rule {
		t.Errorf("cached file = %q, %v; want the pushed rule", got, err)
	}
}

func TestPinnedDigestFromCacheWithoutNetwork(t *testing.T) {
	host, hits := serve(t)
	o := options(t)
	d, err := Push(context.Background(), pack(t), "oci://"+host+"/pack:v1", o)
	if err != nil {
		t.Fatal(err)
	}
	pinned := "oci://" + host + "/pack@" + d.String()
	if _, err := Pull(context.Background(), pinned, o); err != nil {
		t.Fatal(err)
	}
	before := hits.Load()
	p, err := Pull(context.Background(), pinned, o)
	if err != nil {
		t.Fatal(err)
	}
	if hits.Load() != before {
		t.Errorf("a cached pinned pack made %d requests", hits.Load()-before)
	}
	// And with no registry at all.
	p2, err := Pull(context.Background(), "oci://127.0.0.1:1/pack@"+d.String(), o)
	if err != nil || p2.Dir != p.Dir {
		t.Errorf("offline pull = %+v, %v; want the cached %s", p2, err, p.Dir)
	}
}

func TestWrongDigestRefused(t *testing.T) {
	host, _ := serve(t)
	o := options(t)
	if _, err := Push(context.Background(), pack(t), "oci://"+host+"/pack:v1", o); err != nil {
		t.Fatal(err)
	}
	wrong := "oci://" + host + "/pack@sha256:" + strings.Repeat("0", 64)
	_, err := Pull(context.Background(), wrong, o)
	if err == nil {
		t.Fatal("a digest the registry does not hold was accepted")
	}
	entries, _ := os.ReadDir(o.CacheDir)
	if len(entries) != 0 {
		t.Errorf("the cache holds %d entries after a refused pull", len(entries))
	}
}

func TestReferenceNeedsTagOrDigest(t *testing.T) {
	_, err := Pull(context.Background(), "oci://127.0.0.1:1/pack", options(t))
	if err == nil || !strings.Contains(err.Error(), "no tag and no digest") {
		t.Errorf("err = %v", err)
	}
}

func TestLayerPath(t *testing.T) {
	for title, want := range map[string]string{
		"titles/a.rego": "titles/a.rego", "/abs/a.rego": "abs/a.rego", "../a.rego": "",
		"a/../../b.rego": "", "": "", "..": "", `x\..\..\y.rego`: "",
	} {
		got, ok := layerPath(title)
		if ok != (want != "") || got != want {
			t.Errorf("layerPath(%q) = %q, %v; want %q", title, got, ok, want)
		}
	}
}

func TestLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1:5000": true, "localhost:5000": true, "[::1]:5000": true, "localhost": true,
		"ghcr.io": false, "10.0.0.1:5000": false, "localhost.evil.com": false,
	} {
		if got := loopback(host); got != want {
			t.Errorf("loopback(%q) = %v", host, got)
		}
	}
}

// A registry that answers a layer with other bytes than its digest names is refused, and
// nothing is cached.
func TestTamperedLayerRefused(t *testing.T) {
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	layer := "/blobs/" + digest.FromString(rule).String()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, layer) {
			w.Header().Set("Content-Length", strconv.Itoa(len(rule)))
			io.WriteString(w, strings.Replace(rule, "false", "true ", 1)) // same size, other rule
			return
		}
		reg.ServeHTTP(w, r)
	}))
	defer srv.Close()
	o := options(t)
	ref := "oci://" + strings.TrimPrefix(srv.URL, "http://") + "/pack:v1"
	if _, err := Push(context.Background(), pack(t), ref, o); err != nil {
		t.Fatal(err)
	}
	_, err := Pull(context.Background(), ref, o)
	if err == nil || !strings.Contains(err.Error(), "could not be fetched") {
		t.Fatalf("a tampered layer was accepted: %v", err)
	}
	if entries, _ := os.ReadDir(o.CacheDir); len(entries) != 0 {
		t.Errorf("the cache holds %d entries after a refused pull", len(entries))
	}
}

// Every layer is bounded before anything is fetched: its media type, size and path.
func TestLayersBoundedBeforeFetch(t *testing.T) {
	ok := ocispec.Descriptor{MediaType: PolicyLayerMediaType, Size: 10, Annotations: map[string]string{ocispec.AnnotationTitle: "a.rego"}}
	for name, l := range map[string]ocispec.Descriptor{
		"too big":      {MediaType: PolicyLayerMediaType, Size: MaxBlobSize + 1, Annotations: ok.Annotations},
		"other type":   {MediaType: "application/vnd.oci.image.layer.v1.tar+gzip", Size: 10, Annotations: ok.Annotations},
		"climbs out":   {MediaType: PolicyLayerMediaType, Size: 10, Annotations: map[string]string{ocispec.AnnotationTitle: "../a.rego"}},
		"no title":     {MediaType: PolicyLayerMediaType, Size: 10},
		"twice a file": ok,
	} {
		if _, err := layerFiles("oci://r/p:v1", []ocispec.Descriptor{ok, l}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	var many []ocispec.Descriptor
	for i := range MaxPackSize/MaxBlobSize + 1 {
		many = append(many, ocispec.Descriptor{MediaType: PolicyLayerMediaType, Size: MaxBlobSize, Annotations: map[string]string{ocispec.AnnotationTitle: strconv.Itoa(i) + ".rego"}})
	}
	if _, err := layerFiles("oci://r/p:v1", many); err == nil {
		t.Error("a pack over its total size was accepted")
	}
}

// Offline, a pinned pack in the cache is served, a tag is served as it last resolved, and
// anything else is refused naming the reference; no request reaches the registry.
func TestOffline(t *testing.T) {
	host, hits := serve(t)
	o := options(t)
	tag := "oci://" + host + "/pack:v1"
	d, err := Push(context.Background(), pack(t), tag, o)
	if err != nil {
		t.Fatal(err)
	}
	off := o
	off.Offline = true
	before := hits.Load()
	if _, err := Pull(context.Background(), tag, off); err == nil || !strings.Contains(err.Error(), tag) || !strings.Contains(err.Error(), "ladderctl policy pull "+tag) {
		t.Errorf("offline pull of a tag never pulled: %v", err)
	}
	pinned := "oci://" + host + "/pack@" + d.String()
	if _, err := Pull(context.Background(), pinned, off); err == nil || !strings.Contains(err.Error(), pinned) {
		t.Errorf("offline pull of a digest never pulled: %v", err)
	}
	if hits.Load() != before {
		t.Fatalf("offline pulls made %d requests", hits.Load()-before)
	}

	if _, err := Pull(context.Background(), tag, o); err != nil { // online: caches and records the tag
		t.Fatal(err)
	}
	before = hits.Load()
	for _, ref := range []string{tag, pinned} {
		p, err := Pull(context.Background(), ref, off)
		if err != nil || p.Digest != d {
			t.Errorf("offline pull of %s = %+v, %v; want %s", ref, p, err, d)
		}
	}
	if _, err := Pull(context.Background(), "oci://"+host+"/pack:v2", off); err == nil {
		t.Error("offline pull of a tag the cache has no record of was served")
	}
	if hits.Load() != before {
		t.Errorf("offline pulls made %d requests", hits.Load()-before)
	}
}

// The tag record follows the tag: pushed again, the next online pull records the new
// digest, and offline serves that one.
func TestTagRecordFollowsTag(t *testing.T) {
	host, _ := serve(t)
	o := options(t)
	tag := "oci://" + host + "/pack:stable"
	if _, err := Push(context.Background(), pack(t), tag, o); err != nil {
		t.Fatal(err)
	}
	if _, err := Pull(context.Background(), tag, o); err != nil {
		t.Fatal(err)
	}
	dir := pack(t)
	if err := os.WriteFile(filepath.Join(dir, "more.rego"), []byte("package acme.more\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d2, err := Push(context.Background(), dir, tag, o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Pull(context.Background(), tag, o); err != nil {
		t.Fatal(err)
	}
	o.Offline = true
	p, err := Pull(context.Background(), tag, o)
	if err != nil || p.Digest != d2 {
		t.Errorf("offline = %+v, %v; want the tag's new digest %s", p, err, d2)
	}
	// A record that is damaged is no record.
	rec, _ := filepath.Glob(filepath.Join(o.CacheDir, "tags", "*.json"))
	if len(rec) != 1 {
		t.Fatalf("tag records: %v", rec)
	}
	if err := os.WriteFile(rec[0], []byte(`{"ref":"other/pack:stable","digest":"`+d2.String()+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Pull(context.Background(), tag, o); err == nil {
		t.Error("a record of another tag was used")
	}
}

// A host that is not loopback is reached over TLS unless PlainHTTP says otherwise: never
// plain HTTP by a fallback. 0.0.0.0 reaches the registry on 127.0.0.1 (on Linux and
// macOS) while not being a loopback address, so the refusal shows without any network.
func TestPlainHTTPOnlyToLoopbackOrWhenAsked(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("0.0.0.0 reaches the local host on Linux and macOS")
	}
	host, _ := serve(t)
	o := options(t)
	if _, err := Push(context.Background(), pack(t), "oci://"+host+"/pack:v1", o); err != nil {
		t.Fatal(err)
	}
	ref := "oci://" + strings.Replace(host, "127.0.0.1", "0.0.0.0", 1) + "/pack:v1"
	_, err := Pull(context.Background(), ref, o)
	if err == nil || !strings.Contains(err.Error(), ref) || !strings.Contains(err.Error(), "pass --plain-http") {
		t.Fatalf("plain HTTP to a host that is not loopback, without PlainHTTP: %v", err)
	}
	if entries, _ := os.ReadDir(o.CacheDir); len(entries) != 0 {
		t.Errorf("the cache holds %d entries after a refused pull", len(entries))
	}
	o.PlainHTTP = true
	if _, err := Pull(context.Background(), ref, o); err != nil {
		t.Errorf("with PlainHTTP: %v", err)
	}
}

func TestShowAndName(t *testing.T) {
	cache := t.TempDir()
	p := Pack{Ref: "oci://ghcr.io/acme/ladder-policies@sha256:" + strings.Repeat("a", 64), Dir: filepath.Join(cache, "sha256-aa")}
	if got := p.Name(); got != "oci://ghcr.io/acme/ladder-policies" {
		t.Errorf("Name = %q", got)
	}
	packs := []Pack{{Ref: "oci://ghcr.io/acme/other:v1", Dir: filepath.Join(cache, "sha256-bb")}, p}
	for file, want := range map[string]string{
		filepath.Join(p.Dir, "titles", "ninja.rego"):         p.Ref + "//titles/ninja.rego",
		filepath.Join(cache, "sha256-bb", "a.rego"):          "oci://ghcr.io/acme/other:v1//a.rego",
		filepath.Join(cache, "sha256-aab", "a.rego"):         filepath.Join(cache, "sha256-aab", "a.rego"),
		filepath.Join(p.Dir, "..", "sha256-cc", "evil.rego"): filepath.Join(p.Dir, "..", "sha256-cc", "evil.rego"),
		"policies/local.rego":                                "policies/local.rego",
	} {
		if got := Show(packs, file); got != want {
			t.Errorf("Show(%q) = %q, want %q", file, got, want)
		}
	}
	// Shown reads back what Show wrote, and nothing else.
	if got, rel, ok := Shown(packs, p.Ref+"//titles/ninja.rego"); !ok || got.Ref != p.Ref || rel != "titles/ninja.rego" {
		t.Errorf("Shown = %+v, %q, %v", got, rel, ok)
	}
	if _, _, ok := Shown(packs, "policies/local.rego"); ok {
		t.Error("Shown took a local file for a pack's")
	}
}

// Registry credentials never reach an error: a registry that refuses them is named, the
// secret is not.
func TestCredentialsNeverInErrors(t *testing.T) {
	const user, secret = "ci-bot", "s3cret-token-4711"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="registry"`)
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}`)
	}))
	defer srv.Close()
	o := options(t)
	o.Credential = auth.StaticCredential(strings.TrimPrefix(srv.URL, "http://"), auth.Credential{Username: user, Password: secret})
	ref := "oci://" + strings.TrimPrefix(srv.URL, "http://") + "/pack:v1"
	_, pullErr := Pull(context.Background(), ref, o)
	_, pushErr := Push(context.Background(), pack(t), ref, o)
	for what, err := range map[string]error{"pull": pullErr, "push": pushErr} {
		if err == nil {
			t.Fatalf("%s: a registry that refuses every request answered", what)
		}
		msg := err.Error()
		if !strings.Contains(msg, ref) || strings.Contains(msg, secret) || strings.Contains(msg, base64.StdEncoding.EncodeToString([]byte(user+":"+secret))) {
			t.Errorf("%s: %s", what, msg)
		}
	}
}

// A pack in the cache is verified on every use against the manifest it was pulled by: a
// changed, added or removed file makes it fetched again online, and refused offline.
func TestPackCacheCheckedOnEveryUse(t *testing.T) {
	host, _ := serve(t)
	o := options(t)
	d, err := Push(context.Background(), pack(t), "oci://"+host+"/pack:v1", o)
	if err != nil {
		t.Fatal(err)
	}
	pinned := "oci://" + host + "/pack@" + d.String()
	p, err := Pull(context.Background(), pinned, o)
	if err != nil {
		t.Fatal(err)
	}
	var file string
	_ = filepath.WalkDir(p.Dir, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && file == "" {
			file = path
		}
		return err
	})
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for name, tamper := range map[string]func() error{
		"changed": func() error { return os.WriteFile(file, []byte("package evil\n"), 0o644) },
		"added":   func() error { return os.WriteFile(filepath.Join(p.Dir, "evil.rego"), []byte("package evil\n"), 0o644) },
		"removed": func() error { return os.Remove(file) },
	} {
		t.Run(name, func(t *testing.T) {
			if err := tamper(); err != nil {
				t.Fatal(err)
			}
			off := o
			off.Offline = true
			if _, err := Pull(context.Background(), pinned, off); err == nil || !strings.Contains(err.Error(), "is not in the cache") {
				t.Errorf("offline, a tampered pack: err = %v; want it refused", err)
			}
			again, err := Pull(context.Background(), pinned, o)
			if err != nil || again.Dir != p.Dir {
				t.Fatalf("online: %+v, %v", again, err)
			}
			if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, want) {
				t.Errorf("after pulling again: %q, %v; want the pack's file", got, err)
			}
			if _, err := os.Stat(filepath.Join(p.Dir, "evil.rego")); !os.IsNotExist(err) {
				t.Errorf("a file added to the cache is still there: %v", err)
			}
		})
	}
	off := o
	off.Offline = true
	if _, err := Push(context.Background(), pack(t), "oci://"+host+"/pack:v2", off); err == nil || !strings.Contains(err.Error(), "cannot be pushed offline") {
		t.Errorf("push offline: err = %v", err)
	}
}
