package ladder_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

func TestPathString(t *testing.T) {
	tests := []struct {
		path ladder.Path
		want string
	}{
		{nil, ""},
		{ladder.Path{"spec"}, "spec"},
		{ladder.Path{"spec", "tracks", 1, "levels", 3, "grade"}, "spec.tracks[1].levels[3].grade"},
		{ladder.Path{"metadata", "labels", "job-family"}, "metadata.labels.job-family"},
		{ladder.Path{"spec", "tracks", 0, "levels", 0, "expectations", "system design"}, `spec.tracks[0].levels[0].expectations["system design"]`},
		{ladder.Path{"expectations", "craft", 1}, "expectations.craft[1]"},
		// Keys that are not identifiers are quoted, wherever they are.
		{ladder.Path{"a.b"}, `["a.b"]`},
		{ladder.Path{"labels", "5"}, `labels["5"]`},
		{ladder.Path{"labels", ""}, `labels[""]`},
		{ladder.Path{"labels", `say "hi"`}, `labels["say \"hi\""]`},
		{ladder.Path{"labels", "a]b"}, `labels["a]b"]`},
		{ladder.Path{0, "id"}, "[0].id"},
	}
	for _, tt := range tests {
		if got := tt.path.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestParsePath(t *testing.T) {
	tests := []struct {
		in   string
		want ladder.Path
	}{
		{"", nil},
		{"spec", ladder.Path{"spec"}},
		{"spec.tracks[1].levels[3].grade", ladder.Path{"spec", "tracks", 1, "levels", 3, "grade"}},
		{`spec.tracks[0].levels[0].expectations["system design"]`, ladder.Path{"spec", "tracks", 0, "levels", 0, "expectations", "system design"}},
		{`labels["a]b"].x`, ladder.Path{"labels", "a]b", "x"}},
		{`labels["say \"hi\""]`, ladder.Path{"labels", `say "hi"`}},
		{`labels["a.b[0]"][2]`, ladder.Path{"labels", "a.b[0]", 2}},
		{"[0].id", ladder.Path{0, "id"}},
		{"metadata.labels.job-family", ladder.Path{"metadata", "labels", "job-family"}},
	}
	for _, tt := range tests {
		got, err := ladder.ParsePath(tt.in)
		if err != nil {
			t.Errorf("ParsePath(%q): %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParsePath(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestPathRoundTrip(t *testing.T) {
	paths := []ladder.Path{
		{"spec", "tracks", 1, "levels", 3, "grade"},
		{"spec", "tracks", 0, "levels", 12, "expectations", "system design", 0},
		{"metadata", "labels", "a.b"},
		{"metadata", "labels", "[0]"},
		{"metadata", "labels", `back\slash`},
		{"metadata", "labels", "système"},
		{"metadata", "labels", "tab\tand\nnewline"},
		{"metadata", "labels", "1st"},
		{"metadata", "labels", ""},
		{"x", 0, 1, 2},
	}
	for _, p := range paths {
		s := p.String()
		back, err := ladder.ParsePath(s)
		if err != nil {
			t.Errorf("ParsePath(%q) (from %#v): %v", s, p, err)
			continue
		}
		if !reflect.DeepEqual(back, p) {
			t.Errorf("ParsePath(%q) = %#v, want %#v", s, back, p)
		}
		if again := back.String(); again != s {
			t.Errorf("String of ParsePath(%q) = %q", s, again)
		}
	}
}

func TestParsePathErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string // a word of the error
	}{
		{"spec.tracks[1", "unclosed"},
		{`labels["abc`, "unclosed"},
		{`labels["abc"`, "unclosed"},
		{`labels["a]b"`, "quoted"},
		{`labels["abc"x]`, "quoted"},
		{`labels["\q"]`, "quoted"},
		{"spec.tracks[]", "not an index"},
		{"spec.tracks[x]", "not an index"},
		{"spec.tracks[-1]", "not an index"},
		{"spec.tracks[1.5]", "not an index"},
		{"spec.tracks[99999999999999999999999]", "not an index"},
	}
	for _, tt := range tests {
		p, err := ladder.ParsePath(tt.in)
		if err == nil {
			t.Errorf("ParsePath(%q) = %#v, want an error", tt.in, p)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParsePath(%q) error %q does not say %q", tt.in, err, tt.want)
		}
		if !strings.Contains(err.Error(), strconv.Quote(tt.in)) {
			t.Errorf("ParsePath(%q) error %q does not quote the path", tt.in, err)
		}
	}
}
