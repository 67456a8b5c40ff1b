package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/output"
)

type githubFormat struct{}

func (githubFormat) Name() string { return "github" }
func (githubFormat) Description() string {
	return "GitHub Actions workflow commands: an annotation per finding, then a summary"
}

// githubAnnotationLimit is how many annotations of one kind GitHub shows per step.
const githubAnnotationLimit = 10

var (
	githubMessageEscaper  = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func (githubFormat) Write(w io.Writer, r *Report, _ Options) error {
	wd, _ := os.Getwd() // only to make absolute paths relative to the repository
	bw := bufio.NewWriter(w)
	kinds := map[string]int{}
	for _, f := range r.Findings {
		kind := githubCommand(f.Severity)
		kinds[kind]++
		var props []string
		if f.File != "" {
			props = append(props, "file="+githubPropertyEscaper.Replace(repoPath(f.File, wd)))
		}
		if f.Line > 0 { // line 0: the file could not be opened
			props = append(props, "line="+strconv.Itoa(f.Line), "col="+strconv.Itoa(max(f.Column, 1)))
		}
		props = append(props, "title="+githubPropertyEscaper.Replace(f.Rule))
		fmt.Fprintf(bw, "::%s %s::%s\n", kind, strings.Join(props, ","), githubMessageEscaper.Replace(f.Message))
	}

	for _, e := range r.Errors {
		fmt.Fprintf(bw, "::error title=%s::%s\n", githubPropertyEscaper.Replace(toolName(r)), githubMessageEscaper.Replace(e))
	}

	// Plain lines, not commands: the job log shows them as they are.
	s := r.Summary
	verdict := counts(s)
	if verdict == "" {
		verdict = "no problems"
	}
	fmt.Fprintf(bw, "%s: %s in %s (%s checked", toolName(r), verdict, output.Plural(s.Ladders, "ladder"), output.Plural(s.Files, "file"))
	if s.Waived > 0 {
		fmt.Fprintf(bw, ", %d waived", s.Waived)
	}
	if s.Baselined > 0 {
		fmt.Fprintf(bw, ", %d in the baseline", s.Baselined)
	}
	bw.WriteString(").\n")
	if kinds["error"] > githubAnnotationLimit || kinds["warning"] > githubAnnotationLimit || kinds["notice"] > githubAnnotationLimit {
		fmt.Fprintf(bw, "%s: GitHub shows only the first %d annotations of each kind (error, warning, notice) per step; "+
			"all %d findings are in this job's log above, and in SARIF (-o sarif) for code scanning.\n",
			toolName(r), githubAnnotationLimit, len(r.Findings))
	}
	return bw.Flush()
}

func githubCommand(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "notice"
}
