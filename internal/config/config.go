// Package config reads .ladderctl.yaml: found from the working directory upward, validated
// as strictly as a ladder, with the position of every waiver and param kept.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/safefile"
	"github.com/ladderctl/ladderctl/internal/suggest"
	"github.com/ladderctl/ladderctl/internal/yamlnode"
)

// FileName is the config file ladderctl looks for.
const FileName = ".ladderctl.yaml"

// maxSize bounds the config file: it is read whole and decoded, so it must stay small.
const maxSize = 1 << 20

// Config is a parsed config file. Paths are as written in the file; Resolve makes them usable
// from the working directory.
type Config struct {
	File string // the config file, or "" when there is none
	Dir  string // the directory paths in the file are relative to

	Ladders    []string
	Policies   []string
	Builtin    *bool
	Namespaces []string
	FailOn     string
	Params     map[string]Param
	Rules      map[string]RuleSetting
	Exceptions []Exception
	Baseline   string

	present map[string]bool
}

// Param is a rule parameter as written in the config.
type Param struct {
	Value  any
	Line   int
	Column int
}

// RuleSetting is a per-rule severity override: error, warning, info or off.
type RuleSetting struct {
	Severity string
	Line     int
	Column   int
}

// Exception is a waiver: it accepts the findings of a rule, on ladders matching a glob and
// optionally one level, for a reason and possibly until a date.
type Exception struct {
	Rule    string
	Ladder  string // a glob over ladder names; "" is every ladder
	Level   string // "" is every level
	Reason  string
	Expires *time.Time // the last day (UTC) the waiver holds, or nil
	Line    int
	Column  int
}

// Describe names what a waiver covers, for messages: "parity/pay on ladder sales at level S5".
func (x Exception) Describe() string {
	s := x.Rule
	if x.Ladder != "" {
		s += " on ladder " + x.Ladder
	}
	if x.Level != "" {
		s += " at level " + x.Level
	}
	return s
}

// BuiltinOn tells whether the built-in pack is loaded: unless builtin: false says otherwise.
func (c *Config) BuiltinOn() bool { return c.Builtin == nil || *c.Builtin }

// Has tells whether the file sets a key, so flags and env can be layered over it.
func (c *Config) Has(key string) bool { return c.present[key] }

// Keys lists the keys a config file may hold.
var Keys = []string{"ladders", "policies", "builtin", "namespaces", "fail-on", "params", "rules", "exceptions", "baseline"}

// FailOnValues lists the thresholds of fail-on.
var FailOnValues = []string{"error", "warning", "info", "never"}

// RuleSeverities lists the values of a rules: entry.
var RuleSeverities = []string{"error", "warning", "info", "off"}

