package render

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRosterFlag(t *testing.T) {
	file := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(file, []byte("level,gender\nIC1,f\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o, err := parse(t, nil, nil, "acme", "--roster", file)
	if err != nil {
		t.Fatal(err)
	}
	if r := o.Judging.Roster; r == nil || r.MinGroup != 5 || !r.Gender {
		t.Errorf("roster = %+v", r)
	}
}
