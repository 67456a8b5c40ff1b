package ladderctl.lib_test

import rego.v1

import data.ladderctl.lib

# Fixtures shared by the tests of the whole pack.

# The defaults of every param of the pack, as the engine fills data.params.
params := {
	"parity_pay_tolerance": 0.10,
	"parity_scope_slack": 1,
	"min_ic_levels_from_branch": 2,
	"band_spread_min": 0.15,
	"band_spread_max": 1.0,
	"band_overlap_max": 0.60,
}

# A healthy dual-track ladder: no rule of the pack finds anything in it.
# Track 0 (ic) lists IC1..IC6 at grades 1..6; track 1 (mgmt) lists M1..M3 at
# grades 4..6, peers of IC4..IC6.
ladder := {
	"apiVersion": "ladderctl/v1",
	"kind": "Ladder",
	"metadata": {"name": "acme-engineering", "title": "Acme Engineering"},
	"spec": {
		"currency": "USD",
		"competencies": [
			{"id": "craft", "name": "Craft"},
			{"id": "impact", "name": "Impact"},
			{"id": "people", "name": "People", "tracks": ["mgmt"]},
		],
		"tracks": [
			{
				"id": "ic",
				"name": "Individual Contributor",
				"type": "ic",
				"levels": [
					{
						"id": "IC1", "title": "Associate Engineer", "grade": 1, "scope": "task",
						"pay": {"min": 80000, "max": 110000},
						"summary": "Delivers well-defined tasks with guidance.",
					},
					{
						"id": "IC2", "title": "Engineer", "grade": 2, "scope": "feature",
						"pay": {"min": 95000, "max": 130000},
						"expectations": {"craft": "Builds features end to end."},
					},
					{
						"id": "IC3", "title": "Senior Engineer", "grade": 3, "scope": "team",
						"pay": {"min": 115000, "max": 160000},
						"summary": "Leads the technical work of a team.",
						"expectations": {"craft": ["Designs systems for the team.", "Reviews designs."]},
					},
					{
						"id": "IC4", "title": "Staff Engineer", "grade": 4, "scope": "multi-team",
						"pay": {"min": 140000, "max": 195000},
						"summary": "Sets technical direction for several teams.",
						"expectations": {"impact": "Moves a group of teams forward."},
					},
					{
						"id": "IC5", "title": "Principal Engineer", "grade": 5, "scope": "org",
						"pay": {"min": 170000, "max": 235000},
						"summary": "Shapes the architecture of the organisation.",
					},
					{
						"id": "IC6", "title": "Distinguished Engineer", "grade": 6, "scope": "company",
						"pay": {"min": 205000, "max": 285000},
						"summary": "Sets technical strategy for the company.",
					},
				],
			},
			{
				"id": "mgmt",
				"name": "Management",
				"type": "management",
				"levels": [
					{
						"id": "M1", "title": "Engineering Manager", "grade": 4, "scope": "team",
						"pay": {"min": 145000, "max": 200000},
						"summary": "Leads one team and grows its people.",
						"expectations": {"people": "Hires and coaches engineers."},
					},
					{
						"id": "M2", "title": "Senior Engineering Manager", "grade": 5, "scope": "multi-team",
						"pay": {"min": 175000, "max": 240000},
						"summary": "Leads several teams through their managers.",
					},
					{
						"id": "M3", "title": "Director of Engineering", "grade": 6, "scope": "org",
						"pay": {"min": 210000, "max": 290000},
						"summary": "Leads an engineering organisation.",
					},
				],
			},
		],
		"transitions": [
			{"from": "IC4", "to": "M1"},
			{"from": "M1", "to": "IC4"},
		],
	},
}

# Paths into the fixture.
level_path(ti, li) := ["spec", "tracks", ti, "levels", li]

field_path(ti, li, field) := array.concat(level_path(ti, li), [field])

# The ladder with one JSON patch operation applied.
patched(ops) := json.patch(ladder, ops)

