// Package finding is the model every layer shares: findings, their severities and the rule
// catalogue. It imports no other package of ladderctl, so that loading, judging and printing
// can all speak of findings without depending on each other.
package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity orders how much a finding matters; the zero value is not a valid severity.
type Severity int

const (
	Info Severity = iota + 1
	Warning
	Error
)

// Severities lists the severity names a user can write, from the most to the least severe.
var Severities = []string{"error", "warning", "info"}

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "unknown"
}

// ParseSeverity reads a severity name in any case.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("%q is not a severity (use error, warning or info)", s)
}

func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// RuleLoad is the id of the findings the loader reports for files it cannot read as ladders.
const RuleLoad = "load"

// Finding is one problem found in one ladder file.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Ladder   string   `json:"ladder"`
	Level    string   `json:"level"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Path     string   `json:"path"`
}

// Sort puts findings in the order of the contract: file, line, column, rule, message.
func Sort(fs []Finding) { slices.SortFunc(fs, Compare) }

// Compare orders two findings as Sort does.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}
