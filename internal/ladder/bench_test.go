package ladder

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFileList is the serial start of every Load: the walk of a directory of 10,000
// ladder files and the check for files reached twice, before any file is read.
func BenchmarkFileList(b *testing.B) {
	dir := b.TempDir()
	for i := range 10_000 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("family-%05d.yaml", i)), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.Chdir(dir) // paths relative to the working directory, as people name them
	for b.Loop() {
		found, problems := discover(context.Background(), ".")
		if files := dedupe(found.Files, found.Real); len(files) != 10_000 || len(problems) > 0 {
			b.Fatalf("%d files, problems %v", len(files), problems)
		}
	}
}
