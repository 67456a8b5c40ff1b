package compare

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/ladderctl/ladderctl/internal/output"
)

// Formats lists the output formats of compare, the default first; it drives flag help,
// validation and completion.
var Formats = output.NewRegistry(
	Format{output.Named("table", "a table for people, drawn for the terminal"),
		func(w io.Writer, v View, o Options) error { return writeTable(w, v.grid(), o) }},
	Format{output.Named("markdown", "GitHub Markdown, numbers formatted for people"),
		func(w io.Writer, v View, _ Options) error { return writeMarkdown(w, v.grid()) }},
	Format{output.Named("csv", "CSV with raw numbers, for a spreadsheet"), writeCSV},
	Format{output.Named("json", "JSON with raw numbers, for scripts"), writeJSON},
)

// Format writes a view in one output format.
type Format struct {
	output.Format
	write func(io.Writer, View, Options) error
}

// Options say how to write a view.
type Options struct {
	Format string // the name of one of Formats; "" is the default
	Width  int    // the terminal's width for table; 0 means no limit
	Color  bool   // ANSI colours in table
}

// View is what a compare view gives each format: a grid for people (table and Markdown),
// records for CSV, and itself for JSON.
type View interface {
	grid() *grid
	records() [][]string
}

// Write writes a view in a format.
func Write(w io.Writer, v View, o Options) error {
	f := Formats.Default()
	if o.Format != "" {
		var err error
		if f, err = Formats.Lookup(o.Format); err != nil {
			return err
		}
	}
	return f.write(w, v, o)
}

func writeCSV(w io.Writer, v View, _ Options) error {
	return output.WriteCSV(w, v.records())
}

func writeJSON(w io.Writer, v View, _ Options) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// style is what a line means, which table shows in colour and Markdown in bold.
type style int

const (
	plain  style = iota
	good         // green: parity ok, no difference
	bad          // red: a parity error, a competency that silently drops out
	warn         // yellow: a warning, a gap worth a look
	dim          // faint: nothing to judge
	strong       // bold
)

type line struct {
	text  string
	style style
	item  bool // an item of a list: indented in a table, "- " in Markdown
}

type cell []line

func text(lines ...string) cell { return styled(plain, lines...) }

func styled(s style, lines ...string) cell {
	c := make(cell, len(lines))
	for i, l := range lines {
		c[i] = line{text: l, style: s}
	}
	return c
}

// grid is a view laid out for people: a title, lines before the table, the table, and
// lines after it.
type grid struct {
	title  string
	intro  []line
	header []string
	rows   [][]cell
	notes  []line
}

func note(s string) line           { return line{text: s} }
func item(s string, st style) line { return line{text: s, style: st, item: true} }

var ansi = map[style]string{good: "\x1b[32m", bad: "\x1b[31m", warn: "\x1b[33m", dim: "\x1b[2m", strong: "\x1b[1m"}

func paint(s string, st style, color bool) string {
	if !color || ansi[st] == "" || s == "" {
		return s
	}
	return ansi[st] + s + "\x1b[0m"
}

