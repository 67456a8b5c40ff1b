package report

import (
	"encoding/json"
	"io"
)

type jsonFormat struct{}

func (jsonFormat) Name() string        { return "json" }
func (jsonFormat) Description() string { return "the stable JSON shape of the contract, for scripts" }

type jsonReport struct {
	Summary  Summary   `json:"summary"`
	Findings []Finding `json:"findings"`
	Waived   []Finding `json:"waived,omitempty"`
	Errors   []string  `json:"errors,omitempty"`
}

func (jsonFormat) Write(w io.Writer, r *Report, _ Options) error {
	out := jsonReport{Summary: r.Summary, Findings: r.Findings, Waived: r.Waived, Errors: r.Errors}
	if out.Findings == nil {
		out.Findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
