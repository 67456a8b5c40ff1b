package ladderctl.paths_test

import rego.v1

import data.ladderctl.lib_test as fixture
import data.ladderctl.paths

params := fixture.params

ic_only := fixture.patched([fixture.remove("/spec/tracks/1")])

test_healthy_ladder_has_no_path_findings if {
	count(paths.deny_ic_growth) == 0 with input as fixture.ladder with data.params as params
	count(paths.warn_two_way) == 0 with input as fixture.ladder with data.params as params
}

test_one_side_only_gets_no_path_findings if {
	count(paths.deny_ic_growth) == 0 with input as ic_only with data.params as params
	count(paths.warn_two_way) == 0 with input as ic_only with data.params as params
}

# paths/ic-growth

test_one_ic_level_from_the_branch if {
	ladder := fixture.patched([fixture.remove("/spec/tracks/0/levels/5"), fixture.remove("/spec/tracks/0/levels/4")])
	findings := paths.deny_ic_growth with input as ladder with data.params as params
	fixture.well_formed(findings)
	findings == {{
		"msg": "Management starts at grade 4 (M1 Engineering Manager), but only 1 IC level is at grade 4 or above (IC4 Staff Engineer). Add IC levels at or above grade 4 so that there are at least 2: promotion should never have to mean moving into management.",
		"level": "M1",
		"path": ["spec", "tracks", 1, "levels", 0, "grade"],
	}}
}

test_no_ic_level_from_the_branch if {
	ladder := fixture.patched([
		fixture.remove("/spec/tracks/0/levels/5"),
		fixture.remove("/spec/tracks/0/levels/4"),
		fixture.remove("/spec/tracks/0/levels/3"),
	])
	findings := paths.deny_ic_growth with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "M1", "path": ["spec", "tracks", 1, "levels", 0, "grade"]}}
	some f in findings
	contains(f.msg, "but no IC level is at grade 4 or above.")
}

test_exactly_the_minimum_passes if {
	ladder := fixture.patched([fixture.remove("/spec/tracks/0/levels/5")])
	count(paths.deny_ic_growth) == 0 with input as ladder with data.params as params
}

test_minimum_comes_from_params if {
	findings := paths.deny_ic_growth with input as fixture.ladder with data.params as object.union(params, {"min_ic_levels_from_branch": 4})
	fixture.located(findings) == {{"level": "M1", "path": ["spec", "tracks", 1, "levels", 0, "grade"]}}
	some f in findings
	contains(f.msg, "only 3 IC levels are at grade 4 or above (IC4 Staff Engineer, IC5 Principal Engineer, IC6 Distinguished Engineer)")
	contains(f.msg, "so that there are at least 4:")
}

test_branch_is_the_lowest_management_grade_in_any_track if {
	# A team lead track starting at grade 6 does not move the branch point.
	leads := {"id": "leads", "name": "Team Leads", "type": "management", "levels": [{"id": "TL6", "title": "Group Lead", "grade": 6}]}
	ladder := fixture.patched([
		fixture.add("/spec/tracks/-", leads),
		fixture.remove("/spec/tracks/0/levels/5"),
		fixture.remove("/spec/tracks/0/levels/4"),
	])
	findings := paths.deny_ic_growth with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "M1", "path": ["spec", "tracks", 1, "levels", 0, "grade"]}}
}

test_levels_of_every_ic_track_count if {
	specialists := {"id": "specialist", "name": "Specialist", "type": "ic", "levels": [{"id": "SP5", "title": "Principal Specialist", "grade": 5}]}
	ladder := fixture.patched([
		fixture.remove("/spec/tracks/0/levels/5"),
		fixture.remove("/spec/tracks/0/levels/4"),
		fixture.add("/spec/tracks/-", specialists),
	])
	count(paths.deny_ic_growth) == 0 with input as ladder with data.params as params
}

# paths/two-way

test_no_move_back_to_ic if {
	ladder := fixture.patched([fixture.remove("/spec/transitions/1")])
	findings := paths.warn_two_way with input as ladder with data.params as params
	fixture.well_formed(findings)
	findings == {{
		"msg": "No transition lets a manager move back to an IC level: spec.transitions has no move from a management level to an IC level. Add one (for example from M1 to IC4), so that moving into management is not a one-way door.",
		"level": "",
		"path": ["spec", "transitions"],
	}}
}

