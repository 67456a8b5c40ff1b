package ladderctl.naming_test

import rego.v1

import data.ladderctl.lib_test as fixture
import data.ladderctl.naming

# The fixture with IC6 retitled.
retitled(title) := fixture.patched([fixture.replace("/spec/tracks/0/levels/5/title", title)])

test_healthy_ladder_has_no_naming_findings if {
	count(naming.warn_ic_titles) == 0 with input as fixture.ladder
}

test_ic_title_with_a_management_word if {
	findings := naming.warn_ic_titles with input as retitled("Engineering Director")
	fixture.well_formed(findings)
	findings == {{
		"msg": "IC6 Engineering Director (grade 6) is an IC level, but its title contains \"Director\", which reads as a management role. Rename it with a title that does not, so that individual contributors are not taken for managers.",
		"level": "IC6",
		"path": ["spec", "tracks", 0, "levels", 5, "title"],
	}}
}

test_every_management_word_in_any_case if {
	every title in [
		"Technical Manager",
		"engineering manager",
		"Director, Platform",
		"Head of Architecture",
		"HEAD OF platform",
		"VP, Engineering",
		"vp engineering",
		"Vice President of Engineering",
		"Senior Vice-President",
		"Product-Manager",
	] {
		findings := naming.warn_ic_titles with input as retitled(title)
		fixture.located(findings) == {{"level": "IC6", "path": ["spec", "tracks", 0, "levels", 5, "title"]}}
	}
}

test_words_inside_other_words_are_fine if {
	every title in [
		"Chief Architect",
		"VPN Engineer",
		"Directory Services Engineer",
		"Head Engineer",
		"Headless CMS Engineer",
		"Managed Services Engineer",
		"Vice Principal",
		"MVP Engineer",
	] {
		count(naming.warn_ic_titles) == 0 with input as retitled(title)
	}
}

test_one_finding_per_title if {
	findings := naming.warn_ic_titles with input as retitled("Director and VP of Engineering")
	count(findings) == 1
}

test_management_titles_are_not_judged if {
	ladder := fixture.patched([fixture.replace("/spec/tracks/1/levels/2/title", "VP of Engineering")])
	count(naming.warn_ic_titles) == 0 with input as ladder
}

test_titles_of_every_ic_track_are_judged if {
	specialists := {"id": "specialist", "name": "Specialist", "type": "ic", "levels": [{"id": "SP5", "title": "Head of Security", "grade": 5}]}
	findings := naming.warn_ic_titles with input as fixture.patched([fixture.add("/spec/tracks/-", specialists)])
	fixture.located(findings) == {{"level": "SP5", "path": ["spec", "tracks", 2, "levels", 0, "title"]}}
}
