# Shared helpers of the ladderctl rule pack: the levels of a ladder with where
# they sit, the IC and management sides, peers, valid pay bands, the scope
# order and the wording of amounts in messages.
package ladderctl.lib

import rego.v1

# Levels

# The levels of each track, in the order the track lists them. Each entry
# carries the level itself, its position in the document and its track type.
track_levels := {ti: entries |
	some ti, track in input.spec.tracks
	track_type := object.get(track, "type", "")

	# The entry is built inline rather than by a function: a call per level
	# costs a child evaluation and a cache entry keyed by the whole track.
	entries := [{
		"track_index": ti,
		"level_index": li,
		"track_type": track_type,
		"path": ["spec", "tracks", ti, "levels", li],
		"id": level.id,
		"title": level.title,
		"grade": level.grade,
		"level": level,
	} |
		some li, level in object.get(track, "levels", [])
	]
}

# All levels of the ladder, whatever their track.
levels contains entry if {
	some entries in track_levels
	some entry in entries
}

# The ids of all levels of the ladder.
level_ids := {entry.id | some entry in levels}

# The ids of the competencies the ladder defines.
competency_ids := {competency.id | some competency in object.get(input.spec, "competencies", [])}

# The levels of one track (an entry of track_levels) ordered by grade, the
# listing order breaking ties.
levels_by_grade(entries) := [entries[key[1]] |
	some key in sort([[entry.grade, entry.level_index] | some entry in entries])
]

# The levels of one track (an entry of track_levels) that have a valid band,
# ordered by grade, the listing order breaking ties.
# (Filtering the order of levels_by_grade gives the order a sort of the banded
# levels would, the sort keys being unique; and OPA caches that call, so
# bands/monotonic and bands/overlap sort each track only once between them.)
banded_levels_by_grade(entries) := [entry |
	some entry in levels_by_grade(entries)
	valid_band(entry.level.pay) # has_valid_band, inlined: it runs for every level
]

# The first of a set of levels in document order.
first_in_document(entries) := entry if {
	first := min({e.path | some e in entries})
	some entry in entries
	entry.path == first
}

# The level with the highest grade, the first in document order among ties.
# (Only the paths of the ties are collected, not a set of whole levels to pass
# to first_in_document.)
highest(entries) := entry if {
	top := max({e.grade | some e in entries})
	first := min({e.path | some e in entries; e.grade == top})
	some entry in entries
	entry.path == first
}

# The level with the lowest grade, the first in document order among ties.
lowest(entries) := entry if {
	bottom := min({e.grade | some e in entries})
	first := min({e.path | some e in entries; e.grade == bottom})
	some entry in entries
	entry.path == first
}

# A level as people name it: its id and its title.
label(entry) := sprintf("%s %s", [entry.id, entry.title])

# The display name of a track, its id when it has no name.
track_name(ti) := object.get(input.spec.tracks[ti], "name", input.spec.tracks[ti].id)

# Sides and peers

# The IC side: the levels of all `ic` tracks.
ic_levels contains entry if {
	some entry in levels
	entry.track_type == "ic"
}

# The management side: the levels of all `management` tracks.
management_levels contains entry if {
	some entry in levels
	entry.track_type == "management"
}

# Parity and path rules only judge ladders that have both sides.
has_both_sides if {
	count(ic_levels) > 0
	count(management_levels) > 0
}

ic_level_ids := {entry.id | some entry in ic_levels}

management_level_ids := {entry.id | some entry in management_levels}

# The IC levels at each grade (built once, so peer look-ups stay linear).
ic_levels_at_grade := {grade: entries |
	some grade in {level.grade | some level in ic_levels}
	entries := {entry | some entry in ic_levels; entry.grade == grade}
}

# Peers: an IC level and a management level at the same grade.
peers contains {"ic": ic, "management": management} if {
	some management in management_levels
	some ic in ic_levels_at_grade[management.grade]
}

# Management levels that have no IC level at their grade.
management_levels_without_peer contains management if {
	some management in management_levels
	not ic_levels_at_grade[management.grade]
}

# Pay

# A valid band has numeric bounds with 0 < min <= max.
valid_band(pay) if {
	is_number(pay.min)
	is_number(pay.max)
	pay.min > 0
	pay.min <= pay.max
}

# The level has a pay key, whatever its value (even false or null): a plain
# reference tests that without building the set of the level's keys.
has_pay(entry) if _ = entry.level.pay

has_valid_band(entry) if valid_band(entry.level.pay)

# The levels that have a pay entry, valid or not.
paid_levels contains entry if {
	some entry in levels

	# has_pay, inlined: this runs for every level of every ladder.
	_ = entry.level.pay
}

# The ladder's currency code, when it has one.
currency := code if {
	code := input.spec.currency
	is_string(code)
	trim_space(code) != ""
}

# A number as people write it: thousands separated, no exponent, no trailing ".0",
# e.g. 180000 -> "180,000" and 99.5 -> "99.50".
number_text(x) := concat("", [sign_text(x), thousands(format_int(abs(x), 10))]) if {
	x == floor(x)
} else := concat("", [sign_text(x), thousands(format_int(abs(x), 10)), ".", split(sprintf("%.2f", [abs(x)]), ".")[1]])

sign_text(x) := "-" if x < 0

else := ""

# Digits grouped by three from the right: "1234567" -> "1,234,567".
thousands(digits) := digits if {
	count(digits) <= 3
} else := concat(",", array.concat(
	[substring(digits, 0, head)],
	# The other groups start every third digit after the head: stepping the
	# range avoids a division, which OPA does in arbitrary precision.
	[substring(digits, start, 3) | some start in numbers.range_step(head, count(digits) - 1, 3)],
)) if {
	head := ((count(digits) - 1) % 3) + 1
}

# An amount with the ladder's currency, e.g. "USD 180,000".
money(amount) := with_currency(number_text(amount))

# A band with the ladder's currency, e.g. "USD 180,000-240,000".
money_range(low, high) := with_currency(sprintf("%s-%s", [number_text(low), number_text(high)]))

band_text(pay) := money_range(pay.min, pay.max)

with_currency(text) := concat(" ", [currency, text]) if {
	currency
} else := text

# A ratio as a percentage with at most one decimal, e.g. 0.1 -> "10%".
percent(ratio) := per_mille_text(round(ratio * 1000))

per_mille_text(per_mille) := sprintf("%v%%", [per_mille / 10])

# part / whole above a limit as a percentage that reads as above it, e.g.
# 0.6004 over 0.6 is "60.1%", not "60%". (Helpers take the part and the whole,
# never their ratio: OPA's call cache hashes all numbers between 0 and 1 alike,
# which would make many calls with distinct ratios quadratic.)
percent_above(part, whole, limit) := per_mille_text(round((part * 1000) / whole)) if {
	round((part * 1000) / whole) > round(limit * 1000)
} else := per_mille_text(ceil((part * 1000) / whole))

# part / whole below a limit as a percentage that reads as below it.
percent_below(part, whole, limit) := per_mille_text(round((part * 1000) / whole)) if {
	round((part * 1000) / whole) < round(limit * 1000)
} else := per_mille_text(floor((part * 1000) / whole))

# Scope

# The scopes from narrowest to widest, as the ladder format defines them
# (ladderctl puts them under data.ladderctl.format).
scope_order := data.ladderctl.format.scopes

scope_rank := {scope: rank | some rank, scope in scope_order}

# Wording

# A count with its noun, e.g. "1 step", "2 steps".
quantity(n, one, many) := concat(" ", [number_text(n), one]) if {
	n == 1
} else := concat(" ", [number_text(n), many])
