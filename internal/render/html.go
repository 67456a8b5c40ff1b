package render

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/numfmt"
	"github.com/ladderctl/ladderctl/internal/output"
)

// pageStyle is the page's only styling: inline, no web font, fit to print on A4.
const pageStyle = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: #1a202c;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 15px; line-height: 1.5; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 24px 48px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; border-bottom: 1px solid #d5dbe3; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 4px; }
.meta { color: #4a5568; margin: 0 0 16px; }
figure { margin: 0; }
.zones { border: 1px solid #d0d7de; border-radius: 6px; margin: 0 0 12px; padding: 4px 12px 8px; }
.zones label { margin-right: 16px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: #4a5568; font-size: 13px; margin-top: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border: 1px solid #d5dbe3; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f7f8fa; }
td.num { white-space: nowrap; }
.id { font-weight: 700; }
.detail { color: #4a5568; font-size: 13px; }
.none { color: #718096; }
.gap { color: #975a16; }
.ok { color: #276749; font-weight: 700; }
.badge { display: inline-block; border-radius: 9px; padding: 0 8px; font-size: 12px; font-weight: 700; white-space: nowrap; }
.badge.error { background: #c53030; color: #ffffff; }
.badge.warning { background: #f6c445; color: #3d2a00; }
.badge.info { background: #4a5568; color: #ffffff; }
ul.findings { list-style: none; padding: 0; }
ul.findings li { margin: 0 0 10px; }
.where { color: #4a5568; font-size: 13px; }
.level { break-inside: avoid; }
.level p { margin: 4px 0; }
.level ul { margin: 4px 0 8px; padding-left: 20px; }
footer { color: #718096; font-size: 13px; margin-top: 40px; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure { break-inside: avoid; }
  figcaption { display: none; }
  tr, li { break-inside: avoid; }
}
`

// WriteHTML writes one self-contained page: the picture, the tracks by grade as compare
// tables them, the findings, and the levels in full. It loads nothing from anywhere.
func WriteHTML(w io.Writer, l *Ladder) error {
	src := l.Source
	doc := src.Doc
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<meta name=\"generator\" content=\"ladderctl render\">\n")
	b.WriteString("<title>" + esc(src.Title()+": career ladder") + "</title>\n")
	b.WriteString("<style>" + pageStyle + "</style>\n</head>\n<body>\n<main>\n")
	b.WriteString("<h1>" + esc(src.Title()) + "</h1>\n")
	meta := "Career ladder <code>" + esc(doc.Metadata.Name) + "</code>"
	if doc.Metadata.Owner != "" {
		meta += " · owner " + esc(doc.Metadata.Owner)
	}
	if note := payNote(&doc.Spec); note != "" {
		meta += " · " + esc(note)
	}
	meta += " · from " + esc(src.File)
	status, colour := findingsStatus(l.Findings)
	meta += " · <strong style=\"color: " + colour + "\">" + esc(status) + "</strong>"
	b.WriteString("<p class=\"meta\">" + meta + "</p>\n")

	writeZoneSelector(&b, doc.Spec.Zones)
	b.WriteString("<figure>\n")
	if err := WriteSVG(&b, l, SVGOptions{}); err != nil {
		return err
	}
	b.WriteString("<figcaption>The tracks side by side by grade, the most senior at the top. Hover over a level, a line or a bar for its details.</figcaption>\n</figure>\n")

	b.WriteString("<h2>Tracks by grade</h2>\n")
	writeHTMLTable(&b, compare.Align(src, compare.Parity(l.Findings, l.Rules)))

	b.WriteString("<h2>Findings</h2>\n")
	writeHTMLFindings(&b, l.Findings)

	b.WriteString("<h2>Levels</h2>\n")
	writeHTMLLevels(&b, l)

	b.WriteString("<footer>Drawn by ladderctl render from " + esc(src.File) + ".</footer>\n")
	b.WriteString("</main>\n</body>\n</html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeHTMLTable writes compare's one-ladder view as a table: the same rows, gaps and marks
// as ladderctl compare prints.
func writeHTMLTable(b *strings.Builder, v *compare.LadderView) {
	both := len(v.Sides) == 2
	pay := both && v.HasPay() // no pay gap column when neither side states pay
	trunk := slices.ContainsFunc(v.Grades, func(r compare.LadderRow) bool { return len(r.Shared) > 0 })
	if pay {
		b.WriteString("<p>Pay gap: (IC − management) / management, on the minimum and the maximum of the bands. Parity marks are those of the built-in parity rules.</p>\n")
	}
	if trunk {
		b.WriteString("<p>Shared levels come before the tracks split: they are on neither side, and nobody's peers.</p>\n")
	}
	b.WriteString("<table class=\"compare\">\n<thead><tr><th>Grade</th>")
	if trunk {
		b.WriteString("<th>Shared</th>")
	}
	for _, side := range v.Sides {
		if side == compare.SideIC {
			b.WriteString("<th>IC</th>")
		} else {
			b.WriteString("<th>Management</th>")
		}
	}
	if pay {
		b.WriteString("<th>Pay gap</th>")
	}
	if both {
		b.WriteString("<th>Parity</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range v.Grades {
		b.WriteString("<tr><td class=\"num\">" + strconv.Itoa(r.Grade) + "</td>")
		if trunk {
			if len(r.Shared) == 0 {
				b.WriteString("<td><span class=\"none\">—</span></td>")
			} else {
				b.WriteString("<td>" + htmlLevels(r.Shared, compare.SideShared, r.Grade, v.Ladder, false) + "</td>")
			}
		}
		for _, side := range v.Sides {
			ls := r.IC
			if side == compare.SideManagement {
				ls = r.Management
			}
			if len(ls) == 0 && len(r.Shared) > 0 && r.Missing == "" {
				b.WriteString("<td><span class=\"none\">—</span></td>") // below the split
				continue
			}
			b.WriteString("<td>" + htmlLevels(ls, side, r.Grade, v.Ladder, both) + "</td>")
		}
		if pay {
			b.WriteString("<td class=\"num\">" + htmlGap(r, v.Ladder.Zones) + "</td>")
		}
		if both {
			b.WriteString("<td>" + htmlParity(r) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	if !both && len(v.Sides) == 1 {
		b.WriteString("<p class=\"none\">Only " + article(sideName(v.Sides[0])) + " side: parity is judged between the IC and the management side of one ladder, so there is none to judge here.</p>\n")
	}
}

func htmlLevels(ls []compare.Level, side string, grade int, info compare.LadderInfo, both bool) string {
	if len(ls) == 0 {
		class := "none"
		if side == compare.SideIC && both {
			class = "gap"
		}
		return fmt.Sprintf("<span class=\"%s\">— no %s level at grade %d</span>", class, sideName(side), grade)
	}
	var parts []string
	for _, l := range ls {
		s := "<span class=\"id\">" + esc(l.ID) + "</span> " + esc(l.Title)
		bands := compare.PayTexts(l.Pay, info, "")
		var detail []string
		if !l.Pay.Zoned() {
			detail, bands = bands, nil
		}
		for i, zb := range compare.Bands(l.Pay, info.Zones) {
			if i < len(bands) {
				bands[i] = zoneSpan(info.Zones, zb.Zone, esc(bands[i]))
			}
		}
		if l.Scope != "" {
			detail = append(detail, l.Scope)
		}
		if len(detail) > 0 {
			s += "<br><span class=\"detail\">" + esc(strings.Join(detail, " · ")) + "</span>"
		}
		for _, b := range bands {
			s += "<br><span class=\"detail\">" + b + "</span>"
		}
		if l.From != "" {
			s += "<br><span class=\"detail\">branches from " + esc(l.From) + "</span>"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "<br>")
}

func htmlGap(r compare.LadderRow, zones []ladder.Zone) string {
	var lines []string
	for _, p := range r.Pairs {
		prefix := ""
		if len(r.Pairs) > 1 {
			prefix = esc(p.IC+"/"+p.Management) + ": "
		}
		if p.PayGaps != nil {
			for _, z := range slices.Sorted(maps.Keys(p.PayGaps)) {
				if g := p.PayGaps[z]; g != nil {
					lines = append(lines, zoneSpan(zones, z, prefix+esc(z)+": min "+esc(numfmt.Percent(g.Min))+", max "+esc(numfmt.Percent(g.Max))))
				} else {
					lines = append(lines, zoneSpan(zones, z, prefix+esc(z)+": <span class=\"none\">no pay to compare</span>"))
				}
			}
			continue
		}
		if p.PayGap == nil {
			lines = append(lines, prefix+"<span class=\"none\">no pay to compare</span>")
			continue
		}
		lines = append(lines, prefix+"min "+esc(numfmt.Percent(p.PayGap.Min))+"<br>max "+esc(numfmt.Percent(p.PayGap.Max)))
	}
	return strings.Join(lines, "<br>")
}

func htmlParity(r compare.LadderRow) string {
	switch r.Parity {
	case compare.ParityOK:
		return "<span class=\"ok\">ok</span>"
	case compare.ParityNone:
		return "<span class=\"none\">—</span>"
	}
	var out []string
	for _, rule := range r.Rules {
		sev := "warning"
		for _, f := range r.Findings {
			if f.Rule == rule && f.Severity == "error" {
				sev = "error"
			}
		}
		out = append(out, "<span class=\"badge "+sev+"\">"+esc(rule)+"</span>")
	}
	return strings.Join(out, " ")
}

func writeHTMLFindings(b *strings.Builder, fs []finding.Finding) {
	if len(fs) == 0 {
		b.WriteString("<p>None: the rules find nothing to report on this ladder.</p>\n")
		return
	}
	b.WriteString("<p>" + esc(output.Plural(len(fs), "finding")+": "+counts(fs)) + ", as <code>ladderctl lint</code> reports them.</p>\n")
	b.WriteString("<ul class=\"findings\">\n")
	for _, f := range sortFindings(fs) {
		b.WriteString("<li><span class=\"badge " + esc(f.Severity.String()) + "\">" + esc(f.Rule) + "</span> ")
		if f.Level != "" && !strings.HasPrefix(f.Message, f.Level+" ") {
			b.WriteString("<span class=\"id\">" + esc(f.Level) + "</span>: ")
		}
		b.WriteString(esc(f.Message))
		if f.File != "" {
			where := f.File
			if f.Line > 0 {
				where += fmt.Sprintf(":%d:%d", f.Line, max(f.Column, 1))
			}
			b.WriteString(" <span class=\"where\">" + esc(where) + "</span>")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n")
}

func writeHTMLLevels(b *strings.Builder, l *Ladder) {
	doc := l.Source.Doc
	for _, t := range columnsOf(doc) {
		b.WriteString("<h3>" + esc(cmpOr(t.Name, t.ID)) + "</h3>\n")
		for i := range t.Levels {
			lv := &t.Levels[i]
			b.WriteString("<div class=\"level\">\n<p><span class=\"id\">" + esc(lv.ID) + "</span> " + esc(lv.Title) + " · grade " + strconv.Itoa(lv.Grade))
			if lv.Scope != "" {
				b.WriteString(" · " + esc(lv.Scope))
			}
			if lv.Pay != nil {
				b.WriteString(" · " + esc(strings.Join(compare.PayTexts(lv.Pay, l.Source.Info(), doc.Spec.Currency), " · ")))
			}
			b.WriteString("</p>\n")
			if lv.Summary != "" {
				b.WriteString("<p>" + esc(lv.Summary) + "</p>\n")
			}
			if exp := expectations(doc, lv); len(exp) > 0 {
				b.WriteString("<ul>\n")
				for _, e := range exp {
					b.WriteString("<li><strong>" + esc(e.name) + ":</strong> " + esc(strings.Join(e.texts, " ")) + "</li>\n")
				}
				b.WriteString("</ul>\n")
			}
			b.WriteString("</div>\n")
		}
	}
}

func article(s string) string {
	if strings.HasPrefix(s, "I") || strings.HasPrefix(s, "a") {
		return "an " + s
	}
	return "a " + s
}

// writeZoneSelector lets a reader show one pay zone at a time, without script: a radio button
// per zone, and a rule per zone that hides the others' bands, axes and gaps. The rules name
// zones by their place (zone-0, zone-1), never by their ids, which are ladder text.
func writeZoneSelector(b *strings.Builder, zones []ladder.Zone) {
	if len(zones) < 2 {
		return
	}
	b.WriteString("<style>\n")
	for i := range zones {
		fmt.Fprintf(b, "main:has(#pick-%[1]s:checked) .pay-zone:not(.%[1]s) { display: none; }\n", zoneCSS(i))
	}
	b.WriteString("</style>\n<fieldset class=\"zones\"><legend>Pay zone</legend>\n")
	b.WriteString("<label><input type=\"radio\" name=\"pay-zone\" checked> All zones</label>\n")
	for i, z := range zones {
		name := z.ID
		if z.Name != "" {
			name = z.Name
		}
		fmt.Fprintf(b, "<label><input type=\"radio\" name=\"pay-zone\" id=\"pick-%s\"> %s</label>\n", zoneCSS(i), esc(name))
	}
	b.WriteString("</fieldset>\n")
}

// zoneSpan marks the HTML of one zone's pay so that the zone selector can hide it.
func zoneSpan(zones []ladder.Zone, zone, html string) string {
	i := slices.IndexFunc(zones, func(z ladder.Zone) bool { return z.ID == zone })
	if zone == "" || i < 0 {
		return html
	}
	return "<span class=\"pay-zone " + zoneCSS(i) + "\">" + html + "</span>"
}
