package config_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
)

// Any bytes give a config or errors at real positions: never a panic, never a hang.
func FuzzParse(f *testing.F) {
	scripts, _ := filepath.Glob("../../testdata/script/*.txtar")
	seeds := 0
	for _, s := range scripts {
		a, err := txtar.ParseFile(s)
		if err != nil {
			continue
		}
		for _, file := range a.Files {
			if strings.HasSuffix(file.Name, ".ladderctl.yaml") || strings.HasPrefix(file.Name, "settings/") {
				f.Add(file.Data)
				seeds++
			}
		}
	}
	if seeds < 5 {
		f.Fatalf("only %d config seeds found", seeds)
	}
	f.Add([]byte("params: {a: &a [*a, *a]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := config.Parse(".ladderctl.yaml", data)
		if err == nil {
			if c == nil {
				t.Fatal("no config and no error")
			}
			return
		}
		var list diag.List
		var one *diag.Error
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				if e.Line < 1 || e.Message == "" {
					t.Fatalf("error without a position: %+v", e)
				}
			}
		case errors.As(err, &one):
			if one.Message == "" {
				t.Fatalf("empty error")
			}
		default:
			t.Fatalf("error of another kind: %v", err)
		}
	})
}
