package ladderctl.bands_test

import rego.v1

import data.ladderctl.bands
import data.ladderctl.lib_test as fixture

params := fixture.params

pay_of(ti, li, band) := fixture.replace(sprintf("/spec/tracks/%d/levels/%d/pay", [ti, li]), band)

test_healthy_ladder_has_no_band_findings if {
	count(bands.deny_monotonic) == 0 with input as fixture.ladder with data.params as params
	count(bands.warn_spread) == 0 with input as fixture.ladder with data.params as params
	count(bands.warn_overlap) == 0 with input as fixture.ladder with data.params as params
}

# bands/monotonic

test_band_below_the_previous_level if {
	ladder := fixture.patched([pay_of(0, 4, {"min": 130000, "max": 190000})])
	findings := bands.deny_monotonic with input as ladder with data.params as params
	fixture.well_formed(findings)
	findings == {{
		"msg": "IC5 Principal Engineer (grade 5) is paid USD 130,000-190,000, less than IC4 Staff Engineer (grade 4, USD 140,000-195,000), the next level down with a pay band in the Individual Contributor track: both its minimum and its maximum fall. Raise the band of IC5 to at least USD 140,000-195,000 (or lower that of IC4) so that pay never falls with a promotion.",
		"level": "IC5",
		"path": ["spec", "tracks", 0, "levels", 4, "pay"],
	}}
}

test_only_the_minimum_falls if {
	ladder := fixture.patched([pay_of(1, 2, {"min": 170000, "max": 300000})])
	findings := bands.deny_monotonic with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "M3", "path": ["spec", "tracks", 1, "levels", 2, "pay"]}}
	some f in findings
	contains(f.msg, ": its minimum falls. Raise the minimum of M3 to at least USD 175,000 (or lower that of M2)")
}

test_levels_without_a_valid_band_are_skipped if {
	# IC4 has no band and IC5's band is invalid: IC6 is compared with IC3.
	ladder := fixture.patched([
		fixture.remove("/spec/tracks/0/levels/3/pay"),
		pay_of(0, 4, {"min": 999999, "max": 1}),
		pay_of(0, 5, {"min": 120000, "max": 150000}),
	])
	findings := bands.deny_monotonic with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "IC6", "path": ["spec", "tracks", 0, "levels", 5, "pay"]}}
	some f in findings
	contains(f.msg, "less than IC3 Senior Engineer (grade 3, USD 115,000-160,000)")
	contains(f.msg, ": its maximum falls. Raise the maximum of IC6 to at least USD 160,000")
}

test_equal_bands_do_not_fall if {
	ladder := fixture.patched([pay_of(0, 1, {"min": 80000, "max": 110000})])
	count(bands.deny_monotonic) == 0 with input as ladder with data.params as params
}

test_monotonic_goes_by_grade_not_by_listing_order if {
	ladder := {"spec": {"currency": "EUR", "tracks": [{"id": "ic", "type": "ic", "levels": [
		{"id": "B", "title": "Senior", "grade": 2, "pay": {"min": 100, "max": 150}},
		{"id": "A", "title": "Junior", "grade": 1, "pay": {"min": 90, "max": 140}},
	]}]}}
	count(bands.deny_monotonic) == 0 with input as ladder with data.params as params
}

test_monotonic_is_judged_per_track if {
	# Management paid below the top of the IC track is not a fall.
	ladder := fixture.patched([pay_of(1, 0, {"min": 100000, "max": 130000})])
	count(bands.deny_monotonic) == 0 with input as ladder with data.params as params
}

# bands/spread

test_band_too_narrow if {
	ladder := fixture.patched([pay_of(0, 3, {"min": 180000, "max": 190000})])
	findings := bands.warn_spread with input as ladder with data.params as params
	fixture.well_formed(findings)
	findings == {{
		"msg": "IC4 Staff Engineer (grade 4) has a pay band of USD 180,000-190,000, a spread ((max - min) / min) of 5.6%, under the 15% minimum. Widen the band, for example by raising the maximum to at least USD 207,000, so that people have room to grow within the level.",
		"level": "IC4",
		"path": ["spec", "tracks", 0, "levels", 3, "pay"],
	}}
}

