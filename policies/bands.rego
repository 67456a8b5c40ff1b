# Rules on the pay bands within a track: they rise with the grade, have a
# sensible spread, and neighbouring bands do not overlap too much.
# Only valid bands (0 < min <= max) are judged; structure/pay-range reports
# the others. A ladder that pays by zone is judged zone by zone, comparing
# bands of the same zone only; levels at one grade are not compared with each
# other, but each with the levels of the grade below.
package ladderctl.bands

import rego.v1

import data.ladderctl.lib

# METADATA
# title: Pay never falls with a promotion
# description: >-
#   Within a track, going up by grade through the levels that have a valid pay
#   band, neither the minimum nor the maximum may ever fall. A band below the
#   one of a more junior level means a promotion can come with less pay.
# custom:
#   id: bands/monotonic
#   severity: error
#   why: >-
#     A band below that of a more junior level means a promotion can come with a
#     pay cut, which no one will accept and which makes the ladder hard to
#     trust.
#   fix: >-
#     Raise the senior level's minimum and maximum to at least those of the
#     level below it.
#   example: |
#     spec:
#       currency: USD
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC4, title: Staff Engineer, grade: 4, pay: {min: 160000, max: 210000}}
#             - {id: IC5, title: Principal Engineer, grade: 5, pay: {min: 150000, max: 200000}}
deny_monotonic contains finding if {
	some zone in lib.band_zones
	some entries in lib.track_levels
	rows := lib.banded_rows_in(entries, zone)

	# Along most tracks neither bound ever falls, going up the levels in grade
	# order: two sorts rule those tracks out before levels are paired below.
	mins := [row[1].min | some row in rows]
	maxes := [row[1].max | some row in rows]
	true in [mins != sort(mins), maxes != sort(maxes)]
	starts := lib.grade_starts([row[0] | some row in rows])
	some [level, band] in rows
	[previous, previous_band] := rows[starts[level.grade] - 1]

	# Most promotions raise both bounds: two comparisons rule them out before
	# the comprehension below names the bounds that fall.
	true in [band.min < previous_band.min, band.max < previous_band.max]
	falling := concat(" and ", sort({bound |
		some bound in ["max", "min"]
		band[bound] < previous_band[bound]
	}))
	falling != ""
	finding := {
		"msg": sprintf(
			"%s (grade %v) is paid %s%s, less than %s (grade %v, %s), the next level down with a pay band in the %s track: %s. %s so that pay never falls with a promotion.",
			[
				lib.label(level), level.grade, lib.band_text_in(zone, band), lib.in_zone(zone), lib.label(previous),
				previous.grade, lib.band_text_in(zone, previous_band), lib.track_name(level.track_index),
				falling_text[falling], monotonic_fix(falling, zone, level, previous_band, previous),
			],
		),
		"level": level.id,
		"path": lib.band_path(level, zone),
	}
}

falling_text := {
	"min": "its minimum falls",
	"max": "its maximum falls",
	"max and min": "both its minimum and its maximum fall",
}

monotonic_fix("min", zone, level, previous_band, previous) := sprintf(
	"Raise the minimum of %s to at least %s (or lower that of %s)",
	[level.id, lib.money_in(zone, previous_band.min), previous.id],
)

monotonic_fix("max", zone, level, previous_band, previous) := sprintf(
	"Raise the maximum of %s to at least %s (or lower that of %s)",
	[level.id, lib.money_in(zone, previous_band.max), previous.id],
)

monotonic_fix("max and min", zone, level, previous_band, previous) := sprintf(
	"Raise the band of %s to at least %s (or lower that of %s)",
	[level.id, lib.band_text_in(zone, previous_band), previous.id],
)

# METADATA
# title: Pay bands are neither too narrow nor too wide
# description: >-
#   The spread of every valid pay band, (max - min) / min, must lie between the
#   configured minimum and maximum (15% and 100% by default). A band too narrow
#   leaves no room to grow within a level; one too wide usually hides two levels
#   in one.
# custom:
#   id: bands/spread
#   severity: warning
#   why: >-
#     A band too narrow leaves no room to grow within a level between
#     promotions; one too wide usually hides two levels in one and lets pay
#     differ widely for the same job.
#   fix: >-
#     Bring (max - min) / min within the configured range, or split a very wide
#     band into two levels.
#   params:
#     band_spread_min:
#       default: 0.15
#       looser: lower
#       unit: percent
#       loosened: "a band's max may now be as little as {value} above its min"
#     band_spread_max:
#       default: 1.0
#       looser: higher
#       unit: percent
#       loosened: "a band's max may now be up to {value} above its min"
#   example: |
#     spec:
#       currency: USD
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC4, title: Staff Engineer, grade: 4, pay: {min: 180000, max: 190000}}
#             - {id: IC5, title: Principal Engineer, grade: 5, pay: {min: 150000, max: 400000}}
warn_spread contains finding if {
	low := data.params.band_spread_min
	high := data.params.band_spread_max
	some item in lib.bands
	band := item.band
	lib.valid_band(band)

	# Most bands are within the limits: their spread is computed and compared
	# once here (OPA divides in arbitrary precision, which is costly), and only
	# the others go on to spread_problem, which words the finding. The label and
	# the band text are likewise built only for the bands that have a problem.
	spread := (band.max - band.min) / band.min
	true in [spread < low, spread > high]
	problem := spread_problem(item.zone, band)
	level := item.entry
	finding := {
		"msg": sprintf(
			"%s (grade %v) has a pay band of %s%s, a spread ((max - min) / min) of %s.",
			[lib.label(level), level.grade, lib.band_text_in(item.zone, band), lib.in_zone(item.zone), problem],
		),
		"level": level.id,
		"path": item.path,
	}
}

