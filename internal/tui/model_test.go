package tui

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/workspace"
)

// harness drives a Model the way Bubble Tea would, running every command
// it returns to completion and feeding the messages back. Tests and
// benchmarks share it.
type harness struct {
	t    testing.TB
	m    Model
	dir  string
	quit bool
}

// newModel makes a workspace of course (a folder, or the built-in course)
// in lang, opens its session, and builds a Model on it with opts; it returns
// the model and the workspace's folder.
func newModel(t testing.TB, course, lang string, opts Options) (Model, string) {
	t.Helper()
	s, dir := newSession(t, course, lang)
	opts.Session = s
	m, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	m.sh.pollEvery = 0 // a test sends progressTickMsg itself
	return m, dir
}

// newSession makes a workspace of course (a folder, or the built-in
// course) in lang and opens its session; it returns the session and the
// workspace's folder.
func newSession(t testing.TB, course, lang string) (*session.Session, string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // trust is recorded there: never the real one
	if course != workspace.BuiltinRef {
		abs, err := filepath.Abs(course)
		if err != nil {
			t.Fatal(err)
		}
		course = abs
	}
	dir := t.TempDir()
	ws, _, err := workspace.Init(context.Background(), dir, course, lang)
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.New(context.Background(), ws)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func newHarness(t testing.TB, course, lang string) *harness {
	t.Helper()
	return newHarnessLook(t, course, lang, Look{Profile: termenv.Ascii})
}

func newHarnessLook(t testing.TB, course, lang string, look Look) *harness {
	t.Helper()
	m, dir := newModel(t, course, lang, Options{Look: look})
	h := &harness{t: t, m: m, dir: dir}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h
}

func tiny(t *testing.T) *harness { return newHarness(t, "../../testdata/courses/tiny", "") }

// send gives the model a message and runs what it asks for.
func (h *harness) send(msg tea.Msg) {
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case tea.QuitMsg:
		h.quit = true
	default:
		if cmds, ok := sequence(msg); ok {
			for _, c := range cmds {
				h.run(c)
			}
			return
		}
		// Spinner frames and cursor blinks tick forever: no need to
		// animate in a test.
		if pkg := reflect.TypeOf(msg).PkgPath(); strings.HasSuffix(pkg, "/spinner") || strings.HasSuffix(pkg, "/cursor") {
			return
		}
		h.send(msg)
	}
}

// namedKeys are the keys keyMsg knows by name.
var namedKeys = map[string]tea.KeyType{
	"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab,
	"up": tea.KeyUp, "down": tea.KeyDown, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
}