test_band_too_wide if {
	ladder := fixture.patched([pay_of(1, 1, {"min": 150000, "max": 400000})])
	findings := bands.warn_spread with input as ladder with data.params as params
	findings == {{
		"msg": "M2 Senior Engineering Manager (grade 5) has a pay band of USD 150,000-400,000, a spread ((max - min) / min) of 166.7%, over the 100% maximum. Narrow the band, for example by lowering the maximum to at most USD 300,000, or split the level in two.",
		"level": "M2",
		"path": ["spec", "tracks", 1, "levels", 1, "pay"],
	}}
}

test_spread_exactly_at_the_limits_passes if {
	ladder := fixture.patched([pay_of(0, 0, {"min": 100000, "max": 115000}), pay_of(0, 5, {"min": 200000, "max": 400000})])
	count(bands.warn_spread) == 0 with input as ladder with data.params as params
}

test_spread_ignores_invalid_bands if {
	ladder := fixture.patched([pay_of(0, 0, {"min": 0, "max": 110000}), pay_of(0, 1, {"min": 130000, "max": 95000})])
	count(bands.warn_spread) == 0 with input as ladder with data.params as params
}

test_spread_limits_come_from_params if {
	narrow := object.union(params, {"band_spread_max": 0.38})
	findings := bands.warn_spread with input as fixture.ladder with data.params as narrow
	{f.level | some f in findings} == {"IC3", "IC4", "IC5", "IC6", "M3"}
}

# bands/overlap

test_bands_overlapping_too_much if {
	ladder := fixture.patched([pay_of(0, 1, {"min": 85000, "max": 130000})])
	findings := bands.warn_overlap with input as ladder with data.params as params
	fixture.well_formed(findings)
	findings == {{
		"msg": "The pay band of IC2 Engineer (grade 2, USD 85,000-130,000) covers 83.3% of the band of IC1 Associate Engineer, the level below it (grade 1, USD 80,000-110,000), where at most 60% is accepted. Raise the minimum of IC2 to at least USD 92,000 (or lower the maximum of IC1) so that a promotion brings a real step in pay.",
		"level": "IC2",
		"path": ["spec", "tracks", 0, "levels", 1, "pay"],
	}}
}

test_overlap_exactly_at_the_limit_passes if {
	ladder := fixture.patched([pay_of(0, 1, {"min": 92000, "max": 130000})])
	count(bands.warn_overlap) == 0 with input as ladder with data.params as params
}

test_overlap_of_a_higher_band_inside_the_lower_one if {
	ladder := fixture.patched([pay_of(1, 2, {"min": 180000, "max": 230000})])
	findings := bands.warn_overlap with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "M3", "path": ["spec", "tracks", 1, "levels", 2, "pay"]}}
	some f in findings
	contains(f.msg, "covers 76.9% of the band of M2 Senior Engineering Manager")
	contains(f.msg, "Move the two bands further apart, raising the band of M3 so that")
}

test_overlap_skips_a_lower_band_of_zero_width if {
	ladder := fixture.patched([pay_of(0, 0, {"min": 100000, "max": 100000})])
	count(bands.warn_overlap) == 0 with input as ladder with data.params as params
}

test_overlap_only_between_neighbours_by_grade if {
	# IC2 has no band, so IC3 is not compared with IC1.
	ladder := fixture.patched([fixture.remove("/spec/tracks/0/levels/1/pay"), pay_of(0, 2, {"min": 82000, "max": 160000})])
	count(bands.warn_overlap) == 0 with input as ladder with data.params as params
}

test_overlap_ignores_invalid_bands if {
	ladder := fixture.patched([pay_of(0, 1, {"min": 100000, "max": 90000})])
	count(bands.warn_overlap) == 0 with input as ladder with data.params as params
}

