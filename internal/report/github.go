package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
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

// GitHub shows at most this many annotations of each kind (error, warning, notice) per step,
// and at most githubJobLimit per job, whatever a step prints.
const (
	githubAnnotationLimit = 10
	githubJobLimit        = 50
)

var (
	githubMessageEscaper  = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// annotation is one workflow command to print, in the order GitHub should keep it.
type annotation struct {
	kind  string // error, warning, notice
	rank  int    // what GitHub must show first: run errors, load errors, errors, warnings, notices
	props []string
	msg   string
	line  string // the finding as a plain log line, for when it is over the limit
}

// Write prints what could not be checked first, then load errors, errors, warnings and
// notices, since GitHub drops what is past its limits: 10 annotations of each kind per step.
// The findings past the limit are printed as plain lines of the log, and one notice at the
// end says how many there are and where to find them all.
func (githubFormat) Write(w io.Writer, r *Report, _ Options) error {
	paths := newRepoPaths()
	var all []annotation
	for _, e := range r.Errors {
		all = append(all, annotation{kind: "error", rank: 0, props: []string{"title=" + githubPropertyEscaper.Replace(toolName(r))}, msg: e,
			line: toolName(r) + ": error: " + output.Visible(e)})
	}
	for _, f := range r.Findings {
		a := annotation{kind: githubCommand(f.Severity), rank: 5 - int(f.Severity), msg: f.Message,
			line: output.Visible(Location(f)) + ": " + f.Severity.String() + " " + output.Visible(f.Rule) + ": " + TextMessage(f.Message)}
		if f.IsLoadError() {
			a.rank = 1
		}
		if f.File != "" {
			// The file as it is, for GitHub to find it; escaping keeps the command on one line.
			file, _ := paths.rel(f.File)
			a.props = append(a.props, "file="+githubPropertyEscaper.Replace(file))
		}
		if f.Line > 0 { // line 0: the file could not be opened
			a.props = append(a.props, "line="+strconv.Itoa(f.Line), "col="+strconv.Itoa(max(f.Column, 1)))
		}
		a.props = append(a.props, "title="+githubPropertyEscaper.Replace(output.Visible(f.Rule)))
		all = append(all, a)
	}
	slices.SortStableFunc(all, func(a, b annotation) int { return cmp.Compare(a.rank, b.rank) })

	// Which annotations GitHub will show: 10 of each kind (30 at most, under the job's 50),
	// one notice kept back for the note when something is left over.
	shown, kinds, over := make([]bool, len(all)), map[string]int{}, 0
	for i, a := range all {
		if kinds[a.kind] < githubAnnotationLimit {
			kinds[a.kind]++
			shown[i] = true
		} else {
			over++
		}
	}
	if over > 0 && kinds["notice"] == githubAnnotationLimit { // the note needs a notice of its own
		for i := len(all) - 1; i >= 0; i-- {
			if shown[i] && all[i].kind == "notice" {
				shown[i], over = false, over+1
				break
			}
		}
	}

	bw := bufio.NewWriter(w)
	for i, a := range all {
		if !shown[i] {
			continue
		}
		// The message keeps its line breaks (escaped for the runner); other control characters
		// are shown as escapes, as in every text for people.
		fmt.Fprintf(bw, "::%s %s::%s\n", a.kind, strings.Join(a.props, ","), githubMessageEscaper.Replace(output.VisibleLines(a.msg)))
	}
	if over > 0 {
		// Plain lines, not commands: the log shows every finding, annotated or not.
		fmt.Fprintf(bw, "%s: %s not shown as annotations:\n", toolName(r), output.Plural(over, "more finding"))
		for i, a := range all {
			if !shown[i] {
				bw.WriteString(a.line + "\n")
			}
		}
	}

	s := r.Summary
	verdict := counts(s)
	switch {
	case len(r.Unchecked) > 0:
		verdict = "nothing was checked, so no problems could be found"
	case verdict == "" && len(r.Errors) > 0:
		verdict = "no problems in what could be checked" // never a plain "no problems"
	case verdict == "":
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
	if over > 0 {
		verb := "are"
		if over == 1 {
			verb = "is"
		}
		fmt.Fprintf(bw, "::notice title=%s::%s\n",
			githubPropertyEscaper.Replace(toolName(r)+": more findings than GitHub shows"),
			githubMessageEscaper.Replace(fmt.Sprintf("%s %s not annotated: GitHub shows %d annotations of each kind per step and %d per job. "+
				"Every finding is in this step's log; upload -o sarif to code scanning, or write -o markdown to the job summary, to see them all.",
				output.Plural(over, "more finding"), verb, githubAnnotationLimit, githubJobLimit)))
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
