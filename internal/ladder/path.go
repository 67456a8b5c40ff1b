package ladder

import (
	"fmt"
	"regexp"
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

// positions maps the String form of every path in a document to the position of its node.
// Strings rather than node trees keep thousands of ladders cheap to hold.
type positions map[string]Pos

// resolve finds the most specific recorded node on p: the node itself, else its nearest
// recorded ancestor.
func (ps positions) resolve(p Path) (Pos, Path) {
	var b strings.Builder
	best, bestLen := ps[""], 0
	for i, e := range p {
		b.WriteString(elemString(e, i == 0))
		pos, ok := ps[b.String()]
		if !ok {
			break
		}
		best, bestLen = pos, i+1
	}
	return best, p[:bestLen]
}
