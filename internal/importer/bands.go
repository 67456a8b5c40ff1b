package importer

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/sheet"
	"github.com/ladderctl/ladderctl/internal/suggest"
)

// BandColumns are the columns import bands reads; --columns maps them to other headers.
var BandColumns = []string{"level", "min", "max", "zone", "currency"}

// Band is one row of a bands CSV: a level's band, in one zone or ("") the plain band.
type Band struct {
	Row      int // the row number a spreadsheet shows: the header is row 1
	Level    string
	Zone     string
	Min, Max float64
	Currency string
}

// maxRows bounds the rows read; a ladder holds at most ladder.MaxLevels levels, each with a
// band per zone, so a real export is far below it.
const maxRows = 100_000

// ReadBands reads the rows of a bands CSV against a ladder: every row that names an unknown
// level or zone, holds a number that is not one, or disagrees on the currency is an error,
// all of them listed, by row.
func ReadBands(src Source, doc *ladder.Document, columns map[string]string) ([]Band, string, error) {
	if err := sheet.CheckMapping(columns, BandColumns, "import bands"); err != nil {
		return nil, "", err
	}
	sr, err := sheet.Open(src.Name, src.Data, sheet.Spec{
		Columns: BandColumns, Required: []string{"level", "min", "max"}, Mapping: columns,
		Expected: "the columns level, min and max",
	})
	if err != nil {
		return nil, "", err
	}

	levels := map[string]bool{}
	var ids []string
	for _, tl := range doc.Levels() {
		levels[tl.Level.ID] = true
		ids = append(ids, tl.Level.ID)
	}
	zones := map[string]bool{}
	for _, z := range doc.Spec.Zones {
		zones[z.ID] = true
	}
	var (
		bands    []Band
		bad      diag.List
		seen     = map[[2]string]int{}
		currency = doc.Spec.Currency // what a plain band's currency must be, once known
		from     = "spec.currency"
	)
	for {
		row, err := sr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			bad = append(bad, diag.From(err)...)
			break
		}
		line, cell := row.Line, row.Cell
		if len(bands)+len(bad) >= maxRows {
			return nil, "", &diag.Error{File: src.Name, Line: line, Column: 1, Message: fmt.Sprintf("more than %d rows", maxRows), Hint: "split the export"}
		}
		var why []string
		b := Band{Row: line, Level: cell("level"), Zone: cell("zone"), Currency: strings.ToUpper(cell("currency"))}
		switch {
		case b.Level == "":
			why = append(why, "no level")
		case !levels[b.Level]:
			why = append(why, fmt.Sprintf("level %s is not a level of the ladder%s", quote(b.Level), suggest.DidYouMean(b.Level, ids)))
		}
		var okMin, okMax bool
		b.Min, okMin = number(cell("min"))
		b.Max, okMax = number(cell("max"))
		if !okMin {
			why = append(why, fmt.Sprintf("min %s is not a number above 0", quote(cell("min"))))
		}
		if !okMax {
			why = append(why, fmt.Sprintf("max %s is not a number above 0", quote(cell("max"))))
		}
		if okMin && okMax && b.Min > b.Max {
			why = append(why, fmt.Sprintf("min %s is above max %s", cell("min"), cell("max")))
		}
		switch {
		case len(zones) == 0 && b.Zone != "":
			why = append(why, fmt.Sprintf("zone %s, but the ladder has no spec.zones (add the zones there first)", quote(b.Zone)))
		case len(zones) > 0 && b.Zone == "":
			why = append(why, "no zone, but the ladder pays by zone ("+strings.Join(slices.Sorted(maps.Keys(zones)), ", ")+")")
		case len(zones) > 0 && !zones[b.Zone]:
			why = append(why, fmt.Sprintf("zone %s is not in spec.zones%s", quote(b.Zone), suggest.DidYouMean(b.Zone, slices.Sorted(maps.Keys(zones)))))
		}
		if b.Currency != "" && (b.Zone == "" || zones[b.Zone]) {
			want, wantFrom := currency, from
			if b.Zone != "" && zones[b.Zone] {
				want, wantFrom = doc.Spec.ZoneCurrency(b.Zone), "zone "+b.Zone
			}
			switch {
			case !currencyCode.MatchString(b.Currency):
				why = append(why, fmt.Sprintf("currency %s is not a three-letter ISO 4217 code", quote(cell("currency"))))
			case want == "" && b.Zone == "":
				currency, from = b.Currency, fmt.Sprintf("row %d", line)
			case want != "" && want != b.Currency:
				why = append(why, fmt.Sprintf("currency %s disagrees with %s (%s)", b.Currency, wantFrom, want))
			}
		}
		key := [2]string{b.Level, b.Zone}
		if first, dup := seen[key]; dup && b.Level != "" {
			why = append(why, fmt.Sprintf("level %s%s is already given in row %d", quote(b.Level), inZone(b.Zone), first))
		} else {
			seen[key] = line
		}
		if len(why) > 0 {
			bad = append(bad, &diag.Error{File: src.Name, Line: line, Column: 1,
				Message: fmt.Sprintf("row %d: %s", line, strings.Join(why, "; "))})
			continue
		}
		bands = append(bands, b)
	}
	if len(bad) > 0 {
		return nil, "", bad
	}
	if len(bands) == 0 {
		return nil, "", &diag.Error{File: src.Name, Line: 2, Column: 1, Message: "expected rows of bands under the header, found none"}
	}
	// A ladder without a currency takes the one its rows agree on; without either, the bands
	// would mean nothing.
	newCurrency := ""
	if doc.Spec.Currency == "" && len(zones) == 0 {
		if currency == "" {
			return nil, "", &diag.Error{File: src.Name, Line: 1, Column: 1,
				Message: "the ladder has no spec.currency and the CSV no currency column", Hint: "add spec.currency to the ladder, or a currency column"}
		}
		newCurrency = currency
	}
	return bands, newCurrency, nil
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

func number(s string) (float64, bool) { return sheet.Amount(s) }

func inZone(z string) string {
	if z == "" {
		return ""
	}
	return " in zone " + quote(z)
}

func quote(s string) string { return sheet.Quote(s) }
