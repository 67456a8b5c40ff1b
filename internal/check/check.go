// Package check is the one judging pipeline: settings in, ladders loaded, the rules
// evaluated, the repository's decisions (severities, waivers, baseline) applied, findings
// out. lint prints its result, diff runs it on both sides of a change, and compare and
// render show it for one ladder; none of them runs the engine on its own.
package check

import (
	"context"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/governance"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/policysource"
	"github.com/ladderctl/ladderctl/internal/roster"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// Settings are everything that decides how ladders are judged, resolved once (flags over
// LADDERCTL_* over the config file over defaults) and shared by every command, so that the
// same ladders and config give the same findings in lint, compare, render and diff.
type Settings struct {
	Config      *config.Config
	Paths       []string             // ladder files and directories
	Policies    []string             // user policy directories, or oci:// references until resolved
	Packs       []policysource.Pack  // what each oci:// policy reference resolved to
	Sources     policysource.Options // how oci:// references are reached (diff's base side resolves its own with it)
	Builtin     bool                 // load the built-in pack
	Namespaces  []string             // globs over user packages; none means all
	Params      map[string]any       // the config's params with FlagParams over them
	FlagParams  map[string]any       // --param values, to warn about those no rule reads
	Baseline    string               // a baseline file whose findings are accepted; "" for none
	Timeout     time.Duration        // bounds the run, loading and evaluation; 0 means no bound
	Now         time.Time            // the run's clock: waivers expire against it
	MaxFileSize int64                // largest ladder file; 0 means the loader's default
	MaxMemory   int64                // memory budget of policy evaluation in bytes; 0 means none
	Stdin       io.Reader            // read for the path "-"
	StdinName   string               // the file name findings give for standard input
	Print       io.Writer            // where print() in policies writes; nil discards it
	// Repository, when set, is the directory the ladder paths must stay in: a path under it
	// that a symbolic link takes outside is refused. The config's paths and the default are
	// held to it, as a pull request can change them; paths given as arguments or in
	// LADDERCTL_LADDERS are not.
	Repository string
	// Roster is a roster to count against the ladders; nil for none. Its counts reach the
	// policies as data.roster, and the roster rules are in force only with one.
	Roster *roster.Roster
}

// FromConfig gives the settings a config file alone makes, with the defaults where it is
// silent: what a run without flags or environment uses, and what diff judges its base by.
func FromConfig(cfg *config.Config) Settings {
	s := Settings{Config: cfg, Builtin: cfg.BuiltinOn(), Namespaces: cfg.Namespaces, Params: Params(cfg, nil), Repository: config.Repository(cfg.Dir)}
	for _, p := range cfg.Ladders {
		s.Paths = append(s.Paths, cfg.Resolve(p))
	}
	if len(s.Paths) == 0 {
		s.Paths = []string{DefaultLadders}
	}
	for _, p := range cfg.Policies {
		if !policysource.IsRemote(p) { // a reference is no path relative to the config
			p = cfg.Resolve(p)
		}
		s.Policies = append(s.Policies, p)
	}
	if cfg.Baseline != "" {
		s.Baseline = cfg.Resolve(cfg.Baseline)
	}
	return s
}

// DefaultLadders is where ladders are looked for when neither arguments, environment nor
// config say.
const DefaultLadders = "ladders"

// Params layers --param values over the config's params.
func Params(cfg *config.Config, flagParams map[string]any) map[string]any {
	params := make(map[string]any, len(cfg.Params)+len(flagParams))
	for k, p := range cfg.Params {
		params[k] = p.Value
	}
	maps.Copy(params, flagParams)
	return params
}

// Scope says which ladders a run judges beyond those under Settings.Paths.
type Scope struct {
	// Loaded are ladders already read, such as a file at a git ref: judged beside the others.
	Loaded []*ladder.Ladder
	// Release drops each ladder's value and positions once it is judged, so that memory
	// stays flat over thousands of ladders; the Result's ladders then keep only their names.
	Release bool
	// NoBaseline ignores Settings.Baseline: for a run that is about to record a new one.
	NoBaseline bool
	// MayCheckNothing keeps Result.Unchecked out of the problems: for the base of a change,
	// which may have no ladder yet, and for the views of one ladder.
	MayCheckNothing bool
}

// Result is what one check found.
type Result struct {
	Set      *ladder.Set
	Findings []finding.Finding // every finding, before the repository's decisions apply
	Outcome  governance.Outcome
	Rules    []finding.Rule // the rules in force
	Warnings diag.List      // settings that do nothing
	Problems diag.List      // what kept the check from being complete
	// Unchecked says why nothing was checked (no ladder was found, or no rule was in force);
	// among the Problems too unless Scope.MayCheckNothing, as checking nothing is no pass.
	Unchecked diag.List
	Baseline  *governance.Baseline
	Roster    *roster.Summary     // the roster counted against the ladders; nil without one
	Packs     []policysource.Pack // the registry packs judged by, with the digest each resolved to
}

// Run loads, evaluates and governs: the one pipeline every command that shows findings
// goes through. It always returns a result: what could not be checked is in Problems, and
// everything else is still checked.
func Run(ctx context.Context, s Settings, scope Scope) *Result {
	res := &Result{Packs: s.Packs}
	if s.Timeout > 0 {
		// --timeout covers the whole run: walking and reading files as well as evaluation.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.Timeout)
		defer cancel()
	}
	if s.Baseline != "" && !scope.NoBaseline {
		b, err := governance.ReadBaseline(s.Baseline)
		if err != nil {
			res.Problems = append(res.Problems, diag.From(err)...)
		}
		res.Baseline = b
	}
	engine, err := policy.New(ctx, policy.Options{
		Builtin: s.Builtin, Dirs: s.Policies, Namespaces: s.Namespaces, Params: s.Params,
		Timeout: s.Timeout, Now: PolicyClock(s.Now), Print: s.Print, MaxMemory: s.MaxMemory,
	})
	compiled := err == nil
	if err != nil {
		res.Problems = append(res.Problems, shown(s.Packs, diag.From(err))...)
	}
	// Unless a policy reads every ladder at once, each is judged as soon as it is parsed,
	// while other files are still being read.
	var run *policy.Run
	load := ladder.Options{MaxFileSize: s.MaxFileSize, Stdin: s.Stdin, StdinName: s.StdinName, Context: ctx}
	if engine != nil && !engine.NeedsAll() && s.Roster == nil { // a roster is counted against every ladder first
		run = engine.Start(ctx)
		defer run.Stop()
		load.Each = func(l *ladder.Ladder) {
			run.Add(l)
			if scope.Release {
				l.Release()
			}
		}
	}
	paths, escaped := contained(s.Paths, s.Repository)
	res.Set = ladder.Load(paths, load)
	res.Set.Problems = append(escaped, res.Set.Problems...)
	for _, l := range scope.Loaded { // judged with the rest when the run finishes
		res.Set.Ladders = append(res.Set.Ladders, l)
		res.Set.Files++
	}
	res.Findings = res.Set.Problems
	cfg := s.Config
	if s.Roster != nil {
		res.Findings = append(res.Findings, countRoster(ctx, s.Roster, res, engine)...)
	} else {
		cfg = withoutRosterWaivers(cfg)
	}
	if engine != nil { // the rules that compiled still run when some of the user's did not
		var ids []string
		for _, r := range engine.Rules() {
			ids = append(ids, r.ID)
			rule := *r
			rule.Source = policysource.Show(s.Packs, rule.Source) // the pack's reference, not the cache's path
			res.Rules = append(res.Rules, rule)
		}
		var errs diag.List
		res.Warnings, errs = governance.Check(s.Config, ids, engine.DeclaredParams(), s.FlagParams)
		res.Problems = append(res.Problems, errs...)
		var found []finding.Finding
		if run != nil {
			found, err = run.Finish(res.Set.Ladders)
		} else {
			found, err = engine.Evaluate(ctx, res.Set.Ladders)
		}
		res.Findings = append(res.Findings, found...)
		if err != nil {
			res.Problems = append(res.Problems, shown(s.Packs, diag.From(err))...)
		}
	}
	if len(s.Config.Exceptions) > 0 {
		res.Rules = append(res.Rules, governance.Rules...)
	}
	catalogued := judgesLadders(res.Rules)
	res.Rules = inForce(res.Rules, s.Config)
	if s.Roster == nil {
		res.Rules = withoutRosterRules(res.Rules)
	}
	res.Outcome = governance.Apply(res.Findings, cfg, s.Now, res.Baseline)
	if len(res.Set.Ladders) == 0 && !slices.ContainsFunc(res.Findings, finding.Finding.IsLoadError) {
		res.Unchecked = append(res.Unchecked, &diag.Error{Message: "nothing was checked: no ladder was found in " + described(s),
			Hint: "add ladder files there, or name where they are as PATHs or under ladders: in the config"})
	}
	if compiled && !judgesLadders(res.Rules) { // else the errors say why rules are missing
		res.Unchecked = append(res.Unchecked, noRule(s, catalogued))
	}
	if !scope.MayCheckNothing {
		res.Problems = append(res.Problems, res.Unchecked...)
	}
	return res
}

// shown names, in errors about policies, a file of a pack by the pack's reference and the
// path inside it rather than the cache's path, which says nothing to whoever reads a report.
func shown(packs []policysource.Pack, errs diag.List) diag.List {
	for _, e := range errs {
		e.File = policysource.Show(packs, e.File)
	}
	return errs
}

// judgesLadders tells whether some rule of a catalogue judges ladders (not only the config).
func judgesLadders(rules []finding.Rule) bool {
	return slices.ContainsFunc(rules, func(r finding.Rule) bool { return !r.ConfigOnly })
}

// noRule says why no rule is in force: every one turned off under rules: (at the first such
// entry), or none loaded at all.
func noRule(s Settings, catalogued bool) *diag.Error {
	if catalogued {
		e := &diag.Error{File: s.Config.File, Message: "nothing was checked: every rule is turned off under rules:", Hint: "turn some back on with error, warning or info"}
		for _, r := range s.Config.Rules {
			if e.Line == 0 || r.Line < e.Line {
				e.Line, e.Column = r.Line, r.Column
			}
		}
		return e
	}
	return &diag.Error{Message: "nothing was checked: no rule is in force, as the built-in rules are off and no policy has a deny, violation or warn rule",
		Hint: "turn the built-in rules back on, or add a policy with -p or policies: in the config"}
}

// described names the ladder paths of a run for a message.
func described(s Settings) string {
	if len(s.Paths) == 0 {
		return "no path"
	}
	names := make([]string, len(s.Paths))
	for i, p := range s.Paths {
		names[i] = p
		if p == "-" {
			names[i] = "standard input"
		}
	}
	return strings.Join(names, ", ")
}

// contained refuses, as load errors, the paths under root that a symbolic link takes out of
// it: a pull request could otherwise point ladders/ at the machine's files, or at an empty
// directory so that nothing is checked.
func contained(paths []string, root string) ([]string, []finding.Finding) {
	if root == "" {
		return paths, nil
	}
	realRoot, err := safefile.RealPath(root)
	if err != nil {
		return paths, nil
	}
	var kept []string
	var refused []finding.Finding
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if p == "-" || err != nil || !safefile.Within(abs, root) {
			kept = append(kept, p)
			continue
		}
		real, err := safefile.RealPath(abs)
		if err != nil || safefile.Within(real, realRoot) {
			kept = append(kept, p) // a path that does not exist is the loader's to report
			continue
		}
		refused = append(refused, finding.Finding{Rule: finding.RuleLoad, Severity: finding.Error, File: p,
			Message: fmt.Sprintf("a symbolic link takes this path to %s, outside the repository %s, so it was not read; make it a directory of the repository, or name the target on the command line to lint it", real, root)})
	}
	return kept, refused
}

