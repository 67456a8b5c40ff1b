package render

import (
	"regexp"
	"strings"
	"testing"
)

var urlRef = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>]*`)

func TestHTMLExamples(t *testing.T) {
	for _, file := range examples(t) {
		t.Run(file, func(t *testing.T) {
			l := judged(t, file)
			page := render(t, l, "html")
			if again := render(t, l, "html"); again != page {
				t.Error("two renders of the same ladder differ")
			}
			for _, want := range []string{
				"<!DOCTYPE html>\n<html lang=\"en\">", `<meta charset="utf-8">`,
				"<title>" + esc(l.Source.Title()) + ": career ladder</title>",
				"<h1>" + esc(l.Source.Title()) + "</h1>",
				`<table class="compare">`, "<h2>Findings</h2>", "<style>",
			} {
				if !strings.Contains(page, want) {
					t.Errorf("the page lacks %q", want)
				}
			}
			// The inline picture is the SVG format's, without its own heading.
			if strings.Count(page, "<svg ") != 1 || strings.Count(page, "</svg>") != 1 {
				t.Fatal("want exactly one inline <svg>")
			}
			svg := page[strings.Index(page, "<svg ") : strings.Index(page, "</svg>")+len("</svg>")]
			root := parseXML(t, svg)
			checkSelfContained(t, root, svg)
			if strings.Contains(svg, "<?xml") || len(root.all(byClass("ladder-title"))) != 0 {
				t.Error("the inline picture repeats the XML declaration or the page's title")
			}
			// One table row per grade, as compare prints them.
			grades := map[int]bool{}
			for _, tl := range l.Source.Doc.Levels() {
				grades[tl.Level.Grade] = true
			}
			if got := strings.Count(page, "<tr><td class=\"num\">"); got != len(grades) {
				t.Errorf("%d table rows, want one per grade: %d", got, len(grades))
			}
			for _, f := range l.Findings {
				if !strings.Contains(page, esc(f.Message)) {
					t.Errorf("the findings list lacks %s: %s", f.Rule, f.Message)
				}
			}
			// Works offline: nothing to fetch, nothing to run.
			for _, m := range urlRef.FindAllString(page, -1) {
				if m != "http://www.w3.org/2000/svg" {
					t.Errorf("the page refers to %q", m)
				}
			}
			for _, bad := range []string{"<script", "<link", " src=", "@import", "<iframe", "<object", "<embed", "@font-face"} {
				if strings.Contains(strings.ToLower(page), bad) {
					t.Errorf("the page holds %q", bad)
				}
			}
		})
	}
}

func TestHTMLTableMarksParity(t *testing.T) {
	page := render(t, judged(t, repoRoot+"/docs/examples/unhealthy.yaml"), "html")
	for _, want := range []string{
		`<span class="badge error">parity/pay</span>`,
		`<span class="badge error">parity/top-grade</span> <span class="badge error">parity/peer-level</span>`,
		`<span class="gap">— no IC level at grade 8</span>`,
		"min -13.2%<br>max -13.5%",
		`<span class="badge warning">naming/ic-titles</span>`,
		"unhealthy.yaml:62:16",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	clean := render(t, judged(t, repoRoot+"/ladders/acme-engineering.yaml"), "html")
	if !strings.Contains(clean, "None: the rules find nothing to report on this ladder.") || !strings.Contains(clean, `<span class="ok">ok</span>`) {
		t.Error("a clean ladder's page does not say so")
	}
}

func TestHTMLEscapes(t *testing.T) {
	page := render(t, parse(t, oddLadder), "html")
	if strings.Contains(page, "<Platform>") || strings.Contains(page, "Engineer <I>") {
		t.Error("text from the ladder reaches the page unescaped")
	}
	if !strings.Contains(page, "<title>R&amp;D &lt;Platform&gt; &#34;Ladder&#34;: career ladder</title>") {
		t.Error("the page title is not escaped")
	}
}
