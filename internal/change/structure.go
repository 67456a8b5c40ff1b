package change

import (
	"slices"

	"github.com/ladderctl/ladderctl/internal/ladderdiff"
)

// decodeAll reads the ladders of a side for the structural diff; a ladder that cannot be
// read is an error of that side.
func decodeAll(s *Side, errs *[]string) []ladderdiff.Ladder {
	var out []ladderdiff.Ladder
	for _, l := range s.Ladders {
		doc, err := l.Document()
		if err != nil {
			*errs = append(*errs, l.File+": "+err.Error())
			continue
		}
		out = append(out, ladderdiff.Ladder{Name: l.Name, File: l.File, Doc: doc})
	}
	return out
}

func compareStructure(r *Report, base, head *Side) {
	r.Diff = *ladderdiff.Compare(decodeAll(base, &r.Errors.Base), decodeAll(head, &r.Errors.Head))
	// A ladder in a file the other side could not load is unknown there, not added or removed.
	r.Ladders.Added = slices.DeleteFunc(r.Ladders.Added, func(l ladderdiff.LadderRef) bool { return unreadable(base, l.File) })
	r.Ladders.Removed = slices.DeleteFunc(r.Ladders.Removed, func(l ladderdiff.LadderRef) bool { return unreadable(head, l.File) })
}