// keyMsg is the message of a key named in namedKeys, or of the letters k.
func keyMsg(k string) tea.KeyMsg {
	if t, ok := namedKeys[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func (h *harness) keys(keys ...string) {
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func (h *harness) view() string { return ansi.Strip(h.m.View()) }

func (h *harness) sees(want ...string) {
	h.t.Helper()
	v := h.view()
	for _, w := range want {
		if !strings.Contains(v, w) {
			h.t.Fatalf("the screen lacks %q:\n%s", w, v)
		}
	}
}

func (h *harness) write(name, content string) {
	h.t.Helper()
	writeFile(h.t, h.dir, name, content)
}

func writeFile(t testing.TB, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const tinySchema = "CREATE TABLE scores (id INTEGER PRIMARY KEY, player TEXT NOT NULL, score INTEGER NOT NULL CHECK (score >= 0));\n"

func TestCourseMap(t *testing.T) {
	h := tiny(t)
	h.sees("Tiny Scores", "0/3", "1. A table", "▶ Create the scores table", "· The best scores", "2. Queries")
	h.keys("down", "down", "enter", "n") // n: not caught up
	h.sees("One player's scores", "step 2 of 2")
	h.keys("esc", "up", "enter", "n")
	h.sees("The best scores", "step 1 of 2")
	h.keys("q", "esc")
	if h.quit {
		t.Error("esc on the map quit")
	}
	h.sees("q quits")
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")}) // two letters read as one message
	h.sees("› · One player's scores")
	h.keys("q")
	if !h.quit {
		t.Error("q on the map did not quit")
	}
}

func TestStepCheckFailThenPass(t *testing.T) {
	h := tiny(t)
	h.keys("enter")
	h.sees("Create the scores table", "Every game needs somewhere", "your files: schema.sql", "Not checked yet")
	h.keys("c")
	h.sees("0 of 2 checks passed", "✗ scores has the columns id, player and score", "Missing rows")
	h.write("schema.sql", tinySchema)
	h.keys("c")
	h.sees("★ Step passed!", "Press n for the next step: The best scores", "✓ a score needs a player", "✓ passed")
	h.keys("n")
	h.sees("The best scores", "your files: queries/top.sql")
	if _, err := os.Stat(filepath.Join(h.dir, "queries/top.sql")); err != nil {
		t.Errorf("the next step's file was not created: %v", err)
	}
	h.keys("esc")
	h.sees("✓ Create the scores table", "▶ The best scores", "1/3")
	h.keys("up", "enter")
	h.sees("Create the scores table", "You passed this step before: press c to check again.")
	// A step passed before, opened again, is current: the learner is
	// revisiting it; n goes on from it.
	if cur := h.m.sh.current.FullID(); cur != "table/create-the-scores-table" {
		t.Errorf("the step revisited is not current: %s", cur)
	}
	h.keys("n")
	h.sees("The best scores", "your files: queries/top.sql")
}

func TestLastStepPassedWithStepsLeft(t *testing.T) {
	h := tiny(t)
	h.keys("down", "down", "enter", "n")
	// Opening a step from the map makes it current (cli.md), with its
	// files, as goto does: the commands see the step the TUI shows.
	h.sees("One player's scores", "Not checked yet")
	if cur := h.m.sh.current.FullID(); cur != "queries/one-player-s-scores" {
		t.Errorf("the step opened is not current: %s", cur)
	}
	if _, err := os.Stat(filepath.Join(h.dir, "queries/player.sql")); err != nil {
		t.Errorf("opening the step did not create its files: %v", err)
	}
	h.keys("c")
	h.sees("2 steps before this one have not passed yet")
	h.write("queries/player.sql", "SELECT score FROM scores WHERE player = :player;\n")
	h.write("schema.sql", tinySchema)
	h.keys("c")
	h.sees("★ Step passed!", "That was the last step of the course, but 2 steps have not passed yet",
		"for the first of them: Create the scores table")
	if strings.Contains(h.view(), "Well done") {
		t.Errorf("well done with two steps left:\n%s", h.view())
	}
	h.keys("n")
	h.sees("Create the scores table", "step 1 of 1")
}

func TestWatchModeChecksOnSave(t *testing.T) {
	h := tiny(t)
	h.m.sh.watching = true
	h.keys("enter")
	h.write("schema.sql", tinySchema)
	h.send(changedMsg{paths: []string{"schema.sql"}})
	h.sees("★ Step passed!")
	h.keys("w")
	h.sees("watch mode off")
}

// TestSaveDuringACheckChecksAgain: a save while a check runs is not lost;
// one more check follows.
func TestSaveDuringACheckChecksAgain(t *testing.T) {
	h := tiny(t)
	h.m.sh.watching = true
	h.keys("enter", "c")
	h.sees("0 of 2 checks passed")
	h.m.step.checking = true // a check under way
	h.write("schema.sql", tinySchema)
	h.send(changedMsg{paths: []string{"schema.sql"}})
	if !h.m.step.again {
		t.Fatal("the change during the check was not queued")
	}
	// The running check ends with the old verdict; the queued one follows.
	h.send(checkedMsg{step: "table/create-the-scores-table", out: *h.m.step.checked,
		progressed: progressed{progress: h.m.sh.progress, current: h.m.sh.current, lang: h.m.sh.lang}})
	h.sees("★ Step passed!")
}

// TestWatchIgnoresFilesTheCheckCreated: the next step's files, created by a
// passing check, do not set off another check that would hide the news.
func TestWatchIgnoresFilesTheCheckCreated(t *testing.T) {
	h := tiny(t)
	h.m.sh.watching = true
	h.keys("enter")
	h.write("schema.sql", tinySchema)
	h.send(changedMsg{paths: []string{"schema.sql"}})
	h.sees("★ Step passed!", "created for the next step: queries/top.sql")
	at := h.m.step.checkedAt
	h.send(changedMsg{paths: []string{"queries/top.sql"}})
	if h.m.step.checking || h.m.step.checkedAt != at {
		t.Error("the created file set off a check")
	}
	h.sees("created for the next step: queries/top.sql")
}

func TestHintsSolutionReset(t *testing.T) {
	h := tiny(t)
	h.keys("enter", "h")
	h.sees("Hints (1 of 2)", "1. Start with")
	h.keys("h")
	h.sees("Hints (2 of 2)", "That was the last hint")
	h.keys("s")
	h.sees("Show the solution of this step?")
	h.keys("n")
	if strings.Contains(h.view(), "Solution") {
		t.Fatal("the solution shows after n")
	}
	h.keys("s", "y")
	h.sees("Solution", "── schema.sql ──", "player TEXT NOT NULL")
	h.write("schema.sql", "-- mine\n")
	h.keys("r")
	h.sees("Put this step's files back")
	h.keys("y")
	// The backup's path is on a line of its own, whole.
	if v := strings.Join(strings.Fields(h.view()), " "); !strings.Contains(v, "Reset: schema.sql. Your version is kept in .sandcastle/backups/") {
		t.Errorf("the reset is not reported:\n%s", h.view())
	}
	st := h.m.sh.progress.Steps["table/create-the-scores-table"]
	if st.HintsSeen != 2 || !st.SolutionSeen {
		t.Errorf("recorded %+v, want 2 hints and the solution seen", st)
	}
}

func TestConsole(t *testing.T) {
	h := tiny(t)
	h.keys("enter", "x")
	h.sees("SQL console", "table/create-the-scores-table")
	h.typeText("SELECT title FROM games")
	h.keys("enter")
	h.sees("...>")
	h.typeText(";")
	h.keys("enter")
	h.sees("title", "Tetris", "(1 row)")
	h.typeText("SELECT nope;")
	h.keys("enter")
	h.sees("error: no such column: nope")
	h.typeText("SELECT :who AS who;")
	h.keys("enter")
	h.sees("Give it one first, as in: .param set :who 'ada'")
	h.typeText(".param set :who 'grace'")
	h.keys("enter")
	h.typeText("SELECT :who AS who;")
	h.keys("enter")
	h.sees(":who", "grace", "(1 row)")
	h.keys("up", "up", "up", "up", "up")
	h.sees("sql> SELECT title FROM games")
	h.keys("esc", "esc") // the first drops the statement recalled
	h.sees("your files: schema.sql")
}

// In colour, the console's own styling reaches the terminal as it is, while
// an escape sequence stored in the sandbox is shown, not obeyed.
func TestConsoleColoursItsTextAndDefusesData(t *testing.T) {
	h := newHarnessLook(t, "../../testdata/courses/tiny", "", Look{Profile: termenv.TrueColor, Dark: true})
	h.keys("enter", "x")
	h.typeText("SELECT char(27) || '[31mred' AS v;")
	h.keys("enter")
	raw := h.m.View()
	if !strings.Contains(raw, "\x1b[") {
		t.Fatalf("the console is not styled:\n%q", raw)
	}
	if strings.Contains(raw, "\x1b[31mred") {
		t.Fatalf("a value reached the terminal as an escape sequence:\n%q", raw)
	}
	h.sees("␛[31mred")
	if v := h.view(); strings.Count(v, "␛") != strings.Count(v, "␛[31mred") {
		t.Fatalf("the console's styling is shown as text:\n%s", v)
	}
}

func TestHelp(t *testing.T) {
	h := tiny(t)
	h.keys("?")
	h.sees("Keys", "Course map", "A step", "↑/↓ scroll")
	for range 30 {
		h.keys("down")
	}
	h.sees("SQL console", "inspect the sandbox")
	h.keys("x")
	h.sees("Tiny Scores", "1. A table")
}

func TestFirstRunAsksTheLanguage(t *testing.T) {
	h := newHarness(t, workspace.BuiltinRef, "")
	h.sees("Welcome to Score Keeper", "▶ Go", "Python")
	h.keys("down", "enter")
	h.sees("Score Keeper", "1. Hello, backend")
	if got := h.m.sh.sess.Lang(); got != "python" {
		t.Errorf("lang = %q, want python", got)
	}
}

// TestSmallTerminals lays every screen out at 80x24 and down to 60x20:
// nothing wider or taller than the window.
func TestSmallTerminals(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}, {120, 40}} {
		h := tiny(t)
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		screens := map[string]func(){
			"map":     func() {},
			"step":    func() { h.keys("enter", "c") },
			"help":    func() { h.keys("?") },
			"console": func() { h.keys("x") },
		}
		for _, name := range []string{"map", "step", "console", "help"} {
			screens[name]()
			lines := strings.Split(h.view(), "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d %s: %d lines", size[0], size[1], name, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d %s: line %d is %d wide: %q", size[0], size[1], name, i+1, w, l)
				}
			}
		}
	}
}

func TestProseTakesTheRoomShortResultsLeave(t *testing.T) {
	h := newHarness(t, workspace.BuiltinRef, "python")
	h.send(tea.WindowSizeMsg{Width: 90, Height: 40})
	h.keys("enter")
	h.sees("Your first query", "Not checked yet")
	lines := strings.Split(h.view(), "\n")
	bar := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "── results") })
	// 40 rows: two of header, the footer, and a results pane of a few
	// lines; the rest is the prose's.
	if bar < 40-2-8 {
		t.Errorf("the prose has %d rows of 40 while the results need a few:\n%s", bar-2, h.view())
	}
	// A check's verdict is read whole, the prose giving way to it.
	h.keys("c")
	h.sees("checked", "0 of 1 checks passed", "queries/hello.sql has no statement yet")
}

