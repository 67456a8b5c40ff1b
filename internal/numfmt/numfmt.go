// Package numfmt formats numbers for people: 180,000, USD 180,000, +12.5%.
package numfmt

import (
	"math"
	"strconv"
	"strings"
)

// Amount writes a number with thousands separators and at most two decimals: 180,000 or
// 1,234.5.
func Amount(x float64) string {
	neg := x < 0
	x = math.Abs(x)
	s := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// Money writes an amount with its currency code: USD 180,000. An empty currency writes the
// amount alone.
func Money(x float64, currency string) string {
	if currency == "" {
		return Amount(x)
	}
	return currency + " " + Amount(x)
}

// Band writes a pay band: USD 180,000–240,000.
func Band(min, max float64, currency string) string {
	return Money(min, currency) + "–" + Amount(max)
}

// Percent writes a ratio as a signed percentage with one decimal: 0.125 is +12.5%, -0.1 is
// -10%, 0 is 0%.
func Percent(ratio float64) string {
	p := math.Round(ratio*1000) / 10
	if p == 0 {
		return "0%"
	}
	s := strconv.FormatFloat(p, 'f', -1, 64) + "%"
	if p > 0 {
		return "+" + s
	}
	return s
}
