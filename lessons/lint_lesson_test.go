package lessons

import "testing"

// langCourse is a course with two server languages and one lesson, 01-a.md.
func langCourse(lesson string) map[string]string {
	return map[string]string{
		"course.yaml": head + "lessons:\n  - 01-a.md\nlanguages:\n  go:\n    run: go run ./server\n  python:\n    run: python3 server/app.py\n",
		"01-a.md":     md(lesson),
	}
}

func TestLintFrontMatter(t *testing.T) {
	tests := []struct {
		name   string
		lesson string
		want   []string
	}{
		{
			name:   "lesson without front matter",
			lesson: "# Hello\n" + cleanStep,
			want:   []string{"01-a.md:1: lesson has no front matter; start the file with a --- line, then id: and title:, then ---"},
		},
		{
			name:   "front matter that is never closed",
			lesson: "---\nid: a\ntitle: A\n" + cleanStep,
			want:   []string{"01-a.md:1: front matter is never closed; end it with a --- line"},
		},
		{
			name:   "front matter with a YAML error",
			lesson: "---\nid: a\n  title: A\n---\n" + cleanStep,
			want:   []string{"01-a.md:3: front matter is not valid YAML: mapping values are not allowed in this context"},
		},
		{
			name:   "front matter that is not a mapping",
			lesson: "---\n- id: a\n---\n" + cleanStep,
			want:   []string{"01-a.md:1: front matter must hold keys: id, title and, optionally, summary"},
		},
		{
			name:   "front matter without id",
			lesson: "---\ntitle: A\n---\n" + cleanStep,
			want:   []string{"01-a.md:1: front matter has no id; add id: with lowercase letters, digits and '-'"},
		},
		{
			name:   "lesson id with other characters",
			lesson: "---\nid: First Table\ntitle: A\n---\n" + cleanStep,
			want:   []string{`01-a.md:1: lesson id "First Table" may use only lowercase letters, digits and '-'`},
		},
		{
			name:   "front matter without title",
			lesson: "---\nid: a\n---\n" + cleanStep,
			want:   []string{"01-a.md:1: front matter has no title; add title:"},
		},
		{
			name:   "title that is a mapping",
			lesson: "---\nid: a\ntitle: {text: A}\n---\n" + cleanStep,
			want: []string{
				"01-a.md:1: front matter's title must be text, not a list or a mapping",
				"01-a.md:1: front matter has no title; add title:",
			},
		},
		{
			name:   "unknown front matter key",
			lesson: "---\nid: a\ntitle: A\nsummery: One line.\n---\n" + cleanStep,
			want:   []string{`01-a.md:1: warning: unknown key "summery"; did you mean "summary"?`},
		},
		{
			name:   "front matter key given twice",
			lesson: "---\nid: a\ntitle: A\nid: b\n---\n" + cleanStep,
			want:   []string{`01-a.md:1: key "id" is given twice; keep one`},
		},
		{
			name:   "empty lesson file",
			lesson: "",
			want: []string{
				"01-a.md:1: lesson has no front matter; start the file with a --- line, then id: and title:, then ---",
				"01-a.md:1: lesson has no steps; start one with a ## heading",
			},
		},
		{
			name:   "lesson with no steps",
			lesson: testFrontMatter + "Only prose.\n\n### Not a step\n# Nor this\n",
			want:   []string{"01-a.md:1: lesson has no steps; start one with a ## heading"},
		},
		{
			name:   "lesson with CRLF and a byte order mark",
			lesson: "\ufeff---\r\nid: a\r\ntitle: A\r\n---\r\n## Step one\r\n'''sql check \"one row\"\r\nSELECT 1;\r\n'''\r\n'''expect\r\n| 1 |\r\n'''\r\n'''hint\r\nh\r\n'''\r\n'''sql check\r\n'''\r\n",
			want: []string{
				"01-a.md:15: a check needs a body or run=; write a query in the block, or name a learner's .sql file with run=PATH",
				`01-a.md:15: warning: check has no title; add one in quotes, as in '''sql check "the scores table exists"'''`,
				"01-a.md:15: check has no expect; add an '''expect''' block right after it",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertLines(t, lintCourse(t, oneLesson(tt.lesson)), mdAll(tt.want))
		})
	}
}

func mdAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = md(l)
	}
	return out
}

func TestLintIDs(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "two lessons with one id",
			files: map[string]string{
				"course.yaml": head + "lessons:\n  - 01-a.md\n  - 02-b.md\n",
				"01-a.md":     cleanLesson,
				"02-b.md":     cleanLesson,
			},
			want: []string{`02-b.md:1: lesson id "a" is already used by 01-a.md; give this lesson another id`},
		},
		{
			name:  "two steps with one id",
			files: oneLesson(testFrontMatter + cleanStep + cleanStep),
			want:  []string{`01-a.md:15: step id "step-one" is already used by the step at line 5; give one of them an explicit id, as in ## Title {#other-id}`},
		},
		{
			name:  "two steps with one explicit id",
			files: oneLesson(testFrontMatter + cleanStep + "## Step two {#step-one}\n" + cleanStep[len("## Step one\n"):]),
			want:  []string{`01-a.md:15: step id "step-one" is already used by the step at line 5; give one of them an explicit id, as in ## Title {#other-id}`},
		},
		{
			name:  "explicit id with other characters",
			files: oneLesson(testFrontMatter + "## Step one {#Step_One}\n" + cleanStep[len("## Step one\n"):]),
			want:  []string{`01-a.md:5: step id "Step_One" may use only lowercase letters, digits and '-'`},
		},
		{
			name:  "empty explicit id",
			files: oneLesson(testFrontMatter + "## Step one {#}\n" + cleanStep[len("## Step one\n"):]),
			want:  []string{"01-a.md:5: the step's {#} is empty; write an id in it, as in {#create-the-table}"},
		},
		{
			name:  "title that gives an empty id",
			files: oneLesson(testFrontMatter + "## ¿¡!\n" + cleanStep[len("## Step one\n"):]),
			want:  []string{`01-a.md:5: step title "¿¡!" gives an empty id; add one at the end of the heading, as in ## ¿¡! {#my-step}`},
		},
		{
			name:  "heading without a title",
			files: oneLesson(testFrontMatter + "## {#first}\n" + cleanStep[len("## Step one\n"):]),
			want:  []string{"01-a.md:5: step heading has no title; write one after ##"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertLines(t, lintCourse(t, tt.files), tt.want)
		})
	}
}
