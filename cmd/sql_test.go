package cmd

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/tui"
	"github.com/sandcastle/sandcastle/internal/workspace"
)

// TestConsoleSaysTheSameInTheCLIAndTheTUI gives `sandcastle sql` and the
// TUI's console the same lines: both show the same words, laid out their
// way (the CLI prints no prompt when its input is not a terminal; the TUI
// echoes each line after its prompt), and both stop at .quit.
func TestConsoleSaysTheSameInTheCLIAndTheTUI(t *testing.T) {
	ctx := context.Background()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	course, _ := filepath.Abs("../testdata/courses/tiny")
	ws, _, err := workspace.Init(ctx, t.TempDir(), course, "")
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		"SELECT title,", "", "  id FROM games", ";",
		".tables", ".schema games", ".schema nope", ".help",
		"SELECT * FROM nowhere;", "SELEC 1;",
		"SELECT :who AS who;", ".param set :who 'grace'", "SELECT :who AS who;", ".param list", ".param clear", ".param list",
		"CREATE TABLE t (x); SELECT 1 AS a; SELECT 2 AS b;", "DROP TABLE t;", ".frob",
	}

	var out bytes.Buffer
	a := &app{io: &Streams{In: strings.NewReader(strings.Join(append(lines, ".quit", "SELECT 'never';"), "\n")), Out: &out, Err: &out}}
	if code := run(ctx, a, []string{"-C", ws.Root, "sql"}); code != exitOK {
		t.Fatalf("sql: exit %d\n%s", code, out.String())
	}
	cli := out.String()
	first, rest, _ := strings.Cut(cli, "\n")
	if first != "SQL on the sandbox of Create the scores table (table/create-the-scores-table)" {
		t.Errorf("the CLI does not name the step it uses first: %q", first)
	}
	cli = rest // the TUI names it in its intro
	if strings.Contains(cli, "never") {
		t.Errorf("the CLI read on after .quit:\n%s", cli)
	}

	d := newTUIDriver(t, ws)
	d.keys(tea.KeyMsg{Type: tea.KeyEnter}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	for _, l := range lines {
		d.line(l)
	}
	screen := ansi.Strip(d.m.View())
	var said []string // the transcript less the intro and the echo of the lines
	for _, l := range strings.Split(screen, "\n")[1:] {
		if strings.HasPrefix(l, "A SQL console on the sandbox") || strings.HasPrefix(l, "sql> ") || strings.HasPrefix(l, " ...> ") {
			continue
		}
		said = append(said, l)
	}
	said = said[:len(said)-2] // the input and the footer
	if !slices.Equal(strings.Fields(cli), strings.Fields(strings.Join(said, "\n"))) {
		t.Errorf("the CLI and the TUI say different things.\nCLI:\n%s\nTUI:\n%s", cli, strings.Join(said, "\n"))
	}
	for _, w := range []string{"no such table: nowhere", "There is no table named nowhere yet", ":who      | grace", "there is no table or view named nope", "no parameters yet"} {
		if !strings.Contains(cli, w) {
			t.Errorf("the console does not say %q:\n%s", w, cli)
		}
	}
	d.line(".quit")
	if v := ansi.Strip(d.m.View()); strings.Contains(v, "SQL console") {
		t.Errorf("the TUI is still in the console after .quit:\n%s", v)
	}
}

// tuiDriver runs the TUI's model as the program would, each command to
// its end before the next key.
type tuiDriver struct {
	t *testing.T
	m tea.Model
}

func newTUIDriver(t *testing.T, ws *workspace.Workspace) *tuiDriver {
	t.Helper()
	ctx := context.Background()
	s, err := session.New(ctx, ws)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	m, err := tui.New(ctx, tui.Options{Session: s, Look: tui.Look{Profile: termenv.Ascii}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	d := &tuiDriver{t: t, m: m}
	d.send(tea.WindowSizeMsg{Width: 1000, Height: 400}) // nothing wraps, all of the transcript shows
	return d
}

func (d *tuiDriver) send(msg tea.Msg) {
	next, cmd := d.m.Update(msg)
	d.m = next
	d.run(cmd)
}

func (d *tuiDriver) keys(keys ...tea.KeyMsg) {
	for _, k := range keys {
		d.send(k)
	}
}

// line types a line and enter.
func (d *tuiDriver) line(l string) {
	for _, r := range l {
		d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	d.send(tea.KeyMsg{Type: tea.KeyEnter})
}

func (d *tuiDriver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if msg == nil {
		return
	}
	v := reflect.ValueOf(msg) // a tea.Batch, or a tea.Sequence, whose type Bubble Tea keeps to itself
	if v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		for i := range v.Len() {
			d.run(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	if pkg := reflect.TypeOf(msg).PkgPath(); strings.HasSuffix(pkg, "/spinner") || strings.HasSuffix(pkg, "/cursor") {
		return // they tick forever
	}
	d.send(msg)
}
