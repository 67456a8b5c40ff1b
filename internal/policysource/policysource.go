// Package policysource turns what -p and the config's policies: name into local policy
// directories the engine loads: a directory stays as it is, an oci:// reference names a
// policy pack in an OCI registry, pulled once into the user cache and verified against its
// digest, and a path ending .tar.gz names an OPA bundle, read (and its signature checked)
// with OPA's own reader and unpacked into the cache under its SHA-256. The layout is the one `conftest push` writes (one layer per file, titled by its
// path), so packs published with conftest and with ladderctl are interchangeable.
package policysource

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/opencontainers/go-digest"
	"github.com/opencontainers/image-spec/specs-go"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/errdef"
	"oras.land/oras-go/v2/registry"
	"oras.land/oras-go/v2/registry/remote"
	"oras.land/oras-go/v2/registry/remote/auth"
	"oras.land/oras-go/v2/registry/remote/credentials"
	"oras.land/oras-go/v2/registry/remote/retry"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// Scheme starts a reference to a policy pack in an OCI registry.
const Scheme = "oci://"

// The media types of conftest's layout: a layer per Rego file and per data document.
const (
	PolicyLayerMediaType = "application/vnd.cncf.openpolicyagent.policy.layer.v1+rego"
	DataLayerMediaType   = "application/vnd.cncf.openpolicyagent.data.layer.v1+json"
)

// Bounds on what a registry may send. A pack is chosen by whoever writes the config, and a
// registry may be hostile or broken: no answer of it may fill the disk or the memory.
const (
	MaxBlobSize     = policy.MaxPolicyFileSize // each file, as the engine reads no larger one
	MaxManifestSize = 4 << 20                  // the manifest, read before any layer
	MaxLayers       = 10000                    // files in one pack
	MaxPackSize     = 64 << 20                 // all files of one pack together
)

// Pack is an oci:// reference or a bundle as it was resolved.
type Pack struct {
	Ref    string        // as the user gave it
	Digest digest.Digest // the manifest's digest (what a tag resolved to), or the bundle archive's
	Dir    string        // the verified copy in the cache, which the engine loads
}

// Options say how registries are reached.
type Options struct {
	// PlainHTTP allows HTTP without TLS to any registry; loopback hosts always may.
	PlainHTTP bool
	// CacheDir holds pulled packs; "" means os.UserCacheDir()/ladderctl/packs.
	CacheDir string
	// Credential gives a registry's credentials; nil means the docker config's.
	Credential auth.CredentialFunc
	// Verification checks the signatures of bundles.
	Verification Verification
	// Offline serves packs from the cache alone and never reaches a registry: a reference
	// pinned by digest when that pack is cached, a tag when the cache records what it last
	// resolved to.
	Offline bool
}

// Needed tells whether sources must go through Resolve: some is a pack or a bundle, or a
// verification key requires every one to be a signed bundle.
func Needed(sources []string, o Options) bool {
	return slices.ContainsFunc(sources, IsPack) || o.Verification.KeyFile != "" && len(sources) > 0
}

// IsRemote tells an oci:// reference from a directory.
func IsRemote(source string) bool { return strings.HasPrefix(source, Scheme) }

