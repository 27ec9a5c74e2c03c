// Package termtexttest holds what the tests of terminal safety share: text
// a hostile course sends a terminal, a course that carries it everywhere a
// course has text, and a finder of what a terminal would act on in output.
package termtexttest

import (
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

// Text is what a hostile course sends a terminal: OSC 52 (sets the
// clipboard), OSC 0 (the window's title), CSI 2J (clears the screen), an
// SGR that hides text, the C1 control CSI, a bidi override, and an SGR
// that sandcastle uses itself (bold), which a terminal's guard lets
// through: only the presenters can stop it.
const Text = "\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;pwned\x07\x1b[2J\x1b[8m\u009b31m\u202e" + bold

// YAML is Text as the escapes of a YAML string in double quotes.
const YAML = `\e]52;c;ZWNobyBwd25lZA==\a\e]0;pwned\a\e[2J\e[8m\x9b31m\u202e\e[1mbold`

// bold is the SGR in Text that looks like sandcastle's own.
const bold = "\x1b[1mbold"

const courseYAML = `format: 1
id: hostile
title: "Hostile %[2]s"
description: "A course that writes to the terminal %[2]s"
lessons:
  - 01-a.md
`

const lesson = "---\nid: a\ntitle: \"A %[2]s\"\nsummary: \"s %[2]s\"\n---\n\nIntro %[1]s\n\n" +
	"## Make the table %[1]s {#make}\n\nWrite `%[1]s` in schema.sql, as in\n\n```text\n%[1]s\n```\n\n" +
	"```sql file=schema.sql\n-- Create t here.\n```\n\n" +
	"```sql solution file=schema.sql\nCREATE TABLE t (x); -- %[1]s\n```\n\n" +
	"```sql check \"t is there %[1]s\"\nSELECT count(*) FROM t;\n```\n\n" +
	"```expect\n| count(*) |\n| -------- |\n| 0        |\n```\n\n" +
	"```hint\nTry %[1]s\n```\n\n" +
	"## Then the second %[1]s {#second}\n\nProse %[1]s\n\n" +
	"```sql check \"t has no row %[1]s\"\nSELECT count(*) FROM t;\n```\n\n" +
	"```expect\n| count(*) |\n| -------- |\n| 0        |\n```\n\n" +
	"```sh check \"it echoes %[1]s\"\necho '%[1]s'\n```\n\n```expect\nexit 0\n```\n\n" +
	"```hint\nTry again %[1]s\n```\n"

// WriteCourse writes into dir a course of one lesson (a, steps a/make and
// a/second) with text in its prose, a code span, a code block, a solution,
// check titles, an sh check's command (which the course runs once trusted)
// and hints, and yaml in its YAML strings (course.yaml's title
// and description, the lesson's title and summary). Text and YAML carry
// the hostile text; "" and "" make the same course, plain.
func WriteCourse(dir, text, yaml string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, tmpl := range map[string]string{"course.yaml": courseYAML, "01-a.md": lesson} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(fmt.Sprintf(tmpl, text, yaml)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Find returns, quoted with its line, the first character of out that a
// terminal would act on (a byte that is not UTF-8 included), besides the
// escape sequences ours matches (nil: none may be there).
func Find(out string, ours *regexp.Regexp) (string, bool) {
	if i := strings.Index(out, bold); i >= 0 {
		return fmt.Sprintf("the course's own bold on line %d: %q", 1+strings.Count(out[:i], "\n"), lineAt(out, i)), true
	}
	if ours != nil {
		out = ours.ReplaceAllString(out, "")
	}
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		if r == utf8.RuneError && size == 1 || termtext.Unsafe(r) {
			line := 1 + strings.Count(out[:i], "\n")
			return fmt.Sprintf("%q on line %d: %q", out[i:i+size], line, lineAt(out, i)), true
		}
		i += size
	}
	return "", false
}

// lineAt is the line of text that holds the byte at i.
func lineAt(text string, i int) string {
	start := strings.LastIndexByte(text[:i], '\n') + 1
	end := strings.IndexByte(text[i:], '\n')
	if end < 0 {
		return text[start:]
	}
	return text[start : i+end]
}

// Workspace makes a workspace of the hostile course, which lint refuses: it
// is made with the course written plain, and open gives a session of it
// with the hostile course as it loads, problems and all, to show what
// reaches the presenters when a course gets past lint. Each call to open
// reads the workspace afresh; the caller closes the session.
func Workspace(t testing.TB) (dir string, open func(context.Context) (*session.Session, error)) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // trust is recorded there: never the real one
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	root := t.TempDir()
	plain, hostile := filepath.Join(root, "plain"), filepath.Join(root, "hostile")
	if err := WriteCourse(plain, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := WriteCourse(hostile, Text, YAML); err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(root, "ws")
	ws, _, err := workspace.Init(context.Background(), dir, plain, "")
	if err != nil {
		t.Fatal(err)
	}
	ws.Close()
	c, _, err := workspace.LoadFolder(hostile)
	if err != nil || c.Title != "Hostile "+Text {
		t.Fatalf("the hostile course: %q, %v", c.Title, err)
	}
	return dir, func(ctx context.Context) (*session.Session, error) {
		ws, err := workspace.Open(dir)
		if err != nil {
			return nil, err
		}
		ws.Course = c
		return session.New(ctx, ws)
	}
}
