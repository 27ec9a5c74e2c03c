package lessons

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseLesson parses one lesson file; file names it, relative to the course
// folder, in the lesson and its problems. It never fails: what it cannot
// read is reported as a problem and left out of the lesson. It reads the
// lesson as format 1 would; Load reads it in its course's format.
func ParseLesson(file string, data []byte) (*Lesson, Problems) {
	return parseLesson(file, data, 1)
}

func parseLesson(file string, data []byte, format int) (*Lesson, Problems) {
	r := &reporter{file: file}
	l := &Lesson{File: file, Line: 1}
	lines := splitLines(data)
	from, ok := frontMatter(l, lines, r)
	if !ok {
		lintControls(lines, nil, r)
		return l, r.probs
	}
	secs := scanSections(lines, from, r)
	lintControls(lines, secs, r)
	lp := &lessonParser{r: r, lesson: l, format: format}
	lp.intro(secs[0])
	seen := map[string]int{}
	for _, sec := range secs[1:] {
		s := lp.step(sec)
		s.Index = len(l.Steps)
		if prev, dup := seen[s.ID]; dup && s.ID != "" {
			r.errorf(s.Line, "step id %q is already used by the step at line %d; give one of them an explicit id, as in ## Title {#other-id}", s.ID, prev)
		} else {
			seen[s.ID] = s.Line
		}
		l.Steps = append(l.Steps, s)
	}
	if len(l.Steps) == 0 {
		r.errorf(l.Line, "lesson has no steps; start one with a ## heading")
	}
	return l, r.probs
}

// frontMatterKeys are the keys a lesson's front matter takes.
func frontMatterKeys() []string { return []string{"id", "title", "summary"} }

// frontMatter reads the lesson's front matter and returns the index of the
// line after it. ok is false when the rest of the file cannot be read.
func frontMatter(l *Lesson, lines []string, r *reporter) (from int, ok bool) {
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t") != "---" {
		r.errorf(1, "lesson has no front matter; start the file with a --- line, then id: and title:, then ---")
		return 0, true
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t") == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		r.errorf(1, "front matter is never closed; end it with a --- line")
		return len(lines), false
	}
	parseFrontMatter(l, lines, end, r)
	return end + 1, true
}

// parseFrontMatter fills l from the front matter's YAML, lines[1:end] of
// the file's lines. Every problem but a YAML syntax error and a character
// a terminal acts on is reported at the front matter's line.
func parseFrontMatter(l *Lesson, lines []string, end int, r *reporter) {
	last := end + 1 // the line of the closing ---
	root, err := decodeYAML(strings.Join(lines[1:end], "\n"))
	if err != nil {
		line, msg := yamlError(err)
		r.errorf(min(max(l.Line+line, l.Line), last), "front matter is not valid YAML: %s", msg)
		return
	}
	if root != nil && root.Kind != yaml.MappingNode {
		r.errorf(l.Line, "front matter must hold keys: id, title and, optionally, summary")
		return
	}
	if root != nil {
		lintYAMLControls(root, "front matter", lines, func(n *yaml.Node) int { return l.Line + n.Line }, r)
		at := func(*yaml.Node) int { return l.Line }
		for _, f := range mappingFields(root, r, at) {
			v, isText := scalarText(f.value)
			if !isText && (f.key == "id" || f.key == "title" || f.key == "summary") {
				r.errorf(l.Line, "front matter's %s must be text, not a list or a mapping", f.key)
			}
			v = strings.TrimSpace(v)
			switch f.key {
			case "id":
				l.ID = v
			case "title":
				l.Title = v
			case "summary":
				l.Summary = v
			default:
				unknownKey(r, f, frontMatterKeys(), "front matter")
			}
		}
	}
	switch {
	case l.ID == "":
		r.errorf(l.Line, "front matter has no id; add id: with lowercase letters, digits and '-'")
	case !ValidID(l.ID):
		r.errorf(l.Line, "lesson id %q may use only lowercase letters, digits and '-'", l.ID)
	}
	if l.Title == "" {
		r.errorf(l.Line, "front matter has no title; add title:")
	}
}

// stepID splits a heading's text into the step's title and id, and reports
// what is wrong with them.
func stepID(text string, line int, r *reporter) (title, id string) {
	title = text
	if strings.HasSuffix(text, "}") {
		if i := strings.LastIndex(text, "{#"); i >= 0 {
			title = strings.TrimSpace(text[:i])
			id = text[i+2 : len(text)-1]
			switch {
			case id == "":
				r.errorf(line, "the step's {#} is empty; write an id in it, as in {#create-the-table}")
			case !ValidID(id):
				r.errorf(line, "step id %q may use only lowercase letters, digits and '-'", id)
			}
			if title == "" {
				r.errorf(line, "step heading has no title; write one after ##")
			}
			return title, id
		}
	}
	if title == "" {
		r.errorf(line, "step heading has no title; write one after ##")
		return title, ""
	}
	id = Slug(title)
	if id == "" {
		r.errorf(line, "step title %q gives an empty id; add one at the end of the heading, as in ## %s {#my-step}", title, title)
	}
	return title, id
}
