package ladderctl.parity_test

import rego.v1

import data.ladderctl.lib_test as fixture
import data.ladderctl.parity

params := fixture.params

# A ladder with only its IC track.
ic_only := fixture.patched([fixture.remove("/spec/tracks/1")])

# A second IC track with one level at grade 4, beside IC4 and M1.
specialist_track(level) := {"id": "specialist", "name": "Specialist", "type": "ic", "levels": [level]}

test_healthy_ladder_has_no_parity_findings if {
	count(parity.deny_top_grade) == 0 with input as fixture.ladder with data.params as params
	count(parity.deny_peer_level) == 0 with input as fixture.ladder with data.params as params
	count(parity.deny_pay) == 0 with input as fixture.ladder with data.params as params
	count(parity.warn_scope) == 0 with input as fixture.ladder with data.params as params
}

test_one_side_only_gets_no_parity_findings if {
	count(parity.deny_top_grade) == 0 with input as ic_only with data.params as params
	count(parity.deny_peer_level) == 0 with input as ic_only with data.params as params
	count(parity.deny_pay) == 0 with input as ic_only with data.params as params
	count(parity.warn_scope) == 0 with input as ic_only with data.params as params
}

# parity/top-grade

# A VP grade above the highest IC level: both parity/top-grade and
# parity/peer-level, on purpose.
vp_without_peer := fixture.patched([
	fixture.replace("/spec/tracks/1/levels/2/grade", 7),
	fixture.replace("/spec/tracks/1/levels/2/title", "VP of Engineering"),
])

test_management_above_the_highest_ic_level if {
	findings := parity.deny_top_grade with input as vp_without_peer with data.params as params
	fixture.well_formed(findings)
	findings == {{
		"msg": "The management track reaches grade 7 (M3 VP of Engineering), but the highest IC level is grade 6 (IC6 Distinguished Engineer). Add an IC level at grade 7 so that individual contributors can rise as high as managers.",
		"level": "M3",
		"path": ["spec", "tracks", 1, "levels", 2, "grade"],
	}}
}

test_a_vp_without_peer_is_also_a_missing_peer if {
	findings := parity.deny_peer_level with input as vp_without_peer with data.params as params
	fixture.located(findings) == {{"level": "M3", "path": ["spec", "tracks", 1, "levels", 2, "grade"]}}
}

test_ic_side_above_management_is_fine if {
	ladder := fixture.patched([fixture.add("/spec/tracks/0/levels/-", {"id": "IC7", "title": "Fellow", "grade": 7, "summary": "x"})])
	count(parity.deny_top_grade) == 0 with input as ladder with data.params as params
}

test_top_grade_reached_by_another_ic_track if {
	fellows := {"id": "fellows", "name": "Fellows", "type": "ic", "levels": [{"id": "F7", "title": "Fellow", "grade": 7}]}
	ladder := json.patch(vp_without_peer, [fixture.add("/spec/tracks/-", fellows)])
	count(parity.deny_top_grade) == 0 with input as ladder with data.params as params
	count(parity.deny_peer_level) == 0 with input as ladder with data.params as params
}

test_top_grade_points_at_the_first_of_tied_management_levels if {
	executives := {"id": "exec", "name": "Executive", "type": "management", "levels": [{"id": "E7", "title": "CTO", "grade": 7}]}
	ladder := json.patch(vp_without_peer, [fixture.add("/spec/tracks/1", executives)])
	findings := parity.deny_top_grade with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "E7", "path": ["spec", "tracks", 1, "levels", 0, "grade"]}}
}

# parity/peer-level

test_management_level_without_peer if {
	ladder := fixture.patched([fixture.remove("/spec/tracks/0/levels/3")])
	findings := parity.deny_peer_level with input as ladder with data.params as params
	findings == {{
		"msg": "M1 Engineering Manager (grade 4) has no IC peer: no IC level is at grade 4. Add an IC level at grade 4 so that individual contributors can reach the same standing without becoming managers.",
		"level": "M1",
		"path": ["spec", "tracks", 1, "levels", 0, "grade"],
	}}
	count(parity.deny_top_grade) == 0 with input as ladder with data.params as params
}

test_peer_from_another_ic_track_counts if {
	ladder := fixture.patched([
		fixture.remove("/spec/tracks/0/levels/3"),
		fixture.add("/spec/tracks/-", specialist_track({"id": "SP4", "title": "Staff Specialist", "grade": 4})),
	])
	count(parity.deny_peer_level) == 0 with input as ladder with data.params as params
}

# parity/pay

