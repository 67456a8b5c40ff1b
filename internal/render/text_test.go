package render

import (
	"strings"
	"testing"
)

func TestWrapText(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width float64
		max   int
		want  []string
		cut   bool
	}{
		{"Staff Engineer", 200, 2, []string{"Staff Engineer"}, false},
		{"Senior Director of Engineering Operations", 170, 2, []string{"Senior Director of", "Engineering Operations"}, false},
		{"one two three four five six seven eight", 90, 2, []string{"one two", "three four…"}, true},
		{"Supercalifragilisticexpialidocious", 60, 2, nil, true},
		{"  ", 100, 2, nil, false},
	} {
		got, cut := wrapText(tc.in, 13, tc.width, false, tc.max)
		if cut != tc.cut || (tc.want != nil && strings.Join(got, "|") != strings.Join(tc.want, "|")) {
			t.Errorf("wrapText(%q, %v) = %q, %v; want %q, %v", tc.in, tc.width, got, cut, tc.want, tc.cut)
		}
		for _, line := range got {
			if w := textWidth(line, 13, false); w > tc.width {
				t.Errorf("wrapText(%q): line %q is %.0f wide, over %v", tc.in, line, w, tc.width)
			}
		}
	}
}

func TestTextWidthErrsWide(t *testing.T) {
	// DejaVu Sans at 13px: "Senior Engineering Manager" is 181px wide.
	if w := textWidth("Senior Engineering Manager", 13, false); w < 181 || w > 200 {
		t.Errorf("width %.1f, want a little over 181", w)
	}
	if textWidth("IC5", 13, true) <= textWidth("IC5", 13, false) {
		t.Error("bold is not wider")
	}
	if textWidth("工程师", 13, false) < 3*13 {
		t.Error("wide characters are measured narrow")
	}
}
