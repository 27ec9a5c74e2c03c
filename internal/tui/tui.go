// Package tui is sandcastle's terminal UI: a Bubble Tea program with a
// course map, a step view that checks the learner's files as they save
// them, hints, solutions, resets, their editor, and a SQL console. It holds
// no logic of its own: every action is a call into internal/session, the
// same the commands make.
package tui

import (
	"context"
	"io"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/internal/workspace"
)

// Options configure the TUI.
type Options struct {
	Session *session.Session
	// Look is the colour decision, made before the program starts.
	Look Look
	// Editor is the learner's editor (Editor()).
	Editor EditorChoice
	// Command is how the learner runs sandcastle from where they are
	// (invocation.How.Command); "" is "sandcastle".
	Command string
	// Watch starts with watch mode on.
	Watch bool
	// Input and Output default to the process's terminal.
	Input  io.Reader
	Output io.Writer
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// DetectLook decides the colours once, before the program starts: the
// profile from the environment (NO_COLOR and TERM=dumb mean none) and, in
// colour, whether the background is dark. Bubble Tea's own initialisation
// has already asked the terminal that (lipgloss keeps the answer), so
// nothing is asked twice.
func DetectLook(out *os.File) Look {
	o := termenv.NewOutput(out)
	look := Look{Profile: o.EnvColorProfile(), Dark: true}
	if os.Getenv("TERM") == "dumb" {
		look.Profile = termenv.Ascii
	}
	if look.Profile != termenv.Ascii {
		look.Dark = lipgloss.HasDarkBackground()
	}
	return look
}

// New builds the TUI's model. Close releases what it started.
func New(ctx context.Context, opts Options) (Model, error) {
	s := opts.Session
	// The default renderer, used by the bubbles components, gets the same
	// decision, so nothing queries the terminal while the program runs.
	lipgloss.SetColorProfile(opts.Look.Profile)
	lipgloss.SetHasDarkBackground(opts.Look.Dark)
	st := newStyles(opts.Look)
	sh := &shared{
		command: opts.Command, st: st, keys: newKeyMap(), render: newRenderCache(st), editor: opts.Editor, root: s.WS.Root, ctx: ctx, now: opts.Now,
		sess: s, course: s.Course, lang: s.Lang(), progress: s.Progress, current: s.Current(), trusted: s.Trusted(), watching: opts.Watch,
		declined: declinedOffers{}, seen: s.Store.Revision(), pollEvery: progressPoll,
	}
	if sh.now == nil {
		sh.now = time.Now
	}
	sh.render.command = opts.Command
	sh.clipboard = opts.Output
	if sh.clipboard == nil {
		sh.clipboard = os.Stdout
	}
	sh.phase.Store(server.Phase(0))
	s.ServerProgress = func(p server.Phase) { sh.phase.Store(p) }
	step := newStepModel(sh)
	m := Model{sh: sh, cmap: newMapModel(sh), step: &step, console: &consoleModel{sh: sh},
		lang: &langModel{sh: sh}, help: &helpModel{sh: sh}}
	if s.Lang() == "" && len(s.Course.Languages) > 0 {
		m.screen = screenLang
	}
	if opts.Watch {
		w, err := s.WS.Watch(ctx, workspace.WatchOptions{})
		if err != nil {
			sh.watching = false
			sh.say("watch mode is off: "+err.Error(), true)
		}
		m.watch = w
	}
	if c := s.CourseChange; c != nil && sh.notice == "" {
		sh.say(c.Short()+"; sandcastle status says which", false)
	}
	if why := s.ReadOnly(); why != "" && sh.notice == "" {
		sh.say("progress is not recorded: sandcastle cannot write this workspace ("+why+")", true)
	}
	return m, nil
}

// Close stops the watcher and the console, after any action under way.
func (m Model) Close() {
	m.sh.mu.Lock()
	defer m.sh.mu.Unlock()
	if m.watch != nil {
		m.watch.Close()
	}
	m.console.close()
}

// Run runs the TUI until the learner quits and returns the line to print
// after it: progress and the current step.
func Run(ctx context.Context, opts Options) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	m, err := New(ctx, opts)
	if err != nil {
		return "", err
	}
	// 120 frames a second, Bubble Tea's most: at its default 60, a key
	// waited up to 17 ms for its frame (docs/performance.md).
	progOpts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx), tea.WithFPS(120)}
	if opts.Input != nil {
		progOpts = append(progOpts, tea.WithInput(opts.Input))
	}
	if opts.Output != nil {
		progOpts = append(progOpts, tea.WithOutput(opts.Output))
	}
	final, err := tea.NewProgram(m, progOpts...).Run()
	cancel() // stops a check under way; Close waits for it
	if fm, ok := final.(Model); ok {
		m = fm
	}
	m.Close()
	if err == tea.ErrProgramKilled && ctx.Err() != nil {
		err = nil
	}
	return m.Summary(), err
}
