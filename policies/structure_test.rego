package ladderctl.structure_test

import rego.v1

import data.ladderctl.lib_test as fixture
import data.ladderctl.structure

test_healthy_ladder_has_no_structure_findings if {
	count(structure.deny_unique_ids) == 0 with input as fixture.ladder
	count(structure.deny_grade_order) == 0 with input as fixture.ladder
	count(structure.deny_pay_range) == 0 with input as fixture.ladder
	count(structure.deny_references) == 0 with input as fixture.ladder
}

# structure/unique-ids

test_level_id_repeated_in_another_track if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/1/levels/0/id", "IC4")])
	findings := structure.deny_unique_ids with input as ladder
	fixture.well_formed(findings)
	findings == {{
		"msg": "IC4 Engineering Manager (grade 4, Management track) uses the id IC4, which IC4 Staff Engineer (grade 4, Individual Contributor track) already uses. Give each level its own id across the ladder so that transitions, waivers and reports point at one level.",
		"level": "IC4",
		"path": ["spec", "tracks", 1, "levels", 0, "id"],
	}}
}

test_each_later_copy_of_a_level_id_is_reported if {
	ladder := fixture.patched([
		fixture.replace("/spec/tracks/0/levels/4/id", "IC2"),
		fixture.replace("/spec/tracks/1/levels/2/id", "IC2"),
	])
	findings := structure.deny_unique_ids with input as ladder
	fixture.located(findings) == {
		{"level": "IC2", "path": ["spec", "tracks", 0, "levels", 4, "id"]},
		{"level": "IC2", "path": ["spec", "tracks", 1, "levels", 2, "id"]},
	}
}

test_track_id_repeated if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/1/id", "ic")])
	findings := structure.deny_unique_ids with input as ladder
	findings == {{
		"msg": "Track Management uses the id \"ic\", which track Individual Contributor already uses. Give each track its own id so that competencies and reports point at one track.",
		"level": "",
		"path": ["spec", "tracks", 1, "id"],
	}}
}

test_competency_id_repeated if {
	ladder := fixture.patched([fixture.replace("/spec/competencies/2/id", "craft")])
	findings := structure.deny_unique_ids with input as ladder
	fixture.located(findings) == {{"level": "", "path": ["spec", "competencies", 2, "id"]}}
}

test_a_track_and_a_level_may_share_an_id if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/0/id", "ic")])
	count(structure.deny_unique_ids) == 0 with input as ladder
}

# structure/grade-order

test_level_below_its_predecessor if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/2/grade", 1)])
	findings := structure.deny_grade_order with input as ladder
	fixture.well_formed(findings)
	findings == {{
		"msg": "IC3 Senior Engineer (grade 1) is listed after IC2 Engineer (grade 2) in the Individual Contributor track but is at a lower grade. List each track's levels from junior to senior, none at a lower grade than the one before it, or correct the grade.",
		"level": "IC3",
		"path": ["spec", "tracks", 0, "levels", 2, "grade"],
	}}
}

test_two_titles_may_share_a_grade if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/2/grade", 2)])
	count(structure.deny_grade_order) == 0 with input as ladder
}

test_grade_order_compares_with_the_level_listed_just_before if {
	# IC2 jumps to grade 5: IC3 falls below it, IC4 is again above IC3.
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/1/grade", 5)])
	findings := structure.deny_grade_order with input as ladder
	fixture.located(findings) == {{"level": "IC3", "path": ["spec", "tracks", 0, "levels", 2, "grade"]}}
}

test_grade_order_is_per_track if {
	# Management starting below the IC track's last grade is fine.
	ladder := fixture.patched([fixture.replace("/spec/tracks/1/levels/0/grade", 0)])
	count(structure.deny_grade_order) == 0 with input as ladder
}

# structure/pay-range

