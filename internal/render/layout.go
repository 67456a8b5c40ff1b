package render

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ladderctl/ladderctl/internal/compare"
	"github.com/ladderctl/ladderctl/internal/finding"
	"github.com/ladderctl/ladderctl/internal/ladder"
	"github.com/ladderctl/ladderctl/internal/numfmt"
)

// The geometry of the picture, in CSS pixels at 100%. A picture of two tracks is under 1,000
// wide, so that printed across A4 portrait, or shown in a README's column, its smallest text
// keeps about three quarters of its size.
const (
	margin     = 20.0
	gutterW    = 64.0  // the grade labels on the left
	colW       = 212.0 // a level's box
	colGap     = 100.0 // between two tracks: room for peer lines and arrows
	padX       = 9.0   // inside a box
	stackGap   = 8.0   // between two levels of one track at one grade
	rowPad     = 10.0  // above and below the boxes of a grade
	minRowH    = 64.0
	payGap     = 40.0  // between the last track and the pay chart
	payW       = 270.0 // the pay axis
	payLabelW  = 40.0  // room right of the axis for the level ids of the bars
	barH       = 12.0
	barStep    = 18.0
	badgeH     = 17.0
	badgeStep  = 21.0
	badgeGap   = 6.0
	moveOffset = 10.0 // arrows leave a box this far above (rightward) or below (leftward) its middle

	titleSize  = 22.0
	headSize   = 14.0
	idSize     = 13.0
	textSize   = 13.0
	smallSize  = 11.0
	detailSize = 12.0
	gradeSize  = 20.0
)

// layout is the picture worked out: where everything goes, before any of it is written.
type layout struct {
	doc      *ladder.Document
	title    string
	currency string
	findings []finding.Finding // sorted for people
	loose    []finding.Finding // findings on no level of the picture: on the whole ladder

	cols   []*column
	rows   []*row // the top grade first
	boxes  []*box // document order
	peers  []peer
	moves  []move
	trunk  *column     // where the shared levels go: across every column; nil when none
	scales []*payScale // one pay axis per zone (one for plain bands); none when no band is valid

	heading        bool    // the title is drawn above the picture
	top            float64 // where the track headings start
	width, height  float64
	rowsTop        float64
	rowsBottom     float64
	rowsRight      float64 // where the row bands end
	withList       bool    // the findings are listed below the rows
	listTop        float64
	listBadgeW     float64 // the column of the rules
	listLevelW     float64 // the column of the levels; 0 when no finding names one
	list           []listEntry
	legendTop      float64
	legend         []legendItem
	missingIC      bool // some grade has management levels and no IC level
	severitiesSeen []finding.Severity
}

type column struct {
	track *ladder.Track
	side  string
	x     float64
}

type box struct {
	tl       ladder.TrackLevel
	col      *column
	x, y     float64
	w, h     float64
	natH     float64
	people   string   // the headcount of a roster, "" without one
	empty    bool     // nobody in the roster holds the level
	title    []string // the title in at most two lines, cut with … when longer
	scope    string
	detail   string // the pay band, or why there is none
	badPay   bool   // a band that is not valid
	badges   []badge
	worst    finding.Severity
	findings []finding.Finding
}

func (b *box) midY() float64 { return b.y + b.h/2 }

type badge struct {
	rule string
	sev  finding.Severity
	x, y float64 // relative to the box
	w    float64
}

type row struct {
	grade  int
	y, h   float64
	stacks [][]*box // per column
	trunk  []*box   // shared levels: below the split, so below the others of the row
	gaps   []gapBox
	bars   []bar
}

// gapBox marks a grade where the management side has a level and the IC side has none.
type gapBox struct {
	x, y, w, h float64
	text       string
}

type bar struct {
	b      *box
	band   *ladder.Pay
	scale  *payScale
	x0, x1 float64
	y      float64
}

type peer struct{ a, b *box } // a is left of b

// move is a transition: an arrow from one box to another, leaving and arriving at heights
// spread so that arrows sharing an edge do not meet. A branch (a track's from) whose level
// is below the track's first drawn as an arrow up into it.
type move struct {
	from, to *box
	y1, y2   float64
	branch   bool
}

