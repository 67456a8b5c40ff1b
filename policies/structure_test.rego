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

test_level_at_the_same_grade_as_its_predecessor if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/2/grade", 2)])
	findings := structure.deny_grade_order with input as ladder
	fixture.well_formed(findings)
	findings == {{
		"msg": "IC3 Senior Engineer (grade 2) is listed after IC2 Engineer (grade 2) in the Individual Contributor track but is not at a higher grade. List each track's levels from junior to senior, each at a higher grade than the one before it, or correct the grade.",
		"level": "IC3",
		"path": ["spec", "tracks", 0, "levels", 2, "grade"],
	}}
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
