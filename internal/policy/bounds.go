package policy

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/print"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// Policies come in pull requests, so no policy may take the process down: a memory budget
// (--max-memory) holds in two ways. The builtins that can build a value far larger than
// their arguments (concat of one string repeated a million times, numbers.range(1, 1e9),
// a serialiser over a value that shares its parts, a format width) refuse, before
// allocating, a result that would not fit in what is left of the budget, naming the
// policy's file and line; and a watchdog cancels the evaluation when the heap grows past
// the budget by many small steps.

// ErrOverMemory is the cause of an evaluation the watchdog cancelled.
var ErrOverMemory = errors.New("over the memory budget")

type budgetKey struct{}

// withBudget tells the bounded builtins the budget of the evaluation ctx belongs to.
func withBudget(ctx context.Context, limit int64) context.Context {
	if limit <= 0 {
		return ctx
	}
	return context.WithValue(ctx, budgetKey{}, limit)
}

// smallResult is what a builtin may build without looking at the heap: checking costs a
// read of the runtime's metrics, and most results are a few bytes.
const smallResult = 1 << 20

// heapBytes is the memory the heap's objects take now, garbage not yet collected included.
func heapBytes() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// boundedBuiltins estimate, from their arguments and cheaply, how many bytes a builtin's
// result needs at least. Estimates stop counting once past the budget.
var boundedBuiltins = map[string]func(args []*ast.Term, limit int64) int64{
	"concat": func(args []*ast.Term, limit int64) int64 {
		var n int64
		sep := int64(stringLen(args[0]))
		each := func(t *ast.Term) {
			if n <= limit {
				n += int64(stringLen(t)) + sep
			}
		}
		switch c := args[1].Value.(type) {
		case *ast.Array:
			c.Foreach(each)
		case ast.Set:
			c.Foreach(each)
		}
		return n
	},
	"sprintf": func(args []*ast.Term, limit int64) int64 {
		return int64(stringLen(args[0])) + formatWidths(stringOf(args[0])) + valueSize(args[1].Value, limit)
	},
	"json.marshal":              func(args []*ast.Term, limit int64) int64 { return valueSize(args[0].Value, limit) },
	"json.marshal_with_options": func(args []*ast.Term, limit int64) int64 { return valueSize(args[0].Value, limit) },
	"yaml.marshal":              func(args []*ast.Term, limit int64) int64 { return valueSize(args[0].Value, limit) },
	"strings.render_template":   func(args []*ast.Term, limit int64) int64 { return valueSize(args[1].Value, limit) },
	"replace": func(args []*ast.Term, _ int64) int64 {
		s, old := stringOf(args[0]), stringOf(args[1])
		return int64(len(s)) + int64(strings.Count(s, old))*int64(stringLen(args[2]))
	},
	"strings.replace_n": func(args []*ast.Term, _ int64) int64 {
		s := stringOf(args[1])
		n := int64(len(s))
		if patterns, ok := args[0].Value.(ast.Object); ok {
			patterns.Foreach(func(k, v *ast.Term) {
				n += int64(strings.Count(s, stringOf(k))) * int64(stringLen(v))
			})
		}
		return n
	},
	// Every match may be replaced, and each $ in the replacement may copy the whole text.
	"regex.replace": func(args []*ast.Term, _ int64) int64 {
		s, repl := stringOf(args[0]), stringOf(args[2])
		return int64(len(s)) + int64(len(s)+1)*int64(len(repl)+strings.Count(repl, "$")*len(s))
	},
	"numbers.range":      func(args []*ast.Term, _ int64) int64 { return rangeSize(args[0], args[1], ast.IntNumberTerm(1)) },
	"numbers.range_step": func(args []*ast.Term, _ int64) int64 { return rangeSize(args[0], args[1], args[2]) },
	"array.concat": func(args []*ast.Term, _ int64) int64 {
		var n int64
		for _, a := range args[:2] {
			if arr, ok := a.Value.(*ast.Array); ok {
				n += int64(arr.Len()) * termBytes
			}
		}
		return n
	},
}

// termBytes is about what one element of an array or one number of a range takes.
const termBytes = 64

func init() {
	for name, size := range boundedBuiltins {
		orig := topdown.GetBuiltin(name)
		decl := ast.BuiltinMap[name]
		if orig == nil || decl == nil {
			panic("no builtin " + name)
		}
		// OPA skips making the context of cheap builtins; the bound needs its ctx.
		decl.CanSkipBctx = false
		topdown.RegisterBuiltinFunc(name, func(bctx topdown.BuiltinContext, args []*ast.Term, iter func(*ast.Term) error) error {
			if bctx.Context == nil {
				return orig(bctx, args, iter)
			}
			if limit, ok := bctx.Context.Value(budgetKey{}).(int64); ok && len(args) >= minArgs(name) {
				if n := size(args, limit); n > smallResult {
					if left := limit - heapBytes(); n > left {
						// Halt, not an error: with non-strict builtin errors an error would only
						// make the expression undefined, and the policy could retry forever.
						return topdown.Halt{Err: &topdown.Error{Code: topdown.BuiltinErr, Location: bctx.Location, Message: fmt.Sprintf(
							"%s would build a value of at least %s, more than is left of the %s memory budget", name, approxSize(n), safefile.Size(limit))}}
					}
				}
			}
			return orig(bctx, args, iter)
		})
	}
}

