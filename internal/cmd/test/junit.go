package test

import (
	"fmt"
	"io"
	"strings"

	"github.com/jstemmer/go-junit-report/v2/junit"

	"github.com/ladderctl/ladderctl/internal/output"
	"github.com/ladderctl/ladderctl/internal/policy"
	"github.com/ladderctl/ladderctl/internal/report"
)

// writeJUnit writes one testsuite per policy file and one testcase per Rego test.
func writeJUnit(w io.Writer, results []policy.TestResult) error {
	var suites []junit.Testsuite
	index := map[string]int{}
	for _, r := range results {
		i, ok := index[r.File]
		if !ok {
			i = len(suites)
			index[r.File] = i
			suites = append(suites, junit.Testsuite{Name: output.Visible(r.File), Package: "ladderctl test", ID: i, Time: "0", File: output.Visible(r.File)})
		}
		tc := junit.Testcase{Classname: output.Visible(r.Package), Name: output.Visible(r.Name), Time: "0"}
		switch {
		case r.Skipped:
			tc.Skipped = &junit.Result{Message: "skipped"}
		case !r.Passed:
			body := fmt.Sprintf("%s:%d: %s.%s failed", r.File, r.Line, r.Package, r.Name)
			if r.Error != "" {
				body += "\n" + r.Error
			}
			if out := strings.TrimSpace(r.Output); out != "" {
				body += "\n" + out
			}
			tc.Failure = &junit.Result{Message: output.Visible(fmt.Sprintf("%s failed at %s:%d", r.Name, r.File, r.Line)), Type: "fail", Data: output.VisibleLines(body)}
		}
		suites[i].AddTestcase(tc)
	}
	var out junit.Testsuites
	for _, s := range suites {
		out.AddSuite(s)
	}
	return report.WriteJUnit(w, out)
}
