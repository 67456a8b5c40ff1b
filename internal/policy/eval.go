package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// Evaluate runs every rule set on every ladder, one worker per core, and returns the
// findings in ladder order. Errors name the ladder they happened on; the findings of the
// other ladders are still returned.
func (e *Engine) Evaluate(ctx context.Context, ladders []*ladder.Ladder) ([]finding.Finding, error) {
	if e.needsLadders {
		all := make(map[string]any, len(ladders))
		for _, l := range ladders {
			v, err := ast.JSON(l.Value)
			if err != nil {
				return nil, err
			}
			all[l.Name] = v
		}
		if err := storage.WriteOne(ctx, e.store, storage.ReplaceOp, storage.Path{"ladders"}, all); err != nil {
			return nil, err
		}
	}
	r := e.Start(ctx)
	defer r.Stop()
	return r.Finish(ladders)
}

// NeedsAll tells whether some policy reads data.ladders, so that every ladder must be
// loaded before any is evaluated; otherwise ladders can be evaluated as they are loaded.
func (e *Engine) NeedsAll() bool { return e.needsLadders }

// Run evaluates ladders one at a time, from any goroutine, as they are loaded: reading and
// evaluating overlap, and a ladder's value can be dropped as soon as it is judged.
type Run struct {
	e      *Engine
	ctx    context.Context
	cancel context.CancelFunc
	hook   *printer
	dog    *watchdog

	mu      sync.Mutex
	done    map[*ladder.Ladder]outcome
	skipped int
}

type outcome struct {
	findings []finding.Finding
	err      error
}

// Start begins a run; its timeout counts from now.
func (e *Engine) Start(ctx context.Context) *Run {
	r := &Run{e: e, done: map[*ladder.Ladder]outcome{}}
	r.ctx, r.cancel = ctx, func() {}
	if e.opts.Timeout > 0 {
		r.ctx, r.cancel = context.WithTimeout(ctx, e.opts.Timeout)
	}
	if e.opts.MaxMemory > 0 {
		var cancel context.CancelCauseFunc
		r.ctx, cancel = context.WithCancelCause(withBudget(r.ctx, e.opts.MaxMemory))
		r.dog = startWatchdog(e.opts.MaxMemory, cancel)
		timeout := r.cancel
		r.cancel = func() { r.dog.Stop(); cancel(nil); timeout() }
	}
	if e.opts.Print != nil {
		r.hook = &printer{w: e.opts.Print}
	}
	return r
}

// Stop releases the run's timer and watchdog.
func (r *Run) Stop() { r.cancel() }

// Add evaluates one ladder now, in the caller's goroutine.
func (r *Run) Add(l *ladder.Ladder) {
	if r.ctx.Err() != nil {
		r.mu.Lock()
		r.skipped++
		r.mu.Unlock()
		return
	}
	found, err := r.e.evaluate(r.ctx, l, r.hook)
	r.mu.Lock()
	r.done[l] = outcome{found, err}
	r.mu.Unlock()
}

// Finish evaluates, one worker per core, the ladders not added yet, and returns the findings
// of the given ladders in their order.
func (r *Run) Finish(ladders []*ladder.Ladder) ([]finding.Finding, error) {
	var todo []*ladder.Ladder
	for _, l := range ladders {
		if _, ok := r.done[l]; !ok {
			todo = append(todo, l)
		}
	}
	next := make(chan *ladder.Ladder)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(todo), 1)) {
		wg.Go(func() {
			for l := range next {
				r.Add(l)
			}
		})
	}
	for _, l := range todo {
		next <- l
	}
	close(next)
	wg.Wait()

	var out []finding.Finding
	var all diag.List
	for _, l := range ladders {
		o := r.done[l]
		out = append(out, o.findings...)
		if o.err != nil {
			all = append(all, asErrors(o.err)...)
		}
	}
	if r.hook != nil {
		all = append(all, r.hook.count.errors()...)
	}
	if r.skipped > 0 {
		why := "before the timeout"
		if errors.Is(context.Cause(r.ctx), ErrOverMemory) {
			why = "once the run went over the memory budget"
		}
		all = append(all, &diag.Error{Message: fmt.Sprintf("%d more ladders were not evaluated %s", r.skipped, why)})
	}
	if len(all) > 0 {
		return out, all
	}
	return out, nil
}

