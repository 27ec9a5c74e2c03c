package lessons

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LockFile is where `lessons lock` writes the ids of a course's steps, with
// their titles: a learner's progress is kept by step id, so lint warns when
// a step of the lock is gone (a title edited without an explicit {#id}
// changes the id) and course.yaml does not say where it went (renamed).
const LockFile = "lessons.lock"

// lockAbout is LockFile's header.
const lockAbout = `# The steps of the course, by id, as learners' progress records them. Written by
# sandcastle lessons lock: lint warns when a step here is gone from the course and
# course.yaml's renamed: does not map it. Lines: LESSON-ID/STEP-ID TITLE.
`

// Lock is LockFile's content for c.
func Lock(c *Course) []byte {
	var b bytes.Buffer
	b.WriteString(lockAbout)
	for _, s := range c.Steps() {
		fmt.Fprintf(&b, "%s %s\n", s.FullID(), oneLine(s.Title))
	}
	return b.Bytes()
}

// lockedStep is a line of LockFile.
type lockedStep struct {
	id, title string
	line      int
}

func parseLock(data []byte) []lockedStep {
	var out []lockedStep
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, title, _ := strings.Cut(line, " ")
		out = append(out, lockedStep{id: id, title: title, line: n + 1})
	}
	return out
}

// checkLock warns, at its line of LockFile, about each locked step the
// course no longer has and course.yaml's renamed does not map.
func checkLock(c *Course, data []byte, r *reporter) {
	steps := map[string]bool{}
	for _, s := range c.Steps() {
		steps[s.FullID()] = true
	}
	for _, l := range parseLock(data) {
		if steps[l.id] {
			continue
		}
		if _, ok := c.Renamed[l.id]; ok {
			continue
		}
		r.warnf(l.line, "the step %s (%q) is gone: learners' progress on it would be lost. If its title changed, put {#%s} at the end of its heading to keep its id, or map it under renamed: in course.yaml (%s: NEW-ID); if it went on purpose, run sandcastle lessons lock",
			l.id, l.title, l.id[strings.Index(l.id, "/")+1:], l.id)
	}
}

// courseRenamed reads course.yaml's renamed: old full step id -> new one.
func courseRenamed(f yamlField, r *reporter) (map[string]string, map[string]int) {
	n := deref(f.value)
	if v, ok := scalarText(n); ok && v == "" {
		return nil, nil
	}
	if n == nil || n.Kind != yaml.MappingNode {
		r.errorf(f.line, "renamed must map a step's old id to its new one, as in saving-scores/record-a-score: saving-scores/save-a-score")
		return nil, nil
	}
	out, lines := map[string]string{}, map[string]int{}
	for _, rf := range mappingFields(n, r, nodeLine) {
		v, _ := scalarText(rf.value)
		out[rf.key], lines[rf.key] = strings.TrimSpace(v), rf.line
	}
	return out, lines
}

// checkRenamed reports renamed entries whose new id is not a step, or whose
// old id still is one.
func checkRenamed(c *Course, r *reporter) {
	steps := map[string]bool{}
	for _, s := range c.Steps() {
		steps[s.FullID()] = true
	}
	for from, to := range c.Renamed {
		switch {
		case !steps[to]:
			r.errorf(c.renamedLines[from], "renamed maps %s to %s, which is not a step of the course; write the step's new id (lesson/step)", from, to)
		case steps[from]:
			r.errorf(c.renamedLines[from], "renamed maps %s, which is still a step of the course; remove the entry, or give the step its new id", from)
		}
	}
}
