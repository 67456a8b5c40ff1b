// Package policies embeds the built-in rule pack of ladderctl: the Rego rules under
// ladderctl.* and their unit tests.
package policies

import "embed"

// FS holds the built-in pack's .rego files, tests included.
//
//go:embed *.rego
var FS embed.FS

// Version is the version of the built-in pack; it changes whenever a rule's behaviour does.
const Version = "0.2.0"
