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
