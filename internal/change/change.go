// Package change is what a change to a ladder repository did: the ladders, levels, pay bands
// and transitions it added, removed or changed, the findings it introduced, fixed or left,
// and any loosening of the rules themselves. Each side is judged by its own config, params
// and policies; `ladderctl diff` runs it on the merge-base and the working tree.
package change

import (
	"cmp"
	"slices"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/ladderdiff"
	"github.com/ladderctl/ladderctl/internal/report"
)

// Side is one side of a change as its own config judged it. File paths are relative to the
// repository root on both sides, so that they match.
type Side struct {
	Config      *config.Config       // nil when the side's config did not load
	Ladders     []*ladder.Ladder     // the ladders that loaded
	Findings    []finding.Finding    // reported: after rules:, waivers and the baseline
	Waived      []finding.Finding    // accepted by a waiver
	Baselined   []finding.Finding    // accepted by the baseline
	Rules       []finding.Rule       // the rules in force
	PolicyFiles []string             // the .rego files the side loads (tests excluded)
	PolicySums  map[string]string    // a digest of each of PolicyFiles, to tell an edited one
	Baseline    *governance.Baseline // nil when the side has none
	FlagParams  map[string]any       // --param values (the head side only)
	Packs       []report.Pack        // the oci:// policy packs the side was judged by, with their digests
	Problems    []string             // what kept the side from being checked in full
}

// Options tune Compare.
type Options struct {
	FailOn string // the threshold of a failing introduced finding: error, warning, info or never
	// BuiltinParams returns the params the built-in rules declare, for those neither side's
	// rules in force declare; it is called only when needed. Nil means none is known.
	BuiltinParams func() map[string]finding.Param
}

// Report is what a change did. Its JSON form is the stable shape of `diff -o json`: keys
// are snake_case, numbers are raw, lists are never null.
type Report struct {
	Base     Revision    `json:"base"`
	Head     Revision    `json:"head"`
	FailOn   string      `json:"fail_on"`
	Summary  Summary     `json:"summary"`
	Loosened []Loosening `json:"loosened"`
	// The ladders, levels, pay bands, branch points and transitions the change added,
	// removed or changed.
	ladderdiff.Diff
	Findings Findings `json:"findings"`
	Errors   Errors   `json:"errors"`
	Notes    []string `json:"notes"`
}

// Revision says what one side is.
type Revision struct {
	Ref         string `json:"ref,omitempty"`    // the ref as given, such as origin/main
	Commit      string `json:"commit,omitempty"` // the merge-base of HEAD and Ref
	WorkingTree bool   `json:"working_tree"`     // the files on disk, uncommitted edits included
	Config      string `json:"config"`           // the config file that judged it, or ""
	Ladders     int    `json:"ladders"`          // ladders loaded
	// Packs are the oci:// policy packs the side's config pinned, each with the digest it
	// resolved to: a change that bumps a digest shows here.
	Packs []report.Pack `json:"packs"`
}

// Summary counts what changed.
type Summary struct {
	Introduced         int  `json:"introduced"`
	Fixed              int  `json:"fixed"`    // silenced ones included
	Silenced           int  `json:"silenced"` // fixed findings a loosening of the rules accounts for
	Accepted           int  `json:"accepted"` // findings the change brings that a waiver or the baseline accepts
	Left               int  `json:"left"`
	Failing            int  `json:"failing"` // introduced findings at or above fail_on
	Loosened           int  `json:"loosened"`
	LaddersAdded       int  `json:"ladders_added"`
	LaddersRemoved     int  `json:"ladders_removed"`
	LevelChanges       int  `json:"level_changes"`
	PayChanges         int  `json:"pay_changes"`
	BranchChanges      int  `json:"branch_changes"`
	TransitionsAdded   int  `json:"transitions_added"`
	TransitionsRemoved int  `json:"transitions_removed"`
	BaseComplete       bool `json:"base_complete"`
	HeadComplete       bool `json:"head_complete"`
}

// Errors are what kept each side from being checked in full. Errors on the base are
// reported and the diff goes on; errors on the head make the run incomplete (exit 2).
type Errors struct {
	Base []string `json:"base"`
	Head []string `json:"head"`
}

