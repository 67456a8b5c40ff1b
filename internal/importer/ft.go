package importer

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// ftScale is FT's proficiency scale, lowest first (test/schema/job-family.json of
// Financial-Times/engineering-progression); "Working" is how some files spell its middle.
var ftScale = []string{"awareness", "foundational", "working knowledge", "working", "practitioner", "expert"}

const ftFormat = "an FT engineering-progression job family (data/job-families/*.yml)"

// convertFT reads a job family: levels, themes, and competencies that each give one level a
// graded text in one theme. FT gives no grades and no tracks: the -ic/-pm level ids (and
// "Individual Contributor"/"People Manager" names) mark where the tracks split.
func convertFT(sources []Source) (*Draft, error) {
	src := sources[0]
	r := &reader{file: src.Name, format: ftFormat}
	root, err := r.parse(src.Data)
	if err != nil {
		return nil, err
	}
	const family = "a job family: a mapping with name, levels, themes and competencies"
	top, _, err := r.fields(root, family)
	if err != nil {
		return nil, err
	}
	d := &Draft{Sources: []string{src.Name}, Format: "Financial Times engineering-progression job family"}
	nameNode, err := r.need(top, root, "name", family)
	if err != nil {
		return nil, err
	}
	if d.Title, err = r.text(nameNode, "the job family's name"); err != nil {
		return nil, err
	}
	d.Name = slug(d.Title)
	if d.Summary, err = r.optText(top["summary"], "the job family's summary, a text"); err != nil {
		return nil, err
	}

	type ftLevel struct {
		id, name string
		track    string // ic, management, or "" before the split
		marked   bool
	}
	levelsNode, err := r.need(top, root, "levels", family)
	if err != nil {
		return nil, err
	}
	levelItems, err := r.items(levelsNode, "levels: a list of {id, name}")
	if err != nil {
		return nil, err
	}
	if len(levelItems) == 0 {
		return nil, r.fail(levelsNode, "levels: at least one {id, name}")
	}
	var levels []ftLevel
	index := map[string]int{}
	for _, it := range levelItems {
		f, _, err := r.fields(it, "a level: {id, name}")
		if err != nil {
			return nil, err
		}
		idNode, err := r.need(f, it, "id", "a level: {id, name}")
		if err != nil {
			return nil, err
		}
		nameNode, err := r.need(f, it, "name", "a level: {id, name}")
		if err != nil {
			return nil, err
		}
		l := ftLevel{}
		if l.id, err = r.text(idNode, "a level id"); err != nil {
			return nil, err
		}
		if l.name, err = r.text(nameNode, "a level name"); err != nil {
			return nil, err
		}
		if _, dup := index[l.id]; dup {
			return nil, r.fail(idNode, "a level id not used before")
		}
		index[l.id] = len(levels)
		l.track = ftTrack(l.id, l.name)
		l.marked = l.track != ""
		levels = append(levels, l)
	}

	// Levels before the first marked one are shared; an unmarked level after the split
	// follows the level listed before it (FT lists Technology Director after the Principal
	// People Manager, and its own diagram puts it on that track).
	split := slices.IndexFunc(levels, func(l ftLevel) bool { return l.marked })
	var notes []string
	if split < 0 {
		d.Notes = append(d.Notes, "No level is marked -ic or -pm, so the levels do not split into tracks: import puts them all on one individual-contributor track.")
		for i := range levels {
			levels[i].track = ladder.IC
		}
	} else {
		for i := split + 1; i < len(levels); i++ {
			if !levels[i].marked {
				levels[i].track = levels[i-1].track
				notes = append(notes, fmt.Sprintf("%s (%s) is marked neither -ic nor -pm; import puts it on the %s track, after %s, the level the source lists before it.",
					levels[i].name, levels[i].id, trackWord(levels[i].track), levels[i-1].name))
			}
		}
	}

	themesNode, err := r.need(top, root, "themes", family)
	if err != nil {
		return nil, err
	}
	themeItems, err := r.items(themesNode, "themes: a list of {id, name, summary}")
	if err != nil {
		return nil, err
	}
	themes := map[string]bool{}
	for _, it := range themeItems {
		f, _, err := r.fields(it, "a theme: {id, name, summary}")
		if err != nil {
			return nil, err
		}
		idNode, err := r.need(f, it, "id", "a theme: {id, name, summary}")
		if err != nil {
			return nil, err
		}
		nameNode, err := r.need(f, it, "name", "a theme: {id, name, summary}")
		if err != nil {
			return nil, err
		}
		c := DraftCompetency{}
		if c.ID, err = r.text(idNode, "a theme id"); err != nil {
			return nil, err
		}
		if c.Name, err = r.text(nameNode, "a theme name"); err != nil {
			return nil, err
		}
		if c.Summary, err = r.optText(f["summary"], "a theme summary, a text"); err != nil {
			return nil, err
		}
		if themes[c.ID] {
			return nil, r.fail(idNode, "a theme id not used before")
		}
		themes[c.ID] = true
		d.Competencies = append(d.Competencies, c)
	}

	// Each competency is one graded text for one level in one theme; a level may have
	// several in a theme (FT's legacy files do).
	compsNode, err := r.need(top, root, "competencies", family)
	if err != nil {
		return nil, err
	}
	compItems, err := r.items(compsNode, "competencies: a list of {id, level, theme, summary, proficiency}")
	if err != nil {
		return nil, err
	}
	type graded struct{ text, proficiency string }
	byLevel := make([]map[string][]graded, len(levels))
	themeOrder := make([][]string, len(levels))
	var used []string // proficiencies, in the order first met
	const comp = "a competency: {id, level, theme, summary, proficiency}"
	for _, it := range compItems {
		f, _, err := r.fields(it, comp)
		if err != nil {
			return nil, err
		}
		var lvl, theme, text, prof string
		for _, want := range []struct {
			key string
			to  *string
		}{{"level", &lvl}, {"theme", &theme}, {"summary", &text}, {"proficiency", &prof}} {
			n, err := r.need(f, it, want.key, comp)
			if err != nil {
				return nil, err
			}
			if *want.to, err = r.text(n, "the competency's "+want.key+", a text"); err != nil {
				return nil, err
			}
		}
		li, ok := index[lvl]
		if !ok {
			return nil, r.fail(f["level"], "the id of a level listed under levels")
		}
		if !themes[theme] {
			return nil, r.fail(f["theme"], "the id of a theme listed under themes")
		}
		if ex, err := r.examples(f["examples"]); err != nil {
			return nil, err
		} else if len(ex) > 0 {
			text += "\nExamples:\n- " + strings.Join(ex, "\n- ")
		}
		if !slices.Contains(used, prof) {
			used = append(used, prof)
		}
		if byLevel[li] == nil {
			byLevel[li] = map[string][]graded{}
		}
		if _, seen := byLevel[li][theme]; !seen {
			themeOrder[li] = append(themeOrder[li], theme)
		}
		byLevel[li][theme] = append(byLevel[li][theme], graded{text, prof})
	}
	d.Proficiencies, d.ProfNote = ftProficiencies(used)

	// Grades: FT gives none, so one per step. The n-th IC level and the n-th people-manager
	// level after the split share a grade, as FT's Senior Engineer 2 and Principal Engineer
	// titles pair them.
	shared := &DraftTrack{ID: "shared", Name: d.Title, Type: ladder.Shared}
	ic := &DraftTrack{ID: "ic", Name: "Individual Contributor", Type: ladder.IC}
	pm := &DraftTrack{ID: "management", Name: "People Manager", Type: ladder.Management}
	next := map[string]int{}
	base := 0
	for i, l := range levels {
		dl := DraftLevel{ID: l.id, Title: l.name}
		t := map[string]*DraftTrack{"": shared, ladder.IC: ic, ladder.Management: pm}[l.track]
		if split < 0 || i < split {
			base++
			dl.Grade = base
		} else {
			next[l.track]++
			dl.Grade = base + next[l.track]
		}
		for _, theme := range themeOrder[i] {
			g := byLevel[i][theme]
			e := DraftExpectation{Competency: theme}
			profs := map[string]bool{}
			for _, x := range g {
				e.Texts = append(e.Texts, x.text)
				profs[x.proficiency] = true
			}
			if len(profs) == 1 {
				e.Proficiency = g[0].proficiency
			} else {
				var each []string
				for _, x := range g {
					each = append(each, x.proficiency)
				}
				e.Note = "The source grades these texts " + strings.Join(each, ", ") + " in turn; an expectation holds one proficiency, so none is kept here."
			}
			dl.Expectations = append(dl.Expectations, e)
		}
		for _, n := range notes {
			if strings.Contains(n, "("+l.id+")") {
				dl.Note = n
			}
		}
		t.Levels = append(t.Levels, dl)
	}
	if len(shared.Levels) > 0 {
		d.Tracks = append(d.Tracks, *shared)
		last := shared.Levels[len(shared.Levels)-1].ID
		ic.From, pm.From = last, last
	}
	for _, t := range []*DraftTrack{ic, pm} {
		if len(t.Levels) > 0 {
			d.Tracks = append(d.Tracks, *t)
		}
	}
	d.Notes = append(d.Notes, "FT gives no grades: import gives one per step, and pairs the n-th individual-contributor level with the n-th people-manager level after the split.")
	return d, nil
}

