package report

import (
	"testing"

	"github.com/ladderctl/ladderctl/internal/finding"
)

func sample() []finding.Finding {
	return []finding.Finding{
		{Rule: "parity/top-grade", Severity: finding.Error, Message: "b", Ladder: "x", Level: "M5", File: "b.yaml", Line: 41, Column: 16, Path: "spec.tracks[1].levels[3].grade"},
		{Rule: "load", Severity: finding.Error, Message: "bad", File: "a.yaml", Line: 3, Column: 1},
		{Rule: "parity/scope", Severity: finding.Warning, Message: "a", Ladder: "x", Level: "IC5", File: "b.yaml", Line: 12, Column: 14},
		{Rule: "content/expectations", Severity: finding.Info, Message: "c", Ladder: "x", File: "b.yaml", Line: 12, Column: 14},
		{Rule: "load", Severity: finding.Warning, Message: "no ladder in this file", File: "c.yaml", Line: 1, Column: 1},
	}
}

func TestNewSortsAndCounts(t *testing.T) {
	r := New(3, 2, sample())
	want := Summary{Files: 3, Ladders: 2, Errors: 2, Warnings: 2, Infos: 1, LoadErrors: 2}
	if r.Summary != want {
		t.Errorf("summary = %+v, want %+v", r.Summary, want)
	}
	var order []string
	for _, f := range r.Findings {
		order = append(order, f.File+":"+f.Rule)
	}
	wantOrder := []string{"a.yaml:load", "b.yaml:content/expectations", "b.yaml:parity/scope", "b.yaml:parity/top-grade", "c.yaml:load"}
	for i := range wantOrder {
		if order[i] != wantOrder[i] {
			t.Fatalf("order = %v, want %v", order, wantOrder)
		}
	}
	if r.Worst() != finding.Error || r.LoadErrorFiles() != 1 {
		t.Errorf("Worst = %v, HasLoadErrors = %v", r.Worst(), r.LoadErrorFiles() > 0)
	}
}

func TestLoadWarningIsNotALoadError(t *testing.T) {
	r := New(1, 0, []finding.Finding{{Rule: finding.RuleLoad, Severity: finding.Warning, File: "a.yaml"}})
	if r.LoadErrorFiles() > 0 {
		t.Error("a load warning counts as a load error")
	}
	if r.Worst() != finding.Warning {
		t.Errorf("Worst = %v", r.Worst())
	}
}

func TestParseSeverity(t *testing.T) {
	for in, want := range map[string]finding.Severity{"error": finding.Error, "WARNING": finding.Warning, "warn": finding.Warning, " info ": finding.Info} {
		if got, err := finding.ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := finding.ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) succeeded")
	}
}
