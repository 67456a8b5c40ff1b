package render

import (
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/compare"
)

// node is an element of a parsed XML document.
type node struct {
	name     string
	attrs    map[string]string
	children []*node
	text     []string // the element's own character data, in order
}

// parseXML decodes a whole document strictly, so that any error of syntax, nesting or
// escaping fails the test.
func parseXML(t *testing.T, doc string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = true
	var root *node
	var stack []*node
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				key := a.Name.Local
				if a.Name.Space != "" {
					key = a.Name.Space + ":" + key
				}
				n.attrs[key] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					t.Fatal("more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.text = append(top.text, string(tok))
			} else if strings.TrimSpace(string(tok)) != "" {
				t.Fatalf("text outside the root element: %q", tok)
			}
		}
	}
	if root == nil {
		t.Fatal("no root element")
	}
	return root
}

// all lists the element and its descendants that match.
func (n *node) all(match func(*node) bool) []*node {
	var out []*node
	if match(n) {
		out = append(out, n)
	}
	for _, c := range n.children {
		out = append(out, c.all(match)...)
	}
	return out
}

func (n *node) hasClass(c string) bool { return slices.Contains(strings.Fields(n.attrs["class"]), c) }

func byClass(c string) func(*node) bool { return func(n *node) bool { return n.hasClass(c) } }

func byName(name string) func(*node) bool { return func(n *node) bool { return n.name == name } }

