package importer

import (
	"bytes"
	"strings"
	"testing"
)

const commented = `# A ladder with comments, blank lines and both styles.
apiVersion: ladderctl/v1
kind: Ladder
metadata:
  name: acme   # the name
spec:
  currency: USD

  tracks:
    - id: ic
      type: ic
      levels:
        # The first level.
        - id: IC1
          title: "Engineer É"
          grade: 1
          pay: {min: 95000, max: 130000}   # reviewed 2025
          summary: Writes code
            that ships.
        - {id: IC2, title: 'Senior, Engineer', grade: 2}
    - id: mgmt
      type: management
      levels:
        - id: M1
          title: Manager
          grade: 2
          pay:
            min: 150000
            max: 200000

          summary: Leads a team.
`

func merge(t *testing.T, ladderText, csvText string) (*Merge, error) {
	t.Helper()
	return MergeBands(Source{Name: "bands.csv", Data: []byte(csvText)}, Source{Name: "acme.yaml", Data: []byte(ladderText)}, nil)
}

// TestBandsKeepEveryOtherByte checks the edit touches the pay nodes only: every line of the
// old file is in the new one, unchanged, except the lines that hold the changed numbers.
func TestBandsKeepEveryOtherByte(t *testing.T) {
	m, err := merge(t, commented, "level,min,max\nIC1,100000,140000\nIC2,\"120,000\",160000\nM1,155000,205000\n")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer(
		"pay: {min: 95000, max: 130000}   # reviewed 2025", "pay: {min: 100000, max: 140000}   # reviewed 2025",
		"{id: IC2, title: 'Senior, Engineer', grade: 2}", "{id: IC2, title: 'Senior, Engineer', grade: 2, pay: {min: 120000, max: 160000}}",
		"min: 150000", "min: 155000",
		"max: 200000", "max: 205000",
	).Replace(commented)
	if string(m.New) != want {
		t.Errorf("got\n%s\nwant\n%s", m.New, want)
	}
	if m.Changed != 2 || m.Added != 1 {
		t.Errorf("changed %d, added %d", m.Changed, m.Added)
	}
	diff := m.Diff("acme.yaml (new)")
	for _, line := range []string{"-          pay: {min: 95000, max: 130000}   # reviewed 2025", "+            max: 205000", "@@ -15,8 +15,8 @@", "@@ -26,6 +26,6 @@"} {
		if !strings.Contains(diff, line+"\n") {
			t.Errorf("the diff lacks %q:\n%s", line, diff)
		}
	}
}

func TestBandsAddPayToBlockLevel(t *testing.T) {
	in := strings.Replace(commented, "          pay: {min: 95000, max: 130000}   # reviewed 2025\n", "", 1)
	m, err := merge(t, in, "level,min,max\nIC1,100000,140000\n")
	if err != nil {
		t.Fatal(err)
	}
	// After the last entry, below the summary folded over two lines.
	want := strings.Replace(in, "            that ships.\n", "            that ships.\n          pay: {min: 100000, max: 140000}\n", 1)
	if string(m.New) != want {
		t.Errorf("got\n%s", m.New)
	}
}

func TestBandsCRLFAndBOM(t *testing.T) {
	in := "\xef\xbb\xbf" + strings.ReplaceAll(strings.Replace(commented, "          pay: {min: 95000, max: 130000}   # reviewed 2025\n", "", 1), "\n", "\r\n")
	m, err := merge(t, in, "level,min,max\r\nIC1,1,2\r\n")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(m.New, []byte("\xef\xbb\xbf")) || !bytes.Contains(m.New, []byte("that ships.\r\n          pay: {min: 1, max: 2}\r\n")) {
		t.Errorf("the BOM and CRLF should be kept:\n%q", m.New)
	}
}

