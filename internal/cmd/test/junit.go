package test

import (
	"fmt"
	"io"
	"strings"

	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/report"
)

// writeJUnit writes one testsuite per policy file and one testcase per Rego test.
func writeJUnit(w io.Writer, results []policy.TestResult) error {
	out := report.JUnitSuites{Name: "ladderctl test", Time: "0"}
	var suites []report.JUnitSuite
	index := map[string]int{}
	for _, r := range results {
		i, ok := index[r.File]
		if !ok {
			i = len(suites)
			index[r.File] = i
			suites = append(suites, report.JUnitSuite{Name: r.File})
		}
		s := &suites[i]
		s.Time = "0"
		tc := report.JUnitCase{Classname: r.Package, Name: r.Name, Time: "0"}
		s.Tests++
		switch {
		case r.Skipped:
			s.Skipped++
			tc.Skipped = &struct{}{}
		case !r.Passed:
			s.Failures++
			body := fmt.Sprintf("%s:%d: %s.%s failed", r.File, r.Line, r.Package, r.Name)
			if r.Error != "" {
				body += "\n" + r.Error
			}
			if out := strings.TrimSpace(r.Output); out != "" {
				body += "\n" + out
			}
			tc.Failure = &report.JUnitFailure{Message: fmt.Sprintf("%s failed at %s:%d", r.Name, r.File, r.Line), Type: "fail", Body: report.JUnitText(body)}
		}
		s.Cases = append(s.Cases, tc)
	}
	for _, s := range suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Skipped += s.Skipped
	}
	out.Suites = suites
	return report.WriteJUnit(w, out)
}
