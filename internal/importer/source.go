package importer

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/yamlnode"
)

// reader walks the YAML of one source, turning every surprise into an error that names the
// file, the line, the column and what the format has there.
type reader struct {
	file   string
	format string // the format in words, for "is this ...?"
	line   int    // added to node lines: the YAML may start below line 1 of the file
	budget int    // nodes left to visit, aliases included: an alias bomb costs no more than this
}

// nodeBudget bounds the nodes one source may make import visit.
const nodeBudget = 1_000_000

var bom = []byte("\xef\xbb\xbf")

// parse reads the first YAML document of data as the source's root node.
func (r *reader) parse(data []byte) (*yaml.Node, error) {
	r.budget = nodeBudget
	data = bytes.TrimPrefix(data, bom)
	if !utf8.Valid(data) {
		return nil, &diag.Error{File: r.file, Line: 1, Column: 1, Message: "the file is not UTF-8 text", Hint: "save it as UTF-8"}
	}
	var doc yaml.Node
	err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc)
	if errors.Is(err, io.EOF) {
		return nil, notFormat(r.file, r.line+1, 1, r.format, "YAML, found an empty file")
	}
	if err != nil {
		line, col, msg := yamlnode.SyntaxError(data, err)
		return nil, &diag.Error{File: r.file, Line: line + r.line, Column: col, Message: msg, Hint: "is this " + r.format + "?"}
	}
	if len(doc.Content) == 0 {
		return nil, notFormat(r.file, r.line+1, 1, r.format, "YAML, found an empty document")
	}
	return doc.Content[0], nil
}

// fail is an error at a node.
func (r *reader) fail(n *yaml.Node, expected string) error {
	return notFormat(r.file, n.Line+r.line, n.Column, r.format, expected+", found "+yamlnode.Describe(n))
}

// resolve follows an alias, counting every node against the budget.
func (r *reader) resolve(n *yaml.Node) (*yaml.Node, error) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	r.budget -= max(len(n.Content), 1)
	if r.budget < 0 {
		return nil, &diag.Error{File: r.file, Line: n.Line + r.line, Column: n.Column,
			Message: "the file is too large to import, or expands aliases (*name) too many times", Hint: "write the values out plainly"}
	}
	return n, nil
}

// fields reads a mapping: its keys in order and their values. A duplicate key is refused as
// the loader refuses one.
func (r *reader) fields(n *yaml.Node, expected string) (map[string]*yaml.Node, []string, error) {
	n, err := r.resolve(n)
	if err != nil {
		return nil, nil, err
	}
	if n.Kind != yaml.MappingNode {
		return nil, nil, r.fail(n, expected)
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	var keys []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			return nil, nil, r.fail(k, "a key")
		}
		if _, dup := out[k.Value]; dup {
			return nil, nil, &diag.Error{File: r.file, Line: k.Line + r.line, Column: k.Column,
				Message: "duplicate key " + yamlnode.Describe(k), Hint: "keep one"}
		}
		v, err := r.resolve(n.Content[i+1])
		if err != nil {
			return nil, nil, err
		}
		out[k.Value] = v
		keys = append(keys, k.Value)
	}
	return out, keys, nil
}

// items reads a list.
func (r *reader) items(n *yaml.Node, expected string) ([]*yaml.Node, error) {
	n, err := r.resolve(n)
	if err != nil {
		return nil, err
	}
	if n.Kind != yaml.SequenceNode {
		return nil, r.fail(n, expected)
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		if out[i], err = r.resolve(c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// text reads a non-empty scalar as text.
func (r *reader) text(n *yaml.Node, expected string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" || cleanText(n.Value) == "" {
		return "", r.fail(n, expected)
	}
	return cleanText(n.Value), nil
}

// optText reads a scalar that may be missing or empty.
func (r *reader) optText(n *yaml.Node, expected string) (string, error) {
	if n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		return "", r.fail(n, expected)
	}
	return cleanText(n.Value), nil
}

// need reads a required field of a mapping, pointing at the mapping when it is missing.
func (r *reader) need(m map[string]*yaml.Node, at *yaml.Node, key, expected string) (*yaml.Node, error) {
	if v, ok := m[key]; ok {
		return v, nil
	}
	return nil, notFormat(r.file, at.Line+r.line, at.Column, r.format, expected+" (no "+key+" here)")
}

// integer reads a whole number.
func (r *reader) integer(n *yaml.Node, expected string) (int, error) {
	var v int
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		return 0, r.fail(n, expected)
	}
	return v, nil
}
