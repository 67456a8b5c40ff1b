// Package yamlblock reads the YAML that ladder files are written in (block mappings and
// sequences, plain scalars over one line or more, quoted scalars and flow collections on
// one line) straight into yaml.v3 nodes: the kinds, styles, tags, values, lines and
// columns yaml.v3 would give them, several times faster.
//
// yaml.v3 stays the reference. Whatever lies outside that subset (anchors, aliases, tags,
// block scalars, quoted scalars over several lines, document markers, tabs, carriage
// returns, and any syntax error) makes Parse answer false, and the caller parses the file
// with yaml.v3, which also gives the error message. FuzzSameAsYAML checks that every
// document Parse accepts, yaml.v3 reads into the same tree. Comments are skipped, not
// kept: the ladder loader has no use for them.
package yamlblock

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxDepth bounds how deep collections nest, and so the recursion; deeper documents are
// left to yaml.v3, which has limits of its own and says so.
const maxDepth = 100

// maxKey is how long an implicit key may be. yaml.v3 refuses keys over 1024 characters;
// longer ones are left to it.
const maxKey = 1000

// Parse returns the document node of data, or false when data is outside the subset this
// package reads, in which case yaml.v3 must parse it.
func Parse(data []byte) (*yaml.Node, bool) {
	ascii, ok := printable(data)
	if !ok {
		return nil, false
	}
	p := &parser{src: string(data), end: -1, ascii: ascii}
	p.nodes = make([]yaml.Node, 0, min(len(data)/16+8, 1024)) // about one node in 16 bytes
	p.advance()
	p.skipBlank()
	if p.eof || p.indent != 0 {
		return nil, false
	}
	root := p.block(-1)
	if p.failed {
		return nil, false
	}
	if !p.eof {
		return nil, false
	}
	doc := p.node(yaml.DocumentNode, "", root.Line, root.Column)
	doc.Content = []*yaml.Node{root}
	return doc, true
}

// printable reports whether data holds only characters this package reads as yaml.v3
// does: no tabs, carriage returns or other control characters, and none of the
// characters YAML counts as line breaks besides '\n' (NEL, U+2028, U+2029) or refuses
// (U+FEFF inside a file, U+FFFE, U+FFFF). Invalid UTF-8 is refused. It also reports
// whether data is all ASCII, where a column is a byte offset.
func printable(data []byte) (ascii, ok bool) {
	ascii = true
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if !asciiOK[c] {
				return false, false
			}
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1,
			r <= 0x9f, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
			return false, false
		}
		i += size
	}
	return ascii, true
}

// asciiOK holds the ASCII characters printable accepts: '\n' and 0x20 to 0x7e.
var asciiOK = func() (ok [utf8.RuneSelf]bool) {
	ok['\n'] = true
	for c := 0x20; c < 0x7f; c++ {
		ok[c] = true
	}
	return ok
}()

type parser struct {
	src   string
	ascii bool // src is all ASCII: a column is a byte offset

	// The line being read: its first byte, its end ('\n' or the end of src), its number,
	// the spaces that indent it, and where its content starts (at, after "- " for the
	// mapping of a sequence entry).
	start, end, line, indent, at int
	eof                          bool

	pos    int  // the next byte to read on the line
	depth  int  // collections open around pos
	failed bool // outside the subset: the caller falls back to yaml.v3

	nodes []yaml.Node  // nodes are allocated from here, a chunk at a time
	stack []*yaml.Node // children of the collections being read
	arena []*yaml.Node // the Content of every collection, a chunk at a time
}

// advance moves to the next line.
func (p *parser) advance() {
	p.start = p.end + 1
	if p.start > len(p.src) {
		p.eof = true
		return
	}
	p.line++
	if i := strings.IndexByte(p.src[p.start:], '\n'); i >= 0 {
		p.end = p.start + i
	} else {
		p.end = len(p.src)
	}
	p.indent = 0
	for p.start+p.indent < p.end && p.src[p.start+p.indent] == ' ' {
		p.indent++
	}
	p.at = p.start + p.indent
	p.pos = p.at
	if line := p.src[p.start:p.end]; strings.HasPrefix(line, "---") || strings.HasPrefix(line, "...") {
		p.failed, p.eof = true, true // a document marker: left to yaml.v3
	}
}

