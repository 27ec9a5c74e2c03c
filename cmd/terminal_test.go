package cmd

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/internal/workspace"
)

// hostileText is what a course could send a terminal: OSC 52 (sets the
// clipboard), OSC 0 (the window's title), CSI 2J (clears the screen), an
// SGR that hides text, the C1 control CSI and a bidi override.
const hostileText = "\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;pwned\x07\x1b[2J\x1b[8m\u009b31m\u202e"

// hostileYAML is hostileText as YAML escapes.
const hostileYAML = `\e]52;c;ZWNobyBwd25lZA==\a\e]0;pwned\a\e[2J\e[8m\x9b31m\u202e`

const hostileCourseYAML = `format: 1
id: hostile
title: "Hostile %[2]s"
description: "A course that writes to the terminal %[2]s"
lessons:
  - 01-a.md
`

const hostileLesson = "---\nid: a\ntitle: \"A %[2]s\"\nsummary: \"s %[2]s\"\n---\n\nIntro %[1]s\n\n" +
	"## Make the table %[1]s {#make}\n\nWrite `%[1]s` in schema.sql, as in\n\n```text\n%[1]s\n```\n\n" +
	"```sql file=schema.sql\n-- Create t here.\n```\n\n" +
	"```sql solution file=schema.sql\nCREATE TABLE t (x); -- %[1]s\n```\n\n" +
	"```sql check \"t is there %[1]s\"\nSELECT count(*) FROM t;\n```\n\n" +
	"```expect\n| count(*) |\n| -------- |\n| 0        |\n```\n\n" +
	"```hint\nTry %[1]s\n```\n\n" +
	"## Then the second %[1]s {#second}\n\nProse %[1]s\n\n" +
	"```sql check \"t has no row %[1]s\"\nSELECT count(*) FROM t;\n```\n\n" +
	"```expect\n| count(*) |\n| -------- |\n| 0        |\n```\n\n" +
	"```hint\nTry again %[1]s\n```\n"

// writeHostileCourse writes the course into dir, with text (and yaml in
// its YAML) where the hostile text goes.
func writeHostileCourse(t *testing.T, dir, text, yaml string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, tmpl := range map[string]string{"course.yaml": hostileCourseYAML, "01-a.md": hostileLesson} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(fmt.Sprintf(tmpl, text, yaml)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// hostileApp is an app whose commands run in a workspace of the hostile
// course, which lint refuses: the workspace is made with the course
// without its hostile text, and each command's session gets the hostile
// course as it loads, problems and all, to show what reaches the
// presenters when a course gets past lint.
func hostileApp(t *testing.T) (a *app, ws string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	root := t.TempDir()
	plain, hostile := filepath.Join(root, "plain"), filepath.Join(root, "hostile")
	writeHostileCourse(t, plain, "", "")
	writeHostileCourse(t, hostile, hostileText, hostileYAML)
	ws = filepath.Join(root, "ws")
	w, _, err := workspace.Init(context.Background(), ws, plain, "")
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	c, problems, err := workspace.LoadFolder(hostile)
	if err != nil || c.Title != "Hostile "+hostileText {
		t.Fatalf("the hostile course: %q, %v (%v)", c.Title, err, problems)
	}
	a = &app{find: func(ctx context.Context, _ string) (*session.Session, error) {
		w, err := workspace.Open(ws)
		if err != nil {
			return nil, err
		}
		w.Course = c
		return session.New(ctx, w)
	}}
	return a, ws
}

// ourStyles are the escapes paint writes.
var ourStyles = regexp.MustCompile("\x1b\\[(0|1|2|31|32|33|32;1)m")

// foreign reports the first character of out a terminal would act on,
// besides the styles paint writes when color is set.
func foreign(out string, color bool) (string, bool) {
	if color {
		out = ourStyles.ReplaceAllString(out, "")
	}
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		if r == utf8.RuneError && size == 1 || termtext.Unsafe(r) {
			return fmt.Sprintf("%q in %q", out[i:i+size], lineOf(out, i)), true
		}
		i += size
	}
	return "", false
}

func lineOf(text string, i int) string {
	start := strings.LastIndexByte(text[:i], '\n') + 1
	end := strings.IndexByte(text[i:], '\n')
	if end < 0 {
		return text[start:]
	}
	return text[start : i+end]
}

// TestHostileCourseText: no command shows a course's escapes, C1 controls
// or bidi controls, with colour (only paint's styles) or without (no
// escape at all), even for a course that got past lint.
func TestHostileCourseText(t *testing.T) {
	for _, color := range []bool{false, true} {
		a, ws := hostileApp(t)
		for _, args := range [][]string{
			{"show"}, {"show", "a/second"}, {"hint"}, {"hint"}, {"hint", "a/second"}, {"solution"}, {"status"},
			{"status", "--json"}, {"check"}, {"check", "--all"}, {"goto", "a/second"}, {"trust", "--show"}, {},
			{"reset", "--all"},
		} {
			t.Run(fmt.Sprintf("%s color=%v", strings.Join(args, " "), color), func(t *testing.T) {
				var out, errOut bytes.Buffer
				a.io = &Streams{Out: &out, Err: &errOut, Color: color}
				code := run(context.Background(), a, append([]string{"-C", ws}, args...))
				if out.Len() == 0 {
					t.Fatalf("exit %d and nothing printed: %s", code, errOut.String())
				}
				for name, text := range map[string]string{"stdout": out.String(), "stderr": errOut.String()} {
					if what, ok := foreign(text, color); ok {
						t.Errorf("%s shows %s", name, what)
					}
				}
			})
		}
		// The step passes with its solution: the next step's title and the
		// course's, when it is finished, are shown too.
		t.Run(fmt.Sprintf("passing checks color=%v", color), func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(ws, "schema.sql"), []byte("CREATE TABLE t (x);"), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"check", "a/make"}, {"check", "a/second"}, {"status"}} {
				var out, errOut bytes.Buffer
				a.io = &Streams{Out: &out, Err: &errOut, Color: color}
				run(context.Background(), a, append([]string{"-C", ws}, args...))
				for name, text := range map[string]string{"stdout": out.String(), "stderr": errOut.String()} {
					if what, ok := foreign(text, color); ok {
						t.Errorf("%s: %s shows %s", strings.Join(args, " "), name, what)
					}
				}
			}
		})
	}
}
