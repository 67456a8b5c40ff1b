package roster

import (
	"bytes"
	"encoding/json"

	"github.com/ladderctl/ladderctl/internal/check"
	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/report"
	"github.com/ladderctl/ladderctl/internal/safefile"
)

// headcounts are the roster's tables, one per ladder, in the order the ladders were loaded.
func headcounts(res *check.Result) ([]*compare.HeadcountView, error) {
	var out []*compare.HeadcountView
	for _, l := range res.Set.Ladders {
		src, err := compare.NewSource(l, "", l.File)
		if err != nil {
			return out, err
		}
		out = append(out, compare.CountHeadcount(src, res.Roster))
	}
	return out, nil
}

// write writes the report in its format. The formats for people (text, markdown) show the
// headcount tables before the findings, and json adds them under "headcount"; the formats
// for machines that carry findings only (sarif, junit, github) are lint's as they are.
func write(o *Options, rep *report.Report, views []*compare.HeadcountView) error {
	format, _ := report.Formats.Lookup(o.Output)
	color := o.OutputFile == "" && o.IO.Color(o.Color)
	var buf bytes.Buffer
	if err := compose(&buf, format, rep, views, report.Options{Color: color, FailOn: o.FailOn}); err != nil {
		return err
	}
	return safefile.Put(o.IO.Out, o.OutputFile, buf.Bytes())
}

func compose(w *bytes.Buffer, format report.Format, rep *report.Report, views []*compare.HeadcountView, opts report.Options) error {
	table := map[string]string{"text": "table", "markdown": "markdown"}[format.Name()]
	if table != "" {
		for _, v := range views {
			if err := compare.Write(w, v, compare.Options{Format: table, Color: opts.Color}); err != nil {
				return err
			}
			w.WriteString("\n")
		}
	}
	if format.Name() != "json" {
		return format.Write(w, rep, opts)
	}
	// The report's JSON, with the headcount added as one more key: the shape of lint's JSON
	// stays, so scripts that read it read this too.
	var doc bytes.Buffer
	if err := format.Write(&doc, rep, report.Options{}); err != nil {
		return err
	}
	if views == nil {
		views = []*compare.HeadcountView{}
	}
	head, err := json.MarshalIndent(views, "  ", "  ")
	if err != nil {
		return err
	}
	body := bytes.TrimRight(doc.Bytes(), " \n")
	body = bytes.TrimSuffix(body, []byte("}"))
	body = bytes.TrimRight(body, " \n")
	w.Write(body)
	w.WriteString(",\n  \"headcount\": ")
	w.Write(head)
	w.WriteString("\n}\n")
	return nil
}
