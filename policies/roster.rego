# Rules on a roster counted against the ladder (ladderctl roster, and compare
# and render with --roster): is the IC track real, or only on paper? They read
# data.roster, which holds counts and the pay figures of groups of at least
# data.roster.min_group people, never a row; without a roster it is undefined
# and they say nothing. Messages show a group smaller than min_group as "<5".
package ladderctl.roster

import rego.v1

import data.ladderctl.lib

# This ladder's counts.
counts := data.roster.ladders[input.metadata.name]

min_group := data.roster.min_group

# A headcount as people may see it: "<5" for a group too small to show.
people(n) := sprintf("<%d", [min_group]) if {
	n > 0
	n < min_group
} else := sprintf("%d", [n])

# A headcount with its noun: "nobody", "12 people", "<5 people".
people_text(0) := "nobody"

people_text(n) := "1 person" if {
	n == 1
	min_group <= 1
} else := sprintf("%s people", [people(n)]) if n > 0

# The first level of the ladder with an id, in document order.
level_named(id) := lib.first_in_document({entry | some entry in lib.levels; entry.id == id})

# The levels of a side at a grade, named and joined: "IC7 Principal Engineer".
labels(entries) := concat(", ", sort([lib.label(entry) | some entry in entries]))

# Row numbers for a message: "row 12", "rows 12, 40 and 41", or the first ten
# and how many more.
rows_text(rows) := sprintf("row %v", [rows[0]]) if {
	count(rows) == 1
} else := sprintf("rows %s and %v", [concat(", ", [sprintf("%v", [r]) | some r in array.slice(rows, 0, count(rows) - 1)]), rows[count(rows) - 1]]) if {
	count(rows) <= 10
} else := sprintf("rows %s and %d more", [concat(", ", [sprintf("%v", [r]) | some r in array.slice(rows, 0, 10)]), count(rows) - 10])

# METADATA
# title: Every row of the roster names a level of the ladder
# description: >-
#   Each person of the roster must hold a level of a ladder in scope: the
#   level column holds a level id (IC5, M2), and the ladder column, when there
#   is one, a ladder name. A row that names no level is not counted, so every
#   figure of the roster is short by it. The finding lists the rows by number,
#   never what they hold.
# custom:
#   id: roster/unknown-level
#   tags: [roster]
#   severity: error
#   why: >-
#     A person counted on no level is missing from every headcount, median and
#     gap the roster reports, so the figures that decide whether the IC track is
#     real are wrong by that many people.
#   fix: >-
#     Correct the level (or ladder) of the rows listed to a level id of a ladder
#     in scope, or add the level to the ladder if it is missing.
#   example: |
#     # roster.csv (the ladder has IC1..IC6 and M1..M3)
#     level,pay
#     IC9,250000
deny_unknown_level contains finding if {
	rows := counts.unknown_rows
	count(rows) > 0
	finding := {"msg": sprintf(
		"The roster's %s name%s a level that ladder %s does not have, so %s not counted. Correct the level column to a level id of the ladder, or add the missing level to the ladder.",
		[rows_text(rows), verb_s(rows), input.metadata.name, they_are(rows)],
	)}
}

deny_unknown_level contains finding if {
	data.roster.home == input.metadata.name
	rows := data.roster.unknown_rows
	count(rows) > 0
	finding := {"msg": sprintf(
		"The roster's %s name%s no level of any ladder in scope (or a ladder that is not in scope), so %s not counted. Correct the level and ladder columns, or include the ladder that has the level.",
		[rows_text(rows), verb_s(rows), they_are(rows)],
	)}
}

verb_s(rows) := "s" if count(rows) == 1

else := ""

they_are(rows) := "it is" if count(rows) == 1

else := "they are"