test_ic_band_below_on_both_bounds if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/3/pay", {"min": 100000, "max": 150000})])
	findings := parity.deny_pay with input as ladder with data.params as params
	fixture.well_formed(findings)
	findings == {{
		"msg": "IC4 Staff Engineer (grade 4) is paid USD 100,000-150,000, below its management peer M1 Engineering Manager (USD 145,000-200,000) by more than 10% on both the minimum and the maximum. Raise the IC band to at least USD 130,500-180,000.",
		"level": "IC4",
		"path": ["spec", "tracks", 0, "levels", 3, "pay"],
	}}
}

test_ic_band_below_on_the_minimum_only if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/3/pay/min", 130499)])
	findings := parity.deny_pay with input as ladder with data.params as params
	findings == {{
		"msg": "IC4 Staff Engineer (grade 4) is paid USD 130,499-195,000, below its management peer M1 Engineering Manager (USD 145,000-200,000) by more than 10% on the minimum. Raise the IC minimum to at least USD 130,500.",
		"level": "IC4",
		"path": ["spec", "tracks", 0, "levels", 3, "pay"],
	}}
}

test_ic_band_below_on_the_maximum_only if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/4/pay/max", 200000)])
	findings := parity.deny_pay with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "IC5", "path": ["spec", "tracks", 0, "levels", 4, "pay"]}}
	some f in findings
	endswith(f.msg, "by more than 10% on the maximum. Raise the IC maximum to at least USD 216,000.")
}

test_ic_band_exactly_at_the_tolerance_passes if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/3/pay", {"min": 130500, "max": 180000})])
	count(parity.deny_pay) == 0 with input as ladder with data.params as params
}

test_tolerance_comes_from_params if {
	strict := object.union(params, {"parity_pay_tolerance": 0})
	findings := parity.deny_pay with input as fixture.ladder with data.params as strict
	fixture.located(findings) == {
		{"level": "IC4", "path": ["spec", "tracks", 0, "levels", 3, "pay"]},
		{"level": "IC5", "path": ["spec", "tracks", 0, "levels", 4, "pay"]},
		{"level": "IC6", "path": ["spec", "tracks", 0, "levels", 5, "pay"]},
	}
	some f in findings
	f.level == "IC6"
	contains(f.msg, "by more than 0% on both the minimum and the maximum. Raise the IC band to at least USD 210,000-290,000.")
}

test_ic_peer_without_pay if {
	ladder := fixture.patched([fixture.remove("/spec/tracks/0/levels/5/pay")])
	findings := parity.deny_pay with input as ladder with data.params as params
	findings == {{
		"msg": "IC6 Distinguished Engineer (grade 6) has no pay band, while its management peer M3 Director of Engineering is paid USD 210,000-290,000. Give IC6 a band of at least USD 189,000-261,000 so that individual contributors are paid on par with managers.",
		"level": "IC6",
		"path": ["spec", "tracks", 0, "levels", 5, "id"],
	}}
}

test_invalid_ic_band_is_left_to_structure if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/5/pay", {"min": 0, "max": 1000})])
	count(parity.deny_pay) == 0 with input as ladder with data.params as params
}

test_invalid_management_band_is_left_to_structure if {
	ladder := fixture.patched([
		fixture.replace("/spec/tracks/1/levels/2/pay", {"min": 400000, "max": 300000}),
		fixture.replace("/spec/tracks/0/levels/5/pay", {"min": 1000, "max": 2000}),
	])
	count(parity.deny_pay) == 0 with input as ladder with data.params as params
}

test_no_management_pay_says_nothing if {
	ladder := fixture.patched([
		fixture.remove("/spec/tracks/1/levels/0/pay"),
		fixture.remove("/spec/tracks/0/levels/3/pay"),
	])
	count(parity.deny_pay) == 0 with input as ladder with data.params as params
}

test_each_ic_peer_is_judged if {
	ladder := fixture.patched([fixture.add(
		"/spec/tracks/-",
		specialist_track({"id": "SP4", "title": "Staff Specialist", "grade": 4, "pay": {"min": 100000, "max": 190000}}),
	)])
	findings := parity.deny_pay with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "SP4", "path": ["spec", "tracks", 2, "levels", 0, "pay"]}}
}

# parity/scope

test_ic_scope_too_narrow if {
	ladder := fixture.patched([
		fixture.replace("/spec/tracks/0/levels/4/scope", "team"),
		fixture.replace("/spec/tracks/1/levels/1/scope", "org"),
	])
	findings := parity.warn_scope with input as ladder with data.params as params
	fixture.well_formed(findings)
	findings == {{
		"msg": "IC5 Principal Engineer (grade 5) has scope \"team\", 2 steps narrower than its management peer M2 Senior Engineering Manager (scope \"org\"), where at most 1 step narrower is accepted. Widen the IC level's scope to at least \"multi-team\", or check that the two levels really are peers.",
		"level": "IC5",
		"path": ["spec", "tracks", 0, "levels", 4, "scope"],
	}}
}

