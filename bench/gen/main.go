// Command gen writes N synthetic ladders for the benchmarks: see internal/synth.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ladderctl/ladderctl/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "how many ladders to write")
	out := flag.String("out", "bench/out", "directory to write them to (created)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := synth.WriteDir(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
