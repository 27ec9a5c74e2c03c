package lessons

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDiffEdit(t *testing.T) {
	many := func(n int, line string) string { return strings.Repeat(line+"\n", n) }
	tests := []struct {
		name, base, target, want string
		context                  int
	}{
		{
			name:    "one line changed, two lines of context",
			base:    "a\nb\nc\nd\ne\nf\ng\n",
			target:  "a\nb\nc\nD\ne\nf\ng\n",
			want:    " b\n c\n-d\n+D\n e\n f\n",
			context: 2,
		},
		{
			name:    "two changes close together make one hunk",
			base:    "a\nb\nc\nd\ne\nf\ng\nh\n",
			target:  "a\nB\nc\nd\ne\nF\ng\nh\n",
			want:    " a\n-b\n+B\n c\n d\n e\n-f\n+F\n g\n h\n",
			context: 2,
		},
		{
			name:    "two changes far apart make two hunks",
			base:    "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n",
			target:  "A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n",
			want:    "-a\n+A\n b\n c\n@@\n h\n i\n-j\n+J\n",
			context: 2,
		},
		{
			name:    "context grows until the hunk is unique",
			base:    "x\n" + many(4, "}") + "y\n" + many(4, "}"),
			target:  "x\n" + many(4, "}") + "y\n" + many(3, "}") + "} // end\n",
			want:    " y\n }\n }\n }\n-}\n+} // end\n",
			context: 2,
		},
		{
			name:    "an empty line of context is written empty",
			base:    "a\n\nb\n",
			target:  "a\n\nc\n",
			want:    " a\n\n-b\n+c\n",
			context: 2,
		},
		{
			name:   "no context where the change alone is unique",
			base:   "a\nb\nc\nd\ne\n",
			target: "a\nb\nC\nd\ne\n",
			want:   "-c\n+C\n",
		},
		{
			name:   "an insertion is placed by the line before it even with no context asked",
			base:   "a\nb\nc\n",
			target: "a\nb\nb2\nc\n",
			want:   " b\n+b2\n",
		},
		{
			name:   "two changes next to each other make one hunk",
			base:   "a\nb\nc\nd\ne\n",
			target: "a\nB\nC\nd\ne\n",
			want:   "-b\n-c\n+B\n+C\n",
		},
		{
			name:   "two changes a line apart make two hunks",
			base:   "a\nb\nc\nd\ne\n",
			target: "a\nB\nc\nD\ne\n",
			want:   "-b\n+B\n@@\n-d\n+D\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := DiffEdit(tt.base, tt.target, tt.context)
			if !ok || got != tt.want {
				t.Fatalf("DiffEdit = %v %q, want %q", ok, got, tt.want)
			}
			back, err := mustParseEdit(t, got).Apply(tt.base)
			if err != nil || back != tt.target {
				t.Errorf("the edit applied to its base gives %q (%v), want %q", back, err, tt.target)
			}
		})
	}
	for _, tt := range []struct{ name, base, target string }{
		{"equal", "a\n", "a\n"},
		{"an empty base", "", "a\n"},
		{"a newline at the end that goes", "a\n", "b"},
	} {
		if got, ok := DiffEdit(tt.base, tt.target, 2); ok {
			t.Errorf("%s: DiffEdit = %q, want no edit", tt.name, got)
		}
	}
}

// fmtCourse is a format 1 course whose second step repeats its first
// step's solution with one line changed, and a mistake that repeats it.
func fmtCourse() fstest.MapFS {
	var server strings.Builder
	for i := range 20 {
		server.WriteString(sprintf("line %d\n", i))
	}
	whole := server.String()
	second := strings.Replace(whole, "line 10\n", "line ten\n", 1)
	mistake := strings.Replace(second, "line 3\n", "line three\n", 1)
	lesson := testFrontMatter + "Intro, kept as it is.  \n\n## One\n'''go solution file=main.go\n" + whole + "'''\n" + cleanTail +
		"## Two\nProse.\n\n'''go solution file=main.go\n" + second + "'''\n" +
		"  '''go mistake file=main.go \"three\"\n" + indentLines(mistake, "  ") + "  '''\n" + cleanTail
	return courseFS(map[string]string{
		"course.yaml": "format: 1 # the first\nid: test\ntitle: Test\nlessons:\n  - 01-a.md\nlanguages:\n  go:\n    run: go run .\n",
		"01-a.md":     strings.ReplaceAll(md(lesson), "\n", "\r\n"),
	})
}

func indentLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n"+prefix) + "\n"
}

