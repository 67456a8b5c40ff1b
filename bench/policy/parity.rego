# A conftest-style policy that conftest and ladderctl both accept unchanged, for the
# benchmark: package main, deny and warn rules holding strings.
package main

import rego.v1

ic_levels contains level if {
	some track in input.spec.tracks
	track.type == "ic"
	some level in track.levels
}

management_levels contains level if {
	some track in input.spec.tracks
	track.type == "management"
	some level in track.levels
}

deny contains msg if {
	top_m := max({l.grade | some l in management_levels})
	top_ic := max({l.grade | some l in ic_levels})
	top_ic < top_m
	msg := sprintf("%s: the IC track stops at grade %d, below management's %d", [input.metadata.name, top_ic, top_m])
}

deny contains msg if {
	some m in management_levels
	some ic in ic_levels
	ic.grade == m.grade
	ic.pay.max < m.pay.max * 0.9
	msg := sprintf("%s: %s is paid below its peer %s", [input.metadata.name, ic.id, m.id])
}

warn contains msg if {
	some l in ic_levels
	regex.match(`(?i)\b(manager|director|vp)\b`, l.title)
	msg := sprintf("%s: IC title %q reads as management", [input.metadata.name, l.title])
}

warn contains msg if {
	some l in management_levels
	not l.summary
	msg := sprintf("%s: %s has no summary", [input.metadata.name, l.id])
}