// skipBlank moves past empty lines and lines that hold only a comment.
func (p *parser) skipBlank() {
	for !p.eof && (p.at == p.end || p.src[p.at] == '#') {
		p.advance()
	}
}

// next moves to the next line that holds content, after a value that ends its line.
func (p *parser) next() {
	p.skipSpaces()
	if p.pos < p.end && (p.src[p.pos] != '#' || p.src[p.pos-1] != ' ') {
		p.failed = true // more after the value, or a comment not set off by a space
		return
	}
	p.advance()
	p.skipBlank()
}

func (p *parser) skipSpaces() {
	for p.pos < p.end && p.src[p.pos] == ' ' {
		p.pos++
	}
}

// column is the 1-based column of offset off on the current line, in characters.
func (p *parser) column(off int) int {
	if p.ascii {
		return off - p.start + 1
	}
	prefix := p.src[p.start:off]
	for i := 0; i < len(prefix); i++ {
		if prefix[i] >= utf8.RuneSelf {
			return utf8.RuneCountInString(prefix) + 1
		}
	}
	return len(prefix) + 1
}

func (p *parser) node(kind yaml.Kind, tag string, line, col int) *yaml.Node {
	if kind == yaml.MappingNode || kind == yaml.SequenceNode {
		if p.depth++; p.depth > maxDepth {
			p.failed = true
		}
	}
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 256)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind, n.Tag, n.Line, n.Column = kind, tag, line, col
	return n
}

// content moves the children read since base off the stack into the Content of their
// collection.
func (p *parser) content(base int) []*yaml.Node {
	items := p.stack[base:]
	n := len(items)
	if cap(p.arena)-len(p.arena) < n {
		p.arena = make([]*yaml.Node, 0, max(n, 512))
	}
	start := len(p.arena)
	p.arena = append(p.arena, items...)
	clear(items)
	p.depth--
	p.stack = p.stack[:base]
	return p.arena[start : start+n : start+n]
}

// entry reports whether the line's content is a sequence entry, "- ".
func (p *parser) entry() bool {
	return p.src[p.at] == '-' && (p.at+1 == p.end || p.src[p.at+1] == ' ')
}

// block reads the value that starts at the line's content, below the key of a mapping
// indented by parent (-1 for the document): a mapping, a sequence, or a scalar.
func (p *parser) block(parent int) *yaml.Node {
	if p.entry() {
		return p.sequence(p.indent)
	}
	p.pos = p.at
	if parent >= 0 && !p.isKey() {
		return p.onLine(parent)
	}
	return p.mapping(p.indent)
}

func (p *parser) mapping(indent int) *yaml.Node {
	n := p.node(yaml.MappingNode, "!!map", p.line, p.column(p.at))
	base := len(p.stack)
	for !p.failed {
		if p.entry() {
			p.failed = true
			break
		}
		p.pos = p.at
		key := p.key()
		if p.failed {
			break
		}
		p.stack = append(p.stack, key)
		p.skipSpaces()
		var value *yaml.Node
		if p.pos == p.end || p.src[p.pos] == '#' {
			// The value is a block on the lines below: deeper, or a sequence at this indent.
			p.advance()
			p.skipBlank()
			switch {
			case p.eof:
				p.failed = true // an empty value
			case p.indent > indent:
				value = p.block(indent)
			case p.indent == indent && p.entry():
				value = p.sequence(indent)
			default:
				p.failed = true
			}
		} else {
			value = p.onLine(indent)
		}
		if !p.add(value, indent) {
			break
		}
	}
	n.Content = p.content(base)
	return n
}

func (p *parser) sequence(indent int) *yaml.Node {
	n := p.node(yaml.SequenceNode, "!!seq", p.line, p.column(p.at))
	base := len(p.stack)
	for !p.failed {
		p.pos = p.at + 1
		p.skipSpaces()
		if p.pos == p.end || p.src[p.pos] == '#' {
			p.failed = true // the entry is a block on the lines below
			break
		}
		var item *yaml.Node
		if p.isKey() {
			// A mapping that starts on the entry's line: its keys line up with the first.
			p.at, p.indent = p.pos, p.pos-p.start
			item = p.mapping(p.indent)
		} else {
			item = p.onLine(indent)
		}
		if !p.add(item, indent) || !p.entry() {
			break // a sequence at its mapping's indent ends at the mapping's next key
		}
	}
	n.Content = p.content(base)
	return n
}

