// Package policysourcetest publishes policy packs the way other tools do, for the tests of
// ladderctl's interoperation with them; tests only.
package policysourcetest

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/opencontainers/image-spec/specs-go"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/registry/remote"
)

// The layout conftest publishes (its internal/commands/push.go, read at commit 6a3fd60), as facts to check
// against: a {} config of oras's unknown media type, one layer per file (Rego as policy
// layers, data documents as data layers) titled with the path conftest loaded it from,
// an image manifest whose JSON carries no mediaType of its own, pushed by digest and then
// tagged.
const (
	ConftestConfigMediaType = "application/vnd.unknown.config.v1+json"
	ConftestPolicyLayer     = "application/vnd.cncf.openpolicyagent.policy.layer.v1+rego"
	ConftestDataLayer       = "application/vnd.cncf.openpolicyagent.data.layer.v1+json"
)

// T is what publishing needs of a test: a *testing.T, or a script command's adapter.
type T interface {
	Helper()
	Fatal(args ...any)
}

// ConftestPush publishes files (title → content) to host (a registry over plain HTTP) under
// repoTag (REPO:TAG) as `conftest push` does, and returns the manifest's digest.
func ConftestPush(t T, host, repoTag string, files map[string]string) string {
	t.Helper()
	ctx := context.Background()
	name, tag, _ := strings.Cut(repoTag, ":")
	repo, err := remote.NewRepository(host + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	repo.PlainHTTP = true
	titles := make([]string, 0, len(files))
	for title := range files {
		titles = append(titles, title)
	}
	slices.Sort(titles)
	var layers []ocispec.Descriptor
	for _, title := range titles {
		mt := ConftestPolicyLayer
		if !strings.HasSuffix(title, ".rego") {
			mt = ConftestDataLayer
		}
		data := []byte(files[title])
		desc := content.NewDescriptorFromBytes(mt, data)
		desc.Annotations = map[string]string{ocispec.AnnotationTitle: title}
		if err := repo.Push(ctx, desc, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		layers = append(layers, desc)
	}
	cfg := []byte("{}")
	cfgDesc := content.NewDescriptorFromBytes(ConftestConfigMediaType, cfg)
	if err := repo.Push(ctx, cfgDesc, bytes.NewReader(cfg)); err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(ocispec.Manifest{Versioned: specs.Versioned{SchemaVersion: 2}, Config: cfgDesc, Layers: layers})
	if err != nil {
		t.Fatal(err)
	}
	mDesc := content.NewDescriptorFromBytes(ocispec.MediaTypeImageManifest, raw)
	if err := repo.Push(ctx, mDesc, bytes.NewReader(raw)); err != nil {
		t.Fatal(err)
	}
	if err := repo.Tag(ctx, mDesc, tag); err != nil {
		t.Fatal(err)
	}
	return mDesc.Digest.String()
}
