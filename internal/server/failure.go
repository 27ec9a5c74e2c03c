package server

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Reason names why a server could not start or a request to it failed.
type Reason string

// The reasons a Failure can have. Start fails with the first six, Do with
// the last four or Canceled.
const (
	// NotFound: the command's program is not installed (or the course gives
	// no command).
	NotFound Reason = "not-found"
	// BuildFailed: the Go build failed or ran out of time.
	BuildFailed Reason = "build-failed"
	// ExitedEarly: the server exited before it listened on PORT.
	ExitedEarly Reason = "exited-early"
	// NeverListened: the server ran but did not listen on PORT in time.
	NeverListened Reason = "never-listened"
	// WrongPort: the server listens, but on another port than PORT.
	WrongPort Reason = "wrong-port"
	// Canceled: the context ended (sandcastle was interrupted).
	Canceled Reason = "canceled"
	// Hung: the server did not answer a request in time.
	Hung Reason = "hung"
	// Crashed: the server exited while answering a request, or before it.
	Crashed Reason = "crashed"
	// Refused: the server is running but no longer accepts connections.
	Refused Reason = "refused"
	// Dropped: the server closed the connection without a valid answer, but
	// kept running (an exception in a handler, for example).
	Dropped Reason = "dropped"
)

// Failure is the error of Start and Do: what went wrong, said for a
// beginner, with the last lines of the server's output when they help.
type Failure struct {
	Reason Reason
	// Message says what happened and what to do, in one sentence.
	Message string
	// ExitCode is the server's exit code when it exited (-1 when a signal
	// ended it), else 0.
	ExitCode int
	// LastLines are the last lines of the server's output (or of the
	// compiler's, for BuildFailed), oldest first.
	LastLines []string
}

// Error returns the message followed by the last lines of output, indented.
func (f *Failure) Error() string {
	if len(f.LastLines) == 0 {
		return f.Message
	}
	var b strings.Builder
	b.WriteString(f.Message)
	b.WriteString("\n")
	for _, l := range f.LastLines {
		b.WriteString("\n    ")
		b.WriteString(l)
	}
	return b.String()
}

// ExitInfo says how a server's process ended.
type ExitInfo struct {
	// Code is the exit code, or -1 when a signal ended the process.
	Code int
	// Signal names the signal that ended the process ("" when it exited).
	Signal string
	// LastLines are the last lines of its output, oldest first.
	LastLines []string
}

// describe says how the process ended, after "your server".
func (e *ExitInfo) describe() string {
	if e.Signal != "" {
		return "was ended by a signal (" + e.Signal + ")"
	}
	return "exited with code " + strconv.Itoa(e.Code)
}

// lastLinesHint points at the output printed after a message, when there is some.
func lastLinesHint(lines []string) string {
	if len(lines) == 0 {
		return "it printed nothing: add a log line at the start of your server to see how far it gets"
	}
	return "the last lines of its output below say why"
}

func notFound(program, command string) *Failure {
	var msg string
	switch program {
	case "python3", "python", "py":
		if runtime.GOOS == "windows" {
			msg = "Python 3 was not found (sandcastle looks for python3, python and py on PATH); install it " +
				"(https://www.python.org/downloads/, ticking \"Add python.exe to PATH\") and check that " +
				"`python --version` works in a new terminal, then try again"
			break
		}
		msg = program + " was not found; install Python 3 (https://www.python.org/downloads/) " +
			"and check that `" + program + " --version` works in a terminal, then try again"
	case "go":
		msg = "go was not found; install Go (https://go.dev/dl/) " +
			"and check that `go version` works in a terminal, then try again"
	default:
		msg = program + " was not found; install it, or check the course's server command (`" + command + "`)"
	}
	return &Failure{Reason: NotFound, Message: msg}
}

func noCommand() *Failure {
	return &Failure{Reason: NotFound, Message: "this course gives no command to start a server " +
		"for your language: ask the course's author to add one under languages in course.yaml"}
}

func buildFailed(lines []string) *Failure {
	f := &Failure{Reason: BuildFailed, LastLines: lines,
		Message: "your server does not build: fix the errors the Go compiler reports below " +
			"(file:line: what is wrong), then try again"}
	text := strings.Join(lines, "\n")
	switch {
	case strings.Contains(text, "missing go.sum entry") || strings.Contains(text, "no required module provides"):
		f.Message = "your server uses a module your workspace does not list yet: run `go mod tidy` " +
			"in the workspace folder, then try again"
	case strings.Contains(text, "dial tcp") || strings.Contains(text, "no such host") ||
		strings.Contains(text, "TLS handshake timeout"):
		f.Message = "the Go build could not download a module your server uses: check your network " +
			"connection (the output below says which module and why), then try again"
	}
	return f
}

