package policy

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/policies"
)

// TestResult is the outcome of one Rego unit test (a test_ rule). It holds no timing, so
// that two runs print the same bytes.
type TestResult struct {
	Package string `json:"package"`
	Name    string `json:"name"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Passed  bool   `json:"passed"`
	Skipped bool   `json:"skipped,omitempty"`
	Error   string `json:"error,omitempty"`  // set when the test could not run to the end
	Output  string `json:"output,omitempty"` // what print() wrote
}

// TestOptions say which tests to run.
type TestOptions struct {
	Builtin bool           // load the built-in rules, so tests can use them
	Dirs    []string       // policy directories whose tests run
	Params  map[string]any // over the rules' declared defaults, as in lint
	Filter  string         // a regular expression over test names; "" runs all
	Timeout time.Duration  // per test; 0 means OPA's default
}

// RunTests runs the Rego unit tests of the policy directories, in the sandbox lint uses, and
// returns the results sorted by file and line.
func RunTests(ctx context.Context, opts TestOptions) ([]TestResult, error) {
	modules := map[string]*ast.Module{}
	if opts.Builtin {
		if err := loadModules(ctx, policies.FS, []string{"."}, false, modules); err != nil {
			return nil, err
		}
	}
	var errs diag.List
	user := map[string]*ast.Module{}
	for _, dir := range opts.Dirs {
		if err := checkDir(dir); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := loadModules(ctx, nil, []string{dir}, true, user); err != nil {
			errs = append(errs, asErrors(err)...)
		}
	}
	errs = append(errs, refuseReserved(user)...)
	maps.Copy(modules, user)
	if len(errs) > 0 {
		return nil, errs
	}
	c, err := compile(modules)
	if err != nil {
		return nil, err
	}
	rules, _, _ := catalogue(c, modules, nil)
	params := defaults(declaredParams(rules))
	maps.Copy(params, opts.Params)
	store := inmem.NewFromObjectWithOpts(baseData(params), inmem.OptRoundTripOnWrite(false), inmem.OptReturnASTValuesOnRead(true))

	runner := tester.NewRunner().SetCompiler(c).SetModules(modules).SetStore(store).
		CapturePrintOutput(true).Filter(opts.Filter)
	if opts.Timeout > 0 {
		runner = runner.SetTimeout(opts.Timeout)
	}
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return nil, asErrors(err)
	}
	var out []TestResult
	for r := range ch {
		res := TestResult{Package: strings.TrimPrefix(r.Package, "data."), Name: r.Name, Passed: r.Pass(), Skipped: r.Skip, Output: string(r.Output)}
		if r.Location != nil {
			res.File, res.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			res.Error = r.Error.Error()
		} else if r.Fail && r.FailedAt != nil && r.FailedAt.Location != nil {
			res.Error = fmt.Sprintf("failed at %s:%d: %s", r.FailedAt.Location.File, r.FailedAt.Location.Row, r.FailedAt.String())
		}
		out = append(out, res)
	}
	slices.SortFunc(out, func(a, b TestResult) int { return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line)) })
	return out, nil
}