// Compare works out what changed from base to head.
func Compare(base, head *Side, opts Options) *Report {
	if opts.FailOn == "" {
		opts.FailOn = "error"
	}
	r := &Report{FailOn: opts.FailOn}
	r.Errors.Base = sideErrors(base)
	r.Errors.Head = sideErrors(head)
	r.Base.Ladders, r.Head.Ladders = len(base.Ladders), len(head.Ladders)
	r.Base.Packs, r.Head.Packs = base.Packs, head.Packs
	if base.Config != nil {
		r.Base.Config = base.Config.File
	}
	if head.Config != nil {
		r.Head.Config = head.Config.File
	}
	compareStructure(r, base, head)
	r.Findings = compareFindings(base.Findings, head.Findings)
	r.Findings.Accepted = newlyAccepted(base, head)
	r.Loosened = loosenings(base, head, r.Findings.Fixed, opts.BuiltinParams)
	bcat := catalogue(base.Rules)
	for i := range r.Findings.Fixed {
		r.Findings.Fixed[i].SilencedBy = silencedBy(r.Findings.Fixed[i].Finding, r.Loosened, bcat)
	}
	r.Notes = notes(head)
	r.summarise()
	r.normalise()
	return r
}

func (r *Report) summarise() {
	s := &r.Summary
	s.Introduced, s.Fixed, s.Left = len(r.Findings.Introduced), len(r.Findings.Fixed), len(r.Findings.Left)
	s.Accepted = len(r.Findings.Accepted)
	for _, f := range r.Findings.Introduced {
		if check.Reaches(f.Severity, r.FailOn) {
			s.Failing++
		}
	}
	for _, f := range r.Findings.Fixed {
		if f.SilencedBy != "" {
			s.Silenced++
		}
	}
	s.Loosened = len(r.Loosened)
	s.LaddersAdded, s.LaddersRemoved = len(r.Ladders.Added), len(r.Ladders.Removed)
	s.LevelChanges, s.PayChanges, s.BranchChanges = len(r.Levels), len(r.Pay), len(r.Branches)
	for _, t := range r.Transitions {
		if t.Change == ladderdiff.Added {
			s.TransitionsAdded++
		} else {
			s.TransitionsRemoved++
		}
	}
	s.BaseComplete, s.HeadComplete = len(r.Errors.Base) == 0, len(r.Errors.Head) == 0
}

// normalise makes every list non-nil, so JSON never says null where a list is documented.
func (r *Report) normalise() {
	nonNil(&r.Loosened)
	nonNil(&r.Ladders.Added)
	nonNil(&r.Ladders.Removed)
	nonNil(&r.Ladders.Changed)
	nonNil(&r.Levels)
	nonNil(&r.Pay)
	nonNil(&r.Branches)
	nonNil(&r.Transitions)
	nonNil(&r.Findings.Introduced)
	nonNil(&r.Findings.Fixed)
	nonNil(&r.Findings.Left)
	nonNil(&r.Findings.Accepted)
	nonNil(&r.Findings.ByLadder)
	nonNil(&r.Errors.Base)
	nonNil(&r.Errors.Head)
	nonNil(&r.Notes)
	nonNil(&r.Base.Packs)
	nonNil(&r.Head.Packs)
}

func nonNil[T any](s *[]T) {
	if *s == nil {
		*s = []T{}
	}
}

// Complete tells whether the head side was checked in full.
func (r *Report) Complete() bool { return len(r.Errors.Head) == 0 }

// Fails tells whether the change introduces findings at or above fail-on.
func (r *Report) Fails() bool { return r.Summary.Failing > 0 }

// sideErrors lists a side's problems, then the files that did not load, each once.
func sideErrors(s *Side) []string {
	out := slices.Clone(s.Problems)
	for _, f := range s.Findings {
		if f.IsLoadError() {
			out = append(out, report.Location(f)+": "+f.Message)
		}
	}
	return out
}

// unreadable tells whether a side failed to load (some of) a file, so that what the file
// holds there is unknown rather than absent.
func unreadable(s *Side, file string) bool {
	for _, f := range s.Findings {
		if f.IsLoadError() && f.File == file {
			return true
		}
	}
	return false
}

func notes(head *Side) []string {
	var out []string
	for _, k := range sortedKeys(head.FlagParams) {
		out = append(out, "The change was judged with --param "+k+"="+valueText(head.FlagParams[k])+", and the base was not: --param applies to the change only.")
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare[string])
	return keys
}