// Resolve gives the local directory of each source, in order: directories unchanged, each
// oci:// reference pulled (or found in the cache) and each bundle read, verified and
// unpacked into the cache. packs says what each reference and bundle resolved to.
//
// With a verification key every source must be a bundle signed with it: the key protects
// the policies only if a pull request cannot swap a bundle for a directory or a pack of its
// own, which a change to the config would otherwise do unnoticed.
func Resolve(ctx context.Context, sources []string, o Options) (dirs []string, packs []Pack, err error) {
	for _, s := range sources {
		if o.Verification.KeyFile != "" && !IsBundle(s) {
			return nil, nil, refError(s, "is not a bundle, and with a verification key every policy must come from a bundle signed with it",
				"build it into a bundle with opa build --signing-key, or run without --verification-key")
		}
		var p Pack
		switch {
		case IsRemote(s):
			p, err = Pull(ctx, s, o)
		case IsBundle(s):
			p, err = OpenBundle(s, o)
		default:
			dirs = append(dirs, s)
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		dirs = append(dirs, p.Dir)
		packs = append(packs, p)
	}
	return dirs, packs, nil
}

// parse reads oci://HOST/REPO:TAG or oci://HOST/REPO@sha256:DIGEST. A reference must say
// which version it means: an implicit "latest" would change under a repository's feet.
func parse(ref string) (registry.Reference, error) {
	r, err := registry.ParseReference(strings.TrimPrefix(ref, Scheme))
	if err != nil {
		return r, refError(ref, "is not a valid OCI reference: "+err.Error(), "write oci://HOST/REPO:TAG or oci://HOST/REPO@sha256:DIGEST")
	}
	if r.Reference == "" {
		return r, refError(ref, "names no tag and no digest", "add :TAG, or @sha256:DIGEST to pin the pack")
	}
	return r, nil
}

func refError(ref, what, hint string) error {
	return diag.List{{File: ref, Message: what, Hint: hint}}
}

// Pull fetches the pack ref names into the cache and returns where it is. A reference
// pinned by digest that is already cached is served from the cache without any network.
func Pull(ctx context.Context, ref string, o Options) (Pack, error) {
	r, err := parse(ref)
	if err != nil {
		return Pack{}, err
	}
	root, err := cacheRoot(o)
	if err != nil {
		return Pack{}, err
	}
	if want, err := r.Digest(); err == nil {
		if dir := cached(root, want); dir != "" {
			return Pack{Ref: ref, Digest: want, Dir: dir}, nil
		}
	} else if o.Offline {
		if d, ok := readTag(root, r); ok {
			if dir := cached(root, d); dir != "" {
				return Pack{Ref: ref, Digest: d, Dir: dir}, nil
			}
		}
	}
	if o.Offline {
		return Pack{}, refError(ref, "is not in the cache, and --offline reaches no registry",
			"run once online, or run `ladderctl policy pull "+ref+"`")
	}
	repo, err := repository(r, o)
	if err != nil {
		return Pack{}, refError(ref, err.Error(), "check the reference")
	}
	desc, err := repo.Resolve(ctx, r.Reference)
	if errors.Is(err, errdef.ErrNotFound) {
		return Pack{}, refError(ref, "is not in the registry", "check the tag or the digest: `ladderctl policy push` prints the digest it published")
	}
	if err != nil {
		return Pack{}, refError(ref, "cannot be resolved: "+err.Error(), resolveHint(err, o))
	}
	if want, err := r.Digest(); err == nil && desc.Digest != want {
		return Pack{}, refError(ref, fmt.Sprintf("the registry answered with digest %s", desc.Digest), "the registry does not serve the pinned pack; check the digest")
	}
	if desc.MediaType != ocispec.MediaTypeImageManifest {
		return Pack{}, refError(ref, fmt.Sprintf("is a %q, not an OCI image manifest", desc.MediaType), "push the pack with ladderctl policy push or conftest push")
	}
	if desc.Size > MaxManifestSize {
		return Pack{}, refError(ref, fmt.Sprintf("has a manifest over the %s limit", safefile.Size(MaxManifestSize)), "a policy pack's manifest is small; check the reference")
	}
	pack := Pack{Ref: ref, Digest: desc.Digest}
	if dir := cached(root, desc.Digest); dir != "" {
		pack.Dir = dir
		recordTag(root, r, desc.Digest)
		return pack, nil
	}
	// FetchAll reads exactly desc.Size bytes and checks them against desc.Digest, so what
	// is cached under a digest is what that digest names.
	raw, err := content.FetchAll(ctx, repo, desc)
	if err != nil {
		return Pack{}, refError(ref, "manifest could not be fetched: "+err.Error(), "retry, or check the registry")
	}
	var m ocispec.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return Pack{}, refError(ref, "has a manifest that is not valid JSON: "+err.Error(), "push the pack again")
	}
	files, err := layerFiles(ref, m.Layers)
	if err != nil {
		return Pack{}, err
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return Pack{}, refError(root, "cache cannot be created: "+err.Error(), "make the cache directory writable")
	}
	// The pack is written in a directory of its own and renamed into place whole, so a pull
	// that stops half way never leaves a partial pack under a digest.
	tmp, err := os.MkdirTemp(root, ".pull-")
	if err != nil {
		return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
	}
	defer os.RemoveAll(tmp)
	for i, l := range m.Layers {
		data, err := content.FetchAll(ctx, repo, l)
		if err != nil {
			return Pack{}, refError(ref, fmt.Sprintf("layer %s (%s) could not be fetched: %v", l.Digest, files[i], err), "retry, or check the registry")
		}
		dest := filepath.Join(tmp, filepath.FromSlash(files[i]))
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
		}
		if err := os.WriteFile(dest, data, 0o644); err != nil {
			return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
		}
	}
	// The manifest first: a directory without it is no pack, and is fetched again.
	if err := safefile.Write(manifestFile(root, desc.Digest), func(w io.Writer) error { _, err := w.Write(raw); return err }); err != nil {
		return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
	}
	final := packDir(root, desc.Digest)
	if err := os.RemoveAll(final); err != nil { // a directory there failed verification
		return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
	}
	if err := os.Rename(tmp, final); err != nil {
		if dir := cached(root, desc.Digest); dir != "" { // another run cached it meanwhile
			pack.Dir = dir
			recordTag(root, r, desc.Digest)
			return pack, nil
		}
		return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
	}
	pack.Dir = final
	recordTag(root, r, desc.Digest)
	return pack, nil
}

