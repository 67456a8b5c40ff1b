// Package sheet reads a spreadsheet exported as CSV the way every command that takes one
// reads it (import bands, roster): UTF-8 with or without a byte-order mark, a header row
// whose names --columns can map, rows numbered as the spreadsheet shows them, and amounts
// as spreadsheets write them.
package sheet

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
)

var bom = []byte("\xef\xbb\xbf")

// Reader reads the rows of one CSV after its header.
type Reader struct {
	name string
	cr   *csv.Reader
	col  map[string]int
}

// Spec says which columns a command reads.
type Spec struct {
	Columns  []string // every column the command reads, by its own name
	Required []string // those a file must have
	Mapping  map[string]string
	// Expected says what the header must name, for an empty file: "the columns level, min and max".
	Expected string
}

// CheckMapping refuses a --columns key that is not a column the command reads, before any
// file is read; what names the command, as in "import bands".
func CheckMapping(mapping map[string]string, columns []string, what string) error {
	for _, k := range slices.Sorted(maps.Keys(mapping)) {
		if !slices.Contains(columns, k) {
			return fmt.Errorf("--columns names %q, which is not a column %s reads (use %s)", k, what, strings.Join(columns, ", "))
		}
	}
	return nil
}

// Open checks that data is UTF-8 text, reads its header row and finds the columns of spec
// in it: a column's own name, or the header --columns maps it to, matched without regard to
// case or surrounding spaces. A missing required column (or one --columns names) is an error
// that lists the headers found; headers name columns, never a person, so they may be shown.
func Open(name string, data []byte, spec Spec) (*Reader, error) {
	data = bytes.TrimPrefix(data, bom)
	if !utf8.Valid(data) {
		return nil, &diag.Error{File: name, Line: 1, Column: 1, Message: "the file is not UTF-8 text", Hint: "export the CSV as UTF-8"}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &diag.Error{File: name, Line: 1, Column: 1, Message: "expected a header row naming " + spec.Expected + ", found an empty file"}
	}
	if err != nil {
		return nil, ParseError(name, err)
	}
	header = slices.Clone(header) // the reader reuses its record
	r := &Reader{name: name, cr: cr, col: map[string]int{}}
	for _, c := range spec.Columns {
		want := c
		if h, ok := spec.Mapping[c]; ok {
			want = h
		}
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(want)) {
				r.col[c] = i
				break
			}
		}
		if _, ok := r.col[c]; !ok && (slices.Contains(spec.Required, c) || spec.Mapping[c] != "") {
			found := make([]string, len(header))
			for i, h := range header {
				found[i] = Quote(h)
			}
			return nil, &diag.Error{File: name, Line: 1, Column: 1,
				Message: fmt.Sprintf("expected a header row with a column %q, found %s", want, strings.Join(found, ", ")),
				Hint:    "name the column with --columns " + c + `="Your header"`}
		}
	}
	return r, nil
}

// Has tells whether the file has a column.
func (r *Reader) Has(column string) bool {
	_, ok := r.col[column]
	return ok
}

// Row is one row of the file: its cells in the columns of the spec only, so that no other
// cell outlives the read, and its number as a spreadsheet shows it (the header is row 1).
type Row struct {
	Line  int
	cells map[string]string
}

// Cell is the row's value in a column, trimmed; "" when the file or the row has none.
func (r Row) Cell(column string) string { return r.cells[column] }

// Next reads the next row that is not blank (spreadsheets export blank rows at the end);
// io.EOF after the last.
func (r *Reader) Next() (Row, error) {
	for {
		rec, err := r.cr.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return Row{}, io.EOF
			}
			return Row{}, ParseError(r.name, err)
		}
		line, _ := r.cr.FieldPos(0)
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		row := Row{Line: line, cells: make(map[string]string, len(r.col))}
		for c, i := range r.col {
			if i < len(rec) {
				row.cells[c] = strings.TrimSpace(rec[i])
			}
		}
		return row, nil
	}
}

// amount is a number as spreadsheets export one: digits, optionally grouped by commas, and
// a decimal part. Nothing else: not NaN, Inf, hex or a sign.
var amount = regexp.MustCompile(`^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$`)

// Amount reads an amount above 0.
func Amount(s string) (float64, bool) {
	if len(s) > 30 || !amount.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil && v > 0
}

// Quote shows a cell in a message: cut short and escaped, so a hostile cell can neither
// flood the terminal nor carry control characters to it.
func Quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:37]) + "..."
	}
	return strconv.QuoteToGraphic(s)
}

// ParseError says where a file stops being CSV.
func ParseError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &diag.Error{File: file, Line: pe.Line, Column: pe.Column, Message: "not a CSV row: " + pe.Err.Error(), Hint: "export the sheet as CSV"}
	}
	return &diag.Error{File: file, Message: err.Error()}
}
