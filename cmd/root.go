// Package cmd is sandcastle's command tree: one file per command, each an
// options struct, a constructor that wires its flags, and a run function.
// Errors become exit codes in one place, Execute.
package cmd

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/sandcastle/sandcastle/internal/invocation"
	"github.com/sandcastle/sandcastle/internal/session"
	"github.com/sandcastle/sandcastle/sandbox"
)

// Exit codes, as the CLI contract defines them.
const (
	exitOK     = 0
	exitFailed = 1 // a check or lesson test failed, a step could not run, lint found problems
	exitUsage  = 2 // the command could not do its work
)

// app is what every command shares: the streams and the global flags.
type app struct {
	io *Streams
	// dir is -C: run as if started in this folder.
	dir string
	// interrupts is how Ctrl-C reaches the command (nil in tests).
	interrupts *interrupts
	// find opens the session of the workspace holding a folder:
	// session.Find or FindToRead, unless a test gives a session of its own.
	find func(ctx context.Context, dir string) (*session.Session, error)
	// how is how sandcastle was started (invocation.Detect), for the
	// commands shown to the learner; nil (tests) is as if installed.
	how func() invocation.How
	// terminal is the terminal a line editor works on: the process's,
	// unless a test gives one of its own.
	terminal terminal
}

// Execute runs sandcastle with the process's arguments and streams and
// returns its exit code. Ctrl-C and SIGTERM cancel the command's context,
// unless the command has taken Ctrl-C over.
func Execute() int {
	// A command lives a few milliseconds and allocates a few megabytes
	// (loading the built-in course, its edits applied: 4.5 MB): collecting
	// garbage every 4 MB cost it collections that made status 5 ms slower
	// (docs/performance.md, issue 11). The TUI sets it back (runHome).
	debug.SetGCPercent(400)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ints := &interrupts{cancel: cancel}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(signals)
	go ints.watch(signals)
	how := sync.OnceValue(func() invocation.How { return invocation.Detect(invocation.System()) })
	return run(ctx, &app{io: SystemStreams(), interrupts: ints, how: how}, os.Args[1:])
}

// Run runs sandcastle with args on the given streams and returns its exit code.
func Run(ctx context.Context, args []string, io *Streams) int {
	return run(ctx, &app{io: io}, args)
}

func run(ctx context.Context, a *app, args []string) int {
	// Before any database opens (the workspace's opens early): SQLite's heap
	// is capped only when its accounting is on from the start.
	sandbox.Setup()
	io := a.io
	root := newRoot(a)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var failed *failedError
	if errors.As(err, &failed) {
		return exitFailed
	}
	if ctx.Err() != nil {
		io.eprintln("sandcastle: interrupted")
		return exitFailed
	}
	io.eprintln("sandcastle: " + printable(message(err)))
	return exitUsage
}

func newRoot(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "sandcastle",
		Short: "A terminal tutor for building a backend, step by step",
		Long: `sandcastle walks you through building a tiny score-saving backend: a game's high
scores in SQLite, then a leaderboard API you write yourself. Every step is checked
against a private SQLite sandbox, and sandcastle tells you exactly what is still wrong.

Run it with no command to start learning. In the tutor, e opens the step's files
in your editor: $VISUAL, else $EDITOR; with neither set, nano or else micro
when installed (it says so, and how to choose yours: export EDITOR=...), never
vi. Started with go run from its source folder, sandcastle offers once to
install itself (go install .); until then, the commands it shows you
(go run . -C WORKSPACE check) work from where you are.`,
		Example: `  sandcastle                 # start learning (the built-in course, default workspace)
  sandcastle init my-backend --lang go
  sandcastle check           # check the current step
  sandcastle hint            # stuck? one hint at a time`,
		Version:       versionLine(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runHome(cmd.Context(), a)
		},
	}
	root.SetVersionTemplate("sandcastle {{.Version}}\n")
	root.DisableAutoGenTag = true // docs/cli/ stays the same from day to day
	root.PersistentFlags().StringVarP(&a.dir, "dir", "C", "", "run as if sandcastle was started in `DIR`")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddGroup(&cobra.Group{ID: "learn", Title: "Learning:"}, &cobra.Group{ID: "teach", Title: "Teaching:"})
	for _, c := range []*cobra.Command{
		newInitCmd(a), newStatusCmd(a), newCheckCmd(a), newHintCmd(a), newSolutionCmd(a),
		newShowCmd(a), newResetCmd(a), newGotoCmd(a), newSQLCmd(a), newServeCmd(a), newTrustCmd(a),
	} {
		c.GroupID = "learn"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{newLessonsCmd(a), newGradeCmd(a)} {
		c.GroupID = "teach"
		root.AddCommand(c)
	}
	return root
}

// command is how the learner runs sandcastle from where they are, on the
// workspace at ws: "sandcastle" once it is installed on their PATH, else
// what works (invocation.How.Command). Every command line shown to the
// learner starts with it.
func (a *app) command(ws string) string {
	if a.how == nil {
		return invocation.Name
	}
	return a.how().Command(ws)
}

// failedError ends a command with exit code 1 after it has printed why.
type failedError struct{}

func (failedError) Error() string { return "failed" }

// errFailed is returned by a command whose checks or tests failed.
var errFailed = &failedError{}

// usageError is a bad command line: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// interrupts delivers Ctrl-C: it cancels the command, or calls the handler
// of a command that has taken it over.
type interrupts struct {
	mu      sync.Mutex
	cancel  context.CancelFunc
	handler func()
}

func (i *interrupts) watch(signals <-chan os.Signal) {
	for sig := range signals {
		i.mu.Lock()
		h := i.handler
		i.mu.Unlock()
		if h != nil && sig == os.Interrupt {
			h()
			continue
		}
		i.cancel()
	}
}

// take makes Ctrl-C call h until the returned function is called. On a nil
// *interrupts (tests) it does nothing.
func (i *interrupts) take(h func()) (release func()) {
	if i == nil {
		return func() {}
	}
	i.mu.Lock()
	i.handler = h
	i.mu.Unlock()
	return func() {
		i.mu.Lock()
		i.handler = nil
		i.mu.Unlock()
	}
}

// Tree is sandcastle's command tree for generating its reference: the man
// pages and shell completions of a release (cmd/gendocs) and docs/cli. Its
// commands have no streams to run with.
func Tree() *cobra.Command {
	return newRoot(&app{io: &Streams{}})
}