// sequence unpacks the message of tea.Sequence, whose type Bubble Tea keeps
// to itself: its commands, to run one after the other.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

func TestTabShowsWhichPaneScrolls(t *testing.T) {
	h := tiny(t)
	h.send(tea.WindowSizeMsg{Width: 120, Height: 30})
	h.keys("enter")
	h.sees("◂", "tab results")
	h.keys("tab")
	h.sees("▸", "tab text")
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.sees("results (scrolling)", "tab text")
}

func TestServerLogLinesWrap(t *testing.T) {
	h := tiny(t)
	h.keys("enter")
	m := h.m.step
	m.logPath = ".sandcastle/server.log"
	m.log = []string{"2025/03/01 12:00:00 http: superfluous response.WriteHeader call from main.saveScore (main.go:88)", "bell\a here"}
	got := ansi.Strip(m.logText(h.m.sh, 40))
	for _, l := range strings.Split(got, "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line of %d cells: %q", ansi.StringWidth(l), l)
		}
	}
	if all := strings.Join(strings.Fields(got), " "); !strings.Contains(all, "from main.saveScore (main.go:88)") || !strings.Contains(all, ".sandcastle/server.log") {
		t.Errorf("the log lost words:\n%s", got)
	}
	if strings.Contains(got, "\a") {
		t.Errorf("a control character reached the screen: %q", got)
	}
}

