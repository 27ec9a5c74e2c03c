package lessons

import "testing"

// The course.yaml lines before lessons: in most cases below.
const head = "format: 1\nid: test\ntitle: Test\n"

// cleanLesson is a lesson file with no problem.
var cleanLesson = md(testFrontMatter + cleanStep)

func TestLintCourseYAML(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "a clean course",
			files: map[string]string{"course.yaml": head + "lessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{},
		},
		{
			name:  "course without format",
			files: map[string]string{"course.yaml": "id: test\ntitle: Test\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{"course.yaml:1: course.yaml has no format; add format: 1"},
		},
		{
			name:  "format 3",
			files: map[string]string{"course.yaml": "id: test\ntitle: Test\nformat: 3\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{"course.yaml:3: format: 3 is not supported; this sandcastle reads formats 1 and 2"},
		},
		{
			name:  "format with no value",
			files: map[string]string{"course.yaml": "format:\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{"course.yaml:1: format has no value; write format: 2"},
		},
		{
			name:  "format that is not a number",
			files: map[string]string{"course.yaml": "# Score Keeper\nformat: one\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{"course.yaml:2: format: one is not supported; this sandcastle reads formats 1 and 2"},
		},
		{
			name:  "course without id",
			files: map[string]string{"course.yaml": "format: 1\ntitle: Test\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{"course.yaml:1: course.yaml has no id; add id: with lowercase letters, digits and '-'"},
		},
		{
			name:  "course id with other characters",
			files: map[string]string{"course.yaml": "format: 1\nid: Score_Keeper\ntitle: Test\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{`course.yaml:2: course id "Score_Keeper" may use only lowercase letters, digits and '-'`},
		},
		{
			name:  "course without title",
			files: map[string]string{"course.yaml": "format: 1\nid: test\ntitle: \"\"\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{"course.yaml:1: course.yaml has no title; add title:"},
		},
		{
			name:  "title that is a list",
			files: map[string]string{"course.yaml": "format: 1\nid: test\ntitle: [a, b]\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want: []string{
				"course.yaml:1: course.yaml has no title; add title:",
				"course.yaml:3: title must be text, not a list or a mapping",
			},
		},
		{
			name:  "course without lessons",
			files: map[string]string{"course.yaml": head, "01-a.md": cleanLesson},
			want:  []string{"course.yaml:1: course.yaml has no lessons; list the lesson files in learning order under lessons:"},
		},
		{
			name:  "empty lessons",
			files: map[string]string{"course.yaml": head + "lessons: []\n"},
			want:  []string{"course.yaml:4: lessons is empty; list the lesson files in learning order"},
		},
		{
			name:  "lessons with no value",
			files: map[string]string{"course.yaml": head + "lessons:\n"},
			want:  []string{"course.yaml:4: lessons is empty; list the lesson files in learning order"},
		},
		{
			name:  "lessons that is not a list",
			files: map[string]string{"course.yaml": head + "lessons: 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{`course.yaml:4: lessons must be a list of lesson files, one "- FILE.md" per line`},
		},
		{
			name:  "lesson entry that is not a file name",
			files: map[string]string{"course.yaml": head + "lessons:\n  - 01-a.md\n  - {file: 02-b.md}\n", "01-a.md": cleanLesson},
			want:  []string{"course.yaml:6: lessons entries are file names, as in - 01-first-table.md"},
		},
		{
			name:  "lesson entry outside the course folder",
			files: map[string]string{"course.yaml": head + "lessons:\n  - 01-a.md\n  - ../02-b.md\n", "01-a.md": cleanLesson},
			want:  []string{`course.yaml:6: lesson file "../02-b.md" must be a path inside the course folder, with / between folders`},
		},
		{
			name:  "missing lesson file",
			files: map[string]string{"course.yaml": head + "lessons:\n  - 01-a.md\n  - 02-b.md\n", "01-a.md": cleanLesson},
			want:  []string{`course.yaml:6: lesson file "02-b.md" does not exist; create it or remove it from lessons`},
		},
		{
			name:  "lesson listed twice",
			files: map[string]string{"course.yaml": head + "lessons:\n  - 01-a.md\n  - ./01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{`course.yaml:6: lesson file "01-a.md" is listed twice; remove one of the entries`},
		},
		{
			name: "language without run",
			files: map[string]string{
				"course.yaml": head + "lessons:\n  - 01-a.md\nlanguages:\n  go:\n    run: \"\"\n  python: {}\n",
				"01-a.md":     cleanLesson,
			},
			want: []string{
				`course.yaml:7: language "go" needs run:, the command that starts the learner's server, as in run: "go run ./server"`,
				`course.yaml:9: language "python" needs run:, the command that starts the learner's server, as in run: "go run ./server"`,
			},
		},
		{
			name: "language that is not go or python",
			files: map[string]string{
				"course.yaml": head + "lessons:\n  - 01-a.md\nlanguages:\n  rust:\n    run: cargo run\n",
				"01-a.md":     cleanLesson,
			},
			want: []string{`course.yaml:7: warning: language "rust" is not go or python; check its spelling`},
		},
		{
			name: "language name that is not a lowercase word",
			files: map[string]string{
				"course.yaml": head + "lessons:\n  - 01-a.md\nlanguages:\n  Go:\n    run: go run ./server\n",
				"01-a.md":     cleanLesson,
			},
			want: []string{`course.yaml:7: language name "Go" must be a lowercase word, such as go or python`},
		},
		{
			name: "languages that is not a mapping",
			files: map[string]string{
				"course.yaml": head + "lessons:\n  - 01-a.md\nlanguages: [go, python]\n",
				"01-a.md":     cleanLesson,
			},
			want: []string{`course.yaml:6: languages must map each language to the command that starts the learner's server, as in go: {run: "go run ./server"}`},
		},
		{
			name: "unknown key in a language",
			files: map[string]string{
				"course.yaml": head + "lessons:\n  - 01-a.md\nlanguages:\n  go:\n    run: go run ./server\n    rnu: x\n",
				"01-a.md":     cleanLesson,
			},
			want: []string{`course.yaml:9: warning: unknown key "rnu"; did you mean "run"?`},
		},
		{
			name:  "unknown key near a known one",
			files: map[string]string{"course.yaml": head + "descripton: x\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{`course.yaml:4: warning: unknown key "descripton"; did you mean "description"?`},
		},
		{
			name:  "unknown key far from the known ones",
			files: map[string]string{"course.yaml": head + "author: me\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{`course.yaml:4: warning: unknown key "author"; course.yaml takes format, id, title, description, lessons, languages and catch_up`},
		},
		{
			name:  "catch_up that is not true or false",
			files: map[string]string{"course.yaml": head + "catch_up: never\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{`course.yaml:4: catch_up must be true or false, not "never"`},
		},
		{
			name:  "catch_up that is a list",
			files: map[string]string{"course.yaml": head + "catch_up: [false]\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{`course.yaml:4: catch_up must be true or false, not a list or a mapping`},
		},
		{
			name:  "key given twice",
			files: map[string]string{"course.yaml": head + "id: again\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{`course.yaml:4: key "id" is given twice; keep one`},
		},
		{
			name:  "YAML syntax error",
			files: map[string]string{"course.yaml": "format: 1\nid: test\n  title: Test\nlessons:\n  - 01-a.md\n", "01-a.md": cleanLesson},
			want:  []string{"course.yaml:3: course.yaml is not valid YAML: mapping values are not allowed in this context"},
		},
		{
			name:  "course.yaml that is not a mapping",
			files: map[string]string{"course.yaml": "- format: 1\n"},
			want:  []string{"course.yaml:1: course.yaml must hold keys: format, id, title, lessons and, optionally, description and languages"},
		},
		{
			name:  "empty course.yaml",
			files: map[string]string{"course.yaml": ""},
			want: []string{
				"course.yaml:1: course.yaml has no format; add format: 1",
				"course.yaml:1: course.yaml has no id; add id: with lowercase letters, digits and '-'",
				"course.yaml:1: course.yaml has no title; add title:",
				"course.yaml:1: course.yaml has no lessons; list the lesson files in learning order under lessons:",
			},
		},
		{
			name: "markdown file not listed",
			files: map[string]string{
				"course.yaml":  head + "lessons:\n  - 01-a.md\n",
				"01-a.md":      cleanLesson,
				"02-b.md":      cleanLesson,
				"README.md":    "# About this course\n",
				"notes/012.md": "not at the top of the folder\n",
				"notes.txt":    "not Markdown\n",
			},
			want: []string{"02-b.md:1: lesson file is not listed in course.yaml's lessons"},
		},
		{
			name:  "course.yaml with CRLF and a byte order mark",
			files: map[string]string{"course.yaml": "\ufeffformat: 1\r\nid: test\r\ntitle: Test\r\nlessons:\r\n  - 01-a.md\r\n", "01-a.md": cleanLesson},
			want:  []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertLines(t, lintCourse(t, tt.files), tt.want)
		})
	}
}

func TestCourseCatchUp(t *testing.T) {
	for _, tt := range []struct {
		name, line string
		off        bool
	}{
		{"not written: a learner may catch up", "", false},
		{"catch_up: true", "catch_up: true\n", false},
		{"catch_up: false turns it off", "catch_up: false\n", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"course.yaml": head + tt.line + "lessons:\n  - 01-a.md\n", "01-a.md": cleanLesson}
			c, probs, err := Load(courseFS(files), "test")
			if err != nil || len(probs) > 0 {
				t.Fatalf("Load: %v %v", err, probs)
			}
			if c.NoCatchUp != tt.off {
				t.Errorf("NoCatchUp = %v, want %v", c.NoCatchUp, tt.off)
			}
		})
	}
}