func minArgs(name string) int {
	switch name {
	case "json.marshal", "yaml.marshal":
		return 1
	case "replace", "numbers.range_step", "regex.replace":
		return 3
	}
	return 2
}

func stringOf(t *ast.Term) string {
	s, _ := t.Value.(ast.String)
	return string(s)
}

func stringLen(t *ast.Term) int {
	s, _ := t.Value.(ast.String)
	return len(s)
}

// formatWidths adds up the widths and precisions of a format, each of which may pad.
func formatWidths(format string) int64 {
	var n, cur int64
	in := false
	for _, r := range format {
		switch {
		case r == '%':
			in = !in
		case in && r >= '0' && r <= '9':
			cur = min(cur*10+int64(r-'0'), 1<<40)
			continue
		case in && strings.ContainsRune(".+-# ", r):
		case in:
			in = false
		}
		n += cur
		cur = 0
	}
	return n + cur
}

// rangeSize is what numbers.range_step(a, b, step) builds: one term per number.
func rangeSize(a, b, step *ast.Term) int64 {
	x, ok1 := a.Value.(ast.Number)
	y, ok2 := b.Value.(ast.Number)
	s, ok3 := step.Value.(ast.Number)
	if !ok1 || !ok2 || !ok3 {
		return 0
	}
	lo, _ := new(big.Float).SetString(string(x))
	hi, _ := new(big.Float).SetString(string(y))
	st, _ := new(big.Float).SetString(string(s))
	if lo == nil || hi == nil || st == nil || st.Sign() <= 0 {
		return 0
	}
	count, _ := new(big.Float).Quo(new(big.Float).Abs(new(big.Float).Sub(hi, lo)), st).Float64()
	return int64(min(count+1, 1<<50) * termBytes)
}

// valueSize is at least how many bytes the text of a value takes, counted until past limit:
// a value that shares its parts (an array of a million references to one long string)
// is small in memory but not once written out.
func valueSize(v ast.Value, limit int64) int64 {
	var n int64
	var walk func(v ast.Value)
	walk = func(v ast.Value) {
		if n > limit {
			return
		}
		switch x := v.(type) {
		case ast.String:
			n += int64(len(x)) + 2
		case ast.Number:
			n += int64(len(x))
		case *ast.Array:
			n += 2
			x.Foreach(func(t *ast.Term) { n++; walk(t.Value) })
		case ast.Set:
			n += 2
			x.Foreach(func(t *ast.Term) { n++; walk(t.Value) })
		case ast.Object:
			n += 2
			x.Foreach(func(k, t *ast.Term) { n += 2; walk(k.Value); walk(t.Value) })
		default:
			n += 4
		}
	}
	walk(v)
	return n
}

func approxSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	default:
		return fmt.Sprintf("%d MiB", n>>20)
	}
}

// watchdog cancels the evaluations of a run when the heap stays over the budget after a
// collection; it looks every few milliseconds, which costs nothing next to an evaluation.
type watchdog struct {
	limit  int64
	cancel context.CancelCauseFunc
	stop   chan struct{}
	done   sync.WaitGroup
}

func startWatchdog(limit int64, cancel context.CancelCauseFunc) *watchdog {
	w := &watchdog{limit: limit, cancel: cancel, stop: make(chan struct{})}
	w.done.Go(func() {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-w.stop:
				return
			case <-t.C:
				if heapBytes() <= w.limit {
					continue
				}
				runtime.GC() // garbage not yet collected is no reason to stop
				if heapBytes() > w.limit {
					w.cancel(ErrOverMemory)
					return
				}
			}
		}
	})
	return w
}

func (w *watchdog) Stop() {
	close(w.stop)
	w.done.Wait()
}

// Caps on what one policy file can print in a run, and on one message: print() goes to
// stderr, and a policy printing in a loop would otherwise fill a CI log with gigabytes.
// (A message is cut as a finding's is, by capMessage.)
const MaxPrintPerPolicy = 1 << 20

// printed counts what each policy file printed, and says once when a cap is hit.
type printed struct {
	mu     sync.Mutex
	bytes  map[string]int
	capped map[string]bool
}

// admit cuts a message to MaxMessage and tells whether the policy may still print.
func (p *printed) admit(ctx print.Context, msg string) (string, bool) {
	file := ""
	if ctx.Location != nil {
		file = ctx.Location.File
	}
	msg = capMessage(msg)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bytes == nil {
		p.bytes, p.capped = map[string]int{}, map[string]bool{}
	}
	if p.capped[file] {
		return "", false
	}
	p.bytes[file] += len(msg)
	if p.bytes[file] > MaxPrintPerPolicy {
		p.capped[file] = true
		return "", false
	}
	return msg, true
}

// errors says which policies printed past the cap: the run is not what its author meant.
func (p *printed) errors() diag.List {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out diag.List
	for _, file := range slices.Sorted(maps.Keys(p.capped)) {
		out = append(out, &diag.Error{File: file, Message: "the policy printed more than 1 MiB, and the rest of its print() output was not shown",
			Hint: "print less, or only while debugging"})
	}
	return out
}
