package sheet

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestOpenMapsHeadersAndKeepsOnlyTheColumnsRead(t *testing.T) {
	data := "\xef\xbb\xbfName, Job Level ,Email\r\nAda,IC5,ada@example.com\r\n,,\r\nBob,M1,bob@example.com\r\n"
	r, err := Open("people.csv", []byte(data), Spec{Columns: []string{"level", "zone"}, Required: []string{"level"},
		Mapping: map[string]string{"level": "job level"}, Expected: "a level column"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Has("zone") {
		t.Error("the file has no zone column")
	}
	var got []string
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, row.Cell("level")+"@"+string(rune('0'+row.Line)))
		if len(row.cells) != 1 {
			t.Errorf("row %d keeps %d cells; only the columns read may be kept", row.Line, len(row.cells))
		}
	}
	if strings.Join(got, " ") != "IC5@2 M1@4" {
		t.Errorf("rows = %v, want IC5 at row 2 and M1 at row 4 (the blank row skipped)", got)
	}
}

func TestOpenNamesWhatIsMissing(t *testing.T) {
	_, err := Open("p.csv", []byte("name,grade\n"), Spec{Columns: []string{"level"}, Required: []string{"level"}, Expected: "a level column"})
	if err == nil || !strings.Contains(err.Error(), `expected a header row with a column "level", found "name", "grade"`) {
		t.Errorf("err = %v", err)
	}
	_, err = Open("p.csv", nil, Spec{Columns: []string{"level"}, Required: []string{"level"}, Expected: "a level column"})
	if err == nil || !strings.Contains(err.Error(), "found an empty file") {
		t.Errorf("err = %v", err)
	}
	_, err = Open("p.csv", []byte("level\n\xff\n"), Spec{Columns: []string{"level"}})
	if err == nil || !strings.Contains(err.Error(), "not UTF-8") {
		t.Errorf("err = %v", err)
	}
}

func TestCheckMapping(t *testing.T) {
	if err := CheckMapping(map[string]string{"level": "x", "salary": "y"}, []string{"level", "pay"}, "roster"); err == nil ||
		err.Error() != `--columns names "salary", which is not a column roster reads (use level, pay)` {
		t.Errorf("err = %v", err)
	}
}

func TestAmount(t *testing.T) {
	for s, want := range map[string]bool{"120000": true, "120,000.50": true, "0": false, "-5": false, "NaN": false, "1e6": false, "12,00": false} {
		if _, ok := Amount(s); ok != want {
			t.Errorf("Amount(%q) ok = %v, want %v", s, ok, want)
		}
	}
}
