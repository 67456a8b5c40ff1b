package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

// Merge is the result of merging bands into a ladder file: its old and new contents.
type Merge struct {
	File     string
	Old, New []byte
	Changed  int // bands that replaced one
	Added    int // bands where the level had none in that zone
	edits    *editor
}

// MergeBands merges the bands of a CSV into a ladder file. It edits the file's text only
// where pay changes, at the positions yaml.v3's nodes give, so every other byte (comments,
// order, quoting, blank lines) stays as it was; then it loads the result to be sure it is
// the same ladder with the new bands.
func MergeBands(csvSrc, target Source, columns map[string]string) (*Merge, error) {
	ladders, problems := ladder.Parse(target.Name, target.Data)
	var errs diag.List
	for _, p := range problems {
		if p.Severity == finding.Error || len(ladders) == 0 {
			errs = append(errs, &diag.Error{File: p.File, Line: p.Line, Column: p.Column, Message: p.Message,
				Hint: "import bands merges into a ladder that loads; fix this first"})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(ladders) != 1 {
		return nil, &diag.Error{File: target.Name, Message: fmt.Sprintf("holds %d ladders", len(ladders)), Hint: "import bands merges into a file with one ladder"}
	}
	doc, err := ladders[0].Document()
	if err != nil {
		return nil, err
	}
	bands, currency, err := ReadBands(csvSrc, doc, columns)
	if err != nil {
		return nil, err
	}

	hasBOM := bytes.HasPrefix(target.Data, bom)
	text := bytes.TrimPrefix(target.Data, bom)
	root, err := ladderNode(text)
	if err != nil {
		return nil, err
	}
	e := &editor{src: text, eol: "\n"}
	if bytes.Contains(text, []byte("\r\n")) {
		e.eol = "\r\n"
	}
	e.index()
	m := &Merge{File: target.Name, Old: target.Data}
	spec := child(root, "spec")
	levelNodes := map[string]*yaml.Node{}
	for _, t := range items(child(spec, "tracks")) {
		for _, l := range items(child(t, "levels")) {
			if id := child(l, "id"); id != nil {
				levelNodes[id.Value] = l
			}
		}
	}
	if currency != "" {
		e.addKey(spec, "currency", currency)
	}
	// Bands of one level go in together, so a level that had no pay gets one pay entry.
	byLevel := map[string][]Band{}
	var order []string
	for _, b := range bands {
		if _, ok := byLevel[b.Level]; !ok {
			order = append(order, b.Level)
		}
		byLevel[b.Level] = append(byLevel[b.Level], b)
	}
	var bad diag.List
	for _, id := range order {
		c, a, err := e.setPay(levelNodes[id], byLevel[id], len(doc.Spec.Zones) > 0)
		if err != nil {
			bad = append(bad, &diag.Error{File: csvSrc.Name, Line: byLevel[id][0].Row, Column: 1,
				Message: fmt.Sprintf("row %d: %v", byLevel[id][0].Row, err)})
			continue
		}
		m.Changed += c
		m.Added += a
	}
	if len(bad) > 0 {
		return nil, bad
	}
	out, err := e.apply()
	if err != nil {
		return nil, err
	}
	if hasBOM {
		out = append(slices.Clip(bom), out...)
	}
	m.New, m.edits = out, e
	if err := sameButBands(target.Name, doc, out, bands, currency); err != nil {
		return nil, err
	}
	return m, nil
}

// sameButBands loads the edited file and checks that it holds the bands asked for and is
// otherwise the ladder it was: an edit in the wrong place fails here, not in the user's file.
func sameButBands(file string, before *ladder.Document, data []byte, bands []Band, currency string) error {
	broken := func(why string) error {
		return fmt.Errorf("%s: merging the bands went wrong (%s); the file was left as it was, please report this", file, why)
	}
	ls, problems := ladder.Parse(file, data)
	if len(problems) > 0 || len(ls) != 1 {
		if len(problems) > 0 {
			return broken(problems[0].Message)
		}
		return broken("the ladder is gone")
	}
	after, err := ls[0].Document()
	if err != nil {
		return broken(err.Error())
	}
	want := *before
	if currency != "" {
		want.Spec.Currency = currency
	}
	levels := map[string]*ladder.Level{}
	for _, tl := range want.Levels() {
		levels[tl.Level.ID] = tl.Level
	}
	for _, b := range bands {
		l := levels[b.Level]
		band := ladder.Pay{Min: b.Min, Max: b.Max}
		switch {
		case b.Zone == "":
			l.Pay = &band
		case l.Pay == nil:
			l.Pay = &ladder.Pay{Zones: map[string]ladder.Pay{b.Zone: band}}
		default:
			zones := make(map[string]ladder.Pay, len(l.Pay.Zones)+1)
			for k, v := range l.Pay.Zones {
				zones[k] = v
			}
			zones[b.Zone] = band
			l.Pay = &ladder.Pay{Zones: zones}
		}
	}
	if !equalJSON(&want, after) {
		return broken("the loaded ladder differs from the one asked for")
	}
	return nil
}

// ladderNode finds the root mapping of the ladder document in a file.
func ladderNode(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				return nil, errors.New("no ladder document found")
			}
			return nil, err
		}
		if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
			if k := child(doc.Content[0], "kind"); k != nil && k.Value == ladder.Kind {
				return doc.Content[0], nil
			}
		}
	}
}

