package policysource

import (
	"bytes"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/keys"
	"github.com/opencontainers/go-digest"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// BundleSuffix ends the path of an OPA bundle, as `opa build` writes it.
const BundleSuffix = ".tar.gz"

// Bounds on a bundle, which a pull request may replace with anything: the same as a pack's
// for what it holds, and a bound on the archive's compressed and unpacked size, so that no
// bundle can fill the memory, the disk or the run's time.
const (
	MaxBundleFileSize = MaxPackSize     // the .tar.gz file itself
	MaxBundleUnpacked = 2 * MaxPackSize // the tar stream inside it, headers included
	MaxKeySize        = 64 << 10        // a verification key file
)

// DefaultKeyID is the id a bundle's signature names its key by when nothing says otherwise,
// as `opa build --signing-key` and `opa run --verification-key` default to.
const DefaultKeyID = "default"

// Verification says how bundles' signatures are checked. With a key, every bundle must carry
// a .signatures.json signed by it; without one, signatures are not checked.
type Verification struct {
	KeyFile string // a PEM public key (RSA or ECDSA) or certificate, or an HMAC secret
	KeyID   string // the key's id in the signature; "" is DefaultKeyID
	Scope   string // the scope the signature must carry; "" for none
}

// IsBundle tells a path that names an OPA bundle.
func IsBundle(source string) bool {
	return !IsRemote(source) && strings.HasSuffix(source, BundleSuffix)
}

// IsPack tells a source that Resolve turns into a directory of the cache: an oci://
// reference or a bundle.
func IsPack(source string) bool { return IsRemote(source) || IsBundle(source) }

// bundleError is a problem of a bundle, as one line naming it and what to do.
func bundleError(file, what, hint string) error {
	return diag.List{{File: file, Message: what, Hint: hint}}
}

// OpenBundle reads the OPA bundle at file, checks its signature when v has a key, and
// returns the directory of the cache that holds its Rego modules. The cache is keyed by the
// archive's SHA-256, but the archive is read and verified on every run: a key given today
// must hold for a bundle cached yesterday without one.
func OpenBundle(file string, o Options) (Pack, error) {
	raw, err := safefile.Read(file, MaxBundleFileSize)
	if err != nil {
		return Pack{}, bundleError(file, "cannot be read: "+safefile.Reason(err), "name an OPA bundle built with opa build")
	}
	var vc *bundle.VerificationConfig
	if o.Verification.KeyFile != "" {
		if vc, err = verificationConfig(o.Verification); err != nil {
			return Pack{}, err
		}
	}
	modules, err := readBundle(file, raw, vc)
	if err != nil {
		return Pack{}, err
	}
	root, err := cacheRoot(o)
	if err != nil {
		return Pack{}, err
	}
	d := digest.FromBytes(raw)
	pack := Pack{Ref: file, Digest: d}
	dir := bundleDir(root, d)
	want := make(map[string]digest.Digest, len(modules))
	for name, data := range modules {
		want[name] = digest.FromBytes(data)
	}
	if holds(dir, want) {
		pack.Dir = dir
		return pack, nil
	}
	// Missing, or not what the archive holds (changed by hand, or by a cache shared between
	// jobs): the engine must load only what was just read and verified, so write it anew.
	if err := os.RemoveAll(dir); err != nil {
		return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return Pack{}, refError(root, "cache cannot be created: "+err.Error(), "make the cache directory writable")
	}
	// Written whole in a directory of its own, then renamed into place, as a pulled pack is.
	tmp, err := os.MkdirTemp(root, ".bundle-")
	if err != nil {
		return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
	}
	defer os.RemoveAll(tmp)
	for name, data := range modules {
		dest := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
		}
		if err := os.WriteFile(dest, data, 0o644); err != nil {
			return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if holds(dir, want) { // another run cached it meanwhile
			pack.Dir = dir
			return pack, nil
		}
		return Pack{}, refError(root, "cache cannot be written: "+err.Error(), "make the cache directory writable")
	}
	pack.Dir = dir
	return pack, nil
}

// bundleDir is where the modules of a bundle are cached: apart from pulled packs, under the
// archive's digest.
func bundleDir(root string, d digest.Digest) string {
	return filepath.Join(root, "bundle-"+d.Algorithm().String()+"-"+d.Encoded())
}

// readBundle reads a bundle with OPA's own reader and returns its Rego modules by their
// path inside it. Every bound is checked before a file's contents are kept: the unpacked
// size, the number of files, each file's size and its path.
func readBundle(file string, raw []byte, vc *bundle.VerificationConfig) (map[string][]byte, error) {
	// The tar reader skips what it does not keep by decompressing it: bound the whole
	// stream first, so a small archive that unpacks to gigabytes costs no more than this.
	gz, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, bundleError(file, "is not a gzip archive: "+err.Error(), "build the bundle with opa build")
	}
	n, err := io.Copy(io.Discard, io.LimitReader(gz, MaxBundleUnpacked+1))
	if err != nil {
		return nil, bundleError(file, "is not a valid gzip archive: "+err.Error(), "build the bundle again with opa build")
	}
	if n > MaxBundleUnpacked {
		return nil, bundleError(file, fmt.Sprintf("unpacks to over %s", safefile.Size(MaxBundleUnpacked)), "a policy bundle is small; split it")
	}

	// Read once without the signature, then, with a key, again with it: what fails only the
	// second time fails verification, whatever words OPA's reader uses for it.
	b, err := loadBundle(file, raw, nil)
	if err != nil {
		return nil, err
	}
	if vc != nil {
		if _, err := loadBundle(file, raw, vc); err != nil {
			return nil, bundleError(file, "fails signature verification: "+err.Error(), "use the bundle as signed with your key (opa build --signing-key), or check --verification-key and --verification-key-id")
		}
	}
	if b.Type() != bundle.SnapshotBundleType {
		return nil, bundleError(file, "is a delta bundle", "build a snapshot bundle with opa build")
	}
	if len(b.WasmModules) > 0 || len(b.PlanModules) > 0 || len(b.Wasm) > 0 {
		return nil, bundleError(file, "holds Wasm or plan modules", "build the bundle with opa build's default target, rego")
	}
	if len(b.Data) > 0 {
		return nil, bundleError(file, "holds data documents (data.json or data.yaml), which ladderctl does not load", "give values to policies as params (METADATA custom.params, the config's params:); build the bundle from .rego files only")
	}
	if len(b.Modules) == 0 {
		return nil, bundleError(file, "holds no .rego module", "build the bundle from a directory of Rego policies")
	}
	modules := map[string][]byte{}
	for _, m := range b.Modules {
		name, ok := layerPath(m.Path)
		if !ok {
			return nil, bundleError(file, fmt.Sprintf("holds a module named %q, which is no path inside the bundle", m.Path), "build the bundle again with opa build; do not use it")
		}
		if v, err := b.RegoVersionForFile(m.Path, ast.RegoV1); err == nil && v == ast.RegoV0 {
			return nil, bundleError(file, fmt.Sprintf("declares %s Rego v0", name), "ladderctl reads Rego v1: rewrite the policies with opa fmt --v0-v1 and build again")
		}
		modules[name] = m.Raw
	}
	return modules, nil
}

