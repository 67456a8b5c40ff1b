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

# Titles as people read them

test_a_management_word_in_lookalike_letters if {
	# "Mаnager" with a Cyrillic "а".
	findings := naming.warn_ic_titles with input as retitled("Mаnager") with data.params as fixture.params
	findings == {{
		"msg": "IC6 Mаnager (grade 6) is an IC level, but its title contains \"Manager\" (spelt with Cyrillic or Greek letters that look Latin), which reads as a management role. Rename it with a title that does not, so that individual contributors are not taken for managers.",
		"level": "IC6",
		"path": ["spec", "tracks", 0, "levels", 5, "title"],
	}}
}

test_titles_are_normalised_first if {
	every title in [
		"Engineering Dir\u200bector",
		"Ｍａｎａｇｅｒ of Platform",
		"Engineering Direc\u00adtor",
		"VΡ of Engineering",
	] {
		findings := naming.warn_ic_titles with input as retitled(title) with data.params as fixture.params
		fixture.located(findings) == {{"level": "IC6", "path": ["spec", "tracks", 0, "levels", 5, "title"]}}
	}
}

test_a_management_word_in_plain_letters_has_no_lookalike_note if {
	findings := naming.warn_ic_titles with input as retitled("Tеch Lead Manager") with data.params as fixture.params
	some f in findings
	contains(f.msg, "its title contains \"Manager\", which reads")
}

test_titles_in_one_other_script_are_not_folded if {
	# A title in Russian keeps its letters; one that mixes scripts is folded.
	count(naming.warn_ic_titles) == 0 with input as retitled("Менеджер") with data.params as fixture.params
	count(naming.warn_ic_titles) == 1 with input as retitled("Маnаger") with data.params as fixture.params
}

test_allowed_ic_titles if {
	every title in [
		"Technical Program Manager",
		"Senior Product Manager",
		"project  manager",
		"Release Manager, Platform",
	] {
		count(naming.warn_ic_titles) == 0 with input as retitled(title) with data.params as fixture.params
	}
}

test_allowed_phrases_are_whole_phrases if {
	every title in ["Product-Manager", "Programme Manager", "Engineering Manager", "Product Managers Director"] {
		count(naming.warn_ic_titles) == 1 with input as retitled(title) with data.params as fixture.params
	}
}

test_ic_titles_allowed_is_a_param if {
	none := object.union(fixture.params, {"ic_titles_allowed": []})
	count(naming.warn_ic_titles) == 1 with input as retitled("Technical Program Manager") with data.params as none
	own := object.union(fixture.params, {"ic_titles_allowed": ["Solutions Manager (Pre-Sales)", "C++ Director"]})
	count(naming.warn_ic_titles) == 0 with input as retitled("Solutions Manager (Pre-Sales)") with data.params as own
	count(naming.warn_ic_titles) == 0 with input as retitled("C++ Director") with data.params as own
	count(naming.warn_ic_titles) == 1 with input as retitled("C Director") with data.params as own
}