func (e *Engine) evaluate(ctx context.Context, l *ladder.Ladder, hook *printer) ([]finding.Finding, error) {
	opts := []rego.EvalOption{
		rego.EvalParsedInput(l.Value),
		rego.EvalTime(e.opts.Now),
		rego.EvalSeed(seed(l.Name)),
	}
	if hook != nil {
		opts = append(opts, rego.EvalPrintHook(hook))
	}
	rs, err := e.query.Eval(ctx, opts...)
	if err == nil {
		return e.collect(l, e.sets, rs)
	}
	over := errors.Is(context.Cause(ctx), ErrOverMemory)
	if ctx.Err() != nil && !over {
		return nil, e.evalError(ctx, l, err)
	}
	if over {
		if !e.culprit.TryLock() {
			return nil, e.evalError(ctx, l, err) // another ladder is being looked at; one answer is enough
		}
		defer e.culprit.Unlock()
	}
	return e.eachSet(ctx, l, opts, over)
}

// eachSet evaluates the rule sets on l one by one, so that one failing does not hide the
// findings of the others: after a rule failed at run time, or after the watchdog stopped
// the run on l (overMemory). The watchdog sees only the heap, not who filled it, so then
// each set gets the budget and a watchdog of its own, and the set that goes over alone is
// named with its file and line. The run has stopped by then: its garbage is collected
// first, and the run's deadline still holds.
func (e *Engine) eachSet(ctx context.Context, l *ladder.Ladder, opts []rego.EvalOption, overMemory bool) ([]finding.Finding, error) {
	run := ctx
	if overMemory {
		base := context.WithoutCancel(ctx)
		if deadline, ok := ctx.Deadline(); ok {
			var cancel context.CancelFunc
			base, cancel = context.WithDeadline(base, deadline)
			defer cancel()
		}
		ctx = base
	}
	e.prepareSingle(ctx)
	var out []finding.Finding
	var errs diag.List
	named := false
	for i, s := range e.sets {
		opts[2] = rego.EvalSeed(seed(l.Name)) // a fresh stream, as the set would see it alone
		setCtx, stop := ctx, func() {}
		if overMemory {
			runtime.GC()
			var cancel context.CancelCauseFunc
			setCtx, cancel = context.WithCancelCause(withBudget(ctx, e.opts.MaxMemory))
			dog := startWatchdog(e.opts.MaxMemory, cancel)
			stop = func() { dog.Stop(); cancel(nil) }
		}
		rs, err := e.single[i].Eval(setCtx, opts...)
		if overMemory && errors.Is(context.Cause(setCtx), ErrOverMemory) {
			stop()
			r := s.rule
			named = true
			errs = append(errs, &diag.Error{File: r.Source, Line: r.Line, Message: fmt.Sprintf(
				"evaluating rule %s.%s on ladder %s went over the %s memory budget, so the run stopped", s.pkg, s.name, l.Name, safefile.Size(e.opts.MaxMemory)),
				Hint: "the rule builds a huge value; fix it, or raise --max-memory"})
			continue
		}
		stop()
		if err != nil && ctx.Err() != nil { // the run's time is up: one error says so
			errs = append(errs, asErrors(e.evalError(ctx, l, err))...)
			break
		}
		if err != nil {
			errs = append(errs, asErrors(e.evalError(setCtx, l, err))...)
			continue
		}
		found, err := e.collect(l, e.sets[i:i+1], rs)
		out = append(out, found...)
		if err != nil {
			errs = append(errs, asErrors(err)...)
		}
	}
	if overMemory {
		runtime.GC()
		if !named { // no set went over alone: only together
			errs = append(errs, asErrors(e.evalError(run, l, nil))...)
		}
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

// prepareSingle prepares, once, a query per rule set.
func (e *Engine) prepareSingle(ctx context.Context) {
	e.singleOnce.Do(func() {
		e.single = make([]rego.PreparedEvalQuery, len(e.sets))
		for i := range e.sets {
			e.single[i], _ = e.prepareSets(ctx, e.sets[i:i+1])
		}
	})
}

// collect turns the bindings of a query over sets into findings.
func (e *Engine) collect(l *ladder.Ladder, sets []ruleSet, rs rego.ResultSet) ([]finding.Finding, error) {
	if len(rs) == 0 {
		return nil, nil
	}
	var out []finding.Finding
	var bad diag.List
	for i, s := range sets {
		bound := rs[0].Bindings["r"+strconv.Itoa(i)]
		vals, _ := bound.([]any)
		if s.multi { // bound as it is, not in an array of its value
			vals = []any{bound}
		}
		n := 0
		for _, v := range vals {
			for _, item := range elements(v) {
				if n++; n > MaxFindingsPerRule {
					continue
				}
				f, err := e.finding(l, s, item)
				if err != nil {
					if !slices.ContainsFunc(bad, func(b *diag.Error) bool { return *b == *err }) {
						bad = append(bad, err)
					}
					continue
				}
				out = append(out, f)
			}
		}
		if n > MaxFindingsPerRule {
			r := s.rule
			bad = append(bad, &diag.Error{File: r.Source, Line: r.Line, Message: fmt.Sprintf(
				"rule %s.%s gave %d findings on ladder %s; ladderctl reports the first %d", s.pkg, s.name, n, l.Name, MaxFindingsPerRule),
				Hint: "a rule that floods the report is a broken rule; fix it"})
		}
	}
	if len(bad) > 0 {
		return out, bad
	}
	return out, nil
}

// Caps on what one rule can put in a report, so that a broken or hostile policy cannot
// write gigabytes of it: findings per ladder, and the length of one message.
const (
	MaxFindingsPerRule = 1000
	MaxMessage         = 4 << 10
)

// capMessage cuts a message past MaxMessage, saying so.
func capMessage(msg string) string {
	if len(msg) <= MaxMessage {
		return msg
	}
	cut := MaxMessage
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d more bytes not shown: ladderctl reports at most 4 KiB of a message)", msg[:cut], len(msg)-cut)
}

func (e *Engine) evalError(ctx context.Context, l *ladder.Ladder, err error) error {
	if errors.Is(context.Cause(ctx), ErrOverMemory) {
		return &diag.Error{File: l.File, Message: fmt.Sprintf("evaluating the policies on ladder %s went over the %s memory budget, so the run stopped", l.Name, safefile.Size(e.opts.MaxMemory)),
			Hint: "a policy builds a huge value; fix it, or raise --max-memory"}
	}
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return &diag.Error{File: l.File, Message: fmt.Sprintf("evaluating the policies on ladder %s did not finish within the %s timeout", l.Name, e.opts.Timeout),
			Hint: "a policy may loop; fix it, or raise --timeout"}
	}
	var te *topdown.Error
	if errors.As(err, &te) {
		pe := &diag.Error{Message: fmt.Sprintf("evaluating ladder %s (%s): %s", l.Name, l.File, te.Message), Hint: "fix the policy"}
		if te.Location != nil {
			pe.File, pe.Line, pe.Column = te.Location.File, te.Location.Row, te.Location.Col
		}
		return pe
	}
	return &diag.Error{File: l.File, Message: fmt.Sprintf("evaluating ladder %s: %v", l.Name, err)}
}

