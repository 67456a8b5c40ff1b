package output

import (
	"strings"
	"testing"
)

func TestMarkdownText(t *testing.T) {
	for in, want := range map[string]string{
		"plain words, 10.5% and (parens)": "plain words, 10.5% and (parens)",
		"<img src=x>":                     "&lt;img src=x&gt;",
		"</table><details>":               "&lt;/table&gt;&lt;details&gt;",
		"`` ` ``":                         "\\`\\` \\` \\`\\`",
		"@team and @org/leads":            "@\u200dteam and @\u200dorg/leads",
		"a|b":                             `a\|b`,
		"R&D &amp; ops":                   "R&amp;D &amp;amp; ops",
		"*bold* _em_ ~strike~":            `\*bold\* \_em\_ \~strike\~`,
		"[link](http://x) ![img](y)":      `\[link\](http://x) !\[img\](y)`,
		"# heading":                       `\# heading`,
		`back\slash \| pipe`:              `back\\slash \\\| pipe`,
		"line one\nline two\r\nthree\r":   "line one<br>line two<br>three",
		"block scalar\n\n":                "block scalar",
		"osc \x1b]52;c;eA==\x07 \u202e":   `osc \x1b\]52;c;eA==\x07 \u202e`,
	} {
		if got := MarkdownText(in); got != want {
			t.Errorf("MarkdownText(%q) = %q, want %q", in, got, want)
		}
	}
}

// Whatever the text, nothing in it opens HTML, splits a table row or mentions anyone.
func TestMarkdownTextHostile(t *testing.T) {
	for _, in := range []string{"<img src=x onerror=alert(1)>", "</table><details open>", "<!-- x", "`` ` ``", "@team", "a|b|c", "x\n| row |", "<script>@here</script>"} {
		got := MarkdownText(in)
		if strings.ContainsAny(strings.ReplaceAll(got, "<br>", ""), "<>\n") {
			t.Errorf("MarkdownText(%q) = %q keeps < > or a line break", in, got)
		}
		if strings.Count(got, "|") != strings.Count(got, `\|`) {
			t.Errorf("MarkdownText(%q) = %q has an unescaped |", in, got)
		}
		if i := strings.Index(got, "@"); i >= 0 && !strings.HasPrefix(got[i:], "@\u200d") {
			t.Errorf("MarkdownText(%q) = %q mentions", in, got)
		}
	}
}

func TestMarkdownCode(t *testing.T) {
	for in, want := range map[string]string{
		"":              "",
		"parity/pay":    "`parity/pay`",
		"a`b":           "``a`b``",
		"`` ` ``":       "``` `` ` `` ```",
		"`start":        "`` `start ``",
		"a|b":           "`a\\|b`",
		"<img src=x>":   "`<img src=x>`", // a code span shows HTML as text
		"@team":         "`@team`",       // and mentions no one
		"two\nlines":    "`two lines`",
		" both ends ":   "`  both ends  `",
		" one end":      "` one end`",
		"ladders/a.yml": "`ladders/a.yml`",
		"esc\x1b[2J":    "`esc\\x1b[2J`",
	} {
		if got := MarkdownCode(in); got != want {
			t.Errorf("MarkdownCode(%q) = %q, want %q", in, got, want)
		}
	}
}

// A code span's fence is longer than every run of backticks inside, so none ends it early.
func TestMarkdownCodeSurvivesBackticks(t *testing.T) {
	for n := 1; n <= 5; n++ {
		in := "x" + strings.Repeat("`", n) + "y" + strings.Repeat("`", n-1) + "z"
		got := MarkdownCode(in)
		fence := strings.Repeat("`", n+1)
		if !strings.HasPrefix(got, fence) || !strings.HasSuffix(got, fence) || strings.TrimSuffix(strings.TrimPrefix(got, fence), fence) != in {
			t.Errorf("MarkdownCode(%q) = %q, want it fenced by %d backticks", in, got, n+1)
		}
	}
}
