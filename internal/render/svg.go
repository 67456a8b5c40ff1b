package render

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/numfmt"
	"github.com/ladderctl/ladderctl/internal/output"
)

// SVGOptions say what the picture holds besides the ladder.
type SVGOptions struct {
	// FindingsList lists every finding, with its message, below the ladder. Without it only
	// the findings on no level are listed (the HTML page lists them all in text).
	FindingsList bool
	// Standalone writes the XML declaration and the ladder's title above the picture, for a
	// file of its own; a page that holds the picture gives the title itself.
	Standalone bool
}

// fontStack is generic families only: the picture loads no font.
const fontStack = `system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif`

// Colours: blue and orange for the two sides (told apart with any colour vision), teal for
// the shared levels below the split, red, amber and grey for the severities.
type palette struct{ stroke, fill, bar, ink string }

var sides = map[string]palette{
	compare.SideIC:         {stroke: "#2b6cb0", fill: "#ebf4ff", bar: "#3b7dd8", ink: "#1a4f8f"},
	compare.SideManagement: {stroke: "#c05621", fill: "#fff4e8", bar: "#e07b2e", ink: "#8f3d12"},
	compare.SideShared:     {stroke: "#2c7a7b", fill: "#e6fffa", bar: "#319795", ink: "#234e52"},
}

var other = palette{stroke: "#4a5568", fill: "#f2f4f7", bar: "#718096", ink: "#2d3748"}

func colours(side string) palette {
	if p, ok := sides[side]; ok {
		return p
	}
	return other
}

type badgeColours struct{ fill, ink string }

var severityColours = map[finding.Severity]badgeColours{
	finding.Error:   {fill: "#c53030", ink: "#ffffff"},
	finding.Warning: {fill: "#f6c445", ink: "#3d2a00"},
	finding.Info:    {fill: "#4a5568", ink: "#ffffff"},
}

const (
	ink       = "#1a202c"
	grey      = "#4a5568"
	rule      = "#d5dbe3"
	minorRule = "#eceff3"
	bandA     = "#f7f8fa"
	bandB     = "#ffffff"
	peerInk   = "#718096"
	moveInk   = "#2d3748"
	gapInk    = "#975a16"
	gapFill   = "#fffaf0"
	errorInk  = "#c53030"
	okInk     = "#276749"
	emptyFill = "#e2e5ea" // a level nobody in the roster holds
)

// WriteSVG writes the picture of a ladder as one SVG document.
func WriteSVG(w io.Writer, l *Ladder, o SVGOptions) error {
	lay := newLayout(l, o.FindingsList, o.Standalone)
	var s svgWriter
	if o.Standalone {
		s.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	}
	p := idPrefix(l.Source.Name())
	s.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "ladderctl-ladder",
		"width", num(lay.width), "height", num(lay.height), "viewBox", "0 0 "+num(lay.width)+" "+num(lay.height),
		"role", "img", "aria-labelledby", p+"-title "+p+"-desc", "font-family", fontStack, "font-size", num(textSize))
	s.elem("title", []string{"id", p + "-title"}, lay.title+": career ladder")
	s.elem("desc", []string{"id", p + "-desc"}, describe(lay, l))
	s.open("defs")
	s.open("marker", "id", p+"-arrow", "viewBox", "0 0 10 10", "refX", "9", "refY", "5",
		"markerWidth", "7", "markerHeight", "7", "orient", "auto", "markerUnits", "strokeWidth")
	s.leaf("path", "d", "M0,0 L10,5 L0,10 z", "fill", moveInk)
	s.close("marker")
	s.close("defs")
	s.leaf("rect", "width", num(lay.width), "height", num(lay.height), "fill", "#ffffff")

	writeHeader(&s, lay, l)
	writeRows(&s, lay)
	writeAxis(&s, lay)
	writePeers(&s, lay)
	writeMoves(&s, lay, p)
	for _, r := range lay.rows {
		for _, g := range r.gaps {
			s.open("g", "class", "missing")
			s.leaf("rect", "x", num(g.x), "y", num(g.y), "width", num(g.w), "height", num(g.h), "rx", "6",
				"fill", gapFill, "stroke", gapInk, "stroke-width", "1.5", "stroke-dasharray", "6 4")
			s.elem("text", []string{"x", num(g.x + g.w/2), "y", num(g.y + g.h/2 + 4), "text-anchor", "middle", "fill", gapInk, "font-size", num(detailSize)}, g.text)
			s.close("g")
		}
	}
	for _, b := range lay.boxes {
		writeBox(&s, b, lay.doc)
	}
	writeBars(&s, lay)
	if len(lay.list) > 0 || lay.withList {
		writeList(&s, lay)
	}
	writeLegend(&s, lay, p)
	s.close("svg")
	_, err := io.WriteString(w, s.String())
	return err
}