type listEntry struct {
	f     finding.Finding
	y     float64
	lines []string
	h     float64
	bw    float64 // the badge's width
}

// payScale maps amounts to x on a pay axis: the plain bands', or one zone's.
type payScale struct {
	zone         string // "" for plain bands
	index        int    // the zone's place among the ladder's zones
	currency     string
	lo, hi, step float64
	x0, x1       float64
	ticks        []float64 // labelled
	minor        []float64 // halfway between two ticks, when there is room: unlabelled lines
}

func (s *payScale) x(v float64) float64 {
	return s.x0 + (v-s.lo)/(s.hi-s.lo)*(s.x1-s.x0)
}

// headingH is the height of the ladder's title and the line below it.
const headingH = 74.0

func newLayout(l *Ladder, withList, heading bool) *layout {
	doc := l.Source.Doc
	lay := &layout{doc: doc, title: l.Source.Title(), currency: doc.Spec.Currency, withList: withList, heading: heading}
	if heading {
		lay.top = headingH
	}
	lay.findings = sortFindings(l.Findings)

	// Columns: the IC tracks, then the management tracks, each in document order, so that
	// every peer line runs from an IC level on the left to a management level on the right.
	for _, side := range []string{compare.SideIC, compare.SideManagement} {
		for i := range doc.Spec.Tracks {
			if t := &doc.Spec.Tracks[i]; t.Type == side {
				lay.cols = append(lay.cols, &column{track: t, side: side})
			}
		}
	}
	// Shared levels span the columns of the sides they come before; a ladder of shared
	// tracks alone draws them as columns.
	spans := len(lay.cols) > 0
	for i := range doc.Spec.Tracks { // a type the loader would refuse: still drawn
		t := &doc.Spec.Tracks[i]
		if t.Type != compare.SideIC && t.Type != compare.SideManagement && (t.Type != compare.SideShared || !spans) {
			lay.cols = append(lay.cols, &column{track: t, side: t.Type})
		}
	}
	colOf := map[*ladder.Track]*column{}
	for i, c := range lay.cols {
		c.x = margin + gutterW + float64(i)*(colW+colGap)
		colOf[c.track] = c
	}
	if spans {
		for i := range doc.Spec.Tracks {
			if t := &doc.Spec.Tracks[i]; t.Type == compare.SideShared {
				if lay.trunk == nil {
					lay.trunk = &column{side: compare.SideShared, x: margin + gutterW}
				}
				colOf[t] = lay.trunk
			}
		}
	}
	spanW := float64(len(lay.cols))*colW + float64(max(len(lay.cols)-1, 0))*colGap

	byLevel := map[string][]finding.Finding{}
	for _, f := range lay.findings {
		byLevel[f.Level] = append(byLevel[f.Level], f)
	}
	ids := map[string]bool{}
	for _, tl := range doc.Levels() {
		b := newBox(tl, colOf[tl.Track], byLevel[tl.Level.ID], doc)
		if l.People != nil {
			b.withPeople(l.People[tl.Level.ID])
		}
		if b.col == lay.trunk {
			b.w = spanW
		}
		lay.boxes = append(lay.boxes, b)
		ids[tl.Level.ID] = true
	}
	for _, f := range lay.findings {
		if f.Level == "" || !ids[f.Level] {
			lay.loose = append(lay.loose, f)
		}
		if !slices.Contains(lay.severitiesSeen, f.Severity) {
			lay.severitiesSeen = append(lay.severitiesSeen, f.Severity)
		}
	}
	slices.SortFunc(lay.severitiesSeen, func(a, b finding.Severity) int { return cmp.Compare(b, a) })

	lastColEnd := margin + gutterW + spanW
	lay.rowsRight = lastColEnd + padX
	lay.width = lastColEnd + margin
	lay.scales = newPayScales(lay.boxes, doc)
	x := lastColEnd + payGap
	for _, sc := range lay.scales {
		sc.x0, sc.x1 = x, x+payW
		lay.rowsRight = sc.x1 + payLabelW
		lay.width = lay.rowsRight + margin
		x = lay.rowsRight + payGap
	}
	lay.width = max(lay.width, 640) // room for the title and the legend of a one-track ladder

	lay.layRows()
	lay.layConnectors()
	y := lay.rowsBottom + 36 // the pay axis labels below the rows
	if withList {
		y = lay.layList(y)
	} else if len(lay.loose) > 0 {
		y = lay.layList(y) // findings on no level have no other place in the picture
	}
	lay.legendTop = y
	lay.height = lay.layLegend(y) + margin
	return lay
}

