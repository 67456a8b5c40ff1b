package cli

import "testing"

func TestParseParamsReadsYAMLScalars(t *testing.T) {
	got, err := ParseParams([]string{"a=0.05", "b=true", "c=text", "d=3", "e="})
	if err != nil {
		t.Fatal(err)
	}
	if got["a"] != 0.05 || got["b"] != true || got["c"] != "text" || got["d"] != 3 || got["e"] != nil {
		t.Errorf("params = %#v", got)
	}
}
