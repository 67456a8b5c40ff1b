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
#   or VPN Engineer are fine.
# custom:
#   id: naming/ic-titles
#   severity: warning
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
	some level in lib.ic_levels
	is_string(level.title)
	some word in regex.find_n(management_words, level.title, 1)
	finding := {
		"msg": sprintf(
			"%s (grade %v) is an IC level, but its title contains %q, which reads as a management role. Rename it with a title that does not, so that individual contributors are not taken for managers.",
			[lib.label(level), level.grade, word],
		),
		"level": level.id,
		"path": array.concat(level.path, ["title"]),
	}
}

# Whole words, in any case: "VP" but not "VPN", "Head of" but not "Head".
management_words := `(?i)\b(manager|director|head[\s-]+of|vp|vice[\s-]+president)\b`
