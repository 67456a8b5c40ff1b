package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// dejaVu and dejaVuBold hold the advance widths of printable ASCII (from ' ' to '~') in
// DejaVu Sans, in thousandths of an em. It is the widest of the common sans-serif fonts
// (Linux's default; Helvetica, Arial, Segoe UI and Roboto are narrower), so text measured
// with it fits whichever font of the stack draws it.
var dejaVu = [95]int{
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
	636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
	1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
	603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
	500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
	635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
}

var dejaVuBold = [95]int{
	348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
	696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
	1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
	733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
	500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
	716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
}

// slack covers kerning and hinting differences.
const slack = 1.03

// textWidth estimates the width of s drawn at size px; bold text is a little wider. The
// estimate errs on the wide side, so text laid out with it does not overflow its box.
func textWidth(s string, size float64, bold bool) float64 {
	table := &dejaVu
	if bold {
		table = &dejaVuBold
	}
	em := 0
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			em += table[r-' ']
		case r == '–' || r == '·':
			em += 500
		case r == '—' || r == '…':
			em += 1000
		case r == '−':
			em += 838
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			em += 1000
		case unicode.IsUpper(r):
			em += 800
		default:
			em += 660
		}
	}
	return float64(em) / 1000 * size * slack
}

// wrapText breaks s at spaces into at most maxLines lines that each fit in width; what does
// not fit is cut with an ellipsis. It reports whether anything was cut.
func wrapText(s string, size, width float64, bold bool, maxLines int) ([]string, bool) {
	var lines []string
	for _, w := range strings.Fields(s) {
		if n := len(lines); n > 0 && textWidth(lines[n-1]+" "+w, size, bold) <= width {
			lines[n-1] += " " + w
			continue
		}
		lines = append(lines, w)
	}
	cut := false
	if len(lines) > maxLines {
		lines[maxLines-1] = strings.Join(lines[maxLines-1:], " ")
		lines = lines[:maxLines]
		cut = true
	}
	for i, l := range lines {
		if textWidth(l, size, bold) > width {
			lines[i] = ellipsis(l, size, width, bold)
			cut = true
		}
	}
	return lines, cut
}

// ellipsis cuts s so that it and "…" fit in width: after a whole word when that keeps most
// of the line, else within the last word.
func ellipsis(s string, size, width float64, bold bool) string {
	if textWidth(s, size, bold) <= width {
		return s
	}
	words := strings.Fields(s)
	for n := len(words) - 1; n > 0; n-- {
		t := strings.TrimRight(strings.Join(words[:n], " "), ",;:-") + "…"
		if w := textWidth(t, size, bold); w <= width {
			if w >= width*0.6 {
				return t
			}
			break
		}
	}
	for s != "" {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if t := strings.TrimRight(s, " ,;:-") + "…"; textWidth(t, size, bold) <= width {
			return t
		}
	}
	return "…"
}