func TestRewriteAsEdits(t *testing.T) {
	fsys := fmtCourse()
	rw, err := RewriteAsEdits(fsys, RewriteOptions{Context: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rw.Edits != 2 {
		t.Errorf("Edits = %d, want 2", rw.Edits)
	}
	if got := string(rw.Files["course.yaml"]); !strings.HasPrefix(got, "format: 2 # the first\n") {
		t.Errorf("course.yaml = %q, want format: 2 with its comment", got)
	}
	lesson := string(rw.Files["01-a.md"])
	wantEdit := md("'''go solution file=main.go edit\r\n line 8\r\n line 9\r\n-line 10\r\n+line ten\r\n line 11\r\n line 12\r\n'''\r\n")
	if !strings.Contains(lesson, wantEdit) {
		t.Errorf("the solution is not the edit\n%s\nin\n%s", wantEdit, lesson)
	}
	if !strings.Contains(lesson, md("  '''go mistake file=main.go \"three\" edit\r\n   line 1\r\n   line 2\r\n  -line 3\r\n  +line three\r\n")) {
		t.Errorf("the indented mistake is not an indented edit:\n%s", lesson)
	}
	if !strings.Contains(lesson, "Intro, kept as it is.  \r\n\r\n## One\r\n") {
		t.Errorf("the prose is not kept byte for byte:\n%s", lesson)
	}
	for name, data := range rw.Files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	again, err := RewriteAsEdits(fsys, RewriteOptions{Context: 2})
	if err != nil || len(again.Files) != 0 {
		t.Errorf("a second fmt changes %v (%v), want nothing", again.Files, err)
	}
}

// TestRewriteAsEditsReedit makes a course's edits again with less context,
// and leaves them as they are without Reedit.
func TestRewriteAsEditsReedit(t *testing.T) {
	fsys := fmtCourse()
	rw, err := RewriteAsEdits(fsys, RewriteOptions{Context: 2})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range rw.Files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	if again, err := RewriteAsEdits(fsys, RewriteOptions{Context: 0}); err != nil || len(again.Files) != 0 {
		t.Errorf("without Reedit, fmt changes %v (%v), want nothing", again.Files, err)
	}
	tight, err := RewriteAsEdits(fsys, RewriteOptions{Context: 0, Reedit: true})
	if err != nil {
		t.Fatal(err)
	}
	if tight.Edits != 2 {
		t.Errorf("Edits = %d, want 2", tight.Edits)
	}
	lesson := string(tight.Files["01-a.md"])
	for _, want := range []string{
		md("'''go solution file=main.go edit\r\n-line 10\r\n+line ten\r\n'''\r\n"),
		md("  '''go mistake file=main.go \"three\" edit\r\n  -line 3\r\n  +line three\r\n  '''\r\n"),
	} {
		if !strings.Contains(lesson, want) {
			t.Errorf("want the edit, flagged once,\n%s\nin\n%s", want, lesson)
		}
	}
	for name, data := range tight.Files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	if again, err := RewriteAsEdits(fsys, RewriteOptions{Context: 0, Reedit: true}); err != nil || len(again.Files) != 0 {
		t.Errorf("a second reedit changes %v (%v), want nothing", again.Files, err)
	}
}

func TestRewriteAsEditsRefusesABrokenCourse(t *testing.T) {
	fsys := fmtCourse()
	fsys["01-a.md"] = &fstest.MapFile{Data: []byte(md(testFrontMatter + "## One\n'''sql chek\n'''\n"))}
	if _, err := RewriteAsEdits(fsys, RewriteOptions{Context: 2}); err == nil || !strings.Contains(err.Error(), "fix them first") {
		t.Errorf("RewriteAsEdits = %v, want a refusal naming the problems", err)
	}
}

// wholeCourse returns a copy of the course in fsys with every edit block
// written as the whole file it stands for: the course before lessons fmt.
func wholeCourse(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	c, probs, err := Load(fsys, "")
	if err != nil || len(probs.Errors()) > 0 {
		t.Fatalf("Load: %v %v", err, probs.Errors())
	}
	whole := map[string]map[int]string{}
	for _, s := range c.Steps() {
		for _, f := range s.Files {
			if f.Edit == nil {
				continue
			}
			if whole[s.Lesson.File] == nil {
				whole[s.Lesson.File] = map[int]string{}
			}
			whole[s.Lesson.File][f.Line] = f.Content
		}
	}
	out := fstest.MapFS{}
	entries, _ := fs.ReadDir(fsys, ".")
	for _, e := range entries {
		data, _ := fs.ReadFile(fsys, e.Name())
		if blocks := whole[e.Name()]; blocks != nil {
			data = replaceBlocks(data, blocks, func(_ int, info string) string {
				if !strings.HasSuffix(info, " edit") {
					t.Fatalf("%s: an edit whose flag is not last: %s", e.Name(), info)
				}
				return strings.TrimSuffix(info, " edit")
			})
		}
		out[e.Name()] = &fstest.MapFile{Data: data}
	}
	return out
}

// TestRewriteBuiltin rewrites a copy of the built-in course, its edits
// written out as whole files first: it lints clean, and every step's files,
// solutions and mistakes, resolve in each language to the bytes they had.
func TestRewriteBuiltin(t *testing.T) {
	sub, err := fs.Sub(builtin, "builtin/"+BuiltinID)
	if err != nil {
		t.Fatal(err)
	}
	whole := wholeCourse(t, sub)
	rw, err := RewriteAsEdits(whole, RewriteOptions{Context: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rw.Edits == 0 {
		t.Fatal("no block made an edit")
	}
	over := fstest.MapFS{}
	for name, f := range whole {
		over[name] = f
	}
	for name, data := range rw.Files {
		over[name] = &fstest.MapFile{Data: data}
	}
	before, _, _ := Load(whole, "")
	after, probs, err := Load(over, "")
	if err != nil || len(probs.Errors()) > 0 {
		t.Fatalf("the rewritten course: %v %v", err, probs.Errors())
	}
	if after.Format != 2 {
		t.Errorf("format = %d, want 2", after.Format)
	}
	edits := 0
	for i, s := range after.Steps() {
		b := before.Steps()[i]
		for j, f := range s.Files {
			if f.Edit != nil {
				edits++
			}
			if f.Content != b.Files[j].Content {
				t.Errorf("%s: the %s of %s at %s:%d differs after fmt", s.FullID(), f.Kind, f.Path, s.Lesson.File, f.Line)
			}
		}
		for _, lang := range after.LanguageNames() {
			for _, d := range after.Declared(s, lang) {
				x, _ := after.Version(d.Path, lang, s, Solution)
				y, _ := before.Version(d.Path, lang, b, Solution)
				if x != y {
					t.Errorf("%s [%s]: the solution of %s differs after fmt", s.FullID(), lang, d.Path)
				}
			}
		}
	}
	if edits != rw.Edits {
		t.Errorf("%d blocks are edits, want %d", edits, rw.Edits)
	}
}
