package policysource

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/bundle"
)

// keyPair is a signing key as opa build takes it and its public half as ladderctl reads it.
type keyPair struct {
	private, public string // PEM
	alg             string
}

func rsaKey(t *testing.T) keyPair {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return keyPair{
		private: string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})),
		public:  string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})),
		alg:     "RS256",
	}
}

func ecKey(t *testing.T) keyPair {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return keyPair{
		private: string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: priv})),
		public:  string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})),
		alg:     "ES256",
	}
}

func hmacKey(secret string) keyPair {
	return keyPair{private: secret, public: secret, alg: "HS256"}
}

// opaBundle is what opa build makes of modules (path to Rego) and data: a snapshot bundle,
// signed with key when one is given, as opa build --signing-key signs it.
func opaBundle(t *testing.T, modules map[string]string, data map[string]any, key *keyPair) bundle.Bundle {
	t.Helper()
	b := bundle.Bundle{Data: data}
	if b.Data == nil {
		b.Data = map[string]any{}
	}
	for path, src := range modules {
		b.Modules = append(b.Modules, bundle.ModuleFile{URL: path, Path: path, Raw: []byte(src)})
	}
	if key != nil {
		if err := b.GenerateSignature(bundle.NewSigningConfig(key.private, key.alg, ""), DefaultKeyID, false); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// write writes b as a .tar.gz file and returns its path.
func write(t *testing.T, b bundle.Bundle) string {
	t.Helper()
	var buf bytes.Buffer
	if err := bundle.NewWriter(&buf).DisableFormat(true).Write(b); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "bundle.tar.gz", buf.Bytes())
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// rawTarGz writes a .tar.gz of the given entries as they are, names included: what a
// hostile bundle can hold and opa build never writes.
func rawTarGz(t *testing.T, entries map[string][]byte) string {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for name, data := range entries {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "bundle.tar.gz", buf.Bytes())
}

func withKey(t *testing.T, o Options, public string) Options {
	t.Helper()
	o.Verification = Verification{KeyFile: writeFile(t, "key.pem", []byte(public))}
	return o
}

var titles = map[string]string{"/acme/titles.rego": rule}

// refused asserts that opening file fails with a message naming it and saying want, and
// that nothing was cached.
func refused(t *testing.T, file string, o Options, want string) {
	t.Helper()
	_, err := OpenBundle(file, o)
	if err == nil {
		t.Fatalf("accepted; want an error saying %q", want)
	}
	if msg := err.Error(); !strings.Contains(msg, want) || !strings.HasPrefix(msg, file) || strings.Contains(msg, "\n") {
		t.Errorf("error = %q; want one line naming %s and saying %q", msg, file, want)
	}
	if entries, _ := os.ReadDir(o.CacheDir); len(entries) != 0 {
		t.Errorf("the cache holds %d entries after a refused bundle", len(entries))
	}
}

func TestBundleUnsigned(t *testing.T) {
	o := options(t)
	file := write(t, opaBundle(t, titles, nil, nil))
	p, err := OpenBundle(file, o)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(file)
	sum := sha256.Sum256(raw)
	if p.Ref != file || p.Digest.String() != "sha256:"+hex.EncodeToString(sum[:]) {
		t.Errorf("pack = %+v; want ref %s at the archive's sha256", p, file)
	}
	if want := filepath.Join(o.CacheDir, "bundle-sha256-"+hex.EncodeToString(sum[:])); p.Dir != want {
		t.Errorf("cached in %s, want %s", p.Dir, want)
	}
	got, err := os.ReadFile(filepath.Join(p.Dir, "acme", "titles.rego"))
	if err != nil || string(got) != rule {
		t.Errorf("cached module = %q, %v; want the bundle's rule", got, err)
	}
	entries, _ := os.ReadDir(p.Dir)
	if len(entries) != 1 {
		t.Errorf("the cached bundle holds %d entries, want only its module's directory (no data.json)", len(entries))
	}
	// Resolve serves it like a pack, in order among directories.
	dirs, packs, err := Resolve(t.Context(), []string{"policies", file}, o)
	if err != nil || len(dirs) != 2 || dirs[0] != "policies" || dirs[1] != p.Dir || len(packs) != 1 || packs[0] != p {
		t.Errorf("Resolve = %v, %v, %v", dirs, packs, err)
	}
}

// Without a key, a signed bundle loads: its signature is not checked.
func TestBundleSignedWithoutKeyLoads(t *testing.T) {
	k := rsaKey(t)
	if _, err := OpenBundle(write(t, opaBundle(t, titles, nil, &k)), options(t)); err != nil {
		t.Fatal(err)
	}
}

func TestBundleSignedWithTheRightKey(t *testing.T) {
	for name, k := range map[string]keyPair{"rsa": rsaKey(t), "ecdsa": ecKey(t), "hmac": hmacKey("a secret shared with the signer")} {
		t.Run(name, func(t *testing.T) {
			o := withKey(t, options(t), k.public)
			p, err := OpenBundle(write(t, opaBundle(t, titles, nil, &k)), o)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(p.Dir, "acme", "titles.rego")); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestBundleSignedWithAnotherKeyRefused(t *testing.T) {
	signer, other := rsaKey(t), rsaKey(t)
	file := write(t, opaBundle(t, titles, nil, &signer))
	refused(t, file, withKey(t, options(t), other.public), "fails signature verification")

	h := hmacKey("the signer's secret")
	refused(t, write(t, opaBundle(t, titles, nil, &h)), withKey(t, options(t), "another secret"), "fails signature verification")
}

// A signature made for a scope passes only where that scope is asked for, and the other way
// round.
func TestBundleScope(t *testing.T) {
	k := rsaKey(t)
	b := bundle.Bundle{Data: map[string]any{}, Modules: []bundle.ModuleFile{{URL: "/acme/titles.rego", Path: "/acme/titles.rego", Raw: []byte(rule)}}}
	claims := writeFile(t, "claims.json", []byte(`{"scope": "ladders"}`))
	if err := b.GenerateSignature(bundle.NewSigningConfig(k.private, k.alg, claims), DefaultKeyID, false); err != nil {
		t.Fatal(err)
	}
	scoped := write(t, b)
	o := withKey(t, options(t), k.public)
	o.Verification.Scope = "ladders"
	if _, err := OpenBundle(scoped, o); err != nil {
		t.Errorf("the right scope: %v", err)
	}
	refused(t, scoped, withKey(t, options(t), k.public), "scope mismatch")
	o = withKey(t, options(t), k.public)
	o.Verification.Scope = "ladders"
	refused(t, write(t, opaBundle(t, titles, nil, &k)), o, "scope mismatch")
}

// A signature made with HS256 over the public key as its secret must not pass: the
// algorithm comes from the key ladderctl is given, not from the signature.
func TestBundleAlgorithmConfusionRefused(t *testing.T) {
	k := rsaKey(t)
	forged := hmacKey(k.public)
	refused(t, write(t, opaBundle(t, titles, nil, &forged)), withKey(t, options(t), k.public), "fails signature verification")
}

func TestBundleWithoutSignatureRefusedWithKey(t *testing.T) {
	k := rsaKey(t)
	refused(t, write(t, opaBundle(t, titles, nil, nil)), withKey(t, options(t), k.public), ".signatures.json")
}

// A file changed after signing, or added to a signed bundle, is refused.
func TestBundleTamperedRefused(t *testing.T) {
	k := rsaKey(t)
	signed := opaBundle(t, titles, nil, &k)

	changed := opaBundle(t, map[string]string{"/acme/titles.rego": strings.Replace(rule, "false", "true", 1)}, nil, nil)
	changed.Signatures = signed.Signatures
	refused(t, write(t, changed), withKey(t, options(t), k.public), "digest mismatch")

	added := opaBundle(t, map[string]string{"/acme/titles.rego": rule, "/acme/more.rego": "package acme.more\n"}, nil, nil)
	added.Signatures = signed.Signatures
	refused(t, write(t, added), withKey(t, options(t), k.public), "not included in bundle signature")
}

// A key given today holds for a bundle cached by an earlier run without one.
func TestBundleKeyHoldsForCachedBundle(t *testing.T) {
	signer, other := rsaKey(t), rsaKey(t)
	o := options(t)
	file := write(t, opaBundle(t, titles, nil, &signer))
	first, err := OpenBundle(file, o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenBundle(file, withKey(t, o, other.public)); err == nil {
		t.Error("a cached bundle was accepted with a key that did not sign it")
	}
	again, err := OpenBundle(file, withKey(t, o, signer.public))
	if err != nil || again.Dir != first.Dir {
		t.Errorf("second open = %+v, %v; want the cached %s", again, err, first.Dir)
	}
}

func TestBundlePathsOutsideRefused(t *testing.T) {
	for _, name := range []string{"../evil.rego", "/../../evil.rego", "acme/../../evil.rego", "C:/evil.rego"} {
		t.Run(name, func(t *testing.T) {
			file := rawTarGz(t, map[string][]byte{name: []byte(rule)})
			refused(t, file, options(t), "no path inside the bundle")
		})
	}
	// As OPA's own writer would write it.
	refused(t, write(t, opaBundle(t, map[string]string{"../evil.rego": rule}, nil, nil)), options(t), "no path inside the bundle")
}

func TestBundleBoundsRefused(t *testing.T) {
	t.Run("a file too big", func(t *testing.T) {
		big := rule + "# " + strings.Repeat("x", MaxBlobSize) + "\n"
		refused(t, rawTarGz(t, map[string][]byte{"/big.rego": []byte(big)}), options(t), "over the 1 MiB limit of a policy file")
	})
	t.Run("too much in all", func(t *testing.T) {
		entries := map[string][]byte{}
		for i := range MaxPackSize/MaxBlobSize + 1 {
			entries[fmt.Sprintf("/f%03d.txt", i)] = make([]byte, MaxBlobSize)
		}
		refused(t, rawTarGz(t, entries), options(t), "holds over 64 MiB of files")
	})
	t.Run("too many files", func(t *testing.T) {
		entries := map[string][]byte{}
		for i := range MaxLayers + 1 {
			entries[fmt.Sprintf("/f%05d.txt", i)] = nil
		}
		refused(t, rawTarGz(t, entries), options(t), fmt.Sprintf("holds over %d files", MaxLayers))
	})
	t.Run("unpacks too big", func(t *testing.T) {
		// One file the tar reader would skip, but must decompress to skip.
		var buf bytes.Buffer
		gz := gzip.NewWriter(&buf)
		tw := tar.NewWriter(gz)
		_ = tw.WriteHeader(&tar.Header{Name: "/skipped", Mode: 0o644, Size: MaxBundleUnpacked, Typeflag: tar.TypeReg})
		zeros := make([]byte, 1<<20)
		for range MaxBundleUnpacked / len(zeros) {
			_, _ = tw.Write(zeros)
		}
		_ = tw.Close()
		_ = gz.Close()
		refused(t, writeFile(t, "bomb.tar.gz", buf.Bytes()), options(t), "unpacks to over 128 MiB")
	})
	t.Run("archive too big", func(t *testing.T) {
		f := writeFile(t, "big.tar.gz", nil)
		if err := os.Truncate(f, MaxBundleFileSize+1); err != nil {
			t.Fatal(err)
		}
		refused(t, f, options(t), "cannot be read")
	})
}

func TestBundleContentsRefused(t *testing.T) {
	refused(t, write(t, opaBundle(t, titles, map[string]any{"acme": map[string]any{"max": 3}}, nil)), options(t), "holds data documents")
	refused(t, write(t, opaBundle(t, nil, nil, nil)), options(t), "holds no .rego module")
	refused(t, writeFile(t, "not.tar.gz", []byte("package acme\n")), options(t), "is not a gzip archive")
	refused(t, write(t, opaBundle(t, map[string]string{"/bad.rego": "package acme\n\ndeny contains if {"}, nil, nil)), options(t), "cannot be read as an OPA bundle")
}

func TestVerificationKeyFilesRefused(t *testing.T) {
	k := rsaKey(t)
	file := write(t, opaBundle(t, titles, nil, &k))
	for name, key := range map[string]string{
		"private":   k.private,
		"empty":     "",
		"bad pem":   "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n",
		"other pem": string(pem.EncodeToMemory(&pem.Block{Type: "OPENSSH PRIVATE KEY", Bytes: []byte("x")})),
	} {
		t.Run(name, func(t *testing.T) {
			o := withKey(t, options(t), key)
			_, err := OpenBundle(file, o)
			if err == nil || !strings.HasPrefix(err.Error(), o.Verification.KeyFile) || !strings.Contains(err.Error(), "verification key") {
				t.Errorf("err = %v; want a message naming the key file", err)
			}
		})
	}
	o := options(t)
	o.Verification.KeyFile = filepath.Join(t.TempDir(), "missing.pem")
	if _, err := OpenBundle(file, o); err == nil || !strings.Contains(err.Error(), "missing.pem") {
		t.Errorf("a missing key file: err = %v", err)
	}
}

func TestKeyAlgorithm(t *testing.T) {
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	pub384, _ := x509.MarshalPKIXPublicKey(&p384.PublicKey)
	r := rsaKey(t)
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	for want, key := range map[string]string{
		"RS256":       r.public,
		"ES256":       ecKey(t).public,
		"ES384":       string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub384})),
		"HS256":       "secret\n",
		"RS256 pkcs1": string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&rk.PublicKey)})),
	} {
		got, err := keyAlgorithm([]byte(key))
		if err != nil || got != strings.Fields(want)[0] {
			t.Errorf("%s: got %q, %v", want, got, err)
		}
	}
}

