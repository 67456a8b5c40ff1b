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
	"ic_titles_allowed": ["Program Manager", "Product Manager", "Project Manager", "Release Manager"],
}

# A healthy dual-track ladder: no rule of the pack finds anything in it but
# content/continuity, for IC4 states an expectation for impact and none for
# craft, which IC3 states.
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

# A healthy ladder in the real shapes: no rule of the pack finds anything in
# it. Track 0 (trunk, shared) lists SE1..SE3 at grades 1..3; track 1 (ic,
# cumulative) branches from SE3 with STAFF, PRINCIPAL and DIST at grades 4..6;
# track 2 (mgmt) branches from SE3 with EM, DIR, VP and CTO at grades 4, 5, 6
# and 6. Pay is by zone: us (no name, in spec.currency) and uk (GBP). The
# proficiencies are working < practitioner < expert; x- fields are the user's.
shaped := {
	"apiVersion": "ladderctl/v1",
	"kind": "Ladder",
	"metadata": {"name": "shaped-engineering"},
	"spec": {
		"currency": "USD",
		"x-review": {"owner": "people-team"},
		"zones": [{"id": "us"}, {"id": "uk", "name": "United Kingdom", "currency": "GBP"}],
		"proficiencies": ["working", "practitioner", "expert"],
		"competencies": [
			{"id": "craft", "name": "Craft"},
			{"id": "delivery", "name": "Delivery"},
			{"id": "people", "name": "People", "tracks": ["mgmt"]},
		],
		"tracks": [
			{
				"id": "trunk", "name": "Engineering", "type": "shared",
				"levels": [
					{
						"id": "SE1", "title": "Software Engineer I", "grade": 1,
						"pay": {"us": {"min": 100000, "max": 130000}, "uk": {"min": 60000, "max": 78000}},
						"expectations": {"craft": {"proficiency": "working", "text": "Writes tested code."}, "delivery": "Ships tasks."},
					},
					{
						"id": "SE2", "title": "Software Engineer II", "grade": 2,
						"pay": {"us": {"min": 120000, "max": 160000}, "uk": {"min": 72000, "max": 96000}},
						"expectations": {"craft": {"proficiency": "working", "text": "Builds features."}, "delivery": "Ships features."},
					},
					{
						"id": "SE3", "title": "Senior Engineer", "grade": 3,
						"pay": {"us": {"min": 150000, "max": 200000}, "uk": {"min": 90000, "max": 120000}},
						"expectations": {"craft": {"proficiency": "practitioner", "text": "Designs systems."}, "delivery": ["Leads projects."]},
					},
				],
			},
			{
				"id": "ic", "name": "Individual Contributor", "type": "ic", "from": "SE3", "cumulative": true,
				"x-owner": "staff-council",
				"levels": [
					{
						"id": "STAFF", "title": "Staff Engineer", "grade": 4, "x-headcount-target": 4,
						"pay": {"us": {"min": 190000, "max": 250000}, "uk": {"min": 114000, "max": 150000}},
						"expectations": {"craft": {"proficiency": "expert", "text": "Sets direction for several teams."}},
					},
					{
						"id": "PRINCIPAL", "title": "Principal Engineer", "grade": 5,
						"pay": {"us": {"min": 230000, "max": 300000}, "uk": {"min": 138000, "max": 180000}},
						"expectations": {"delivery": "Leads programmes across the organisation."},
					},
					{
						"id": "DIST", "title": "Distinguished Engineer", "grade": 6,
						"pay": {"us": {"min": 280000, "max": 370000}, "uk": {"min": 168000, "max": 222000}},
						"summary": "Sets technical strategy for the company.",
					},
				],
			},
			{
				"id": "mgmt", "name": "Management", "type": "management", "from": "SE3",
				"levels": [
					{
						"id": "EM", "title": "Engineering Manager", "grade": 4,
						"pay": {"us": {"min": 190000, "max": 250000}, "uk": {"min": 114000, "max": 150000}},
						"expectations": {"people": "Leads one team.", "delivery": "Owns the roadmap.", "x-note": "Reviewed in 2026."},
					},
					{
						"id": "DIR", "title": "Director of Engineering", "grade": 5,
						"pay": {"us": {"min": 235000, "max": 305000}, "uk": {"min": 141000, "max": 183000}, "x-note": "Reviewed in 2026."},
						"expectations": {"people": "Leads managers.", "delivery": "Owns a group's plan."},
					},
					{
						"id": "VP", "title": "VP of Engineering", "grade": 6,
						"pay": {"us": {"min": 285000, "max": 380000}, "uk": {"min": 171000, "max": 228000}},
						"expectations": {"people": "Leads engineering.", "delivery": "Owns the engineering budget."},
					},
					{
						"id": "CTO", "title": "CTO", "grade": 6,
						"pay": {"us": {"min": 285000, "max": 380000}, "uk": {"min": 171000, "max": 228000}},
						"expectations": {"people": "Leads technology.", "delivery": "Owns the technology strategy."},
					},
				],
			},
		],
		"transitions": [{"from": "EM", "to": "STAFF"}],
	},
}

# The shaped ladder with JSON patch operations applied.
shaped_patched(ops) := json.patch(shaped, ops)

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

