# Rules on what a ladder says about each level.
package ladderctl.content

import rego.v1

import data.ladderctl.lib

# METADATA
# title: Every level says what it expects
# description: >-
#   Every level needs a summary or at least one expectation. A level that is
#   only an id, a title and a grade cannot guide a promotion case or a
#   calibration, because nobody can tell what it asks of people.
# custom:
#   id: content/expectations
#   severity: warning
#   example: |
#     spec:
#       competencies:
#         - {id: craft, name: Craft}
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - id: IC3
#               title: Senior Engineer
#               grade: 3
#               expectations: {craft: []}
warn_expectations contains finding if {
	some level in lib.levels

	# A written summary is enough (checked inline rather than through a
	# function: this runs for every level, and most levels stop here).
	not written(object.get(level.level, "summary", ""))
	not has_expectation(level.level)
	finding := {
		"msg": sprintf(
			"%s (grade %v) has neither a summary nor any expectations, so people cannot tell what the level asks of them. Add a one-line summary, or expectations for the ladder's competencies.",
			[lib.label(level), level.grade],
		),
		"level": level.id,
		"path": array.concat(level.path, ["id"]),
	}
}

# An expectation is a competency with a text, or with a list holding a text.
has_expectation(level) if {
	some texts in object.get(level, "expectations", {})
	written(texts)
}

has_expectation(level) if {
	some texts in object.get(level, "expectations", {})
	is_array(texts)
	some text in texts
	written(text)
}

written(text) if {
	is_string(text)
	trim_space(text) != ""
}
