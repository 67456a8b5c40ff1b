package ladderctl.roster_test

import rego.v1

import data.ladderctl.lib_test as fixture
import data.ladderctl.roster

params := object.union(fixture.params, {"pay_gap_threshold": 0.05})

# The counts of the fixture ladder (IC1..IC6 at grades 1..6, M1..M3 at 4..6)
# as ladderctl roster gives them: every grade, each side's people and, for
# groups of at least 5, pay.
side(n) := {"people": n, "pay": {}}

paid(n, median, mean) := {"people": n, "pay": {"": {"people": n, "median": median, "mean": mean}}}

grade(g, ic, management) := {"grade": g, "ic": ic, "management": management, "shared": side(0), "gender": {}}

healthy_grades := [
	grade(1, side(8), side(0)),
	grade(2, side(12), side(0)),
	grade(3, side(15), side(0)),
	grade(4, paid(10, 160000, 161000), paid(6, 165000, 166000)),
	grade(5, side(4), side(3)),
	grade(6, side(1), side(2)),
]

counts(grades) := {"levels": {}, "grades": grades, "unknown_rows": []}

data_of(c) := {
	"min_group": 5, "gender": true, "home": "acme-engineering", "unknown_rows": [],
	"ladders": {"acme-engineering": c},
}

healthy := data_of(counts(healthy_grades))

test_a_staffed_ladder_has_no_roster_findings if {
	count(roster.deny_unknown_level) == 0 with input as fixture.ladder with data.params as params with data.roster as healthy
	count(roster.warn_ic_on_paper) == 0 with input as fixture.ladder with data.params as params with data.roster as healthy
	count(roster.warn_outside_band) == 0 with input as fixture.ladder with data.params as params with data.roster as healthy
	count(roster.warn_pay_parity) == 0 with input as fixture.ladder with data.params as params with data.roster as healthy
	count(roster.warn_gender_gap) == 0 with input as fixture.ladder with data.params as params with data.roster as healthy
}

test_without_a_roster_the_rules_say_nothing if {
	count(roster.deny_unknown_level) == 0 with input as fixture.ladder with data.params as params
	count(roster.warn_ic_on_paper) == 0 with input as fixture.ladder with data.params as params
	count(roster.warn_pay_parity) == 0 with input as fixture.ladder with data.params as params
}

test_an_empty_ic_grade_beside_staffed_managers_is_on_paper if {
	grades := array.concat(array.slice(healthy_grades, 0, 5), [grade(6, side(0), side(3))])
	findings := roster.warn_ic_on_paper with input as fixture.ladder with data.params as params with data.roster as data_of(counts(grades))
	count(findings) == 1
	some f in findings
	f.level == "IC6"
	f.path == ["spec", "tracks", 0, "levels", 5, "id"]
	f.msg == "Nobody holds the IC level at grade 6 (IC6 Distinguished Engineer), while <5 people hold the management level there (M3 Director of Engineering): at this grade the IC track exists only on paper. Find who could grow into IC6 Distinguished Engineer, hire for it, or say in the ladder why the level is empty."
}

test_empty_grades_below_management_or_without_managers_are_fine if {
	# Grade 3 is below the lowest management grade; grade 6 has no managers either.
	grades := [
		grade(3, side(0), side(0)),
		grade(4, side(5), side(5)),
		grade(6, side(0), side(0)),
	]
	count(roster.warn_ic_on_paper) == 0 with input as fixture.ladder with data.params as params with data.roster as data_of(counts(grades))
}

test_people_outside_the_band_are_counted if {
	levels := {"IC3": {"people": 12, "grade": 3, "side": "ic", "bands": {"": {"paid": 12, "below": 0, "above": 6, "min": 115000, "max": 160000}}}}
	c := object.union(counts(healthy_grades), {"levels": levels})
	findings := roster.warn_outside_band with input as fixture.ladder with data.params as params with data.roster as data_of(c)
	count(findings) == 1
	some f in findings
	f.level == "IC3"
	f.path == ["spec", "tracks", 0, "levels", 2, "pay"]
	f.msg == "6 of the 12 people with pay at IC3 Senior Engineer (grade 3) are paid outside its band of USD 115,000-160,000: 0 below the minimum and 6 above the maximum. Bring their pay into the band, or review the band against what the level is paid."
}

test_small_counts_outside_the_band_show_as_fewer_than_the_group if {
	levels := {"IC6": {"people": 2, "grade": 6, "side": "ic", "bands": {"": {"paid": 2, "below": 1, "above": 0, "min": 205000, "max": 285000}}}}
	c := object.union(counts(healthy_grades), {"levels": levels})
	findings := roster.warn_outside_band with input as fixture.ladder with data.params as params with data.roster as data_of(c)
	some f in findings
	startswith(f.msg, "<5 of the <5 people with pay at IC6 Distinguished Engineer (grade 6) are paid outside its band of USD 205,000-285,000: <5 below the minimum and 0 above")
}

