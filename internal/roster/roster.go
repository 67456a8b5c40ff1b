// Package roster reads a roster, one row per person, and counts it against the ladders: how
// many people hold each level, and, for groups large enough to hide anyone in them, the
// median and mean pay of each side and gender at each grade. Privacy is its shape: it keeps
// only the columns it reads, never a name, an email or an id; the rows stay in this package;
// and what leaves it (the data policies read, the counts views show) is aggregates, with
// pay figures only for groups of at least the minimum group size.
package roster

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/safefile"
	"github.com/ladderctl/ladderctl/internal/sheet"
)

// Columns are the columns a roster is read by; --columns maps them to other headers. Every
// other column (names, emails, employee ids) is never read.
var Columns = []string{"level", "ladder", "pay", "zone", "gender"}

// DefaultMinGroup is the smallest group whose size is shown and whose pay is summarised.
const DefaultMinGroup = 5

// maxRows bounds the rows read: an organisation of half a million people is far beyond any
// ladder's, and a hostile file stops here rather than filling memory.
const maxRows = 500_000

// Roster is a roster as read: for each row, only the cells of Columns, and its row number.
type Roster struct {
	File     string // as the user named it, or the name given for standard input
	MinGroup int
	// Gender tells whether the roster has a gender column, so that gender gaps are judged.
	Gender bool
	// Problems are the rows that could not be read in full, as load findings that name the
	// row number and the column, never what the row holds.
	Problems []finding.Finding
	rows     []row
}

type row struct {
	line                        int
	ladder, level, zone, gender string
	pay                         float64 // 0 when the row gives none, or none that is a number
}

// ReadFile reads a roster from a file, or from stdin for "-", refusing one over limit bytes
// before reading it. stdinName names standard input in findings.
func ReadFile(path string, stdin io.Reader, stdinName string, limit int64) (string, []byte, error) {
	if limit <= 0 {
		limit = ladder.DefaultMaxFileSize
	}
	name := path
	var r io.Reader
	if path == "-" {
		name = stdinName
		if name == "" {
			name = "<stdin>"
		}
		if stdin == nil {
			return name, nil, &diag.Error{File: name, Message: "standard input is not available"}
		}
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return name, nil, &diag.Error{File: path, Message: "cannot read the roster: " + safefile.Reason(err)}
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil && info.IsDir() {
			return name, nil, &diag.Error{File: path, Message: "the roster is a directory", Hint: "name the CSV file itself"}
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return name, nil, &diag.Error{File: name, Message: "cannot read the roster: " + safefile.Reason(err)}
	}
	if int64(len(data)) > limit {
		return name, nil, &diag.Error{File: name, Message: fmt.Sprintf("the roster is over the %d-byte size limit", limit),
			Hint: "raise the limit with --max-file-size"}
	}
	return name, data, nil
}

// Read reads the rows of a roster CSV. A file that is not a roster (not UTF-8, not CSV, no
// level column) is an error; a row whose pay is not a number is a problem of that row, and
// the rest is still read.
func Read(name string, data []byte, columns map[string]string, minGroup int) (*Roster, error) {
	if err := sheet.CheckMapping(columns, Columns, "roster"); err != nil {
		return nil, err
	}
	sr, err := sheet.Open(name, data, sheet.Spec{Columns: Columns, Required: []string{"level"}, Mapping: columns, Expected: "a level column"})
	if err != nil {
		return nil, err
	}
	if minGroup <= 0 {
		minGroup = DefaultMinGroup
	}
	r := &Roster{File: name, MinGroup: minGroup, Gender: sr.Has("gender")}
	for {
		cells, err := sr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// Not CSV from here on: what came before is counted, and the check is incomplete.
			r.Problems = append(r.Problems, loadFinding(diag.From(err)[0]))
			break
		}
		if len(r.rows) >= maxRows {
			r.Problems = append(r.Problems, r.problem(cells.Line, fmt.Sprintf("the roster has more than %d rows; the rest is not counted", maxRows)))
			break
		}
		x := row{
			line: cells.Line, ladder: cells.Cell("ladder"), level: cells.Cell("level"),
			zone: cells.Cell("zone"), gender: strings.ToLower(cells.Cell("gender")),
		}
		if p := cells.Cell("pay"); p != "" {
			if v, ok := sheet.Amount(p); ok {
				x.pay = v
			} else {
				r.Problems = append(r.Problems, r.problem(x.line, fmt.Sprintf("row %d: the pay is not a number above 0, so it is left out of the pay figures; write it as digits, such as 85000 or 85,000.50", x.line)))
			}
		}
		r.rows = append(r.rows, x)
	}
	return r, nil
}

// People is how many rows the roster has.
func (r *Roster) People() int { return len(r.rows) }

// problem is a row that could not be read in full, at its row in the roster.
func (r *Roster) problem(line int, msg string) finding.Finding {
	return finding.Finding{Rule: finding.RuleLoad, Severity: finding.Error, File: r.File, Line: line, Column: 1, Message: msg}
}

func loadFinding(e *diag.Error) finding.Finding {
	msg := e.Message
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return finding.Finding{Rule: finding.RuleLoad, Severity: finding.Error, File: e.File, Line: max(e.Line, 1), Column: max(e.Column, 1), Message: msg}
}