func writeHeader(s *svgWriter, lay *layout, l *Ladder) {
	if lay.heading {
		writeHeading(s, lay, l)
	}
	for _, c := range lay.cols {
		pal := colours(c.side)
		s.elem("text", []string{"class", "track-name", "x", num(c.x), "y", num(lay.top + 30), "font-size", num(headSize), "font-weight", "700", "fill", pal.ink},
			ellipsis(cmpOr(c.track.Name, c.track.ID), headSize, colW, true))
		s.elem("text", []string{"x", num(c.x), "y", num(lay.top + 47), "font-size", num(smallSize), "fill", grey},
			ellipsis(trackSummary(c), smallSize, colW+min(colGap, payGap)-8, false))
	}
	for _, sc := range lay.scales {
		head, sub := "Pay bands", "minimum to maximum, one scale for all"
		if sc.currency != "" {
			head += " (" + sc.currency + ")"
		}
		if sc.zone != "" {
			head, sub = "Pay in "+sc.zone, "minimum to maximum, in "+cmpOr(sc.currency, "no currency")
		}
		s.elem("text", []string{"x", num(sc.x0), "y", num(lay.top + 30), "font-size", num(headSize), "font-weight", "700", "fill", ink}, ellipsis(head, headSize, payW+payLabelW, true))
		s.elem("text", []string{"x", num(sc.x0), "y", num(lay.top + 47), "font-size", num(smallSize), "fill", grey}, sub)
	}
}

// writeHeading writes the ladder's title, and a line on who owns it, its size and its
// findings.
func writeHeading(s *svgWriter, lay *layout, l *Ladder) {
	doc := lay.doc
	s.elem("text", []string{"class", "ladder-title", "x", num(margin), "y", "46", "font-size", num(titleSize), "font-weight", "700", "fill", ink},
		ellipsis(lay.title, titleSize, lay.width-2*margin, true))
	parts := []string{doc.Metadata.Name}
	if doc.Metadata.Owner != "" {
		parts = append(parts, "owner: "+doc.Metadata.Owner)
	}
	if note := payNote(&doc.Spec); note != "" {
		parts = append(parts, note)
	}
	parts = append(parts, output.Plural(len(lay.boxes), "level")+", "+output.Plural(len(doc.Spec.Tracks), "track"))
	status, statusInk := findingsStatus(l.Findings)
	room := lay.width - 2*margin - textWidth(status, textSize, true) - textWidth(" · ", textSize, false)
	s.open("text", "class", "ladder-subtitle", "x", num(margin), "y", "70", "font-size", num(textSize), "fill", grey)
	s.raw(strings.Repeat("  ", s.depth) + esc(ellipsis(strings.Join(parts, " · "), textSize, room, false)+" · ") + "\n")
	s.elem("tspan", []string{"fill", statusInk, "font-weight", "700"}, status)
	s.close("text")
}

// findingsStatus sums the findings up in a few words, and the colour to say them in.
func findingsStatus(fs []finding.Finding) (string, string) {
	switch worstOf(fs) {
	case 0:
		return "no findings", okInk
	case finding.Error:
		return output.Plural(len(fs), "finding") + ": " + counts(fs), errorInk
	}
	return output.Plural(len(fs), "finding") + ": " + counts(fs), gapInk
}

func trackSummary(c *column) string {
	kind := sideName(c.side) + " track"
	ls := c.track.Levels
	if len(ls) == 0 {
		return kind
	}
	return fmt.Sprintf("%s · %s · %s–%s", kind, output.Plural(len(ls), "level"), ls[0].ID, ls[len(ls)-1].ID)
}

