// Command ladderctl checks career ladders against parity rules written in Rego.
package main

import (
	"os"

	"github.com/ladderctl/ladderctl/internal/app"
)

func main() { os.Exit(app.Main()) }