// onLine reads a value that starts on the line, and moves to the next line with content.
func (p *parser) onLine(parent int) *yaml.Node {
	n := p.inline(parent)
	if !p.failed {
		p.next()
	}
	return n
}

// add puts a child of the collection indented by indent on the stack, and reports whether
// the collection goes on: the next line is at its indent. A deeper one is outside the
// subset; a shallower one, or the end, ends the collection.
func (p *parser) add(child *yaml.Node, indent int) bool {
	if p.failed {
		return false
	}
	p.stack = append(p.stack, child)
	if p.eof || p.indent < indent {
		return false
	}
	if p.indent > indent {
		p.failed = true
		return false
	}
	return true
}

// isKey reports whether the content at pos is a mapping key followed by ": ".
func (p *parser) isKey() bool {
	save := p.pos
	defer func() { p.pos = save }()
	c := p.src[p.pos]
	if c == '"' || c == '\'' {
		p.quoted()
		if p.failed {
			p.failed = false
			return false
		}
		p.skipSpaces()
		return p.pos < p.end && p.src[p.pos] == ':'
	}
	return !indicator(c) && p.keyEnd() >= 0
}

// keyEnd finds the ':' that ends a plain key starting at pos, or -1.
func (p *parser) keyEnd() int {
	for i := p.pos; i < p.end && i-p.pos <= maxKey; i++ {
		switch p.src[i] {
		case ':':
			if i+1 == p.end || p.src[i+1] == ' ' {
				return i
			}
		case '#':
			if p.src[i-1] == ' ' {
				return -1
			}
		}
	}
	return -1
}

// key reads a key and the ':' after it.
func (p *parser) key() *yaml.Node {
	from, c := p.pos, p.src[p.pos]
	var k *yaml.Node
	if c == '"' || c == '\'' {
		k = p.quoted()
		p.skipSpaces()
		if p.failed || p.pos == p.end || p.src[p.pos] != ':' || (p.pos+1 < p.end && p.src[p.pos+1] != ' ') {
			p.failed = true
			return nil
		}
	} else {
		colon := -1
		if !indicator(c) {
			colon = p.keyEnd()
		}
		if colon < 0 {
			p.failed = true
			return nil
		}
		k = p.plain(strings.TrimRight(p.src[p.pos:colon], " "), p.line, p.column(p.pos))
		p.pos = colon
	}
	if p.pos-from > maxKey {
		p.failed = true
		return nil
	}
	p.pos++ // the ':'
	return k
}

// inline reads a value that starts on this line: a scalar or a flow collection on the
// line, or a plain scalar that goes on over lines indented deeper than parent.
func (p *parser) inline(parent int) *yaml.Node {
	switch c := p.src[p.pos]; c {
	case '"', '\'':
		return p.quoted()
	case '{', '[':
		return p.flow()
	default:
		if indicator(c) || (c == '-' && (p.pos+1 == p.end || p.src[p.pos+1] == ' ')) {
			p.failed = true // a sequence where a scalar was expected
			return nil
		}
		from := p.pos
		for p.pos < p.end && !(p.src[p.pos] == '#' && p.src[p.pos-1] == ' ') {
			if p.src[p.pos] == ':' && (p.pos+1 == p.end || p.src[p.pos+1] == ' ') {
				p.failed = true // a mapping where a scalar was expected
				return nil
			}
			p.pos++
		}
		line, col := p.line, p.column(from)
		return p.plain(p.more(strings.TrimRight(p.src[from:p.pos], " "), parent), line, col)
	}
}

// more adds to a plain scalar whose first line ends at pos the lines that continue it:
// those indented deeper than parent, each joined with a space, or with a line break for
// each empty line between, as YAML folds them. A comment ends a plain scalar. Lines that
// could be read otherwise (a key, an entry, a comment inside) end it too, and then fail
// as more deeply indented content, so that yaml.v3 reads them.
func (p *parser) more(value string, parent int) string {
	if p.pos < p.end {
		return value // a comment ended the line, and the scalar
	}
	var b []byte
	for {
		save := *p
		breaks := 0
		p.advance()
		for !p.eof && p.at == p.end {
			breaks++
			p.advance()
		}
		if p.eof || p.indent <= parent || !continues(p.src[p.at:p.end]) {
			*p = save
			break
		}
		if b == nil {
			b = append(b, value...)
		}
		if breaks == 0 {
			b = append(b, ' ')
		}
		for range breaks {
			b = append(b, '\n')
		}
		b = append(b, strings.TrimRight(p.src[p.at:p.end], " ")...)
		p.pos = p.end
	}
	if b == nil {
		return value
	}
	return string(b)
}

