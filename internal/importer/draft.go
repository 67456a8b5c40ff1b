package importer

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// Draft is a ladder as a converter reads it from a source, with the comments that say where
// import had to choose. One function, node, turns it into YAML, so every format writes the
// same shape and every comment lands beside what it explains.
type Draft struct {
	Sources []string // the files read, named in the comment at the top
	Format  string   // what the sources are, in words
	Notes   []string // choices import made for the whole ladder, as comments at the top
	// NameNote says how the name was chosen when the source has none; --name makes it moot.
	NameNote string

	Name, Title   string
	Summary       string // kept as metadata.x-summary: the format has no field for it
	Proficiencies []string
	ProfNote      string
	Competencies  []DraftCompetency
	Tracks        []DraftTrack
}

// DraftCompetency is a competency of a draft.
type DraftCompetency struct {
	ID, Name string
	Tracks   []string
	Summary  string // kept as x-summary
	Note     string
}

// DraftTrack is a track of a draft.
type DraftTrack struct {
	ID, Name, Type, From string
	Note                 string
	Levels               []DraftLevel
}

// DraftLevel is a level of a draft.
type DraftLevel struct {
	ID, Title    string
	Grade        int
	Summary      string
	Note         string
	Expectations []DraftExpectation
	// Extra holds source fields the format has no place for, as x-<source> (kept for user
	// policies, checked by nothing).
	ExtraKey string
	Extra    *yaml.Node
}

// DraftExpectation is what a level expects in one competency.
type DraftExpectation struct {
	Competency  string
	Texts       []string
	Proficiency string // "" when the source grades none
	Note        string
}

// encode writes the draft as one YAML document.
func (d *Draft) encode() ([]byte, error) {
	if err := d.unique(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(d.node()); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// unique refuses a draft whose ids collide: a converter that prefixes ids per discipline
// should never produce one, and the rules would only report it after the file was written.
func (d *Draft) unique() error {
	levels := map[string]bool{}
	for _, t := range d.Tracks {
		for _, l := range t.Levels {
			if levels[l.ID] {
				return fmt.Errorf("import gave two levels the id %q; nothing was written (please report this with the source files)", l.ID)
			}
			levels[l.ID] = true
		}
	}
	return nil
}

func (d *Draft) node() *yaml.Node {
	head := []string{fmt.Sprintf("Imported by ladderctl import from %s (%s).", strings.Join(d.Sources, ", "), d.Format),
		"Every text is the source's; the comments below say where the source was silent and import chose."}
	head = append(head, d.NameNote)
	head = append(head, d.Notes...)

	meta := mapping()
	meta.add("name", str(d.Name))
	if d.Title != "" {
		meta.add("title", str(d.Title))
	}
	if d.Summary != "" {
		meta.add(ladder.Extension+"summary", str(d.Summary))
	}

	spec := mapping()
	if len(d.Proficiencies) > 0 {
		p := flowList(d.Proficiencies)
		spec.addNote("proficiencies", p, d.ProfNote)
	}
	if len(d.Competencies) > 0 {
		list := sequence()
		for _, c := range d.Competencies {
			m := mapping()
			m.add("id", str(c.ID))
			m.add("name", str(c.Name))
			if len(c.Tracks) > 0 {
				m.add("tracks", flowList(c.Tracks))
			}
			if c.Summary != "" {
				m.add(ladder.Extension+"summary", str(c.Summary))
			}
			m.note(c.Note)
			list.Content = append(list.Content, m.Node)
		}
		spec.add("competencies", list)
	}
	tracks := sequence()
	for _, t := range d.Tracks {
		m := mapping()
		m.add("id", str(t.ID))
		if t.Name != "" {
			m.add("name", str(t.Name))
		}
		m.add("type", str(t.Type))
		if t.From != "" {
			m.add("from", str(t.From))
		}
		m.note(t.Note)
		levels := sequence()
		for _, l := range t.Levels {
			levels.Content = append(levels.Content, l.node())
		}
		m.add("levels", levels)
		tracks.Content = append(tracks.Content, m.Node)
	}
	spec.add("tracks", tracks)

	root := mapping()
	root.add("apiVersion", str(ladder.APIVersion))
	root.add("kind", str(ladder.Kind))
	root.add("metadata", meta.Node)
	root.add("spec", spec.Node)
	root.Content[0].HeadComment = comment(head...)
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root.Node}}
}

func (l DraftLevel) node() *yaml.Node {
	m := mapping()
	m.add("id", str(l.ID))
	m.add("title", str(l.Title))
	m.add("grade", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(l.Grade)})
	if l.Summary != "" {
		m.add("summary", str(l.Summary))
	}
	if len(l.Expectations) > 0 {
		ex := mapping()
		for _, e := range l.Expectations {
			var v *yaml.Node
			switch {
			case e.Proficiency != "":
				p := mapping()
				p.add("proficiency", str(e.Proficiency))
				p.add("text", str(strings.Join(e.Texts, "\n")))
				v = p.Node
			case len(e.Texts) == 1:
				v = str(e.Texts[0])
			default:
				v = sequence()
				for _, t := range e.Texts {
					v.Content = append(v.Content, str(t))
				}
			}
			ex.addNote(e.Competency, v, e.Note)
		}
		m.add("expectations", ex.Node)
	}
	if l.Extra != nil {
		m.add(ladder.Extension+l.ExtraKey, l.Extra)
	}
	m.note(l.Note)
	return m.Node
}

// mapNode builds a block mapping key by key, in order.
type mapNode struct{ *yaml.Node }

func mapping() mapNode { return mapNode{&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}} }

func sequence() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"} }

func (m mapNode) add(key string, v *yaml.Node) { m.addNote(key, v, "") }

// addNote adds a key with a comment above it.
func (m mapNode) addNote(key string, v *yaml.Node, note string) {
	k := str(key)
	k.HeadComment = comment(note)
	m.Content = append(m.Content, k, v)
}

// note puts a comment above a mapping that is a list item.
func (m mapNode) note(s string) { m.HeadComment = comment(s) }

// str is a text node; yaml.v3 quotes it as needed, so hostile text stays text.
func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func flowList(items []string) *yaml.Node {
	n := sequence()
	n.Style = yaml.FlowStyle
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}

// comment turns lines of prose into a YAML comment, wrapped for the reader.
func comment(lines ...string) string {
	var out []string
	for _, l := range lines {
		if l == "" {
			continue
		}
		out = append(out, wrap(singleLine(l), 96)...)
	}
	if len(out) == 0 {
		return ""
	}
	return "# " + strings.Join(out, "\n# ")
}

// singleLine keeps a comment one comment: a line break in source text would end it.
func singleLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || unicode.IsControl(r) }), " ")
}

func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// NamePattern is what metadata.name accepts.
var NamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// slug makes an id or a ladder name from source text: lower-case letters, digits and dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// cleanText trims a source text: block scalars end with a line break the reader never sees.
func cleanText(s string) string { return strings.TrimSpace(s) }
