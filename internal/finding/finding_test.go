package finding

import "testing"

func TestOverridden(t *testing.T) {
	f := Finding{Rule: "parity/pay", Severity: Error}
	for _, tc := range []struct {
		setting string
		want    Severity
		on      bool
	}{
		{"", Error, true},
		{"warning", Warning, true},
		{"info", Info, true},
		{Off, 0, false},
	} {
		got, on := f.Overridden(tc.setting)
		if on != tc.on || (on && got.Severity != tc.want) {
			t.Errorf("Overridden(%q) = %v, %v; want %v, %v", tc.setting, got.Severity, on, tc.want, tc.on)
		}
	}
}

func TestLooser(t *testing.T) {
	order := []string{Off, "info", "warning", "error"}
	for i, a := range order {
		for j, b := range order {
			if got := Looser(a, b); got != (i < j) {
				t.Errorf("Looser(%s, %s) = %v", a, b, got)
			}
		}
	}
}

func TestIsLoadError(t *testing.T) {
	if !(Finding{Rule: RuleLoad, Severity: Error}).IsLoadError() {
		t.Error("a load error is not one")
	}
	if (Finding{Rule: RuleLoad, Severity: Warning}).IsLoadError() || (Finding{Rule: "parity/pay", Severity: Error}).IsLoadError() {
		t.Error("a load warning or a rule's error counted as a load error")
	}
}