# METADATA
# title: The IC track is held by people, not only written down
# description: >-
#   At every grade from the lowest management grade up, where people hold the
#   management levels, someone should hold the IC levels too. When the IC side
#   of a grade is empty while its management side is staffed, the ladder's
#   promise that one can rise without managing exists only on paper there.
# custom:
#   id: roster/ic-on-paper
#   tags: [roster]
#   severity: warning
#   why: >-
#     A ladder can promise that people rise without managing, yet nobody holds
#     an IC level at the grades where managers are staffed: the promise is on
#     paper only, and the way up still runs through management.
#   fix: >-
#     Look at why no one holds those IC levels: promote or hire into them, or
#     make the moves into them real; where the grade is new, say so with a
#     waiver that expires.
#   example: |
#     # The ladder has IC7 Principal Engineer and M3 Director at grade 7;
#     # the roster has six directors and no principal engineer.
#     level
#     M3
#     M3
warn_ic_on_paper contains finding if {
	lib.has_both_sides
	lowest := min({entry.grade | some entry in lib.management_levels})
	some g in counts.grades
	g.grade >= lowest
	g.management.people > 0
	g.ic.people == 0
	ics := lib.ic_levels_at_grade[g.grade]
	ic := lib.first_in_document(ics)
	managers := {entry | some entry in lib.management_levels; entry.grade == g.grade}
	finding := {
		"msg": sprintf(
			"Nobody holds the IC level%s at grade %v (%s), while %s hold%s the management level%s there (%s): at this grade the IC track exists only on paper. Find who could grow into %s, hire for it, or say in the ladder why the level is empty.",
			[plural(ics), g.grade, labels(ics), people_text(g.management.people), holds(g.management.people), plural(managers), labels(managers), lib.label(ic)],
		),
		"level": ic.id,
		"path": array.concat(ic.path, ["id"]),
	}
}

plural(entries) := "s" if count(entries) > 1

else := ""

holds(n) := "s" if {
	n == 1
	min_group <= 1
} else := ""

# METADATA
# title: People are paid within their level's band
# description: >-
#   Each person's pay in the roster should lie within the band of their level
#   (in their zone, for a ladder that pays by zone). People paid below the
#   minimum or above the maximum mean the band no longer describes the level.
#   The finding gives counts only, and shows a count below the minimum group
#   size as "<5".
# custom:
#   id: roster/outside-band
#   tags: [roster]
#   severity: warning
#   why: >-
#     When many people are paid outside their level's band, the band no longer
#     describes the level: promotions, offers and parity checks built on it
#     mislead.
#   fix: >-
#     Review the pay of the people outside the band, or move the band to what
#     the level is paid; the finding gives counts only, never who.
#   example: |
#     # IC3 Senior Engineer pays 115,000-160,000
#     level,pay
#     IC3,171000
warn_outside_band contains finding if {
	some id, level in counts.levels
	some zone, band in level.bands
	outside := band.below + band.above
	outside > 0
	entry := level_named(id)
	finding := {
		"msg": sprintf(
			"%s of the %s with pay at %s%s %s paid outside its band of %s: %s below the minimum and %s above the maximum. Bring their pay into the band, or review the band against what the level is paid.",
			[people(outside), people_text(band.paid), lib.named(entry), lib.in_zone(zone), are(outside), lib.money_range_in(zone, band.min, band.max), people(band.below), people(band.above)],
		),
		"level": id,
		"path": lib.band_path(entry, zone),
	}
}

are(n) := "is" if {
	n == 1
	min_group <= 1
} else := "are"

