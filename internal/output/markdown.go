package output

import "strings"

// markdownText escapes, in one pass, what would change how text renders in GitHub Markdown:
// backslash escapes for the punctuation of emphasis, code, links, headings, strikethrough
// and table columns; entities for what would open HTML; a break for each line break, so text
// stays in its table cell or list item.
var markdownText = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "~", `\~`, "[", `\[`, "]", `\]`, "#", `\#`, "|", `\|`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;",
	// A zero-width joiner keeps "@team" as written but no mention: GitHub notifies on an @ right
	// before a name, and it reads the rendered text, where escapes and entities are undone.
	"@", "@\u200d",
	"\r\n", "<br>", "\r", "<br>", "\n", "<br>",
)

// MarkdownText makes free text (a message, a title) safe anywhere in GitHub Markdown: in a
// paragraph, a list item or a table cell. It renders as written, never as HTML, a link, a
// mention or emphasis; other control characters are shown as escapes, as in every text for
// people, since Markdown is read raw in logs and terminals too. A line break that ends the
// text is dropped, as YAML block scalars end with one.
func MarkdownText(s string) string {
	return Visible(markdownText.Replace(strings.TrimRight(s, "\r\n")))
}

// MarkdownCode writes an identifier (a rule, a level, a file) as a code span on one line,
// with a fence longer than any run of backticks inside it. "|" is escaped, as GitHub needs
// "\|" in a table cell even inside a code span.
func MarkdownCode(s string) string {
	if s == "" {
		return ""
	}
	s = Visible(strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s))
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	// A code span drops one space from each end when both have one: pad text that starts or
	// ends with a backtick (which would join the fence) or has spaces at both ends.
	first, last := s[0], s[len(s)-1]
	if first == '`' || last == '`' || (first == ' ' && last == ' ' && strings.Trim(s, " ") != "") {
		s = " " + s + " "
	}
	return fence + strings.ReplaceAll(s, "|", `\|`) + fence
}