replace(path, value) := {"op": "replace", "path": path, "value": value}

remove(path) := {"op": "remove", "path": path}

add(path, value) := {"op": "add", "path": path, "value": value}

# Findings without their messages, to assert where they point.
located(findings) := {{"level": f.level, "path": f.path} | some f in findings}

# Every finding has exactly the shape the engine reads.
well_formed(findings) if {
	every f in findings {
		object.keys(f) == {"msg", "level", "path"}
		is_string(f.msg)
		is_string(f.level)
		is_array(f.path)
	}
}

# Tests of the helpers.

test_levels_carry_their_position if {
	entries := lib.levels with input as ladder
	count(entries) == 9
	some entry in entries
	entry.id == "M2"
	entry.track_index == 1
	entry.level_index == 1
	entry.track_type == "management"
	entry.grade == 5
	entry.path == ["spec", "tracks", 1, "levels", 1]
}

test_levels_of_a_ladder_without_tracks_are_empty if {
	count(lib.levels) == 0 with input as {"spec": {}}
}

test_sides if {
	lib.ic_level_ids == {"IC1", "IC2", "IC3", "IC4", "IC5", "IC6"} with input as ladder
	lib.management_level_ids == {"M1", "M2", "M3"} with input as ladder
	lib.has_both_sides with input as ladder
}

test_one_side_only if {
	one_side := patched([remove("/spec/tracks/1")])
	not lib.has_both_sides with input as one_side
	count(lib.peers) == 0 with input as one_side
}

test_several_tracks_form_one_side if {
	specialist := {"id": "spec", "name": "Specialist", "type": "ic", "levels": [{"id": "SP4", "title": "Staff Specialist", "grade": 4}]}
	ids := lib.ic_level_ids with input as patched([add("/spec/tracks/-", specialist)])
	ids == {"IC1", "IC2", "IC3", "IC4", "IC5", "IC6", "SP4"}
	pairs := {[p.ic.id, p.management.id] | some p in lib.peers} with input as patched([add("/spec/tracks/-", specialist)])
	pairs == {["IC4", "M1"], ["SP4", "M1"], ["IC5", "M2"], ["IC6", "M3"]}
}

test_peers_share_a_grade if {
	pairs := {[p.ic.id, p.management.id] | some p in lib.peers} with input as ladder
	pairs == {["IC4", "M1"], ["IC5", "M2"], ["IC6", "M3"]}
}

test_management_levels_without_peer if {
	lonely := patched([replace("/spec/tracks/1/levels/2/grade", 7)])
	{m.id | some m in lib.management_levels_without_peer} == {"M3"} with input as lonely
	count(lib.management_levels_without_peer) == 0 with input as ladder
}

test_valid_band if {
	lib.valid_band({"min": 1, "max": 1})
	lib.valid_band({"min": 100000, "max": 150000.5})
	not lib.valid_band({"min": 0, "max": 10})
	not lib.valid_band({"min": -5, "max": 10})
	not lib.valid_band({"min": 20, "max": 10})
	not lib.valid_band({"min": 20})
	not lib.valid_band({"min": "20", "max": 30})
	not lib.valid_band({})
}

test_banded_levels_by_grade_skip_invalid_and_sort if {
	shuffled := patched([
		replace("/spec/tracks/0/levels/0/grade", 9),
		replace("/spec/tracks/0/levels/2/pay", {"min": 0, "max": 1}),
		remove("/spec/tracks/0/levels/3/pay"),
	])
	ids := [e.id | some e in lib.banded_levels_by_grade(lib.track_levels[0])] with input as shuffled
	ids == ["IC2", "IC5", "IC6", "IC1"]
}

test_levels_by_grade_break_ties_by_listing_order if {
	tied := patched([replace("/spec/tracks/1/levels/0/grade", 5)])
	ids := [e.id | some e in lib.levels_by_grade(lib.track_levels[1])] with input as tied
	ids == ["M1", "M2", "M3"]
}