# METADATA
# title: IC pay is at par with management pay at each grade
# description: >-
#   At a grade where both sides have at least the minimum group size of people
#   with pay, the median IC pay must not be below the median management pay by
#   more than parity_pay_tolerance: the bands may be at par on paper while the
#   people on the IC side are paid less.
# custom:
#   id: roster/pay-parity
#   tags: [roster]
#   severity: warning
#   why: >-
#     Bands at par on paper do not help if the people on the IC side are paid
#     less than the managers of their grade: the money still says that growth
#     means managing.
#   fix: >-
#     Review IC pay at that grade against its management peers, and close the
#     gap beyond the tolerance over the next pay cycle.
#   params:
#     parity_pay_tolerance:
#       default: 0.10
#       looser: higher
#       unit: percent
#       loosened: "IC pay may now lag its management peer by up to {value}"
#   example: |
#     # At grade 5, the median pay of the IC5s in the roster is 150,000
#     # and of the M2s 180,000: 16.7% below.
warn_pay_parity contains finding if {
	lib.has_both_sides
	tolerance := data.params.parity_pay_tolerance
	some g in counts.grades
	some zone, management in g.management.pay
	ic := g.ic.pay[zone]
	management.median - ic.median > tolerance * management.median
	entry := lib.first_in_document(lib.ic_levels_at_grade[g.grade])
	finding := {
		"msg": sprintf(
			"At grade %v%s, the median pay of the IC side (%s over %v people) is %s below the median of the management side (%s over %v people), more than the %s parity_pay_tolerance allows. Review the pay of %s against its management peers.",
			[
				g.grade, lib.in_zone(zone), lib.money_in(zone, ic.median), ic.people,
				lib.percent_above(management.median - ic.median, management.median, tolerance),
				lib.money_in(zone, management.median), management.people, lib.percent(tolerance),
				labels(lib.ic_levels_at_grade[g.grade]),
			],
		),
		"level": entry.id,
		"path": array.concat(entry.path, ["pay"]),
	}
}

# METADATA
# title: No gender pay gap of 5% or more at a grade
# description: >-
#   A grade is a category of workers doing work of equal value. Where the
#   roster has a gender column, and two genders at a grade each have at least
#   the minimum group size of people with pay, the mean or the median pay of
#   one must not be below the other's by pay_gap_threshold or more (default
#   5%, the threshold of EU Directive 2023/970, Article 10, that calls for a
#   joint pay assessment with the workers' representatives).
# custom:
#   id: roster/gender-gap
#   tags: [roster]
#   severity: warning
#   why: >-
#     A pay gap between genders at the same grade, for work of equal value, is
#     unequal pay; at 5% or more, EU Directive 2023/970 calls for a joint pay
#     assessment with the workers' representatives.
#   fix: >-
#     Find what explains the gap at that grade with the people team (pay at
#     hire, promotions, the level people were hired into) and correct what
#     objective criteria do not justify.
#   params:
#     pay_gap_threshold:
#       default: 0.05
#       looser: higher
#       unit: percent
#       loosened: "a gender pay gap of up to {value} at a grade now passes"
#   example: |
#     # At grade 4, six women with a mean pay of 140,000 and six men with
#     # a mean pay of 150,000: a 6.7% gap.
warn_gender_gap contains finding if {
	data.roster.gender
	threshold := data.params.pay_gap_threshold
	some g in counts.grades
	some zone, groups in g.gender
	some low_name, low in groups
	some high_name, high in groups
	low_name != high_name
	gap_at_least(low, high, threshold)
	entry := lib.first_in_document({entry | some entry in lib.levels; entry.grade == g.grade})
	finding := {
		"msg": sprintf(
			"At grade %v%s, the pay of gender %q (%v people) is below that of gender %q (%v people) by %s on the mean (%s against %s) and %s on the median (%s against %s): a gap at or above the %s pay_gap_threshold calls for a joint pay assessment under EU Directive 2023/970 (Article 10). Look into the pay at grade %v, and correct the gap or document its objective, gender-neutral reasons.",
			[
				g.grade, lib.in_zone(zone), low_name, low.people, high_name, high.people,
				lib.percent((high.mean - low.mean) / high.mean), lib.money_in(zone, low.mean), lib.money_in(zone, high.mean),
				lib.percent((high.median - low.median) / high.median), lib.money_in(zone, low.median), lib.money_in(zone, high.median),
				lib.percent(threshold), g.grade,
			],
		),
		"level": entry.id,
		"path": array.concat(entry.path, ["grade"]),
	}
}

gap_at_least(low, high, threshold) if high.mean - low.mean >= threshold * high.mean

gap_at_least(low, high, threshold) if high.median - low.median >= threshold * high.median
