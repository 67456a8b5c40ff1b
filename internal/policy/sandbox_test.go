package policy

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Every builtin this OPA has is either allowed or refused for a stated reason: a builtin a
// future OPA adds fails this test until someone decides which it is.
func TestEveryBuiltinIsReviewed(t *testing.T) {
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if allowed(b.Name) {
			continue
		}
		_, isImpure := impure[b.Name]
		_, isClosed := closed[b.Name]
		if !isImpure && !isClosed {
			t.Errorf("builtin %s is refused without a reason: review it, then allow it in pureNamespaces or pureByName, or say why not in closed", b.Name)
		}
	}
}

func TestCapabilitiesRefuseIOAndAllowNoHost(t *testing.T) {
	caps := Capabilities()
	if caps.AllowNet == nil || len(caps.AllowNet) != 0 {
		t.Errorf("AllowNet = %#v, want an empty list (nil allows every host)", caps.AllowNet)
	}
	have := map[string]bool{}
	for _, b := range caps.Builtins {
		have[b.Name] = true
	}
	for _, name := range []string{"http.send", "opa.runtime", "json.match_schema", "json.verify_schema", "net.lookup_ip_addr"} {
		if have[name] {
			t.Errorf("%s is allowed", name)
		}
	}
	for _, name := range []string{"sprintf", "count", "regex.match", "time.now_ns", "uuid.rfc4122", "net.cidr_contains", "uri.parse", "ladderctl.normalize", "ladderctl.fold_confusables"} {
		if !have[name] {
			t.Errorf("%s is refused", name)
		}
	}
}
