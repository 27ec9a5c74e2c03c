package lessons

import (
	"path"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// lessonEntry is one item of course.yaml's lessons list.
type lessonEntry struct {
	file string
	line int
}

// courseKeys are the keys course.yaml takes in a course of format.
func courseKeys(format int) []string {
	keys := []string{"format", "id", "title", "description", "lessons", "languages", "catch_up"}
	if format >= 2 {
		keys = append(keys, "version", "points", "build")
	}
	return keys
}

// parseCourseYAML fills c from course.yaml and returns the lesson files it
// lists. listed is false when there is no readable lessons list at all.
func parseCourseYAML(c *Course, data []byte, r *reporter) (entries []lessonEntry, listed bool) {
	lines := splitLines(data)
	lintControls(lines, nil, r)
	root, err := decodeYAML(normalizeText(data))
	if err != nil {
		line, msg := yamlError(err)
		r.errorf(max(line, 1), "course.yaml is not valid YAML: %s", msg)
		return nil, false
	}
	if root != nil && root.Kind != yaml.MappingNode {
		r.errorf(max(root.Line, 1), "course.yaml must hold keys: format, id, title, lessons and, optionally, description and languages")
		return nil, false
	}
	var fields []yamlField
	if root != nil {
		lintYAMLControls(root, "course.yaml", lines, nodeLine, r)
		fields = mappingFields(root, r, nodeLine)
	}
	have := map[string]bool{}
	versionLine, pointsLine, buildLine := 0, 0, 0
	var unknown []yamlField // reported once the format is known
	for _, f := range fields {
		have[f.key] = true
		switch f.key {
		case "format":
			courseFormat(c, f, r)
		case "id":
			c.ID = courseText(f, r)
			if c.ID != "" && !ValidID(c.ID) {
				r.errorf(f.line, "course id %q may use only lowercase letters, digits and '-'", c.ID)
			}
		case "title":
			c.Title = courseText(f, r)
		case "description":
			c.Description = courseText(f, r)
		case "version":
			versionLine = f.line
			if c.Release = courseText(f, r); c.Release == "" {
				r.errorf(f.line, "version has no value; write the course's version, as in version: 2026.12.1, or remove it")
			}
		case "lessons":
			entries, listed = lessonEntries(f, r)
		case "languages":
			c.Languages = courseLanguages(f, r)
		case "points":
			c.points = coursePoints(f, r)
			pointsLine = f.line
		case "build":
			c.Build = courseBuild(f, r)
			buildLine = f.line
		case "catch_up":
			c.NoCatchUp = !courseBool(f, r)
		default:
			unknown = append(unknown, f)
		}
	}
	for _, f := range unknown {
		unknownKey(r, f, courseKeys(c.Format), "course.yaml")
	}
	missingCourseKeys(c, have, r)
	if versionLine > 0 && c.Format == 1 {
		r.errorf(versionLine, "%s", needsFormat2("version"))
	}
	if pointsLine > 0 && c.Format == 1 {
		r.errorf(pointsLine, "%s", needsFormat2("points"))
	}
	if buildLine > 0 && c.Format == 1 {
		r.errorf(buildLine, "%s", needsFormat2("build"))
	}
	return entries, listed
}

func nodeLine(n *yaml.Node) int { return max(n.Line, 1) }

// missingCourseKeys reports the required keys course.yaml lacks, at line 1.
func missingCourseKeys(c *Course, have map[string]bool, r *reporter) {
	if !have["format"] {
		r.errorf(1, "course.yaml has no format; add format: 1")
	}
	if c.ID == "" {
		r.errorf(1, "course.yaml has no id; add id: with lowercase letters, digits and '-'")
	}
	if c.Title == "" {
		r.errorf(1, "course.yaml has no title; add title:")
	}
	if !have["lessons"] {
		r.errorf(1, "course.yaml has no lessons; list the lesson files in learning order under lessons:")
	}
}

func courseFormat(c *Course, f yamlField, r *reporter) {
	v, ok := scalarText(f.value)
	if !ok {
		r.errorf(f.line, "format must be a number; this sandcastle reads formats 1 and %d", FormatVersion)
		return
	}
	if strings.TrimSpace(v) == "" {
		r.errorf(f.line, "format has no value; write format: %d", FormatVersion)
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err == nil {
		c.Format = n
	}
	if err != nil || n < 1 || n > FormatVersion {
		r.errorf(f.line, "format: %s is not supported; this sandcastle reads formats 1 and %d", v, FormatVersion)
	}
}

// courseText returns the text of a key that must be a plain value.
func courseText(f yamlField, r *reporter) string {
	v, ok := scalarText(f.value)
	if !ok {
		r.errorf(f.line, "%s must be text, not a list or a mapping", f.key)
	}
	return strings.TrimSpace(v)
}

// courseBool returns the value of a key that must be true or false.
func courseBool(f yamlField, r *reporter) bool {
	v, ok := scalarText(f.value)
	switch strings.TrimSpace(v) {
	case "true":
		return true
	case "false":
		return false
	}
	if !ok {
		r.errorf(f.line, "%s must be true or false, not a list or a mapping", f.key)
	} else {
		r.errorf(f.line, "%s must be true or false, not %q", f.key, strings.TrimSpace(v))
	}
	return true
}

// lessonEntries reads the lessons list.
func lessonEntries(f yamlField, r *reporter) ([]lessonEntry, bool) {
	n := deref(f.value)
	if v, ok := scalarText(n); ok && v == "" {
		r.errorf(f.line, "lessons is empty; list the lesson files in learning order")
		return nil, true
	}
	if n == nil || n.Kind != yaml.SequenceNode {
		r.errorf(f.line, "lessons must be a list of lesson files, one \"- FILE.md\" per line")
		return nil, false
	}
	if len(n.Content) == 0 {
		r.errorf(f.line, "lessons is empty; list the lesson files in learning order")
	}
	var entries []lessonEntry
	for _, item := range n.Content {
		line := nodeLine(item)
		name, ok := scalarText(item)
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			r.errorf(line, "lessons entries are file names, as in - 01-first-table.md")
			continue
		}
		clean := path.Clean(name)
		if strings.Contains(name, "\\") || strings.HasPrefix(name, "/") || !validFSPath(clean) {
			r.errorf(line, "lesson file %q must be a path inside the course folder, with / between folders", name)
			continue
		}
		entries = append(entries, lessonEntry{file: clean, line: line})
	}
	return entries, true
}

// validFSPath reports whether p can name a file of an fs.FS rooted at the course folder.
func validFSPath(p string) bool {
	if p == "." || p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// courseLanguages reads the languages mapping: name -> {run: COMMAND}.
func courseLanguages(f yamlField, r *reporter) []Language {
	n := deref(f.value)
	if v, ok := scalarText(n); ok && v == "" {
		return nil
	}
	if n == nil || n.Kind != yaml.MappingNode {
		r.errorf(f.line, "languages must map each language to the command that starts the learner's server, as in go: {run: \"go run ./server\"}")
		return nil
	}
	var langs []Language
	for _, lf := range mappingFields(n, r, nodeLine) {
		langs = append(langs, courseLanguage(lf, r))
	}
	return langs
}

func courseLanguage(f yamlField, r *reporter) Language {
	l := Language{Name: f.key}
	switch {
	case !isLowerWord(f.key):
		r.errorf(f.line, "language name %q must be a lowercase word, such as go or python", f.key)
	case f.key != "go" && f.key != "python":
		r.warnf(f.line, "language %q is not go or python; check its spelling", f.key)
	}
	n := deref(f.value)
	if n != nil && n.Kind == yaml.MappingNode {
		for _, kf := range mappingFields(n, r, nodeLine) {
			if kf.key != "run" {
				unknownKey(r, kf, []string{"run"}, "a language")
				continue
			}
			v, _ := scalarText(kf.value)
			l.Run = strings.TrimSpace(v)
		}
	}
	if l.Run == "" {
		r.errorf(f.line, "language %q needs run:, the command that starts the learner's server, as in run: \"go run ./server\"", f.key)
	}
	return l
}

// isLowerWord reports whether s is a lowercase ASCII word: a letter, then letters and digits.
func isLowerWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// needsFormat2 says that what a format 1 course uses is format 2's.
func needsFormat2(what string) string {
	return what + " belongs to format 2; declare format: 2 in course.yaml"
}