test_highest_and_lowest_take_the_first_in_document_order_among_ties if {
	tied := patched([replace("/spec/tracks/1/levels/1/grade", 6), replace("/spec/tracks/1/levels/0/grade", 6)])
	top := lib.highest(lib.management_levels) with input as tied
	top.id == "M1"
	bottom := lib.lowest(lib.ic_levels) with input as ladder
	bottom.id == "IC1"
}

test_paid_levels_include_invalid_bands if {
	broken := patched([replace("/spec/tracks/0/levels/0/pay", {"min": 0, "max": 0}), remove("/spec/tracks/0/levels/1/pay")])
	count(lib.paid_levels) == 8 with input as broken
}

test_scope_rank if {
	lib.scope_rank.task == 0
	lib.scope_rank["multi-team"] == 3
	lib.scope_rank.industry == 6
	count(lib.scope_rank) == 7
}

test_money_uses_the_ladder_currency if {
	lib.money(180000) == "USD 180,000" with input as ladder
	lib.money_range(162000, 216000.0) == "USD 162,000-216,000" with input as ladder
	lib.money(1.8e+05) == "USD 180,000" with input as ladder
	lib.money(99.5) == "USD 99.50" with input as ladder
}

test_money_without_currency if {
	lib.money(180000) == "180,000" with input as patched([remove("/spec/currency")])
	lib.money(180000) == "180,000" with input as patched([replace("/spec/currency", " ")])
}

test_percent if {
	lib.percent(0.1) == "10%"
	lib.percent(0.125) == "12.5%"
	lib.percent(1) == "100%"
	lib.percent(0.83333) == "83.3%"
	lib.percent_above(25000, 30000, 0.6) == "83.3%"
	lib.percent_above(6004, 10000, 0.6) == "60.1%"
	lib.percent_above(10001, 10000, 1) == "100.1%"
	lib.percent_below(551, 10000, 0.15) == "5.5%"
	lib.percent_below(1499, 10000, 0.15) == "14.9%"
}

test_quantity if {
	lib.quantity(1, "step", "steps") == "1 step"
	lib.quantity(2, "step", "steps") == "2 steps"
	lib.quantity(0, "level", "levels") == "0 levels"
}

test_label_and_track_name if {
	entry := lib.highest(lib.ic_levels) with input as ladder
	lib.label(entry) == "IC6 Distinguished Engineer"
	lib.track_name(1) == "Management" with input as ladder
	lib.track_name(1) == "mgmt" with input as patched([remove("/spec/tracks/1/name")])
}

test_numbers_are_grouped_by_thousands if {
	lib.number_text(0) == "0"
	lib.number_text(999) == "999"
	lib.number_text(1000) == "1,000"
	lib.number_text(123456) == "123,456"
	lib.number_text(1234567) == "1,234,567"
	lib.number_text(-45000) == "-45,000"
	lib.number_text(1234.5) == "1,234.50"
}

test_has_pay_whatever_the_value if {
	lib.has_pay({"level": {"pay": {"min": 1, "max": 2}}})
	lib.has_pay({"level": {"pay": false}})
	lib.has_pay({"level": {"pay": null}})
	not lib.has_pay({"level": {"id": "IC1"}})
	count(lib.paid_levels) == 1 with input as {"spec": {"tracks": [{"id": "ic", "type": "ic", "levels": [
		{"id": "IC1", "title": "Engineer", "grade": 1, "pay": false},
		{"id": "IC2", "title": "Senior Engineer", "grade": 2},
	]}]}}
}

test_banded_levels_keep_the_grade_order_of_all_levels if {
	tied := patched([replace("/spec/tracks/1/levels/0/grade", 5), remove("/spec/tracks/1/levels/1/pay")])
	ids := [e.id | some e in lib.banded_levels_by_grade(lib.track_levels[1])] with input as tied
	ids == ["M1", "M3"]
}
