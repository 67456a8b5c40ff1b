package safefile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesWholeFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "new" {
		t.Fatalf("file holds %q, want %q", got, "new")
	}
	assertNoTemp(t, filepath.Dir(p))
}

func TestWriteKeepsOldFileOnFailure(t *testing.T) {
	p := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "old" {
		t.Fatalf("file holds %q after a failed write, want the old contents", got)
	}
	assertNoTemp(t, filepath.Dir(p))
}

func TestWriteMissingDirectory(t *testing.T) {
	p := filepath.Join(t.TempDir(), "no", "such", "dir", "out.txt")
	err := Write(p, func(io.Writer) error { return nil })
	if err == nil {
		t.Fatal("want an error for a missing directory")
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("directory holds %d entries, want only the report", len(entries))
	}
}

func TestPutGoesToTheFileOrTheStream(t *testing.T) {
	var out bytes.Buffer
	if err := Put(&out, "", []byte("to the stream")); err != nil || out.String() != "to the stream" {
		t.Fatalf("Put to the stream: %q, %v", out.String(), err)
	}
	path := filepath.Join(t.TempDir(), "report.svg")
	out.Reset()
	if err := Put(&out, path, []byte("to the file")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "to the file" || out.Len() != 0 {
		t.Errorf("file %q, stream %q", got, out.String())
	}
}
