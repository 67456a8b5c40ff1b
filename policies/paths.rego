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
# custom:
#   id: paths/ic-growth
#   severity: error
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
#   Where a ladder has both tracks, its transitions should include at least one
#   move from an IC level into management and one from management back to an IC
#   level. A move that only goes one way makes trying management a one-way door.
# custom:
#   id: paths/two-way
#   severity: warning
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

transitions := object.get(input.spec, "transitions", [])

transitions_path := ["spec", "transitions"] if {
	"transitions" in object.keys(input.spec)
} else := ["spec", "tracks"]

moves_into_management if {
	some transition in transitions
	transition.from in lib.ic_level_ids
	transition.to in lib.management_level_ids
}

moves_back_to_ic if {
	some transition in transitions
	transition.from in lib.management_level_ids
	transition.to in lib.ic_level_ids
}

missing_move_into_management contains finding if {
	lib.has_both_sides
	not moves_into_management
	finding := {
		"msg": sprintf(
			"No transition lets an individual contributor move into management: spec.transitions has no move from an IC level to a management level. Add one%s, so that people can try management through a supported path.",
			[example_move(0, 1)],
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
			"No transition lets a manager move back to an IC level: spec.transitions has no move from a management level to an IC level. Add one%s, so that moving into management is not a one-way door.",
			[example_move(1, 0)],
		),
		"level": "",
		"path": transitions_path,
	}
}

# The ids of the lowest-graded pair of peers, IC first, to suggest a transition.
example_peers := [first[2], first[3]] if {
	first := min({[pair.management.grade, pair.management.path, pair.ic.id, pair.management.id] | some pair in lib.peers})
}

# A suggested transition between the example peers, e.g. " (for example from IC4 to M1)".
example_move(from, to) := sprintf(" (for example from %s to %s)", [example_peers[from], example_peers[to]]) if {
	example_peers
} else := ""
