# Rules on career paths: the IC track keeps growing past the point where
# management starts, and people can move between the tracks both ways.
package ladderctl.paths

import rego.v1

import data.ladderctl.lib

# METADATA
# title: The IC track keeps growing where management starts
# description: >-
#   Where a ladder has both tracks, enough IC levels (2 by default) must sit at
#   or above the grade where management starts. Otherwise the next promotion after the split
#   means becoming a manager, which is what a dual-track ladder exists to avoid.
#   Shared levels (before the split) count for neither side.
# custom:
#   id: paths/ic-growth
#   severity: error
#   why: >-
#     If the IC track barely continues where management starts, the next
#     promotion after the split means becoming a manager, which is what a dual-
#     track ladder exists to avoid.
#   fix: >-
#     Add IC levels at or above the grade where management starts, until there
#     are as many as the param asks for.
#   params:
#     min_ic_levels_from_branch:
#       default: 2
#       looser: lower
#       unit: level
#       loosened: "the IC track now needs only {value} at or above the lowest management grade"
#   example: |
#     spec:
#       tracks:
#         - id: ic
#           name: Individual Contributor
#           type: ic
#           levels:
#             - {id: IC3, title: Senior Engineer, grade: 3}
#             - {id: IC4, title: Staff Engineer, grade: 4}
#         - id: mgmt
#           name: Management
#           type: management
#           levels:
#             - {id: M1, title: Engineering Manager, grade: 4}
#             - {id: M2, title: Director of Engineering, grade: 5}
deny_ic_growth contains finding if {
	lib.has_both_sides
	wanted := data.params.min_ic_levels_from_branch
	branch := lib.lowest(lib.management_levels)
	reaching := {level | some level in lib.ic_levels; level.grade >= branch.grade}
	count(reaching) < wanted
	finding := {
		"msg": sprintf(
			"Management starts at grade %v (%s), but %s. Add IC levels at or above grade %v so that there are at least %v: promotion should never have to mean moving into management.",
			[branch.grade, lib.label(branch), reaching_text(reaching, branch.grade), branch.grade, wanted],
		),
		"level": branch.id,
		"path": array.concat(branch.path, ["grade"]),
	}
}

reaching_text(levels, grade) := sprintf("no IC level is at grade %v or above", [grade]) if {
	count(levels) == 0
} else := sprintf("only 1 IC level is at grade %v or above (%s)", [grade, labels_in_document_order(levels)]) if {
	count(levels) == 1
} else := sprintf(
	"only %d IC levels are at grade %v or above (%s)",
	[count(levels), grade, labels_in_document_order(levels)],
)

labels_in_document_order(levels) := concat(", ", [label |
	some key in sort([[level.path, lib.label(level)] | some level in levels])
	label := key[1]
])

# METADATA
# title: People can move between the tracks both ways
# description: >-
#   Where a ladder has both tracks, it should support at least one move from an
#   IC (or shared) level into management and one from management back to an IC
#   level: a transition, or a track that branches (from) from a level of the
#   other side. A move that only goes one way makes trying management a one-way
#   door.
# custom:
#   id: paths/two-way
#   severity: warning
#   why: >-
#     When moves between the tracks go only one way, trying management is a one-
#     way door, and people who would make good managers do not risk it.
#   fix: >-
#     Add a transition from a management level back to an IC level of the same
#     grade (and one into management if there is none).
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
#       transitions:
#         - {from: IC5, to: M1}
warn_two_way contains finding if {
	some finding in (missing_move_into_management | missing_move_back_to_ic)
}

transitions_path := ["spec", "transitions"] if {
	"transitions" in object.keys(input.spec)
} else := ["spec", "tracks"]

# A transition or a branch counts as a move: from an IC or shared level into
# management, and from management back to an IC or shared level.
moves_into_management if {
	some [from, to] in lib.moves
	from in lib.non_management_level_ids
	to in lib.management_level_ids
}

moves_back_to_ic if {
	some [from, to] in lib.moves
	from in lib.management_level_ids
	to in lib.non_management_level_ids
}

