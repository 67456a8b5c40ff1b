package suggest

import "testing"

func TestDidYouMean(t *testing.T) {
	fields := []string{"id", "title", "grade", "scope", "pay", "summary", "expectations"}
	tests := []struct {
		word, want string
	}{
		{"grdae", `; did you mean "grade"?`},
		{"Title", `; did you mean "title"?`},
		{"expectation", `; did you mean "expectations"?`},
		{"sumary", `; did you mean "summary"?`},
		{"banana", ""},
		{"colour", ""}, // four edits from "owner": not a typo
		{"scop", `; did you mean "scope"?`},
		{"pya", `; did you mean "pay"?`},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := DidYouMean(tt.word, fields); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"grade", "grade", 0},
		{"grdae", "grade", 1},
		{"kitten", "sitting", 3},
		{"", "abc", 3},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
