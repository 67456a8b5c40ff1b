# Shared helpers of the ladderctl rule pack: the levels of a ladder with where
# they sit, the IC and management sides, peers, branches and moves, pay bands
# zone by zone, the scope order and the wording of levels, zones and amounts in
# messages. Keys that start with x- are the user's: the pack ignores them.
package ladderctl.lib

import rego.v1

# Levels

tracks := object.get(input.spec, "tracks", [])

# The levels of each track, in the order the track lists them. Each entry
# carries the level itself, its position in the document and its track type.
track_levels := {ti: entries |
	some ti, track in tracks
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

# Each proficiency a level asks for, as [level, competency, proficiency]: one
# walk over every expectation of the ladder, for the rules that read them.
proficiencies_asked := [[level, competency, expectation.proficiency] |
	some level in levels
	some competency, expectation in object.get(level.level, "expectations", {})
]

# The ids of the competencies the ladder defines.
competency_ids := {competency.id | some competency in object.get(input.spec, "competencies", [])}

# The levels of one track (an entry of track_levels) ordered by grade, the
# listing order breaking ties.
# (Most tracks list their levels by grade already: they are returned as they are.)
levels_by_grade(entries) := entries if {
	listed_by_grade(entries)
} else := [entries[key[1]] |
	some key in sort([[entry.grade, entry.level_index] | some entry in entries])
]

# The track (an entry of track_levels) lists its levels by grade: none is at a
# lower grade than the one before it.
listed_by_grade(entries) if {
	grades := [entry.grade | some entry in entries]
	grades == sort(grades)
} else := false

# The levels of one track (an entry of track_levels) that have a valid band,
# ordered by grade, the listing order breaking ties.
# (Filtering the order of levels_by_grade gives the order a sort of the banded
# levels would, the sort keys being unique; and OPA caches that call, so
# bands/monotonic and bands/overlap sort each track only once between them.)
banded_levels_by_grade(entries) := banded_levels_in(entries, "")

# The same, for the bands of one zone ("" for plain bands).
banded_levels_in(entries, zone) := [entry |
	some entry in levels_by_grade(entries)
	valid_band(band_in(entry.level.pay, zone))
]

# The same, each level with its band: [level, band].
banded_rows_in(entries, zone) := [[entry, band] |
	some entry in levels_by_grade(entries)
	band := band_in(entry.level.pay, zone)
	valid_band(band)
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

# A level as people name it: its id and its title, or the title alone when the
# id is the same text.
label(entry) := entry.title if {
	entry.id == entry.title
} else := sprintf("%s %s", [entry.id, entry.title])

# A level as messages name it: "IC5 Staff Engineer (grade 5)".
named(entry) := sprintf("%s (grade %v)", [label(entry), entry.grade])

# For each grade of a list of levels ordered by grade, the position of its
# first level: the level before it is the nearest at a lower grade. (The list
# is walked once beside itself shifted by one, with no call per level.)
grade_starts(ordered) := {entry.grade: i |
	shifted := array.concat([{"grade": null}], ordered)
	some i, entry in ordered
	shifted[i].grade != entry.grade
}

# For [key, position] pairs: each key with its first position, and the later
# positions of each key, with the first. Sorting once keeps both linear.
first_positions(keyed) := {pair[0]: pair[1] |
	sorted := sort(keyed)
	shifted := array.concat([[null]], sorted)
	some i, pair in sorted
	shifted[i][0] != pair[0]
}

later_positions(keyed) := {[pair[1], firsts[pair[0]]] |
	firsts := first_positions(keyed)
	some pair in keyed
	pair[1] != firsts[pair[0]]
}

# The display name of a track, its id when it has no name.
track_name(ti) := object.get(tracks[ti], "name", tracks[ti].id)

# Whether a key is the user's own (x-...): the pack ignores those keys.
extension(key) if startswith(key, "x-")

# Branches and moves

# Each track that branches from a level (`from`), with the levels of other
# tracks that have that id (one, unless ids repeat).
branch_points := {ti: starts |
	some ti, track in tracks
	from := track.from
	starts := {entry | some entry in levels; entry.id == from; entry.track_index != ti}
}

# The moves the ladder supports, as [from id, to id]: its transitions, and the
# move from each branch point to the first level of the track that branches.
moves contains [transition.from, transition.to] if {
	some transition in object.get(input.spec, "transitions", [])
}

moves contains [tracks[ti].from, first.id] if {
	some ti, starts in branch_points
	count(starts) > 0
	first := track_levels[ti][0]
}

# Sides and peers

# Shared tracks hold the levels before the split: they are on neither side,
# nobody's peers, and count for neither side's top.

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

# The levels off the management side: IC levels and shared ones. A move from
# one of them to a management level goes into management.
non_management_level_ids := {entry.id | some entry in levels; entry.track_type in {"ic", "shared"}}

# The indexes of the `ic` tracks.
ic_tracks := {ti | some ti, track in tracks; track.type == "ic"}

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

# Zones

# The pay zones the ladder defines.
zones := [zone | some zone in object.get(input.spec, "zones", []); is_object(zone)]

zone_ids := {zone.id | some zone in zones}

has_zones if count(zone_ids) > 0

# A pay given zone by zone: a mapping with a zone key and neither min nor max.
# (Any other pay is one band, valid or not.)
# (Its value is false rather than undefined for other pays: OPA caches a call
# that has a value, and this one is asked several times for every pay. The
# bounds are looked up first and directly, most pays having them, rather than
# through has_bound.)
zoned_pay(pay) := false if {
	_ = pay.min
} else := false if {
	_ = pay.max
} else if {
	is_object(pay)
	some key, _ in pay
	not extension(key)
} else := false

has_bound(pay) if _ = pay.min

has_bound(pay) if _ = pay.max

# The ladder pays by zone: it defines zones, or every pay it gives is by zone.
# A pay of the other form is reported by structure/pay-range and left out of
# the other pay rules.
pays_by_zone if has_zones

pays_by_zone if {
	not has_zones
	count(paid_levels) > 0
	every entry in paid_levels {
		zoned_pay(entry.level.pay)
	}
}

# The pay has the form the ladder uses.
in_ladder_form(pay) if {
	pays_by_zone
	zoned_pay(pay)
}

in_ladder_form(pay) if {
	not pays_by_zone
	not zoned_pay(pay)
}

# The levels whose pay is not in the ladder's form (not in_ladder_form).
other_form_levels contains entry if {
	pays_by_zone
	some entry in paid_levels
	not zoned_pay(entry.level.pay)
}

other_form_levels contains entry if {
	not pays_by_zone
	some entry in paid_levels
	zoned_pay(entry.level.pay)
}

# The bands of a pay in the ladder's form, by zone: "" for a plain band. A band
# in a zone the ladder does not define is structure/references', and left out.
pay_bands(pay) := {"": pay} if {
	not pays_by_zone
	not zoned_pay(pay)
} else := {zone: band |
	some zone, band in pay
	known_zone(zone)
} if {
	pays_by_zone
	zoned_pay(pay)
}

# A zone of spec.zones or, in a ladder that defines none, any zone but an x- key.
known_zone(zone) if zone in zone_ids

known_zone(zone) if {
	not has_zones
	not extension(zone)
}

# The band of a pay in a zone ("" for a plain band), when it has one.
# (A plain band, the common case, is found without building pay_bands.)
band_in(pay, zone) := pay if {
	zone == ""
	not pays_by_zone
	not zoned_pay(pay)
} else := pay_bands(pay)[zone]

# Every band of the ladder in its form, valid or not: the level, the zone, the
# band and where it is.
# (Plain bands, the common case, are found with no call per level but
# zoned_pay's.)
bands contains {"entry": entry, "zone": "", "band": pay, "path": array.concat(entry.path, ["pay"])} if {
	not pays_by_zone
	some entry in paid_levels
	pay := entry.level.pay
	not zoned_pay(pay)
}

bands contains {"entry": entry, "zone": zone, "band": band, "path": band_path(entry, zone)} if {
	pays_by_zone
	some entry in paid_levels
	some zone, band in pay_bands(entry.level.pay)
}

band_path(entry, "") := array.concat(entry.path, ["pay"])

band_path(entry, zone) := array.concat(entry.path, ["pay", zone]) if zone != ""

# The zones of the ladder's bands ("" for plain bands): pay rules run zone by
# zone and compare bands of the same zone only.
band_zones := {band.zone | some band in bands}

# The ladder's currency code, when it has one.
currency := code if {
	code := input.spec.currency
	is_string(code)
	trim_space(code) != ""
}

# The currency of a zone's bands: the zone's own, else the ladder's.
currency_in("") := currency

currency_in(zone) := codes[0] if {
	zone != ""
	codes := [code |
		some z in zones
		z.id == zone
		code := z.currency
		is_string(code)
		trim_space(code) != ""
	]
	count(codes) > 0
} else := currency if zone != ""

# How messages name a zone: "the United Kingdom zone (uk)", or "the uk zone"
# when it has no other name.
zone_text(zone) := sprintf("the %s zone (%s)", [names[0], zone]) if {
	names := [z.name | some z in zones; z.id == zone; is_string(z.name); z.name != zone]
	count(names) > 0
} else := sprintf("the %s zone", [zone])

# " in the uk zone" after an amount, or nothing for a plain band.
in_zone("") := ""

in_zone(zone) := concat(" ", ["", "in", zone_text(zone)]) if zone != ""

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

# An amount with the currency of a zone ("" for the ladder's), e.g. "USD 180,000".
money_in(zone, amount) := with_currency(zone, number_text(amount))

# A band with the currency of a zone, e.g. "GBP 120,000-160,000".
money_range_in(zone, low, high) := with_currency(zone, sprintf("%s-%s", [number_text(low), number_text(high)]))

band_text_in(zone, pay) := money_range_in(zone, pay.min, pay.max)

with_currency(zone, text) := concat(" ", [code, text]) if {
	code := currency_in(zone)
} else := text

# The same for plain bands, in the ladder's currency.
money(amount) := money_in("", amount)

money_range(low, high) := money_range_in("", low, high)

band_text(pay) := band_text_in("", pay)

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