// continues reports whether line, trimmed of its indentation, can only be more of a
// plain scalar: it starts with no indicator and holds no ": " or " #".
func continues(line string) bool {
	line = strings.TrimRight(line, " ")
	return !indicator(line[0]) && line[0] != '-' && !strings.Contains(line, ": ") &&
		!strings.HasSuffix(line, ":") && !strings.Contains(line, " #")
}

// indicator reports whether a plain scalar may not start with c. '-' may, when a
// character other than a space follows, but plain scalars starting with '?' and ':' are
// left to yaml.v3.
func indicator(c byte) bool {
	switch c {
	case '-':
		return false
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return true
	}
	return false
}

// plain makes the node of a plain scalar, tagged as yaml.v3 resolves it.
func (p *parser) plain(value string, line, col int) *yaml.Node {
	n := p.node(yaml.ScalarNode, "", line, col)
	n.Value = value
	n.Tag = resolve(n)
	return n
}

// resolve tags a plain scalar as yaml.v3 resolves it, without its resolver's allocations
// for the values ladders are made of. yaml.v3 decides by the first character: a value
// starting with a letter is a bool or a null only when it is one of nine words; a run of
// decimal digits without a leading zero is an integer. Everything else goes through
// yaml.v3's own resolver.
func resolve(n *yaml.Node) string {
	v := n.Value
	if v == "" {
		return n.ShortTag()
	}
	switch c := v[0]; {
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "null", "Null", "NULL":
			return "!!null"
		}
		return "!!str"
	case '1' <= c && c <= '9' && len(v) <= 18:
		for i := 1; i < len(v); i++ {
			if v[i] < '0' || v[i] > '9' {
				return n.ShortTag()
			}
		}
		return "!!int"
	case c == '<' && v == "<<":
		return "!!merge" // as yaml.v3's parser tags a plain merge key
	}
	return n.ShortTag()
}

// flow reads a flow mapping or sequence that closes on the same line.
func (p *parser) flow() *yaml.Node {
	open := p.src[p.pos]
	kind, tag, closing := yaml.MappingNode, "!!map", byte('}')
	if open == '[' {
		kind, tag, closing = yaml.SequenceNode, "!!seq", ']'
	}
	n := p.node(kind, tag, p.line, p.column(p.pos))
	n.Style = yaml.FlowStyle
	base := len(p.stack)
	p.pos++
	p.skipSpaces()
	if p.pos < p.end && p.src[p.pos] == closing {
		p.pos++
		n.Content = p.content(base)
		return n
	}
	for !p.failed {
		from := p.pos
		item := p.flowItem()
		if p.failed {
			break
		}
		p.stack = append(p.stack, item)
		p.skipSpaces()
		if kind == yaml.MappingNode {
			// A key no longer than yaml.v3 takes, then ": " and its value.
			if p.pos-from > maxKey || p.pos+1 >= p.end || p.src[p.pos] != ':' || p.src[p.pos+1] != ' ' {
				p.failed = true
				break
			}
			p.pos += 2
			p.skipSpaces()
			value := p.flowItem()
			if p.failed {
				break
			}
			p.stack = append(p.stack, value)
			p.skipSpaces()
		}
		if p.pos == p.end {
			p.failed = true // the collection goes on below: left to yaml.v3
			break
		}
		if c := p.src[p.pos]; c == closing {
			p.pos++
			break
		} else if c != ',' {
			p.failed = true
			break
		}
		p.pos++
		p.skipSpaces()
		if p.pos == p.end || p.src[p.pos] == closing {
			p.failed = true // a trailing comma, or the collection goes on below
		}
	}
	n.Content = p.content(base)
	return n
}

