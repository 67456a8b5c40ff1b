package report

import (
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
)

func TestTextGroupsByFileWithSummary(t *testing.T) {
	var b strings.Builder
	if err := (textFormat{}).Write(&b, New(3, 2, sample()), Options{}); err != nil {
		t.Fatal(err)
	}
	want := `a.yaml:3:1: error load: bad

b.yaml:12:14: info content/expectations: c
b.yaml:12:14: warning parity/scope: a
b.yaml:41:16: error parity/top-grade: b

c.yaml:1:1: warning load: no ladder in this file

2 errors, 2 warnings, 1 info in 2 ladders (3 files checked).
`
	if b.String() != want {
		t.Errorf("text output:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestTextClean(t *testing.T) {
	var b strings.Builder
	if err := (textFormat{}).Write(&b, New(2, 3, nil), Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "No problems found in 3 ladders (2 files checked).\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTextColourOnlyWhenAsked(t *testing.T) {
	for _, colour := range []bool{false, true} {
		var b strings.Builder
		if err := (textFormat{}).Write(&b, New(3, 2, sample()), Options{Color: colour}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(b.String(), "\x1b["); got != colour {
			t.Errorf("colour %v: escapes present = %v", colour, got)
		}
	}
}

func TestLocationWithoutLine(t *testing.T) {
	if got := Location(finding.Finding{File: "missing.yaml"}); got != "missing.yaml" {
		t.Errorf("Location = %q", got)
	}
}
