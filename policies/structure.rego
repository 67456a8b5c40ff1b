# Rules on how the fields of a ladder relate to each other: unique ids, the
# order of grades in a track, valid pay bands and references that resolve.
package ladderctl.structure

import rego.v1

import data.ladderctl.lib

# METADATA
# title: Ids are unique
# description: >-
#   Track ids, level ids (across the whole ladder), competency ids and zone ids
#   must each be unique, as people read them: two ids equal once invisible
#   characters and compatibility forms are set aside (Unicode NFKC) are the same
#   id. Transitions, expectations, waivers and reports name things by id, so a
#   repeated id makes them point at two things at once.
# custom:
#   id: structure/unique-ids
#   severity: error
#   why: >-
#     A repeated id makes a transition, an expectation, a waiver or a report
#     point at two things at once, so a promotion path or a pay check can
#     silently apply to the wrong level.
#   fix: >-
#     Give each track, level, competency and zone its own id; the finding names
#     the id and where it was first used.
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
	some finding in (((repeated_track_ids | repeated_level_ids) | repeated_competency_ids) | repeated_zone_ids)
}

tracks := lib.tracks

competencies := object.get(input.spec, "competencies", [])

# An id as people read it.
id_key(id) := ladderctl.normalize(id) if is_string(id)

else := id

# Each item of a list with an id as [its id as people read it, its position].
# (When every id is a text, as in most ladders, they are normalised with no
# call of id_key per item.)
keyed_ids(items) := keys if {
	keys := [[ladderctl.normalize(item.id), i] | some i, item in items; is_string(item.id)]
	count(keys) == count(items)
} else := [[id_key(item.id), i] | some i, item in items]

# The later positions of the repeated ids of keyed_ids, with the first: most
# lists repeat none, and are not sorted.
repeats(keyed) := lib.later_positions(keyed) if {
	count({key[0] | some key in keyed}) < count(keyed)
}

# How a later copy names the id it repeats: the id alone, or both when they
# are written differently (with an invisible character, say).
same_id_text(copy, first) := sprintf("the id %s", [first]) if {
	copy == first
} else := sprintf("the id %q (%s as people read it)", [copy, first])

repeated_track_ids contains finding if {
	some [i, first] in repeats(keyed_ids(tracks))
	finding := {
		"msg": sprintf(
			"Track %s uses %s, which track %s already uses. Give each track its own id so that competencies and reports point at one track.",
			[lib.track_name(i), quoted_id_text(tracks[i].id, tracks[first].id), lib.track_name(first)],
		),
		"level": "",
		"path": ["spec", "tracks", i, "id"],
	}
}

# The same for ids that messages quote.
quoted_id_text(copy, first) := sprintf("the id %q", [first]) if {
	copy == first
} else := sprintf("the id %q (%q as people read it)", [copy, first])

# Most ladders repeat no level id: the levels are only sorted by id when the
# ids, as people read them, are fewer than the levels.
# (When every id is a text, as in most ladders, they are normalised with no
# call of id_key per level.)
level_keys := keys if {
	keys := [[ladderctl.normalize(level.id), level.path] | some level in lib.levels; is_string(level.id)]
	count(keys) == count(lib.levels)
} else := [[id_key(level.id), level.path] | some level in lib.levels]

level_at_path := {level.path: level | some level in lib.levels}

repeated_level_ids contains finding if {
	count({key[0] | some key in level_keys}) < count(level_keys)
	some [copy_path, first_path] in lib.later_positions(level_keys)
	level := level_at_path[copy_path]
	first := level_at_path[first_path]
	finding := {
		"msg": sprintf(
			"%s (grade %v, %s track) uses %s, which %s (grade %v, %s track) already uses. Give each level its own id across the ladder so that transitions, waivers and reports point at one level.",
			[
				lib.label(level), level.grade, lib.track_name(level.track_index), same_id_text(level.id, first.id),
				lib.label(first), first.grade, lib.track_name(first.track_index),
			],
		),
		"level": level.id,
		"path": array.concat(level.path, ["id"]),
	}
}

repeated_competency_ids contains finding if {
	some [i, first] in repeats(keyed_ids(competencies))
	finding := {
		"msg": sprintf(
			"Competency %s uses %s, which competency %s already uses. Give each competency its own id so that expectations point at one competency.",
			[competency_name(competencies[i]), quoted_id_text(competencies[i].id, competencies[first].id), competency_name(competencies[first])],
		),
		"level": "",
		"path": ["spec", "competencies", i, "id"],
	}
}

