package output

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Visible writes text from a ladder, a policy or a file name for a terminal or a CI log on
// one line, with every control character shown as an escape: C0 (line breaks and ESC
// included), DEL, C1, bidi controls and bytes that are not UTF-8. A line break would let a
// title start a line of its own, which the Actions runner reads as a command (::error,
// ::add-mask::); ESC starts terminal sequences (OSC 52 writes the clipboard, OSC 8 hides a
// link); a bidi override shows text in another order than it is read.
func Visible(s string) string { return visible(s, false) }

// VisibleLines is Visible for text of several lines, such as a rule's description: its line
// breaks stay (CRLF as LF), every other control character is escaped.
func VisibleLines(s string) string { return visible(s, true) }

func visible(s string, keepLF bool) string {
	if !needsEscape(s, keepLF) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' && keepLF:
			b.WriteByte('\n')
		case r == '\r' && keepLF && strings.HasPrefix(s[i+1:], "\n"):
			// dropped: the line break that follows is written
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case hidden(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string, keepLF bool) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r < 0x20 && !(keepLF && r == '\n')) || r == 0x7f || hidden(r) {
			return true
		}
		i += size
	}
	return false
}

// hidden tells the code points past ASCII that change what a terminal does or how text reads:
// C1 controls (U+0085 ends a line, U+009B starts a sequence on some terminals), the bidi
// embeddings, overrides and isolates, and the marks that reorder text.
func hidden(r rune) bool {
	return (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c || r == 0x2028 || r == 0x2029
}
