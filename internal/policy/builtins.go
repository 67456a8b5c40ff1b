package policy

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/ladderctl/ladderctl/internal/textnorm"
)

// ownBuiltins are the functions ladderctl adds to Rego, for the built-in pack and user
// policies alike: text as people read it, which Rego alone cannot compute. Each computes
// from its argument only.
var ownBuiltins = []struct {
	decl *rego.Function
	impl func(string) string
}{
	{
		decl: &rego.Function{
			Name: BuiltinPrefix + ".normalize",
			Description: "Returns the text in Unicode NFKC with default-ignorable characters (zero-width spaces and joiners, " +
				"bidirectional controls, the soft hyphen, variation selectors) removed: two texts that read the same are equal after it.",
			Decl: types.NewFunction(
				types.Args(types.Named("text", types.S).Description("the text to normalise")),
				types.Named("normalized", types.S).Description("the text as people read it"),
			),
			Memoize: true,
		},
		impl: textnorm.Normalize,
	},
	{
		decl: &rego.Function{
			Name: BuiltinPrefix + ".fold_confusables",
			Description: "Returns the text with Cyrillic and Greek letters that look Latin (such as Cyrillic \"а\") replaced " +
				"by the Latin letters they look like, when the text mixes Latin letters with Cyrillic or Greek ones; text in one script is returned as it is.",
			Decl: types.NewFunction(
				types.Args(types.Named("text", types.S).Description("the text to fold")),
				types.Named("folded", types.S).Description("the text with lookalike letters in Latin"),
			),
			Memoize: true,
		},
		impl: textnorm.FoldConfusables,
	},
}

// Registered once for the whole process, so that every compiler (lint's, ladderctl test's,
// the pack's own tests) and every evaluation knows them; Capabilities lets them through the
// sandbox.
func init() {
	for _, b := range ownBuiltins {
		impl := b.impl
		rego.RegisterBuiltin1(b.decl, func(_ rego.BuiltinContext, text *ast.Term) (*ast.Term, error) {
			s, ok := text.Value.(ast.String)
			if !ok {
				// The type checker refuses other values where it can see them; one that
				// reaches here at run time makes the call undefined, as OPA's own do.
				return nil, fmt.Errorf("operand 1 must be string but got %s", ast.ValueName(text.Value))
			}
			return ast.StringTerm(impl(string(s))), nil
		})
	}
}

// isOwnBuiltin tells whether name is one of the functions ladderctl adds.
func isOwnBuiltin(name string) bool {
	for _, b := range ownBuiltins {
		if b.decl.Name == name {
			return true
		}
	}
	return false
}