func writeRows(s *svgWriter, lay *layout) {
	s.open("g", "class", "grades")
	for i, r := range lay.rows {
		fill := bandA
		if i%2 == 1 {
			fill = bandB
		}
		s.leaf("rect", "x", num(margin), "y", num(r.y), "width", num(lay.rowsRight-margin), "height", num(r.h), "fill", fill)
		s.leaf("line", "x1", num(margin), "y1", num(r.y), "x2", num(lay.rowsRight), "y2", num(r.y), "stroke", rule, "stroke-width", "1")
		cx := margin + (gutterW-16)/2
		s.elem("text", []string{"x", num(cx), "y", num(r.y + r.h/2 - 6), "text-anchor", "middle", "font-size", num(smallSize), "fill", grey}, "Grade")
		s.elem("text", []string{"class", "grade-label", "x", num(cx), "y", num(r.y + r.h/2 + 16), "text-anchor", "middle", "font-size", num(gradeSize), "font-weight", "700", "fill", ink}, strconv.Itoa(r.grade))
	}
	s.leaf("line", "x1", num(margin), "y1", num(lay.rowsBottom), "x2", num(lay.rowsRight), "y2", num(lay.rowsBottom), "stroke", rule, "stroke-width", "1")
	s.close("g")
}

func writeAxis(s *svgWriter, lay *layout) {
	for _, sc := range lay.scales {
		s.open("g", zoneClass("pay-axis", sc)...)
		for _, t := range sc.minor {
			x := num(sc.x(t))
			s.leaf("line", "x1", x, "y1", num(lay.rowsTop), "x2", x, "y2", num(lay.rowsBottom), "stroke", minorRule, "stroke-width", "1")
		}
		for _, t := range sc.ticks {
			x := num(sc.x(t))
			s.leaf("line", "x1", x, "y1", num(lay.rowsTop), "x2", x, "y2", num(lay.rowsBottom), "stroke", rule, "stroke-width", "1")
			label := numfmt.Amount(t)
			s.elem("text", []string{"class", "pay-tick", "x", x, "y", num(lay.rowsTop - 8), "text-anchor", "middle", "font-size", num(smallSize), "fill", grey}, label)
			s.elem("text", []string{"x", x, "y", num(lay.rowsBottom + 16), "text-anchor", "middle", "font-size", num(smallSize), "fill", grey}, label)
		}
		s.close("g")
	}
}

// zoneClass is the class of a group drawn for one pay axis; a zone's also names the zone by
// its place, which the HTML page's zone selector picks (never by the zone's id, which is
// ladder text).
func zoneClass(class string, sc *payScale) []string {
	if sc.zone == "" {
		return []string{"class", class}
	}
	return []string{"class", class + " pay-zone " + zoneCSS(sc.index)}
}

// zoneCSS is the class of the things of the zone at an index.
func zoneCSS(i int) string { return "zone-" + strconv.Itoa(i) }