test_no_transitions_at_all if {
	ladder := fixture.patched([fixture.remove("/spec/transitions")])
	findings := paths.warn_two_way with input as ladder with data.params as params
	{f.path | some f in findings} == {["spec", "tracks"]}
	{f.msg | some f in findings} == {
		"No transition lets an individual contributor move into management: spec.transitions has no move from an IC level to a management level. Add one (for example from IC4 to M1), so that people can try management through a supported path.",
		"No transition lets a manager move back to an IC level: spec.transitions has no move from a management level to an IC level. Add one (for example from M1 to IC4), so that moving into management is not a one-way door.",
	}
}

test_empty_transitions_point_at_transitions if {
	ladder := fixture.patched([fixture.replace("/spec/transitions", [])])
	findings := paths.warn_two_way with input as ladder with data.params as params
	count(findings) == 2
	fixture.located(findings) == {{"level": "", "path": ["spec", "transitions"]}}
}

test_transitions_within_one_side_or_to_unknown_levels_do_not_count if {
	ladder := fixture.patched([fixture.replace("/spec/transitions", [
		{"from": "IC3", "to": "IC4"},
		{"from": "IC4", "to": "M9"},
		{"from": "M1", "to": "IC4"},
	])])
	findings := paths.warn_two_way with input as ladder with data.params as params
	count(findings) == 1
	some f in findings
	startswith(f.msg, "No transition lets an individual contributor move into management")
}

test_example_is_left_out_without_peers if {
	ladder := fixture.patched([
		fixture.remove("/spec/transitions"),
		fixture.replace("/spec/tracks/1/levels", [{"id": "M9", "title": "Engineering Manager", "grade": 9}]),
	])
	findings := paths.warn_two_way with input as ladder with data.params as params
	some f in findings
	contains(f.msg, "Add one, so that people can try management")
}

# Real shapes

test_healthy_shaped_ladder_has_no_path_findings if {
	count(paths.deny_ic_growth) == 0 with input as fixture.shaped with data.params as params
	count(paths.warn_two_way) == 0 with input as fixture.shaped with data.params as params
	count(paths.warn_ic_ceiling) == 0 with input as fixture.shaped with data.params as params
}

test_a_branch_from_the_trunk_is_a_move_into_management if {
	# Management branches from SE3: only the way back is missing.
	ladder := fixture.shaped_patched([fixture.remove("/spec/transitions")])
	findings := paths.warn_two_way with input as ladder with data.params as params
	findings == {{
		"msg": "No transition lets a manager move back to an IC level: spec.transitions has no move from a management level to an IC or shared level. Add one (for example from EM to STAFF), so that moving into management is not a one-way door.",
		"level": "",
		"path": ["spec", "tracks"],
	}}
}

test_a_branch_from_management_is_a_move_back if {
	ladder := fixture.shaped_patched([
		fixture.remove("/spec/transitions"),
		fixture.replace("/spec/tracks/1/from", "EM"),
	])
	count(paths.warn_two_way) == 0 with input as ladder with data.params as params
}

test_a_branch_from_an_ic_level_is_a_move_into_management if {
	# Management branches from STAFF; a transition within the trunk is no move between the sides.
	ladder := fixture.shaped_patched([
		fixture.replace("/spec/tracks/2/from", "STAFF"),
		fixture.replace("/spec/tracks/2/levels/0/grade", 4),
		fixture.replace("/spec/transitions", [{"from": "SE3", "to": "SE2"}]),
	])
	findings := paths.warn_two_way with input as ladder with data.params as params
	count(findings) == 1
	some f in findings
	startswith(f.msg, "No transition lets a manager move back")
}