func child(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func keyNode(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return nil
}

func items(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// editor collects edits of a file's text at node positions and applies them at once.
type editor struct {
	src   []byte
	eol   string
	lines []int // byte offset where each line starts
	edits []edit
}

type edit struct {
	off, del int
	text     string
}

func (e *editor) index() {
	e.lines = []int{0}
	for i, c := range e.src {
		if c == '\n' {
			e.lines = append(e.lines, i+1)
		}
	}
}

// offset turns yaml.v3's line and column (in characters) into a byte offset.
func (e *editor) offset(line, col int) int {
	off := e.lines[line-1]
	for i := 1; i < col && off < len(e.src); i++ {
		_, size := utf8.DecodeRune(e.src[off:])
		off += size
	}
	return off
}

func (e *editor) lineStart(line int) int {
	if line-1 < len(e.lines) {
		return e.lines[line-1]
	}
	return len(e.src)
}

// setPay gives a level the bands of its rows: it rewrites the numbers of a band it has, and
// adds a band (or the whole pay) where it has none.
func (e *editor) setPay(level *yaml.Node, bands []Band, zoned bool) (changed, added int, err error) {
	pay := child(level, "pay")
	if pay == nil {
		var parts []string
		for _, b := range bands {
			if b.Zone == "" {
				e.addKey(level, "pay", flowBand(b))
				return 0, 1, nil
			}
			parts = append(parts, plainKey(b.Zone)+": "+flowBand(b))
		}
		e.addKey(level, "pay", "{"+strings.Join(parts, ", ")+"}")
		return 0, len(bands), nil
	}
	plain := child(pay, "min") != nil || child(pay, "max") != nil
	for _, b := range bands {
		switch {
		case b.Zone == "" && plain:
			e.setBand(pay, b)
			changed++
		case b.Zone == "" || plain:
			return 0, 0, fmt.Errorf("level %s has a pay of the other form (one band, or one per zone) than the ladder's zones ask for; make it one band per zone first", b.Level)
		case child(pay, b.Zone) != nil:
			z := child(pay, b.Zone)
			if child(z, "min") == nil || child(z, "max") == nil {
				return 0, 0, fmt.Errorf("level %s's band in zone %s is not {min, max}", b.Level, b.Zone)
			}
			e.setBand(z, b)
			changed++
		default:
			e.addKey(pay, plainKey(b.Zone), flowBand(b))
			added++
		}
	}
	return changed, added, nil
}

func flowBand(b Band) string { return "{min: " + num(b.Min) + ", max: " + num(b.Max) + "}" }

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// plainKey writes a zone id as a key, quoted when YAML would read it as something else.
func plainKey(s string) string {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(s), &n); err == nil && len(n.Content) == 1 && n.Content[0].Tag == "!!str" && n.Content[0].Value == s && n.Content[0].Style == 0 && !strings.ContainsAny(s, ",{}[]#:") {
		return s
	}
	return strconv.Quote(s)
}

// setBand rewrites the min and max numbers of a band where they are written.
func (e *editor) setBand(band *yaml.Node, b Band) {
	e.setScalar(child(band, "min"), num(b.Min))
	e.setScalar(child(band, "max"), num(b.Max))
}

func (e *editor) setScalar(n *yaml.Node, text string) {
	off := e.offset(n.Line, n.Column)
	e.edits = append(e.edits, edit{off: off, del: e.tokenLen(off), text: text})
}

// tokenLen measures a scalar token as written: quoted, or plain up to where a plain scalar
// ends in flow or block context.
func (e *editor) tokenLen(off int) int {
	s := e.src[off:]
	if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		for i := 1; i < len(s); i++ {
			switch {
			case q == '"' && s[i] == '\\':
				i++
			case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
				i++
			case s[i] == q:
				return i + 1
			}
		}
		return len(s)
	}
	end := 0
	for end < len(s) && !strings.ContainsRune(",}]\r\n", rune(s[end])) && !(s[end] == '#' && end > 0 && (s[end-1] == ' ' || s[end-1] == '\t')) {
		end++
	}
	return len(bytes.TrimRight(s[:end], " \t"))
}

