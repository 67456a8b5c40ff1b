package report

import (
	"encoding/json"
	"io"

	"github.com/ladderctl/ladderctl/internal/finding"
)

type jsonFormat struct{}

func (jsonFormat) Name() string        { return "json" }
func (jsonFormat) Description() string { return "the stable JSON shape of the contract, for scripts" }

type jsonReport struct {
	Summary  jsonSummary       `json:"summary"`
	Findings []finding.Finding `json:"findings"`
	Waived   []finding.Finding `json:"waived,omitempty"`
	Errors   []string          `json:"errors,omitempty"`
}

// jsonSummary is the summary with the packs the run was judged by, which scripts read
// beside the counts.
type jsonSummary struct {
	Summary
	Packs []Pack `json:"packs,omitempty"`
}

func (jsonFormat) Write(w io.Writer, r *Report, _ Options) error {
	out := jsonReport{Summary: jsonSummary{r.Summary, r.Packs}, Findings: r.Findings, Waived: r.Waived, Errors: r.Errors}
	if out.Findings == nil {
		out.Findings = []finding.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
