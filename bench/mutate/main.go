// Command mutate writes ladders that break the built-in rules in every way it knows: each is
// a source ladder (the shipped examples, generated ladders) with one to four random changes
// (grades, bands, zones, ids, expectations, scopes, moves, titles, tracks). The generated
// ladders of bench/gen break only a few rules; a change to the pack or the loader is judged
// on these as well, by comparing the findings before and after:
//
//	go run ./bench/mutate -n 3000 -out /tmp/mutated ladders/*.yaml bench/out/ladders-2000/*.yaml
//	ladderctl lint -o json /tmp/mutated > before.json   # then after the change, and cmp
package main

import (
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

type (
	obj  = map[string]any
	list = []any
)

func main() {
	n := flag.Int("n", 3000, "how many ladders to write")
	out := flag.String("out", "bench/out/mutated", "directory to write them to (created)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*n, *out, *seed, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(1)
	}
}

func run(n int, out string, seed uint64, files []string) error {
	var sources []obj
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var d obj
		if yaml.Unmarshal(data, &d) == nil && d["kind"] == "Ladder" {
			sources = append(sources, d)
		}
	}
	if len(sources) == 0 {
		return fmt.Errorf("no ladder among the %d files given", len(files))
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(seed, 0))
	for i := range n {
		d := clone(sources[r.IntN(len(sources))]).(obj)
		d["metadata"].(obj)["name"] = fmt.Sprintf("m%05d", i)
		for range 1 + r.IntN(4) {
			m := mutations[r.IntN(len(mutations))]
			func() {
				defer func() { _ = recover() }() // a change that does not fit this ladder is skipped
				m(r, d)
			}()
		}
		data, err := yaml.Marshal(d)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("m%05d.yaml", i)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func clone(v any) any {
	switch v := v.(type) {
	case obj:
		c := obj{}
		for k, x := range v {
			c[k] = clone(x)
		}
		return c
	case list:
		c := make(list, len(v))
		for i, x := range v {
			c[i] = clone(x)
		}
		return c
	}
	return v
}

func spec(d obj) obj    { return d["spec"].(obj) }
func tracks(d obj) list { return spec(d)["tracks"].(list) }
func num(v any) float64 { // yaml.v3 decodes numbers as int or float64
	if i, ok := v.(int); ok {
		return float64(i)
	}
	return v.(float64)
}

// levels lists every level with its track.
func levels(d obj) (out [][2]obj) {
	for _, t := range tracks(d) {
		for _, l := range t.(obj)["levels"].(list) {
			out = append(out, [2]obj{t.(obj), l.(obj)})
		}
	}
	return out
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func level(r *rand.Rand, d obj) obj { return pick(r, levels(d))[1] }

func band(r *rand.Rand, low int) obj {
	return obj{"min": low, "max": int(float64(low) * (0.9 + 1.3*r.Float64()))}
}

var scopes = []string{"task", "feature", "team", "multi-team", "org", "company", "industry", "galaxy"}

var mutations = []func(*rand.Rand, obj){
	func(r *rand.Rand, d obj) { // a grade changed
		l := level(r, d)
		l["grade"] = pick(r, []int{0, 1, 2, 3, 5, 7, 9, 12, l["grade"].(int) + 1, l["grade"].(int) - 1})
	},
	func(r *rand.Rand, d obj) { // two levels at one grade
		ls := levels(d)
		ls[r.IntN(len(ls))][1]["grade"] = ls[r.IntN(len(ls))][1]["grade"]
	},
	func(r *rand.Rand, d obj) { delete(level(r, d), "pay") },
	func(r *rand.Rand, d obj) { // a band that is no band
		level(r, d)["pay"] = pick(r, []obj{
			{"min": 200000, "max": 100000}, {"min": 0, "max": 10}, {"min": 100000}, {"max": 5},
			{"min": 100000, "max": 100000}, {"min": 90000, "max": 400000}, {"min": 100000.5, "max": 130000.25}, {"min": -5, "max": 10},
		})
	},
	func(r *rand.Rand, d obj) { // bands moved up or down
		for _, tl := range levels(d) {
			if p, ok := tl[1]["pay"].(obj); ok && p["min"] != nil && p["max"] != nil && r.Float64() < 0.3 {
				p["min"] = int(num(p["min"]) * (0.6 + 0.8*r.Float64()))
				p["max"] = int(num(p["max"]) * (0.7 + 0.8*r.Float64()))
			}
		}
	},
	func(r *rand.Rand, d obj) { // pay by zone
		zones := pick(r, [][]string{{"us", "uk"}, {"us", "de", "in"}, {"eu"}})
		var zs list
		for _, z := range zones {
			zone := obj{"id": z, "name": strings.ToUpper(z) + " zone"}
			if z == "de" || z == "eu" {
				zone["currency"] = "EUR"
			}
			zs = append(zs, zone)
		}
		spec(d)["zones"] = zs
		for _, tl := range levels(d) {
			if p, ok := tl[1]["pay"].(obj); ok && p["min"] != nil && p["max"] != nil {
				by := obj{}
				for _, z := range zones {
					if r.Float64() < 0.9 {
						by[z] = obj{"min": int(num(p["min"]) * (0.5 + 0.6*r.Float64())), "max": int(num(p["max"]) * (0.5 + 0.6*r.Float64()))}
					}
				}
				tl[1]["pay"] = by
			}
		}
		if r.Float64() < 0.3 {
			level(r, d)["pay"] = obj{"xx": band(r, 100000)}
		}
	},
	func(r *rand.Rand, d obj) { // pay by zone in a ladder without zones
		for _, tl := range levels(d) {
			if p, ok := tl[1]["pay"].(obj); ok && p["min"] != nil && r.Float64() < 0.7 {
				tl[1]["pay"] = obj{"us": p}
			}
		}
	},
	func(r *rand.Rand, d obj) { // an id used twice, as written or as people read it
		ls := levels(d)
		a, b := ls[r.IntN(len(ls))][1], ls[r.IntN(len(ls))][1]
		id := b["id"].(string)
		a["id"] = pick(r, []string{id, strings.ToLower(id), id + " ", "\u0406" + id[1:]})
	},
	func(r *rand.Rand, d obj) { // a track id used twice
		if ts := tracks(d); len(ts) > 1 {
			ts[0].(obj)["id"] = ts[1].(obj)["id"]
		}
	},
	func(r *rand.Rand, d obj) { // a competency id used twice
		if cs, _ := spec(d)["competencies"].(list); len(cs) > 1 {
			cs[0].(obj)["id"] = pick(r, []string{cs[1].(obj)["id"].(string), strings.ToUpper(cs[1].(obj)["id"].(string))})
		}
	},
	func(r *rand.Rand, d obj) { // expectations left out
		l := level(r, d)
		if e, ok := l["expectations"].(obj); ok && len(e) > 0 {
			if r.IntN(2) == 0 {
				delete(l, "expectations")
			} else {
				delete(e, pick(r, slices.Sorted(maps.Keys(e))))
			}
		}
	},
	func(r *rand.Rand, d obj) { // an expectation of no competency
		l := level(r, d)
		if _, ok := l["expectations"].(obj); !ok {
			l["expectations"] = obj{}
		}
		l["expectations"].(obj)["nonsense"] = "Does a thing."
	},
	func(r *rand.Rand, d obj) { // expectations of other shapes
		e, ok := level(r, d)["expectations"].(obj)
		if !ok {
			return
		}
		if len(e) > 0 {
			k := pick(r, slices.Sorted(maps.Keys(e)))
			e[k] = pick(r, []any{list{"One thing.", "Another."}, obj{"proficiency": pick(r, []string{"awareness", "working", "expert", "guru"}), "text": "Text."}, "", "x"})
		}
		if r.IntN(2) == 0 {
			spec(d)["proficiencies"] = list{"awareness", "working", "practitioner", "expert"}
		}
	},
	func(r *rand.Rand, d obj) { // a level expecting what the one below does
		t := pick(r, tracks(d)).(obj)
		ls := t["levels"].(list)
		if i := r.IntN(len(ls)); i > 0 {
			ls[i].(obj)["expectations"] = clone(ls[i-1].(obj)["expectations"])
		}
	},
	func(r *rand.Rand, d obj) { level(r, d)["scope"] = pick(r, scopes) },
	func(r *rand.Rand, d obj) { delete(level(r, d), "scope") },
	func(r *rand.Rand, d obj) { // moves between levels, known and not
		var ids []string
		for _, tl := range levels(d) {
			ids = append(ids, tl[1]["id"].(string))
		}
		var moves list
		for range r.IntN(7) {
			moves = append(moves, obj{"from": pick(r, append(ids, "NOPE")), "to": pick(r, ids)})
		}
		spec(d)["transitions"] = moves
	},
	func(r *rand.Rand, d obj) {
		l := level(r, d)
		l["title"] = pick(r, []string{"Engineering Manager", "Staff Engineer", "Team Lead", "Director", "Head of Things", l["id"].(string), "Senior Manager of Engineering"})
	},
	func(r *rand.Rand, d obj) { delete(level(r, d), "summary") },
	func(r *rand.Rand, d obj) {
		pick(r, tracks(d)).(obj)["type"] = pick(r, []string{"ic", "management", "shared"})
	},
	func(r *rand.Rand, d obj) { // a shared trunk the tracks branch from
		var ids []string
		for _, tl := range levels(d) {
			ids = append(ids, tl[1]["id"].(string))
		}
		trunk := obj{"id": "trunk", "name": "Trunk", "type": "shared", "levels": list{
			obj{"id": "T1", "title": "Junior", "grade": 1, "scope": "task", "pay": band(r, 60000), "summary": "Starts."},
			obj{"id": "T2", "title": "Mid", "grade": 2, "scope": "feature", "pay": band(r, 70000), "summary": "Grows."},
		}}
		ts := tracks(d)
		for _, t := range ts {
			if r.Float64() < 0.7 {
				t.(obj)["from"] = pick(r, append([]string{"T2", "T1", "NOPE"}, ids[:2]...))
			}
		}
		spec(d)["tracks"] = append(list{trunk}, ts...)
	},
	func(r *rand.Rand, d obj) { // a track left out
		if ts := tracks(d); len(ts) > 1 {
			i := r.IntN(len(ts))
			spec(d)["tracks"] = append(ts[:i:i], ts[i+1:]...)
		}
	},
	func(r *rand.Rand, d obj) { // a level left out
		t := pick(r, tracks(d)).(obj)
		if ls := t["levels"].(list); len(ls) > 1 {
			i := r.IntN(len(ls))
			t["levels"] = append(ls[:i:i], ls[i+1:]...)
		}
	},
	func(r *rand.Rand, d obj) { // levels listed out of grade order
		ls := pick(r, tracks(d)).(obj)["levels"].(list)
		r.Shuffle(len(ls), func(i, j int) { ls[i], ls[j] = ls[j], ls[i] })
	},
	func(r *rand.Rand, d obj) {
		if c := pick(r, []any{"", " ", "EUR", nil}); c == nil {
			delete(spec(d), "currency")
		} else {
			spec(d)["currency"] = c
		}
	},
	func(r *rand.Rand, d obj) { level(r, d)["x-note"] = obj{"a": list{1, 2, obj{"b": "c"}}} },
	func(r *rand.Rand, d obj) { // a competency for one track only
		if cs, _ := spec(d)["competencies"].(list); len(cs) > 0 {
			pick(r, cs).(obj)["tracks"] = list{pick(r, tracks(d)).(obj)["id"]}
		}
	},
}