missing_move_into_management contains finding if {
	lib.has_both_sides
	not moves_into_management
	finding := {
		"msg": sprintf(
			"No transition lets an individual contributor move into management: spec.transitions has no move from %s to a management level. Add one%s, so that people can try management through a supported path.",
			[off_management_text, example_move(0, 1)],
		),
		"level": "",
		"path": transitions_path,
	}
}

missing_move_back_to_ic contains finding if {
	lib.has_both_sides
	not moves_back_to_ic
	finding := {
		"msg": sprintf(
			"No transition lets a manager move back to an IC level: spec.transitions has no move from a management level to %s. Add one%s, so that moving into management is not a one-way door.",
			[off_management_text, example_move(1, 0)],
		),
		"level": "",
		"path": transitions_path,
	}
}

# The levels a move into management starts from, as the ladder has them.
off_management_text := "an IC or shared level" if {
	some entry in lib.levels
	entry.track_type == "shared"
} else := "an IC level"

# The example pair a finding suggests: the lowest management level and its IC
# peer on the IC track with the most levels (the first such track in the
# document among ties).
example_peers := [ic.id, lowest_management.id] if {
	lowest_management := lib.lowest(lib.management_levels)
	candidates := [[0 - count(lib.track_levels[ic.track_index]), ic.path, ic] |
		some ic in lib.ic_levels_at_grade[lowest_management.grade]
	]
	ic := min(candidates)[2]
}

# A suggested transition between the example peers, e.g. " (for example from IC4 to M1)".
example_move(from, to) := sprintf(" (for example from %s to %s)", [example_peers[from], example_peers[to]]) if {
	example_peers
} else := ""

# METADATA
# title: Every IC track reaches the top
# description: >-
#   Where a ladder has both sides and two or more IC tracks (several
#   disciplines, say), each IC track must reach the highest grade of the
#   management side, or a transition must lead from its top level to an IC
#   level of a higher grade. Otherwise people in that discipline can only rise
#   to the top by becoming managers or by leaving their discipline unaided.
#   With one IC track, parity/top-grade says it.
# custom:
#   id: paths/ic-ceiling
#   severity: warning
#   why: >-
#     A discipline whose IC track stops short leaves its people two ways to the
#     top: becoming managers, or leaving the discipline without a path to
#     follow.
#   fix: >-
#     Extend the track to the top management grade, or add a transition from its
#     top level to an IC level of a higher grade in another track.
#   example: |
#     spec:
#       tracks:
#         - id: swe
#           name: Software Engineering
#           type: ic
#           levels:
#             - {id: SWE5, title: Staff Engineer, grade: 5}
#             - {id: SWE6, title: Principal Engineer, grade: 6}
#         - id: qa
#           name: Quality Engineering
#           type: ic
#           levels:
#             - {id: QE5, title: Staff QA Engineer, grade: 5}
#         - id: mgmt
#           name: Management
#           type: management
#           levels:
#             - {id: M1, title: Engineering Manager, grade: 5}
#             - {id: M2, title: Director of Engineering, grade: 6}
warn_ic_ceiling contains finding if {
	lib.has_both_sides
	count(lib.ic_tracks) >= 2
	top_management := lib.highest(lib.management_levels)
	some ti in lib.ic_tracks
	top := lib.highest(lib.track_levels[ti])
	top.grade < top_management.grade
	not climbs_on(top)
	finding := {
		"msg": sprintf(
			"The %s track stops at %s, below the top of the management side, %s. Add levels to the %s track up to grade %v, or a transition from %s to a higher IC level, so that people on this track can rise as high as managers without becoming one.",
			[
				lib.track_name(ti), lib.named(top), lib.named(top_management), lib.track_name(ti),
				top_management.grade, top.id,
			],
		),
		"level": top.id,
		"path": array.concat(top.path, ["grade"]),
	}
}

# A transition (or a branch) leads from the level to an IC level of a higher grade.
climbs_on(top) if {
	some [from, to] in lib.moves
	from == top.id
	some next in lib.ic_levels
	next.id == to
	next.grade > top.grade
}
