package output

import (
	"strings"
	"testing"
)

func testRegistry() *Registry[Format] {
	return NewRegistry(Named("text", "for people"), Named("json", "for scripts"), Named("sarif", "for code scanning"))
}

func TestRegistryNamesInOrder(t *testing.T) {
	r := testRegistry()
	if got := strings.Join(r.Names(), ","); got != "text,json,sarif" {
		t.Errorf("Names() = %s", got)
	}
	if got := r.Default().Name(); got != "text" {
		t.Errorf("Default() = %s, want the first", got)
	}
	if got, want := r.Usage(), "output `FORMAT`: text|json|sarif"; got != want {
		t.Errorf("Usage() = %q, want %q", got, want)
	}
	if got, want := strings.Join(r.Completions(), ","), "text\tfor people,json\tfor scripts,sarif\tfor code scanning"; got != want {
		t.Errorf("Completions() = %q, want %q", got, want)
	}
	r.All()[0] = Named("yaml", "")
	if r.Names()[0] != "text" {
		t.Error("All() hands out the registry's own list")
	}
}

func TestRegistryLookup(t *testing.T) {
	r := testRegistry()
	for _, name := range r.Names() {
		if f, err := r.Lookup(name); err != nil || f.Name() != name {
			t.Errorf("Lookup(%q) = %v, %v", name, f, err)
		}
	}
	for _, name := range []string{"yaml", "", "TEXT", "text "} {
		f, err := r.Lookup(name)
		if want := `unknown output format "` + name + `" (use text, json, sarif)`; err == nil || err.Error() != want {
			t.Errorf("Lookup(%q) = %v, %v; want the error %s", name, f, err, want)
		}
	}
}

func TestRegistryRefusesABadList(t *testing.T) {
	for name, formats := range map[string][]Format{
		"empty":     nil,
		"duplicate": {Named("json", "a"), Named("json", "b")},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			NewRegistry(formats...)
		}()
	}
}