// Find returns the config file that applies in dir: the first .ladderctl.yaml from dir
// upward, stopping at the directory that holds .git, or "" when there is none. The path is
// relative to dir when it can be, so that findings about the config show a short path.
func Find(dir string) (string, error) {
	start, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for dir = start; ; {
		p := filepath.Join(dir, FileName)
		if _, err := os.Stat(p); err == nil {
			if rel, err := filepath.Rel(start, p); err == nil {
				return rel, nil
			}
			return p, nil
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Repository returns the top directory of the repository dir is in, as an absolute path:
// the nearest directory from dir upward that holds .git, else dir itself.
func Repository(dir string) string {
	start, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for dir = start; ; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return start
		}
		dir = parent
	}
}

// Load reads a config file. An empty path gives an empty config rooted at the working
// directory.
func Load(path string) (*Config, error) {
	if path == "" {
		return &Config{Dir: ".", present: map[string]bool{}}, nil
	}
	data, err := safefile.Read(path, maxSize)
	var big *safefile.TooBigError
	switch {
	case errors.As(err, &big):
		return nil, &diag.Error{File: path, Message: "the config file is over 1 MiB", Hint: "a config holds settings, not data; move data elsewhere"}
	case errors.Is(err, safefile.ErrNotRegular):
		return nil, &diag.Error{File: path, Message: "the config file is not a regular file (a device, a FIFO or a socket), so it is not read", Hint: "make .ladderctl.yaml a plain file"}
	case err != nil:
		return nil, &diag.Error{File: path, Message: "cannot read the config file: " + strings.TrimPrefix(err.Error(), "open "+path+": "), Hint: "check the path given to --config"}
	}
	return Parse(path, data)
}

// Parse reads the contents of a config file.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{File: path, Dir: filepath.Dir(path), present: map[string]bool{}}
	p := &parser{file: path, budget: maxValues}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		line, col, msg := yamlnode.SyntaxError(data, err)
		return nil, &diag.Error{File: path, Line: line, Column: col, Message: msg}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		line := extra.Line
		if err != nil {
			line, _, _ = yamlnode.SyntaxError(data, err)
		}
		return nil, &diag.Error{File: path, Line: max(line-1, 1), Column: 1, Message: "the config holds more than one YAML document (---)", Hint: "keep one: settings after --- would be ignored"}
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &diag.Error{File: path, Line: root.Line, Column: root.Column, Message: "the config must be a mapping of settings (key: value)"}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			p.fail(k, "duplicate key %q: it is already set at line %d; keep one of the two", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		c.present[k.Value] = true
		switch k.Value {
		case "ladders":
			c.Ladders = p.strings(v, k.Value)
		case "policies":
			c.Policies = p.strings(v, k.Value)
		case "namespaces":
			c.Namespaces = p.strings(v, k.Value)
		case "builtin":
			var b bool
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
				p.fail(v, "builtin must be true or false, not %s", yamlnode.Describe(v))
			} else {
				c.Builtin = &b
			}
		case "fail-on":
			c.FailOn = p.enum(v, "fail-on", FailOnValues)
		case "baseline":
			c.Baseline = p.text(v, "baseline")
		case "params":
			c.Params = p.params(v)
		case "rules":
			c.Rules = p.rules(v)
		case "exceptions":
			c.Exceptions = p.exceptions(v)
		default:
			p.fail(k, "unknown key %q%s", k.Value, suggest.DidYouMean(k.Value, Keys))
		}
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return c, nil
}

// Resolve turns a path written in the config into one usable from the working directory,
// kept relative when it can be so that findings show short paths.
func (c *Config) Resolve(p string) string {
	if filepath.IsAbs(p) || c.Dir == "." || c.Dir == "" {
		return p
	}
	abs := filepath.Join(c.Dir, p)
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil {
			return rel
		}
	}
	return abs
}

type parser struct {
	file   string
	errs   diag.List
	budget int // values params may still hold, aliases included
}

// maxValues bounds the values in params: settings are small, and hostile ones stay cheap.
const maxValues = 10_000

// maxErrors caps the errors of one config file: past a screenful they stop helping.
const maxErrors = 50

func (p *parser) fail(n *yaml.Node, format string, args ...any) {
	if len(p.errs) >= maxErrors {
		return
	}
	p.errs = append(p.errs, &diag.Error{File: p.file, Line: n.Line, Column: n.Column, Message: fmt.Sprintf(format, args...)})
}

// failedAt tells whether an error was already reported inside the lines of node n.
func (p *parser) failedAt(n *yaml.Node) bool {
	for _, e := range p.errs {
		if e.Line >= n.Line && e.Line <= lastLine(n) {
			return true
		}
	}
	return false
}

func lastLine(n *yaml.Node) int {
	for len(n.Content) > 0 {
		n = n.Content[len(n.Content)-1]
	}
	return n.Line
}

func (p *parser) text(n *yaml.Node, key string) string {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		p.fail(n, "%s must be text, not %s", key, yamlnode.Describe(n))
		return ""
	}
	return n.Value
}

func (p *parser) enum(n *yaml.Node, key string, values []string) string {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		p.fail(n, "%s must be one of %s, not %s", key, strings.Join(values, ", "), yamlnode.Describe(n))
		return ""
	}
	v := n.Value
	if !slices.Contains(values, v) {
		p.fail(n, "%s %q is not one of %s%s", key, v, strings.Join(values, ", "), suggest.DidYouMean(v, values))
		return ""
	}
	return v
}

// glob reads a text that is matched as a glob (* and ?), refusing a pattern that could
// never match.
func (p *parser) glob(n *yaml.Node, key string) string {
	g := p.text(n, key)
	if _, err := path.Match(g, ""); err != nil {
		p.fail(n, "%s %q is not a valid glob (use * and ?, such as sales-*)", key, g)
		return ""
	}
	return g
}

