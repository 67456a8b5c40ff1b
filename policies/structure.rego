# Rules on how the fields of a ladder relate to each other: unique ids, the
# order of grades in a track, valid pay bands and references that resolve.
package ladderctl.structure

import rego.v1

import data.ladderctl.lib

# METADATA
# title: Ids are unique
# description: >-
#   Track ids, level ids (across the whole ladder) and competency ids must each
#   be unique. Transitions, expectations, waivers and reports name things by id,
#   so a repeated id makes them point at two things at once.
# custom:
#   id: structure/unique-ids
#   severity: error
#   example: |
#     spec:
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC4, title: Senior Engineer, grade: 4}
#             - {id: IC4, title: Staff Engineer, grade: 5}
deny_unique_ids contains finding if {
	some finding in ((repeated_track_ids | repeated_level_ids) | repeated_competency_ids)
}

tracks := object.get(input.spec, "tracks", [])

competencies := object.get(input.spec, "competencies", [])

# Each id and the first track that has it. Ids are grouped once, with the
# copies assigned to a variable so that OPA indexes the comprehension: the
# work stays linear however many tracks, levels or copies there are.
first_track_with_id := {id: first |
	some id in {track.id | some track in tracks}
	indexes := {i | some i, track in tracks; track.id == id}
	first := min(indexes)
}

repeated_track_ids contains finding if {
	some i, track in tracks
	first := first_track_with_id[track.id]
	i != first
	finding := {
		"msg": sprintf(
			"Track %s uses the id %q, which track %s already uses. Give each track its own id so that competencies and reports point at one track.",
			[lib.track_name(i), track.id, lib.track_name(first)],
		),
		"level": "",
		"path": ["spec", "tracks", i, "id"],
	}
}

# Each id and the first level, in document order, that has it.
first_level_with_id := {id: first |
	some id in lib.level_ids
	copies := {level | some level in lib.levels; level.id == id}
	first := lib.first_in_document(copies)
}

repeated_level_ids contains finding if {
	# Most ladders repeat no level id: comparing the counts first skips
	# first_level_with_id, which builds a set of levels for every id.
	count(lib.level_ids) < count(lib.levels)
	some level in lib.levels
	first := first_level_with_id[level.id]
	level.path != first.path
	finding := {
		"msg": sprintf(
			"%s (grade %v, %s track) uses the id %s, which %s (grade %v, %s track) already uses. Give each level its own id across the ladder so that transitions, waivers and reports point at one level.",
			[
				lib.label(level), level.grade, lib.track_name(level.track_index), level.id,
				lib.label(first), first.grade, lib.track_name(first.track_index),
			],
		),
		"level": level.id,
		"path": array.concat(level.path, ["id"]),
	}
}

first_competency_with_id := {id: first |
	some id in {competency.id | some competency in competencies}
	indexes := {i | some i, competency in competencies; competency.id == id}
	first := min(indexes)
}

repeated_competency_ids contains finding if {
	some i, competency in competencies
	first := first_competency_with_id[competency.id]
	i != first
	finding := {
		"msg": sprintf(
			"Competency %s uses the id %q, which competency %s already uses. Give each competency its own id so that expectations point at one competency.",
			[competency_name(competency), competency.id, competency_name(competencies[first])],
		),
		"level": "",
		"path": ["spec", "competencies", i, "id"],
	}
}

competency_name(competency) := object.get(competency, "name", competency.id)

# METADATA
# title: Grades rise along each track
# description: >-
#   Within a track, levels are listed from junior to senior, and each level's
#   grade must be above the grade of the level listed before it. Grades are what
#   make levels of different tracks comparable, so a grade out of order breaks
#   every parity and pay check that relies on them.
# custom:
#   id: structure/grade-order
#   severity: error
#   example: |
#     spec:
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC3, title: Senior Engineer, grade: 3}
#             - {id: IC4, title: Staff Engineer, grade: 3}
deny_grade_order contains finding if {
	some entries in lib.track_levels
	some k, level in entries
	k > 0
	previous := entries[k - 1]
	level.grade <= previous.grade
	finding := {
		"msg": sprintf(
			"%s (grade %v) is listed after %s (grade %v) in the %s track but is not at a higher grade. List each track's levels from junior to senior, each at a higher grade than the one before it, or correct the grade.",
			[lib.label(level), level.grade, lib.label(previous), previous.grade, lib.track_name(level.track_index)],
		),
		"level": level.id,
		"path": array.concat(level.path, ["grade"]),
	}
}

