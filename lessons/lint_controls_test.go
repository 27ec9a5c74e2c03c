package lessons

import "testing"

func TestLintControls(t *testing.T) {
	const terminal = "which a terminal acts on or shows out of order"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "CRLF line ends and tabs are text",
			files: oneLesson(crlf(testFrontMatter + "Intro\twith a tab.\n\n" + cleanStep)),
			want:  []string{},
		},
		{
			name:  "an escape in prose",
			files: oneLesson(testFrontMatter + "Press \x1b]52;c;eA==\x07 now.\n\n" + cleanStep),
			want:  []string{"01-a.md:5: line holds U+001B ESC and U+0007 BEL, " + terminal + "; remove them"},
		},
		{
			name:  "a carriage return inside a line",
			files: oneLesson(testFrontMatter + "Shown\rhidden\n\n" + cleanStep),
			want:  []string{"01-a.md:5: line holds U+000D CR, " + terminal + "; remove it"},
		},
		{
			name:  "DEL, a C1 control and a bidi isolate in a hint",
			files: oneLesson(testFrontMatter + "## Step one\n'''sql check \"one\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n'''hint\nx\x7f\u009b\u2067y\n'''\n"),
			want:  []string{"01-a.md:13: line holds U+007F DEL, U+009B CSI and U+2067 RLI, " + terminal + "; remove them"},
		},
		{
			name:  "a byte that is not UTF-8",
			files: oneLesson(testFrontMatter + "Caf\xe9 \x9b2J\n\n" + cleanStep),
			want:  []string{"01-a.md:5: line holds byte 0xE9 (not UTF-8) and byte 0x9B (not UTF-8), " + terminal + "; remove them"},
		},
		{
			name:  "a NUL in a SQL block",
			files: oneLesson(testFrontMatter + "## Step one\n'''sql check \"one\"\nSELECT 1;\x00 DROP TABLE t;\n'''\n'''expect\n| 1 |\n'''\n'''hint\nSelect 1.\n'''\n"),
			want:  []string{"01-a.md:7: a SQL block holds U+0000 NUL, where SQLite would end the statement; remove it"},
		},
		{
			name:  "a NUL and an escape in a SQL block",
			files: oneLesson(testFrontMatter + "## Step one\n'''sql check \"one\"\nSELECT '\x1b[2J';\x00\n'''\n'''expect\n| 1 |\n'''\n'''hint\nSelect 1.\n'''\n"),
			want: []string{
				"01-a.md:7: a SQL block holds U+0000 NUL, where SQLite would end the statement; remove it",
				"01-a.md:7: line holds U+001B ESC, " + terminal + "; remove it",
			},
		},
		{
			name:  "a NUL in prose",
			files: oneLesson(testFrontMatter + "a\x00b\n\n" + cleanStep),
			want:  []string{"01-a.md:5: line holds U+0000 NUL, " + terminal + "; remove it"},
		},
		{
			name:  "an escape in a check's title",
			files: oneLesson(testFrontMatter + "## Step one\n'''sql check \"one \x1b]0;x\x07\"\nSELECT 1;\n'''\n'''expect\n| 1 |\n'''\n'''hint\nSelect 1.\n'''\n"),
			want:  []string{"01-a.md:6: line holds U+001B ESC and U+0007 BEL, " + terminal + "; remove them"},
		},
		{
			name:  "YAML escapes in the front matter",
			files: oneLesson("---\nid: a\ntitle: \"A \\e]0;x\\a\"\nsummary: \"s \\u202e\"\n---\n" + cleanStep),
			want: []string{
				"01-a.md:3: title holds U+001B ESC and U+0007 BEL, " + terminal + "; write the string without them",
				"01-a.md:4: summary holds U+202E RLO, " + terminal + "; write the string without it",
			},
		},
		{
			name: "YAML escapes in course.yaml",
			files: map[string]string{
				"course.yaml": "format: 1\nid: test\ntitle: \"Test \\x9b2J\"\ndescription: \"\\e[2J\"\nlessons:\n  - 01-a.md\n",
				"01-a.md":     md(testFrontMatter + cleanStep),
			},
			want: []string{
				"course.yaml:3: title holds U+009B CSI, " + terminal + "; write the string without it",
				"course.yaml:4: description holds U+001B ESC, " + terminal + "; write the string without it",
			},
		},
		{
			name: "a bidi override written in course.yaml, once",
			files: map[string]string{
				"course.yaml": "format: 1\nid: test\ntitle: \"Test \u202e\"\nlessons:\n  - 01-a.md\n",
				"01-a.md":     md(testFrontMatter + cleanStep),
			},
			want: []string{"course.yaml:3: line holds U+202E RLO, " + terminal + "; remove it"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := tc.files
			if lesson, ok := files["01-a.md"]; ok {
				files["01-a.md"] = md(lesson)
			}
			assertLines(t, lintCourse(t, files), tc.want)
		})
	}
}

func crlf(s string) string {
	out := ""
	for _, c := range s {
		if c == '\n' {
			out += "\r"
		}
		out += string(c)
	}
	return out
}
