# Rules on the titles of levels.
package ladderctl.naming

import rego.v1

import data.ladderctl.lib

# METADATA
# title: IC titles do not read as management titles
# description: >-
#   No title of an IC level may contain, as a whole word and in any case,
#   Manager, Director, Head of, VP or Vice President. Those words tell people
#   and recruiters that the role manages others; titles such as Chief Architect
#   or VPN Engineer are fine, and so is a title containing one of the allowed
#   IC titles (Program Manager, Product Manager, Project Manager and Release
#   Manager by default). Titles are read as people see them: invisible
#   characters and compatibility forms are set aside, and Cyrillic or Greek
#   letters that look Latin count as Latin in a title that mixes scripts.
# custom:
#   id: naming/ic-titles
#   severity: warning
#   why: >-
#     Manager, Director, Head of and VP tell people and recruiters that the role
#     manages others: an IC title with those words misleads candidates and
#     pushes the role towards management.
#   fix: >-
#     Rename the level with a title that does not read as management, such as
#     Staff or Principal Engineer, or add the title to the ic_titles_allowed
#     param if it is a known IC role.
#   params:
#     ic_titles_allowed:
#       default: ["Program Manager", "Product Manager", "Project Manager", "Release Manager"]
#       looser: higher
#       loosened: "IC titles may now contain {value}"
#   example: |
#     spec:
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC6, title: Principal Engineer, grade: 6}
#             - {id: IC7, title: Engineering Director, grade: 7}
warn_ic_titles contains finding if {
	# Most ladders give no IC level a management word: the titles of all, as
	# people read them, are searched at once before each is on its own.
	regex.match(management_words, concat("\n", [title |
		some level in lib.ic_levels
		is_string(level.title)
		title := ladderctl.fold_confusables(ladderctl.normalize(level.title))
	]))
	some level in lib.ic_levels
	is_string(level.title)

	# The title as people read it.
	title := ladderctl.fold_confusables(ladderctl.normalize(level.title))
	some word in regex.find_n(management_words, title, 1)
	not regex.match(allowed_titles, title)
	finding := {
		"msg": sprintf(
			"%s is an IC level, but its title contains %q%s, which reads as a management role. Rename it with a title that does not, so that individual contributors are not taken for managers.",
			[lib.named(level), word, lookalike_note(level.title)],
		),
		"level": level.id,
		"path": array.concat(level.path, ["title"]),
	}
}

# Said of a title whose management word shows only once lookalike letters are
# read as Latin.
lookalike_note(title) := " (spelt with Cyrillic or Greek letters that look Latin)" if {
	not regex.match(management_words, ladderctl.normalize(title))
} else := ""

# Whole words, in any case: "VP" but not "VPN", "Head of" but not "Head".
management_words := `(?i)\b(manager|director|head[\s-]+of|vp|vice[\s-]+president)\b`

# The allowed IC titles as one pattern: each phrase as a whole, in any case,
# its words apart by any white space. No phrase allows nothing.
allowed_titles := sprintf(`(?i)(^|[^\pL\pN-])(%s)($|[^\pL\pN-])`, [concat("|", phrases)]) if {
	phrases := [phrase_pattern(phrase) |
		some phrase in data.params.ic_titles_allowed
		is_string(phrase)
		trim_space(phrase) != ""
	]
	count(phrases) > 0
} else := `[^\s\S]`

# A phrase as a pattern: its regular expression characters escaped.
phrase_pattern(phrase) := concat(`\s+`, [regex.replace(word, `[.+*?()|\[\]{}^$\\]`, `\$0`) |
	some word in regex.split(`\s+`, trim_space(ladderctl.normalize(phrase)))
	word != ""
])
