package render

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// BenchmarkRenderLevels renders ladders of 250, 500 and 1,000 levels (the loader's limit),
// every one with findings, in every format: the time per level should stay about flat as
// the ladder grows (go test -bench RenderLevels ./internal/render/).
func BenchmarkRenderLevels(b *testing.B) {
	for _, n := range []int{250, 500, 1000} {
		l := parse(&testing.T{}, bigLadder(n))
		for _, format := range []string{"svg", "html", "markdown"} {
			b.Run(fmt.Sprintf("%s/levels=%d", format, n), func(b *testing.B) {
				for b.Loop() {
					if err := Write(io.Discard, l, format); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/level")
			})
		}
	}
}

// bigLadder is a dual-track ladder of n levels, half on each side, with pay that breaks
// parity and overlaps so that most levels carry findings.
func bigLadder(n int) string {
	var b strings.Builder
	b.WriteString("apiVersion: ladderctl/v1\nkind: Ladder\nmetadata:\n  name: big\nspec:\n  currency: USD\n  tracks:\n")
	for _, side := range []string{"ic", "management"} {
		fmt.Fprintf(&b, "    - id: %s\n      type: %s\n      levels:\n", side, side)
		for i := range n / 2 {
			pay := 100000 + 1000*i
			if side == "ic" {
				pay -= 20000
			}
			fmt.Fprintf(&b, "        - {id: %s%d, title: Level %d, grade: %d, pay: {min: %d, max: %d}}\n", side, i, i, i+1, pay, pay+1500)
		}
	}
	return b.String()
}
