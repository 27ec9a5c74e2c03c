package lessons

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestProseForOneLanguage(t *testing.T) {
	lesson := testFrontMatter + "Both read this.\n\n'''go prose\nIn Go, `db.Exec` runs it.\n'''\n\n'''python prose\nIn Python, `db.execute` runs it.\n'''\n\n" + cleanStep
	files := format2(lesson)
	files["course.yaml"] += "languages:\n  go:\n    run: go run ./server\n  python:\n    run: python3 server/app.py\n"
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	c, problems, err := Load(fsys, "test")
	if err != nil || len(problems.Errors()) > 0 {
		t.Fatal(err, problems)
	}
	intro := c.Lessons[0].Intro
	for _, tt := range []struct {
		lang      string
		want, not []string
	}{
		{"go", []string{"Both read this.", "In Go, `db.Exec` runs it."}, []string{"Python"}},
		{"python", []string{"Both read this.", "In Python, `db.execute` runs it."}, []string{"In Go"}},
		{"", []string{"In Go", "In Python"}, []string{"```", "prose"}},
	} {
		got := intro.For(c, tt.lang)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("for %q the prose lacks %q:\n%s", tt.lang, w, got)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(got, n) {
				t.Errorf("for %q the prose holds %q:\n%s", tt.lang, n, got)
			}
		}
	}

	t.Run("lint", func(t *testing.T) {
		for _, tt := range []struct {
			name  string
			files map[string]string
			want  []string
		}{
			{"format 1", oneLesson(testFrontMatter + "'''go prose\nGo.\n'''\n\n" + cleanStep),
				[]string{"01-a.md:5: the prose block belongs to format 2; declare format: 2 in course.yaml",
					`01-a.md:5: a prose block is for the learners of one of the course's languages (); "go" is not one`}},
			{"no language", format2(testFrontMatter + "'''prose\nAll.\n'''\n\n" + cleanStep),
				[]string{"01-a.md:5: a prose block is for the learners of one server language: name it first, as in ```python prose```"}},
			{"not a language of the course", format2(testFrontMatter + "'''rust prose\nRust.\n'''\n\n" + cleanStep),
				[]string{`01-a.md:5: a prose block is for the learners of one of the course's languages (); "rust" is not one`}},
		} {
			t.Run(tt.name, func(t *testing.T) { assertLines(t, lintCourse(t, tt.files), tt.want) })
		}
	})
}