// seed gives every ladder its own fixed random stream, so rand.* and uuid.* in policies give
// the same output on every run whatever the scheduling.
func seed(name string) *rand.ChaCha8 {
	var s [32]byte
	h := fnv.New64a()
	h.Write([]byte(name))
	copy(s[:], h.Sum(nil))
	return rand.NewChaCha8(s)
}

// elements spreads a rule set's value: a set or array holds several findings, anything else
// is one.
func elements(v any) []any {
	if list, ok := v.([]any); ok {
		return list
	}
	return []any{v}
}

// finding turns one value of a rule set into a finding at its place in the ladder.
func (e *Engine) finding(l *ladder.Ladder, s ruleSet, v any) (finding.Finding, *diag.Error) {
	f := finding.Finding{Rule: s.rule.ID, Severity: s.rule.Severity, Ladder: l.Name, File: l.File}
	var path ladder.Path
	switch t := v.(type) {
	case string:
		f.Message = t
	case map[string]any:
		msg, ok := t["msg"].(string)
		if !ok {
			return f, e.badResult(s, "a finding object needs a string msg")
		}
		f.Message = msg
		if id, ok := t["rule"].(string); ok && id != "" {
			if whose := reservedID(e.rules, id); whose != "" && s.rule.Source != finding.BuiltinSource {
				r := s.rule
				return f, &diag.Error{File: r.Source, Line: r.Line, Message: fmt.Sprintf("rule %s.%s gave ladder %s a finding with the rule id %q, %s", s.pkg, s.name, l.Name, id, whose),
					Hint: "give its findings an id of their own, such as " + ownID(id)}
			}
			f.Rule = id
			if r := e.rules[id]; r != nil {
				f.Severity = r.Severity
			}
		}
		if sev, ok := t["severity"].(string); ok {
			if parsed, err := finding.ParseSeverity(sev); err == nil {
				f.Severity = parsed
			}
		}
		if lvl, ok := t["level"].(string); ok {
			f.Level = lvl
		}
		p, err := toPath(t["path"])
		if err != nil {
			return f, e.badResult(s, err.Error())
		}
		path = p
	default:
		return f, e.badResult(s, fmt.Sprintf("a finding must be a string or an object with msg, not %T", v))
	}
	if len(path) == 0 {
		path = ladder.Path{"metadata", "name"}
	}
	// A finding outlives its ladder, whose texts share the bytes of the whole file it was
	// read from: copied, they keep only themselves once the ladder is released.
	f.Message, f.Level, f.Rule = strings.Clone(capMessage(f.Message)), strings.Clone(f.Level), strings.Clone(f.Rule)
	pos, _ := l.Locate(path)
	f.Line, f.Column, f.Path = pos.Line, pos.Column, path.String()
	return f, nil
}

func (e *Engine) badResult(s ruleSet, why string) *diag.Error {
	r := s.rule
	return &diag.Error{File: r.Source, Line: r.Line, Message: fmt.Sprintf("rule %s.%s returned a value ladderctl cannot read: %s", s.pkg, s.name, why),
		Hint: `return a string, or an object such as {"msg": "...", "path": ["spec", "tracks", 0]}`}
}

// toPath reads a finding's path: an array of keys and indices, or a dotted string.
func toPath(v any) (ladder.Path, error) {
	switch t := v.(type) {
	case nil:
		return nil, nil
	case string:
		return ladder.ParsePath(t)
	case []any:
		p := make(ladder.Path, 0, len(t))
		for _, e := range t {
			switch x := e.(type) {
			case string:
				p = append(p, x)
			case json.Number:
				n, err := x.Int64()
				if err != nil {
					return nil, fmt.Errorf("path index %s is not a whole number", x)
				}
				p = append(p, int(n))
			case float64:
				p = append(p, int(x))
			case int:
				p = append(p, x)
			default:
				return nil, fmt.Errorf("a path element must be a key or an index, not %v", e)
			}
		}
		return p, nil
	}
	return nil, fmt.Errorf("path must be an array or a string, not %T", v)
}
