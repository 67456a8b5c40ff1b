# Rules on what a ladder says about each level, and how it carries on up a track.
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
#   why: >-
#     A level that is only an id, a title and a grade cannot guide a promotion
#     case, a calibration or a hiring panel, because nobody can tell what it
#     asks of people.
#   fix: >-
#     Write a one-line summary of the level, or expectations for the ladder's
#     competencies.
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

	# Most levels state expectations, which continuity reads too: that is
	# checked first, and the summary only of the others.
	count(stated_competencies(level.level)) == 0
	not written(object.get(level.level, "summary", ""))
	finding := {
		"msg": sprintf(
			"%s (grade %v) has neither a summary nor any expectations, so people cannot tell what the level asks of them. Add a one-line summary, or expectations for the ladder's competencies.",
			[lib.label(level), level.grade],
		),
		"level": level.id,
		"path": array.concat(level.path, ["id"]),
	}
}

# The competencies a level states an expectation for: a text, a list holding a
# text, or {proficiency, text}. Keys that start with x- are the user's own.
# (This runs for every expectation of every level. Most levels state each as a
# text and have no x- key: when the written texts are all there is, and none of
# their competencies, then all the keys, is an x- key, they are the answer,
# with no call per expectation. Otherwise every expectation is looked at, the
# x- test inlined, as a negated call costs a child evaluation.)
stated_competencies(level) := texts if {
	expectations := object.get(level, "expectations", {})
	texts := {competency |
		some competency, text in expectations
		is_string(text)
		trim_space(text) != ""
	}
	count(texts) == count(expectations)
	not strings.any_prefix_match(texts, "x-")
} else := {competency |
	some competency, expectation in object.get(level, "expectations", {})
	not startswith(competency, "x-")
	states(expectation)
}

# A text, tested inline: most expectations are one.
states(text) if {
	is_string(text)
	trim_space(text) != ""
}

states(texts) if {
	is_array(texts)
	some text in texts
	written(text)
}

states(expectation) if written(expectation.text)

written(text) if {
	is_string(text)
	trim_space(text) != ""
}

# METADATA
# title: Expectations carry on up a track
# description: >-
#   Within a track, going up level by level: a competency with an expectation
#   at one level still has one at the next (a track marked cumulative carries
#   its expectations up by itself), and a proficiency, once stated, never falls
#   on the ladder's scale. A competency that disappears, or asks for less, one
#   level up reads as if the senior level no longer needs it. A level that
#   states no expectations at all is left to content/expectations.
# custom:
#   id: content/continuity
#   severity: warning
#   why: >-
#     A competency that disappears, or asks for less, one level up reads as if
#     the senior level no longer needs it, and people are judged against gaps.
#   fix: >-
#     Carry the competency's expectation up to the next level at the same or a
#     higher proficiency, or mark the track cumulative.
#   example: |
#     spec:
#       proficiencies: [working, practitioner, expert]
#       competencies:
#         - {id: craft, name: Craft}
#         - {id: delivery, name: Delivery}
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - id: IC4
#               title: Staff Engineer
#               grade: 4
#               expectations:
#                 craft: {proficiency: expert, text: Sets the design of several teams.}
#                 delivery: Leads quarter-long projects.
#             - id: IC5
#               title: Principal Engineer
#               grade: 5
#               expectations:
#                 craft: {proficiency: practitioner, text: Reviews designs.}
warn_continuity contains finding if {
	some finding in (dropped_competencies | falling_proficiencies)
}

# A competency stated at one level and missing at the next, on tracks that do
# not carry expectations up by themselves.
dropped_competencies contains finding if {
	some ti, entries in lib.track_levels
	not lib.tracks[ti].cumulative == true

	# Along most tracks every level states the same competencies, so none is
	# dropped: one set of them rules the track out.
	count({stated_competencies(entry.level) | some entry in entries}) > 1
	some k, level in entries
	k > 0
	stated := stated_competencies(level.level)
	count(stated) > 0
	previous := entries[k - 1]
	some competency in (stated_competencies(previous.level) - stated)
	finding := {
		"msg": sprintf(
			"%s states no expectation for %s, which %s, the level below it in the %s track, does. Say what %s expects in %s (even if it is more of the same), or mark the track cumulative if each level keeps what the levels below it ask.",
			[
				lib.named(level), competency_name(competency), lib.named(previous), lib.track_name(ti),
				level.id, competency_name(competency),
			],
		),
		"level": level.id,
		"path": array.concat(level.path, ["expectations"]),
	}
}

# Each competency's stated proficiencies, track by track in the order of the
# track, as [track, competency, level position, rank on the scale]: sorted once,
# so that each is compared with the one stated before it on its track.
proficiency_steps := sort([[level.track_index, competency, level.level_index, rank] |
	some [level, competency, proficiency] in lib.proficiencies_asked
	rank := proficiency_rank[proficiency]
])

proficiency_rank := lib.first_positions([[proficiency, i] | some i, proficiency in object.get(input.spec, "proficiencies", [])])

falling_proficiencies contains finding if {
	some k, step in proficiency_steps
	k > 0
	before := proficiency_steps[k - 1]
	[before[0], before[1]] == [step[0], step[1]]
	step[3] < before[3]
	entries := lib.track_levels[step[0]]
	level := entries[step[2]]
	previous := entries[before[2]]
	competency := step[1]
	finding := {
		"msg": sprintf(
			"%s asks for %s in %s, less than %s, which asks for %s. Ask for at least %s at %s, or correct the level below.",
			[
				lib.named(level), level.level.expectations[competency].proficiency, competency_name(competency),
				lib.named(previous), previous.level.expectations[competency].proficiency,
				previous.level.expectations[competency].proficiency, level.id,
			],
		),
		"level": level.id,
		"path": array.concat(level.path, ["expectations", competency]),
	}
}

# A competency as people name it: its name, else its id.
competency_name(id) := names[0] if {
	names := [competency.name | some competency in object.get(input.spec, "competencies", []); competency.id == id; is_string(competency.name)]
	count(names) > 0
} else := id