competency_name(competency) := object.get(competency, "name", competency.id)

spec_zones := object.get(input.spec, "zones", [])

repeated_zone_ids contains finding if {
	some [i, first] in repeats(keyed_ids(spec_zones))
	finding := {
		"msg": sprintf(
			"Zone %s uses %s, which zone %s already uses. Give each pay zone its own id so that every band of a level names one zone.",
			[zone_name(spec_zones[i]), quoted_id_text(spec_zones[i].id, spec_zones[first].id), zone_name(spec_zones[first])],
		),
		"level": "",
		"path": ["spec", "zones", i, "id"],
	}
}

zone_name(zone) := object.get(zone, "name", zone.id)

# METADATA
# title: Grades never fall along a track
# description: >-
#   Within a track, levels are listed from junior to senior, and no level's
#   grade may be below the grade of the level listed before it (two titles may
#   share a grade, such as VP of Engineering and CTO). A track that branches
#   from a level of another track starts at or above that level's grade. Grades
#   are what make levels of different tracks comparable, so a grade out of
#   order breaks every parity and pay check that relies on them.
# custom:
#   id: structure/grade-order
#   severity: error
#   why: >-
#     Grades are what make a Senior Engineer and an Engineering Manager
#     comparable. When grades fall along a track, promotion goes down a grade
#     and every parity and pay check built on grades is wrong.
#   fix: >-
#     List the track's levels from junior to senior and correct the grade the
#     finding points at, so that each is at or above the one before it.
#   example: |
#     spec:
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC3, title: Senior Engineer, grade: 4}
#             - {id: IC4, title: Staff Engineer, grade: 3}
deny_grade_order contains finding if {
	some finding in (falling_grades | branches_below_their_start)
}

falling_grades contains finding if {
	some entries in lib.track_levels
	not lib.listed_by_grade(entries)
	some k, level in entries
	k > 0
	previous := entries[k - 1]
	level.grade < previous.grade
	finding := {
		"msg": sprintf(
			"%s is listed after %s in the %s track but is at a lower grade. List each track's levels from junior to senior, none at a lower grade than the one before it, or correct the grade.",
			[lib.named(level), lib.named(previous), lib.track_name(level.track_index)],
		),
		"level": level.id,
		"path": array.concat(level.path, ["grade"]),
	}
}

branches_below_their_start contains finding if {
	some ti, starts in lib.branch_points
	first := lib.track_levels[ti][0]
	some start in starts
	first.grade < start.grade
	finding := {
		"msg": sprintf(
			"%s, the first level of the %s track, is below %s, the level the track branches from. Raise its grade to at least %v, or branch the track from a lower level.",
			[lib.named(first), lib.track_name(ti), lib.named(start), start.grade],
		),
		"level": first.id,
		"path": array.concat(first.path, ["grade"]),
	}
}

# METADATA
# title: Pay bands are valid and have a currency
# description: >-
#   Every pay band must have a minimum above zero and at most its maximum, and
#   every band must have a currency: spec.currency, or for a pay zone its own
#   currency (else spec.currency). A ladder gives pay in one form: one band per
#   level, or, when it defines pay zones, one band per zone. The other pay rules
#   skip invalid bands, so an invalid band is reported here only.
# custom:
#   id: structure/pay-range
#   severity: error
#   why: >-
#     A band with no currency, a minimum of zero or a minimum above its maximum
#     cannot be compared with any other band, so nobody can tell whether peers
#     are paid on par.
#   fix: >-
#     Set a minimum above zero and at most the maximum, and give the ladder a
#     spec.currency (or the zone its own currency).
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
	some finding in (((invalid_bands | pay_in_the_other_form) | missing_currency) | missing_zone_currency)
}

invalid_bands contains finding if {
	some band in lib.bands
	not lib.valid_band(band.band)
	finding := {
		"msg": sprintf("%s (grade %v) %s", [lib.label(band.entry), band.entry.grade, band_problem(band.zone, band.band)]),
		"level": band.entry.id,
		"path": band.path,
	}
}

