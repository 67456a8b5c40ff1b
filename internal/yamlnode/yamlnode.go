// Package yamlnode holds what the ladder loader and the config reader both need from
// yaml.v3 nodes: errors placed at their line, values described for messages, and a
// conversion to Go values that is linear on hostile input.
package yamlnode

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Describe says what a node holds, for "X must be ..., not Y" messages.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "empty"
		}
		v := n.Value
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return strconv.Quote(v)
	}
	return "an alias"
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// SyntaxError places a yaml.v3 parse error at its line and column and says, in words, what
// to do about it.
func SyntaxError(data []byte, err error) (line, col int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	line = 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		// yaml.v3 gives its parser's errors, and its complaint about tabs in indentation,
		// with a 0-based line: the line where the unfinished block starts, less one.
		if strings.HasPrefix(msg, "did not find expected") || strings.Contains(msg, "tab character") {
			line++
		}
	}
	if strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token") {
		// Point at the tab itself: on the line named, or the one after it for some layouts.
		for _, l := range []int{line, line + 1} {
			t := lineText(data, l)
			indent := len(t) - len(strings.TrimLeft(t, " \t"))
			if i := strings.IndexByte(t[:indent], '\t'); i >= 0 {
				return l, i + 1, "a tab is used for indentation; YAML needs spaces, so indent with spaces instead"
			}
		}
	}
	switch {
	case strings.Contains(msg, "exceeded max depth"):
		return line, 1, "the document is nested too deeply (" + msg + "); flatten it"
	case strings.Contains(msg, "excessive aliasing"):
		return line, 1, "the document expands aliases (*name) too many times; write the values out instead"
	case strings.HasPrefix(msg, "did not find expected"):
		// The parser names the block it was reading, not the line that broke it.
		return line, 1, "invalid YAML: " + msg + " in the block that starts here; look for a line indented differently from its neighbours, or a bracket or quote left open"
	}
	return line, 1, "invalid YAML: " + msg + "; the problem is at this line or just after it"
}

// lineText returns line n (1-based) of data, without its line break.
func lineText(data []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return strings.TrimSuffix(string(data), "\r")
}

// Error is a problem at a node.
type Error struct {
	Line, Column int
	Message      string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Message) }

// Value converts a node to plain Go values (map[string]any, []any, string, int, float64,
// bool, nil) in one walk: duplicate keys are found with a map, and budget bounds the values
// visited, aliases included, so neither a huge mapping nor an alias bomb costs more than
// linear time. yaml's own Node.Decode checks duplicates in quadratic time.
func Value(n *yaml.Node, budget *int) (any, *Error) {
	*budget--
	if *budget < 0 {
		return nil, &Error{n.Line, n.Column, "this value is too large, or expands aliases (*name) too many times; write it out plainly"}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return Value(n.Content[0], budget)
	case yaml.AliasNode:
		return Value(n.Alias, budget)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := Value(c, budget)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, &Error{k.Line, k.Column, "a key must be plain text, not " + Describe(k)}
			}
			if _, dup := out[k.Value]; dup {
				return nil, &Error{k.Line, k.Column, fmt.Sprintf("duplicate key %q; keep one", k.Value)}
			}
			v, err := Value(n.Content[i+1], budget)
			if err != nil {
				return nil, err
			}
			out[k.Value] = v
		}
		return out, nil
	}
	var v any
	if err := n.Decode(&v); err != nil { // a scalar: no duplicate check to fear
		return nil, &Error{n.Line, n.Column, err.Error()}
	}
	return v, nil
}
