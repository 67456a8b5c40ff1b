package policy

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// pureNamespaces are the builtin families that compute from their arguments alone. A builtin
// outside them is not available to policies, so a family a future OPA adds stays closed
// until someone reviews it here.
var pureNamespaces = []string{
	"array", "base64", "base64url", "bits", "crypto", "glob", "graph", "graphql", "hex",
	"internal", "io.jwt", "json", "numbers", "object", "rand", "regex", "rego", "semver",
	"strings", "time", "units", "uri", "urlquery", "uuid", "yaml",
}

// impure names builtins inside the pure families, or in families let in by name, that reach
// outside the process.
var impure = map[string]string{
	// Both follow a schema's $ref, including file:// URLs, and so read local files.
	"json.match_schema":  "it can read files through a schema's $ref",
	"json.verify_schema": "it can read files through a schema's $ref",
}

// pureByName lets single builtins in from families that are closed as a whole.
var pureByName = []string{
	"net.cidr_contains", "net.cidr_contains_matches", "net.cidr_expand", "net.cidr_intersects",
	"net.cidr_is_valid", "net.cidr_merge", "net.cidr_overlap",
}

// closed says why a builtin is refused, for the error a policy that calls it gets.
var closed = map[string]string{
	"http.send":              "policies have no network access",
	"net.lookup_ip_addr":     "policies have no network access",
	"opa.runtime":            "policies have no access to the environment",
	"providers.aws.sign_req": "policies have no access to credentials",
}

// Capabilities returns what the compiler lets policies call: the pure builtins of this OPA,
// the functions ladderctl adds (ladderctl.normalize, ladderctl.fold_confusables) and no
// network host.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if allowed(b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{} // empty, not nil: nil would mean every host
	return caps
}

func allowed(name string) bool {
	if _, bad := impure[name]; bad {
		return false
	}
	if !strings.Contains(name, ".") {
		return true // operators and core functions: count, sprintf, ... all compute in memory
	}
	if slices.Contains(pureByName, name) || isOwnBuiltin(name) {
		return true
	}
	for _, ns := range pureNamespaces {
		if strings.HasPrefix(name, ns+".") {
			return true
		}
	}
	return false
}

// refusedReason explains why a builtin a policy calls is not available.
func refusedReason(name string) string {
	if r, ok := impure[name]; ok {
		return r
	}
	if r, ok := closed[name]; ok {
		return r
	}
	return "policies may only call builtins that compute from their arguments"
}