func TestIsBundle(t *testing.T) {
	for source, want := range map[string]bool{
		"policies.tar.gz": true, "dir/b.tar.gz": true, "policies": false, "b.tgz": false,
		"oci://r/p.tar.gz:v1": false, "x.tar": false,
	} {
		if IsBundle(source) != want {
			t.Errorf("IsBundle(%q) = %v", source, !want)
		}
	}
}

// A public key written other than as PEM must not become an HMAC secret: anyone holding the
// public key could then sign bundles.
func TestPublicKeyNotPEMRefused(t *testing.T) {
	k := rsaKey(t)
	block, _ := pem.Decode([]byte(k.public))
	file := write(t, opaBundle(t, titles, nil, &k))
	for name, key := range map[string]string{
		"DER":     string(block.Bytes),
		"OpenSSH": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 someone@example.com\n",
		"ECDSA":   "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY= someone@example.com\n",
		"JWK":     `{"kty":"RSA","n":"0vx7agoebGcQSuu","e":"AQAB"}`,
	} {
		t.Run(name, func(t *testing.T) {
			o := withKey(t, options(t), key)
			_, err := OpenBundle(file, o)
			if err == nil || !strings.Contains(err.Error(), "public key in a form other than PEM") {
				t.Errorf("err = %v; want the key refused as a public key not in PEM", err)
			}
		})
	}
	if alg, err := keyAlgorithm([]byte("a long and random shared secret")); err != nil || alg != "HS256" {
		t.Errorf("a secret: %q, %v; want HS256", alg, err)
	}
}