// wildcardOnly tells whether a glob has no character of its own, only *, ? and [classes]:
// as the family part of a waiver's rule (parity in parity/*), it would match every family.
func wildcardOnly(glob string) bool {
	for i := 0; i < len(glob); i++ {
		switch glob[i] {
		case '*', '?':
		case '[':
			end := strings.IndexByte(glob[i:], ']')
			if end < 0 {
				return false
			}
			i += end
		default:
			return false
		}
	}
	return true
}

// strings reads a list of texts; a single text is a list of one.
func (p *parser) strings(n *yaml.Node, key string) []string {
	if n.Kind == yaml.ScalarNode {
		return []string{p.text(n, key)}
	}
	if n.Kind != yaml.SequenceNode {
		p.fail(n, "%s must be a list of paths or names, not %s", key, yamlnode.Describe(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, e := range n.Content {
		out = append(out, p.text(e, key))
	}
	return out
}

func (p *parser) params(n *yaml.Node) map[string]Param {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "params must be a mapping of param names to values, not %s", yamlnode.Describe(n))
		return nil
	}
	out := map[string]Param{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := out[k.Value]; dup {
			p.fail(k, "duplicate param %q; keep one", k.Value)
			continue
		}
		val, err := yamlnode.Value(v, &p.budget)
		if err != nil {
			p.fail(k, "param %s: %s (at line %d)", k.Value, err.Message, err.Line)
			return out
		}
		out[k.Value] = Param{Value: val, Line: k.Line, Column: k.Column}
	}
	return out
}

func (p *parser) rules(n *yaml.Node) map[string]RuleSetting {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "rules must be a mapping of rule ids to error, warning, info or off, not %s", yamlnode.Describe(n))
		return nil
	}
	out := map[string]RuleSetting{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := out[k.Value]; dup {
			p.fail(k, "duplicate rule %q; keep one", k.Value)
			continue
		}
		if s := p.enum(v, "the setting of "+k.Value, RuleSeverities); s != "" {
			out[k.Value] = RuleSetting{Severity: s, Line: k.Line, Column: k.Column}
		}
	}
	return out
}

var exceptionKeys = []string{"rule", "ladder", "level", "reason", "expires"}

func (p *parser) exceptions(n *yaml.Node) []Exception {
	if n.Kind != yaml.SequenceNode {
		p.fail(n, "exceptions must be a list of waivers, not %s", yamlnode.Describe(n))
		return nil
	}
	var out []Exception
	for _, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			p.fail(e, "a waiver must be a mapping with rule and reason, not %s", yamlnode.Describe(e))
			continue
		}
		x := Exception{Line: e.Line, Column: e.Column}
		seen := map[string]bool{}
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			if seen[k.Value] {
				p.fail(k, "duplicate key %q in a waiver; keep one", k.Value)
				continue
			}
			seen[k.Value] = true
			if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
				continue // reported below when the key is required
			}
			switch k.Value {
			case "rule":
				x.Rule = p.glob(v, "rule")
				if x.Rule != "" && wildcardOnly(strings.SplitN(x.Rule, "/", 2)[0]) {
					p.fail(v, "the waiver's rule %q would waive every rule; name the family or package before the / (such as parity/* or acme.titles/*), or the rule itself", x.Rule)
					x.Rule = ""
				}
			case "ladder":
				x.Ladder = p.glob(v, "ladder")
			case "level":
				x.Level = p.text(v, "level")
			case "reason":
				x.Reason = strings.TrimSpace(p.text(v, "reason"))
			case "expires":
				t, err := time.Parse(time.DateOnly, p.text(v, "expires"))
				if err != nil {
					p.fail(v, "expires must be a date such as 2027-06-30, not %s", yamlnode.Describe(v))
				} else {
					x.Expires = &t
				}
			default:
				p.fail(k, "a waiver has no key %q%s", k.Value, suggest.DidYouMean(k.Value, exceptionKeys))
			}
		}
		if x.Rule == "" && !p.failedAt(e) {
			p.fail(e, "a waiver needs the rule it waives; add rule:")
		}
		if x.Reason == "" && !p.failedAt(e) {
			p.fail(e, "a waiver needs a reason, so reviewers know why the finding is accepted; add reason:")
		}
		out = append(out, x)
	}
	return out
}
