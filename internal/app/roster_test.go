package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/app"
	"github.com/ladderctl/ladderctl/internal/cli"
	"github.com/rogpeppe/go-internal/testscript"
)

// exampleRoster is the synthetic roster the README's example counts; scripts find it at the
// same path as in the repository.
const exampleRoster = "docs/examples/synthetic-roster.csv"

// cmdNoleak fails when a file holds anything that identifies one person of a roster: any
// cell of it but those of its ladder, level, zone and gender columns (a name, an email, an id,
// a pay), or of the columns -keep names; a pay also as people write it (123,457).
//
//	noleak [-keep column,...] roster file...
func cmdNoleak(ts *testscript.TestScript, neg bool, args []string) {
	keep := []string{"ladder", "level", "zone", "gender"}
	if len(args) > 1 && args[0] == "-keep" {
		keep, args = strings.Split(args[1], ","), args[2:]
	}
	if neg || len(args) < 2 {
		ts.Fatalf("usage: noleak [-keep column,...] roster file...")
	}
	rows, err := csv.NewReader(strings.NewReader(ts.ReadFile(args[0]))).ReadAll()
	ts.Check(err)
	if len(rows) < 2 {
		ts.Fatalf("noleak: %s has no rows", args[0])
	}
	var secrets []string
	for _, row := range rows[1:] {
		for i, cell := range row {
			if slices.Contains(keep, strings.ToLower(rows[0][i])) || cell == "" {
				continue
			}
			secrets = append(secrets, cell)
			if n, err := strconv.Atoi(cell); err == nil && n >= 1000 {
				secrets = append(secrets, thousands(cell))
			}
		}
	}
	for _, file := range args[1:] {
		out := ts.ReadFile(file)
		if strings.TrimSpace(out) == "" {
			ts.Fatalf("noleak: %s is empty: nothing was scanned", file)
		}
		for _, s := range secrets {
			if strings.Contains(out, s) {
				ts.Fatalf("noleak: %s holds %q, a cell of the roster that identifies a person", file, s)
			}
		}
	}
	ts.Logf("noleak: %d cells of %s not found in %d files", len(secrets), args[0], len(args)-1)
}

func thousands(digits string) string {
	for i := len(digits) - 3; i > 0; i -= 3 {
		digits = digits[:i] + "," + digits[i:]
	}
	return digits
}

// copyRoster gives a script the example roster.
func copyRoster(env *testscript.Env) error {
	return copyNew(filepath.Join(repoRoot, filepath.FromSlash(exampleRoster)), filepath.Join(env.WorkDir, filepath.FromSlash(exampleRoster)))
}

// The README's example of ladderctl roster is what the command prints, run from the
// repository as a reader would run it.
func TestReadmeRosterExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const command = "ladderctl roster " + exampleRoster + " ladders/acme-engineering.yaml"
	t.Chdir(repoRoot)
	var out, errOut bytes.Buffer
	code := app.Run(context.Background(), strings.Fields(command)[1:], &cli.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }})
	if code != 1 || errOut.Len() > 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut.String())
	}
	if block := "$ " + command + "\n" + out.String() + "```"; !strings.Contains(string(readme), block) {
		t.Errorf("README.md does not show what %q prints; it prints:\n%s", command, out.String())
	}
}
