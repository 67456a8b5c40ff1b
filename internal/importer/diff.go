package importer

import (
	"fmt"
	"strings"
)

// Diff shows what a merge changes in the style of diff -u, for --dry-run. The hunks come
// from the edits themselves, which know exactly which lines they rewrite or add.
func (m *Merge) Diff(label string) string {
	e := m.edits
	if e == nil || len(e.edits) == 0 {
		return ""
	}
	lineOf := func(off int) int { // 0-based
		lo, hi := 0, len(e.lines)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if e.lines[mid] <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo
	}
	// Each edit rewrites the old lines it touches, or adds whole lines before one.
	type stretch struct {
		o0, o1 int // old lines [o0, o1)
		edits  []edit
		add    []string // the new lines
	}
	var ss []stretch
	for _, ed := range e.edits { // sorted by apply
		a := lineOf(ed.off)
		b := a + 1
		if ed.del == 0 && e.lines[a] == ed.off && strings.HasSuffix(ed.text, "\n") {
			b = a
		} else if ed.del > 0 {
			b = lineOf(ed.off+ed.del-1) + 1
		}
		if n := len(ss); n > 0 && a <= ss[n-1].o1 {
			ss[n-1].o1 = max(ss[n-1].o1, b)
			ss[n-1].edits = append(ss[n-1].edits, ed)
			continue
		}
		ss = append(ss, stretch{o0: a, o1: b, edits: []edit{ed}})
	}
	old := splitLines(string(e.src))
	for i := range ss {
		start := e.lineStart(ss[i].o0 + 1)
		end := e.lineStart(ss[i].o1 + 1)
		var b strings.Builder
		prev := start
		for _, ed := range ss[i].edits {
			b.Write(e.src[prev:ed.off])
			b.WriteString(ed.text)
			prev = ed.off + ed.del
		}
		b.Write(e.src[prev:max(end, prev)])
		ss[i].add = splitLines(b.String())
	}

	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", m.File, label)
	const ctx = 2
	delta := 0 // new line number minus old, before the current stretch
	for k := 0; k < len(ss); {
		last := k
		for last+1 < len(ss) && ss[last+1].o0-ss[last].o1 <= 2*ctx {
			last++
		}
		o0 := max(ss[k].o0-ctx, 0)
		o1 := min(ss[last].o1+ctx, len(old))
		added := 0
		for c := k; c <= last; c++ {
			added += len(ss[c].add) - (ss[c].o1 - ss[c].o0)
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", o0+1, o1-o0, o0+1+delta, o1-o0+added)
		oi := o0
		for c := k; c <= last; c++ {
			for ; oi < ss[c].o0; oi++ {
				out.WriteString(" " + old[oi] + "\n")
			}
			for _, l := range old[ss[c].o0:ss[c].o1] {
				out.WriteString("-" + l + "\n")
			}
			for _, l := range ss[c].add {
				out.WriteString("+" + l + "\n")
			}
			oi = ss[c].o1
		}
		for ; oi < o1; oi++ {
			out.WriteString(" " + old[oi] + "\n")
		}
		delta += added
		k = last + 1
	}
	return out.String()
}

// splitLines splits text into lines without their line breaks.
func splitLines(s string) []string {
	s = strings.TrimSuffix(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
