// Package policy is the Rego engine of ladderctl: it loads the built-in pack and the user's
// policies, compiles them once in a sandbox, and evaluates ladders concurrently.
package policy

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown/print"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/safefile"
	"github.com/ladderctl/ladderctl/policies"
)

// Options say which policies an Engine runs and how.
type Options struct {
	Builtin    bool           // load the built-in pack
	Dirs       []string       // user policy directories
	Namespaces []string       // globs over user packages; none means every package
	Params     map[string]any // the user's params, over the rules' defaults
	Timeout    time.Duration  // bounds one Evaluate call; 0 means no bound
	Now        time.Time      // the clock policies see, the same for every ladder of a run
	Print      io.Writer      // where print() in policies writes; nil discards it
	MaxMemory  int64          // the memory budget of evaluation in bytes; 0 means none
}

// BuiltinPrefix starts every package of the built-in pack; user packages may not use it.
const BuiltinPrefix = "ladderctl"

// ruleSetName matches the rules whose values are findings (conftest's conventions).
var ruleSetName = regexp.MustCompile(`^(deny|violation|warn)(_[a-zA-Z0-9]+)*$`)

// Engine holds compiled policies and a prepared query that collects every rule set at once.
type Engine struct {
	opts     Options
	compiler *ast.Compiler
	modules  map[string]*ast.Module
	query    rego.PreparedEvalQuery
	// single holds a query per rule set, prepared on the first error at run time, so that
	// one rule failing on a ladder does not hide the findings of the others.
	singleOnce sync.Once
	single     []rego.PreparedEvalQuery
	// culprit is held while one ladder that went over the memory budget is evaluated again,
	// rule set by rule set, to name the policy: never two at once, each near the budget.
	culprit  sync.Mutex
	store    storage.Store
	sets     []ruleSet
	rules    map[string]*finding.Rule
	params   map[string]any
	declared map[string]finding.Param // the params METADATA declares
	// needsLadders is set when a policy may read data.ladders, which then has to hold
	// every ladder before any is evaluated.
	needsLadders bool
}

// ruleSet is one rule whose values are findings, such as data.main.deny.
type ruleSet struct {
	pkg  string // package path without "data.", e.g. "ladderctl.parity"
	name string // rule name, e.g. "deny_top_grade"
	ref  ast.Ref
	rule *finding.Rule // its METADATA, or what conventions give
	// multi is set when every rule of the set is a multi-value (contains) rule: the set is
	// then always defined, and the query binds it as it is.
	multi bool
}

// New loads, compiles and prepares the policies. When some of the user's policies cannot be
// used (a missing directory, a file that does not parse or compile), it returns an engine of
// the rest, the built-in rules at least, together with the errors: whatever can be checked
// still is.
func New(ctx context.Context, opts Options) (*Engine, error) {
	modules := map[string]*ast.Module{}
	if opts.Builtin {
		if err := loadModules(ctx, policies.FS, []string{"."}, false, modules); err != nil {
			return nil, err
		}
	}
	user := map[string]*ast.Module{}
	var errs diag.List
	for _, dir := range opts.Dirs {
		if err := checkDir(dir); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := loadModules(ctx, nil, []string{dir}, false, user); err != nil {
			errs = append(errs, asErrors(err)...)
		}
	}
	errs = append(errs, refuseReserved(user)...)
	maps.Copy(modules, user)
	c, err := compile(modules)
	if err != nil {
		// Set aside the files the errors name and compile the rest; at worst the built-ins.
		cerrs := asErrors(err)
		errs = append(errs, cerrs...)
		for _, e := range cerrs {
			if _, ok := user[e.File]; ok {
				delete(modules, e.File)
			}
		}
		if c, err = compile(modules); err != nil {
			for name := range user {
				delete(modules, name)
			}
			if c, err = compile(modules); err != nil {
				return nil, errs
			}
		}
	}
	e := &Engine{opts: opts, compiler: c, modules: modules}
	var claimed diag.List
	e.rules, e.sets, claimed = catalogue(c, modules, opts.Namespaces)
	errs = append(errs, claimed...)
	var result error
	if len(errs) > 0 {
		result = errs
	}
	e.declared = declaredParams(e.rules)
	e.params = defaults(e.declared)
	maps.Copy(e.params, opts.Params)
	e.needsLadders = readsLadders(modules)
	if err := e.prepare(ctx); err != nil {
		return nil, append(errs, asErrors(err)...)
	}
	return e, result
}

// prepare builds the one query of a run. The store holds params and, once Evaluate puts
// them there for a policy that reads them, all ladders.
func (e *Engine) prepare(ctx context.Context) error {
	e.store = inmem.NewFromObjectWithOpts(baseData(e.params), inmem.OptRoundTripOnWrite(false), inmem.OptReturnASTValuesOnRead(true))
	pq, err := e.prepareSets(ctx, e.sets)
	if err != nil {
		return err
	}
	e.query = pq
	return nil
}

