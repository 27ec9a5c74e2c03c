package lessons

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// pointsEntry is one entry of course.yaml's points: a lesson id (each of
// its steps) or a full step id, and what passing it is worth.
type pointsEntry struct {
	id     string
	points int
	line   int
}

// coursePoints reads course.yaml's points mapping:
//
//	points:
//	  capstone: 3                     # each step of the lesson capstone
//	  capstone/the-whole-api: 10      # this step
func coursePoints(f yamlField, r *reporter) []pointsEntry {
	n := deref(f.value)
	if v, ok := scalarText(n); ok && v == "" {
		return nil
	}
	if n == nil || n.Kind != yaml.MappingNode {
		r.errorf(f.line, "points must map a lesson id or a step id (lesson/step) to a whole number of points, as in capstone: 3")
		return nil
	}
	var entries []pointsEntry
	for _, pf := range mappingFields(n, r, nodeLine) {
		v, ok := scalarText(pf.value)
		p, err := strconv.Atoi(strings.TrimSpace(v))
		if !ok || err != nil || p < 0 {
			r.errorf(pf.line, "points for %s must be a whole number, 0 or more, as in %s: 2", pf.key, pf.key)
			continue
		}
		entries = append(entries, pointsEntry{id: pf.key, points: p, line: pf.line})
	}
	return entries
}

// applyPoints gives every step its points: its own entry, else its
// lesson's, else DefaultPoints. An entry that names no lesson or step is
// reported at its line.
func applyPoints(c *Course, r *reporter) {
	lessonPoints, stepPoints := map[string]int{}, map[string]int{}
	steps := map[string]bool{}
	for _, s := range c.Steps() {
		steps[s.FullID()] = true
	}
	for _, e := range c.points {
		switch {
		case steps[e.id]:
			stepPoints[e.id] = e.points
		case lessonExists(c, e.id):
			lessonPoints[e.id] = e.points
		default:
			r.errorf(e.line, "points names %s, which is neither a lesson id nor a step id (lesson/step) of the course; `sandcastle lessons list` lists them", e.id)
		}
	}
	for _, s := range c.Steps() {
		s.Points = DefaultPoints
		if p, ok := lessonPoints[s.Lesson.ID]; ok {
			s.Points = p
		}
		if p, ok := stepPoints[s.FullID()]; ok {
			s.Points = p
		}
	}
}

func lessonExists(c *Course, id string) bool {
	_, ok := c.Lesson(id)
	return ok
}