test_ic_scope_narrower_by_exactly_the_slack_passes if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/4/scope", "team")])
	count(parity.warn_scope) == 0 with input as ladder with data.params as params
}

test_scope_slack_comes_from_params if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/4/scope", "team")])
	findings := parity.warn_scope with input as ladder with data.params as object.union(params, {"parity_scope_slack": 0})
	fixture.located(findings) == {{"level": "IC5", "path": ["spec", "tracks", 0, "levels", 4, "scope"]}}
	some f in findings
	contains(f.msg, "1 step narrower than its management peer")
	contains(f.msg, "where at most 0 steps narrower is accepted. Widen the IC level's scope to at least \"multi-team\"")
}

test_scope_on_one_side_only_says_nothing if {
	ladder := fixture.patched([
		fixture.replace("/spec/tracks/0/levels/4/scope", "task"),
		fixture.remove("/spec/tracks/1/levels/1/scope"),
	])
	count(parity.warn_scope) == 0 with input as ladder with data.params as params
}

# Real shapes

test_healthy_shaped_ladder_has_no_parity_findings if {
	count(parity.deny_top_grade) == 0 with input as fixture.shaped with data.params as params
	count(parity.deny_peer_level) == 0 with input as fixture.shaped with data.params as params
	count(parity.deny_pay) == 0 with input as fixture.shaped with data.params as params
	count(parity.warn_scope) == 0 with input as fixture.shaped with data.params as params
}

test_only_the_uk_band_lags if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/levels/1/pay/uk", {"min": 120000, "max": 180000})])
	findings := parity.deny_pay with input as ladder with data.params as params
	findings == {{
		"msg": "PRINCIPAL Principal Engineer (grade 5) is paid GBP 120,000-180,000 in the United Kingdom zone (uk), below its management peer DIR Director of Engineering (GBP 141,000-183,000) by more than 10% on the minimum. Raise the IC minimum in that zone to at least GBP 126,900.",
		"level": "PRINCIPAL",
		"path": ["spec", "tracks", 1, "levels", 1, "pay", "uk"],
	}}
}

test_a_peer_without_a_band_in_one_zone if {
	ladder := fixture.shaped_patched([fixture.remove("/spec/tracks/1/levels/1/pay/uk")])
	findings := parity.deny_pay with input as ladder with data.params as params
	findings == {{
		"msg": "PRINCIPAL Principal Engineer (grade 5) has no pay band in the United Kingdom zone (uk), while its management peer DIR Director of Engineering is paid GBP 141,000-183,000. Give PRINCIPAL a band of at least GBP 126,900-164,700 in that zone so that individual contributors are paid on par with managers.",
		"level": "PRINCIPAL",
		"path": ["spec", "tracks", 1, "levels", 1, "pay"],
	}}
}

test_a_peer_without_pay_lacks_a_band_in_every_zone if {
	ladder := fixture.shaped_patched([fixture.remove("/spec/tracks/1/levels/1/pay")])
	findings := parity.deny_pay with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "PRINCIPAL", "path": ["spec", "tracks", 1, "levels", 1, "id"]}}
	count(findings) == 2
}

test_a_band_of_the_other_form_is_left_to_structure if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/levels/1/pay", {"min": 1, "max": 2})])
	count(parity.deny_pay) == 0 with input as ladder with data.params as params
}

test_shared_levels_are_nobodys_peers if {
	# A team lead at grade 3 has no IC peer: SE3, at grade 3, is on neither side.
	lead := {"id": "TL", "title": "Team Lead", "grade": 3, "summary": "Leads a small team."}
	ladder := fixture.shaped_patched([fixture.add("/spec/tracks/2/levels/0", lead)])
	findings := parity.deny_peer_level with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "TL", "path": ["spec", "tracks", 2, "levels", 0, "grade"]}}
}

test_shared_levels_count_for_neither_top if {
	fellow := {"id": "SE7", "title": "Fellow", "grade": 7, "summary": "Shapes the company."}
	ladder := fixture.shaped_patched([
		fixture.add("/spec/tracks/0/levels/-", fellow),
		fixture.replace("/spec/tracks/2/levels/3/grade", 7),
	])
	findings := parity.deny_top_grade with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "CTO", "path": ["spec", "tracks", 2, "levels", 3, "grade"]}}
}