// resolveHint says what to do about a reference the registry did not resolve. A registry
// that answers HTTPS with plain HTTP is named as such: ladderctl never falls back to HTTP
// on its own.
func resolveHint(err error, o Options) string {
	if !o.PlainHTTP && strings.Contains(err.Error(), "server gave HTTP response to HTTPS client") {
		return "the registry serves plain HTTP; pass --plain-http (or set LADDERCTL_PLAIN_HTTP=true) if you trust the network to it"
	}
	return "check the reference, the network and your registry login (docker login)"
}

// tagRecord is what the cache remembers of a tag: the digest it last resolved to, so that
// --offline can serve a tag as the last online run saw it.
type tagRecord struct {
	Ref    string        `json:"ref"`
	Digest digest.Digest `json:"digest"`
}

// tagKey names a tag whatever way the reference was written.
func tagKey(r registry.Reference) string {
	return r.Registry + "/" + r.Repository + ":" + r.Reference
}

// tagFile is where a tag's record is kept: under a hash of its name, as a tag may hold
// characters a file name may not.
func tagFile(root string, r registry.Reference) string {
	return filepath.Join(root, "tags", digest.FromString(tagKey(r)).Encoded()+".json")
}

// recordTag writes, atomically, what a tag resolved to. A reference by digest records
// nothing: it cannot change. A record that cannot be written (a cache made read-only once
// filled) does not fail the run, which has its pack: an offline run then says the tag is
// not in the cache, and what to run.
func recordTag(root string, r registry.Reference, d digest.Digest) {
	if _, err := r.Digest(); err == nil {
		return
	}
	file := tagFile(root, r)
	data, err := json.Marshal(tagRecord{Ref: tagKey(r), Digest: d})
	if err != nil || os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	_ = safefile.Write(file, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// readTag reads what a tag last resolved to. A record that does not parse, names another
// tag or an invalid digest counts as none.
func readTag(root string, r registry.Reference) (digest.Digest, bool) {
	data, err := safefile.Read(tagFile(root, r), 4<<10)
	if err != nil {
		return "", false
	}
	var rec tagRecord
	if json.Unmarshal(data, &rec) != nil || rec.Ref != tagKey(r) || rec.Digest.Validate() != nil {
		return "", false
	}
	return rec.Digest, true
}

// layerFiles checks every layer before any is fetched: its media type, its size and the
// path it is written to, which must stay inside the pack.
func layerFiles(ref string, layers []ocispec.Descriptor) ([]string, error) {
	if len(layers) > MaxLayers {
		return nil, refError(ref, fmt.Sprintf("has %d layers, over the limit of %d", len(layers), MaxLayers), "split the pack")
	}
	var total int64
	seen := map[string]bool{}
	files := make([]string, len(layers))
	for i, l := range layers {
		if l.MediaType != PolicyLayerMediaType && l.MediaType != DataLayerMediaType {
			return nil, refError(ref, fmt.Sprintf("has a layer of media type %q", l.MediaType), "a policy pack holds Rego and data layers only; push it with ladderctl policy push or conftest push")
		}
		if l.Size < 0 || l.Size > MaxBlobSize {
			return nil, refError(ref, fmt.Sprintf("has a layer of %d bytes, over the %s limit of a policy file", l.Size, safefile.Size(MaxBlobSize)), "split the file")
		}
		total += l.Size
		if total > MaxPackSize {
			return nil, refError(ref, fmt.Sprintf("is over the %s limit of a pack", safefile.Size(MaxPackSize)), "split the pack")
		}
		name, ok := layerPath(l.Annotations[ocispec.AnnotationTitle])
		if !ok || seen[name] {
			return nil, refError(ref, fmt.Sprintf("has a layer titled %q, which is no file name inside the pack", l.Annotations[ocispec.AnnotationTitle]), "push the pack again from a directory")
		}
		seen[name] = true
		files[i] = name
	}
	return files, nil
}

// layerPath makes a layer's title a relative slash path inside the pack. conftest titles
// layers with the path it read them from, which may be absolute; a title that climbs out
// with .. is refused, as it would write outside the cache.
func layerPath(title string) (string, bool) {
	t := strings.TrimLeft(strings.ReplaceAll(title, `\`, "/"), "/")
	if t == "" {
		return "", false
	}
	clean := path.Clean(t)
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return "", false
	}
	return clean, true
}

func cacheRoot(o Options) (string, error) {
	if o.CacheDir != "" {
		return o.CacheDir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", refError("", "no user cache directory: "+err.Error(), "set XDG_CACHE_HOME or HOME")
	}
	return filepath.Join(dir, "ladderctl", "packs"), nil
}

// packDir is where a pack of a digest is cached: the digest with its colon turned into a
// dash, as a colon cannot be in a Windows file name.
func packDir(root string, d digest.Digest) string {
	return filepath.Join(root, d.Algorithm().String()+"-"+d.Encoded())
}

// manifestFile keeps, beside a pack's directory, the manifest it was pulled by: what the
// directory is verified against on every use.
func manifestFile(root string, d digest.Digest) string {
	return packDir(root, d) + ".manifest.json"
}

// cached returns a pack's directory when the cache holds it whole and unchanged, verified
// on every use: its manifest has the digest the pack is known by, and the directory holds
// exactly the manifest's files, each with its layer's digest. A cache is a directory anyone
// on the machine (or a cache shared between CI jobs) may have written to; a pack that fails
// is fetched again, or refused offline.
func cached(root string, d digest.Digest) string {
	if d.Validate() != nil {
		return ""
	}
	raw, err := safefile.Read(manifestFile(root, d), MaxManifestSize)
	if err != nil || d.Algorithm().FromBytes(raw) != d {
		return ""
	}
	var m ocispec.Manifest
	if json.Unmarshal(raw, &m) != nil {
		return ""
	}
	files, err := layerFiles(d.String(), m.Layers)
	if err != nil {
		return ""
	}
	want := make(map[string]digest.Digest, len(files))
	for i, f := range files {
		want[f] = m.Layers[i].Digest
	}
	dir := packDir(root, d)
	if !holds(dir, want) {
		return ""
	}
	return dir
}

// holds tells whether dir holds exactly the files of want, each with its digest, and
// nothing else: regular files only, each read bounded.
func holds(dir string, want map[string]digest.Digest) bool {
	info, err := os.Lstat(dir)
	if err != nil || !info.IsDir() {
		return false
	}
	found := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		sum, ok := want[filepath.ToSlash(rel)]
		if !ok || !d.Type().IsRegular() || sum.Validate() != nil {
			return errors.New("not in the pack")
		}
		data, err := safefile.Read(p, MaxBlobSize)
		if err != nil || sum.Algorithm().FromBytes(data) != sum {
			return errors.New("changed")
		}
		found++
		return nil
	})
	return err == nil && found == len(want)
}

// repository connects to a reference's repository: TLS except to the loopback host or with
// --plain-http, and the docker config's credentials, which are never printed.
func repository(r registry.Reference, o Options) (*remote.Repository, error) {
	repo, err := remote.NewRepository(r.Registry + "/" + r.Repository)
	if err != nil {
		return nil, err
	}
	repo.PlainHTTP = o.PlainHTTP || loopback(r.Host())
	cred := o.Credential
	if cred == nil {
		store, err := credentials.NewStoreFromDocker(credentials.StoreOptions{})
		if err != nil {
			return nil, fmt.Errorf("the docker config cannot be read: %w", err)
		}
		cred = credentials.Credential(store)
	}
	repo.Client = &auth.Client{Client: retry.DefaultClient, Cache: auth.NewCache(), Credential: cred}
	return repo, nil
}

func loopback(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	h = strings.Trim(h, "[]")
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Push publishes the policy files of dir (its .rego files, tests included, so that
// `ladderctl test` runs against a pulled pack too) under ref, and returns the manifest's
// digest.
func Push(ctx context.Context, dir, ref string, o Options) (digest.Digest, error) {
	r, err := parse(ref)
	if err != nil {
		return "", err
	}
	if _, err := r.Digest(); err == nil {
		return "", refError(ref, "names a digest", "push to a tag, such as oci://HOST/REPO:v1; the digest is printed")
	}
	if o.Offline {
		return "", refError(ref, "cannot be pushed offline: --offline (or LADDERCTL_OFFLINE) reaches no registry", "push without --offline")
	}
	found, err := safefile.Walk(ctx, dir, func(p string) bool { return strings.HasSuffix(p, ".rego") })
	if err != nil {
		return "", diag.List{{File: dir, Message: "cannot be read: " + safefile.Reason(err), Hint: "name a policy directory"}}
	}
	if len(found.Skips) > 0 {
		return "", diag.List{{File: found.Skips[0].Path, Message: "is not pushed: " + safefile.Reason(found.Skips[0].Err), Hint: "fix or remove it"}}
	}
	files := found.Files
	if len(files) == 0 {
		return "", diag.List{{File: dir, Message: "holds no .rego file", Hint: "name a policy directory"}}
	}
	repo, err := repository(r, o)
	if err != nil {
		return "", refError(ref, err.Error(), "check the reference")
	}
	push := func(desc ocispec.Descriptor, data []byte) error {
		err := repo.Push(ctx, desc, bytes.NewReader(data))
		if errors.Is(err, errdef.ErrAlreadyExists) {
			return nil
		}
		return err
	}
	var layers []ocispec.Descriptor
	for _, f := range files {
		data, err := safefile.Read(f, MaxBlobSize)
		if err != nil {
			return "", diag.List{{File: f, Message: "cannot be read: " + safefile.Reason(err)}}
		}
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			return "", err
		}
		desc := content.NewDescriptorFromBytes(PolicyLayerMediaType, data)
		desc.Annotations = map[string]string{ocispec.AnnotationTitle: filepath.ToSlash(rel)}
		if err := push(desc, data); err != nil {
			return "", refError(ref, "cannot be pushed: "+err.Error(), "check the network and your registry login (docker login)")
		}
		layers = append(layers, desc)
	}
	cfg := []byte("{}")
	cfgDesc := content.NewDescriptorFromBytes(oras.MediaTypeUnknownConfig, cfg)
	if err := push(cfgDesc, cfg); err != nil {
		return "", refError(ref, "cannot be pushed: "+err.Error(), "check the network and your registry login (docker login)")
	}
	raw, err := json.Marshal(ocispec.Manifest{
		Versioned: specs.Versioned{SchemaVersion: 2},
		MediaType: ocispec.MediaTypeImageManifest,
		Config:    cfgDesc,
		Layers:    layers,
	})
	if err != nil {
		return "", err
	}
	mDesc := content.NewDescriptorFromBytes(ocispec.MediaTypeImageManifest, raw)
	if err := repo.PushReference(ctx, mDesc, bytes.NewReader(raw), r.Reference); err != nil {
		return "", refError(ref, "cannot be pushed: "+err.Error(), "check the network and your registry login (docker login)")
	}
	return mDesc.Digest, nil
}

// Name is the pack's repository without its tag or digest, oci://HOST/REPO: what stays the
// same when a config moves from one version of a pack to the next.
func (p Pack) Name() string {
	r, err := parse(p.Ref)
	if err != nil {
		return p.Ref
	}
	return Scheme + r.Registry + "/" + r.Repository
}

// File tells whether file is one of the pack's files in the cache, and its slash path
// inside the pack.
func (p Pack) File(file string) (string, bool) {
	if p.Dir == "" {
		return "", false
	}
	rel, err := filepath.Rel(p.Dir, file)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// Of finds the pack a file of the cache belongs to, with the file's path inside it.
func Of(packs []Pack, file string) (Pack, string, bool) {
	for _, p := range packs {
		if rel, ok := p.File(file); ok {
			return p, rel, true
		}
	}
	return Pack{}, "", false
}

// Show names a file of one of packs as people read it, REF//PATH (the reference as the
// config or -p gave it, then the path inside the pack, as go-getter separates a
// subdirectory); any other file is returned as it is. The cache's own path says nothing
// to whoever reads a report.
func Show(packs []Pack, file string) string {
	if p, rel, ok := Of(packs, file); ok {
		return p.Ref + "//" + rel
	}
	return file
}

// Shown is the inverse of Show: the pack a REF//PATH names, and the path inside it.
func Shown(packs []Pack, shown string) (Pack, string, bool) {
	for _, p := range packs {
		if rel, ok := strings.CutPrefix(shown, p.Ref+"//"); ok {
			return p, rel, true
		}
	}
	return Pack{}, "", false
}