test_minimum_above_maximum if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/2/pay", {"min": 160000, "max": 115000})])
	findings := structure.deny_pay_range with input as ladder
	fixture.well_formed(findings)
	findings == {{
		"msg": "IC3 Senior Engineer (grade 3) has a pay band whose minimum, USD 160,000, is above its maximum, USD 115,000. Correct the band so that the minimum is at most the maximum.",
		"level": "IC3",
		"path": ["spec", "tracks", 0, "levels", 2, "pay"],
	}}
}

test_minimum_of_zero if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/1/levels/1/pay/min", 0)])
	findings := structure.deny_pay_range with input as ladder
	findings == {{
		"msg": "M2 Senior Engineering Manager (grade 5) has a pay band starting at USD 0, but the minimum must be above zero. Set it to the lowest pay of the level.",
		"level": "M2",
		"path": ["spec", "tracks", 1, "levels", 1, "pay"],
	}}
}

test_bounds_not_above_zero_and_missing_bound if {
	ladder := fixture.patched([
		fixture.replace("/spec/tracks/0/levels/0/pay", {"min": 0, "max": -10}),
		fixture.remove("/spec/tracks/0/levels/1/pay/max"),
	])
	findings := structure.deny_pay_range with input as ladder
	fixture.located(findings) == {
		{"level": "IC1", "path": ["spec", "tracks", 0, "levels", 0, "pay"]},
		{"level": "IC2", "path": ["spec", "tracks", 0, "levels", 1, "pay"]},
	}
	some f in findings
	f.level == "IC2"
	contains(f.msg, "without a numeric minimum and maximum")
}

test_a_band_of_one_amount_is_valid if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/0/pay", {"min": 90000, "max": 90000})])
	count(structure.deny_pay_range) == 0 with input as ladder
}

test_missing_currency_points_at_the_first_pay if {
	ladder := fixture.patched([fixture.remove("/spec/currency"), fixture.remove("/spec/tracks/0/levels/0/pay")])
	findings := structure.deny_pay_range with input as ladder
	findings == {{
		"msg": "IC2 Engineer and 7 other levels have pay bands, but the ladder does not say in which currency. Set spec.currency to the ISO 4217 code of the amounts, e.g. USD or EUR.",
		"level": "IC2",
		"path": ["spec", "tracks", 0, "levels", 1, "pay"],
	}}
}

test_missing_currency_with_one_band if {
	ladder := {"spec": {"tracks": [{"id": "ic", "type": "ic", "levels": [
		{"id": "IC1", "title": "Engineer", "grade": 1},
		{"id": "IC2", "title": "Senior Engineer", "grade": 2, "pay": {"min": 100, "max": 150}},
	]}]}}
	findings := structure.deny_pay_range with input as ladder
	some f in findings
	f.msg == "IC2 Senior Engineer has a pay band, but the ladder does not say in which currency. Set spec.currency to the ISO 4217 code of the amounts, e.g. USD or EUR."
	count(findings) == 1
}

test_missing_currency_and_an_invalid_band_are_two_findings if {
	ladder := fixture.patched([
		fixture.remove("/spec/currency"),
		fixture.replace("/spec/tracks/0/levels/0/pay/min", 0),
	])
	findings := structure.deny_pay_range with input as ladder
	count(findings) == 2
	fixture.located(findings) == {{"level": "IC1", "path": ["spec", "tracks", 0, "levels", 0, "pay"]}}
}

test_no_currency_needed_without_pay if {
	ladder := json.patch(fixture.ladder, array.concat(
		[fixture.remove("/spec/currency")],
		[fixture.remove(sprintf("/spec/tracks/%d/levels/%d/pay", [ti, li])) |
			some ti, track in fixture.ladder.spec.tracks
			some li, _ in track.levels
		],
	))
	count(structure.deny_pay_range) == 0 with input as ladder
}

# structure/references

test_transition_to_an_unknown_level if {
	ladder := fixture.patched([fixture.replace("/spec/transitions/0/to", "M9")])
	findings := structure.deny_references with input as ladder
	fixture.well_formed(findings)
	findings == {{
		"msg": "The transition from IC4 to M9 names M9, but no level of this ladder has that id. Use the id of an existing level, or remove the transition.",
		"level": "",
		"path": ["spec", "transitions", 0, "to"],
	}}
}

