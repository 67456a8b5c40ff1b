package governance

import (
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/report"
)

func TestApplyOverridesAndOff(t *testing.T) {
	in := []report.Finding{
		{Rule: "parity/top-grade", Severity: report.Error},
		{Rule: "bands/overlap", Severity: report.Warning},
		{Rule: "load", Severity: report.Error},
		{Rule: "naming/ic-titles", Severity: report.Warning},
	}
	rules := map[string]config.RuleSetting{
		"parity/top-grade": {Severity: "warning"},
		"bands/overlap":    {Severity: "off"},
		"load":             {Severity: "off"},
	}
	got := Apply(in, rules)
	var seen []string
	for _, f := range got {
		seen = append(seen, f.Rule+"="+f.Severity.String())
	}
	want := "parity/top-grade=warning,load=error,naming/ic-titles=warning"
	if strings.Join(seen, ",") != want {
		t.Errorf("Apply = %v, want %s", seen, want)
	}
}

func TestCheckWarnsAboutSettingsThatDoNothing(t *testing.T) {
	cfg := &config.Config{
		File:   ".ladderctl.yaml",
		Rules:  map[string]config.RuleSetting{"parity/top-grad": {Severity: "off", Line: 4, Column: 3}, "load": {Severity: "off", Line: 5, Column: 3}, "parity/pay": {Severity: "warning"}},
		Params: map[string]config.Param{"parity_pay_tolerence": {Value: 0.2, Line: 8, Column: 3}, "parity_pay_tolerance": {Value: 0.2}},
	}
	warnings, errs := Check(cfg, []string{"parity/top-grade", "parity/pay"}, map[string]any{"parity_pay_tolerance": 0.1}, map[string]any{"nope": 1})
	if len(errs) != 1 || errs[0].Line != 5 || !strings.Contains(errs[0].Message, "load rule cannot be configured") {
		t.Errorf("errs = %v", errs)
	}
	if len(warnings) != 3 {
		t.Fatalf("warnings = %v", warnings)
	}
	if w := warnings[0]; w.Line != 4 || !strings.Contains(w.Message, `did you mean "parity/top-grade"`) {
		t.Errorf("unknown rule warning = %v", w)
	}
	if w := warnings[1]; w.Line != 8 || !strings.Contains(w.Message, `did you mean "parity_pay_tolerance"`) {
		t.Errorf("unknown param warning = %v", w)
	}
	if w := warnings[2]; w.File != "--param" || !strings.Contains(w.Message, `"nope"`) {
		t.Errorf("unknown flag param warning = %v", w)
	}
}