// ftTrack tells the track of a level from its id or name: "" when neither says.
func ftTrack(id, name string) string {
	lid, lname := strings.ToLower(id), strings.ToLower(name)
	switch {
	case strings.HasSuffix(lid, "-ic") || strings.Contains(lname, "individual contributor"):
		return ladder.IC
	case strings.HasSuffix(lid, "-pm") || strings.Contains(lname, "people manager"):
		return ladder.Management
	}
	return ""
}

func trackWord(t string) string {
	if t == ladder.IC {
		return "individual-contributor"
	}
	return "people-manager"
}

// ftProficiencies orders the proficiencies a file uses on FT's scale; one FT's scale does not
// know goes above the others, with a comment.
func ftProficiencies(used []string) ([]string, string) {
	var known, unknown []string
	for _, p := range used {
		if slices.Contains(ftScale, strings.ToLower(p)) {
			known = append(known, p)
		} else {
			unknown = append(unknown, p)
		}
	}
	slices.SortStableFunc(known, func(a, b string) int {
		return slices.Index(ftScale, strings.ToLower(a)) - slices.Index(ftScale, strings.ToLower(b))
	})
	note := "FT's proficiency scale, lowest first, as far as this file uses it."
	if len(unknown) > 0 {
		note += " " + strings.Join(unknown, ", ") + " is not on FT's published scale; import puts it at the top."
	}
	return append(known, unknown...), note
}

// examples reads the legacy examples of a competency: texts kept after its summary.
func (r *reader) examples(n *yaml.Node) ([]string, error) {
	if n == nil {
		return nil, nil
	}
	items, err := r.items(n, "examples: a list of texts")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, it := range items {
		s, err := r.text(it, "an example, a text")
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
