// Package synth writes synthetic but realistic ladders, for benchmarks and load tests:
// dual-track job families with pay bands, scopes and expectations, a third of them breaking
// parity on purpose. The same seed always gives the same ladders.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/ladderctl/ladderctl/internal/ladder"
)

// New returns the random source of a seed.
func New(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// Name is the name of ladder i.
func Name(i int) string { return fmt.Sprintf("%s-%05d", families[i%len(families)], i) }

// Broken tells whether ladder i breaks parity.
func Broken(i int) bool { return i%3 == 0 }

// WriteDir writes n ladders into dir, one file each.
func WriteDir(dir string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	r := New(seed)
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, Name(i)+".yaml"), []byte(Ladder(r, Name(i), Broken(i))), 0o644); err != nil {
			return err
		}
	}
	return nil
}

var (
	families = []string{"engineering", "data", "design", "product", "security", "sre", "research", "sales-engineering", "support", "analytics"}
	icTitles = []string{"Associate", "Engineer", "Senior", "Staff", "Senior Staff", "Principal", "Distinguished", "Fellow"}
	mTitles  = []string{"Manager", "Senior Manager", "Director", "Senior Director", "VP"}
	comps    = []string{"craft", "delivery", "collaboration", "leadership", "impact"}
)

// Ladder writes one job family; a broken one has an IC track that stops a grade short of
// management, or IC pay that lags its management peers.
func Ladder(r *rand.Rand, name string, broken bool) string {
	var b strings.Builder
	icLevels := 6 + r.IntN(3) // 6..8
	mLevels := 3 + r.IntN(3)  // 3..5
	branch := icLevels - mLevels + 1
	base := 80000 + r.IntN(40)*1000
	step := 1.18 + r.Float64()*0.08
	breakTop := broken && r.IntN(2) == 0
	breakPay := broken && !breakTop
	if breakTop {
		icLevels-- // the IC track stops short of the top management grade
	}
	fmt.Fprintf(&b, "apiVersion: ladderctl/v1\nkind: Ladder\nmetadata:\n  name: %s\n  title: %s\n  owner: %s-leadership\nspec:\n  currency: USD\n  competencies:\n", name, strings.ToUpper(name[:1])+name[1:], name)
	for _, c := range comps {
		fmt.Fprintf(&b, "    - {id: %s, name: %s}\n", c, strings.ToUpper(c[:1])+c[1:])
	}
	b.WriteString("  tracks:\n")
	band := func(grade int, lag float64) (int, int) {
		mid := float64(base)
		for range grade - 1 {
			mid *= step
		}
		mid *= lag
		return round(mid * 0.82), round(mid * 1.18)
	}
	terse := r.IntN(4) == 0 // a quarter leave the management summaries out: warnings
	level := func(id, title string, grade, scope int, lag float64) {
		lo, hi := band(grade, lag)
		fmt.Fprintf(&b, "        - id: %s\n          title: %s\n          grade: %d\n          scope: %s\n          pay: {min: %d, max: %d}\n",
			id, title, grade, ladder.Scopes[min(scope, len(ladder.Scopes)-1)], lo, hi)
		if !terse || strings.HasPrefix(id, "IC") {
			fmt.Fprintf(&b, "          summary: %s at grade %d.\n", title, grade)
		}
		b.WriteString("          expectations:\n")
		for _, c := range comps {
			fmt.Fprintf(&b, "            %s: Shows %s at the level of a %s, with growing independence and reach.\n", c, c, strings.ToLower(title))
		}
	}
	b.WriteString("    - id: ic\n      name: Individual Contributor\n      type: ic\n      levels:\n")
	for g := 1; g <= icLevels; g++ {
		lag := 1.0
		if breakPay && g >= branch {
			lag = 0.8
		}
		level(fmt.Sprintf("IC%d", g), icTitles[min(g-1, len(icTitles)-1)]+" Engineer", g, (g+1)/2+1, lag)
	}
	b.WriteString("    - id: mgmt\n      name: Management\n      type: management\n      levels:\n")
	for j := range mLevels {
		g := branch + j
		level(fmt.Sprintf("M%d", j+1), mTitles[min(j, len(mTitles)-1)], g, (g+1)/2+1, 1.0)
	}
	b.WriteString("  transitions:\n")
	fmt.Fprintf(&b, "    - {from: IC%d, to: M1}\n    - {from: M1, to: IC%d}\n", branch, branch)
	return b.String()
}

func round(x float64) int { return int(x/1000+0.5) * 1000 }