func newBox(tl ladder.TrackLevel, col *column, fs []finding.Finding, doc *ladder.Document) *box {
	lv := tl.Level
	b := &box{tl: tl, col: col, w: colW, scope: lv.Scope, findings: fs}
	inner := colW - 2*padX
	b.title, _ = wrapText(lv.Title, textSize, inner, false, 2)
	switch {
	case lv.Pay.Zoned():
		var zones, bad []string
		for _, zb := range compare.Bands(lv.Pay, doc.Spec.Zones) {
			zones = append(zones, zb.Zone)
			if !zb.Band.Valid() {
				bad = append(bad, zb.Zone)
			}
		}
		b.detail = ellipsis("pay in "+strings.Join(zones, ", "), detailSize, inner, false)
		if len(bad) > 0 {
			b.detail, b.badPay = ellipsis("pay band not valid in "+strings.Join(bad, ", "), detailSize, inner, false), true
		}
	case lv.Pay.Valid():
		b.detail = numfmt.Band(lv.Pay.Min, lv.Pay.Max, "")
	case lv.Pay != nil:
		b.detail, b.badPay = "pay band not valid", true
	}
	// Badges: one per rule, the most severe first (findings are sorted so), flowing in lines.
	bx, by := 0.0, 0.0
	for _, f := range fs {
		if slices.ContainsFunc(b.badges, func(x badge) bool { return x.rule == f.Rule }) {
			continue
		}
		w := min(badgeWidth(f.Rule), inner)
		if bx > 0 && bx+w > inner {
			bx, by = 0, by+badgeStep
		}
		b.badges = append(b.badges, badge{rule: f.Rule, sev: f.Severity, x: padX + bx, y: by, w: w})
		bx += w + badgeGap
		b.worst = max(b.worst, f.Severity)
	}
	y := 22.0 + 17*float64(max(len(b.title), 1)) // the id line, then the title
	if b.detail != "" {
		y += 16
	}
	h := y + 10
	if len(b.badges) > 0 {
		top := y + 8
		for i := range b.badges {
			b.badges[i].y += top
		}
		h = b.badges[len(b.badges)-1].y + badgeH + 10
	}
	b.natH = h
	return b
}

// withPeople adds a roster's headcount under the pay line, moving the badges down.
func (b *box) withPeople(h compare.Headcount) {
	b.people, b.empty = h.Text(), h.Empty()
	b.natH += 16
	for i := range b.badges {
		b.badges[i].y += 16
	}
}

// newPayScales makes one pay axis for the plain bands, or one per zone (in the ladder's
// order) with a valid band, each in its own currency: bands of two currencies never share a
// scale.
func newPayScales(boxes []*box, doc *ladder.Document) []*payScale {
	bands := map[string][]*ladder.Pay{}
	for _, b := range boxes {
		for _, zb := range b.tl.Level.Pay.Bands() {
			if zb.Band.Valid() {
				band := zb.Band
				bands[zb.Zone] = append(bands[zb.Zone], &band)
			}
		}
	}
	var out []*payScale
	add := func(zone string, index int) {
		if sc := newPayScale(bands[zone]); sc != nil {
			sc.zone, sc.index, sc.currency = zone, index, doc.Spec.ZoneCurrency(zone)
			out = append(out, sc)
		}
	}
	add("", 0)
	for i, z := range doc.Spec.Zones {
		add(z.ID, i)
	}
	return out
}

// band is a level's valid band on a scale, or nil.
func (s *payScale) band(p *ladder.Pay) *ladder.Pay {
	if b := p.In(s.zone); b.Valid() {
		return b
	}
	return nil
}