test_both_ends_of_a_transition_unknown if {
	ladder := fixture.patched([fixture.add("/spec/transitions/-", {"from": "X1", "to": "Y1"})])
	findings := structure.deny_references with input as ladder
	fixture.located(findings) == {
		{"level": "", "path": ["spec", "transitions", 2, "from"]},
		{"level": "", "path": ["spec", "transitions", 2, "to"]},
	}
}

test_expectation_for_an_unknown_competency if {
	ladder := fixture.patched([fixture.add("/spec/tracks/0/levels/4/expectations", {"leadership": "Guides several teams."})])
	findings := structure.deny_references with input as ladder
	findings == {{
		"msg": "IC5 Principal Engineer has expectations for the competency \"leadership\", which the ladder does not define. Add it to spec.competencies, or use one of the ladder's competencies: craft, impact, people.",
		"level": "IC5",
		"path": ["spec", "tracks", 0, "levels", 4, "expectations", "leadership"],
	}}
}

test_expectations_without_any_competency if {
	ladder := fixture.patched([fixture.remove("/spec/competencies")])
	findings := structure.deny_references with input as ladder
	fixture.located(findings) == {
		{"level": "IC2", "path": ["spec", "tracks", 0, "levels", 1, "expectations", "craft"]},
		{"level": "IC3", "path": ["spec", "tracks", 0, "levels", 2, "expectations", "craft"]},
		{"level": "IC4", "path": ["spec", "tracks", 0, "levels", 3, "expectations", "impact"]},
		{"level": "M1", "path": ["spec", "tracks", 1, "levels", 0, "expectations", "people"]},
	}
	some f in findings
	f.level == "M1"
	endswith(f.msg, "Add it to spec.competencies; the ladder defines no competencies yet.")
}

# Real shapes

test_healthy_shaped_ladder_has_no_structure_findings if {
	count(structure.deny_unique_ids) == 0 with input as fixture.shaped
	count(structure.deny_grade_order) == 0 with input as fixture.shaped
	count(structure.deny_pay_range) == 0 with input as fixture.shaped
	count(structure.deny_references) == 0 with input as fixture.shaped
}

test_a_branch_starting_below_its_from_level if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/levels/0/grade", 2)])
	findings := structure.deny_grade_order with input as ladder
	findings == {{
		"msg": "STAFF Staff Engineer (grade 2), the first level of the Individual Contributor track, is below SE3 Senior Engineer (grade 3), the level the track branches from. Raise its grade to at least 3, or branch the track from a lower level.",
		"level": "STAFF",
		"path": ["spec", "tracks", 1, "levels", 0, "grade"],
	}}
}

test_a_branch_may_start_at_the_grade_of_its_from_level if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/levels/0/grade", 3)])
	count(structure.deny_grade_order) == 0 with input as ladder
}

test_ids_equal_as_people_read_them_are_duplicates if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/1/levels/0/id", "IC4\u200b")])
	findings := structure.deny_unique_ids with input as ladder
	findings == {{
		"msg": "IC4\u200b Engineering Manager (grade 4, Management track) uses the id \"IC4\\u200b\" (IC4 as people read it), which IC4 Staff Engineer (grade 4, Individual Contributor track) already uses. Give each level its own id across the ladder so that transitions, waivers and reports point at one level.",
		"level": "IC4\u200b",
		"path": ["spec", "tracks", 1, "levels", 0, "id"],
	}}
}