// content is what a text element says: its text and its tspans', as a reader reads them.
func (n *node) content() string {
	parts := slices.Clone(n.text)
	for _, c := range n.children {
		if c.name == "tspan" {
			parts = append(parts, c.content())
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

func texts(root *node) []string {
	var out []string
	for _, n := range root.all(func(n *node) bool { return n.name == "text" }) {
		out = append(out, n.content())
	}
	return out
}

func TestSVGExamples(t *testing.T) {
	for _, file := range examples(t) {
		t.Run(file, func(t *testing.T) {
			l := judged(t, file)
			doc := l.Source.Doc
			out := render(t, l, "svg")
			if again := render(t, l, "svg"); again != out {
				t.Error("two renders of the same ladder differ")
			}
			root := parseXML(t, out)
			checkSelfContained(t, root, out)

			all := texts(root)
			for _, tl := range doc.Levels() {
				if !slices.Contains(all, tl.Level.Title) {
					t.Errorf("no <text> says the title of %s, %q", tl.Level.ID, tl.Level.Title)
				}
			}
			valid := 0
			for _, tl := range doc.Levels() {
				for _, zb := range tl.Level.Pay.Bands() {
					if zb.Band.Valid() {
						valid++
					}
				}
			}
			if got := len(root.all(byClass("pay-band"))); got != valid {
				t.Errorf("%d pay bars, want one per valid pay band of every zone: %d", got, valid)
			}
			pairs := 0
			for _, r := range compare.Align(l.Source, compare.Marks{}).Grades {
				pairs += len(r.Pairs)
			}
			if got := len(root.all(byClass("peer"))); got != pairs {
				t.Errorf("%d peer lines, want one per peer pair: %d", got, pairs)
			}
			branches := 0
			for _, tr := range doc.Spec.Tracks {
				if tr.From != "" {
					branches++
				}
			}
			if got, want := len(root.all(byClass("transition"))), len(doc.Spec.Transitions)+branches; got != want {
				t.Errorf("%d arrows, want one per transition and branch: %d", got, want)
			}
			for _, tr := range root.all(byClass("transition")) {
				if !strings.HasPrefix(tr.attrs["marker-end"], "url(#") {
					t.Errorf("an arrow without its marker: %v", tr.attrs)
				}
			}
			if got := len(root.all(byClass("level"))); got != len(doc.Levels()) {
				t.Errorf("%d level boxes, want %d", got, len(doc.Levels()))
			}
		})
	}
}

// checkSelfContained checks what makes a picture safe and readable anywhere: a title and
// a description for screen readers, a viewBox to scale, real text of at least 11px, and
// nothing loaded or run.
func checkSelfContained(t *testing.T, root *node, raw string) {
	t.Helper()
	if root.name != "svg" || root.attrs["role"] != "img" || root.attrs["viewBox"] == "" || root.attrs["width"] == "" {
		t.Errorf("root element %s %v: want <svg role=img> with a viewBox and a width", root.name, root.attrs)
	}
	if len(root.children) < 2 || root.children[0].name != "title" || root.children[1].name != "desc" {
		t.Fatal("the picture does not start with <title> and <desc>")
	}
	for _, c := range root.children[:2] {
		if strings.TrimSpace(c.content()) == "" {
			t.Errorf("<%s> is empty", c.name)
		}
		if !slices.Contains(strings.Fields(root.attrs["aria-labelledby"]), c.attrs["id"]) {
			t.Errorf("aria-labelledby %q does not name <%s id=%q>", root.attrs["aria-labelledby"], c.name, c.attrs["id"])
		}
	}
	for _, name := range []string{"script", "foreignObject", "image", "use", "a", "style", "font", "font-face"} {
		if n := root.all(byName(name)); len(n) > 0 {
			t.Errorf("the picture holds <%s>", name)
		}
	}
	if n := root.all(byName("path")); len(n) == 0 || len(root.all(byName("text"))) < 10 {
		t.Error("expected real <text> elements and some paths")
	}
	for _, n := range root.all(func(*node) bool { return true }) {
		for k, v := range n.attrs {
			if strings.HasSuffix(k, "href") || strings.HasPrefix(k, "on") {
				t.Errorf("<%s %s=%q>: no links or handlers in a self-contained picture", n.name, k, v)
			}
			if strings.Contains(v, "url(") && !strings.HasPrefix(v, "url(#") {
				t.Errorf("<%s %s=%q>: an external reference", n.name, k, v)
			}
			if k == "font-size" {
				if size, err := strconv.ParseFloat(v, 64); err != nil || size < 11 {
					t.Errorf("<%s font-size=%q>: text under 11px is not readable", n.name, v)
				}
			}
		}
	}
	if strings.Count(raw, "http") != 1 || !strings.Contains(raw, `xmlns="http://www.w3.org/2000/svg"`) {
		t.Error("the picture refers to a URL other than the SVG namespace")
	}
	if root.attrs["font-family"] == "" || !strings.HasSuffix(root.attrs["font-family"], "sans-serif") {
		t.Errorf("font-family %q: want a stack of installed fonts ending with a generic family", root.attrs["font-family"])
	}
}

func TestSVGMarksFindings(t *testing.T) {
	l := judged(t, repoRoot+"/docs/examples/unhealthy.yaml")
	root := parseXML(t, render(t, l, "svg"))

	want := map[string][]string{} // level id -> its rules
	for _, f := range l.Findings {
		if f.Level != "" && !slices.Contains(want[f.Level], f.Rule) {
			want[f.Level] = append(want[f.Level], f.Rule)
		}
	}
	got := map[string][]string{}
	for _, g := range root.all(byClass("level")) {
		id := g.all(byClass("level-id"))[0].content()
		badges := g.all(byClass("finding-badge"))
		if g.hasClass("has-findings") != (len(badges) > 0) {
			t.Errorf("%s: class has-findings disagrees with its %d badges", id, len(badges))
		}
		for _, b := range badges {
			got[id] = append(got[id], b.all(byName("text"))[0].content())
		}
	}
	for id := range want {
		sort.Strings(want[id])
		sort.Strings(got[id])
	}
	if len(want) < 3 {
		t.Fatalf("unhealthy.yaml should have findings on several levels: %v", want)
	}
	for id, rules := range want {
		if !slices.Equal(got[id], rules) {
			t.Errorf("%s: badges %v, want %v", id, got[id], rules)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("%s: badges %v on a level without findings", id, got[id])
		}
	}
	if !slices.Equal(got["E6"], []string{"parity/pay"}) || !slices.Equal(got["M4"], []string{"parity/peer-level", "parity/top-grade"}) {
		t.Errorf("E6 %v, M4 %v: want parity/pay on E6 and the top-grade findings on M4", got["E6"], got["M4"])
	}
	// The picture lists every finding, with its message; the one on no level has no other mark.
	list := root.all(byClass("findings"))
	if len(list) != 1 {
		t.Fatal("no list of findings")
	}
	if n := len(list[0].all(byClass("list-badge"))); n != len(l.Findings) {
		t.Errorf("%d findings listed, want %d", n, len(l.Findings))
	}
	listed := strings.Join(texts(list[0]), " ")
	if !strings.Contains(listed, "No transition lets a manager move back") {
		t.Errorf("the finding on the whole ladder is not listed:\n%s", listed)
	}
	if !slices.Contains(texts(root), "No IC level at grade 8") {
		t.Error("the grade that has a management level and no IC level is not marked")
	}
	if len(root.all(byClass("severity-error"))) == 0 || len(root.all(byClass("severity-warning"))) == 0 {
		t.Error("badges do not tell errors from warnings")
	}
}

func TestSVGHealthyLadderSaysSo(t *testing.T) {
	l := judged(t, repoRoot+"/ladders/acme-engineering.yaml")
	if len(l.Findings) != 0 {
		t.Fatalf("acme-engineering should be clean: %v", l.Findings)
	}
	root := parseXML(t, render(t, l, "svg"))
	if n := len(root.all(byClass("finding-badge"))); n != 0 {
		t.Errorf("%d badges on a ladder without findings", n)
	}
	if !slices.ContainsFunc(texts(root), func(s string) bool { return strings.HasSuffix(s, "no findings") }) {
		t.Error("the heading does not say there are no findings")
	}
	ticks := root.all(byClass("pay-tick"))
	if len(ticks) < 3 {
		t.Fatalf("%d ticks on the pay axis", len(ticks))
	}
	for _, tk := range ticks {
		if _, err := strconv.Atoi(strings.ReplaceAll(tk.content(), ",", "")); err != nil || !strings.Contains(tk.content()+",", ",") {
			t.Errorf("tick %q is not an amount written for people", tk.content())
		}
	}
}

const oddLadder = `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: odd, title: "R&D <Platform> \"Ladder\"", owner: "people & culture"}
spec:
  currency: EUR
  tracks:
    - id: spec
      name: Specialist & Co
      type: ic
      levels:
        - {id: S1, title: "Engineer <I>", grade: 1, pay: {min: 50000, max: 70000}}
        - {id: S2, title: "A very long title for an engineer who does a great many things across the whole organisation and beyond it", grade: 2, pay: {min: 90000, max: 60000}}
        - {id: S2b, title: Second at grade two, grade: 2}
    - id: gen
      name: Generalist
      type: ic
      levels:
        - {id: G2, title: Generalist, grade: 2, pay: {min: 65000, max: 90000}}
    - id: mgmt
      type: management
      levels:
        - {id: M2, title: Manager, grade: 2, pay: {min: 70000, max: 95000}}
        - {id: M3, title: Director, grade: 3}
  transitions:
    - {from: S1, to: S2}
    - {from: G2, to: M2}
    - {from: M2, to: S2b}
    - {from: S1, to: NOPE}
`

func TestSVGOddLadder(t *testing.T) {
	l := parse(t, oddLadder)
	out := render(t, l, "svg")
	root := parseXML(t, out)
	checkSelfContained(t, root, out)
	all := texts(root)
	for _, want := range []string{"R&D <Platform> \"Ladder\"", "Engineer <I>", "Specialist & Co", "Second at grade two", "No IC level at grade 3"} {
		if !slices.Contains(all, want) {
			t.Errorf("no <text> says %q", want)
		}
	}
	if !strings.Contains(out, "R&amp;D &lt;Platform&gt; &#34;Ladder&#34;") {
		t.Error("the title is not escaped")
	}
	// The long title is cut to two lines, and the whole of it is in the level's tooltip.
	var long *node
	for _, g := range root.all(byClass("level")) {
		if g.all(byClass("level-id"))[0].content() == "S2" {
			long = g
		}
	}
	title := long.all(byClass("level-title"))[0]
	if n := len(title.all(byName("tspan"))); n != 2 || !strings.HasSuffix(title.content(), "…") {
		t.Errorf("long title drawn as %q in %d lines, want 2 lines ending with …", title.content(), n)
	}
	if !strings.Contains(long.children[0].content(), "beyond it") {
		t.Errorf("the tooltip lacks the whole title: %q", long.children[0].content())
	}
	if !slices.Contains(all, "pay band not valid") {
		t.Error("the band that is not valid is not said to be so")
	}
	if got := len(root.all(byClass("pay-band"))); got != 3 {
		t.Errorf("%d pay bars, want 3 (S1, G2, M2; S2's band is not valid)", got)
	}
	// Grade 2: three IC levels and one management level make three peer pairs; the one from
	// the far IC column goes round the middle column.
	if got := len(root.all(byClass("peer"))); got != 3 {
		t.Errorf("%d peer lines, want 3", got)
	}
	if got := len(root.all(byClass("transition"))); got != 3 {
		t.Errorf("%d arrows, want 3 (the transition to NOPE goes nowhere)", got)
	}
	if len(l.Findings) == 0 || len(root.all(byClass("finding-badge"))) == 0 {
		t.Error("the structure rules' findings are not marked")
	}
}

func TestSVGWithoutPay(t *testing.T) {
	l := parse(t, `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: plain}
spec:
  tracks:
    - id: ic
      type: ic
      levels:
        - {id: E1, title: Engineer, grade: 1, summary: Builds.}
`)
	root := parseXML(t, render(t, l, "svg"))
	if len(root.all(byClass("pay-band"))) != 0 || len(root.all(byClass("pay-axis"))) != 0 || len(root.all(byClass("peer"))) != 0 {
		t.Error("a ladder without pay or peers draws no pay axis, bars or peer lines")
	}
	if !slices.Contains(texts(root), "Engineer") {
		t.Error("the level is not drawn")
	}
}

func TestSVGExtremePay(t *testing.T) {
	for _, band := range []string{"{min: 1, max: 1}", "{min: 0.01, max: 1e300}", "{min: 1e307, max: 1.5e308}"} {
		l := parse(t, `apiVersion: ladderctl/v1
kind: Ladder
metadata: {name: extreme}
spec:
  currency: USD
  tracks:
    - {id: ic, type: ic, levels: [{id: E1, title: Engineer, grade: 1, summary: Builds., pay: `+band+`}]}
`)
		root := parseXML(t, render(t, l, "svg"))
		if len(root.all(byClass("pay-band"))) != 1 || len(root.all(byClass("pay-tick"))) < 2 {
			t.Errorf("%s: want one bar on an axis of at least two ticks", band)
		}
	}
}

func TestEscapeDropsWhatXMLForbids(t *testing.T) {
	if got := esc("a\x01b\x7f<&>\"'\tc"); got != "ab&lt;&amp;&gt;&#34;'\tc" {
		t.Errorf("esc = %q", got)
	}
}
