// Package version says which ladderctl this is: its version, commit, the built-in pack's
// version and the OPA it embeds.
package version

import (
	"runtime/debug"

	opaversion "github.com/open-policy-agent/opa/v1/version"

	"github.com/ladderctl/ladderctl/policies"
)

// Version is set at release time with -ldflags "-X github.com/ladderctl/ladderctl/internal/version.Version=v1.2.3";
// otherwise it comes from the module version go install recorded, else "devel".
var Version = ""

// Info is what `ladderctl version` prints and SARIF reports carry.
type Info struct {
	Version     string `json:"version"`
	Commit      string `json:"commit,omitempty"`
	PackVersion string `json:"pack_version"`
	OPAVersion  string `json:"opa_version"`
	GoVersion   string `json:"go_version"`
}

// Get reads the version information from the build.
func Get() Info {
	info := Info{Version: Version, PackVersion: policies.Version, OPAVersion: opaversion.Version, GoVersion: opaversion.GoVersion}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				info.Commit = s.Value
			}
		}
	}
	if info.Version == "" {
		info.Version = "devel"
	}
	return info
}
