package policy

import (
	"context"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/synth"
)

// BenchmarkPackWork counts what the built-in pack does per synthetic ladder: the expressions
// OPA evaluates and the allocations. Unlike times, both counts are the same on every run and
// machine, so a change to the pack can be judged on a busy machine too:
//
//	go test -run '^$' -bench PackWork -benchtime 1x ./internal/policy/
func BenchmarkPackWork(b *testing.B) {
	const n = 100
	dir := b.TempDir()
	if err := synth.WriteDir(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	set := ladder.Load([]string{dir}, ladder.Options{})
	e, err := New(context.Background(), Options{Builtin: true, Now: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	counter := &exprCounter{}
	traced, err := rego.New(rego.ParsedQuery(queryText(e.sets)), rego.Compiler(e.compiler), rego.Store(e.store), rego.QueryTracer(counter)).PrepareForEval(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		counter.n = 0
		for _, l := range set.Ladders {
			if _, err := traced.Eval(context.Background(), rego.EvalParsedInput(l.Value), rego.EvalQueryTracer(counter)); err != nil {
				b.Fatal(err)
			}
		}
	}
	allocs := testing.AllocsPerRun(1, func() {
		for _, l := range set.Ladders {
			if _, err := e.evaluate(context.Background(), l, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(counter.n)/n, "exprs/ladder")
	b.ReportMetric(allocs/n, "allocs/ladder")
}

// exprCounter counts the expressions an evaluation evaluates.
type exprCounter struct{ n int }

func (c *exprCounter) Enabled() bool               { return true }
func (c *exprCounter) Config() topdown.TraceConfig { return topdown.TraceConfig{} }
func (c *exprCounter) TraceEvent(ev topdown.Event) {
	if _, ok := ev.Node.(*ast.Expr); ok && ev.Op == topdown.EvalOp {
		c.n++
	}
}

// TestPackWorkCounts keeps the counter honest: a ladder of one level evaluates expressions,
// and a full ladder many more.
func TestPackWorkCounts(t *testing.T) {
	e, err := New(context.Background(), Options{Builtin: true, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	counter := &exprCounter{}
	traced, err := rego.New(rego.ParsedQuery(queryText(e.sets)), rego.Compiler(e.compiler), rego.Store(e.store), rego.QueryTracer(counter)).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	count := func(doc string) int {
		ls, problems := ladder.Parse("x.yaml", []byte(doc))
		if len(problems) > 0 || len(ls) != 1 {
			t.Fatal(problems)
		}
		counter.n = 0
		if _, err := traced.Eval(context.Background(), rego.EvalParsedInput(ls[0].Value), rego.EvalQueryTracer(counter)); err != nil {
			t.Fatal(err)
		}
		return counter.n
	}
	one := count("apiVersion: ladderctl/v1\nkind: Ladder\nmetadata: {name: x, title: X, owner: o}\nspec:\n  tracks:\n    - {id: ic, type: ic, levels: [{id: A, title: A, grade: 1}]}\n")
	full := count(synth.Ladder(synth.New(1), synth.Name(0), false))
	if one == 0 || full <= 2*one {
		t.Fatalf("counted %d expressions for one level and %d for a full ladder", one, full)
	}
}
