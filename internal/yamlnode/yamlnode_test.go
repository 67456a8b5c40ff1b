package yamlnode

import (
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func parseErr(t *testing.T, src string) ([]byte, error) {
	t.Helper()
	var n yaml.Node
	err := yaml.Unmarshal([]byte(src), &n)
	if err == nil {
		t.Fatalf("%q parsed", src)
	}
	return []byte(src), err
}

func TestSyntaxError(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		words     string
	}{
		{"a:\n\tb: 1\n", 2, 1, "tab is used for indentation"},
		{"a:\n  b: 1\n  \tc: 2\n", 3, 3, "tab is used for indentation"},
		{"a: 1\nb: [1, 2\n", 2, 1, "in the block that starts here"},
		{"a: 1\nb: c: d\n", 2, 1, "mapping values are not allowed"},
	}
	for _, tt := range tests {
		data, err := parseErr(t, tt.src)
		line, col, msg := SyntaxError(data, err)
		if line != tt.line || col != tt.col || !strings.Contains(msg, tt.words) {
			t.Errorf("%q: %d:%d %q, want %d:%d with %q", tt.src, line, col, msg, tt.line, tt.col, tt.words)
		}
	}
}

func node(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	return &n
}

func TestValue(t *testing.T) {
	budget := 100
	v, err := Value(node(t, "a: [1, x, true]\nb: {c: ~}\nd: &x [1]\ne: *x\n"), &budget)
	want := map[string]any{"a": []any{1, "x", true}, "b": map[string]any{"c": nil}, "d": []any{1}, "e": []any{1}}
	if err != nil || !reflect.DeepEqual(v, want) {
		t.Fatalf("Value = %#v, %v", v, err)
	}
	budget = 100
	if _, err := Value(node(t, "a: 1\nb: 2\na: 3\n"), &budget); err == nil || err.Line != 3 || !strings.Contains(err.Message, `duplicate key "a"`) {
		t.Errorf("duplicate key: %v", err)
	}
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	budget = 5000
	if _, err := Value(node(t, bomb), &budget); err == nil || !strings.Contains(err.Message, "aliases") {
		t.Errorf("an alias bomb within the budget's reach: %v", err)
	}
}

func TestDescribe(t *testing.T) {
	for src, want := range map[string]string{"[1]": "a list", "{a: 1}": "a mapping", "~": "empty", "five": `"five"`, strings.Repeat("x", 50): `"` + strings.Repeat("x", 37) + `..."`} {
		if got := Describe(node(t, src).Content[0]); got != want {
			t.Errorf("Describe(%q) = %s, want %s", src, got, want)
		}
	}
}