// baseData is the data document of a run: the params, the ladders (put there by Evaluate
// when a policy reads them) and, under data.ladderctl, the built-in pack's own data.
func baseData(params map[string]any) map[string]any {
	return map[string]any{"params": params, "ladders": map[string]any{}, BuiltinPrefix: BuiltinData()}
}

// BuiltinData is what the built-in pack reads under data.ladderctl: facts of the ladder
// format that Go defines once. User packages may not use the prefix, so cannot shadow it.
func BuiltinData() map[string]any {
	scopes := make([]any, len(ladder.Scopes))
	for i, s := range ladder.Scopes {
		scopes[i] = s
	}
	return map[string]any{"format": map[string]any{"scopes": scopes}}
}

// prepareSets prepares the query that collects the given rule sets.
func (e *Engine) prepareSets(ctx context.Context, sets []ruleSet) (rego.PreparedEvalQuery, error) {
	pq, err := rego.New(
		rego.ParsedQuery(queryText(sets)),
		rego.Compiler(e.compiler),
		rego.Store(e.store),
		rego.StrictBuiltinErrors(false),
	).PrepareForEval(ctx)
	if err != nil {
		return pq, asErrors(err)
	}
	return pq, nil
}

// queryText is one query that binds r<i> to the values of rule set i: every rule set in
// one evaluation rather than one query per rule, package or document. A multi-value set is
// bound as it is; any other in an array of its value, empty when it is undefined, so that
// one undefined rule does not undo the whole query.
func queryText(sets []ruleSet) ast.Body {
	body := make(ast.Body, 0, len(sets))
	for i, s := range sets {
		value := ast.NewTerm(s.ref)
		if !s.multi {
			x := ast.VarTerm("x")
			value = ast.ArrayComprehensionTerm(x, ast.NewBody(ast.Assign.Expr(x, value)))
		}
		expr := ast.Equality.Expr(ast.VarTerm(fmt.Sprintf("r%d", i)), value)
		expr.Index = i
		body = append(body, expr)
	}
	if len(body) == 0 {
		body = append(body, ast.NewExpr(ast.BooleanTerm(true)))
	}
	return body
}