test_fullwidth_track_competency_and_zone_ids_are_duplicates if {
	ladder := fixture.shaped_patched([
		fixture.replace("/spec/tracks/2/id", "ｉｃ"),
		fixture.replace("/spec/competencies/1/id", "ｃｒａｆｔ"),
		fixture.add("/spec/zones/-", {"id": "u\u00ADk", "name": "Britain"}),
	])
	findings := structure.deny_unique_ids with input as ladder
	fixture.located(findings) == {
		{"level": "", "path": ["spec", "tracks", 2, "id"]},
		{"level": "", "path": ["spec", "competencies", 1, "id"]},
		{"level": "", "path": ["spec", "zones", 2, "id"]},
	}
	some f in findings
	f.path == ["spec", "zones", 2, "id"]
	f.msg == "Zone Britain uses the id \"u\\u00adk\" (\"uk\" as people read it), which zone United Kingdom already uses. Give each pay zone its own id so that every band of a level names one zone."
}

test_repeated_zone_ids if {
	ladder := fixture.shaped_patched([fixture.add("/spec/zones/-", {"id": "us", "currency": "CAD"})])
	findings := structure.deny_unique_ids with input as ladder
	findings == {{
		"msg": "Zone us uses the id \"us\", which zone us already uses. Give each pay zone its own id so that every band of a level names one zone.",
		"level": "",
		"path": ["spec", "zones", 2, "id"],
	}}
}

test_an_invalid_band_in_a_zone if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/levels/1/pay/uk", {"min": 160000, "max": 115000})])
	findings := structure.deny_pay_range with input as ladder
	findings == {{
		"msg": "PRINCIPAL Principal Engineer (grade 5) has a pay band in the United Kingdom zone (uk) whose minimum, GBP 160,000, is above its maximum, GBP 115,000. Correct the band so that the minimum is at most the maximum.",
		"level": "PRINCIPAL",
		"path": ["spec", "tracks", 1, "levels", 1, "pay", "uk"],
	}}
}

test_a_zone_band_without_numbers if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/levels/1/pay/us", {"min": 0, "max": 0})])
	findings := structure.deny_pay_range with input as ladder
	some f in findings
	f.msg == "PRINCIPAL Principal Engineer (grade 5) has a pay band in the us zone from USD 0 to USD 0, but both bounds must be above zero. Enter the real minimum and maximum pay of the level."
}

test_one_band_in_a_ladder_that_pays_by_zone if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/levels/1/pay", {"min": 230000, "max": 300000})])
	findings := structure.deny_pay_range with input as ladder
	findings == {{
		"msg": "PRINCIPAL Principal Engineer (grade 5) has one pay band for every location, but the ladder pays by zone (uk, us). Give PRINCIPAL one band per zone instead, keyed by zone id, so that each band is compared with bands of the same zone.",
		"level": "PRINCIPAL",
		"path": ["spec", "tracks", 1, "levels", 1, "pay"],
	}}
}

test_pay_by_zone_beside_plain_bands if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/1/pay", {"us": {"min": 95000, "max": 130000}, "x-note": "n"})])
	findings := structure.deny_pay_range with input as ladder
	findings == {{
		"msg": "IC2 Engineer (grade 2) gives its pay by zone (us), but other levels of the ladder have one band each and spec.zones defines no zones. Use one form across the ladder: define the zones in spec.zones and give every level one band per zone, or give IC2 one band.",
		"level": "IC2",
		"path": ["spec", "tracks", 0, "levels", 1, "pay"],
	}}
}

test_a_zone_without_currency if {
	ladder := fixture.shaped_patched([fixture.remove("/spec/currency")])
	findings := structure.deny_pay_range with input as ladder
	findings == {{
		"msg": "SE1 Software Engineer I (grade 1) and 9 other levels have pay bands in the us zone, but neither the zone nor the ladder says in which currency. Set the zone's currency in spec.zones (or spec.currency for every zone without one) to the ISO 4217 code of the amounts, e.g. GBP.",
		"level": "SE1",
		"path": ["spec", "tracks", 0, "levels", 0, "pay", "us"],
	}}
}

test_every_zone_with_its_own_currency_needs_no_ladder_currency if {
	ladder := fixture.shaped_patched([fixture.remove("/spec/currency"), fixture.add("/spec/zones/0/currency", "USD")])
	count(structure.deny_pay_range) == 0 with input as ladder
}