// Of returns the findings of a result that concern one ladder, as the repository's
// decisions leave them: what a view of that ladder marks.
func (r *Result) Of(l *ladder.Ladder) []finding.Finding {
	var out []finding.Finding
	for _, f := range r.Outcome.Findings {
		if f.Ladder == l.Name && f.File == l.File {
			out = append(out, f)
		}
	}
	return out
}

// inForce applies the config's rules: settings to the catalogue of a run: a rule turned off
// is not in force, and one whose severity is changed is listed with its new one.
func inForce(rules []finding.Rule, cfg *config.Config) []finding.Rule {
	out := rules[:0]
	for _, r := range rules {
		f, on := finding.Finding{Severity: r.Severity}.Overridden(cfg.Rules[r.ID].Severity)
		if !on {
			continue
		}
		r.Severity = f.Severity
		out = append(out, r)
	}
	return out
}

// PolicyClock is the time policies see: the start of the run's day in UTC, so that two runs
// on one day print the same bytes while date logic in policies still works.
func PolicyClock(now time.Time) time.Time {
	return now.UTC().Truncate(24 * time.Hour)
}

// Complete tells whether everything was checked: no problem and no file that failed to load.
func (r *Result) Complete() bool {
	if len(r.Problems) > 0 {
		return false
	}
	for _, f := range r.Outcome.Findings {
		if f.IsLoadError() {
			return false
		}
	}
	return true
}

// Reaches tells whether a severity is at or above a fail-on threshold (error, warning,
// info, never).
func Reaches(worst finding.Severity, failOn string) bool {
	if failOn == "never" || worst == 0 {
		return false
	}
	threshold, err := finding.ParseSeverity(failOn)
	return err == nil && worst >= threshold
}

// One judges one ladder the way lint judges it beside the others under s.Paths, for the
// views of a single ladder (compare, render): a ladder read from its file on disk is loaded
// again with the rest, so data.ladders holds every ladder in scope; one read from elsewhere
// (a file at a git ref) is judged alone. It returns the result and that ladder's findings.
func One(ctx context.Context, s Settings, l *ladder.Ladder, onDisk bool) (*Result, []finding.Finding) {
	scope := Scope{MayCheckNothing: true}
	if onDisk {
		// First, so that the file keeps the spelling the user gave when a directory holds it too.
		s.Paths = append([]string{l.File}, s.Paths...)
	} else {
		s.Paths, scope.Loaded = nil, []*ladder.Ladder{l}
	}
	res := Run(ctx, s, scope)
	for _, got := range res.Set.Ladders {
		if got.Name == l.Name && got.File == l.File {
			return res, res.Of(got)
		}
	}
	return res, nil
}
