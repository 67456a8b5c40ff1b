package policysource

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content/file"
	"oras.land/oras-go/v2/registry/remote"

	"github.com/ladderctl/ladderctl/internal/policysource/policysourcetest"
)

// A pack conftest pushed is pulled by ladderctl: Rego and data files under their titles,
// an absolute title (conftest titles files with the path it read) made relative.
func TestPullWhatConftestPushes(t *testing.T) {
	host, _ := serve(t)
	o := options(t)
	d := policysourcetest.ConftestPush(t, host, "conftest/pack:v1", map[string]string{
		"policy/titles.rego":      rule,
		"/home/ci/policy/x.rego":  "package acme.x\n",
		"policy/data/limits.json": `{"limits": {"levels": 6}}`,
	})
	p, err := Pull(context.Background(), "oci://"+host+"/conftest/pack:v1", o)
	if err != nil {
		t.Fatal(err)
	}
	if p.Digest.String() != d {
		t.Errorf("digest %s, conftest pushed %s", p.Digest, d)
	}
	for rel, want := range map[string]string{
		"policy/titles.rego": rule, "home/ci/policy/x.rego": "package acme.x\n", "policy/data/limits.json": `{"limits": {"levels": 6}}`,
	} {
		got, err := os.ReadFile(filepath.Join(p.Dir, filepath.FromSlash(rel)))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", rel, got, err, want)
		}
	}
}

// A pack ladderctl pushes has what `conftest pull` reads: an OCI image manifest, the {}
// config of oras's unknown type, a policy layer per Rego file titled with its relative
// slash path. conftest pulls with oras.Copy into oras's file store, which writes each
// titled layer under its title; the same copy here must give back the directory's files.
func TestConftestPullsWhatLadderctlPushes(t *testing.T) {
	host, _ := serve(t)
	o := options(t)
	dir := pack(t)
	if err := os.WriteFile(filepath.Join(dir, "titles", "titles_test.rego"), []byte("package acme.titles_test\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ref := host + "/pack:v1"
	d, err := Push(context.Background(), dir, "oci://"+ref, o)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	repo, err := remote.NewRepository(ref)
	if err != nil {
		t.Fatal(err)
	}
	repo.PlainHTTP = true
	desc, raw, err := oras.FetchBytes(ctx, repo, "v1", oras.DefaultFetchBytesOptions)
	if err != nil {
		t.Fatal(err)
	}
	if desc.Digest != d || desc.MediaType != ocispec.MediaTypeImageManifest {
		t.Errorf("manifest %s of type %q; want %s, %q", desc.Digest, desc.MediaType, d, ocispec.MediaTypeImageManifest)
	}
	var m ocispec.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m.SchemaVersion != 2 || m.Config.MediaType != policysourcetest.ConftestConfigMediaType || m.Config.Size != 2 {
		t.Errorf("config %+v (schema %d); want conftest's {} of %q", m.Config, m.SchemaVersion, policysourcetest.ConftestConfigMediaType)
	}
	var titles []string
	for _, l := range m.Layers {
		title := l.Annotations[ocispec.AnnotationTitle]
		if l.MediaType != policysourcetest.ConftestPolicyLayer || title == "" || filepath.IsAbs(title) || strings.Contains(title, `\`) || !filepath.IsLocal(title) {
			t.Errorf("layer %q of type %q; want a relative slash title and %q", title, l.MediaType, policysourcetest.ConftestPolicyLayer)
		}
		titles = append(titles, title)
	}
	if want := []string{"titles/titles.rego", "titles/titles_test.rego"}; !slices.Equal(titles, want) {
		t.Errorf("layers titled %q, want %q", titles, want)
	}

	// What conftest pull does with it: oras.Copy into a file store.
	out := t.TempDir()
	fs, err := file.New(out)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	if _, err := oras.Copy(ctx, repo, "v1", fs, "", oras.DefaultCopyOptions); err != nil {
		t.Fatalf("conftest's pull of ladderctl's pack: %v", err)
	}
	got, err := os.ReadFile(filepath.Join(out, "titles", "titles.rego"))
	if err != nil || string(got) != rule {
		t.Errorf("pulled titles/titles.rego = %q, %v; want the pushed rule", got, err)
	}
}
