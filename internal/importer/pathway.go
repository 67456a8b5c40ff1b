package importer

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

const pathwayFormat = "a forwardimpact pathway levels.yaml (a list of levels with professionalTitle, managementTitle and ordinalRank)"

// convertPathway reads pathway's levels: each has a professional (IC) title and a management
// title at one ordinalRank, so the two tracks are peers at every rank that has both.
func convertPathway(sources []Source) (*Draft, error) {
	src := sources[0]
	r := &reader{file: src.Name, format: pathwayFormat}
	root, err := r.parse(src.Data)
	if err != nil {
		return nil, err
	}
	const level = "a level: {id, professionalTitle, managementTitle, ordinalRank, ...}"
	items, err := r.items(root, "a list of levels, each {id, professionalTitle, managementTitle, ordinalRank, ...}")
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, r.fail(root, "at least one level")
	}
	d := &Draft{Sources: []string{src.Name}, Format: "forwardimpact pathway levels", Name: "pathway",
		NameNote: "Pathway's levels.yaml names no ladder: import names it pathway (use --name to choose)."}
	type pwLevel struct {
		id, ic, mgmt, summary string
		rank                  int
		expect                []DraftExpectation
		extra                 *yaml.Node
	}
	var levels []pwLevel
	var competencies []string
	seen := map[string]bool{}
	for _, it := range items {
		f, keys, err := r.fields(it, level)
		if err != nil {
			return nil, err
		}
		var l pwLevel
		for _, want := range []struct {
			key string
			to  *string
		}{{"id", &l.id}, {"professionalTitle", &l.ic}} {
			n, err := r.need(f, it, want.key, level)
			if err != nil {
				return nil, err
			}
			if *want.to, err = r.text(n, "the level's "+want.key+", a text"); err != nil {
				return nil, err
			}
		}
		if seen[l.id] {
			return nil, r.fail(f["id"], "a level id not used before")
		}
		seen[l.id] = true
		if l.mgmt, err = r.optText(f["managementTitle"], "the level's managementTitle, a text"); err != nil {
			return nil, err
		}
		rank, err := r.need(f, it, "ordinalRank", level)
		if err != nil {
			return nil, err
		}
		if l.rank, err = r.integer(rank, "the level's ordinalRank, a whole number"); err != nil {
			return nil, err
		}
		if l.rank < 0 {
			return nil, r.fail(rank, "the level's ordinalRank, a whole number of 0 or more")
		}
		if len(levels) > 0 && l.rank < levels[len(levels)-1].rank {
			return nil, r.fail(rank, fmt.Sprintf("levels listed from the lowest ordinalRank up (the level before is at %d)", levels[len(levels)-1].rank))
		}
		if l.summary, err = r.optText(f["qualificationSummary"], "the level's qualificationSummary, a text"); err != nil {
			return nil, err
		}
		if ex, ok := f["expectations"]; ok {
			m, order, err := r.fields(ex, "expectations: a mapping from a name such as impactScope to a text")
			if err != nil {
				return nil, err
			}
			for _, k := range order {
				text, err := r.text(m[k], "the expectation "+k+", a text")
				if err != nil {
					return nil, err
				}
				if !slices.Contains(competencies, k) {
					competencies = append(competencies, k)
				}
				l.expect = append(l.expect, DraftExpectation{Competency: k, Texts: []string{text}})
			}
		}
		// What the format has no field for (experience, skill proficiencies, behaviour
		// maturity, breadth) is kept as x-pathway, for user policies.
		extra := mapping()
		for _, k := range keys {
			switch k {
			case "id", "professionalTitle", "managementTitle", "ordinalRank", "qualificationSummary", "expectations":
				continue
			}
			extra.add(k, f[k])
		}
		if len(extra.Content) > 0 {
			l.extra = extra.Node
		}
		levels = append(levels, l)
	}
	for _, k := range competencies {
		d.Competencies = append(d.Competencies, DraftCompetency{ID: k, Name: words(k)})
	}
	d.Notes = append(d.Notes, "ordinalRank is the grade. Both tracks keep each level's qualificationSummary, expectations and x-pathway fields.")

	// Levels before the first managementTitle have one title only: they are shared.
	split := slices.IndexFunc(levels, func(l pwLevel) bool { return l.mgmt != "" })
	shared := DraftTrack{ID: "shared", Name: "Shared", Type: ladder.Shared}
	ic := DraftTrack{ID: "ic", Name: "Professional", Type: ladder.IC}
	mgmt := DraftTrack{ID: "management", Name: "Management", Type: ladder.Management}
	for i, l := range levels {
		base := DraftLevel{Grade: l.rank, Summary: l.summary, Expectations: l.expect, ExtraKey: "pathway", Extra: l.extra}
		if split < 0 || i < split {
			base.ID, base.Title = l.id, l.ic
			shared.Levels = append(shared.Levels, base)
			continue
		}
		// pathway's level ids name a rank, not a track: each track's level gets it with a
		// prefix, as a ladder's level ids are unique across its tracks.
		p := base
		p.ID, p.Title = "P-"+l.id, l.ic
		ic.Levels = append(ic.Levels, p)
		if l.mgmt == "" {
			continue
		}
		m := base
		m.ID, m.Title = "M-"+l.id, l.mgmt
		mgmt.Levels = append(mgmt.Levels, m)
	}
	if len(shared.Levels) > 0 && split >= 0 {
		last := shared.Levels[len(shared.Levels)-1].ID
		ic.From, mgmt.From = last, last
		d.Tracks = append(d.Tracks, shared)
	} else if split < 0 {
		// No level has a managementTitle: one IC track, under pathway's own ids.
		shared.ID, shared.Name, shared.Type = "ic", "Professional", ladder.IC
		d.Tracks = append(d.Tracks, shared)
		d.Notes = append(d.Notes, "No level has a managementTitle: import makes one individual-contributor track.")
		return d, nil
	}
	d.Tracks = append(d.Tracks, ic, mgmt)
	d.Notes = append(d.Notes, "Each level with a managementTitle becomes two levels at its ordinalRank: P-<id> (professionalTitle) on the IC track and M-<id> (managementTitle) on the management track.")
	return d, nil
}

// words turns a camelCase key into words for a name: impactScope is "Impact scope".
func words(key string) string {
	var b strings.Builder
	for i, r := range key {
		switch {
		case i == 0:
			b.WriteRune(unicode.ToUpper(r))
		case unicode.IsUpper(r):
			b.WriteByte(' ')
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