test_overlap_limit_comes_from_params if {
	# The fixture's neighbours share 43% to 50% of the lower band.
	findings := bands.warn_overlap with input as fixture.ladder with data.params as object.union(params, {"band_overlap_max": 0.45})
	fixture.located(findings) == {
		{"level": "IC2", "path": ["spec", "tracks", 0, "levels", 1, "pay"]},
		{"level": "IC5", "path": ["spec", "tracks", 0, "levels", 4, "pay"]},
		{"level": "IC6", "path": ["spec", "tracks", 0, "levels", 5, "pay"]},
		{"level": "M2", "path": ["spec", "tracks", 1, "levels", 1, "pay"]},
		{"level": "M3", "path": ["spec", "tracks", 1, "levels", 2, "pay"]},
	}
}

# Real shapes

test_healthy_shaped_ladder_has_no_band_findings if {
	count(bands.deny_monotonic) == 0 with input as fixture.shaped with data.params as params
	count(bands.warn_spread) == 0 with input as fixture.shaped with data.params as params
	count(bands.warn_overlap) == 0 with input as fixture.shaped with data.params as params
}

test_pay_falls_in_one_zone if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/2/levels/1/pay/uk", {"min": 110000, "max": 183000})])
	findings := bands.deny_monotonic with input as ladder with data.params as params
	findings == {{
		"msg": "DIR Director of Engineering (grade 5) is paid GBP 110,000-183,000 in the United Kingdom zone (uk), less than EM Engineering Manager (grade 4, GBP 114,000-150,000), the next level down with a pay band in the Management track: its minimum falls. Raise the minimum of DIR to at least GBP 114,000 (or lower that of EM) so that pay never falls with a promotion.",
		"level": "DIR",
		"path": ["spec", "tracks", 2, "levels", 1, "pay", "uk"],
	}}
}

test_levels_at_one_grade_are_compared_with_the_grade_below if {
	# CTO is paid less than VP, at the same grade: fine. Less than DIR, below it: not.
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/2/levels/3/pay/us", {"min": 230000, "max": 330000})])
	findings := bands.deny_monotonic with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "CTO", "path": ["spec", "tracks", 2, "levels", 3, "pay", "us"]}}
	some f in findings
	contains(f.msg, "less than DIR Director of Engineering (grade 5, USD 235,000-305,000)")
	count(bands.warn_overlap) == 1 with input as ladder with data.params as params
}

test_equal_grades_with_one_band_do_not_overlap if {
	# VP and CTO share a band in the fixture: they are not neighbours by grade.
	count(bands.warn_overlap) == 0 with input as fixture.shaped with data.params as params
}

test_spread_in_one_zone if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/0/levels/0/pay/uk", {"min": 60000, "max": 63000})])
	findings := bands.warn_spread with input as ladder with data.params as params
	findings == {{
		"msg": "SE1 Software Engineer I (grade 1) has a pay band of GBP 60,000-63,000 in the United Kingdom zone (uk), a spread ((max - min) / min) of 5%, under the 15% minimum. Widen the band, for example by raising the maximum to at least GBP 69,000, so that people have room to grow within the level.",
		"level": "SE1",
		"path": ["spec", "tracks", 0, "levels", 0, "pay", "uk"],
	}}
}

test_overlap_in_one_zone if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/0/levels/1/pay/us", {"min": 105000, "max": 160000})])
	findings := bands.warn_overlap with input as ladder with data.params as params
	fixture.located(findings) == {{"level": "SE2", "path": ["spec", "tracks", 0, "levels", 1, "pay", "us"]}}
	some f in findings
	startswith(f.msg, "The pay band of SE2 Software Engineer II (grade 2, USD 105,000-160,000 in the us zone) covers 83.3% of the band of SE1")
}

test_bands_of_the_other_form_are_left_to_structure if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/1/levels/2/pay", {"min": 1, "max": 1000000})])
	count(bands.warn_spread) == 0 with input as ladder with data.params as params
	count(bands.deny_monotonic) == 0 with input as ladder with data.params as params
}
