// Package textnorm compares text as people read it: titles and ids that look the same are
// the same, whatever invisible characters or compatibility forms they were typed with.
package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in Unicode NFKC with every default-ignorable code point removed:
// zero-width spaces and joiners, bidirectional controls, the soft hyphen, variation
// selectors and the like, which change nothing a reader sees. "Staff\u00adEngineer" and
// "Ｓｔａｆｆ Engineer" both read as "Staff Engineer".
func Normalize(s string) string {
	// Removing an invisible character can bring a letter and its accent together, and NFKC
	// can yield an ignorable one (the halfwidth Hangul filler): strip, normalise, strip.
	out := norm.NFKC.String(stripIgnorable(s))
	if stripped := stripIgnorable(out); stripped != out {
		out = norm.NFKC.String(stripped)
	}
	return out
}

func stripIgnorable(s string) string {
	if strings.IndexFunc(s, Ignorable) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Ignorable(r) {
			return -1
		}
		return r
	}, s)
}

// Ignorable tells whether r is a default-ignorable code point (Unicode's derived property
// Default_Ignorable_Code_Point): invisible unless a font chooses to show it.
func Ignorable(r rune) bool {
	switch {
	case r < 0xAD:
		return false // ASCII and Latin-1 before the soft hyphen: the common case, at once
	case unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r), unicode.Is(unicode.Variation_Selector, r):
		return true
	case unicode.Is(unicode.White_Space, r), unicode.Is(unicode.Prepended_Concatenation_Mark, r):
		return false
	case r >= 0xFFF9 && r <= 0xFFFB, r >= 0x13430 && r <= 0x1343F:
		return false // interlinear annotation and Egyptian hieroglyph format controls
	}
	return unicode.Is(unicode.Cf, r)
}

// confusables maps Cyrillic and Greek letters that look like a Latin letter in common fonts
// to that letter.
var confusables = map[rune]rune{
	// Cyrillic
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C',
	'Т': 'T', 'У': 'Y', 'Х': 'X', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S', 'Ԛ': 'Q', 'Ԝ': 'W', 'Ү': 'Y',
	'Ӏ': 'I', 'Ԍ': 'G', 'Ꙅ': 'S',
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j',
	'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l', 'ү': 'y',
	// Greek
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N',
	'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'Ϲ': 'C', 'Ϳ': 'J',
	'α': 'a', 'ο': 'o', 'ρ': 'p', 'ν': 'v', 'ι': 'i', 'υ': 'u', 'ϲ': 'c', 'ϳ': 'j',
}

// FoldConfusables returns s with its Cyrillic and Greek lookalike letters replaced by the
// Latin letters they look like, when s mixes Latin letters with Cyrillic or Greek ones:
// "Mаnager" written with a Cyrillic "а" reads "Manager". Text written in one script is
// returned as it is, so a title in Russian or Greek keeps its letters.
func FoldConfusables(s string) string {
	if !MixesScripts(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if l, ok := confusables[r]; ok {
			return l
		}
		return r
	}, s)
}

// MixesScripts tells whether s has both Latin letters and Cyrillic or Greek ones.
func MixesScripts(s string) bool {
	latin, other := false, false
	for _, r := range s {
		switch {
		case r < 0x80:
			latin = latin || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
		case unicode.Is(unicode.Latin, r):
			latin = true
		case unicode.Is(unicode.Cyrillic, r), unicode.Is(unicode.Greek, r):
			other = true
		}
		if latin && other {
			return true
		}
	}
	return false
}