spread_problem(zone, band) := sprintf(
	"%s, under the %s minimum. Widen the band, for example by raising the maximum to at least %s, so that people have room to grow within the level",
	[
		lib.percent_below(band.max - band.min, band.min, data.params.band_spread_min), lib.percent(data.params.band_spread_min),
		lib.money_in(zone, ceil(band.min * (1 + data.params.band_spread_min))),
	],
) if {
	(band.max - band.min) / band.min < data.params.band_spread_min
} else := sprintf(
	"%s, over the %s maximum. Narrow the band, for example by lowering the maximum to at most %s, or split the level in two",
	[
		lib.percent_above(band.max - band.min, band.min, data.params.band_spread_max), lib.percent(data.params.band_spread_max),
		lib.money_in(zone, floor(band.min * (1 + data.params.band_spread_max))),
	],
) if {
	(band.max - band.min) / band.min > data.params.band_spread_max
}

# METADATA
# title: Neighbouring pay bands do not overlap too much
# description: >-
#   For two levels next to each other by grade within a track, both with valid
#   pay bands, the two bands may share at most the configured part (60% by
#   default) of the lower band. Bands that mostly overlap make a promotion bring
#   little or no step in pay.
# custom:
#   id: bands/overlap
#   severity: warning
#   why: >-
#     When neighbouring bands mostly overlap, a promotion brings little or no
#     step in pay, and people at the top of a band can earn more than those a
#     level above.
#   fix: >-
#     Move the higher band up, or narrow the two bands, until they share no more
#     than the configured part of the lower band.
#   params:
#     band_overlap_max:
#       default: 0.60
#       looser: higher
#       unit: percent
#       loosened: "adjacent bands may now overlap by up to {value} of the lower band"
#   example: |
#     spec:
#       currency: USD
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC3, title: Senior Engineer, grade: 3, pay: {min: 120000, max: 180000}}
#             - {id: IC4, title: Staff Engineer, grade: 4, pay: {min: 130000, max: 200000}}
warn_overlap contains finding if {
	limit := data.params.band_overlap_max
	some zone in lib.band_zones
	some entries in lib.track_levels

	# Most tracks have a valid band at every level: the banded levels are then
	# all the levels in grade order, each with its band at hand.
	rows := lib.banded_rows_in(entries, zone)
	count(rows) == count(entries)
	starts := lib.grade_starts(lib.levels_by_grade(entries))
	some [higher, higher_band] in rows
	[lower, lower_band] := rows[starts[higher.grade] - 1]
	width := lower_band.max - lower_band.min
	width > 0
	shared := max([0, min([lower_band.max, higher_band.max]) - max([lower_band.min, higher_band.min])])
	shared / width > limit
	finding := overlap_finding(zone, lower, lower_band, higher, higher_band, shared, width, limit)
}

warn_overlap contains finding if {
	limit := data.params.band_overlap_max
	some zone in lib.band_zones
	some entries in lib.track_levels
	count(lib.banded_rows_in(entries, zone)) != count(entries)
	ordered := lib.levels_by_grade(entries)
	starts := lib.grade_starts(ordered)
	some higher in ordered
	lower := ordered[starts[higher.grade] - 1]
	lower_band := lib.band_in(lower.level.pay, zone)
	higher_band := lib.band_in(higher.level.pay, zone)
	lib.valid_band(lower_band)
	lib.valid_band(higher_band)
	width := lower_band.max - lower_band.min
	width > 0
	shared := max([0, min([lower_band.max, higher_band.max]) - max([lower_band.min, higher_band.min])])
	shared / width > limit
	finding := overlap_finding(zone, lower, lower_band, higher, higher_band, shared, width, limit)
}

overlap_finding(zone, lower, lower_band, higher, higher_band, shared, width, limit) := {
	"msg": sprintf(
		"The pay band of %s (grade %v, %s%s) covers %s of the band of %s, the level below it (grade %v, %s), where at most %s is accepted. %s so that a promotion brings a real step in pay.",
		[
			lib.label(higher), higher.grade, lib.band_text_in(zone, higher_band), lib.in_zone(zone),
			lib.percent_above(shared, width, limit), lib.label(lower), lower.grade,
			lib.band_text_in(zone, lower_band), lib.percent(limit),
			overlap_fix(zone, lower, lower_band, higher, higher_band, limit),
		],
	),
	"level": higher.id,
	"path": lib.band_path(higher, zone),
}

# When the higher band reaches past the lower one, raising its minimum is enough.
overlap_fix(zone, lower, lower_band, higher, higher_band, limit) := sprintf(
	"Raise the minimum of %s to at least %s (or lower the maximum of %s)",
	[higher.id, lib.money_in(zone, ceil(lower_band.max - (limit * (lower_band.max - lower_band.min)))), lower.id],
) if {
	higher_band.max >= lower_band.max
} else := sprintf("Move the two bands further apart, raising the band of %s", [higher.id])