test_proficiencies_asked_lists_each_named_proficiency if {
	doc := {"spec": {"tracks": [{"id": "ic", "type": "ic", "levels": [
		{"id": "A", "title": "A", "grade": 1, "expectations": {
			"craft": {"proficiency": "working", "text": "Builds."},
			"impact": "Ships.",
			"x-note": ["a list"],
		}},
		{"id": "B", "title": "B", "grade": 2, "expectations": {"craft": {"proficiency": "expert"}}},
	]}]}}
	asked := {[level.id, competency, proficiency] |
		some [level, competency, proficiency] in lib.proficiencies_asked with input as doc
	}
	asked == {["A", "craft", "working"], ["B", "craft", "expert"]}
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

# Real shapes

entry_of(id) := entry if {
	some entry in lib.levels
	entry.id == id
}

test_shared_levels_are_on_neither_side if {
	lib.ic_level_ids == {"STAFF", "PRINCIPAL", "DIST"} with input as shaped
	lib.management_level_ids == {"EM", "DIR", "VP", "CTO"} with input as shaped
	lib.non_management_level_ids == {"SE1", "SE2", "SE3", "STAFF", "PRINCIPAL", "DIST"} with input as shaped
	pairs := {[p.ic.id, p.management.id] | some p in lib.peers} with input as shaped
	pairs == {["STAFF", "EM"], ["PRINCIPAL", "DIR"], ["DIST", "VP"], ["DIST", "CTO"]}
	lib.ic_tracks == {1} with input as shaped
}

test_branches_are_moves if {
	lib.moves == {["EM", "STAFF"], ["SE3", "STAFF"], ["SE3", "EM"]} with input as shaped
	starts := lib.branch_points with input as shaped
	{ti: {s.id | some s in points} | some ti, points in starts} == {1: {"SE3"}, 2: {"SE3"}}
}

test_a_branch_from_its_own_track_or_nowhere_has_no_start if {
	own := shaped_patched([replace("/spec/tracks/1/from", "PRINCIPAL")])
	count(lib.branch_points[1]) == 0 with input as own
	nowhere := shaped_patched([replace("/spec/tracks/1/from", "SE9")])
	count(lib.branch_points[1]) == 0 with input as nowhere
	lib.moves == {["EM", "STAFF"], ["SE3", "EM"]} with input as nowhere
}

test_named_levels if {
	lib.named(entry_of("STAFF")) == "STAFF Staff Engineer (grade 4)" with input as shaped
	lib.named(entry_of("CTO")) == "CTO (grade 6)" with input as shaped
	lib.label(entry_of("CTO")) == "CTO" with input as shaped
}

test_grade_starts if {
	lib.grade_starts([{"grade": 1}, {"grade": 2}, {"grade": 2}, {"grade": 3}]) == {1: 0, 2: 1, 3: 3}
	lib.grade_starts([]) == {}
}

test_first_and_later_positions if {
	keyed := [["b", 0], ["a", 1], ["b", 2], ["b", 3], ["c", 4]]
	lib.first_positions(keyed) == {"a": 1, "b": 0, "c": 4}
	lib.later_positions(keyed) == {[2, 0], [3, 0]}
	lib.later_positions([["a", 0], ["b", 1]]) == set()
}

test_zones_and_bands if {
	lib.has_zones with input as shaped
	lib.pays_by_zone with input as shaped
	lib.zone_ids == {"us", "uk"} with input as shaped
	lib.band_zones == {"us", "uk"} with input as shaped
	count(lib.bands) == 20 with input as shaped
	lib.band_in({"us": {"min": 1, "max": 2}, "x-note": "n"}, "us") == {"min": 1, "max": 2} with input as shaped
	not lib.band_in({"us": {"min": 1, "max": 2}, "x-note": "n"}, "x-note") with input as shaped
	not lib.band_in({"eu": {"min": 1, "max": 2}}, "eu") with input as shaped
	lib.band_in({"eu": {"min": 1, "max": 2}}, "eu") == {"min": 1, "max": 2} with input as shaped_patched([remove("/spec/zones")])
	not lib.band_in({"min": 1, "max": 2}, "") with input as shaped
}

test_plain_bands if {
	not lib.pays_by_zone with input as ladder
	lib.band_zones == {""} with input as ladder
	lib.band_in({"min": 1, "max": 2}, "") == {"min": 1, "max": 2} with input as ladder
	not lib.band_in({"us": {"min": 1, "max": 2}}, "us") with input as ladder
	some band in lib.bands with input as ladder
	band.entry.id == "IC1"
	band.path == ["spec", "tracks", 0, "levels", 0, "pay"]
}

test_a_ladder_paying_every_level_by_zone_pays_by_zone_without_zones if {
	unzoned := shaped_patched([remove("/spec/zones")])
	not lib.has_zones with input as unzoned
	lib.pays_by_zone with input as unzoned
	mixed := shaped_patched([remove("/spec/zones"), replace("/spec/tracks/0/levels/0/pay", {"min": 1, "max": 2})])
	not lib.pays_by_zone with input as mixed
}

test_zoned_pay if {
	lib.zoned_pay({"uk": {"min": 1, "max": 2}})
	not lib.zoned_pay({"min": 1, "max": 2})
	not lib.zoned_pay({"min": 1})
	not lib.zoned_pay({})
	not lib.zoned_pay({"x-note": "n"})
	not lib.zoned_pay(false)
}

test_zone_currency_and_names if {
	lib.currency_in("uk") == "GBP" with input as shaped
	lib.currency_in("us") == "USD" with input as shaped
	lib.currency_in("eu") == "USD" with input as shaped
	not lib.currency_in("us") with input as shaped_patched([remove("/spec/currency")])
	lib.zone_text("uk") == "the United Kingdom zone (uk)" with input as shaped
	lib.zone_text("us") == "the us zone" with input as shaped
	lib.in_zone("uk") == " in the United Kingdom zone (uk)" with input as shaped
	lib.in_zone("") == ""
	lib.money_in("uk", 120000) == "GBP 120,000" with input as shaped
	lib.band_text_in("us", {"min": 1000, "max": 2000}) == "USD 1,000-2,000" with input as shaped
}

test_extension_keys if {
	lib.extension("x-note")
	not lib.extension("craft")
	not lib.extension("next")
}