# METADATA
# title: Pay bands are valid and have a currency
# description: >-
#   Every pay band must have a minimum above zero and at most its maximum, and a
#   ladder with any pay must say which currency it is in. The other pay rules
#   skip invalid bands, so an invalid band is reported here only.
# custom:
#   id: structure/pay-range
#   severity: error
#   example: |
#     spec:
#       currency: USD
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - id: IC3
#               title: Senior Engineer
#               grade: 3
#               pay: {min: 160000, max: 115000}
deny_pay_range contains finding if {
	some finding in (invalid_bands | missing_currency)
}

invalid_bands contains finding if {
	some level in lib.paid_levels
	pay := level.level.pay
	not lib.valid_band(pay)
	finding := {
		"msg": sprintf("%s (grade %v) %s", [lib.label(level), level.grade, band_problem(pay)]),
		"level": level.id,
		"path": array.concat(level.path, ["pay"]),
	}
}

# What is wrong with an invalid band and how to fix it, in one sentence or two.
band_problem(pay) := "has a pay band without a numeric minimum and maximum. Give the band a min and a max, or remove it." if {
	not numeric_bounds(pay)
} else := sprintf(
	"has a pay band from %s to %s, but both bounds must be above zero. Enter the real minimum and maximum pay of the level.",
	[lib.money(pay.min), lib.money(pay.max)],
) if {
	pay.max <= 0
} else := sprintf(
	"has a pay band starting at %s, but the minimum must be above zero. Set it to the lowest pay of the level.",
	[lib.money(pay.min)],
) if {
	pay.min <= 0
} else := sprintf(
	"has a pay band whose minimum, %s, is above its maximum, %s. Correct the band so that the minimum is at most the maximum.",
	[lib.money(pay.min), lib.money(pay.max)],
)

numeric_bounds(pay) if {
	is_number(pay.min)
	is_number(pay.max)
}

missing_currency contains finding if {
	not lib.currency
	count(lib.paid_levels) > 0
	first := lib.first_in_document(lib.paid_levels)
	finding := {
		"msg": sprintf(
			"%s the ladder does not say in which currency. Set spec.currency to the ISO 4217 code of the amounts, e.g. USD or EUR.",
			[levels_with_pay_text(first, count(lib.paid_levels) - 1)],
		),
		"level": first.id,
		"path": array.concat(first.path, ["pay"]),
	}
}

levels_with_pay_text(first, 0) := sprintf("%s has a pay band, but", [lib.label(first)])

levels_with_pay_text(first, others) := sprintf(
	"%s and %s have pay bands, but",
	[lib.label(first), lib.quantity(others, "other level", "other levels")],
) if {
	others > 0
}

# METADATA
# title: References name things that exist
# description: >-
#   Transitions must name levels of the ladder, and expectations must name
#   competencies the ladder defines. A reference to something that does not
#   exist is usually a typo or a leftover from a renamed level or competency.
# custom:
#   id: structure/references
#   severity: error
#   example: |
#     spec:
#       competencies:
#         - {id: craft, name: Craft}
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC5, title: Staff Engineer, grade: 5, expectations: {leadership: Guides teams.}}
#       transitions:
#         - {from: IC5, to: M9}
deny_references contains finding if {
	some finding in (unknown_transition_levels | unknown_expectation_competencies)
}

unknown_transition_levels contains finding if {
	some i, transition in object.get(input.spec, "transitions", [])
	some end in ["from", "to"]
	id := transition[end]
	not id in lib.level_ids
	finding := {
		"msg": sprintf(
			"The transition from %v to %v names %v, but no level of this ladder has that id. Use the id of an existing level, or remove the transition.",
			[object.get(transition, "from", "?"), object.get(transition, "to", "?"), id],
		),
		"level": "",
		"path": ["spec", "transitions", i, end],
	}
}

unknown_expectation_competencies contains finding if {
	some level in lib.levels
	expectations := object.get(level.level, "expectations", {})
	is_object(expectations)

	# One set difference per level rather than a negated membership test per
	# expectation: `not` evaluates a whole child query each time.
	some competency in (object.keys(expectations) - lib.competency_ids)
	finding := {
		"msg": sprintf(
			"%s has expectations for the competency %q, which the ladder does not define. %s",
			[lib.label(level), competency, competency_fix],
		),
		"level": level.id,
		"path": array.concat(level.path, ["expectations", competency]),
	}
}

competency_fix := "Add it to spec.competencies; the ladder defines no competencies yet." if {
	count(lib.competency_ids) == 0
} else := sprintf(
	"Add it to spec.competencies, or use one of the ladder's competencies: %s.",
	[concat(", ", sort(lib.competency_ids))],
)