test_example_is_on_the_ic_track_with_the_most_levels if {
	specialists := {"id": "specialist", "name": "Specialist", "type": "ic", "levels": [
		{"id": "SP3", "title": "Senior Specialist", "grade": 3},
		{"id": "SP4", "title": "Staff Specialist", "grade": 4},
		{"id": "SP5", "title": "Principal Specialist", "grade": 5},
		{"id": "SP6", "title": "Distinguished Specialist", "grade": 6},
		{"id": "SP7", "title": "Specialist Fellow", "grade": 7},
		{"id": "SP8", "title": "Senior Specialist Fellow", "grade": 8},
		{"id": "SP9", "title": "Chief Specialist", "grade": 9},
	]}
	ladder := fixture.patched([fixture.remove("/spec/transitions"), fixture.add("/spec/tracks/-", specialists)])
	findings := paths.warn_two_way with input as ladder with data.params as params
	some f in findings
	contains(f.msg, "(for example from M1 to SP4)")
	listed_first := fixture.patched([fixture.remove("/spec/transitions"), fixture.add("/spec/tracks/0", specialists)])
	also := paths.warn_two_way with input as listed_first with data.params as params
	some g in also
	contains(g.msg, "(for example from M1 to SP4)")
}

test_example_falls_back_to_another_ic_track if {
	# The longest IC track has no level at M1's grade; a shorter one has.
	specialists := {"id": "specialist", "name": "Specialist", "type": "ic", "levels": [{"id": "SP4", "title": "Staff Specialist", "grade": 4}]}
	ladder := fixture.patched([
		fixture.remove("/spec/transitions"),
		fixture.replace("/spec/tracks/0/levels/3/grade", 3),
		fixture.add("/spec/tracks/-", specialists),
	])
	findings := paths.warn_two_way with input as ladder with data.params as params
	some f in findings
	contains(f.msg, "(for example from SP4 to M1)")
}

# paths/ic-ceiling

# A second IC discipline that stops at grade 5, below the management top (6).
qa_track := {"id": "qa", "name": "Quality Engineering", "type": "ic", "levels": [
	{"id": "QE4", "title": "Staff QA Engineer", "grade": 4},
	{"id": "QE5", "title": "Principal QA Engineer", "grade": 5},
]}

test_an_ic_track_stops_short if {
	ladder := fixture.patched([fixture.add("/spec/tracks/-", qa_track)])
	findings := paths.warn_ic_ceiling with input as ladder with data.params as params
	fixture.well_formed(findings)
	findings == {{
		"msg": "The Quality Engineering track stops at QE5 Principal QA Engineer (grade 5), below the top of the management side, M3 Director of Engineering (grade 6). Add levels to the Quality Engineering track up to grade 6, or a transition from QE5 to a higher IC level, so that people on this track can rise as high as managers without becoming one.",
		"level": "QE5",
		"path": ["spec", "tracks", 2, "levels", 1, "grade"],
	}}
}

test_a_transition_up_from_the_top_of_a_track if {
	ladder := fixture.patched([
		fixture.add("/spec/tracks/-", qa_track),
		fixture.add("/spec/transitions/-", {"from": "QE5", "to": "IC6"}),
	])
	count(paths.warn_ic_ceiling) == 0 with input as ladder with data.params as params
}

test_a_transition_sideways_or_into_management_is_no_way_up if {
	ladder := fixture.patched([
		fixture.add("/spec/tracks/-", qa_track),
		fixture.add("/spec/transitions/-", {"from": "QE5", "to": "IC5"}),
		fixture.add("/spec/transitions/-", {"from": "QE5", "to": "M3"}),
	])
	count(paths.warn_ic_ceiling) == 1 with input as ladder with data.params as params
}

test_one_ic_track_is_left_to_parity_top_grade if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/1/levels/2/grade", 7)])
	count(paths.warn_ic_ceiling) == 0 with input as ladder with data.params as params
}

test_ic_ceiling_needs_both_sides if {
	ladder := fixture.patched([fixture.add("/spec/tracks/-", qa_track), fixture.remove("/spec/tracks/1")])
	count(paths.warn_ic_ceiling) == 0 with input as ladder with data.params as params
}

test_every_ic_track_reaching_the_top_is_fine if {
	ladder := fixture.patched([fixture.add("/spec/tracks/-", json.patch(qa_track, [{"op": "add", "path": "/levels/-", "value": {"id": "QE6", "title": "Distinguished QA Engineer", "grade": 6}}]))])
	count(paths.warn_ic_ceiling) == 0 with input as ladder with data.params as params
}
