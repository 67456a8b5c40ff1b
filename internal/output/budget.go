package output

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// CommentLimit is GitHub's limit on a comment or a job summary, in characters. A Budget
// counts bytes, never fewer than characters, so a length in bytes under it is safe.
const CommentLimit = 65536

// noteReserve is kept free for the note on what was left out.
const noteReserve = 1024

// Section is a run of rows under a heading, shown whole rows at a time.
type Section struct {
	Name     string // what its rows are, plural, for the note: "findings", "level changes"
	Priority int    // lower gets the space first; equal priorities in the order added
	Head     string // written before the first row shown, never without one
	Rows     []string
	Foot     string // written after the last row shown
	shown    int
}

// Budget lays out a Markdown document that must fit in a GitHub comment. Text is always
// written; sections get the space left in the order of their priority, and once a row would
// not fit no more rows are added anywhere. The document then ends with a note saying what
// was left out and how to see everything.
type Budget struct {
	limit int
	rerun string
	parts []part
}

type part struct {
	text    string
	section *Section
}

// NewBudget starts a document within GitHub's comment limit; rerun is the command that
// shows everything, named in the note.
func NewBudget(rerun string) *Budget { return &Budget{limit: CommentLimit, rerun: rerun} }

// Text adds text that is written whatever the budget: a headline, a verdict, a heading.
func (b *Budget) Text(s string) { b.parts = append(b.parts, part{text: s}) }

// Textf is Text with a format.
func (b *Budget) Textf(format string, args ...any) { b.Text(fmt.Sprintf(format, args...)) }

// Section adds a section, written where it is added; its rows are appended to it later.
func (b *Budget) Section(name string, priority int, head, foot string) *Section {
	s := &Section{Name: name, Priority: priority, Head: head, Foot: foot}
	b.parts = append(b.parts, part{section: s})
	return s
}

// String fits the sections in the budget and writes the document.
func (b *Budget) String() string {
	left := b.limit - noteReserve
	var sections []*Section
	for _, p := range b.parts {
		left -= len(p.text)
		if p.section != nil {
			p.section.shown = 0
			sections = append(sections, p.section)
		}
	}
	slices.SortStableFunc(sections, func(x, y *Section) int { return cmp.Compare(x.Priority, y.Priority) })
fit:
	for _, s := range sections {
		for i, row := range s.Rows {
			cost := len(row)
			if i == 0 {
				cost += len(s.Head) + len(s.Foot)
			}
			if cost > left {
				break fit
			}
			left -= cost
			s.shown++
		}
	}

	var out strings.Builder
	var names []string
	missing, total := map[string]int{}, map[string]int{}
	for _, p := range b.parts {
		out.WriteString(p.text)
		s := p.section
		if s == nil {
			continue
		}
		if s.shown > 0 {
			out.WriteString(s.Head)
			for _, row := range s.Rows[:s.shown] {
				out.WriteString(row)
			}
			out.WriteString(s.Foot)
		}
		if _, ok := total[s.Name]; !ok {
			names = append(names, s.Name)
		}
		total[s.Name] += len(s.Rows)
		missing[s.Name] += len(s.Rows) - s.shown
	}
	var notShown []string
	for _, name := range names {
		if missing[name] > 0 {
			notShown = append(notShown, fmt.Sprintf("%d of %d %s", missing[name], total[name], name))
		}
	}
	if len(notShown) > 0 {
		fmt.Fprintf(&out, "\n**Not shown: %s.** GitHub limits a comment to 65,536 characters.", strings.Join(notShown, ", "))
		if b.rerun != "" {
			fmt.Fprintf(&out, " Run `%s` to see everything.", b.rerun)
		}
		out.WriteString("\n")
	}
	return out.String()
}