// newPayScale chooses a round step for the axis so that its labels do not touch, and an axis
// from a multiple of it below the lowest band to one above the highest.
func newPayScale(bands []*ladder.Pay) *payScale {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range bands {
		lo, hi = min(lo, p.Min), max(hi, p.Max)
	}
	if math.IsInf(lo, 1) {
		return nil
	}
	if hi-lo < lo*0.1 { // one band, or bands all alike: show some room around them
		lo, hi = lo*0.9, hi*1.1
	}
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/10)))
	for i := 0; ; i++ {
		step := []float64{1, 2, 5}[i%3] * mag * math.Pow(10, float64(i/3))
		if i > 60 || math.IsInf(step, 0) || math.IsNaN(step) || step == 0 { // amounts no payroll has
			return &payScale{lo: lo, hi: hi, step: hi - lo, ticks: []float64{lo, hi}}
		}
		s := &payScale{lo: math.Floor(lo/step) * step, hi: math.Ceil(hi/step) * step, step: step}
		n := int(math.Round((s.hi - s.lo) / step))
		labelW := textWidth(numfmt.Amount(s.hi), smallSize, false) + 12
		if n <= 8 && payW/float64(n) >= labelW || n <= 1 {
			for k := 0; k <= n; k++ {
				s.ticks = append(s.ticks, s.lo+float64(k)*step)
				if k < n && payW/float64(n) >= 60 {
					s.minor = append(s.minor, s.lo+(float64(k)+0.5)*step)
				}
			}
			return s
		}
	}
}

func (lay *layout) layRows() {
	at := map[int][]*box{} // one pass over the boxes, so that many levels stay linear
	for _, b := range lay.boxes {
		at[b.tl.Level.Grade] = append(at[b.tl.Level.Grade], b)
	}
	grades := slices.Sorted(maps.Keys(at))
	slices.Reverse(grades)

	hasSide := func(side string) bool {
		return slices.ContainsFunc(lay.cols, func(c *column) bool { return c.side == side })
	}
	both := hasSide(compare.SideIC) && hasSide(compare.SideManagement)
	firstIC := -1
	colIndex := map[*column]int{}
	for i, c := range lay.cols {
		colIndex[c] = i
		if c.side == compare.SideIC && firstIC < 0 {
			firstIC = i
		}
	}

	y := lay.top + 76
	lay.rowsTop = y
	for _, g := range grades {
		r := &row{grade: g, stacks: make([][]*box, len(lay.cols))}
		boxH, deepest := 0.0, 0
		icHere, mHere := false, false
		for _, b := range at[g] {
			boxH = max(boxH, b.natH)
			if b.col == lay.trunk {
				r.trunk = append(r.trunk, b)
				continue
			}
			i := colIndex[b.col]
			r.stacks[i] = append(r.stacks[i], b)
			deepest = max(deepest, len(r.stacks[i]))
			icHere = icHere || b.col.side == compare.SideIC
			mHere = mHere || b.col.side == compare.SideManagement
		}
		stackH := func(n int) float64 { return float64(n)*boxH + float64(max(n-1, 0))*stackGap }
		sideH, trunkH := stackH(deepest), stackH(len(r.trunk))
		content := sideH + trunkH
		if deepest > 0 && len(r.trunk) > 0 {
			content += stackGap
		}
		barsH := 0.0
		for _, sc := range lay.scales {
			n := 0
			for _, b := range at[g] {
				if sc.band(b.tl.Level.Pay) != nil {
					n++
				}
			}
			barsH = max(barsH, float64(n)*barStep-(barStep-barH))
		}
		r.y = y
		r.h = max(content, barsH, minRowH-2*rowPad) + 2*rowPad
		top := r.y + (r.h-content)/2
		for i, st := range r.stacks {
			stTop := top + (sideH-stackH(len(st)))/2
			for k, b := range st {
				b.x, b.h = lay.cols[i].x, boxH
				b.y = stTop + float64(k)*(boxH+stackGap)
			}
		}
		for k, b := range r.trunk {
			b.x, b.h = lay.trunk.x, boxH
			b.y = top + content - trunkH + float64(k)*(boxH+stackGap)
		}
		if both && mHere && !icHere && len(r.trunk) == 0 {
			lay.missingIC = true
			h := max(boxH, 44)
			r.gaps = append(r.gaps, gapBox{x: lay.cols[firstIC].x, y: r.y + (r.h-h)/2, w: colW, h: h, text: "No IC level at grade " + itoa(g)})
		}
		for _, sc := range lay.scales {
			n := 0
			for _, st := range append(slices.Clone(r.stacks), r.trunk) {
				for _, b := range st {
					if p := sc.band(b.tl.Level.Pay); p != nil {
						n++
						r.bars = append(r.bars, bar{b: b, band: p, scale: sc, x0: sc.x(p.Min), x1: sc.x(p.Max)})
					}
				}
			}
			by := r.y + (r.h-(float64(n)*barStep-(barStep-barH)))/2
			for i := len(r.bars) - n; i < len(r.bars); i++ {
				r.bars[i].y = by
				by += barStep
			}
		}
		lay.rows = append(lay.rows, r)
		y += r.h
	}
	lay.rowsBottom = y
}