# What is wrong with an invalid band and how to fix it, in one sentence or two.
band_problem(zone, pay) := sprintf(
	"has a pay band%s without a numeric minimum and maximum. Give the band a min and a max, or remove it.",
	[lib.in_zone(zone)],
) if {
	not numeric_bounds(pay)
} else := sprintf(
	"has a pay band%s from %s to %s, but both bounds must be above zero. Enter the real minimum and maximum pay of the level.",
	[lib.in_zone(zone), lib.money_in(zone, pay.min), lib.money_in(zone, pay.max)],
) if {
	pay.max <= 0
} else := sprintf(
	"has a pay band%s starting at %s, but the minimum must be above zero. Set it to the lowest pay of the level.",
	[lib.in_zone(zone), lib.money_in(zone, pay.min)],
) if {
	pay.min <= 0
} else := sprintf(
	"has a pay band%s whose minimum, %s, is above its maximum, %s. Correct the band so that the minimum is at most the maximum.",
	[lib.in_zone(zone), lib.money_in(zone, pay.min), lib.money_in(zone, pay.max)],
)

numeric_bounds(pay) if {
	is_number(pay.min)
	is_number(pay.max)
}

# A pay whose form is not the ladder's: one band where the ladder pays by zone,
# or bands by zone beside levels with one band each.
pay_in_the_other_form contains finding if {
	some level in lib.other_form_levels
	finding := {
		"msg": sprintf("%s %s", [lib.named(level), other_form_problem(level)]),
		"level": level.id,
		"path": array.concat(level.path, ["pay"]),
	}
}

other_form_problem(level) := sprintf(
	"has one pay band for every location, but the ladder pays by zone (%s). Give %s one band per zone instead, keyed by zone id, so that each band is compared with bands of the same zone.",
	[concat(", ", sort(lib.zone_ids)), level.id],
) if {
	lib.pays_by_zone
} else := sprintf(
	"gives its pay by zone (%s), but other levels of the ladder have one band each and spec.zones defines no zones. Use one form across the ladder: define the zones in spec.zones and give every level one band per zone, or give %s one band.",
	[concat(", ", sort({zone | some zone, _ in level.level.pay; not lib.extension(zone)})), level.id],
)