// loadModules parses the .rego files under paths of fsys (the embedded pack) or, when fsys
// is nil, of the OS (the user's directories, which a pull request may fill with anything:
// see readPolicies).
func loadModules(ctx context.Context, fsys fs.FS, paths []string, withTests bool, into map[string]*ast.Module) error {
	wanted := func(name string) bool { return isPolicy(name, withTests) }
	var errs diag.List
	for _, root := range paths {
		var files []string
		var read func(string) ([]byte, error)
		if fsys != nil {
			_ = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && wanted(p) {
					files = append(files, p)
				}
				return err
			})
			read = func(p string) ([]byte, error) { return fs.ReadFile(fsys, p) }
		} else {
			var walkErrs diag.List
			files, walkErrs = policyFiles(ctx, root, wanted)
			errs = append(errs, walkErrs...)
			read = func(p string) ([]byte, error) { return safefile.Read(p, MaxPolicyFileSize) }
		}
		for _, name := range files {
			data, err := read(name)
			if err != nil {
				errs = append(errs, readError(name, err))
				continue
			}
			m, err := ast.ParseModuleWithOpts(name, string(data), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			if err != nil {
				errs = append(errs, asErrors(err)...)
				continue
			}
			if fsys != nil {
				name = builtinFile(name)
			}
			into[name] = m
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	return nil
}

// isPolicy tells the files the engine loads: .rego files, and their tests only when asked.
func isPolicy(name string, withTests bool) bool {
	return strings.HasSuffix(name, ".rego") && (withTests || !strings.HasSuffix(name, "_test.rego"))
}

// Sources lists the policy files lint loads from dirs, each with a SHA-256 of its contents,
// listed and read exactly as the engine reads them (bounded, no links out, no FIFOs): what a
// report of a change to the policies compares. Files that cannot be read have no sum.
func Sources(ctx context.Context, dirs []string) (files []string, sums map[string]string) {
	sums = map[string]string{}
	for _, d := range dirs {
		found, _ := policyFiles(ctx, d, func(name string) bool { return isPolicy(name, false) })
		for _, f := range found {
			files = append(files, f)
			if data, err := safefile.Read(f, MaxPolicyFileSize); err == nil {
				sums[f] = fmt.Sprintf("%x", sha256.Sum256(data))
			}
		}
	}
	return files, sums
}

// checkDir says clearly when a policy path does not exist, rather than a "stat" error.
func checkDir(dir string) *diag.Error {
	if _, err := os.Stat(dir); err != nil {
		return &diag.Error{File: dir, Message: "the policy directory does not exist", Hint: "check -p and policies: in the config"}
	}
	return nil
}

// builtinFile names an embedded file so that errors and rule sources show where it is from.
func builtinFile(name string) string { return finding.BuiltinSource + ":" + path.Base(name) }

func isBuiltinFile(name string) bool { return strings.HasPrefix(name, finding.BuiltinSource+":") }

func isBuiltinPackage(p ast.Ref) bool {
	return len(p) > 1 && p[1].Value.Compare(ast.String(BuiltinPrefix)) == 0
}

// reservedRoots are the documents under data that ladderctl fills and the built-in rules
// read, with why each is reserved. A user package there would overwrite them (package params
// could widen a tolerance the config never shows), so none may be declared there.
var reservedRoots = map[string]struct{ what, hint string }{
	BuiltinPrefix: {"uses the prefix \"ladderctl.\", which is reserved for the built-in rules", "rename the package"},
	"params":      {"would overwrite data.params, the params the rules read", "rename the package; read the params as data.params, and set them under params: in the config"},
	"ladders":     {"would overwrite data.ladders, the ladders being checked", "rename the package; read the ladders as data.ladders"},
	RosterData:    {"would shadow data.roster, where ladderctl roster puts the roster's counts", "rename the package"},
}

// refuseReserved removes from user the modules whose package is under a reserved root, and
// says why for each, in file order.
func refuseReserved(user map[string]*ast.Module) diag.List {
	var errs diag.List
	for _, name := range slices.Sorted(maps.Keys(user)) {
		m := user[name]
		if len(m.Package.Path) < 2 {
			continue
		}
		root, _ := m.Package.Path[1].Value.(ast.String)
		r, ok := reservedRoots[string(root)]
		if !ok {
			continue
		}
		errs = append(errs, &diag.Error{File: name, Line: m.Package.Location.Row, Column: m.Package.Location.Col,
			Message: fmt.Sprintf("package %s %s", pkgName(m.Package.Path), r.what), Hint: r.hint})
		delete(user, name)
	}
	return errs
}

func compile(modules map[string]*ast.Module) (*ast.Compiler, error) {
	c := ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithEnablePrintStatements(true)
	c.Compile(modules)
	if c.Failed() {
		return nil, asErrors(c.Errors)
	}
	return c, nil
}

// pkgName renders a package path as Rego source writes it: acme.titles.
func pkgName(p ast.Ref) string {
	return strings.TrimPrefix(p.String(), "data.")
}

// readsLadders tells whether any policy refers to data.ladders, or to data in a way that
// could reach it.
func readsLadders(modules map[string]*ast.Module) bool {
	found := false
	for _, m := range modules {
		ast.WalkRefs(m, func(r ast.Ref) bool {
			if !r[0].Equal(ast.DefaultRootDocument) {
				return found
			}
			if len(r) == 1 || !r[1].IsGround() || r[1].Value.Compare(ast.String("ladders")) == 0 {
				found = true
			}
			return found
		})
		if found {
			return true
		}
	}
	return false
}

// asErrors turns OPA's errors into ours, each with its file and line.
func asErrors(err error) diag.List {
	var out diag.List
	add := func(e *ast.Error) {
		pe := &diag.Error{Message: e.Message}
		if e.Location != nil {
			pe.File, pe.Line, pe.Column = e.Location.File, e.Location.Row, e.Location.Col
		}
		if name, ok := strings.CutPrefix(e.Message, "undefined function "); ok {
			pe.Message = fmt.Sprintf("the policy calls %s, which ladderctl does not allow", name)
			pe.Hint = refusedReason(name)
		}
		out = append(out, pe)
	}
	switch t := err.(type) {
	case ast.Errors:
		for _, e := range t {
			add(e)
		}
	case *ast.Error:
		add(t)
	case loader.Errors:
		for _, e := range t {
			out = append(out, asErrors(e)...)
		}
	case diag.List:
		return t
	default:
		out = append(out, &diag.Error{Message: strings.TrimSpace(err.Error())})
	}
	out.Sort()
	return out
}

// printer writes print() output of policies, one line at a time from any goroutine. Each
// line says it comes from a policy's print() and shows control characters as escapes: a
// policy prints ladder text, and a line of its own must not pass for ladderctl's diagnostics
// or for a command to the CI runner (::error, ::add-mask::).
type printer struct {
	mu    sync.Mutex
	w     io.Writer
	count printed
}

// PrintPrefix starts every line a policy's print() writes.
const PrintPrefix = "ladderctl: print: "

func (p *printer) Print(ctx print.Context, msg string) error {
	msg, ok := p.count.admit(ctx, msg)
	if !ok {
		return nil // Run.Finish says which policies were cut
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	loc := ""
	if ctx.Location != nil {
		loc = fmt.Sprintf("%s:%d: ", ctx.Location.File, ctx.Location.Row)
	}
	_, err := io.WriteString(p.w, PrintPrefix+output.Visible(loc+msg)+"\n")
	return err
}
