package importer

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/ladderctl/ladderctl/internal/diag"
	"github.com/ladderctl/ladderctl/internal/ladder"
)

const monzoFormat = "a Monzo progression framework (Markdown whose YAML front matter lists topics with content[{level, criteria}])"

// monzoFramework is one framework file: one track.
type monzoFramework struct {
	file, title, short, group string
	levels                    int // what the front matter's levels: says
	numbers                   []int
	leadership                bool
	topics                    []monzoTopic
}

type monzoTopic struct {
	id, name string
	criteria map[int][]string
}

// convertMonzo reads one or more framework files into one ladder: a framework whose title or
// file name says leadership (or management) is a management track, any other an IC track.
// Level numbers are grades, so level 3 of one file is the peer of level 3 of another.
func convertMonzo(sources []Source) (*Draft, error) {
	var fws []*monzoFramework
	var errs diag.List
	for _, src := range sources {
		fw, err := readMonzo(src)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		fws = append(fws, fw)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	d := &Draft{Format: "Monzo progression framework"}
	kinds := map[bool]int{}
	for _, fw := range fws {
		d.Sources = append(d.Sources, fw.file)
		kinds[fw.leadership]++
	}
	d.Name, d.Title = slug(fws[0].group), words(fws[0].group)
	if d.Name == "" {
		d.Name = slug(strings.TrimSuffix(filepath.Base(fws[0].file), filepath.Ext(fws[0].file)))
	}
	if d.Name == "" {
		d.Name = "monzo"
	}
	d.Notes = append(d.Notes,
		"Monzo names no levels and no tracks: each file is a track (a management track when its title or file name says leadership or management, else individual contributor), its levels titled with the file's sidebar title and the level number, and each level number is the level's grade.")

	byID := map[string]int{}
	trackIDs := map[string]bool{}
	var numbering []string
	for _, fw := range fws {
		t := DraftTrack{Type: ladder.IC, Name: fw.title}
		prefix := "IC"
		if fw.leadership {
			t.Type, prefix = ladder.Management, "M"
		}
		base := slug(strings.TrimSuffix(filepath.Base(fw.file), filepath.Ext(fw.file)))
		t.ID = base
		for n := 2; t.ID == "" || trackIDs[t.ID]; n++ {
			t.ID = fmt.Sprintf("%s-%d", cmpOr(base, "track"), n)
		}
		trackIDs[t.ID] = true
		// Every Monzo file numbers its levels from 1 or 2: prefix the numbers per file, by
		// kind when the ladder has one file of the kind, else by the file's discipline.
		if kinds[fw.leadership] > 1 {
			prefix = strings.ToUpper(t.ID) + "-"
		}
		for _, n := range fw.numbers {
			l := DraftLevel{ID: fmt.Sprintf("%s%d", prefix, n), Title: fmt.Sprintf("%s %d", fw.short, n), Grade: n}
			for _, tp := range fw.topics {
				if c, ok := tp.criteria[n]; ok {
					l.Expectations = append(l.Expectations, DraftExpectation{Competency: tp.id, Texts: c})
				}
			}
			t.Levels = append(t.Levels, l)
		}
		for _, tp := range fw.topics {
			i, ok := byID[tp.id]
			if !ok {
				i = len(d.Competencies)
				byID[tp.id] = i
				d.Competencies = append(d.Competencies, DraftCompetency{ID: tp.id, Name: tp.name})
			}
			d.Competencies[i].Tracks = append(d.Competencies[i].Tracks, t.ID)
		}
		numbering = append(numbering, fmt.Sprintf("%s numbers its levels %s (its front matter says levels: %d)", fw.file, span(fw.numbers), fw.levels))
		d.Tracks = append(d.Tracks, t)
	}
	for i := range d.Competencies {
		if len(d.Competencies[i].Tracks) == len(d.Tracks) {
			d.Competencies[i].Tracks = nil // applies to all: the default
		}
	}
	if len(fws) > 1 && !sameNumbers(fws) {
		d.Notes = append(d.Notes, "The files number their levels differently: "+strings.Join(numbering, "; ")+
			". import aligns them by level number: levels with the same number share a grade and are peers.")
	}
	return d, nil
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func span(ns []int) string {
	if len(ns) == 1 {
		return fmt.Sprint(ns[0])
	}
	return fmt.Sprintf("%d to %d", ns[0], ns[len(ns)-1])
}

func sameNumbers(fws []*monzoFramework) bool {
	for _, fw := range fws[1:] {
		if !slices.Equal(fw.numbers, fws[0].numbers) {
			return false
		}
	}
	return true
}

// frontMatter returns the YAML between the opening --- line and the closing one.
func frontMatter(src Source) ([]byte, error) {
	data := bytes.TrimPrefix(src.Data, bom)
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(bytes.TrimRight(first, " \r")) != "---" {
		return nil, notFormat(src.Name, 1, 1, monzoFormat, "a --- line opening the YAML front matter")
	}
	for off := len(first) + 1; len(rest) > 0; {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(line, " \r")) == "---" {
			return data[:off], nil
		}
		off += len(line) + 1
		rest = after
	}
	return nil, notFormat(src.Name, bytes.Count(bytes.TrimRight(data, "\r\n"), []byte("\n"))+1, 1, monzoFormat, "a --- line closing the YAML front matter")
}

func readMonzo(src Source) (*monzoFramework, error) {
	fm, err := frontMatter(src)
	if err != nil {
		return nil, err
	}
	r := &reader{file: src.Name, format: monzoFormat}
	root, err := r.parse(fm)
	if err != nil {
		return nil, err
	}
	const front = "front matter with title, levels and topics"
	top, _, err := r.fields(root, front)
	if err != nil {
		return nil, err
	}
	fw := &monzoFramework{file: src.Name}
	titleNode, err := r.need(top, root, "title", front)
	if err != nil {
		return nil, err
	}
	if fw.title, err = r.text(titleNode, "the framework's title, a text"); err != nil {
		return nil, err
	}
	short, err := r.optText(top["sidebarTitle"], "sidebarTitle, a text")
	if err != nil {
		return nil, err
	}
	fw.short = strings.TrimFunc(cmpOr(short, fw.title), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if fw.group, err = r.optText(top["sidebarGroup"], "sidebarGroup, a text"); err != nil {
		return nil, err
	}
	if n, ok := top["levels"]; ok {
		if fw.levels, err = r.integer(n, "levels: the number of levels"); err != nil {
			return nil, err
		}
	}
	lower := strings.ToLower(fw.title + " " + filepath.Base(src.Name))
	fw.leadership = strings.Contains(lower, "leadership") || strings.Contains(lower, "management") || strings.Contains(lower, "manager")

	topicsNode, ok := top["topics"]
	if !ok {
		return nil, notFormat(src.Name, root.Line, root.Column, monzoFormat,
			"topics in the front matter (a framework written in Markdown, yaml: false, has none to import)")
	}
	items, err := r.items(topicsNode, "topics: a list of {name, title, content}")
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, r.fail(topicsNode, "topics: at least one {name, title, content}")
	}
	numbers := map[int]bool{}
	const topic = "a topic: {name, title, content}"
	for _, it := range items {
		f, _, err := r.fields(it, topic)
		if err != nil {
			return nil, err
		}
		nameNode, err := r.need(f, it, "name", topic)
		if err != nil {
			return nil, err
		}
		tp := monzoTopic{criteria: map[int][]string{}}
		if tp.name, err = r.text(nameNode, "the topic's name, a text"); err != nil {
			return nil, err
		}
		tp.id = slug(tp.name)
		if tp.id == "" {
			return nil, r.fail(nameNode, "a topic name with a letter or digit")
		}
		if title, err := r.optText(f["title"], "the topic's title, a text"); err != nil {
			return nil, err
		} else if title != "" {
			tp.name = title
		}
		for _, other := range fw.topics {
			if other.id == tp.id {
				return nil, r.fail(nameNode, "a topic name not used before in this file")
			}
		}
		contentNode, err := r.need(f, it, "content", topic)
		if err != nil {
			return nil, err
		}
		content, err := r.items(contentNode, "content: a list of {level, criteria}")
		if err != nil {
			return nil, err
		}
		for _, c := range content {
			cf, _, err := r.fields(c, "content: {level, criteria}")
			if err != nil {
				return nil, err
			}
			ln, err := r.need(cf, c, "level", "content: {level, criteria}")
			if err != nil {
				return nil, err
			}
			level, err := r.integer(ln, "level: a level number")
			if err != nil {
				return nil, err
			}
			if level < 0 || level > ladder.MaxLevels {
				return nil, r.fail(ln, fmt.Sprintf("level: a level number from 0 to %d", ladder.MaxLevels))
			}
			if _, dup := tp.criteria[level]; dup {
				return nil, r.fail(ln, "a level not given before in this topic")
			}
			cn, err := r.need(cf, c, "criteria", "content: {level, criteria}")
			if err != nil {
				return nil, err
			}
			crit, err := r.items(cn, "criteria: a list of texts")
			if err != nil {
				return nil, err
			}
			var texts []string
			for _, x := range crit {
				s, err := r.text(x, "a criterion, a text")
				if err != nil {
					return nil, err
				}
				texts = append(texts, s)
			}
			if len(texts) == 0 {
				continue
			}
			tp.criteria[level] = texts
			numbers[level] = true
		}
		fw.topics = append(fw.topics, tp)
	}
	if len(numbers) == 0 {
		return nil, r.fail(topicsNode, "topics with criteria for at least one level")
	}
	for n := range numbers {
		fw.numbers = append(fw.numbers, n)
	}
	slices.Sort(fw.numbers)
	return fw, nil
}
