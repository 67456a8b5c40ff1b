# Tests of titles.rego: `ladderctl test` runs every test_ rule of the *_test.rego files under
# policies/, with the built-in rules loaded.
package acme.titles_test

import rego.v1

import data.acme.titles

# A ladder with one level of the given title.
ladder(title) := {"metadata": {"name": "t"}, "spec": {"tracks": [{
	"id": "ic",
	"type": "ic",
	"levels": [{"id": "IC1", "title": title, "grade": 1}],
}]}}

test_ninja_is_denied if {
	findings := titles.deny_joke_titles with input as ladder("Code Ninja")
	count(findings) == 1
	some finding in findings
	finding.level == "IC1"
	finding.path == ["spec", "tracks", 0, "levels", 0, "title"]
}

test_rockstar_is_denied_in_any_case if {
	count(titles.deny_joke_titles) == 1 with input as ladder("ROCKSTAR Developer")
}

test_plain_title_is_allowed if {
	count(titles.deny_joke_titles) == 0 with input as ladder("Software Engineer II")
}