// loadBundle reads the archive with OPA's reader, checking the signature against vc, or
// skipping it when vc is nil. With vc, an error is the reader's own, for the caller to
// frame; without, it is a whole message.
func loadBundle(file string, raw []byte, vc *bundle.VerificationConfig) (bundle.Bundle, error) {
	var problem error // the first bound an entry broke; the entries after it are skipped
	var count int
	var total int64
	seen := map[string]bool{}
	limits := func(name string, info fs.FileInfo, _ int) bool {
		if problem != nil {
			return true
		}
		if info.IsDir() && !strings.Contains("/"+filepath.ToSlash(name)+"/", "/../") {
			return false // tar -C DIR . writes ./ and its directories: no file, nothing to bound
		}
		clean, ok := layerPath(name)
		switch {
		case !ok || strings.HasPrefix(name, "..") || strings.Contains(name, "/../") || strings.Contains(clean, ":"):
			problem = bundleError(file, fmt.Sprintf("holds a file named %q, which is no path inside the bundle", name), "build the bundle again with opa build; do not use it")
		case seen[clean]:
			problem = bundleError(file, fmt.Sprintf("holds %q twice", clean), "build the bundle again with opa build")
		case count+1 > MaxLayers:
			problem = bundleError(file, fmt.Sprintf("holds over %d files", MaxLayers), "split the bundle")
		case info.Size() > MaxBlobSize:
			problem = bundleError(file, fmt.Sprintf("holds %s of %d bytes, over the %s limit of a policy file", clean, info.Size(), safefile.Size(MaxBlobSize)), "split the file")
		case total+info.Size() > MaxPackSize:
			problem = bundleError(file, fmt.Sprintf("holds over %s of files", safefile.Size(MaxPackSize)), "split the bundle")
		}
		if problem != nil {
			return true
		}
		seen[clean] = true
		count++
		total += info.Size()
		return false
	}
	loader := bundle.NewTarballLoaderWithBaseURL(bytes.NewReader(raw), "").
		WithFilter(limits).
		WithSizeLimitBytes(MaxBlobSize)
	r := bundle.NewCustomReader(loader).
		WithSizeLimitBytes(MaxBlobSize).
		WithLazyLoadingMode(false).
		WithProcessAnnotations(true).
		WithRegoVersion(ast.RegoV1)
	if vc != nil {
		r = r.WithBundleVerificationConfig(vc)
	} else {
		r = r.WithSkipBundleVerification(true)
	}
	b, err := r.Read()
	if problem != nil {
		return b, problem
	}
	if err != nil && vc == nil {
		return b, bundleError(file, "cannot be read as an OPA bundle: "+err.Error(), "build the bundle again with opa build")
	}
	return b, err
}

