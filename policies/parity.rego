# Rules on dual-track parity: the IC side reaches as high as the management
# side, and peers (same grade, one on each side) match in pay and scope.
# A ladder with only one side gets no parity findings.
package ladderctl.parity

import rego.v1

import data.ladderctl.lib

# METADATA
# title: The IC track reaches the top management grade
# description: >-
#   The highest IC level must be at least at the grade of the highest management
#   level. When the IC track stops short, the most senior roles are open only to
#   managers, and promotion at the top means leaving individual work.
# custom:
#   id: parity/top-grade
#   tags: [parity]
#   severity: error
#   why: >-
#     When the IC track stops short of management, the most senior roles are
#     open only to managers, and the last promotions mean leaving the work
#     people are best at.
#   fix: >-
#     Add an IC level at the top management grade (for example a Distinguished
#     Engineer beside the VP), or raise the grade of the top IC level if it
#     already carries that scope.
#   example: |
#     spec:
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC7, title: Distinguished Engineer, grade: 7}
#         - id: mgmt
#           name: Management
#           type: management
#           levels:
#             - {id: M4, title: Director of Engineering, grade: 7}
#             - {id: M5, title: VP of Engineering, grade: 8}
deny_top_grade contains finding if {
	lib.has_both_sides
	top_management := lib.highest(lib.management_levels)
	top_ic := lib.highest(lib.ic_levels)
	top_ic.grade < top_management.grade
	finding := {
		"msg": sprintf(
			"The management track reaches grade %v (%s), but the highest IC level is grade %v (%s). Add an IC level at grade %v so that individual contributors can rise as high as managers.",
			[top_management.grade, lib.label(top_management), top_ic.grade, lib.label(top_ic), top_management.grade],
		),
		"level": top_management.id,
		"path": array.concat(top_management.path, ["grade"]),
	}
}

# METADATA
# title: Every management level has an IC peer
# description: >-
#   For every management level there must be an IC level at the same grade. A
#   management grade without an IC peer is a step of seniority that individual
#   contributors cannot reach without becoming managers.
# custom:
#   id: parity/peer-level
#   tags: [parity]
#   severity: error
#   why: >-
#     A management grade without an IC peer is a step of seniority individual
#     contributors cannot reach without becoming managers.
#   fix: >-
#     Add an IC level at that grade, with a title, scope and pay band that match
#     its management peer.
#   example: |
#     spec:
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC5, title: Staff Engineer, grade: 5}
#         - id: mgmt
#           name: Management
#           type: management
#           levels:
#             - {id: M1, title: Engineering Manager, grade: 5}
#             - {id: M2, title: Director of Engineering, grade: 6}
deny_peer_level contains finding if {
	lib.has_both_sides
	some management in lib.management_levels_without_peer
	finding := {
		"msg": sprintf(
			"%s (grade %v) has no IC peer: no IC level is at grade %v. Add an IC level at grade %v so that individual contributors can reach the same standing without becoming managers.",
			[lib.label(management), management.grade, management.grade, management.grade],
		),
		"level": management.id,
		"path": array.concat(management.path, ["grade"]),
	}
}

# METADATA
# title: Peers are paid on par
# description: >-
#   When a management level has a pay band, its IC peers must have one too,
#   with a minimum and a maximum each at least the management ones less the
#   tolerance (10% by default). A ladder that pays by zone is judged zone by
#   zone, comparing bands of the same zone. Paying individual contributors less
#   than managers of the same grade pushes people into management for the money.
# custom:
#   id: parity/pay
#   tags: [parity]
#   severity: error
#   why: >-
#     Paying individual contributors less than managers of the same grade pushes
#     people into management for the money rather than for the work.
#   fix: >-
#     Raise the IC band to at least the management band less the tolerance, as
#     the message says; where pay differs on purpose, record why with a waiver.
#   params:
#     parity_pay_tolerance:
#       default: 0.10
#       looser: higher
#       unit: percent
#       loosened: "IC pay may now lag its management peer by up to {value}"
#   example: |
#     spec:
#       currency: USD
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC5, title: Staff Engineer, grade: 5, pay: {min: 150000, max: 200000}}
#         - id: mgmt
#           name: Management
#           type: management
#           levels:
#             - {id: M1, title: Engineering Manager, grade: 5, pay: {min: 180000, max: 240000}}
deny_pay contains finding if {
	some finding in (peers_without_pay | peers_paid_less)
}

tolerance := data.params.parity_pay_tolerance

# The part of a management amount an IC amount must reach, computed once per
# ladder rather than once per comparison.
on_par_factor := 1 - tolerance

# The least IC amount that is on par with a management amount, in whole units.
on_par(amount) := ceil(amount * on_par_factor)

# Pay rules run zone by zone ("" for plain bands), comparing bands of the same
# zone only.
peers_without_pay contains finding if {
	some zone in lib.band_zones
	some pair in lib.peers
	management_band := lib.band_in(pair.management.level.pay, zone)
	lib.valid_band(management_band)

	# Most IC peers have a band in the zone: that rules them out before
	# missing_band_path looks at why one has none.
	not has_band_in(pair.ic, zone)
	path := missing_band_path(pair.ic, zone)
	finding := {
		"msg": sprintf(
			"%s (grade %v) has no pay band%s, while its management peer %s is paid %s. Give %s a band of at least %s%s so that individual contributors are paid on par with managers.",
			[
				lib.label(pair.ic), pair.ic.grade, lib.in_zone(zone), lib.label(pair.management),
				lib.band_text_in(zone, management_band), pair.ic.id,
				lib.money_range_in(zone, on_par(management_band.min), on_par(management_band.max)),
				in_that_zone(zone),
			],
		),
		"level": pair.ic.id,
		"path": path,
	}
}

