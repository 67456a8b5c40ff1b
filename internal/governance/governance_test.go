package governance

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ladderctl/ladderctl/internal/config"
	"github.com/ladderctl/ladderctl/internal/finding"
)

func TestApplyOverridesAndOff(t *testing.T) {
	in := []finding.Finding{
		{Rule: "parity/top-grade", Severity: finding.Error},
		{Rule: "bands/overlap", Severity: finding.Warning},
		{Rule: "load", Severity: finding.Error},
		{Rule: "naming/ic-titles", Severity: finding.Warning},
	}
	rules := map[string]config.RuleSetting{
		"parity/top-grade": {Severity: "warning"},
		"bands/overlap":    {Severity: "off"},
		"load":             {Severity: "off"},
	}
	got := Apply(in, &config.Config{Rules: rules}, time.Now(), nil)
	var seen []string
	for _, f := range got.Findings {
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
	warnings, errs := Check(cfg, []string{"parity/top-grade", "parity/pay"}, map[string]finding.Param{"parity_pay_tolerance": {Name: "parity_pay_tolerance", Default: 0.1}}, map[string]any{"nope": 1})
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

func date(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func TestWaivers(t *testing.T) {
	findings := []finding.Finding{
		{Rule: "parity/top-grade", Severity: finding.Error, Ladder: "sales", Level: "S7", Message: "top"},
		{Rule: "parity/pay", Severity: finding.Error, Ladder: "sales-emea", Level: "S5", Message: "pay"},
		{Rule: "parity/pay", Severity: finding.Error, Ladder: "eng", Level: "IC5", Message: "pay"},
		{Rule: "load", Severity: finding.Error, Ladder: "sales", Message: "broken"},
	}
	cfg := &config.Config{File: ".ladderctl.yaml", Exceptions: []config.Exception{
		{Rule: "parity/top-grade", Ladder: "sales", Level: "S7", Reason: "r", Expires: date("2027-06-30"), Line: 3, Column: 5},
		{Rule: "parity/pay", Ladder: "sales*", Reason: "r", Line: 8, Column: 5},
		{Rule: "bands/overlap", Reason: "r", Line: 11, Column: 5},
		{Rule: "parity/pay", Ladder: "eng", Reason: "r", Expires: date("2026-01-31"), Line: 14, Column: 5},
		{Rule: "load", Reason: "r", Line: 17, Column: 5},
	}}
	for _, tt := range []struct {
		now      string
		waived   []string
		reported []string
	}{
		// Valid through its last day, in UTC.
		{"2027-06-30T23:59:00Z", []string{"sales/parity/top-grade", "sales-emea/parity/pay"}, []string{"eng/parity/pay", "sales/load", "exceptions/unused@11", "exceptions/expired@14"}},
		{"2027-07-01T00:00:00Z", []string{"sales-emea/parity/pay"}, []string{"sales/parity/top-grade", "eng/parity/pay", "sales/load", "exceptions/expired@3", "exceptions/unused@11", "exceptions/expired@14"}},
		{"2026-01-31T10:00:00+09:00", []string{"sales/parity/top-grade", "sales-emea/parity/pay", "eng/parity/pay"}, []string{"sales/load", "exceptions/unused@11"}},
	} {
		now, _ := time.Parse(time.RFC3339, tt.now)
		got := Apply(findings, cfg, now, nil)
		if s := names(got.Waived); s != strings.Join(tt.waived, ",") {
			t.Errorf("%s: waived %s, want %v", tt.now, s, tt.waived)
		}
		if s := names(got.Findings); s != strings.Join(tt.reported, ",") {
			t.Errorf("%s: reported %s, want %v", tt.now, s, tt.reported)
		}
	}
}

func TestWaiverFindingsTakeOverrides(t *testing.T) {
	cfg := &config.Config{
		Exceptions: []config.Exception{{Rule: "x/y", Reason: "r"}},
		Rules:      map[string]config.RuleSetting{RuleUnused: {Severity: "off"}},
	}
	if got := Apply(nil, cfg, time.Now(), nil); len(got.Findings) != 0 {
		t.Errorf("exceptions/unused turned off still reported: %+v", got.Findings)
	}
}

func TestBaselineAcceptsExactlyWhatItRecorded(t *testing.T) {
	old := []finding.Finding{
		{Rule: "parity/pay", Ladder: "eng", Level: "IC5", Message: "pay lags", Line: 10},
		{Rule: "parity/pay", Ladder: "eng", Level: "IC5", Message: "pay lags", Line: 10},
		{Rule: "naming/ic-titles", Ladder: "eng", Level: "IC3", Message: "title", Line: 20},
		{Rule: "load", Message: "broken"},
	}
	path := t.TempDir() + "/baseline.json"
	if err := NewBaseline(old).Write(path); err != nil {
		t.Fatal(err)
	}
	base, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(base.Findings) != 3 {
		t.Fatalf("baseline holds %d entries, want 3 (no load finding)", len(base.Findings))
	}
	now := []finding.Finding{
		// Moved lines still match; a third copy of a twice-recorded finding is new.
		{Rule: "parity/pay", Ladder: "eng", Level: "IC5", Message: "pay lags", Line: 50},
		{Rule: "parity/pay", Ladder: "eng", Level: "IC5", Message: "pay lags", Line: 50},
		{Rule: "parity/pay", Ladder: "eng", Level: "IC5", Message: "pay lags", Line: 51},
		// A changed message is a new finding.
		{Rule: "naming/ic-titles", Ladder: "eng", Level: "IC3", Message: "other title", Line: 20},
	}
	got := Apply(now, &config.Config{}, time.Now(), base)
	if len(got.Baselined) != 2 || len(got.Findings) != 2 || got.Findings[0].Line != 51 || got.Findings[1].Message != "other title" {
		t.Errorf("baselined %+v\nreported %+v", got.Baselined, got.Findings)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadBaseline(dir + "/missing.json"); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: %v", err)
	}
	bad := dir + "/bad.json"
	_ = os.WriteFile(bad, []byte(`{"version": 7, "findings": []}`), 0o644)
	if _, err := ReadBaseline(bad); err == nil || !strings.Contains(err.Error(), "version 7") {
		t.Errorf("wrong version: %v", err)
	}
}

func names(fs []finding.Finding) string {
	var out []string
	for _, f := range fs {
		if f.Ladder != "" {
			out = append(out, f.Ladder+"/"+f.Rule)
		} else {
			out = append(out, fmt.Sprintf("%s@%d", f.Rule, f.Line))
		}
	}
	return strings.Join(out, ",")
}
