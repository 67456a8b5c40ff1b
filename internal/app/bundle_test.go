package app_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/compile"
	"github.com/rogpeppe/go-internal/testscript"
)

// cmdBundle makes what the bundle scripts read, with OPA's own code, so that no binary
// fixture is kept in the repository:
//
//	bundle keygen PRIVATE PUBLIC                 an ECDSA P-256 key pair, PEM
//	bundle build DIR OUT.tar.gz                  what opa build -b DIR -o OUT.tar.gz writes
//	bundle build -sign KEY ALG DIR OUT.tar.gz    the same, signed as opa build --signing-key
//	                                             KEY --signing-alg ALG signs it
func cmdBundle(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: bundle keygen PRIVATE PUBLIC | bundle build [-sign KEY ALG] DIR OUT")
	}
	switch args[0] {
	case "keygen":
		if len(args) != 3 {
			ts.Fatalf("usage: bundle keygen PRIVATE PUBLIC")
		}
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		ts.Check(err)
		priv, err := x509.MarshalECPrivateKey(k)
		ts.Check(err)
		pub, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
		ts.Check(err)
		ts.Check(os.WriteFile(ts.MkAbs(args[1]), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: priv}), 0o600))
		ts.Check(os.WriteFile(ts.MkAbs(args[2]), pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}), 0o644))
	case "build":
		rest := args[1:]
		c := compile.New().WithRegoVersion(ast.RegoV1).WithAsBundle(true)
		if len(rest) == 5 && rest[0] == "-sign" {
			key, err := os.ReadFile(ts.MkAbs(rest[1]))
			ts.Check(err)
			c = c.WithBundleSigningConfig(bundle.NewSigningConfig(string(key), rest[2], "")).WithBundleVerificationKeyID("default")
			rest = rest[3:]
		}
		if len(rest) != 2 {
			ts.Fatalf("usage: bundle build [-sign KEY ALG] DIR OUT")
		}
		var out bytes.Buffer
		// Paths inside the bundle are relative to DIR, as opa build -b DIR, run in DIR's
		// parent, writes them.
		c = c.WithFS(os.DirFS(ts.MkAbs(rest[0]))).WithPaths(".")
		ts.Check(c.WithOutput(&out).Build(context.Background()))
		ts.Check(os.WriteFile(ts.MkAbs(rest[1]), out.Bytes(), 0o644))
	default:
		ts.Fatalf("bundle: unknown %q; keygen or build", args[0])
	}
}