# Where to point when a level has no band in a zone: at its id when it has no
# pay at all, at its pay when that lacks the zone. (A pay of the other form is
# structure/pay-range's.)
missing_band_path(entry, _) := array.concat(entry.path, ["id"]) if not lib.has_pay(entry)

missing_band_path(entry, zone) := array.concat(entry.path, ["pay"]) if {
	lib.in_ladder_form(entry.level.pay)
	not lib.band_in(entry.level.pay, zone)
}

# The level has a band in a zone, valid or not (as missing_band_path tells
# it: a band of false is none).
has_band_in(entry, zone) if lib.band_in(entry.level.pay, zone)

in_that_zone("") := ""

in_that_zone(zone) := " in that zone" if zone != ""

peers_paid_less contains finding if {
	factor := on_par_factor
	near_one := factor > 0.999
	some zone in lib.band_zones
	some pair in lib.peers
	management_band := lib.band_in(pair.management.level.pay, zone)
	lib.valid_band(management_band)
	ic_band := lib.band_in(pair.ic.level.pay, zone)
	lib.valid_band(ic_band)

	# An IC band that reaches its management peer's own bounds is on par: most
	# are ruled out so, with no product to compute. (Not when the factor is
	# within a thousandth of 1 or above it: a tolerance of zero or less asks for
	# the management bounds or more, and the rounding of a product so near the
	# bound itself is left to the comparisons below.)
	true in [near_one, ic_band.min < management_band.min, ic_band.max < management_band.max]

	# The least IC band on par, computed once per pair. Most IC bands reach it:
	# the two comparisons rule them out before the comprehension below names
	# the bounds that lag.
	on_par_band := {"min": management_band.min * factor, "max": management_band.max * factor}
	true in [ic_band.min < on_par_band.min, ic_band.max < on_par_band.max]
	lagging := concat(" and ", sort({bound |
		some bound in ["max", "min"]
		ic_band[bound] < on_par_band[bound]
	}))
	lagging != ""
	finding := {
		"msg": sprintf(
			"%s (grade %v) is paid %s%s, below its management peer %s (%s) by more than %s %s. %s",
			[
				lib.label(pair.ic), pair.ic.grade, lib.band_text_in(zone, ic_band), lib.in_zone(zone),
				lib.label(pair.management), lib.band_text_in(zone, management_band), lib.percent(tolerance),
				lagging_text[lagging], pay_fix(lagging, zone, management_band),
			],
		),
		"level": pair.ic.id,
		"path": lib.band_path(pair.ic, zone),
	}
}

lagging_text := {
	"min": "on the minimum",
	"max": "on the maximum",
	"max and min": "on both the minimum and the maximum",
}

pay_fix("min", zone, band) := sprintf("Raise the IC minimum%s to at least %s.", [in_that_zone(zone), lib.money_in(zone, on_par(band.min))])

pay_fix("max", zone, band) := sprintf("Raise the IC maximum%s to at least %s.", [in_that_zone(zone), lib.money_in(zone, on_par(band.max))])

pay_fix("max and min", zone, band) := sprintf(
	"Raise the IC band%s to at least %s.",
	[in_that_zone(zone), lib.money_range_in(zone, on_par(band.min), on_par(band.max))],
)

# METADATA
# title: Peers have comparable scope
# description: >-
#   When an IC level and its management peer both state a scope, the IC scope
#   may be narrower by at most the allowed number of steps (1 by default) on
#   task, feature, team, multi-team, org, company, industry. Peers with very
#   different reach are peers in name only.
# custom:
#   id: parity/scope
#   tags: [parity]
#   severity: warning
#   why: >-
#     Peers whose reach differs by several steps are peers in name only: the IC
#     level gets the grade but not the standing or the work that goes with it.
#   fix: >-
#     Widen the IC level's scope to within the allowed steps of its peer, or
#     move the level to the grade its scope deserves.
#   params:
#     parity_scope_slack:
#       default: 1
#       looser: higher
#       unit: step
#       loosened: "an IC level's scope may now be {value} narrower than its management peer's"
#   example: |
#     spec:
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC6, title: Principal Engineer, grade: 6, scope: team}
#         - id: mgmt
#           name: Management
#           type: management
#           levels:
#             - {id: M2, title: Director of Engineering, grade: 6, scope: org}
warn_scope contains finding if {
	slack := data.params.parity_scope_slack
	rank := lib.scope_rank
	some pair in lib.peers
	ic_scope := object.get(pair.ic.level, "scope", "")
	management_scope := object.get(pair.management.level, "scope", "")
	ic_rank := rank[ic_scope]
	management_rank := rank[management_scope]
	steps := management_rank - ic_rank
	steps > slack
	expected := lib.scope_order[min([max([ceil(management_rank - slack), 0]), count(lib.scope_order) - 1])]
	finding := {
		"msg": sprintf(
			"%s (grade %v) has scope %q, %s narrower than its management peer %s (scope %q), where at most %s narrower is accepted. Widen the IC level's scope to at least %q, or check that the two levels really are peers.",
			[
				lib.label(pair.ic), pair.ic.grade, ic_scope, lib.quantity(steps, "step", "steps"),
				lib.label(pair.management), management_scope, lib.quantity(slack, "step", "steps"), expected,
			],
		),
		"level": pair.ic.id,
		"path": array.concat(pair.ic.path, ["scope"]),
	}
}