func (lay *layout) layConnectors() {
	for _, r := range lay.rows {
		var ics, ms []*box
		for _, st := range r.stacks {
			for _, b := range st {
				switch b.col.side {
				case compare.SideIC:
					ics = append(ics, b)
				case compare.SideManagement:
					ms = append(ms, b)
				}
			}
		}
		// Pairs in the order compare lists them: IC levels in document order, each with
		// every management level.
		slices.SortStableFunc(ics, byDocument)
		slices.SortStableFunc(ms, byDocument)
		for _, a := range ics {
			for _, b := range ms {
				lay.peers = append(lay.peers, peer{a: a, b: b})
			}
		}
	}
	first := map[string]*box{}
	for _, b := range lay.boxes {
		if _, ok := first[b.tl.Level.ID]; !ok {
			first[b.tl.Level.ID] = b
		}
	}
	for _, t := range lay.doc.Spec.Transitions {
		from, to := first[t.From], first[t.To]
		if from == nil || to == nil || from == to {
			continue // the structure rules report a transition to nowhere
		}
		lay.moves = append(lay.moves, move{from: from, to: to})
	}
	// A track's from is an implied move onto its first level, drawn like a transition; up
	// into the track when the level it branches from is below.
	for i := range lay.doc.Spec.Tracks {
		t := &lay.doc.Spec.Tracks[i]
		if t.From == "" || len(t.Levels) == 0 {
			continue
		}
		from, to := first[t.From], first[t.Levels[0].ID]
		if from == nil || to == nil || from == to {
			continue
		}
		lay.moves = append(lay.moves, move{from: from, to: to, branch: from.y >= to.y+to.h})
	}
	lay.spreadMoves()
}

// spreadMoves chooses where each arrow meets its boxes. Arrows run rightward above the middle
// of a box and leftward below it, clear of the peer line; arrows that share an edge are
// spread, the one whose other end is highest placed highest, so that they do not cross there.
func (lay *layout) spreadMoves() {
	type end struct {
		m     *move
		from  bool    // the arrow leaves here
		other float64 // the height of its other end
	}
	type edge struct {
		b     *box
		right bool
	}
	ends := map[edge][]end{}
	var order []edge
	add := func(e edge, x end) {
		if _, ok := ends[e]; !ok {
			order = append(order, e)
		}
		ends[e] = append(ends[e], x)
	}
	for i := range lay.moves {
		m := &lay.moves[i]
		f, t := m.from, m.to
		switch {
		case m.branch:
			m.y1, m.y2 = f.y, t.y+t.h
		case f.col == t.col:
			m.y1, m.y2 = f.midY()-moveOffset, t.midY()+moveOffset
			if t.y > f.y {
				m.y1, m.y2 = f.midY()+moveOffset, t.midY()-moveOffset
			}
		case f.col.x < t.col.x:
			add(edge{f, true}, end{m, true, t.midY()})
			add(edge{t, false}, end{m, false, f.midY()})
		default:
			add(edge{f, false}, end{m, true, t.midY()})
			add(edge{t, true}, end{m, false, f.midY()})
		}
	}
	for _, e := range order {
		xs := ends[e]
		slices.SortStableFunc(xs, func(a, b end) int { return cmp.Compare(a.other, b.other) })
		for i, x := range xs {
			rightward := x.m.from.col.x < x.m.to.col.x
			var y float64
			if rightward {
				y = e.b.midY() - moveOffset - 7*float64(len(xs)-1-i)
			} else {
				y = e.b.midY() + moveOffset + 7*float64(i)
			}
			y = min(max(y, e.b.y+6), e.b.y+e.b.h-6)
			if x.from {
				x.m.y1 = y
			} else {
				x.m.y2 = y
			}
		}
	}
}