test_a_branch_from_an_unknown_level if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/from", "SE9")])
	findings := structure.deny_references with input as ladder
	findings == {{
		"msg": "The Individual Contributor track branches from SE9, but no level of this ladder has that id. Name the level of another track that the track branches from, or remove from.",
		"level": "",
		"path": ["spec", "tracks", 1, "from"],
	}}
}

test_a_branch_from_its_own_level if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/from", "PRINCIPAL")])
	findings := structure.deny_references with input as ladder
	some f in findings
	f.msg == "The Individual Contributor track branches from PRINCIPAL, but that level is on the track itself. Name the level of another track that the track branches from, or remove from."
}

test_branches_in_a_circle if {
	ladder := fixture.shaped_patched([
		fixture.add("/spec/tracks/0/from", "EM"),
		fixture.replace("/spec/tracks/2/from", "SE3"),
	])
	findings := structure.deny_references with input as ladder
	findings == {{
		"msg": "The tracks Engineering, Management branch from each other in a circle (Engineering from EM; Management from SE3), so none of them has a first level to start from. Remove from on one of them, or make it branch from a level of a track outside the circle.",
		"level": "",
		"path": ["spec", "tracks", 0, "from"],
	}}
}

test_a_branch_into_a_circle_is_not_in_it if {
	ladder := fixture.shaped_patched([fixture.add("/spec/tracks/0/from", "EM")])

	# Management branches from SE3 of the trunk, which branches from EM.
	findings := structure.deny_references with input as ladder
	fixture.located(findings) == {{"level": "", "path": ["spec", "tracks", 0, "from"]}}
	count(structure.deny_references) == 0 with input as fixture.shaped
}

test_a_zone_the_ladder_does_not_define if {
	ladder := fixture.shaped_patched([fixture.add("/spec/tracks/2/levels/0/pay/eu", {"min": 1, "max": 2})])
	findings := structure.deny_references with input as ladder
	findings == {{
		"msg": "EM Engineering Manager (grade 4) has a pay band for the zone \"eu\", which the ladder does not define. Add it to spec.zones, or use one of the ladder's zones: uk, us.",
		"level": "EM",
		"path": ["spec", "tracks", 2, "levels", 0, "pay", "eu"],
	}}
}

test_zones_without_spec_zones if {
	ladder := fixture.shaped_patched([fixture.remove("/spec/zones")])
	findings := structure.deny_references with input as ladder
	count(findings) == 20
	some f in findings
	f.path == ["spec", "tracks", 0, "levels", 0, "pay", "uk"]
	endswith(f.msg, "Add it to spec.zones, with its name and currency.")
	count(structure.deny_pay_range) == 0 with input as ladder
}

test_a_proficiency_off_the_scale if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/levels/0/expectations/craft/proficiency", "master")])
	findings := structure.deny_references with input as ladder
	findings == {{
		"msg": "STAFF Staff Engineer (grade 4) expects the proficiency \"master\" in craft, which is not on the ladder's scale. Use one of working, practitioner, expert (spec.proficiencies, lowest first), or add it to the scale.",
		"level": "STAFF",
		"path": ["spec", "tracks", 1, "levels", 0, "expectations", "craft", "proficiency"],
	}}
}

test_proficiencies_without_a_scale if {
	ladder := fixture.shaped_patched([fixture.remove("/spec/proficiencies")])
	findings := structure.deny_references with input as ladder
	count(findings) == 4
	every f in findings {
		endswith(f.msg, "List the scale, lowest first, in spec.proficiencies.")
	}
}

test_x_keys_are_not_competencies_or_zones if {
	# EM's expectations and DIR's pay hold x-note keys in the fixture.
	count(structure.deny_references) == 0 with input as fixture.shaped
	ladder := fixture.patched([fixture.add("/spec/tracks/0/levels/0/expectations", {"x-source": "Handbook 2025"})])
	count(structure.deny_references) == 0 with input as ladder
}
