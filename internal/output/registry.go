// Package output holds what the output formats of every command share: the registry that
// names a command's formats for -o, and the Markdown escaping and comment budget of the
// formats meant for GitHub.
package output

import (
	"fmt"
	"strings"
)

// Format is an output format as a user picks it: by name, with one line on what it is for.
type Format interface {
	Name() string
	Description() string
}

// Named is a format that is only a name and a description, for a command whose writer
// switches on the name.
func Named(name, description string) Format { return named{name, description} }

type named struct{ name, description string }

func (n named) Name() string        { return n.name }
func (n named) Description() string { return n.description }

// Registry lists a command's output formats, the default first. It drives the -o flag's
// help, its validation and its completion, so the three never disagree.
type Registry[F Format] struct{ formats []F }

// NewRegistry lists formats, the default first. No format or two of one name is a bug in
// ladderctl, so it panics when the program starts rather than when a user picks one.
func NewRegistry[F Format](formats ...F) *Registry[F] {
	if len(formats) == 0 {
		panic("output: a registry without formats")
	}
	seen := map[string]bool{}
	for _, f := range formats {
		if seen[f.Name()] {
			panic("output: two formats named " + f.Name())
		}
		seen[f.Name()] = true
	}
	return &Registry[F]{formats: formats}
}

// All returns the formats, in order.
func (r *Registry[F]) All() []F { return append([]F(nil), r.formats...) }

// Default returns the format used when none is asked for.
func (r *Registry[F]) Default() F { return r.formats[0] }

// Names returns the names of the formats, in order.
func (r *Registry[F]) Names() []string {
	names := make([]string, len(r.formats))
	for i, f := range r.formats {
		names[i] = f.Name()
	}
	return names
}

// Lookup finds a format by name, or says which names there are.
func (r *Registry[F]) Lookup(name string) (F, error) {
	for _, f := range r.formats {
		if f.Name() == name {
			return f, nil
		}
	}
	var none F
	return none, fmt.Errorf("unknown output format %q (use %s)", name, strings.Join(r.Names(), ", "))
}

// Usage is the help of the -o flag; the back-quoted word names its value in the help.
func (r *Registry[F]) Usage() string {
	return "output `FORMAT`: " + strings.Join(r.Names(), "|")
}

// Completions lists the formats for shell completion, each as "name\tdescription", the
// form cobra shows the description of a value in.
func (r *Registry[F]) Completions() []string {
	out := make([]string, len(r.formats))
	for i, f := range r.formats {
		out[i] = f.Name() + "\t" + f.Description()
	}
	return out
}
