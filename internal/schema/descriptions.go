package schema

// The descriptions editors show on hover, from the format's reference
// (docs: the ladder format in the README). Every type and property of the model needs one:
// Generate fails on a property that has none.

var typeDescriptions = map[string]string{
	rootName:     "A ladder: one job family's career ladder (engineering, data, design, sales...): its tracks, the levels on each track, and the moves allowed between tracks. A file may hold several ladders as YAML documents separated by ---.",
	"Metadata":   "Names the ladder and says who owns it.",
	"Spec":       "The content of the ladder: its currency, competencies, tracks and transitions.",
	"Competency": "A dimension levels are judged on, such as craft or leadership.",
	"Track":      "One path of levels, of type ic or management. A ladder may have several tracks of one type.",
	"Level":      "One step of a track.",
	"Pay":        "A pay band in the ladder's currency (spec.currency): 0 < min <= max.",
	"Transition": "A sideways move the organisation supports, from one level to another, usually between an IC and a management track.",
}

var propertyDescriptions = map[string]string{
	rootName + ".apiVersion": "The version of the format: exactly ladderctl/v1.",
	rootName + ".kind":       "Ladder. Documents of other kinds are skipped, so ladders can share a file or a directory with other YAML.",
	rootName + ".metadata":   "The ladder's name, title, owner and labels.",
	rootName + ".spec":       "The content of the ladder: currency, competencies, tracks and transitions.",

	"Metadata.name":   "The ladder's name: lower-case letters, digits and dashes, starting with a letter or digit ([a-z0-9][a-z0-9-]*); unique among all loaded ladders. Commands such as compare take it as an argument.",
	"Metadata.title":  "Optional display name, such as Acme Engineering.",
	"Metadata.owner":  "Optional: who approves changes to the ladder, such as eng-leadership.",
	"Metadata.labels": "Optional map of texts, such as {division: product}.",

	"Spec.currency":     "The ISO 4217 code of the pay bands, three capital letters such as USD or EUR; needed as soon as any level has pay.",
	"Spec.competencies": "Optional: the dimensions levels are judged on; expectations of levels are keyed by their ids.",
	"Spec.tracks":       "The tracks of the ladder, at least one. The IC side is all its ic tracks, the management side all its management tracks; parity is judged between the sides.",
	"Spec.transitions":  "Optional: the sideways moves the organisation supports, such as {from: IC5, to: M1} and {from: M1, to: IC5}.",

	"Competency.id":     "Unique in the ladder; the key of the level expectations in this competency.",
	"Competency.name":   "The competency's display name, such as Craft.",
	"Competency.tracks": "Optional: the ids of the tracks it applies to (default: all).",

	"Track.id":     "Unique in the ladder, such as ic or mgmt.",
	"Track.name":   "Optional display name, such as Individual Contributor.",
	"Track.type":   "ic (individual contributor) or management.",
	"Track.levels": "The levels of the track, at least one, listed from junior to senior.",

	"Level.id":           "Unique across the whole ladder, such as IC5 or M1; transitions name levels by it.",
	"Level.title":        "The job title, such as Staff Engineer.",
	"Level.grade":        "A whole number of 0 or more: the org-wide grade that makes levels of different tracks (and ladders) comparable. Two levels of the same grade, one on each side, are peers; grades rise along a track.",
	"Level.scope":        "Optional: how far the level's impact reaches, from the narrowest: task, feature, team, multi-team, org, company, industry.",
	"Level.pay":          "Optional pay band, in spec.currency: 0 < min <= max.",
	"Level.summary":      "Optional: one line on what the level is.",
	"Level.expectations": "Optional: what the level expects in each competency, by competency id: a text, or a list of texts.",

	"Pay.min": "The bottom of the band: above 0, and at most max.",
	"Pay.max": "The top of the band: at least min.",

	"Transition.from": "The id of the level the move starts from.",
	"Transition.to":   "The id of the level the move leads to.",
}
