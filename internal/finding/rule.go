package finding

import (
	"fmt"
	"strings"
)

// BuiltinSource is the Source of the rules that ship with ladderctl.
const BuiltinSource = "built-in"

// Rule is one entry of the rule catalogue, whether it is written in Rego (from its METADATA,
// else from conftest's naming conventions) or in Go (the rules that judge the config file).
// Every command that lists, describes, configures or prints rules reads this one type.
type Rule struct {
	ID          string
	Title       string
	Description string   // what it checks
	Why         string   // why it matters to the people on the ladder
	Fix         string   // how to fix what it finds
	Severity    Severity // default severity
	Params      []Param  // the params it reads, by name
	Tags        []string // what views select rules by, such as "parity"
	Example     string   // a fragment that breaks it
	Source      string   // BuiltinSource, or the policy file
	Line        int      // where it is defined in Source, for a user's policy
	ConfigOnly  bool     // judges the config file, not ladders
}

// Param is a param a rule reads, as the rule's METADATA declares it (custom.params).
type Param struct {
	Name    string
	Default any
	// Looser says which way a numeric value lets more through; a change of a param whose
	// METADATA does not say may loosen the rule, or not.
	Looser Direction
	// Unit says how a value reads to people: "percent" for a ratio (0.1 is 10%), a noun
	// such as "step" for a count (1 step, 2 steps), "" for a plain number.
	Unit string
	// Loosened says what a loosened value lets through, {value} standing for the value.
	Loosened string
}

// Direction is the way a numeric param moves to loosen its rule.
type Direction int

const (
	LooserUnknown Direction = 0
	LooserHigher  Direction = 1  // a larger value lets more through
	LooserLower   Direction = -1 // a smaller value lets more through
)

// ParseDirection reads the looser: of a param's METADATA: higher or lower.
func ParseDirection(s string) (Direction, bool) {
	switch s {
	case "higher":
		return LooserHigher, true
	case "lower":
		return LooserLower, true
	}
	return LooserUnknown, false
}

func (d Direction) String() string {
	switch d {
	case LooserHigher:
		return "higher"
	case LooserLower:
		return "lower"
	}
	return "unknown"
}

// LoadRule describes the findings of the loader, which no policy declares.
var LoadRule = Rule{
	ID: RuleLoad, Severity: Error, Source: BuiltinSource,
	Title:       "Every ladder file can be read",
	Description: "A file under the ladder paths is missing, is not valid YAML or UTF-8, is over the size limit, or does not match the ladderctl/v1 ladder format (a missing or unknown field, a value of the wrong type, a name used twice). A file with no ladder in it at all is a warning.",
	Why:         "What cannot be read cannot be checked: a ladder with a load error is judged by no other rule, so a gap in it would go unseen. A run with a load error is incomplete and exits 2.",
	Fix:         "Correct the file at the line and column given; the message names what was expected.",
	Example:     "apiVersion: ladderctl/v1\nkind: Ladder\nmetadata:\n  name: platform\nspec:\n  tracks:\n    - id: ic\n      type: ic\n      levels:\n        - {id: IC1, title: Engineer, grade: one}   # grade must be a number",
}

// DocsBase is where the pages of the built-in rules are published, one page per rule.
const DocsBase = "https://github.com/ladderctl/ladderctl/blob/main/docs/rules/"

// DocsFile is the file name of a rule's page: its id with each "/" written as ".", which no
// built-in id otherwise holds (parity/top-grade is parity.top-grade.md).
func DocsFile(id string) string { return strings.ReplaceAll(id, "/", ".") + ".md" }

// DocsURL is the address of a built-in rule's page; a user's rule has none. The rules on
// the config are built in too, shown as "built-in (config)".
func (r Rule) DocsURL() string {
	if r.Source != BuiltinSource && !strings.HasPrefix(r.Source, BuiltinSource+" (") {
		return ""
	}
	return DocsBase + DocsFile(r.ID)
}

func (r *Rule) String() string { return fmt.Sprintf("%s (%s)", r.ID, r.Severity) }

// IsLoadError tells whether a finding says a file could not be read as ladders: the run
// that holds one is incomplete.
func (f Finding) IsLoadError() bool { return f.Rule == RuleLoad && f.Severity == Error }

// Off is the rules: setting that turns a rule off.
const Off = "off"

// Overridden applies a rules: setting to a finding's severity; ok is false for a rule turned
// off. An empty setting leaves the finding as it is.
func (f Finding) Overridden(setting string) (_ Finding, ok bool) {
	switch setting {
	case "":
		return f, true
	case Off:
		return f, false
	}
	if s, err := ParseSeverity(setting); err == nil {
		f.Severity = s
	}
	return f, true
}

// Looser tells whether the setting a is looser than b: off is looser than info, info than
// warning, warning than error.
func Looser(a, b string) bool { return rank(a) < rank(b) }

func rank(setting string) int {
	if setting == Off {
		return 0
	}
	s, _ := ParseSeverity(setting)
	return int(s)
}
