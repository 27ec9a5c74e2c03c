package lessons

import (
	"reflect"
	"testing"
)

func TestPoints(t *testing.T) {
	lesson := func(id string) string {
		return md("---\nid: " + id + "\ntitle: " + id + "\n---\n" + cleanStep + "\n" +
			"## Step two\n'''sql check \"one row\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n'''hint\nSelect 1.\n'''\n")
	}
	files := func(yaml string) map[string]string {
		return map[string]string{
			"course.yaml": "format: 2\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\n  - 02-b.md\n" + yaml,
			"01-a.md":     lesson("a"),
			"02-b.md":     lesson("b"),
		}
	}
	load := func(t *testing.T, yaml string) (map[string]int, []string) {
		t.Helper()
		c, probs, err := Load(courseFS(files(yaml)), "test")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, s := range c.Steps() {
			got[s.FullID()] = s.Points
		}
		return got, problemStrings(probs)
	}
	t.Run("a step is worth one point by default", func(t *testing.T) {
		got, probs := load(t, "")
		want := map[string]int{"a/step-one": 1, "a/step-two": 1, "b/step-one": 1, "b/step-two": 1}
		if !reflect.DeepEqual(got, want) || len(probs) != 0 {
			t.Errorf("points %v, problems %v", got, probs)
		}
	})
	t.Run("a lesson's points go to each of its steps, a step's own win", func(t *testing.T) {
		got, probs := load(t, "points:\n  b: 3\n  b/step-two: 10\n  a/step-one: 0\n")
		want := map[string]int{"a/step-one": 0, "a/step-two": 1, "b/step-one": 3, "b/step-two": 10}
		if !reflect.DeepEqual(got, want) || len(probs) != 0 {
			t.Errorf("points %v, problems %v", got, probs)
		}
	})
	t.Run("unknown ids and bad values are reported at their line", func(t *testing.T) {
		_, probs := load(t, "points:\n  c: 2\n  a/step-three: 1\n  b: -1\n  a: lots\n  a/step-one: [1]\n")
		want := []string{
			"course.yaml:8: points names c, which is neither a lesson id nor a step id (lesson/step) of the course; `sandcastle lessons list` lists them",
			"course.yaml:9: points names a/step-three, which is neither a lesson id nor a step id (lesson/step) of the course; `sandcastle lessons list` lists them",
			"course.yaml:10: points for b must be a whole number, 0 or more, as in b: 2",
			"course.yaml:11: points for a must be a whole number, 0 or more, as in a: 2",
			"course.yaml:12: points for a/step-one must be a whole number, 0 or more, as in a/step-one: 2",
		}
		if !reflect.DeepEqual(probs, want) {
			t.Errorf("problems:\n%q\nwant\n%q", probs, want)
		}
	})
	t.Run("points belong to format 2", func(t *testing.T) {
		f := files("points:\n  a: 2\n")
		f["course.yaml"] = "format: 1" + f["course.yaml"][len("format: 2"):]
		_, probs, _ := Load(courseFS(f), "test")
		got := problemStrings(probs)
		if len(got) != 1 || got[0] != "course.yaml:7: points belongs to format 2; declare format: 2 in course.yaml" {
			t.Errorf("problems %q", got)
		}
	})
	t.Run("not a mapping", func(t *testing.T) {
		_, probs := load(t, "points: 3\n")
		if len(probs) != 1 || probs[0] != "course.yaml:7: points must map a lesson id or a step id (lesson/step) to a whole number of points, as in capstone: 3" {
			t.Errorf("problems %q", probs)
		}
	})
}
