package output

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  "",
		"Staff Engineer":                    "Staff Engineer",
		`=HYPERLINK("http://evil","click")`: `'=HYPERLINK("http://evil","click")`,
		"+1+cmd|' /C calc'!A0":              "'+1+cmd|' /C calc'!A0",
		"-2+3":                              "'-2+3",
		"@SUM(A1:A2)":                       "'@SUM(A1:A2)",
		"\t=1+1":                            "'\t=1+1",
		"\r=1+1":                            "'\r=1+1",
		"-0.05":                             "-0.05",
		"-120000":                           "-120000",
		"1.5e-3":                            "1.5e-3",
		"-":                                 "'-",
		"- dash":                            "'- dash",
		"a=b":                               "a=b",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// What WriteCSV writes reads back with no cell that a spreadsheet would run.
func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, [][]string{{"level", "title", "gap"}, {"IC5", "=1+2", "-0.1"}}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1][1]; got != "'=1+2" {
		t.Errorf("formula cell = %q", got)
	}
	if got := recs[1][2]; got != "-0.1" {
		t.Errorf("number cell = %q", got)
	}
}