// The directory the engine loads is checked against the archive on every run: a file
// changed in the cache, or one added there, is not judged by; the modules are written anew.
func TestBundleCacheCheckedOnEveryUse(t *testing.T) {
	o := options(t)
	file := write(t, opaBundle(t, titles, nil, nil))
	first, err := OpenBundle(file, o)
	if err != nil {
		t.Fatal(err)
	}
	cachedRule := filepath.Join(first.Dir, "acme", "titles.rego")
	for name, tamper := range map[string]func() error{
		"changed": func() error { return os.WriteFile(cachedRule, []byte("package acme\n"), 0o644) },
		"added": func() error {
			return os.WriteFile(filepath.Join(first.Dir, "extra.rego"), []byte("package extra\n"), 0o644)
		},
		"removed": func() error { return os.Remove(cachedRule) },
	} {
		t.Run(name, func(t *testing.T) {
			if err := tamper(); err != nil {
				t.Fatal(err)
			}
			again, err := OpenBundle(file, o)
			if err != nil || again.Dir != first.Dir {
				t.Fatalf("open = %+v, %v", again, err)
			}
			got, err := os.ReadFile(cachedRule)
			if err != nil || string(got) != rule {
				t.Errorf("cached rule = %q, %v; want the bundle's", got, err)
			}
			if _, err := os.Stat(filepath.Join(first.Dir, "extra.rego")); !os.IsNotExist(err) {
				t.Errorf("a file added to the cache is still there: %v", err)
			}
		})
	}
}

