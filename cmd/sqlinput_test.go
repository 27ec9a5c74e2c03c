package cmd

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sandcastle/sandcastle/internal/workspace"
)

// syncBuffer is a terminal's screen, written by the console and read by
// the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// termConsole is `sandcastle sql` on a terminal of the test's: keys go in,
// the screen is read.
type termConsole struct {
	t      *testing.T
	keys   *io.PipeWriter
	screen *syncBuffer
	done   chan int
}

func startTermConsole(t *testing.T, root string) *termConsole {
	t.Helper()
	r, w := io.Pipe()
	screen := &syncBuffer{}
	a := &app{
		io: &Streams{In: r, Out: screen, Err: screen, InTTY: true, OutTTY: true},
		terminal: terminal{
			in: r, out: screen, width: func() int { return 80 }, isTerminal: func() bool { return true },
			makeRaw: func() error { return nil }, exitRaw: func() error { return nil }, onWidthChanged: func(func()) {},
		},
	}
	c := &termConsole{t: t, keys: w, screen: screen, done: make(chan int, 1)}
	go func() { c.done <- run(context.Background(), a, []string{"-C", root, "sql"}) }()
	c.waitFor("sql> ", 1)
	return c
}

// press sends keys, then waits until the screen shows want n times in all.
func (c *termConsole) press(keys, want string, n int) {
	c.t.Helper()
	if _, err := io.WriteString(c.keys, keys); err != nil {
		c.t.Fatal(err)
	}
	c.waitFor(want, n)
}

func (c *termConsole) waitFor(want string, n int) {
	c.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if strings.Count(c.screen.String(), want) >= n {
			return
		}
	}
	c.t.Fatalf("the screen does not show %q %d times:\n%q", want, n, c.screen.String())
}

// quit sends Ctrl-D and waits for the console to end.
func (c *termConsole) quit() {
	c.t.Helper()
	io.WriteString(c.keys, "\x04")
	select {
	case code := <-c.done:
		if code != exitOK {
			c.t.Fatalf("exit %d:\n%s", code, c.screen.String())
		}
	case <-time.After(10 * time.Second):
		c.t.Fatalf("Ctrl-D did not leave the console:\n%q", c.screen.String())
	}
}

// On a terminal, the console edits lines: ↑ recalls the last statement
// (one of many lines is one entry), Ctrl-C drops a statement half typed,
// Ctrl-D leaves, and the history stays in the workspace for next time.
func TestSQLConsoleLineEditing(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	ctx := context.Background()
	course, _ := filepath.Abs("../testdata/courses/tiny")
	ws, _, err := workspace.Init(ctx, t.TempDir(), course, "")
	if err != nil {
		t.Fatal(err)
	}

	c := startTermConsole(t, ws.Root)
	c.press("SELECT title,\r", " ...> ", 1)
	c.press("  id FROM games;\r", "(1 row)", 1)
	c.press("\x1b[A", "SELECT title, id FROM games;", 1)
	c.press("\r", "(1 row)", 2)
	c.press("SELECT 1 AS x,\r", " ...> ", 2)
	c.press("\x03", "the statement you were typing is dropped", 1)
	c.press("SELECT 2 AS two;\r", "(1 row)", 3)
	if s := c.screen.String(); strings.Contains(s, "syntax error") || strings.Contains(s, "| x") {
		t.Errorf("the dropped statement ran:\n%s", s)
	}
	c.press("\x03", "(.quit or Ctrl-D leaves the console)", 1)
	c.quit()

	history, err := os.ReadFile(ws.SQLHistory())
	if err != nil {
		t.Fatal(err)
	}
	if want := "SELECT title, id FROM games;\nSELECT 2 AS two;\n"; string(history) != want {
		t.Errorf("history file:\n%q\nwant\n%q", history, want)
	}

	// The next console recalls it; a statement from the file that carries
	// escapes is recalled with them made visible, never sent.
	os.WriteFile(ws.SQLHistory(), append(history, "SELECT 'a\x1b]0;pwned\x07' AS t;\n"...), 0o644)
	c = startTermConsole(t, ws.Root)
	c.press("\x1b[A", "pwned", 1)
	c.press("\x1b[A", "SELECT 2 AS two;", 1)
	c.press("\r", "(1 row)", 1)
	c.quit()
	if s := c.screen.String(); strings.Contains(s, "\x1b]0;") || strings.Contains(s, "\x07") {
		t.Errorf("the terminal was sent the history's escapes:\n%q", s)
	}
}