// addKey adds key: value to a mapping: inside the braces of a flow mapping, else as a line
// of its own after the mapping's last entry, indented as its keys are.
func (e *editor) addKey(m *yaml.Node, key, value string) {
	if m.Style&yaml.FlowStyle != 0 {
		closeAt := e.closing(e.offset(m.Line, m.Column))
		at := closeAt
		for at > 0 && strings.ContainsRune(" \t\r\n", rune(e.src[at-1])) {
			at--
		}
		sep := ", "
		if at > 0 && e.src[at-1] == '{' {
			sep = ""
		}
		// After a comment the entry goes on the line of the closing brace, where it still
		// belongs to the mapping.
		if ls := bytes.LastIndexByte(e.src[:at], '\n') + 1; bytes.Contains(e.src[ls:at], []byte("#")) {
			at = closeAt
		}
		e.edits = append(e.edits, edit{off: at, text: sep + key + ": " + value})
		return
	}
	last := m.Content[len(m.Content)-1]
	line := e.endLine(last) + 1
	keyCol := m.Content[0].Column
	// Lines indented deeper than the keys still belong to the last value (the rest of a
	// plain text folded over lines); a blank or comment line belongs to what follows.
	for ; line <= len(e.lines); line++ {
		t := e.lineText(line)
		trimmed := strings.TrimLeft(t, " ")
		if trimmed == "" || trimmed[0] == '#' || len(t)-len(trimmed) < keyCol {
			break
		}
	}
	indent := strings.Repeat(" ", keyCol-1)
	off := e.lineStart(line)
	text := indent + key + ": " + value + e.eol
	if off == len(e.src) && len(e.src) > 0 && e.src[len(e.src)-1] != '\n' {
		text = e.eol + text
	}
	e.edits = append(e.edits, edit{off: off, text: text})
}

// endLine is the last line a node's text is on.
func (e *editor) endLine(n *yaml.Node) int {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Line
	}
	switch {
	case (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && n.Style&yaml.FlowStyle != 0:
		end := e.closing(e.offset(n.Line, n.Column))
		return bytes.Count(e.src[:end], []byte("\n")) + 1
	case (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && len(n.Content) > 0:
		return e.endLine(n.Content[len(n.Content)-1])
	case n.Kind == yaml.ScalarNode && (n.Style&(yaml.LiteralStyle|yaml.FoldedStyle)) != 0:
		// A block scalar runs to the line before the next less indented one.
		line := n.Line
		for l := n.Line + 1; l <= len(e.lines); l++ {
			t := e.lineText(l)
			if strings.TrimSpace(t) == "" {
				continue
			}
			if len(t)-len(strings.TrimLeft(t, " ")) < n.Column {
				break
			}
			line = l
		}
		return line
	case n.Kind == yaml.ScalarNode:
		off := e.offset(n.Line, n.Column)
		return bytes.Count(e.src[:off+e.scalarLen(off)], []byte("\n")) + 1
	}
	return n.Line
}

// scalarLen measures a flow scalar that may span lines: quoted to its closing quote, plain
// to the end of its line (a plain multi-line scalar is rare in a ladder and never before pay).
func (e *editor) scalarLen(off int) int { return e.tokenLen(off) }

func (e *editor) lineText(line int) string {
	start := e.lineStart(line)
	end := len(e.src)
	if line < len(e.lines) {
		end = e.lines[line] - 1
	}
	return strings.TrimRight(string(e.src[start:end]), "\r")
}

// closing finds the bracket that closes the flow collection opening at off, skipping quoted
// text and comments.
func (e *editor) closing(off int) int {
	depth := 0
	s := e.src
	for i := off; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\'':
			i += e.tokenLen(i) - 1
		case c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t' || s[i-1] == '\n'):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

// apply makes the new text: edits in order of their offsets, edits at one offset in the
// order they were made.
func (e *editor) apply() ([]byte, error) {
	slices.SortStableFunc(e.edits, func(a, b edit) int { return a.off - b.off })
	var out bytes.Buffer
	prev := 0
	for _, ed := range e.edits {
		if ed.off < prev {
			return nil, errors.New("two edits of the ladder overlap; the file was left as it was, please report this")
		}
		out.Write(e.src[prev:ed.off])
		out.WriteString(ed.text)
		prev = ed.off + ed.del
	}
	out.Write(e.src[prev:])
	return out.Bytes(), nil
}

func equalJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
