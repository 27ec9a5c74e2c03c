package lessons

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"strconv"
	"strings"
)

// Load reads the course in fsys, whose root is the course folder, and
// reports every problem it finds, errors and warnings, sorted by file in
// course order and by line. The course holds everything that could be
// parsed, even when there are problems. The error is non-nil only when
// course.yaml cannot be read. source is kept in Course.Source; Trusted is
// left false. Course.Hash is the hash of the bytes parsed, course.yaml and
// each lesson file with their names: what a learner trusts.
func Load(fsys fs.FS, source string) (*Course, Problems, error) {
	return load(fsys, source, sha256.New())
}

// checkedSettings are the settings of course.yaml that what a check says
// depends on: the format and how each language's server runs. A lesson's
// Inputs hash them, not the whole file, so that adding a lesson, a title or
// points leaves the fingerprints of the others current.
func checkedSettings(c *Course) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "format %d\n", c.Format)
	for _, l := range c.Languages {
		fmt.Fprintf(&b, "language %q run %q\n", l.Name, l.Run)
	}
	return b.Bytes()
}

// load reads a course, hashing each file it parses into h (when not nil).
func load(fsys fs.FS, source string, h hash.Hash) (*Course, Problems, error) {
	data, err := fs.ReadFile(fsys, "course.yaml")
	if err != nil {
		return nil, nil, fmt.Errorf("read course.yaml: %w", err)
	}
	c := &Course{Source: source}
	hashFile(h, "course.yaml", data)
	cr := &reporter{file: "course.yaml"}
	entries, listed := parseCourseYAML(c, data, cr)
	inputs := sha256.New()
	hashFile(inputs, "course.yaml", checkedSettings(c))
	probs := Problems{}
	order := []string{"course.yaml"}
	seen := map[string]bool{}
	for _, e := range entries {
		if seen[e.file] {
			cr.errorf(e.line, "lesson file %q is listed twice; remove one of the entries", e.file)
			continue
		}
		seen[e.file] = true
		order = append(order, e.file)
		l, lps := readLesson(fsys, e, cr, func(data []byte) {
			hashFile(h, e.file, data)
			hashFile(inputs, e.file, data)
		}, max(c.Format, 1))
		if l != nil {
			l.Inputs = "sha256:" + hex.EncodeToString(inputs.Sum(nil))
			c.Lessons = append(c.Lessons, l)
			probs = append(probs, lps...)
		}
	}
	if listed {
		probs = append(probs, unlistedLessons(fsys, seen)...)
	}
	if c.Build.Student() {
		c.NoCatchUp = true // it has no answers to catch up with
		order = append(order, MistakesFile)
		mr := &reporter{file: MistakesFile}
		if data, err := fs.ReadFile(fsys, MistakesFile); err != nil {
			mr.errorf(1, "a student build needs its %s; build the course again with sandcastle lessons build --student", MistakesFile)
		} else {
			hashFile(h, MistakesFile, data)
			attachMistakes(c, data, mr)
		}
		probs = append(probs, mr.probs...)
	}
	probs = append(probs, checkCourse(c)...)
	applyPoints(c, cr)
	checkRenamed(c, cr)
	probs = append(probs, cr.probs...)
	if data, err := fs.ReadFile(fsys, PrintsFile); err == nil {
		pr := &reporter{file: PrintsFile}
		attachPrints(c, data, pr)
		probs = append(probs, pr.probs...)
		order = append(order, PrintsFile)
	}
	if data, err := fs.ReadFile(fsys, LockFile); err == nil {
		lr := &reporter{file: LockFile}
		checkLock(c, data, lr)
		probs = append(probs, lr.probs...)
		order = append(order, LockFile)
	}
	sortProblems(probs, order)
	if h != nil {
		c.Hash = "sha256:" + hex.EncodeToString(h.Sum(nil))
	}
	return c, probs, nil
}

// hashFile adds a file to a course's hash: its name and length, then its
// bytes, so that no two sets of files hash alike by moving bytes between
// them.
func hashFile(h hash.Hash, name string, data []byte) {
	if h == nil {
		return
	}
	h.Write([]byte(strconv.Quote(name) + " " + strconv.Itoa(len(data)) + "\n"))
	h.Write(data)
}

// readLesson reads and parses the lesson file of one lessons entry.
func readLesson(fsys fs.FS, e lessonEntry, cr *reporter, hash func([]byte), format int) (*Lesson, Problems) {
	data, err := fs.ReadFile(fsys, e.file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		cr.errorf(e.line, "lesson file %q does not exist; create it or remove it from lessons", e.file)
		return nil, nil
	case err != nil:
		cr.errorf(e.line, "cannot read lesson file %q: %v", e.file, err)
		return nil, nil
	}
	hash(data)
	return parseLesson(e.file, data, format)
}

// unlistedLessons reports the Markdown files at the top of the course folder
// that lessons does not list; a README is not a lesson.
func unlistedLessons(fsys fs.FS, listed map[string]bool) Problems {
	dir, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil
	}
	var probs Problems
	for _, d := range dir {
		name := d.Name()
		if d.IsDir() || listed[name] || !strings.HasSuffix(strings.ToLower(name), ".md") || strings.EqualFold(name, "README.md") {
			continue
		}
		probs = append(probs, Problem{File: name, Line: 1, Message: "lesson file is not listed in course.yaml's lessons"})
	}
	return probs
}