// tar -C policies . writes ./ and a directory entry per directory: a bundle made so is no
// hostile archive.
func TestBundleWithDirectoryEntries(t *testing.T) {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, dir := range []string{"./", "./acme/"} {
		if err := tw.WriteHeader(&tar.Header{Name: dir, Mode: 0o755, Typeflag: tar.TypeDir}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.WriteHeader(&tar.Header{Name: "./acme/titles.rego", Mode: 0o644, Size: int64(len(rule)), Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.Write([]byte(rule)); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	p, err := OpenBundle(writeFile(t, "plain.tar.gz", buf.Bytes()), options(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(p.Dir, "acme", "titles.rego")); err != nil || string(got) != rule {
		t.Errorf("cached rule = %q, %v", got, err)
	}
}

// With a key, a directory or a pack from a registry is refused: a pull request could
// otherwise swap the signed bundle for policies of its own by changing the config.
func TestKeyRequiresBundles(t *testing.T) {
	k := rsaKey(t)
	o := withKey(t, options(t), k.public)
	signed := write(t, opaBundle(t, titles, nil, &k))
	for _, source := range []string{t.TempDir(), "oci://127.0.0.1:1/pack:v1"} {
		_, _, err := Resolve(context.Background(), []string{signed, source}, o)
		if err == nil || !strings.HasPrefix(err.Error(), source) || !strings.Contains(err.Error(), "every policy must come from a bundle signed with it") {
			t.Errorf("%s: err = %v; want it refused, named", source, err)
		}
	}
	if !Needed([]string{t.TempDir()}, o) || Needed([]string{t.TempDir()}, options(t)) {
		t.Error("Needed: a directory needs resolving with a key, and only then")
	}
	if dirs, _, err := Resolve(context.Background(), []string{signed}, o); err != nil || len(dirs) != 1 {
		t.Errorf("the signed bundle alone: %v, %v", dirs, err)
	}
}