func TestConsoleOpensWhenTheStepsRowsDoNotFit(t *testing.T) {
	h := tiny(t)
	h.keys("down", "enter", "n", "x") // the best scores, with no scores table yet, not caught up
	h.sees("SQL console", "left out of the sandbox: the rows this step starts with could not be added")
	h.typeText("SELECT 40 + 2 AS answer;")
	h.keys("enter")
	h.sees("answer", "42", "(1 row)")
}

// TestTrustPrompt: a step refused because the course is not trusted shows
// what the course runs and the key that trusts it; t records trust where
// `sandcastle trust` does and checks again, and the server runs.
func TestTrustPrompt(t *testing.T) {
	h := newHarness(t, "../../testdata/courses/web", "python")
	h.send(tea.WindowSizeMsg{Width: 120, Height: 50})
	h.keys("enter", "c")
	h.sees("! this step could not run", "The course Tiny Web is not trusted", "your server in python (yours):",
		"    python3 server/app.py", "with the files the course writes:", "server/main.go, go.mod, go.sum", "your server in go:", "    go run ./server",
		"t trust it and check again", "t trust the course")
	if _, err := os.Stat(filepath.Join(h.dir, workspace.StateDir, "server.log")); err == nil {
		t.Fatal("the server started for a course that is not trusted")
	}
	h.keys("t")
	h.sees("Trusted Tiny Web: recorded in", "Wrong status: expected 201 Created, got 404")
	if strings.Contains(h.view(), "not trusted") {
		t.Errorf("still not trusted:\n%s", h.view())
	}
	if _, err := os.Stat(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "sandcastle", "trust.json")); err != nil {
		t.Errorf("trust was not recorded in the config folder: %v", err)
	}
	// Pressed again, t says the course is trusted.
	h.keys("t")
	h.sees("This course is trusted")
}

