package render

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/; review the diff")

// The golden files show a reviewer what a change to the layout does to a whole picture.
func TestGolden(t *testing.T) {
	l := judged(t, repoRoot+"/docs/examples/unhealthy.yaml")
	for format, ext := range map[string]string{"svg": ".svg", "html": ".html", "markdown": ".md"} {
		t.Run(format, func(t *testing.T) {
			got := render(t, l, format)
			path := filepath.Join("testdata", "unhealthy"+ext)
			if *update {
				if err := os.MkdirAll("testdata", 0o777); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./internal/render/ -run Golden -update writes it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s; if the change is meant, go test ./internal/render/ -run Golden -update, and review the diff", format, path)
			}
		})
	}
}
