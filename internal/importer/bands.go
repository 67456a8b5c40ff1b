package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
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
	for k := range columns {
		if !slices.Contains(BandColumns, k) {
			return nil, "", fmt.Errorf("--columns names %q, which is not a column import bands reads (use %s)", k, strings.Join(BandColumns, ", "))
		}
	}
	data := bytes.TrimPrefix(src.Data, bom)
	if !utf8.Valid(data) {
		return nil, "", &diag.Error{File: src.Name, Line: 1, Column: 1, Message: "the file is not UTF-8 text", Hint: "export the CSV as UTF-8"}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, "", &diag.Error{File: src.Name, Line: 1, Column: 1, Message: "expected a header row naming the columns level, min and max, found an empty file"}
	}
	if err != nil {
		return nil, "", csvError(src.Name, err)
	}
	col := map[string]int{}
	for _, c := range BandColumns {
		want := c
		if h, ok := columns[c]; ok {
			want = h
		}
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(want)) {
				col[c] = i
				break
			}
		}
		if _, ok := col[c]; !ok && (c == "level" || c == "min" || c == "max" || columns[c] != "") {
			found := make([]string, len(header))
			for i, h := range header {
				found[i] = quote(h)
			}
			return nil, "", &diag.Error{File: src.Name, Line: 1, Column: 1,
				Message: fmt.Sprintf("expected a header row with a column %q, found %s", want, strings.Join(found, ", ")),
				Hint:    "name the column with --columns " + c + `="Your header"`}
		}
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
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			bad = append(bad, diag.From(csvError(src.Name, err))...)
			break
		}
		line, _ := cr.FieldPos(0)
		if len(bands)+len(bad) >= maxRows {
			return nil, "", &diag.Error{File: src.Name, Line: line, Column: 1, Message: fmt.Sprintf("more than %d rows", maxRows), Hint: "split the export"}
		}
		cell := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // a blank row, as spreadsheets export at the end
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

// amount is a number as spreadsheets export one: digits, optionally grouped by commas, and
// a decimal part. Nothing else: not NaN, Inf, hex or a sign.
var amount = regexp.MustCompile(`^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$`)

func number(s string) (float64, bool) {
	if !amount.MatchString(s) || len(s) > 30 {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil && v > 0
}

func inZone(z string) string {
	if z == "" {
		return ""
	}
	return " in zone " + quote(z)
}

// quote shows a cell in a message: cut short and escaped, so a hostile cell can neither
// flood the terminal nor carry control characters to it.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:37]) + "..."
	}
	return strconv.QuoteToGraphic(s)
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &diag.Error{File: file, Line: pe.Line, Column: pe.Column, Message: "not a CSV row: " + pe.Err.Error(), Hint: "export the sheet as CSV"}
	}
	return &diag.Error{File: file, Message: err.Error()}
}
