package output

import (
	"encoding/csv"
	"io"
	"regexp"
	"strings"
)

// plainNumber is a cell a spreadsheet reads as a number and nothing else, such as a pay gap
// of -0.05: it keeps its sign, so that the column still sums.
var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// CSVCell keeps a spreadsheet from running a cell as a formula, as OWASP recommends for CSV
// injection: a cell that starts with =, +, -, @, a tab or a carriage return gets a single
// quote in front, so a title such as =HYPERLINK(...) is shown as the text it is. A plain
// number, negative included, is left as it is.
func CSVCell(s string) string {
	if s == "" || !strings.ContainsAny(s[:1], "=+-@\t\r") || plainNumber.MatchString(s) {
		return s
	}
	return "'" + s
}

// WriteCSV writes records as CSV with every cell made safe by CSVCell.
func WriteCSV(w io.Writer, records [][]string) error {
	cw := csv.NewWriter(w)
	for _, rec := range records {
		safe := make([]string, len(rec))
		for i, c := range rec {
			safe[i] = CSVCell(c)
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
