package ladderctl.content_test

import rego.v1

import data.ladderctl.content
import data.ladderctl.lib_test as fixture

test_healthy_ladder_has_no_content_findings if {
	count(content.warn_expectations) == 0 with input as fixture.ladder
}

test_level_without_summary_or_expectations if {
	ladder := fixture.patched([fixture.remove("/spec/tracks/1/levels/1/summary")])
	findings := content.warn_expectations with input as ladder
	fixture.well_formed(findings)
	findings == {{
		"msg": "M2 Senior Engineering Manager (grade 5) has neither a summary nor any expectations, so people cannot tell what the level asks of them. Add a one-line summary, or expectations for the ladder's competencies.",
		"level": "M2",
		"path": ["spec", "tracks", 1, "levels", 1, "id"],
	}}
}

test_a_summary_alone_is_enough if {
	ladder := fixture.patched([fixture.remove("/spec/tracks/0/levels/2/expectations")])
	count(content.warn_expectations) == 0 with input as ladder
}

test_one_expectation_alone_is_enough if {
	ladder := fixture.patched([fixture.remove("/spec/tracks/0/levels/3/summary")])
	count(content.warn_expectations) == 0 with input as ladder
}

test_a_list_with_one_text_is_an_expectation if {
	ladder := fixture.patched([
		fixture.remove("/spec/tracks/0/levels/2/summary"),
		fixture.replace("/spec/tracks/0/levels/2/expectations", {"craft": ["", "Designs systems for the team."]}),
	])
	count(content.warn_expectations) == 0 with input as ladder
}

test_blank_summary_and_empty_expectations_do_not_count if {
	ladder := fixture.patched([
		fixture.replace("/spec/tracks/0/levels/1/expectations", {"craft": [], "impact": "  "}),
		fixture.replace("/spec/tracks/0/levels/5/summary", ""),
		fixture.add("/spec/tracks/0/levels/5/expectations", {}),
	])
	findings := content.warn_expectations with input as ladder
	fixture.located(findings) == {
		{"level": "IC2", "path": ["spec", "tracks", 0, "levels", 1, "id"]},
		{"level": "IC6", "path": ["spec", "tracks", 0, "levels", 5, "id"]},
	}
}

# Real shapes

test_expectations_with_a_proficiency_count if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/0", {
		"id": "IC1", "title": "Associate Engineer", "grade": 1,
		"expectations": {"craft": {"proficiency": "working", "text": "Delivers tasks."}},
	})])
	count(content.warn_expectations) == 0 with input as ladder
}

test_x_keys_are_not_expectations if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/0/levels/0", {
		"id": "IC1", "title": "Associate Engineer", "grade": 1,
		"expectations": {"x-source": "Handbook 2025"},
	})])
	fixture.located(content.warn_expectations) == {{"level": "IC1", "path": ["spec", "tracks", 0, "levels", 0, "id"]}} with input as ladder
}

# content/continuity

test_healthy_shaped_ladder_has_no_continuity_findings if {
	count(content.warn_continuity) == 0 with input as fixture.shaped
}

test_a_competency_dropped_one_level_up if {
	# The fixture's IC4 states impact and not craft, which IC3 states.
	findings := content.warn_continuity with input as fixture.ladder
	fixture.well_formed(findings)
	findings == {{
		"msg": "IC4 Staff Engineer (grade 4) states no expectation for Craft, which IC3 Senior Engineer (grade 3), the level below it in the Individual Contributor track, does. Say what IC4 expects in Craft (even if it is more of the same), or mark the track cumulative if each level keeps what the levels below it ask.",
		"level": "IC4",
		"path": ["spec", "tracks", 0, "levels", 3, "expectations"],
	}}
}

test_a_cumulative_track_carries_expectations_up if {
	ladder := fixture.patched([fixture.add("/spec/tracks/0/cumulative", true)])
	count(content.warn_continuity) == 0 with input as ladder
}

test_a_level_without_expectations_is_left_to_content_expectations if {
	# IC5 states no expectation at all: IC4's impact is not reported as dropped.
	ladder := fixture.patched([fixture.add("/spec/tracks/0/levels/3/expectations/craft", "Designs for several teams.")])
	count(content.warn_continuity) == 0 with input as ladder
}

test_empty_texts_and_x_keys_state_nothing if {
	ladder := fixture.patched([
		fixture.add("/spec/tracks/0/levels/3/expectations/craft", " "),
		fixture.add("/spec/tracks/0/levels/2/expectations/x-note", "Reviewed."),
	])
	findings := content.warn_continuity with input as ladder
	fixture.located(findings) == {{"level": "IC4", "path": ["spec", "tracks", 0, "levels", 3, "expectations"]}}
}

test_a_falling_proficiency if {
	ladder := fixture.shaped_patched([fixture.replace("/spec/tracks/0/levels/2/expectations/craft/proficiency", "working")])
	count(content.warn_continuity) == 0 with input as ladder
	falling := fixture.shaped_patched([fixture.replace("/spec/tracks/0/levels/1/expectations/craft/proficiency", "expert")])
	findings := content.warn_continuity with input as falling
	findings == {{
		"msg": "SE3 Senior Engineer (grade 3) asks for practitioner in Craft, less than SE2 Software Engineer II (grade 2), which asks for expert. Ask for at least expert at SE3, or correct the level below.",
		"level": "SE3",
		"path": ["spec", "tracks", 0, "levels", 2, "expectations", "craft"],
	}}
}

test_a_proficiency_is_compared_with_the_last_one_stated_on_its_track if {
	# On the cumulative IC track, PRINCIPAL states no craft: DIST's is compared with STAFF's.
	ladder := fixture.shaped_patched([fixture.add("/spec/tracks/1/levels/2/expectations", {"craft": {"proficiency": "practitioner", "text": "Reviews designs."}})])
	findings := content.warn_continuity with input as ladder
	fixture.located(findings) == {{"level": "DIST", "path": ["spec", "tracks", 1, "levels", 2, "expectations", "craft"]}}
	some f in findings
	contains(f.msg, "less than STAFF Staff Engineer (grade 4), which asks for expert")
}

test_proficiencies_of_other_tracks_or_off_the_scale_are_not_compared if {
	# STAFF (expert) is not compared with SE3 (practitioner) of the trunk, nor
	# a proficiency off the scale with anything.
	ladder := fixture.shaped_patched([
		fixture.replace("/spec/tracks/1/levels/0/expectations/craft/proficiency", "working"),
		fixture.replace("/spec/tracks/0/levels/1/expectations/craft/proficiency", "master"),
	])
	count(content.warn_continuity) == 0 with input as ladder
}

test_a_dropped_competency_on_a_shared_track if {
	ladder := fixture.shaped_patched([fixture.remove("/spec/tracks/0/levels/2/expectations/delivery")])
	findings := content.warn_continuity with input as ladder
	fixture.located(findings) == {{"level": "SE3", "path": ["spec", "tracks", 0, "levels", 2, "expectations"]}}
	some f in findings
	contains(f.msg, "states no expectation for Delivery, which SE2 Software Engineer II (grade 2), the level below it in the Engineering track, does")
}
