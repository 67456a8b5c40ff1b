# An example of a rule of your own, beside the built-in ones. `ladderctl lint` evaluates the
# deny, violation and warn rules (with any _suffix) of every package under policies/, as
# conftest does; `ladderctl test` runs the tests in titles_test.rego. Rename the package after
# your organisation and copy the pattern for your own rules.
package acme.titles

import rego.v1

# METADATA
# title: Titles say what the job is
# description: >-
#   No level title may contain "ninja" or "rockstar", in any case: titles are
#   read by candidates, recruiters and other companies, and should say what the
#   job is.
# custom:
#   id: acme/no-joke-titles
#   severity: error
#   example: |
#     spec:
#       tracks:
#         - id: ic
#           type: ic
#           levels:
#             - {id: IC2, title: Code Ninja, grade: 2}
deny_joke_titles contains finding if {
	some ti, track in input.spec.tracks
	some li, level in track.levels
	some word in joke_words
	contains(lower(level.title), word)
	finding := {
		"msg": sprintf("%s %s: the title contains %q; use a title that says what the job is, such as Software Engineer II", [level.id, level.title, word]),
		"level": level.id,
		"path": ["spec", "tracks", ti, "levels", li, "title"],
	}
}

# The words no title may contain, in lower case.
joke_words := {"ninja", "rockstar"}
