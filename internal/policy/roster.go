package policy

import (
	"context"

	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/util"
)

// RosterData is where policies read a roster's aggregates: data.roster. Nothing else may
// write there, so no user package may be named roster (reservedRoots).
const RosterData = "roster"

// SetRoster puts a roster's aggregates under data.roster for every ladder evaluated after it.
func (e *Engine) SetRoster(ctx context.Context, v map[string]any) error {
	var doc any = v
	if err := util.RoundTrip(&doc); err != nil { // to the JSON types the store holds
		return err
	}
	return storage.WriteOne(ctx, e.store, storage.AddOp, storage.Path{RosterData}, doc)
}