test_ic_median_below_management_beyond_tolerance if {
	grades := [grade(4, paid(10, 140000, 141000), paid(6, 165000, 166000))]
	findings := roster.warn_pay_parity with input as fixture.ladder with data.params as params with data.roster as data_of(counts(grades))
	count(findings) == 1
	some f in findings
	f.level == "IC4"
	f.msg == "At grade 4, the median pay of the IC side (USD 140,000 over 10 people) is 15.2% below the median of the management side (USD 165,000 over 6 people), more than the 10% parity_pay_tolerance allows. Review the pay of IC4 Staff Engineer against its management peers."
}

test_ic_median_within_tolerance_or_groups_too_small if {
	within := [grade(4, paid(10, 150000, 150000), paid(6, 165000, 166000))]
	count(roster.warn_pay_parity) == 0 with input as fixture.ladder with data.params as params with data.roster as data_of(counts(within))

	# A side under the minimum group has no pay figures at all.
	small := [grade(4, side(3), paid(6, 165000, 166000))]
	count(roster.warn_pay_parity) == 0 with input as fixture.ladder with data.params as params with data.roster as data_of(counts(small))
}

test_the_tolerance_is_a_param if {
	grades := [grade(4, paid(10, 140000, 141000), paid(6, 165000, 166000))]
	loose := object.union(params, {"parity_pay_tolerance": 0.2})
	count(roster.warn_pay_parity) == 0 with input as fixture.ladder with data.params as loose with data.roster as data_of(counts(grades))
}

gendered(groups) := [object.union(grade(4, side(12), side(0)), {"gender": {"": groups}})]

test_a_gender_gap_of_five_percent_at_a_grade if {
	groups := {
		"f": {"people": 6, "median": 140000, "mean": 140000},
		"m": {"people": 6, "median": 150000, "mean": 150000},
	}
	findings := roster.warn_gender_gap with input as fixture.ladder with data.params as params with data.roster as data_of(counts(gendered(groups)))
	count(findings) == 1
	some f in findings
	f.level == "IC4"
	f.path == ["spec", "tracks", 0, "levels", 3, "grade"]
	f.msg == "At grade 4, the pay of gender \"f\" (6 people) is below that of gender \"m\" (6 people) by 6.7% on the mean (USD 140,000 against USD 150,000) and 6.7% on the median (USD 140,000 against USD 150,000): a gap at or above the 5% pay_gap_threshold calls for a joint pay assessment under EU Directive 2023/970 (Article 10). Look into the pay at grade 4, and correct the gap or document its objective, gender-neutral reasons."
}

test_a_gap_in_the_median_alone_counts if {
	groups := {
		"f": {"people": 6, "median": 140000, "mean": 149000},
		"m": {"people": 6, "median": 150000, "mean": 150000},
	}
	count(roster.warn_gender_gap) == 1 with input as fixture.ladder with data.params as params with data.roster as data_of(counts(gendered(groups)))
}

test_a_small_gender_gap_or_no_gender_column_is_fine if {
	groups := {
		"f": {"people": 6, "median": 146000, "mean": 146000},
		"m": {"people": 6, "median": 150000, "mean": 150000},
	}
	count(roster.warn_gender_gap) == 0 with input as fixture.ladder with data.params as params with data.roster as data_of(counts(gendered(groups)))
	wide := {
		"f": {"people": 6, "median": 100000, "mean": 100000},
		"m": {"people": 6, "median": 150000, "mean": 150000},
	}
	no_column := object.union(data_of(counts(gendered(wide))), {"gender": false})
	count(roster.warn_gender_gap) == 0 with input as fixture.ladder with data.params as params with data.roster as no_column
}

test_unknown_rows_are_listed_by_number if {
	c := object.union(counts(healthy_grades), {"unknown_rows": [3, 9]})
	findings := roster.deny_unknown_level with input as fixture.ladder with data.params as params with data.roster as data_of(c)
	count(findings) == 1
	some f in findings
	f.msg == "The roster's rows 3 and 9 name a level that ladder acme-engineering does not have, so they are not counted. Correct the level column to a level id of the ladder, or add the missing level to the ladder."
}

test_rows_of_no_ladder_are_reported_once_by_the_first_ladder if {
	d := object.union(healthy, {"unknown_rows": [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]})
	findings := roster.deny_unknown_level with input as fixture.ladder with data.params as params with data.roster as d
	some f in findings
	startswith(f.msg, "The roster's rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more name no level of any ladder in scope")
	other := object.union(d, {"home": "another-ladder"})
	count(roster.deny_unknown_level) == 0 with input as fixture.ladder with data.params as params with data.roster as other
}
