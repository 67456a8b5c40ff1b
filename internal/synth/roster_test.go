package synth

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the example roster")

// The example roster is shipped as a file, so that a reader can run the README's command; it
// is this generator's output, byte for byte (go test ./internal/synth -update rewrites it).
func TestExampleRosterIsGenerated(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "examples", "synthetic-roster.csv")
	want := Roster()
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not the generator's output; run go test ./internal/synth -update", path)
	}
	if !bytes.Equal(want, Roster()) {
		t.Error("the generator gives different rosters on two runs")
	}
}