func buildTimedOut(d time.Duration, lines []string) *Failure {
	return &Failure{Reason: BuildFailed, LastLines: lines,
		Message: "building your server took longer than " + human(d) + ", so sandcastle stopped it: " +
			"a first build downloads modules, so check your network connection and try again"}
}

func exitedEarly(port int, e *ExitInfo, lang string) *Failure {
	hint := lastLinesHint(e.LastLines)
	if e.Code == 0 && e.Signal == "" {
		serving := "serve_forever(), http.ListenAndServe"
		switch lang {
		case "go":
			serving = "http.ListenAndServe, at the end of main"
		case "python":
			serving = "serve_forever(), at the end of the file"
		}
		hint = "a server must keep running to answer requests: check that it starts serving " +
			"(" + serving + ") and that nothing returns before it"
	}
	return &Failure{Reason: ExitedEarly, ExitCode: e.Code, LastLines: e.LastLines,
		Message: fmt.Sprintf("your server %s before it listened on port %d: %s", e.describe(), port, hint)}
}

func neverListened(port int, d time.Duration, lines []string) *Failure {
	return &Failure{Reason: NeverListened, LastLines: lines,
		Message: fmt.Sprintf("your server is running but did not listen on port %d within %s: "+
			"start an HTTP server on 127.0.0.1 (or all addresses) at the port in the PORT environment variable",
			port, human(d))}
}

func wrongPort(port int, ports []int, lines []string) *Failure {
	names := make([]string, len(ports))
	for i, p := range ports {
		names[i] = strconv.Itoa(p)
	}
	which := "port " + names[0]
	if len(names) > 1 {
		which = "ports " + strings.Join(names, ", ")
	}
	return &Failure{Reason: WrongPort, LastLines: lines,
		Message: fmt.Sprintf("your server listens on %s, not on the port in $PORT (%d): "+
			"read the port from the PORT environment variable", which, port)}
}

func canceled(what string) *Failure {
	return &Failure{Reason: Canceled, Message: "sandcastle was interrupted " + what}
}

func hung(request string, d time.Duration, lang string) *Failure {
	waits := "on a lock, a channel or a database transaction"
	switch lang {
	case "go":
		waits = "on a mutex, a channel or a database transaction"
	case "python":
		waits = "on a lock, input() or a database transaction that was never committed"
	}
	return &Failure{Reason: Hung,
		Message: fmt.Sprintf("the server did not answer %s within %s: check that its handler always "+
			"writes a response and does not wait forever (%s)", request, human(d), waits)}
}

func crashed(request string, e *ExitInfo, before bool) *Failure {
	when := "while answering " + request
	if before {
		when = "before " + request + " was sent"
	}
	return &Failure{Reason: Crashed, ExitCode: e.Code, LastLines: e.LastLines,
		Message: fmt.Sprintf("your server %s %s: %s", e.describe(), when, lastLinesHint(e.LastLines))}
}

func refused(request string, port int) *Failure {
	return &Failure{Reason: Refused,
		Message: fmt.Sprintf("your server is still running but refused %s: it no longer listens on port %d "+
			"(did it close its listener?)", request, port)}
}

func dropped(request, cause string, lines []string) *Failure {
	return &Failure{Reason: Dropped, LastLines: lines,
		Message: fmt.Sprintf("your server did not give a valid answer to %s (%s): an error in its handler "+
			"is the usual cause, and the last lines of its output below may say which", request, cause)}
}

func stoppedBefore(request string) *Failure {
	return &Failure{Reason: Canceled, Message: "the server was stopped before " + request + " was sent"}
}

func stoppedDuring(request string) *Failure {
	return &Failure{Reason: Canceled, Message: "the server was stopped while answering " + request}
}

// human writes a duration the way a person would say it: "5 s", "5 min".
func human(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s"
	case d%time.Minute == 0:
		return strconv.Itoa(int(d/time.Minute)) + " min"
	default:
		return d.Round(time.Second).String()
	}
}
