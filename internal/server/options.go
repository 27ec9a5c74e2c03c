package server

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"
)

// Options say how to run a learner's server.
type Options struct {
	// Dir is the workspace root: the command runs there.
	Dir string
	// Command is the course language's run command, e.g. "go run ./server"
	// or "python3 server/app.py". It is split on spaces; no shell runs it.
	// On Windows, python3 may become python or "py -3" (see SystemCommand).
	Command string
	// DatabasePath is the step's database file, passed as DATABASE_PATH
	// (made absolute from Dir when relative).
	DatabasePath string
	// LogPath is where the server's stdout and stderr go; it is truncated at
	// start. Required: the caller owns the layout of its folders.
	LogPath string
	// BuildDir is where a Go build puts its binary and the hash of the
	// sources it was built from. Required.
	BuildDir string
	// BuildTimeout bounds a Go build (default 5 min: a first build may
	// download modules), StartTimeout the wait for the server to listen
	// (default 10 s), StopTimeout the wait between SIGTERM and SIGKILL
	// (default 2 s), RequestTimeout each request of Do (default 5 s).
	BuildTimeout, StartTimeout, StopTimeout, RequestTimeout time.Duration
	// Progress, when set, is called as each phase begins, so that a UI can
	// say what is happening. FirstBuild or Building is reported only when a
	// build runs; Stopping may come from another goroutine, when ctx ends.
	Progress func(Phase)
	// Env is extra environment. The process gets the parent's environment,
	// then PORT and DATABASE_PATH, then these.
	Env []string
	// Unset names variables the process does not get, whichever of the
	// above would give them (a check of what a server does without one).
	Unset []string
	// Port is the port the server is told to listen on; 0 picks a free one.
	Port int
	// Lang is the server's language ("go", "python"), so that messages
	// name what to look for in it; "" names both.
	Lang string
	// Confine runs the server as grade runs a student's: with only an
	// allow-list of sandcastle's environment (no tokens or secrets), HOME
	// and TMPDIR in a temporary folder of its own, and on Linux under
	// Landlock (see RunLauncher): it writes only there and beside its
	// database, reads only Dir, the system's folders and its interpreter's,
	// binds only its port and connects nowhere. Its Go build runs with the
	// allow-list, the go command's own variables and GOTOOLCHAIN=local.
	Confine bool

	// onStart, when set, is told the pid of the server's process as soon as
	// it starts (for tests, which check that its group is gone).
	onStart func(pid int)
}

// Phase is a step of a server's life, reported to Options.Progress.
type Phase int

// The phases, in the order they begin.
const (
	// FirstBuild: go build runs, and BuildDir has no binary of an earlier
	// build. A first build downloads and compiles the modules the server
	// uses (SQLite's driver: about a minute).
	FirstBuild Phase = iota + 1
	// Building: the Go sources changed since the last build and go build runs.
	Building
	// Starting: the server's process starts; sandcastle waits for it to listen.
	Starting
	// Ready: the server accepts connections.
	Ready
	// Stopping: sandcastle stops the server and everything it started.
	Stopping
)

// String names the phase for a person: "building", "starting", ...
func (p Phase) String() string {
	switch p {
	case FirstBuild:
		return "building for the first time"
	case Building:
		return "building"
	case Starting:
		return "starting"
	case Ready:
		return "ready"
	case Stopping:
		return "stopping"
	}
	return fmt.Sprintf("phase %d", int(p))
}

// Builds reports whether p is a build, first or not.
func (p Phase) Builds() bool { return p == FirstBuild || p == Building }

// Doing says what sandcastle is doing in phase p, for a person waiting:
// "building your server…".
func (p Phase) Doing() string {
	switch p {
	case FirstBuild:
		return "building your server… (a first Go build downloads and compiles the modules it uses: about a minute)"
	case Building:
		return "building your server…"
	case Starting:
		return "starting your server…"
	case Ready:
		return "checking your server…"
	case Stopping:
		return "stopping your server…"
	}
	return ""
}

// withDefaults fills in the defaults and makes every path absolute and clean.
func (o Options) withDefaults() (Options, error) {
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return o, fmt.Errorf("workspace folder: %w", err)
	}
	o.Dir = dir
	abs := func(p, def string) string {
		if p == "" {
			if def == "" {
				return ""
			}
			p = def
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		return filepath.Clean(p)
	}
	if o.LogPath == "" || o.BuildDir == "" {
		return o, errors.New("server: the options name no log file or no build folder")
	}
	o.LogPath = abs(o.LogPath, "")
	o.BuildDir = abs(o.BuildDir, "")
	o.DatabasePath = abs(o.DatabasePath, "")
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.BuildTimeout, 5*time.Minute)
	def(&o.StartTimeout, 10*time.Second)
	def(&o.StopTimeout, 2*time.Second)
	def(&o.RequestTimeout, 5*time.Second)
	return o, nil
}

func (o *Options) progress(p Phase) {
	if o.Progress != nil {
		o.Progress(p)
	}
}