missing_currency contains finding if {
	not lib.currency
	"" in lib.band_zones
	paid := {band.entry | some band in lib.bands; band.zone == ""}
	first := lib.first_in_document(paid)
	finding := {
		"msg": sprintf(
			"%s the ladder does not say in which currency. Set spec.currency to the ISO 4217 code of the amounts, e.g. USD or EUR.",
			[levels_with_pay_text(first, count(paid) - 1)],
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

# One finding per zone whose bands have no currency, neither the zone's own nor
# the ladder's.
missing_zone_currency contains finding if {
	some zone in lib.band_zones
	zone != ""
	not lib.currency_in(zone)
	paid := {band.entry | some band in lib.bands; band.zone == zone}
	first := lib.first_in_document(paid)
	finding := {
		"msg": sprintf(
			"%s pay bands in %s, but neither the zone nor the ladder says in which currency. Set the zone's currency in spec.zones (or spec.currency for every zone without one) to the ISO 4217 code of the amounts, e.g. GBP.",
			[zone_levels_text(first, count(paid) - 1), lib.zone_text(zone)],
		),
		"level": first.id,
		"path": lib.band_path(first, zone),
	}
}

zone_levels_text(first, 0) := sprintf("%s has", [lib.named(first)])

zone_levels_text(first, others) := sprintf(
	"%s and %s have",
	[lib.named(first), lib.quantity(others, "other level", "other levels")],
) if {
	others > 0
}

# METADATA
# title: References name things that exist
# description: >-
#   Transitions must name levels of the ladder; expectations must name
#   competencies the ladder defines, and their proficiencies must be on the
#   ladder's scale (spec.proficiencies); the zones of a level's pay must be
#   zones of spec.zones. A track that branches (from) must name a level of
#   another track, and no tracks may branch from each other in a circle. A
#   reference to something that does not exist is usually a typo or a leftover
#   from a renamed level, competency or zone.
# custom:
#   id: structure/references
#   severity: error
#   why: >-
#     A move or an expectation that names a level, competency or zone that does
#     not exist is a promise nobody can keep: people read a path the ladder does
#     not have.
#   fix: >-
#     Correct the name to one the ladder defines (the message suggests the
#     nearest), or remove the reference.
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
	some finding in ((((unknown_transition_levels | unknown_expectation_competencies) | unknown_proficiencies) | unknown_zones) | bad_branches)
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

# The competencies the levels have expectations for (positions, for
# expectations given as a list). In most ladders the ladder defines them all,
# which rules every level out at once.
expectation_keys := {competency |
	some level in lib.levels
	some competency, _ in object.get(level.level, "expectations", {})
}

unknown_expectation_competencies contains finding if {
	count(expectation_keys - lib.competency_ids) > 0
	some level in lib.levels
	expectations := object.get(level.level, "expectations", {})
	is_object(expectations)

	# One set difference per level rather than a negated membership test per
	# expectation: `not` evaluates a whole child query each time.
	some competency in (object.keys(expectations) - lib.competency_ids)
	not lib.extension(competency)
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

proficiencies := object.get(input.spec, "proficiencies", [])

unknown_proficiencies contains finding if {
	some [level, competency, proficiency] in lib.proficiencies_asked
	not proficiency in proficiencies
	finding := {
		"msg": sprintf(
			"%s expects the proficiency %q in %s, which is not on the ladder's scale. %s",
			[lib.named(level), proficiency, competency, proficiency_fix],
		),
		"level": level.id,
		"path": array.concat(level.path, ["expectations", competency, "proficiency"]),
	}
}

proficiency_fix := "List the scale, lowest first, in spec.proficiencies." if {
	count(proficiencies) == 0
} else := sprintf(
	"Use one of %s (spec.proficiencies, lowest first), or add it to the scale.",
	[concat(", ", [sprintf("%v", [p]) | some p in proficiencies])],
)

unknown_zones contains finding if {
	some level in lib.paid_levels
	pay := level.level.pay
	lib.zoned_pay(pay)
	some zone, _ in pay
	not lib.extension(zone)
	not zone in lib.zone_ids
	finding := {
		"msg": sprintf(
			"%s has a pay band for the zone %q, which the ladder does not define. %s",
			[lib.named(level), zone, zone_fix],
		),
		"level": level.id,
		"path": array.concat(level.path, ["pay", zone]),
	}
}

zone_fix := "Add it to spec.zones, with its name and currency." if {
	not lib.has_zones
} else := sprintf(
	"Add it to spec.zones, or use one of the ladder's zones: %s.",
	[concat(", ", sort(lib.zone_ids))],
)

bad_branches contains finding if {
	some finding in (branches_from_nowhere | branches_in_a_circle)
}

# A track's `from` must name a level of another track.
branches_from_nowhere contains finding if {
	some ti, starts in lib.branch_points
	count(starts) == 0
	from := tracks[ti].from
	finding := {
		"msg": sprintf(
			"The %s track branches from %v, but %s. Name the level of another track that the track branches from, or remove from.",
			[lib.track_name(ti), from, branch_problem(ti, from)],
		),
		"level": "",
		"path": ["spec", "tracks", ti, "from"],
	}
}

branch_problem(ti, from) := "that level is on the track itself" if {
	some entry in lib.track_levels[ti]
	entry.id == from
} else := "no level of this ladder has that id"

# Each branching track points at the tracks it branches from.
branch_graph := {ti: {start.track_index | some start in starts} | some ti, starts in lib.branch_points}

# The tracks that branch, through their from levels, back into themselves.
tracks_in_circles := {ti |
	some ti, parents in branch_graph
	ti in graph.reachable(branch_graph, parents)
}

# One finding per circle, at the first of its tracks in the document.
branches_in_a_circle contains finding if {
	some ti in tracks_in_circles
	circle := {other | some other in tracks_in_circles; ti in graph.reachable(branch_graph, {other}); other in graph.reachable(branch_graph, {ti})}
	ti == min(circle)
	finding := {
		"msg": sprintf(
			"The tracks %s branch from each other in a circle (%s), so none of them has a first level to start from. Remove from on one of them, or make it branch from a level of a track outside the circle.",
			[concat(", ", [lib.track_name(t) | some t in circle]), concat("; ", [sprintf("%s from %v", [lib.track_name(t), tracks[t].from]) | some t in circle])],
		),
		"level": "",
		"path": ["spec", "tracks", ti, "from"],
	}
}