func writePeers(s *svgWriter, lay *layout) {
	for _, pr := range lay.peers {
		a, b := pr.a, pr.b
		if a.col.x > b.col.x {
			a, b = b, a
		}
		x1, y1, x2, y2 := a.x+a.w, a.midY(), b.x, b.midY()
		title := fmt.Sprintf("Peers at grade %d: %s %s and %s %s", a.tl.Level.Grade, pr.a.tl.Level.ID, pr.a.tl.Level.Title, pr.b.tl.Level.ID, pr.b.tl.Level.Title)
		attrs := []string{"class", "peer", "fill", "none", "stroke", peerInk, "stroke-width", "1.5", "stroke-dasharray", "5 4"}
		if adjacent(lay, a.col, b.col) {
			s.open("line", append([]string{"x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2)}, attrs...)...)
			s.elem("title", nil, title)
			s.close("line")
			continue
		}
		// Columns between the two: run below their boxes, along the bottom of the grade.
		low := max(a.y+a.h, b.y+b.h) + rowPad/2
		d := fmt.Sprintf("M%s,%s H%s V%s H%s V%s H%s", num(x1), num(y1), num(x1+12), num(low), num(x2-12), num(y2), num(x2))
		s.open("path", append([]string{"d", d}, attrs...)...)
		s.elem("title", nil, title)
		s.close("path")
	}
}

func adjacent(lay *layout, a, b *column) bool {
	i, j := -1, -1
	for k, c := range lay.cols {
		if c == a {
			i = k
		}
		if c == b {
			j = k
		}
	}
	return j-i == 1 || i-j == 1
}

func writeMoves(s *svgWriter, lay *layout, p string) {
	for _, m := range lay.moves {
		f, t := m.from, m.to
		var d string
		switch {
		case m.branch: // up from the level the track branches from, into its first level
			x2 := t.x + t.w/2
			x1 := min(max(x2, f.x+12), f.x+f.w-12)
			mid := (m.y1 + m.y2) / 2
			d = fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", num(x1), num(m.y1), num(x1), num(mid), num(x2), num(mid), num(x2), num(m.y2+1))
		case f.col == t.col: // within a track: a bow on its right
			x := f.x + f.w
			d = fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", num(x), num(m.y1), num(x+40), num(m.y1), num(x+40), num(m.y2), num(x+1), num(m.y2))
		case f.col.x < t.col.x:
			x1, x2 := f.x+f.w, t.x
			dx := (x2 - x1) / 2
			d = fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", num(x1), num(m.y1), num(x1+dx), num(m.y1), num(x2-dx), num(m.y2), num(x2-1), num(m.y2))
		default:
			x1, x2 := f.x, t.x+t.w
			dx := (x1 - x2) / 2
			d = fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", num(x1), num(m.y1), num(x1-dx), num(m.y1), num(x2+dx), num(m.y2), num(x2+1), num(m.y2))
		}
		class, title := "transition", fmt.Sprintf("Move from %s %s to %s %s", f.tl.Level.ID, f.tl.Level.Title, t.tl.Level.ID, t.tl.Level.Title)
		if m.branch {
			class, title = "transition branch", fmt.Sprintf("Branch: the %s track starts from %s %s, at %s %s", cmpOr(t.tl.Track.Name, t.tl.Track.ID), f.tl.Level.ID, f.tl.Level.Title, t.tl.Level.ID, t.tl.Level.Title)
		}
		s.open("path", "class", class, "d", d, "fill", "none", "stroke", moveInk, "stroke-width", "1.6", "marker-end", "url(#"+p+"-arrow)")
		s.elem("title", nil, title)
		s.close("path")
	}
}

func writeBox(s *svgWriter, b *box, doc *ladder.Document) {
	lv := b.tl.Level
	pal := colours(b.col.side)
	class := "level level-" + b.col.side
	if len(b.findings) > 0 {
		class += " has-findings"
	}
	fill := pal.fill
	if b.empty {
		class += " level-empty"
		fill = emptyFill // a level on paper only: nobody holds it
	}
	s.open("g", "class", class)
	s.elem("title", nil, levelTooltip(b, doc))
	stroke, sw := pal.stroke, "1.5"
	if b.worst == finding.Error {
		stroke, sw = errorInk, "2.5"
	}
	s.leaf("rect", "x", num(b.x), "y", num(b.y), "width", num(b.w), "height", num(b.h), "rx", "6", "fill", fill, "stroke", stroke, "stroke-width", sw)
	s.leaf("rect", "x", num(b.x+1), "y", num(b.y+8), "width", "4", "height", num(b.h-16), "rx", "2", "fill", pal.bar)
	inner := b.w - 2*padX
	scopeW := 0.0
	if b.scope != "" {
		scopeW = textWidth(b.scope, smallSize, false) + 8
		s.elem("text", []string{"class", "level-scope", "x", num(b.x + b.w - padX), "y", num(b.y + 22), "text-anchor", "end", "font-size", num(smallSize), "fill", grey}, b.scope)
	}
	s.elem("text", []string{"class", "level-id", "x", num(b.x + padX), "y", num(b.y + 22), "font-size", num(idSize), "font-weight", "700", "fill", pal.ink},
		ellipsis(lv.ID, idSize, inner-scopeW, true))
	y := b.y + 22
	switch len(b.title) {
	case 0:
		y += 17
	case 1:
		y += 17
		s.elem("text", []string{"class", "level-title", "x", num(b.x + padX), "y", num(y), "fill", ink}, b.title[0])
	default:
		s.open("text", "class", "level-title", "x", num(b.x+padX), "y", num(y+17), "fill", ink)
		for _, line := range b.title {
			y += 17
			s.elem("tspan", []string{"x", num(b.x + padX), "y", num(y)}, line)
		}
		s.close("text")
	}
	if b.detail != "" {
		y += 16
		fill := grey
		if b.badPay {
			fill = errorInk
		}
		s.elem("text", []string{"class", "level-pay", "x", num(b.x + padX), "y", num(y), "font-size", num(detailSize), "fill", fill}, b.detail)
	}
	if b.people != "" {
		y += 16
		s.elem("text", []string{"class", "level-people", "x", num(b.x + padX), "y", num(y), "font-size", num(detailSize), "font-weight", "700", "fill", ink}, "held by "+b.people)
	}
	for _, bd := range b.badges {
		writeBadge(s, b.x+bd.x, b.y+bd.y, bd.w, bd.rule, bd.sev, "finding-badge")
	}
	s.close("g")
}

func writeBadge(s *svgWriter, x, y, w float64, text string, sev finding.Severity, class string) {
	c := severityColours[sev]
	if c.fill == "" {
		c = severityColours[finding.Info]
	}
	s.open("g", "class", class+" severity-"+sev.String())
	s.leaf("rect", "x", num(x), "y", num(y), "width", num(w), "height", num(badgeH), "rx", num(badgeH/2), "fill", c.fill)
	s.elem("text", []string{"x", num(x + w/2), "y", num(y + 12.5), "text-anchor", "middle", "font-size", num(smallSize), "font-weight", "700", "fill", c.ink},
		ellipsis(text, smallSize, w-10, true))
	s.close("g")
}

func levelTooltip(b *box, doc *ladder.Document) string {
	lv := b.tl.Level
	parts := []string{lv.ID + " " + lv.Title, "grade " + strconv.Itoa(lv.Grade)}
	if lv.Scope != "" {
		parts = append(parts, "scope "+lv.Scope)
	}
	switch {
	case lv.Pay.Zoned():
		for _, zb := range lv.Pay.Bands() {
			if zb.Band.Valid() {
				parts = append(parts, "in "+zb.Zone+" "+numfmt.Band(zb.Band.Min, zb.Band.Max, doc.Spec.ZoneCurrency(zb.Zone)))
			}
		}
	case lv.Pay.Valid():
		parts = append(parts, numfmt.Band(lv.Pay.Min, lv.Pay.Max, doc.Spec.Currency))
	}
	if b.people != "" {
		parts = append(parts, "held by "+b.people)
	}
	text := strings.Join(parts, ", ")
	if lv.Summary != "" {
		text += ". " + lv.Summary
	}
	for _, f := range b.findings {
		text += "\n" + f.Rule + ": " + f.Message
	}
	return text
}

func writeBars(s *svgWriter, lay *layout) {
	for _, sc := range lay.scales {
		s.open("g", zoneClass("pay-bands", sc)...)
		for _, r := range lay.rows {
			for _, br := range r.bars {
				if br.scale != sc {
					continue
				}
				lv := br.b.tl.Level
				pal := colours(br.b.col.side)
				where := ""
				if sc.zone != "" {
					where = " in " + sc.zone
				}
				s.open("rect", "class", "pay-band", "x", num(br.x0), "y", num(br.y), "width", num(max(br.x1-br.x0, 2)), "height", num(barH), "rx", "3", "fill", pal.bar)
				s.elem("title", nil, lv.ID+" "+lv.Title+where+": "+numfmt.Band(br.band.Min, br.band.Max, sc.currency))
				s.close("rect")
				s.elem("text", []string{"x", num(br.x1 + 5), "y", num(br.y + 10), "font-size", num(smallSize), "fill", pal.ink}, lv.ID)
			}
		}
		s.close("g")
	}
}

func writeList(s *svgWriter, lay *layout) {
	s.open("g", "class", "findings")
	head := "Findings on the whole ladder"
	if lay.withList {
		head = "Findings"
		if n := len(lay.findings); n > 0 {
			head += ": " + counts(lay.findings)
		}
	}
	s.elem("text", []string{"x", num(margin), "y", num(lay.listTop + 18), "font-size", num(headSize), "font-weight", "700", "fill", ink}, head)
	if len(lay.list) == 0 {
		s.elem("text", []string{"x", num(margin), "y", num(lay.listTop + 42), "font-size", num(detailSize), "fill", grey}, "None: the rules find nothing to report on this ladder.")
	}
	for _, e := range lay.list {
		writeBadge(s, margin, e.y, e.bw, e.f.Rule, e.f.Severity, "list-badge")
		x := margin + lay.listBadgeW + 10
		if e.f.Level != "" {
			s.elem("text", []string{"x", num(x), "y", num(e.y + 13), "font-size", num(detailSize), "font-weight", "700", "fill", ink}, e.f.Level)
		}
		x += lay.listLevelW
		if len(e.lines) == 1 {
			s.elem("text", []string{"x", num(x), "y", num(e.y + 13), "font-size", num(detailSize), "fill", ink}, e.lines[0])
			continue
		}
		s.open("text", "x", num(x), "y", num(e.y+13), "font-size", num(detailSize), "fill", ink)
		for i, line := range e.lines {
			s.elem("tspan", []string{"x", num(x), "y", num(e.y + 13 + 16*float64(i))}, line)
		}
		s.close("text")
	}
	s.close("g")
}

func writeLegend(s *svgWriter, lay *layout, p string) {
	s.open("g", "class", "legend")
	for _, it := range lay.legend {
		x, y := it.x, it.y
		switch it.kind {
		case "box-" + compare.SideIC, "box-" + compare.SideManagement, "box-" + compare.SideShared:
			pal := colours(strings.TrimPrefix(it.kind, "box-"))
			s.leaf("rect", "x", num(x), "y", num(y), "width", "26", "height", "16", "rx", "4", "fill", pal.fill, "stroke", pal.stroke, "stroke-width", "1.5")
		case "peer":
			s.leaf("line", "x1", num(x), "y1", num(y+8), "x2", num(x+26), "y2", num(y+8), "stroke", peerInk, "stroke-width", "1.5", "stroke-dasharray", "5 4")
		case "move":
			s.leaf("path", "d", fmt.Sprintf("M%s,%s H%s", num(x), num(y+8), num(x+25)), "fill", "none", "stroke", moveInk, "stroke-width", "1.6", "marker-end", "url(#"+p+"-arrow)")
		case "bar": // a segment in the colour of each side the ladder has
			var fills []string
			for _, c := range lay.cols {
				if f := colours(c.side).bar; !slices.Contains(fills, f) {
					fills = append(fills, f)
				}
			}
			w := 26 / float64(len(fills))
			for i, f := range fills {
				s.leaf("rect", "x", num(x+float64(i)*w), "y", num(y+2), "width", num(w), "height", "12", "fill", f)
			}
		case "gap":
			s.leaf("rect", "x", num(x), "y", num(y), "width", "26", "height", "16", "rx", "4", "fill", gapFill, "stroke", gapInk, "stroke-width", "1.5", "stroke-dasharray", "4 3")
		default:
			sev, _ := finding.ParseSeverity(strings.TrimPrefix(it.kind, "badge-"))
			c := severityColours[sev]
			s.leaf("rect", "x", num(x), "y", num(y), "width", "26", "height", "16", "rx", "8", "fill", c.fill)
		}
		s.elem("text", []string{"x", num(x + 34), "y", num(y + 12.5), "font-size", num(smallSize + 1), "fill", ink}, it.text)
	}
	s.close("g")
}

// describe says in words what the picture shows, for screen readers and for search.
func describe(lay *layout, l *Ladder) string {
	doc := lay.doc
	var b strings.Builder
	fmt.Fprintf(&b, "Career ladder %s", doc.Metadata.Name)
	if doc.Metadata.Owner != "" {
		fmt.Fprintf(&b, ", owned by %s", doc.Metadata.Owner)
	}
	var tracks []string
	cols := slices.Clone(lay.cols)
	for i := range doc.Spec.Tracks { // the shared tracks drawn across the columns
		if t := &doc.Spec.Tracks[i]; lay.trunk != nil && t.Type == compare.SideShared {
			cols = append(cols, &column{track: t, side: t.Type})
		}
	}
	for _, c := range cols {
		t := c.track
		if len(t.Levels) == 0 {
			tracks = append(tracks, fmt.Sprintf("%s (%s track, no levels)", cmpOr(t.Name, t.ID), sideName(c.side)))
			continue
		}
		tracks = append(tracks, fmt.Sprintf("%s (%s track, %s from %s at grade %d to %s at grade %d)", cmpOr(t.Name, t.ID), sideName(c.side),
			output.Plural(len(t.Levels), "level"), t.Levels[0].ID, t.Levels[0].Grade, t.Levels[len(t.Levels)-1].ID, t.Levels[len(t.Levels)-1].Grade))
	}
	fmt.Fprintf(&b, ". %s: %s.", output.Plural(len(tracks), "track"), strings.Join(tracks, "; "))
	for _, sc := range lay.scales {
		switch {
		case sc.zone != "":
			fmt.Fprintf(&b, " Pay bands in zone %s, in %s.", sc.zone, cmpOr(sc.currency, "no currency"))
		case sc.currency != "":
			fmt.Fprintf(&b, " Pay bands in %s.", sc.currency)
		}
	}
	if len(lay.peers) > 0 {
		var ps []string
		for _, p := range lay.peers {
			ps = append(ps, fmt.Sprintf("%s and %s at grade %d", p.a.tl.Level.ID, p.b.tl.Level.ID, p.a.tl.Level.Grade))
		}
		fmt.Fprintf(&b, " Peers: %s.", strings.Join(ps, "; "))
	}
	for _, r := range lay.rows {
		for _, g := range r.gaps {
			fmt.Fprintf(&b, " %s.", g.text)
		}
	}
	if len(lay.moves) > 0 {
		var ms []string
		for _, m := range lay.moves {
			ms = append(ms, m.from.tl.Level.ID+" to "+m.to.tl.Level.ID)
		}
		fmt.Fprintf(&b, " Moves between levels: %s.", strings.Join(ms, ", "))
	}
	if len(l.Findings) == 0 {
		b.WriteString(" The rules find nothing to report.")
	} else {
		var fs []string
		for _, f := range lay.findings {
			where := "the ladder"
			if f.Level != "" {
				where = f.Level
			}
			fs = append(fs, fmt.Sprintf("%s %s on %s", f.Severity, f.Rule, where))
		}
		fmt.Fprintf(&b, " %s: %s.", output.Plural(len(l.Findings), "finding"), strings.Join(fs, "; "))
	}
	return b.String()
}

func worstOf(fs []finding.Finding) finding.Severity {
	var w finding.Severity
	for _, f := range fs {
		w = max(w, f.Severity)
	}
	return w
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// idPrefix makes the ids of one picture unique on a page that holds several.
func idPrefix(name string) string {
	return "ladder-" + nonID.ReplaceAllString(name, "-")
}

var nonID = regexp.MustCompile(`[^A-Za-z0-9_-]`)

// num writes a coordinate with at most one decimal, so that output is the same everywhere.
func num(x float64) string {
	r := math.Round(x*10) / 10
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// svgWriter writes XML one element a line, indented.
type svgWriter struct {
	b     strings.Builder
	depth int
}

func (s *svgWriter) String() string { return s.b.String() }

func (s *svgWriter) raw(text string) { s.b.WriteString(text) }

func (s *svgWriter) indent() { s.b.WriteString(strings.Repeat("  ", s.depth)) }

func (s *svgWriter) start(tag string, attrs []string) {
	s.b.WriteString("<" + tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		s.b.WriteString(" " + attrs[i] + `="` + esc(attrs[i+1]) + `"`)
	}
}

func (s *svgWriter) open(tag string, attrs ...string) {
	s.indent()
	s.start(tag, attrs)
	s.b.WriteString(">\n")
	s.depth++
}

func (s *svgWriter) close(tag string) {
	s.depth--
	s.indent()
	s.b.WriteString("</" + tag + ">\n")
}

func (s *svgWriter) leaf(tag string, attrs ...string) {
	s.indent()
	s.start(tag, attrs)
	s.b.WriteString("/>\n")
}

func (s *svgWriter) elem(tag string, attrs []string, text string) {
	s.indent()
	s.start(tag, attrs)
	s.b.WriteString(">" + esc(text) + "</" + tag + ">\n")
}

// esc makes text safe in XML and HTML, as content or in a double-quoted attribute, and
// drops the characters XML 1.0 does not allow.
func esc(s string) string {
	if strings.IndexFunc(s, needsEscape) < 0 {
		return s // most labels are plain: no copy
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteRune(r)
		case r < 0x20 || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF || r == 0x7F:
			// not allowed in XML 1.0 (0x7F is allowed but invisible): dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsEscape tells the runes esc changes or drops.
func needsEscape(r rune) bool {
	switch {
	case r == '&' || r == '<' || r == '>' || r == '"':
		return true
	case r == '\t' || r == '\n' || r == '\r':
		return false
	}
	return r < 0x20 || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF || r == 0x7F || r == utf8.RuneError
}