func byDocument(a, b *box) int {
	return cmp.Or(cmp.Compare(a.tl.TrackIndex, b.tl.TrackIndex), cmp.Compare(a.tl.LevelIndex, b.tl.LevelIndex))
}

// layList places the list of findings below the rows, in three columns: the rule, the
// level, the message. It returns where the list ends.
func (lay *layout) layList(y float64) float64 {
	lay.listTop = y
	y += 30 // the heading
	shown := lay.findings
	if !lay.withList {
		shown = lay.loose
	}
	for _, f := range shown {
		lay.listBadgeW = max(lay.listBadgeW, badgeWidth(f.Rule))
		if f.Level != "" {
			lay.listLevelW = max(lay.listLevelW, textWidth(f.Level, detailSize, true)+12)
		}
	}
	textW := lay.width - 2*margin - lay.listBadgeW - 10 - lay.listLevelW
	for _, f := range shown {
		lines, _ := wrapText(f.Message, detailSize, textW, false, 6)
		h := max(float64(len(lines))*16, badgeH) + 8
		lay.list = append(lay.list, listEntry{f: f, y: y, lines: lines, h: h, bw: badgeWidth(f.Rule)})
		y += h
	}
	if len(shown) == 0 {
		y += 18
	}
	return y + 14
}

// badgeWidth is the width of a badge that names a rule.
func badgeWidth(rule string) float64 {
	return textWidth(rule, smallSize, true) + 14
}

type legendItem struct {
	kind string // what the glyph shows
	text string
	x, y float64
}

// layLegend flows the legend's items in lines; it returns where the legend ends.
func (lay *layout) layLegend(y float64) float64 {
	var items []legendItem
	cols := lay.cols
	if lay.trunk != nil {
		cols = append(slices.Clone(cols), lay.trunk)
	}
	for _, c := range cols {
		if !slices.ContainsFunc(items, func(it legendItem) bool { return it.kind == "box-"+c.side }) {
			text := "Management level"
			switch c.side {
			case compare.SideIC:
				text = "Individual contributor (IC) level"
			case compare.SideShared:
				text = "Shared level, before the tracks split"
			}
			items = append(items, legendItem{kind: "box-" + c.side, text: text})
		}
	}
	if len(lay.peers) > 0 {
		items = append(items, legendItem{kind: "peer", text: "Peers: same grade, one on each side"})
	}
	if len(lay.moves) > 0 {
		items = append(items, legendItem{kind: "move", text: "A move between levels the ladder supports"})
	}
	switch {
	case len(lay.scales) == 1 && lay.scales[0].zone == "":
		items = append(items, legendItem{kind: "bar", text: "Pay band, minimum to maximum, " + cmp.Or(lay.currency, "no currency")})
	case len(lay.scales) > 0:
		items = append(items, legendItem{kind: "bar", text: "Pay band, minimum to maximum, one scale per zone"})
	}
	if lay.missingIC {
		items = append(items, legendItem{kind: "gap", text: "A grade with no IC level"})
	}
	for _, s := range lay.severitiesSeen {
		items = append(items, legendItem{kind: "badge-" + s.String(), text: "Finding of a rule (" + s.String() + ")"})
	}
	y += 8
	x := margin
	for i := range items {
		w := 34 + textWidth(items[i].text, smallSize+1, false) + 22
		if x > margin && x+w > lay.width-margin {
			x, y = margin, y+24
		}
		items[i].x, items[i].y = x, y
		x += w
	}
	lay.legend = items
	return y + 16
}

func itoa(n int) string { return strconv.Itoa(n) }