// TestTrustKeyWithoutARefusal: t does nothing but explain until a check
// shows what the course runs.
func TestTrustKeyWithoutARefusal(t *testing.T) {
	h := newHarness(t, "../../testdata/courses/web", "python")
	h.keys("enter", "t")
	h.sees("t trusts the course when a check asks for it")
	if _, err := os.Stat(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "sandcastle", "trust.json")); err == nil {
		t.Error("t trusted the course before showing what it runs")
	}
}

// TestTrustPromptSeenBeforeTrusting: in a small terminal the list of what
// the course runs does not fit the results pane; the first t shows its end
// (the warning and the key) and trusts nothing; the second trusts.
func TestTrustPromptSeenBeforeTrusting(t *testing.T) {
	h := newHarness(t, "../../testdata/courses/web", "python")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.keys("enter", "c")
	h.sees("! this step could not run")
	if strings.Contains(h.view(), "Trust only a course whose author you trust") {
		t.Fatalf("the whole prompt fits at 60x20; the test needs one that does not:\n%s", h.view())
	}
	record := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "sandcastle", "trust.json")
	h.keys("t")
	if _, err := os.Stat(record); err == nil {
		t.Fatalf("t trusted the course before its prompt was seen:\n%s", h.view())
	}
	h.sees("Trust only a course", "t again trusts it")
	h.keys("t")
	h.sees("Trusted Tiny Web")
	if _, err := os.Stat(record); err != nil {
		t.Errorf("the second t did not record trust: %v", err)
	}
}

// TestCreatedFilesAreListedWhole: the files a step's opening creates are
// listed where they wrap, never cut short with "…" in the footer.
func TestCreatedFilesAreListedWhole(t *testing.T) {
	h := tiny(t)
	h.send(tea.WindowSizeMsg{Width: 40, Height: 30})
	h.keys("down", "down", "enter", "n")
	h.sees("Created")
	for _, line := range strings.Split(h.view(), "\n") {
		if strings.Contains(line, "Created") && strings.Contains(line, "…") {
			t.Errorf("the files created are cut short: %q", line)
		}
	}
	if !strings.Contains(strings.Join(strings.Fields(h.view()), " "), "queries/player.sql") {
		t.Errorf("the files created are not all listed:\n%s", h.view())
	}
}