func TestBandsZones(t *testing.T) {
	in := `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: zoned}
spec:
  currency: USD
  zones: [{id: us}, {id: uk, currency: GBP}]
  tracks:
    - id: ic
      type: ic
      levels:
        - id: IC1
          title: Engineer
          grade: 1
          pay:
            us: {min: 100, max: 140}   # US
        - id: IC2
          title: Senior
          grade: 2
`
	m, err := merge(t, in, "level,zone,min,max,currency\nIC1,uk,70,95,GBP\nIC1,us,105,145,USD\nIC2,us,120,170,\n")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer(
		"            us: {min: 100, max: 140}   # US\n", "            us: {min: 105, max: 145}   # US\n            uk: {min: 70, max: 95}\n",
		"          grade: 2\n", "          grade: 2\n          pay: {us: {min: 120, max: 170}}\n",
	).Replace(in)
	if string(m.New) != want {
		t.Errorf("got\n%s\nwant\n%s", m.New, want)
	}
	// Each zone's currency is its own.
	_, err = merge(t, in, "level,zone,min,max,currency\nIC1,uk,70,95,USD\nIC1,eu,1,2,EUR\nIC2,,1,2,\n")
	for _, want := range []string{
		"bands.csv:2:1: row 2: currency USD disagrees with zone uk (GBP)",
		"bands.csv:3:1: row 3: zone \"eu\" is not in spec.zones\n",
		"bands.csv:4:1: row 4: no zone, but the ladder pays by zone (uk, us)",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in %v", want, err)
		}
	}
}

// TestBandsBadRows checks every bad row is listed, by row, and cells are shown harmlessly.
func TestBandsBadRows(t *testing.T) {
	_, err := merge(t, commented, "level,min,max,currency\nIC9,1,2,USD\nIC1,NaN,0x10,USD\nIC2,5,3,EUR\nM1,\"1\x1b[31m\u202e\",2,USD\nIC1,-1,Inf,USD\n")
	if err == nil {
		t.Fatal("bad rows were accepted")
	}
	for _, want := range []string{
		`bands.csv:2:1: row 2: level "IC9" is not a level of the ladder; did you mean "IC1"?`,
		`bands.csv:3:1: row 3: min "NaN" is not a number above 0; max "0x10" is not a number above 0`,
		"bands.csv:4:1: row 4: min 5 is above max 3; currency EUR disagrees with spec.currency (USD)",
		`bands.csv:5:1: row 5: min "1\x1b[31m\u202e" is not a number above 0`,
		`bands.csv:6:1: row 6: min "-1" is not a number above 0; max "Inf" is not a number above 0`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in\n%v", want, err)
		}
	}
	if strings.ContainsAny(err.Error(), "\x1b\u202e") {
		t.Error("a control character of a cell reached the message")
	}
}

func TestBandsColumnsAndCurrency(t *testing.T) {
	in := strings.Replace(commented, "  currency: USD\n", "", 1)
	m, err := MergeBands(Source{Name: "b.csv", Data: []byte("Job level,Min base,Max base,Currency\nIC1,1,2,eur\n")},
		Source{Name: "acme.yaml", Data: []byte(in)},
		map[string]string{"level": "Job level", "min": "Min base", "max": "Max base"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(m.New), "          summary: Leads a team.\n  currency: EUR\n") {
		t.Errorf("the ladder should take the currency of its rows:\n%s", m.New)
	}
	_, err = merge(t, commented, "Level;Min;Max\n")
	if err == nil || !strings.Contains(err.Error(), `bands.csv:1:1: expected a header row with a column "level", found "Level;Min;Max"`) {
		t.Errorf("got %v", err)
	}
}

func TestBandsRefuseABrokenLadder(t *testing.T) {
	_, err := merge(t, "apiVersion: ladderctl/v1\nkind: Ladder\nmetadata: {name: x}\nspec: {tracks: [{id: ic, type: ic, levels: [{id: A, title: A, grdae: 1}]}]}\n", "level,min,max\nA,1,2\n")
	if err == nil || !strings.Contains(err.Error(), "import bands merges into a ladder that loads; fix this first") {
		t.Errorf("got %v", err)
	}
}
