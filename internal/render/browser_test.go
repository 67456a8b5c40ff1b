package render

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BrowserEnv makes the browser test fail, rather than skip, when no chromium is installed:
// CI sets it, so that the test cannot silently stop running.
const BrowserEnv = "LADDERCTL_BROWSER_TESTS"

var docsImages = flag.Bool("docs-images", false, "write the screenshots of the examples to docs/images/")

// TestBrowser opens each example's page and picture in a real browser, offline, and checks
// that what it draws is a picture: many colours, ink all over the page, and the colours of
// the tracks' boxes and bars. go test ./internal/render/ -run Browser -docs-images also
// writes the pictures to docs/images/ for the documentation.
func TestBrowser(t *testing.T) {
	browser := findChromium(t)
	for _, file := range examples(t) {
		name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		t.Run(name, func(t *testing.T) {
			l := judged(t, file)
			dir := t.TempDir()

			page := filepath.Join(dir, name+".html")
			writeFile(t, page, render(t, l, "html"))
			shot, _ := screenshot(t, browser, page, 1400, 1000)
			checkDrawn(t, shot, sidesOf(l), len(l.Findings) > 0)

			picture := filepath.Join(dir, name+".svg")
			svg := render(t, l, "svg")
			writeFile(t, picture, svg)
			root := parseXML(t, svg)
			w, _ := strconv.ParseFloat(root.attrs["width"], 64)
			h, _ := strconv.ParseFloat(root.attrs["height"], 64)
			shot, raw := screenshot(t, browser, picture, int(w), int(h))
			checkDrawn(t, shot, sidesOf(l), len(l.Findings) > 0)

			if *docsImages {
				if len(raw) > 300<<10 {
					t.Errorf("the screenshot is %d KB; keep those in docs/images under 300 KB", len(raw)>>10)
				}
				writeFile(t, filepath.Join(repoRoot, "docs", "images", name+".png"), string(raw))
			}
		})
	}
}

func findChromium(t *testing.T) string {
	t.Helper()
	// Chrome takes the same flags; CI images often have it rather than chromium.
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "chromium is not on PATH, so the pictures were not checked in a browser (apt-get install chromium)"
	if os.Getenv(BrowserEnv) == "1" {
		t.Fatalf("%s; %s=1 requires it", msg, BrowserEnv)
	}
	t.Skip(msg)
	return ""
}

// screenshot has headless chromium draw a file, with the network, sync and updates off, and
// returns the screenshot decoded and as the PNG's bytes.
func screenshot(t *testing.T, browser, file string, width, height int) (image.Image, []byte) {
	t.Helper()
	profile, err := os.MkdirTemp("", "ladderctl-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) }) // chromium's helpers may still be writing: best effort
	out := filepath.Join(profile, "screenshot.png")
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir="+profile, "--screenshot="+out,
		fmt.Sprintf("--window-size=%d,%d", width, height),
		(&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String())
	if log, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, log)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("chromium wrote no screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != width || b.Dy() != height {
		t.Errorf("screenshot %dx%d, want %dx%d", b.Dx(), b.Dy(), width, height)
	}
	return img, raw
}

// checkDrawn tells a drawn ladder from a blank or broken page: many colours (text is
// anti-aliased), ink in every ninth of the page, and enough pixels of the IC and management
// boxes' fills and bars, and of a red badge when there are findings.
func checkDrawn(t *testing.T, img image.Image, sides []string, findings bool) {
	t.Helper()
	for _, p := range drawnProblems(img, sides, findings) {
		t.Error(p)
	}
}

func drawnProblems(img image.Image, sides []string, findings bool) []string {
	var problems []string
	b := img.Bounds()
	colours := map[color.RGBA]bool{}
	var cells [3][3]int
	near := map[string]int{}
	targets := map[string]color.RGBA{
		"ic box":         {0xeb, 0xf4, 0xff, 0xff},
		"management box": {0xff, 0xf4, 0xe8, 0xff},
		"ic bar":         {0x3b, 0x7d, 0xd8, 0xff},
		"management bar": {0xe0, 0x7b, 0x2e, 0xff},
		"shared box":     {0xe6, 0xff, 0xfa, 0xff},
		"shared bar":     {0x31, 0x97, 0x95, 0xff},
		"error badge":    {0xc5, 0x30, 0x30, 0xff},
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 0xff}
			colours[c] = true
			if c.R < 0xf0 || c.G < 0xf0 || c.B < 0xf0 {
				cells[3*(y-b.Min.Y)/b.Dy()][3*(x-b.Min.X)/b.Dx()]++
			}
			for name, want := range targets {
				if close(c, want) {
					near[name]++
				}
			}
		}
	}
	if len(colours) < 64 {
		problems = append(problems, fmt.Sprintf("%d distinct colours: the page looks blank or unstyled", len(colours)))
	}
	cellArea := b.Dx() * b.Dy() / 9
	for i, row := range cells {
		for j, n := range row {
			if n < cellArea/500 {
				problems = append(problems, fmt.Sprintf("the ninth of the page at row %d, column %d is almost blank (%d inked pixels)", i+1, j+1, n))
			}
		}
	}
	want := map[string]int{}
	for _, side := range sides {
		want[side+" box"], want[side+" bar"] = 2000, 200
	}
	if findings {
		want["error badge"] = 100
	}
	for name, n := range want {
		if near[name] < n {
			problems = append(problems, fmt.Sprintf("%d pixels of the %s's colour, want at least %d: was the picture drawn?", near[name], name, n))
		}
	}
	return problems
}

// The check itself, without a browser: a blank page and a page of black text fail it.
func TestDrawnCheckRejectsBlankPages(t *testing.T) {
	blank := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for i := range blank.Pix {
		blank.Pix[i] = 0xff
	}
	if len(drawnProblems(blank, nil, false)) == 0 {
		t.Error("a white page passes")
	}
	text := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for i := range text.Pix {
		if i%4 == 3 || (i/4)%7 != 0 {
			text.Pix[i] = 0xff
		}
	}
	if len(drawnProblems(text, nil, false)) == 0 {
		t.Error("a page of grey dots passes")
	}
}

// sidesOf lists the sides a ladder has, whose colours the picture must show.
func sidesOf(l *Ladder) []string {
	var out []string
	for _, t := range l.Source.Doc.Spec.Tracks {
		if !slices.Contains(out, t.Type) {
			out = append(out, t.Type)
		}
	}
	return out
}

func close(a, b color.RGBA) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) <= 6 && d(a.G, b.G) <= 6 && d(a.B, b.B) <= 6
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o666); err != nil {
		t.Fatal(err)
	}
}
