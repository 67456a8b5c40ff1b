package policy

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/ladderctl/ladderctl/internal/diag"
)

// RosterData is where policies read a roster's aggregates: data.roster. Nothing else may
// write there, so no user package may be named roster.
const RosterData = "roster"

// SetRoster puts a roster's aggregates under data.roster for every ladder evaluated after it.
func (e *Engine) SetRoster(ctx context.Context, v map[string]any) error {
	var doc any = v
	if err := util.RoundTrip(&doc); err != nil { // to the JSON types the store holds
		return err
	}
	return storage.WriteOne(ctx, e.store, storage.AddOp, storage.Path{RosterData}, doc)
}

// rosterPackage tells whether a package would shadow data.roster.
func rosterPackage(p ast.Ref) bool {
	return len(p) > 1 && p[1].Value.Compare(ast.String(RosterData)) == 0
}

// refuseRosterPackage is the error for a user package that would shadow data.roster.
func refuseRosterPackage(file string, m *ast.Module) *diag.Error {
	return &diag.Error{File: file, Line: m.Package.Location.Row, Column: m.Package.Location.Col,
		Message: fmt.Sprintf("package %s would shadow data.roster, where ladderctl roster puts the roster's counts", pkgName(m.Package.Path)),
		Hint:    "rename the package"}
}
