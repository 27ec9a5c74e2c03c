package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sandcastle/sandcastle/internal/grade"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/internal/termtext/termtexttest"
	"github.com/sandcastle/sandcastle/internal/workspace"
)

// hostileApp is an app whose commands run in a workspace of
// termtexttest's hostile course, with the course past lint.
func hostileApp(t *testing.T) (a *app, ws string) {
	t.Helper()
	ws, open := termtexttest.Workspace(t)
	return &app{find: func(ctx context.Context, _ string) (*session.Session, error) { return open(ctx) }}, ws
}

// ourStyles are the escapes paint writes.
var ourStyles = regexp.MustCompile("\x1b\\[(0|1|2|31|32|33|32;1)m")

// TestHostileCourseText: no command shows a course's escapes, C1 controls
// or bidi controls, with colour (only paint's styles) or without (no
// escape at all), even for a course that got past lint.
func TestHostileCourseText(t *testing.T) {
	for _, color := range []bool{false, true} {
		a, ws := hostileApp(t)
		for _, args := range [][]string{
			{"show"}, {"show", "--raw"}, {"show", "a/second"}, {"hint"}, {"hint"}, {"hint", "a/second"}, {"solution"}, {"status"},
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
					if what, ok := termtexttest.Find(text, styles(color)); ok {
						t.Errorf("%s shows %s", name, what)
					}
				}
			})
		}
		// Trusted, the course's sh check runs, and with the solution every
		// step passes: the trust listing, the next step's title and the
		// course's, once it is finished, are shown too.
		t.Run(fmt.Sprintf("passing checks color=%v", color), func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(ws, "schema.sql"), []byte("CREATE TABLE t (x);"), 0o644); err != nil {
				t.Fatal(err)
			}
			var last string
			for _, args := range [][]string{{"trust"}, {"check", "a/make"}, {"check", "a/second"}, {"status"}} {
				var out, errOut bytes.Buffer
				a.io = &Streams{Out: &out, Err: &errOut, Color: color}
				run(context.Background(), a, append([]string{"-C", ws}, args...))
				for name, text := range map[string]string{"stdout": out.String(), "stderr": errOut.String()} {
					if what, ok := termtexttest.Find(text, styles(color)); ok {
						t.Errorf("%s: %s shows %s", strings.Join(args, " "), name, what)
					}
				}
				if args[0] == "trust" && !strings.Contains(out.String(), "echo '␛]52;c;") {
					t.Errorf("trust does not list the sh check, made visible:\n%s", out.String())
				}
				last = out.String()
			}
			if !strings.Contains(last, "2 of 2 steps passed") {
				t.Errorf("the course is not finished:\n%s", last)
			}
		})
	}
}

func styles(color bool) *regexp.Regexp {
	if color {
		return ourStyles
	}
	return nil
}

// TestHostileGrade: grade's table, JSON and JUnit show neither the
// course's control characters nor those of a student's folder name.
func TestHostileGrade(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "course")
	if err := termtexttest.WriteCourse(dir, termtexttest.Text, termtexttest.YAML); err != nil {
		t.Fatal(err)
	}
	course, _, err := workspace.LoadFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	student := filepath.Join(root, "student "+termtexttest.Text)
	if err := os.MkdirAll(student, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(student, "schema.sql"), []byte("CREATE TABLE t (x); INSERT INTO t VALUES ('"+termtexttest.Text+"');"), 0o644); err != nil {
		t.Fatal(err)
	}
	grades := grade.Grade(context.Background(), []string{student, filepath.Join(root, "gone "+termtexttest.Text)}, grade.Options{Course: course})
	for _, color := range []bool{false, true} {
		var out bytes.Buffer
		io := &Streams{Out: &out, Color: color}
		printGrades(io, course, grades, time.Second)
		if what, ok := termtexttest.Find(out.String(), styles(color)); ok {
			t.Errorf("the table (color=%v) shows %s", color, what)
		}
	}
	var out bytes.Buffer
	if err := writeJSON(&Streams{Out: &out}, gradeJSON{Course: course.ID, Workspaces: grades}); err != nil {
		t.Fatal(err)
	}
	if what, ok := termtexttest.Find(out.String(), nil); ok {
		t.Errorf("the JSON shows %s", what)
	}
	var back gradeJSON
	if err := json.Unmarshal(out.Bytes(), &back); err != nil || back.Workspaces[0].Path != student {
		t.Errorf("the JSON does not read back the student's folder: %v, %q", err, back.Workspaces[0].Path)
	}
	var junit bytes.Buffer
	if err := grade.WriteJUnit(&junit, course.ID, grades); err != nil {
		t.Fatal(err)
	}
	if what, ok := termtexttest.Find(junit.String(), nil); ok {
		t.Errorf("the JUnit report shows %s", what)
	}
	if err := xml.Unmarshal(junit.Bytes(), new(struct{})); err != nil {
		t.Errorf("the JUnit report is not XML: %v", err)
	}
	if !strings.Contains(junit.String(), "student ␛]52;c;") {
		t.Errorf("the JUnit report does not name the student, made printable:\n%s", junit.String())
	}
}

// TestGuardKeepsOurStyles: what paint writes passes a terminal's guard as
// it is, with colour; without colour paint writes no escape.
func TestGuardKeepsOurStyles(t *testing.T) {
	for _, color := range []bool{false, true} {
		io := &Streams{Color: color}
		text := io.green("✓") + " " + io.red("✗") + " " + io.yellow("note:") + " " + io.dim("(a/b)") + " " +
			io.bold("Title") + " " + io.paint(styleWon, "done")
		var b bytes.Buffer
		guard := &termtext.Writer{W: &b, Keep: io.ours()}
		if _, err := guard.Write([]byte(text)); err != nil {
			t.Fatal(err)
		}
		if b.String() != text || io.shown(text) != text {
			t.Errorf("color=%v: the guard changed our styling:\n%q\nwas\n%q", color, b.String(), text)
		}
		if strings.Contains(text, "\x1b") != color {
			t.Errorf("color=%v: %q", color, text)
		}
	}
}