// flowItem reads a key or value inside a flow collection.
func (p *parser) flowItem() *yaml.Node {
	if p.pos == p.end {
		p.failed = true
		return nil
	}
	switch c := p.src[p.pos]; c {
	case '"', '\'':
		return p.quoted()
	case '{', '[':
		return p.flow()
	default:
		if indicator(c) || (c == '-' && (p.pos+1 == p.end || strings.IndexByte(" ,[]{}", p.src[p.pos+1]) >= 0)) {
			p.failed = true
			return nil
		}
		from := p.pos
	scan:
		for ; p.pos < p.end; p.pos++ {
			switch p.src[p.pos] {
			case ',', '[', ']', '{', '}':
				break scan
			case '?':
				p.failed = true
				return nil
			case ':':
				if p.pos+1 < p.end && p.src[p.pos+1] == ' ' {
					break scan
				}
				p.failed = true // ':' inside a flow scalar: left to yaml.v3
				return nil
			case '#':
				if p.src[p.pos-1] == ' ' {
					p.failed = true // a comment inside the collection
					return nil
				}
			}
		}
		value := strings.TrimRight(p.src[from:p.pos], " ")
		if value == "" {
			p.failed = true
			return nil
		}
		return p.plain(value, p.line, p.column(from))
	}
}

// quoted reads a single- or double-quoted scalar that ends on the same line.
func (p *parser) quoted() *yaml.Node {
	quote := p.src[p.pos]
	n := p.node(yaml.ScalarNode, "!!str", p.line, p.column(p.pos))
	p.pos++
	from := p.pos
	var b []byte // only once an escape is met
	for {
		if p.pos >= p.end {
			p.failed = true // the scalar goes on below: left to yaml.v3
			return n
		}
		c := p.src[p.pos]
		if c == quote {
			if quote == '\'' && p.pos+1 < p.end && p.src[p.pos+1] == '\'' {
				b = append(append(b, p.src[from:p.pos]...), '\'')
				p.pos += 2
				from = p.pos
				continue
			}
			break
		}
		if c == '\\' && quote == '"' {
			b = append(b, p.src[from:p.pos]...)
			var ok bool
			if b, ok = p.escape(b); !ok {
				p.failed = true
				return n
			}
			from = p.pos
			continue
		}
		p.pos++
	}
	if b != nil {
		n.Value = string(append(b, p.src[from:p.pos]...))
	} else {
		n.Value = p.src[from:p.pos]
	}
	p.pos++ // the closing quote
	if quote == '"' {
		n.Style = yaml.DoubleQuotedStyle
	} else {
		n.Style = yaml.SingleQuotedStyle
	}
	return n
}

// escapes are the one-character escapes of a double-quoted scalar, as yaml.v3 reads them
// ("\/" is not one of them).
var escapes = map[byte]rune{
	'0': 0, 'a': '\a', 'b': '\b', 't': '\t', 'n': '\n', 'v': '\v', 'f': '\f', 'r': '\r', 'e': 0x1b,
	' ': ' ', '"': '"', '\'': '\'', '\\': '\\', 'N': 0x85, '_': 0xa0, 'L': 0x2028, 'P': 0x2029,
}

// escape appends the character that the escape sequence at pos stands for.
func (p *parser) escape(b []byte) ([]byte, bool) {
	if p.pos+1 >= p.end {
		return b, false // a line continuation: left to yaml.v3
	}
	c := p.src[p.pos+1]
	p.pos += 2
	if r, ok := escapes[c]; ok {
		return utf8.AppendRune(b, r), true
	}
	i := strings.IndexByte("xuU", c) // a code point in 2, 4 or 8 hex digits
	if i < 0 {
		return b, false
	}
	digits := 2 << i
	if p.pos+digits > p.end {
		return b, false
	}
	r := rune(0)
	for _, h := range []byte(p.src[p.pos : p.pos+digits]) {
		var v byte
		switch {
		case '0' <= h && h <= '9':
			v = h - '0'
		case 'a' <= h && h <= 'f':
			v = h - 'a' + 10
		case 'A' <= h && h <= 'F':
			v = h - 'A' + 10
		default:
			return b, false
		}
		r = r<<4 | rune(v)
	}
	p.pos += digits
	if (0xd800 <= r && r <= 0xdfff) || r > 0x10ffff {
		return b, false
	}
	return utf8.AppendRune(b, r), true
}
