package check_test

import (
	"context"
	"io"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/report"
	"github.com/ladderctl/ladderctl/internal/synth"
)

// The stages of a lint run, each on the same synthetic ladders; run with
// go test -bench . -benchmem ./internal/check/ (add -cpuprofile or -memprofile to see where
// the time goes).

const benchLadders = 1000

func benchDir(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if err := synth.WriteDir(dir, benchLadders, 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

func BenchmarkParse(b *testing.B) {
	r := synth.New(1)
	data := []byte(synth.Ladder(r, synth.Name(0), false))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, problems := ladder.Parse("x.yaml", data); len(problems) > 0 {
			b.Fatal(problems)
		}
	}
}

// BenchmarkParseYAML is yaml.v3 alone on the same ladder, from bytes to nodes: the floor
// under BenchmarkParse, which adds the checks, the OPA value and the positions.
func BenchmarkParseYAML(b *testing.B) {
	data := []byte(synth.Ladder(synth.New(1), synth.Name(0), false))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	dir := benchDir(b)
	for b.Loop() {
		if set := ladder.Load([]string{dir}, ladder.Options{}); len(set.Ladders) != benchLadders {
			b.Fatalf("%d ladders", len(set.Ladders))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchLadders), "ns/ladder")
}

func BenchmarkCompile(b *testing.B) {
	for b.Loop() {
		if _, err := policy.New(context.Background(), policy.Options{Builtin: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	set := ladder.Load([]string{benchDir(b)}, ladder.Options{})
	e, err := policy.New(context.Background(), policy.Options{Builtin: true, Now: time.Now()})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := e.Evaluate(context.Background(), set.Ladders); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchLadders), "ns/ladder")
}

func BenchmarkReport(b *testing.B) {
	res := check.Run(context.Background(), check.Settings{Config: &config.Config{}, Paths: []string{benchDir(b)}, Builtin: true, Now: time.Now()}, check.Scope{})
	rep := report.Of(res, false)
	for _, name := range []string{"text", "json", "sarif"} {
		format, _ := report.Formats.Lookup(name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := format.Write(io.Discard, rep, report.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCheck(b *testing.B) {
	dir := benchDir(b)
	cfg := &config.Config{}
	for b.Loop() {
		res := check.Run(context.Background(), check.Settings{Config: cfg, Paths: []string{dir}, Builtin: true, Now: time.Now()}, check.Scope{})
		if len(res.Problems) > 0 {
			b.Fatal(res.Problems)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchLadders), "ns/ladder")
}

// BenchmarkCheckConftestPolicy is the run bench/run.sh times against conftest: the
// conftest-style policy of bench/policy, without the built-in pack.
func BenchmarkCheckConftestPolicy(b *testing.B) {
	dir := benchDir(b)
	cfg := &config.Config{}
	for b.Loop() {
		res := check.Run(context.Background(), check.Settings{Config: cfg, Paths: []string{dir}, Policies: []string{"../../bench/policy"}, Now: time.Now()}, check.Scope{})
		if len(res.Problems) > 0 {
			b.Fatal(res.Problems)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchLadders), "ns/ladder")
}
