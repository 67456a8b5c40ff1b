package render

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/output"
)

// WriteMarkdown writes the ladder as a document for a handbook: who owns it, its tracks, the
// levels by grade, the moves between tracks, and every level with its scope, pay band,
// summary and expectations by competency. It carries no findings: a handbook is read by
// everyone the ladder levels, and the rules' findings are for those who own it.
func WriteMarkdown(w io.Writer, l *Ladder) error {
	doc := l.Source.Doc
	ix := newHandbookIndex(doc)
	ix.people = l.People
	var b strings.Builder
	b.WriteString("# " + output.MarkdownText(l.Source.Title()) + "\n\n")
	b.WriteString(mdIntro(doc) + "\n\n")

	cols := columnsOf(doc)
	b.WriteString("## Tracks\n\n")
	b.WriteString("| Track | Type | Levels | Grades |\n|---|---|---|---|\n")
	for _, t := range cols {
		levels, grades := "none", "—"
		switch n := len(t.Levels); {
		case n == 1:
			levels = "1 (" + output.MarkdownText(t.Levels[0].ID+" "+t.Levels[0].Title) + ")"
		case n > 1:
			levels = fmt.Sprintf("%d (%s to %s)", n, output.MarkdownText(t.Levels[0].ID+" "+t.Levels[0].Title), output.MarkdownText(t.Levels[n-1].ID+" "+t.Levels[n-1].Title))
		}
		if len(t.Levels) > 0 {
			grades = gradeRange(t.Levels)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", output.MarkdownText(cmpOr(t.Name, t.ID)), sideName(t.Type), levels, grades)
	}
	b.WriteString("\n")

	if len(cols) > 1 {
		b.WriteString("## Levels by grade\n\n")
		b.WriteString("Levels at the same grade have the same standing across tracks.\n\n")
		b.WriteString("| Grade |")
		for _, t := range cols {
			b.WriteString(" " + output.MarkdownText(cmpOr(t.Name, t.ID)) + " |")
		}
		b.WriteString("\n|---|" + strings.Repeat("---|", len(cols)) + "\n")
		for _, g := range ix.grades {
			b.WriteString("| " + strconv.Itoa(g) + " |")
			for _, t := range cols {
				var names []string
				for _, tl := range ix.byGrade[g] {
					if tl.Track == t {
						names = append(names, output.MarkdownText(tl.Level.ID+" "+tl.Level.Title))
					}
				}
				cell := strings.Join(names, "<br>")
				if cell == "" {
					cell = "—"
				}
				b.WriteString(" " + cell + " |")
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}

	if cs := doc.Spec.Competencies; len(cs) > 0 {
		b.WriteString("## Competencies\n\n")
		for _, c := range cs {
			line := "- **" + output.MarkdownText(c.Name) + "**"
			if len(c.Tracks) > 0 {
				line += ": " + output.MarkdownText(trackNames(doc, c.Tracks)) + " only"
			}
			b.WriteString(line + "\n")
		}
		b.WriteString("\n")
	}

	if len(ix.moves) > 0 {
		b.WriteString("## Moves between levels\n\n")
		b.WriteString("The moves the organisation supports, besides promotion along a track:\n\n")
		for _, m := range ix.moves {
			line := "- from " + output.MarkdownText(ix.name(m.from)) + " to " + output.MarkdownText(ix.name(m.to))
			if m.branch != "" {
				line += ", where " + output.MarkdownText(m.branch) + " branches"
			}
			b.WriteString(line + "\n")
		}
		b.WriteString("\n")
	}

	for _, t := range cols {
		b.WriteString("## " + output.MarkdownText(cmpOr(t.Name, t.ID)) + "\n\n")
		if len(t.Levels) == 0 {
			b.WriteString("No levels.\n\n")
		}
		for i := range t.Levels {
			writeMarkdownLevel(&b, ix, l.Source.Info(), t, &t.Levels[i])
		}
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

func mdIntro(doc *ladder.Document) string {
	parts := []string{"Career ladder " + output.MarkdownCode(doc.Metadata.Name)}
	if doc.Metadata.Owner != "" {
		parts[0] += ", owned by **" + output.MarkdownText(doc.Metadata.Owner) + "**"
	}
	parts[0] += "."
	switch note := payNote(&doc.Spec); {
	case len(doc.Spec.Zones) > 0:
		parts = append(parts, output.MarkdownText("Pay is by zone: "+strings.TrimPrefix(note, "pay by zone: ")+"."))
	case note != "":
		parts = append(parts, "Pay bands are in "+output.MarkdownText(doc.Spec.Currency)+".")
	}
	return strings.Join(parts, " ")
}

func writeMarkdownLevel(b *strings.Builder, ix *handbookIndex, info compare.LadderInfo, t *ladder.Track, lv *ladder.Level) {
	doc := ix.doc
	b.WriteString("### " + output.MarkdownText(lv.ID+" · "+lv.Title) + "\n\n")
	facts := []string{"**Grade** " + strconv.Itoa(lv.Grade)}
	if lv.Scope != "" {
		facts = append(facts, "**Scope** "+output.MarkdownText(lv.Scope))
	}
	if lv.Pay != nil {
		var bands []string
		for _, t := range compare.PayTexts(lv.Pay, info, doc.Spec.Currency) {
			bands = append(bands, output.MarkdownText(t))
		}
		facts = append(facts, "**Pay** "+strings.Join(bands, " · "))
	}
	if ix.people != nil {
		facts = append(facts, "**Held by** "+ix.people[lv.ID].Text())
	}
	b.WriteString(strings.Join(facts, " · ") + "\n")
	if lv.Summary != "" {
		b.WriteString("\n" + output.MarkdownText(lv.Summary) + "\n")
	}
	if peers := ix.peersOf(t, lv); len(peers) > 0 {
		b.WriteString("\n**Peers** " + output.MarkdownText(strings.Join(peers, ", ")) + "\n")
	}
	if moves := ix.movesFrom(lv.ID); len(moves) > 0 {
		b.WriteString("\n**Can move to** " + output.MarkdownText(strings.Join(moves, ", ")) + "\n")
	}
	if exp := expectations(doc, lv); len(exp) > 0 {
		b.WriteString("\n")
		for _, e := range exp {
			name := "- **" + output.MarkdownText(e.name) + ":**"
			if e.proficiency != "" {
				name = "- **" + output.MarkdownText(e.name) + "** (" + output.MarkdownText(e.proficiency) + "):"
			}
			if len(e.texts) == 1 {
				b.WriteString(name + " " + output.MarkdownText(e.texts[0]) + "\n")
				continue
			}
			b.WriteString(name + "\n")
			for _, x := range e.texts {
				b.WriteString("  - " + output.MarkdownText(x) + "\n")
			}
		}
	}
	b.WriteString("\n")
}

// columnsOf lists the tracks as the picture does: IC tracks, then management tracks, then any
// other, each in document order.
func columnsOf(doc *ladder.Document) []*ladder.Track {
	var out []*ladder.Track
	for _, side := range []string{compare.SideIC, compare.SideManagement, ""} {
		for i := range doc.Spec.Tracks {
			t := &doc.Spec.Tracks[i]
			known := t.Type == compare.SideIC || t.Type == compare.SideManagement
			if t.Type == side || (side == "" && !known) {
				out = append(out, t)
			}
		}
	}
	return out
}

func gradeRange(ls []ladder.Level) string {
	lo, hi := ls[0].Grade, ls[0].Grade
	for _, l := range ls {
		lo, hi = min(lo, l.Grade), max(hi, l.Grade)
	}
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
}

func trackNames(doc *ladder.Document, ids []string) string {
	var names []string
	for _, id := range ids {
		name := id
		for _, t := range doc.Spec.Tracks {
			if t.ID == id {
				name = cmpOr(t.Name, t.ID)
			}
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}

// handbookIndex finds levels by id and grade, and the moves from each level, in one pass
// over the ladder, so that the handbook stays linear in levels.
type handbookIndex struct {
	doc     *ladder.Document
	byID    map[string]ladder.TrackLevel
	byGrade map[int][]ladder.TrackLevel
	grades  []int
	moves   []handbookMove               // transitions, then the branch points of tracks, in document order
	people  map[string]compare.Headcount // a roster's headcounts by level id; nil without one
}

// handbookMove is a sideways move the ladder supports; branch names the track a from: opens.
type handbookMove struct {
	from, to, branch string
}

func newHandbookIndex(doc *ladder.Document) *handbookIndex {
	ix := &handbookIndex{doc: doc, byID: map[string]ladder.TrackLevel{}, byGrade: map[int][]ladder.TrackLevel{}}
	for _, tl := range doc.Levels() {
		if _, dup := ix.byID[tl.Level.ID]; !dup {
			ix.byID[tl.Level.ID] = tl
		}
		if len(ix.byGrade[tl.Level.Grade]) == 0 {
			ix.grades = append(ix.grades, tl.Level.Grade)
		}
		ix.byGrade[tl.Level.Grade] = append(ix.byGrade[tl.Level.Grade], tl)
	}
	slices.Sort(ix.grades)
	for _, t := range doc.Spec.Transitions {
		ix.moves = append(ix.moves, handbookMove{from: t.From, to: t.To})
	}
	for _, t := range doc.Spec.Tracks {
		if t.From != "" && len(t.Levels) > 0 {
			ix.moves = append(ix.moves, handbookMove{from: t.From, to: t.Levels[0].ID, branch: cmpOr(t.Name, t.ID)})
		}
	}
	return ix
}

// name is "IC5 Staff Engineer", or the id alone for an id no level has.
func (ix *handbookIndex) name(id string) string {
	if tl, ok := ix.byID[id]; ok {
		return id + " " + tl.Level.Title
	}
	return id
}

// peersOf lists the levels of the other side at the same grade.
func (ix *handbookIndex) peersOf(t *ladder.Track, lv *ladder.Level) []string {
	if t.Type != compare.SideIC && t.Type != compare.SideManagement {
		return nil // shared levels are nobody's peers
	}
	var out []string
	for _, tl := range ix.byGrade[lv.Grade] {
		known := tl.Track.Type == compare.SideIC || tl.Track.Type == compare.SideManagement
		if known && tl.Track.Type != t.Type {
			out = append(out, tl.Level.ID+" "+tl.Level.Title)
		}
	}
	return out
}

// movesFrom lists where a level can move besides promotion, branch points included.
func (ix *handbookIndex) movesFrom(id string) []string {
	var out []string
	for _, m := range ix.moves {
		if m.from == id {
			out = append(out, ix.name(m.to))
		}
	}
	return out
}

type expectation struct {
	name        string
	texts       []string
	proficiency string
}

// expectations lists a level's expectations in the order of the ladder's competencies, then
// those of competencies the ladder does not declare, by id.
func expectations(doc *ladder.Document, lv *ladder.Level) []expectation {
	var out []expectation
	seen := map[string]bool{}
	for _, c := range doc.Spec.Competencies {
		if e, ok := lv.Expectations[c.ID]; ok && !seen[c.ID] {
			out = append(out, expectation{name: cmpOr(c.Name, c.ID), texts: e.Texts, proficiency: e.Proficiency})
			seen[c.ID] = true
		}
	}
	var rest []string
	for id := range lv.Expectations {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	for _, id := range rest {
		e := lv.Expectations[id]
		out = append(out, expectation{name: id, texts: e.Texts, proficiency: e.Proficiency})
	}
	return out
}
