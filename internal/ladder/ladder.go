// Package ladder holds the ladder model of the ladderctl/v1 format and its loader: files in,
// OPA values with the position of every node out, and load findings for what is unreadable.
package ladder

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/yamlblock"
	"github.com/ladderctl/ladderctl/internal/yamlnode"
)

// Ladder is one loaded ladder document.
type Ladder struct {
	Name  string
	File  string    // as the user named it, or as found under a directory they named
	Value ast.Value // the whole document, as policies see it in input
	pos   *posIndex
	// NamePos is where metadata.name is, kept apart so that it outlives Release.
	NamePos Pos
}

// Locate returns the position of the node at p, or of its nearest ancestor when p names a
// node the file does not have, and the path of the node it found.
func (l *Ladder) Locate(p Path) (Pos, Path) {
	if l.pos == nil {
		return l.NamePos, nil
	}
	return l.pos.resolve(p)
}

// Release drops the ladder's value and positions once it has been judged: over thousands of
// ladders they are most of the memory. Name, file and NamePos remain.
func (l *Ladder) Release() {
	l.Value, l.pos = nil, nil
}

// DefaultMaxFileSize is the largest file the loader reads unless told otherwise.
const DefaultMaxFileSize = 10 << 20

var bom = []byte("\xef\xbb\xbf")

// Parse reads the ladders of one file's contents. Documents of other kinds are skipped; a
// document that breaks the format yields load findings instead of a ladder.
func Parse(file string, data []byte) ([]*Ladder, []finding.Finding) {
	data = bytes.TrimPrefix(data, bom)
	if !utf8.Valid(data) {
		line, col := invalidUTF8(data)
		return nil, []finding.Finding{loadError(file, line, col, "the file is not valid UTF-8 text; save it as UTF-8")}
	}
	var (
		ladders  []*Ladder
		problems []finding.Finding
		seen     bool // a ladder document was found, readable or not
	)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	single := !bytes.Contains(data, []byte("\n---")) && !bytes.Contains(data, []byte("\n..."))
	for i := 0; ; i++ {
		var doc yaml.Node
		var err error
		switch {
		case single && i > 0:
			err = io.EOF
		case single:
			// Most files hold one document in the block style that yamlblock reads several
			// times faster than yaml.v3; the rest, and every error, is yaml.v3's. Parsing
			// from memory is also a fifth faster than through a reader.
			if root, ok := yamlblock.Parse(data); ok {
				doc = *root
			} else if err = yaml.Unmarshal(data, &doc); err == nil && doc.Kind == 0 {
				err = io.EOF
			}
		default:
			err = dec.Decode(&doc)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, col, msg := yamlnode.SyntaxError(data, err)
			problems = append(problems, loadError(file, line, col, msg))
			seen = true // do not also say the file holds no ladder
			break
		}
		if len(doc.Content) == 0 || !isLadder(doc.Content[0]) {
			continue
		}
		seen = true
		l, ps := decodeLadder(file, doc.Content[0])
		if l != nil {
			ladders = append(ladders, l)
		}
		problems = append(problems, ps...)
	}
	if !seen {
		problems = append(problems, finding.Finding{
			Rule: finding.RuleLoad, Severity: finding.Warning, File: file, Line: 1, Column: 1,
			Message: "no ladder in this file: no YAML document has kind: Ladder; remove the file from the ladder paths or add apiVersion: ladderctl/v1 and kind: Ladder",
		})
	}
	return ladders, problems
}

// isLadder tells a ladder document from documents of other kinds that share a file or a
// directory with ladders, such as Kubernetes manifests.
func isLadder(root *yaml.Node) bool {
	if root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		if (k == "kind" && v.Value == Kind) || (k == "apiVersion" && v.Value == APIVersion) {
			return true
		}
	}
	return false
}

// decodeLadder checks and converts one ladder document. It returns no ladder when the
// document has load errors: rules would only add noise about what the loader reported.
func decodeLadder(file string, root *yaml.Node) (*Ladder, []finding.Finding) {
	d := &decoder{file: file, index: &posIndex{}, failed: map[string]bool{}, aliasLeft: aliasBudget}
	t := d.walk(root, ladderShape, -1, "", -1, false)
	name := ""
	if t != nil {
		if n, err := t.Value.(ast.Object).Find(ast.Ref{ast.InternedTerm("metadata"), ast.InternedTerm("name")}); err == nil {
			if s, ok := n.(ast.String); ok {
				// The name outlives the ladder's value, whose texts share the bytes of the
				// whole file (see yamlblock): a copy keeps only itself.
				name = strings.Clone(string(s))
			}
		}
	}
	if d.dropped > 0 {
		d.problems = append(d.problems, loadError(file, root.Line, root.Column,
			fmt.Sprintf("%d more problems in this ladder are not listed; fix the ones above first", d.dropped)))
	}
	for i := range d.problems {
		d.problems[i].Ladder = name
	}
	if len(d.problems) > 0 || t == nil {
		return nil, d.problems
	}
	d.index.nodes = slices.Clip(d.index.nodes)
	l := &Ladder{Name: name, File: file, Value: t.Value, pos: d.index}
	l.NamePos, _ = l.Locate(Path{"metadata", "name"})
	return l, nil
}

func loadError(file string, line, col int, msg string) finding.Finding {
	return finding.Finding{Rule: finding.RuleLoad, Severity: finding.Error, File: file, Line: line, Column: col, Message: msg}
}

// invalidUTF8 finds the line and column of the first byte that is not UTF-8.
func invalidUTF8(data []byte) (int, int) {
	line, col := 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}
