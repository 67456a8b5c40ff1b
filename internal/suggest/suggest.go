// Package suggest finds the name a user most likely meant when they wrote an unknown one.
package suggest

import "fmt"

// DidYouMean returns `; did you mean "x"?` for the candidate closest to word, or "" when no
// candidate is close enough to be a typo of it: one edit in a short word, two in a longer one,
// three in a long one.
func DidYouMean(word string, candidates []string) string {
	if best := Closest(word, candidates); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// Closest returns the candidate word is most likely a typo of, or "".
func Closest(word string, candidates []string) string {
	best, bestDist := "", maxTypos(len(word))+1
	for _, c := range candidates {
		if d := distance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func maxTypos(n int) int {
	switch {
	case n <= 4:
		return 1
	case n <= 10:
		return 2
	}
	return 3
}

// distance is the Damerau-Levenshtein distance (with adjacent transpositions) between a and b,
// case-insensitive on ASCII letters.
func distance(a, b string) int {
	ra, rb := []rune(lower(a)), []rune(lower(b))
	if len(ra) > 64 || len(rb) > 64 {
		return len(ra) + len(rb)
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