// verificationConfig reads the key of v, bounded, and says which algorithm it verifies.
// The algorithm comes from the key, never from the signature: a signature that names HS256
// could otherwise be forged with a public key as its HMAC secret.
func verificationConfig(v Verification) (*bundle.VerificationConfig, error) {
	data, err := safefile.Read(v.KeyFile, MaxKeySize)
	if err != nil {
		return nil, bundleError(v.KeyFile, "cannot be read as a verification key: "+safefile.Reason(err), "give the public key (PEM) or the HMAC secret the bundles are signed with")
	}
	alg, err := keyAlgorithm(data)
	if err != nil {
		return nil, bundleError(v.KeyFile, "is no verification key: "+err.Error(), "give a PEM public key (RSA or ECDSA), such as openssl pkey -in private.pem -pubout writes, or an HMAC secret")
	}
	id := v.KeyID
	if id == "" {
		id = DefaultKeyID
	}
	ks := map[string]*keys.Config{id: {Key: string(data), Algorithm: alg, Scope: v.Scope}}
	return bundle.NewVerificationConfig(ks, id, v.Scope, nil), nil
}

// publicNotPEM tells a public key written other than as PEM: DER (a key or a certificate),
// an OpenSSH public key line, or a JWK.
func publicNotPEM(data []byte) bool {
	if _, err := x509.ParsePKIXPublicKey(data); err == nil {
		return true
	}
	if _, err := x509.ParsePKCS1PublicKey(data); err == nil {
		return true
	}
	if _, err := x509.ParseCertificate(data); err == nil {
		return true
	}
	text := bytes.TrimSpace(data)
	for _, prefix := range []string{"ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-", "{"} {
		if bytes.HasPrefix(text, []byte(prefix)) {
			return true
		}
	}
	return false
}

// keyAlgorithm says how a key verifies: RS256 for an RSA public key (opa build's default),
// ES256, ES384 or ES512 for an ECDSA key by its curve, and HS256 for anything not PEM, a
// secret. A private key is refused: it does not belong where the bundles are checked.
func keyAlgorithm(data []byte) (string, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", errors.New("the file is empty")
	}
	block, _ := pem.Decode(data)
	if block == nil {
		if bytes.Contains(data, []byte("-----BEGIN")) {
			return "", errors.New("its PEM block cannot be decoded")
		}
		if publicNotPEM(data) {
			// Anyone may hold a public key: used as an HMAC secret, it would let anyone sign.
			return "", errors.New("it is a public key in a form other than PEM (DER, OpenSSH or JWK)")
		}
		return "HS256", nil
	}
	var pub any
	var err error
	switch block.Type {
	case "PUBLIC KEY":
		pub, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		pub, err = x509.ParsePKCS1PublicKey(block.Bytes)
	case "CERTIFICATE":
		var cert *x509.Certificate
		if cert, err = x509.ParseCertificate(block.Bytes); err == nil {
			pub = cert.PublicKey
		}
	default:
		if strings.Contains(block.Type, "PRIVATE KEY") {
			return "", errors.New("it is a private key")
		}
		return "", fmt.Errorf("it is a PEM block of type %q", block.Type)
	}
	if err != nil {
		return "", err
	}
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "RS256", nil
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return "ES256", nil
		case elliptic.P384():
			return "ES384", nil
		case elliptic.P521():
			return "ES512", nil
		}
		return "", fmt.Errorf("its ECDSA curve %s is not supported", k.Curve.Params().Name)
	}
	return "", fmt.Errorf("its %T key is not supported", pub)
}
