package compare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/cli"
)

func TestRosterFlags(t *testing.T) {
	file := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(file, []byte("Grade code\nIC1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o, err := parse(t, nil, map[string]string{"LADDERCTL_ROSTER": file}, "acme", "--columns", "level=Grade code", "--min-group", "3")
	if err != nil {
		t.Fatal(err)
	}
	if r := o.Judging.Roster; r == nil || r.MinGroup != 3 || r.People() != 1 {
		t.Errorf("roster = %+v", r)
	}
	if o, err := parse(t, nil, nil, "acme"); err != nil || o.Judging.Roster != nil {
		t.Errorf("without --roster: %+v, %v", o, err)
	}
	for _, args := range [][]string{
		{"a", "b", "--roster", file},
		{"a", "--base", "main", "--roster", file},
		{"a", "--levels", "IC1..IC2", "--roster", file},
		{"a", "--min-group", "3"},
	} {
		if _, err := parse(t, nil, nil, args...); err == nil || !cli.IsUsage(err) || !strings.Contains(err.Error(), "roster") {
			t.Errorf("%v: err = %v, want a usage error about the roster", args, err)
		}
	}
}
