package textnorm

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Staff Engineer", "Staff Engineer"},
		{"", ""},
		{"Staff\u200bEngineer", "StaffEngineer"},  // zero-width space
		{"IC4\u200d", "IC4"},                      // zero-width joiner
		{"\u202eIC4\u202c", "IC4"},                // bidi override and pop
		{"\u2067IC4\u2069", "IC4"},                // bidi isolates
		{"Staff\u00adEngineer", "StaffEngineer"},  // soft hyphen
		{"\ufeffIC4", "IC4"},                      // byte-order mark
		{"IC4\ufe0f", "IC4"},                      // variation selector
		{"Ｓｔａｆｆ Engineer", "Staff Engineer"},      // fullwidth letters
		{"ﬁle", "file"},                           // ligature
		{"IC\u2163", "ICIV"},                      // roman numeral four
		{"Cafe\u0301", "Café"},                    // composed
		{"Cafe\u200b\u0301", "Café"},              // composed once the space is gone
		{"\uffa0", ""},                            // halfwidth Hangul filler: NFKC gives U+3164, also ignorable
		{"Staff\u00a0Engineer", "Staff Engineer"}, // NFKC: no-break space is a space
		{"Staff\tEngineer", "Staff\tEngineer"},    // white space stays
		{"\u0600x", "\u0600x"},                    // a prepended concatenation mark is visible
		{"Mаnager", "Mаnager"},                    // Cyrillic а: NFKC leaves other scripts alone
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%+q) = %+q, want %+q", c.in, got, c.want)
		}
	}
}

func TestNormalizeIsIdempotent(t *testing.T) {
	for _, s := range []string{"Cafe\u200b\u0301", "\uffa0x", "ｶﾞ", "Ｓｔａｆｆ\u00ad"} {
		once := Normalize(s)
		if twice := Normalize(once); twice != once {
			t.Errorf("Normalize(Normalize(%+q)) = %+q, want %+q", s, twice, once)
		}
	}
}

func TestIgnorable(t *testing.T) {
	for _, r := range []rune{0x00AD, 0x034F, 0x061C, 0x115F, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202E, 0x2060, 0x2066, 0x2069, 0x3164, 0xFE00, 0xFE0F, 0xFEFF, 0xFFA0, 0x1D173, 0xE0001, 0xE0100} {
		if !Ignorable(r) {
			t.Errorf("Ignorable(%U) = false", r)
		}
	}
	for _, r := range []rune{'a', ' ', 0x00A0, 0x0600, 0x06DD, 0x1680, 0x2028, 0xFFF9, 0xFFFB, 0x0301, 'а'} {
		if Ignorable(r) {
			t.Errorf("Ignorable(%U) = true", r)
		}
	}
}

func TestFoldConfusables(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Mаnager", "Manager"},                         // Cyrillic а
		{"Engineering Mаnаgеr", "Engineering Manager"}, // Cyrillic а, а, е
		{"Dirеctor", "Director"},                       // Cyrillic е
		{"Ηead of Platform", "Head of Platform"},       // Greek Η
		{"VΡ of Engineering", "VP of Engineering"},     // Greek Ρ
		{"Staff Engineer", "Staff Engineer"},           // Latin only
		{"Менеджер", "Менеджер"},                       // Cyrillic only: a Russian title stays
		{"Διευθυντής", "Διευθυντής"},                   // Greek only
		{"", ""},
		{"Müller Manager", "Müller Manager"}, // Latin with diacritics is Latin
	} {
		if got := FoldConfusables(c.in); got != c.want {
			t.Errorf("FoldConfusables(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestConfusablesFoldToASCII(t *testing.T) {
	for from, to := range confusables {
		if from < utf8.RuneSelf || to >= utf8.RuneSelf {
			t.Errorf("%q -> %q: a confusable maps a non-ASCII letter to an ASCII one", from, to)
		}
		if MixesScripts(string(from)) || !MixesScripts(string([]rune{from, to})) {
			t.Errorf("%q is not a Cyrillic or Greek letter", from)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Staff\u200bEngineer", "Cafe\u200b\u0301", "\uffa0", "Mаnager"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Normalize(s)
		if !utf8.ValidString(s) {
			return
		}
		if Normalize(once) != once {
			t.Errorf("not idempotent on %+q", s)
		}
		for _, r := range once {
			if Ignorable(r) {
				t.Errorf("Normalize(%+q) keeps %U", s, r)
			}
		}
		if folded := FoldConfusables(once); utf8.RuneCountInString(folded) != utf8.RuneCountInString(once) {
			t.Errorf("FoldConfusables changes the length of %+q", once)
		}
	})
}
