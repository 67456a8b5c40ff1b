package governance

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// Baseline is the findings a repository accepted when it adopted ladderctl. Entries match
// findings by rule, ladder, level and message, never by line, so edits elsewhere in a file
// do not break the match, while a new or changed finding still fails.
type Baseline struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one accepted finding.
type Entry struct {
	Rule    string `json:"rule"`
	Ladder  string `json:"ladder"`
	Level   string `json:"level,omitempty"`
	Message string `json:"message"`
}

const baselineVersion = 1

func keyOf(f finding.Finding) Entry {
	return Entry{Rule: f.Rule, Ladder: f.Ladder, Level: f.Level, Message: f.Message}
}

// counts returns how many findings of each key the baseline accepts; a nil baseline accepts
// none.
func (b *Baseline) counts() map[Entry]int {
	m := map[Entry]int{}
	if b == nil {
		return m
	}
	for _, e := range b.Findings {
		m[e]++
	}
	return m
}

// NewBaseline records findings, except load findings and findings about the config, which
// a baseline cannot accept.
func NewBaseline(findings []finding.Finding) *Baseline {
	b := &Baseline{Version: baselineVersion, Findings: []Entry{}}
	for _, f := range findings {
		if f.Rule == finding.RuleLoad || f.Rule == RuleExpired || f.Rule == RuleUnused {
			continue
		}
		b.Findings = append(b.Findings, keyOf(f))
	}
	slices.SortFunc(b.Findings, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Ladder, b.Ladder), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Level, b.Level), cmp.Compare(a.Message, b.Message))
	})
	return b
}

// Write saves the baseline atomically.
func (b *Baseline) Write(path string) error {
	return safefile.Write(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(b)
	})
}

// MaxBaselineSize is the largest baseline read: some hundred thousand findings.
const MaxBaselineSize = 64 << 20

// ReadBaseline loads a baseline file.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := safefile.Read(path, MaxBaselineSize)
	var big *safefile.TooBigError
	switch {
	case errors.As(err, &big):
		return nil, &diag.Error{File: path, Message: "the baseline is " + big.Error() + " for a baseline", Hint: "a baseline lists findings; write it anew with --write-baseline"}
	case errors.Is(err, safefile.ErrNotRegular):
		return nil, &diag.Error{File: path, Message: "the baseline is not a regular file (a device, a FIFO or a socket), so it is not read", Hint: "point baseline: at a JSON file written by --write-baseline"}
	case err != nil:
		return nil, &diag.Error{File: path, Message: "cannot read the baseline: " + unwrap(err), Hint: "write one with --write-baseline, or fix the path"}
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, &diag.Error{File: path, Message: "the baseline is not valid JSON: " + err.Error(), Hint: "write it anew with --write-baseline"}
	}
	if b.Version != baselineVersion {
		return nil, &diag.Error{File: path, Message: fmt.Sprintf("the baseline has version %d; this ladderctl reads version %d", b.Version, baselineVersion), Hint: "write it anew with --write-baseline"}
	}
	return &b, nil
}

func unwrap(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
