package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/output"
)

type textFormat struct{}

func (textFormat) Name() string        { return "text" }
func (textFormat) Description() string { return "for people: findings grouped by file, then a summary" }

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiGreen  = "\x1b[32m"
)

func (textFormat) Write(w io.Writer, r *Report, opts Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	file := ""
	for _, f := range r.Findings {
		if f.File != file {
			if file != "" {
				bw.WriteString("\n")
			}
			file = f.File
		}
		bw.WriteString(paint(ansiBold, output.Visible(Location(f))))
		bw.WriteString(": ")
		bw.WriteString(paint(severityColour(f.Severity), f.Severity.String()))
		bw.WriteString(" ")
		bw.WriteString(paint(ansiDim, output.Visible(f.Rule)))
		bw.WriteString(": ")
		bw.WriteString(TextMessage(f.Message))
		bw.WriteString("\n")
	}
	if len(r.Waived) > 0 {
		bw.WriteString("\nAccepted by a waiver or the baseline:\n")
		for _, f := range r.Waived {
			fmt.Fprintf(bw, "%s: %s %s: %s\n", output.Visible(Location(f)), f.Severity, output.Visible(f.Rule), TextMessage(f.Message))
		}
	}
	if len(r.Findings) > 0 || len(r.Waived) > 0 {
		bw.WriteString("\n")
	}
	s := r.Summary
	if len(r.Findings) == 0 {
		bw.WriteString(paint(ansiGreen, "No problems found"))
	} else {
		parts := []string{}
		for _, c := range []struct {
			n    int
			noun string
			code string
		}{{s.Errors, "error", ansiRed}, {s.Warnings, "warning", ansiYellow}, {s.Infos, "info", ansiBlue}} {
			if c.n > 0 {
				parts = append(parts, paint(c.code, output.Plural(c.n, c.noun)))
			}
		}
		bw.WriteString(strings.Join(parts, ", "))
	}
	fmt.Fprintf(bw, " in %s (%s checked", output.Plural(s.Ladders, "ladder"), output.Plural(s.Files, "file"))
	if s.Waived > 0 {
		fmt.Fprintf(bw, ", %d waived", s.Waived)
	}
	if s.Baselined > 0 {
		fmt.Fprintf(bw, ", %d in the baseline", s.Baselined)
	}
	bw.WriteString(").\n")
	for _, p := range r.Packs {
		fmt.Fprintf(bw, "Policy pack %s is %s.\n", output.Visible(p.Ref), output.Visible(p.Digest))
	}
	switch {
	case len(r.Unchecked) > 0:
		for _, u := range r.Unchecked {
			fmt.Fprintf(bw, "%s\n", paint(ansiRed, u))
		}
	case len(r.Errors) > 0:
		fmt.Fprintf(bw, "%s\n", paint(ansiRed, fmt.Sprintf("The check is incomplete: %s stopped ladderctl from checking everything.", output.Plural(len(r.Errors), "error"))))
	}
	return bw.Flush()
}

// TextMessage puts a message on its one line: a message written as a YAML block scalar
// reads as a sentence, and the other control characters are shown as escapes.
func TextMessage(msg string) string {
	return output.Visible(strings.ReplaceAll(strings.TrimRight(msg, "\n"), "\n", " "))
}

// Location renders where a finding is as editors and terminals link it: file:line:col.
func Location(f finding.Finding) string {
	if f.Line <= 0 {
		return f.File
	}
	return f.File + ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(max(f.Column, 1))
}

func severityColour(s finding.Severity) string {
	switch s {
	case finding.Error:
		return ansiRed
	case finding.Warning:
		return ansiYellow
	}
	return ansiBlue
}
