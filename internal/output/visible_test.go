package output

import (
	"strings"
	"testing"
	"unicode"
)

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"Staff Engineer":                "Staff Engineer",
		"Zoë, 10% & <b>":                "Zoë, 10% & <b>",
		"title\r::error::owned":         `title\r::error::owned`,
		"a\nb":                          `a\nb`,
		"tab\there":                     `tab\there`,
		"\x1b]52;c;cHduZWQ=\x07":        `\x1b]52;c;cHduZWQ=\x07`,
		"\x1b]8;;http://x\x1b\\link":    `\x1b]8;;http://x\x1b\link`,
		"del\x7f":                       `del\x7f`,
		"c1 \u009b31m next \u0085":      `c1 \u009b31m next \u0085`,
		"gpj.\u202eexe":                 `gpj.\u202eexe`,
		"iso \u2066x\u2069":             `iso \u2066x\u2069`,
		"bad \xff byte":                 `bad \xff byte`,
		"line\u2028sep":                 `line\u2028sep`,
		`C:\ladders\a.yaml (backslash)`: `C:\ladders\a.yaml (backslash)`,
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVisibleLinesKeepsLineBreaks(t *testing.T) {
	if got, want := VisibleLines("one\ntwo\r\n\x1b[2Jthree\rfour"), "one\ntwo\n\\x1b[2Jthree\\rfour"; got != want {
		t.Errorf("VisibleLines = %q, want %q", got, want)
	}
}

// Whatever the input, nothing that a terminal or the Actions runner acts on comes out.
func TestVisibleLeavesNoControl(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		all.WriteRune(r)
	}
	all.WriteString("\xff\xfe\xc3")
	for _, r := range Visible(all.String()) {
		if unicode.IsControl(r) || hidden(r) || r == unicode.ReplacementChar {
			t.Fatalf("Visible kept %U", r)
		}
	}
}
