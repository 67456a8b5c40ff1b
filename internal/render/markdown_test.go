package render

import (
	"strings"
	"testing"

	"github.com/ladderctl/ladderctl/internal/numfmt"
	"github.com/ladderctl/ladderctl/internal/output"
)

func TestMarkdownIsAHandbook(t *testing.T) {
	for _, file := range examples(t) {
		t.Run(file, func(t *testing.T) {
			l := judged(t, file)
			doc := l.Source.Doc
			md := render(t, l, "markdown")
			if again := render(t, l, "markdown"); again != md {
				t.Error("two renders of the same ladder differ")
			}
			want := []string{
				"# " + output.MarkdownText(l.Source.Title()) + "\n",
				"owned by **" + output.MarkdownText(doc.Metadata.Owner) + "**",
				"## Tracks\n", "## Levels by grade\n",
			}
			for _, tr := range doc.Spec.Tracks {
				want = append(want, "## "+output.MarkdownText(tr.Name)+"\n")
			}
			for _, tl := range doc.Levels() {
				lv := tl.Level
				want = append(want, "### "+output.MarkdownText(lv.ID+" · "+lv.Title)+"\n", "**Grade** "+itoa(lv.Grade))
				if lv.Scope != "" {
					want = append(want, "**Scope** "+lv.Scope)
				}
				if lv.Pay.Valid() {
					want = append(want, "**Pay** "+numfmt.Band(lv.Pay.Min, lv.Pay.Max, doc.Spec.Currency))
				}
				if lv.Summary != "" {
					want = append(want, "\n"+output.MarkdownText(lv.Summary)+"\n")
				}
				for _, e := range lv.Expectations {
					for _, x := range e.Texts {
						want = append(want, output.MarkdownText(x))
					}
				}
			}
			for _, w := range want {
				if !strings.Contains(md, w) {
					t.Errorf("the handbook lacks %q", w)
				}
			}
			if strings.Contains(md, "parity/") {
				t.Error("the handbook carries findings")
			}
		})
	}
}

func TestMarkdownExpectationsInCompetencyOrder(t *testing.T) {
	md := render(t, judged(t, repoRoot+"/ladders/acme-engineering.yaml"), "markdown")
	level := md[strings.Index(md, "### IC5 · Staff Engineer"):]
	level = level[:strings.Index(level, "### IC6")]
	order := []string{"**Peers** M1 Engineering Manager", "**Can move to** M1 Engineering Manager", "- **Craft:**\n  - Defines", "- **Delivery:**", "- **Collaboration:**", "- **Leadership:**"}
	at := 0
	for _, w := range order {
		i := strings.Index(level[at:], w)
		if i < 0 {
			t.Fatalf("IC5's section lacks %q after position %d:\n%s", w, at, level)
		}
		at += i
	}
}

func TestMarkdownEscapes(t *testing.T) {
	md := render(t, parse(t, oddLadder), "markdown")
	for _, want := range []string{
		`# R&amp;D &lt;Platform&gt; "Ladder"`,
		"### S1 · Engineer &lt;I&gt;",
		"**Pay** EUR 90,000–60,000 (not a valid band)",
		"| Specialist &amp; Co | IC |",
		"- from S1 Engineer &lt;I&gt; to NOPE",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the handbook lacks %q:\n%s", want, md)
		}
	}
}
