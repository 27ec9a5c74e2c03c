package cmd

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/tui"
)

// TestOneVerdict drives the same step through `sandcastle check` and the
// TUI, each in a workspace of its own made the same way, and compares the
// words: the verdict's sentences appear in both, and only the names of
// the learner's actions (a command, a key) differ.
func TestOneVerdict(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	const schema = "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL CHECK (score >= 0));\n"
	for _, tc := range []struct {
		name, course, lang string
		// setup makes the workspace in dir ready: files and progress.
		setup func(t *testing.T, dir string)
		// keys open the current step from the course map.
		keys           []string
		both, cli, tui []string
		// declines is set when opening the step offers to catch up: the
		// TUI answers n.
		declines bool
	}{{
		name: "a failing step", course: "tiny",
		both: []string{
			"0 of 2 checks passed", "✗ scores has the columns id, player and score",
			"Missing rows: your result has no rows, but 3 rows were expected.",
			"Edit schema.sql, then",
		},
		cli: []string{"then run `sandcastle check` again.", "Stuck? `sandcastle hint` shows the next hint."},
		tui: []string{"then press c again.", "Stuck? h shows the next hint."},
	}, {
		name: "a step that could not run, after steps not passed", course: "tiny",
		setup: func(t *testing.T, dir string) { cli(t, dir, "goto", "queries/one-player-s-scores") },
		both: []string{
			"this step could not run", "the rows this step starts with could not be added to your tables: no such table: scores",
			`Look at "Create the scores table" (table/create-the-`, "this step builds on the tables made up to it.",
			"Fix that first, then",
			"2 steps before this one have not passed yet, and this step builds on their files: what is wrong may be there",
			"To start here without doing them, fill their files with the course's answers:",
		},
		cli: []string{"then run `sandcastle check` again.", "may be there (`sandcastle status`).",
			"answers: `sandcastle goto queries/one-player-s-scores --catch-up`."},
		tui: []string{"then press c again.", "may be there (the course map, q).",
			"answers: open this step from the course map (q, then enter) and answer y."},
		declines: true,
	}, {
		name: "a passing step", course: "tiny",
		setup: func(t *testing.T, dir string) { write(t, dir, "schema.sql", schema) },
		both:  []string{"✓ scores has the columns id, player and score", "✓ a score needs a player", "Step passed", "The best scores"},
		cli:   []string{"Step passed: all 2 checks pass.", "Next step: The best scores (queries/the-best-scores)"},
		tui:   []string{"★ Step passed!", "Press n for the next step: The best scores.", "2 of 2 checks passed"},
	}, {
		name: "the last step of the course", course: "tiny",
		setup: func(t *testing.T, dir string) {
			write(t, dir, "schema.sql", schema)
			cli(t, dir, "check")
			write(t, dir, "queries/top.sql", "SELECT player, score FROM scores ORDER BY score DESC LIMIT 3;\n")
			cli(t, dir, "check")
			write(t, dir, "queries/player.sql", "SELECT score FROM scores WHERE player = :player;\n")
		},
		both: []string{"✓ ada's scores", "You have finished Tiny Scores: every step passes. Well done!"},
	}, {
		name: "a step of a course not trusted", course: "web", lang: "python",
		both: []string{"this step could not run", "The course Tiny Web is not trusted", "None of the course's code ran."},
		cli:  []string{"Once you trust the course, run `sandcastle check` again."},
		tui:  []string{"t trust it and check again"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // trust is recorded there: never the real one
			course, err := filepath.Abs("../testdata/courses/" + tc.course)
			if err != nil {
				t.Fatal(err)
			}
			var dirs [2]string
			for i := range dirs {
				dirs[i] = filepath.Join(t.TempDir(), "ws")
				args := []string{"init", dirs[i], "--course", course}
				if tc.lang != "" {
					args = append(args, "--lang", tc.lang)
				}
				cli(t, "", args...)
				if tc.setup != nil {
					tc.setup(t, dirs[i])
				}
			}
			var out bytes.Buffer
			Run(context.Background(), []string{"-C", dirs[0], "check"}, &Streams{Out: &out, Err: &out})
			screens := map[string]string{"the CLI": out.String(), "the TUI": tuiCheck(t, dirs[1], tc.declines)}
			for where, want := range map[string][]string{"the CLI": tc.cli, "the TUI": tc.tui} {
				for _, w := range append(tc.both, want...) {
					if !strings.Contains(words(screens[where]), words(w)) {
						t.Errorf("%s does not say %q:\n%s", where, w, screens[where])
					}
				}
			}
		})
	}
}

// cli runs sandcastle in dir ("": the current folder) and fails the test
// when it does not exit 0.
func cli(t *testing.T, dir string, args ...string) {
	t.Helper()
	if dir != "" {
		args = append([]string{"-C", dir}, args...)
	}
	var out bytes.Buffer
	if code := Run(context.Background(), args, &Streams{Out: &out, Err: &out}); code != 0 {
		t.Fatalf("sandcastle %s: exit %d\n%s", strings.Join(args, " "), code, out.String())
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// words is text with every run of white space one space: the TUI wraps
// what the CLI writes on one line.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// tuiCheck runs the TUI on the workspace in dir: it opens the current step
// from the course map (declining the offer to catch up, with declines),
// checks it, and returns the screen once the verdict shows.
func tuiCheck(t *testing.T, dir string, declines bool) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := session.Find(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	clock := func() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) }
	m, err := tui.New(ctx, tui.Options{Session: s, Look: tui.Look{Profile: termenv.Ascii}, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	script := []scripted{
		{msg: tea.WindowSizeMsg{Width: 80, Height: 200}},
		{msg: tea.KeyMsg{Type: tea.KeyEnter}},
	}
	if declines {
		script = append(script, scripted{msg: tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")}, until: "y: catch up"})
	}
	script = append(script,
		scripted{msg: tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")}, until: "Not checked yet"},
		scripted{until: "09:30:00"})
	d := driver{m: m, script: script}
	p := tea.NewProgram(d, tea.WithContext(ctx), tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignals())
	final, err := p.Run()
	if err != nil {
		t.Fatalf("the TUI: %v", err)
	}
	return ansi.Strip(final.(driver).m.View())
}

// driver runs a model through a script: it sends each message once the
// screen shows what the message waits for, and quits after the last.
type driver struct {
	m      tea.Model
	script []scripted
}

// scripted is a message to send once the screen shows until ("": at once);
// with no message, the end of the script.
type scripted struct {
	msg   tea.Msg
	until string
}

// nextMsg asks for the script's next step.
type nextMsg struct{}

func (d driver) Init() tea.Cmd {
	return tea.Batch(d.m.Init(), func() tea.Msg { return nextMsg{} })
}

func (d driver) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if _, ok := msg.(nextMsg); !ok {
		d.m, cmd = d.m.Update(msg)
	}
	if len(d.script) == 0 || !strings.Contains(ansi.Strip(d.m.View()), d.script[0].until) {
		return d, cmd
	}
	step := d.script[0]
	d.script = d.script[1:]
	if step.msg == nil {
		return d, tea.Quit
	}
	next := func() tea.Msg { return nextMsg{} }
	return d, tea.Batch(cmd, tea.Sequence(func() tea.Msg { return step.msg }, next))
}

func (d driver) View() string { return d.m.View() }