func writeTable(w io.Writer, g *grid, o Options) error {
	g = g.visible()
	var b bytes.Buffer
	for _, s := range wrap(g.title, o.Width) {
		b.WriteString(paint(s, strong, o.Color) + "\n")
	}
	for _, l := range g.intro {
		writeLine(&b, l, o)
	}
	if g.header == nil { // nothing to table: the lines say so
		for _, l := range g.notes {
			writeLine(&b, l, o)
		}
		_, err := w.Write(b.Bytes())
		return err
	}
	// The cells are wrapped here rather than by tablewriter, which splits a width limit evenly
	// between columns: here the widest columns give way first, a word (an id) is never cut, and
	// each wrapped line is painted alone, so no colour runs over a border.
	widths := fit(g, o.Width)
	t := tablewriter.NewTable(&b,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Symbols:  tw.NewSymbols(tw.StyleLight),
			Settings: tw.Settings{Separators: tw.Separators{BetweenRows: tw.On}},
		})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
	)
	header := make([]string, len(g.header))
	for i, h := range g.header {
		header[i] = strings.Join(wrap(h, widths[i]), "\n")
	}
	t.Header(header)
	for _, r := range g.rows {
		row := make([]string, len(r))
		for i, c := range r {
			var lines []string
			for _, l := range c {
				for _, s := range wrap(l.text, widths[i]) {
					lines = append(lines, paint(s, l.style, o.Color))
				}
			}
			row[i] = strings.Join(lines, "\n")
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	for _, l := range g.notes {
		writeLine(&b, l, o)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// visible is the grid with every text shown as the terminal should show it: titles and ids
// come from ladders, and a control character in one (ESC, a line break) is shown as an
// escape rather than acted on.
func (g *grid) visible() *grid {
	lines := func(ls []line) []line {
		out := slices.Clone(ls)
		for i := range out {
			out[i].text = output.Visible(out[i].text)
		}
		return out
	}
	v := &grid{title: output.Visible(g.title), intro: lines(g.intro), notes: lines(g.notes)}
	for _, h := range g.header {
		v.header = append(v.header, output.Visible(h))
	}
	for _, r := range g.rows {
		row := make([]cell, len(r))
		for i, c := range r {
			row[i] = cell(lines(c))
		}
		v.rows = append(v.rows, row)
	}
	return v
}

// fit chooses the content width of each column so that the table fits in width: columns
// narrower than a common cap keep their natural width, wider ones are cut to the cap, and
// none goes below its longest word. width <= 0 means no limit.
func fit(g *grid, width int) []int {
	n := len(g.header)
	natural, least := make([]int, n), make([]int, n)
	measure := func(i int, s string) {
		natural[i] = max(natural[i], twwidth.Width(s))
		for _, w := range strings.Fields(s) {
			least[i] = max(least[i], twwidth.Width(w))
		}
	}
	for i, h := range g.header {
		measure(i, h)
	}
	for _, r := range g.rows {
		for i, c := range r {
			for _, l := range c {
				measure(i, l.text)
			}
		}
	}
	if width <= 0 {
		return natural
	}
	room := width - 3*n - 1 // a border and a space either side of each column
	total := func(limit int) int {
		sum := 0
		for i := range n {
			sum += min(natural[i], max(limit, least[i]))
		}
		return sum
	}
	limit := 0
	for _, w := range natural {
		limit = max(limit, w)
	}
	for limit > 1 && total(limit) > room {
		limit--
	}
	out := make([]int, n)
	for i := range n {
		out[i] = min(natural[i], max(limit, least[i]))
	}
	return out
}

// writeLine writes a line of text around the table, wrapped to the width.
func writeLine(b *bytes.Buffer, l line, o Options) {
	indent := ""
	if l.item {
		indent = "  "
	}
	for i, s := range wrap(l.text, o.Width-len(indent)-2) {
		if i > 0 && l.item {
			s = "  " + s // a hanging indent under the item's first line
		}
		b.WriteString(indent + paint(s, l.style, o.Color) + "\n")
	}
}

// wrap breaks text at spaces into lines of at most width columns; width <= 0 means no
// limit. A word longer than the width stays whole.
func wrap(s string, width int) []string {
	if width <= 0 || twwidth.Width(s) <= width || strings.TrimSpace(s) == "" {
		return []string{s}
	}
	var out []string
	cur := ""
	for _, word := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = word
		case twwidth.Width(cur)+1+twwidth.Width(word) > width:
			out = append(out, cur)
			cur = word
		default:
			cur += " " + word
		}
	}
	return append(out, cur)
}

func writeMarkdown(w io.Writer, g *grid) error {
	var b strings.Builder
	b.WriteString("## " + output.MarkdownText(g.title) + "\n\n")
	writeMarkdownLines(&b, g.intro)
	if g.header == nil { // nothing to table: the lines say so
		writeMarkdownLines(&b, g.notes)
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("|")
	for _, h := range g.header {
		b.WriteString(" " + output.MarkdownText(strings.ReplaceAll(h, "\n", " ")) + " |")
	}
	b.WriteString("\n|")
	for range g.header {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, r := range g.rows {
		b.WriteString("|")
		for _, c := range r {
			parts := make([]string, len(c))
			for i, l := range c {
				parts[i] = mdStyle(output.MarkdownText(l.text), l.style)
			}
			b.WriteString(" " + strings.Join(parts, "<br>") + " |")
		}
		b.WriteString("\n")
	}
	if len(g.notes) > 0 {
		b.WriteString("\n")
		writeMarkdownLines(&b, g.notes)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeMarkdownLines writes lines as paragraphs, and runs of items as lists.
func writeMarkdownLines(b *strings.Builder, lines []line) {
	for i, l := range lines {
		if l.item {
			b.WriteString("- " + mdStyle(output.MarkdownText(l.text), l.style) + "\n")
		} else {
			b.WriteString(mdStyle(output.MarkdownText(l.text), l.style) + "\n")
		}
		if i+1 == len(lines) || !(l.item && lines[i+1].item) {
			b.WriteString("\n")
		}
	}
}

func mdStyle(s string, st style) string {
	if s == "" || (st != bad && st != strong) {
		return s
	}
	return "**" + s + "**"
}

// num writes a raw number for CSV: 180000, 0.125.
func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
