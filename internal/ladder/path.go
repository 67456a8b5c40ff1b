package ladder

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Path locates a node in a ladder document: each element is a mapping key (string) or a
// sequence index (int).
type Path []any

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// String renders the path as users read it: spec.tracks[1].levels[3].grade. Keys that are not
// plain identifiers are quoted: expectations["system design"].
func (p Path) String() string {
	var b strings.Builder
	for _, e := range p {
		b.WriteString(elemString(e, b.Len() == 0))
	}
	return b.String()
}

func elemString(e any, first bool) string {
	switch v := e.(type) {
	case int:
		return "[" + strconv.Itoa(v) + "]"
	case string:
		if !plainKey.MatchString(v) {
			return "[" + strconv.Quote(v) + "]"
		}
		if first {
			return v
		}
		return "." + v
	}
	return fmt.Sprintf("[%v]", e)
}

// ParsePath reads the dotted form that String writes, the form policies may give as a string.
func ParsePath(s string) (Path, error) {
	var p Path
	i := 0
	for i < len(s) {
		switch s[i] {
		case '.':
			i++
		case '[':
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("path %q: unclosed [", s)
			}
			inner := s[i+1 : i+end]
			if strings.HasPrefix(inner, `"`) {
				// A quoted key may hold ']' itself: find the closing quote first.
				q, rest, err := quotedPrefix(s[i+1:])
				if err != nil || !strings.HasPrefix(rest, "]") {
					return nil, fmt.Errorf("path %q: bad quoted key", s)
				}
				p = append(p, q)
				i = len(s) - len(rest) + 1
				continue
			}
			n, err := strconv.Atoi(inner)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("path %q: %q is not an index", s, inner)
			}
			p = append(p, n)
			i += end + 1
		default:
			end := strings.IndexAny(s[i:], ".[")
			if end < 0 {
				end = len(s) - i
			}
			p = append(p, s[i:i+end])
			i += end
		}
	}
	return p, nil
}

func quotedPrefix(s string) (string, string, error) {
	for j := 1; j < len(s); j++ {
		if s[j] == '\\' {
			j++
			continue
		}
		if s[j] == '"' {
			q, err := strconv.Unquote(s[:j+1])
			return q, s[j+1:], err
		}
	}
	return "", "", fmt.Errorf("unterminated quote")
}

// Pos is a 1-based line and column in a file.
type Pos struct {
	Line   int
	Column int
}

// posIndex records where every node of a document is: a flat list in walk order, each entry
// naming its parent and its key or index. It costs a few words a node, where a map of path
// strings or the node trees would cost many times that over thousands of ladders.
type posIndex struct {
	nodes []posNode
}

type posNode struct {
	parent    int32
	index     int32  // sequence index, or -1 for a mapping value
	key       string // mapping key; shares the parser's string
	line, col int32
}

// add records a node and returns its number. The root has parent -1.
func (x *posIndex) add(parent int32, key string, index, line, col int) int32 {
	x.nodes = append(x.nodes, posNode{parent: parent, index: int32(index), key: key, line: int32(line), col: int32(col)})
	return int32(len(x.nodes) - 1)
}

// child finds the node under parent at a path element. Children always come after their
// parent, so the search starts there.
func (x *posIndex) child(parent int32, e any) int32 {
	for i := int(parent) + 1; i < len(x.nodes); i++ {
		n := &x.nodes[i]
		if n.parent != parent {
			continue
		}
		switch v := e.(type) {
		case string:
			if n.index < 0 && n.key == v {
				return int32(i)
			}
		case int:
			if n.index == int32(v) {
				return int32(i)
			}
		}
	}
	return -1
}

// resolve finds the most specific recorded node on p: the node itself, else its nearest
// recorded ancestor.
func (x *posIndex) resolve(p Path) (Pos, Path) {
	if len(x.nodes) == 0 {
		return Pos{}, nil
	}
	cur := int32(0)
	depth := 0
	for _, e := range p {
		next := x.child(cur, e)
		if next < 0 {
			break
		}
		cur, depth = next, depth+1
	}
	n := x.nodes[cur]
	return Pos{int(n.line), int(n.col)}, p[:depth]
}

// path renders the path of a node, for messages.
func (x *posIndex) path(i int32) string {
	var elems Path
	for ; i > 0; i = x.nodes[i].parent {
		n := x.nodes[i]
		if n.index >= 0 {
			elems = append(elems, int(n.index))
		} else {
			elems = append(elems, n.key)
		}
	}
	slices.Reverse(elems)
	return elems.String()
}
