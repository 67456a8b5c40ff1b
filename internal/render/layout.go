package render

import (
	"cmp"
	"math"
	"slices"
	"strconv"

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

	cols  []*column
	rows  []*row // the top grade first
	boxes []*box // document order
	peers []peer
	moves []move
	scale *payScale // nil when no level has a valid band

	heading        bool    // the title is drawn above the picture
	top            float64 // where the track headings start
	width, height  float64
	rowsTop        float64
	rowsBottom     float64
	rowsRight      float64 // where the row bands end
	payX           float64 // the left end of the pay axis
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
	x0, x1 float64
	y      float64
}

type peer struct{ a, b *box } // a is left of b

// move is a transition: an arrow from one box to another, leaving and arriving at heights
// spread so that arrows sharing an edge do not meet.
type move struct {
	from, to *box
	y1, y2   float64
}

type listEntry struct {
	f     finding.Finding
	y     float64
	lines []string
	h     float64
	bw    float64 // the badge's width
}

// payScale maps amounts to x on the pay axis.
type payScale struct {
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
	for i := range doc.Spec.Tracks { // a type the loader would refuse: still drawn
		if t := &doc.Spec.Tracks[i]; t.Type != compare.SideIC && t.Type != compare.SideManagement {
			lay.cols = append(lay.cols, &column{track: t, side: t.Type})
		}
	}
	colOf := map[*ladder.Track]*column{}
	for i, c := range lay.cols {
		c.x = margin + gutterW + float64(i)*(colW+colGap)
		colOf[c.track] = c
	}

	byLevel := map[string][]finding.Finding{}
	for _, f := range lay.findings {
		byLevel[f.Level] = append(byLevel[f.Level], f)
	}
	ids := map[string]bool{}
	for _, tl := range doc.Levels() {
		b := newBox(tl, colOf[tl.Track], byLevel[tl.Level.ID])
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

	lay.scale = newPayScale(lay.boxes)
	lastColEnd := margin + gutterW + float64(len(lay.cols))*colW + float64(max(len(lay.cols)-1, 0))*colGap
	lay.rowsRight = lastColEnd + padX
	lay.width = lastColEnd + margin
	if lay.scale != nil {
		lay.payX = lastColEnd + payGap
		lay.scale.x0, lay.scale.x1 = lay.payX, lay.payX+payW
		lay.rowsRight = lay.payX + payW + payLabelW
		lay.width = lay.rowsRight + margin
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

func newBox(tl ladder.TrackLevel, col *column, fs []finding.Finding) *box {
	lv := tl.Level
	b := &box{tl: tl, col: col, w: colW, scope: lv.Scope, findings: fs}
	inner := colW - 2*padX
	b.title, _ = wrapText(lv.Title, textSize, inner, false, 2)
	switch {
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

// newPayScale chooses a round step for the axis so that its labels do not touch, and an axis
// from a multiple of it below the lowest band to one above the highest.
func newPayScale(boxes []*box) *payScale {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, b := range boxes {
		if p := b.tl.Level.Pay; p.Valid() {
			lo, hi = min(lo, p.Min), max(hi, p.Max)
		}
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
	var grades []int
	for _, b := range lay.boxes {
		grades = append(grades, b.tl.Level.Grade)
	}
	slices.Sort(grades)
	grades = slices.Compact(grades)
	slices.Reverse(grades)

	hasSide := func(side string) bool {
		return slices.ContainsFunc(lay.cols, func(c *column) bool { return c.side == side })
	}
	both := hasSide(compare.SideIC) && hasSide(compare.SideManagement)
	firstIC := -1
	for i, c := range lay.cols {
		if c.side == compare.SideIC {
			firstIC = i
			break
		}
	}

	y := lay.top + 76
	lay.rowsTop = y
	for _, g := range grades {
		r := &row{grade: g, stacks: make([][]*box, len(lay.cols))}
		boxH, deepest := 0.0, 1
		for _, b := range lay.boxes {
			if b.tl.Level.Grade != g {
				continue
			}
			i := slices.Index(lay.cols, b.col)
			r.stacks[i] = append(r.stacks[i], b)
			boxH = max(boxH, b.natH)
			deepest = max(deepest, len(r.stacks[i]))
		}
		content := float64(deepest)*boxH + float64(deepest-1)*stackGap
		nBars := 0
		for _, st := range r.stacks {
			for _, b := range st {
				if b.tl.Level.Pay.Valid() && lay.scale != nil {
					nBars++
				}
			}
		}
		barsH := float64(nBars)*barStep - (barStep - barH)
		r.y = y
		r.h = max(content, barsH, minRowH-2*rowPad) + 2*rowPad
		for i, st := range r.stacks {
			h := float64(len(st))*boxH + float64(max(len(st)-1, 0))*stackGap
			top := r.y + (r.h-h)/2
			for k, b := range st {
				b.x, b.h = lay.cols[i].x, boxH
				b.y = top + float64(k)*(boxH+stackGap)
			}
		}
		icHere := slices.ContainsFunc(lay.boxes, func(b *box) bool { return b.tl.Level.Grade == g && b.col.side == compare.SideIC })
		mHere := slices.ContainsFunc(lay.boxes, func(b *box) bool { return b.tl.Level.Grade == g && b.col.side == compare.SideManagement })
		if both && mHere && !icHere {
			lay.missingIC = true
			h := max(boxH, 44)
			r.gaps = append(r.gaps, gapBox{x: lay.cols[firstIC].x, y: r.y + (r.h-h)/2, w: colW, h: h, text: "No IC level at grade " + itoa(g)})
		}
		if lay.scale != nil {
			by := r.y + (r.h-barsH)/2
			for _, st := range r.stacks {
				for _, b := range st {
					if p := b.tl.Level.Pay; p.Valid() {
						r.bars = append(r.bars, bar{b: b, x0: lay.scale.x(p.Min), x1: lay.scale.x(p.Max), y: by})
						by += barStep
					}
				}
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
	for _, c := range lay.cols {
		if !slices.ContainsFunc(items, func(it legendItem) bool { return it.kind == "box-"+c.side }) {
			text := "Management level"
			if c.side == compare.SideIC {
				text = "Individual contributor (IC) level"
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
	if lay.scale != nil {
		items = append(items, legendItem{kind: "bar", text: "Pay band, minimum to maximum, " + cmp.Or(lay.currency, "no currency")})
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
