package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/sandcastle/sandcastle/internal/httpmatch"
	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/internal/termtext"
	"github.com/sandcastle/sandcastle/internal/textfmt"
	"github.com/sandcastle/sandcastle/lessons"
)

// startCheck runs an http check with a Start: the learner's server, started
// on its own with its environment changed, must end as the check's exit
// expects, or answer its request as its expect says. err is set when the
// step cannot run at all (the server does not build, sandcastle was
// interrupted): the step's own start would fail the same way.
func startCheck(ctx context.Context, course *lessons.Course, step *lessons.Step, c *lessons.Check, files fs.FS, opts Options, paths ServerFiles) (CheckResult, error) {
	srv, apiKey, err := startServer(ctx, course, step, files, opts, c.Start)
	var f *server.Failure
	if err != nil && (!errors.As(err, &f) || f.Reason == server.BuildFailed || f.Reason == server.NotFound || f.Reason == server.Canceled) {
		return CheckResult{}, err
	}
	if x := c.Expect.Exit; x != nil {
		if srv != nil {
			port := srv.Port
			srv.Close()
			return verdict(step, c, startedAnyway(c.Start, port, opts.Lang)), nil
		}
		return verdict(step, c, endedAs(c.Start, *x, f, paths.Log)), nil
	}
	if err != nil {
		return verdict(step, c, "Started "+c.Start.String()+", "+err.Error()), nil
	}
	defer srv.Close()
	run := &serverRun{srv: srv, captures: httpmatch.Captures{APIKeyName: apiKey}, lang: opts.Lang, logShown: opts.Server.LogShown}
	msg, m := run.httpCheck(ctx, step, c)
	if msg != "" {
		msg = "Started " + c.Start.String() + ":\n" + msg
	}
	cr := verdict(step, c, msg)
	cr.HTTP = m
	return cr, nil
}

// startedAnyway says what is wrong with a server that listened where it
// should have refused to start.
func startedAnyway(s *lessons.Start, port int, lang string) string {
	name := changed(s)
	return fmt.Sprintf("Started %s, your server ran and listened on port %d: it should refuse to start. "+
		"Read %s when the server starts, and stop at once with a message that names it, %s.",
		s, port, name, stopAdvice(name, lang))
}

// endedAs compares how a server that did not listen ended with the exit the
// check expects; it returns "" when they agree.
func endedAs(s *lessons.Start, x lessons.Exit, f *server.Failure, logPath string) string {
	if f.Reason != server.ExitedEarly {
		return fmt.Sprintf("Started %s, your server should stop at once with a message that names %s; "+
			"it did not stop. %s", s, changed(s), f.Error())
	}
	ended := fmt.Sprintf("exit code %d", f.ExitCode)
	if f.ExitCode < 0 {
		ended = "a signal"
	}
	last := lastLines(f.LastLines)
	switch {
	case x.NonZero && f.ExitCode == 0:
		return fmt.Sprintf("Started %s, your server stopped with exit code 0, which tells whoever started it "+
			"that all went well: exit with a code that is not 0 (log.Fatal and sys.exit(\"...\") do).%s", s, last)
	case !x.NonZero && f.ExitCode != x.Code:
		return fmt.Sprintf("Started %s, your server stopped with %s; the check expects exit code %d.%s", s, ended, x.Code, last)
	}
	if x.Output == "" || strings.Contains(logText(logPath, f), x.Output) {
		return ""
	}
	return fmt.Sprintf("Started %s, your server stopped (%s), but its output does not say %q: "+
		"print a message that names what is wrong, so that whoever starts it knows what to set.%s",
		s, ended, termtext.Printable(x.Output), last)
}

// changed is the first variable a Start changes, for advice.
func changed(s *lessons.Start) string {
	if len(s.Unset) > 0 {
		return s.Unset[0]
	}
	name, _, _ := strings.Cut(s.Set[0], "=")
	return name
}

// stopAdvice says how a server of lang stops at start-up when it lacks name.
func stopAdvice(name, lang string) string {
	switch lang {
	case "go":
		return fmt.Sprintf("as in: if os.Getenv(%q) == \"\" { log.Fatal(\"%s is not set\") }", name, name)
	case "python":
		return fmt.Sprintf("as in: if not os.environ.get(%q): sys.exit(\"%s is not set\")", name, name)
	}
	return "and a non-zero exit code"
}

// logText is what the server printed: its log, or the last lines the
// failure kept when the log cannot be read.
func logText(path string, f *server.Failure) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return strings.Join(f.LastLines, "\n")
	}
	return string(data)
}

// lastLines shows the last lines of a server's output below a message.
func lastLines(lines []string) string {
	if len(lines) == 0 {
		return " It printed nothing."
	}
	return "\n\n" + textfmt.Indent(termtext.Printable(strings.Join(lines, "\n")), "    ")
}

// logWait bounds the wait for a log check's text: the server prints before
// it answers, but its output reaches the log through a pipe.
const logWait = 2 * time.Second

// logCheck looks for a log check's text in what the server has printed so
// far; it returns "" when it is there.
func (r *serverRun) logCheck(ctx context.Context, c *lessons.Check) string {
	deadline := time.Now().Add(logWait)
	var data []byte
	for {
		data, _ = os.ReadFile(r.log)
		if bytes.Contains(data, []byte(c.Expect.Text)) {
			return ""
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	where := ""
	if r.logShown != "" {
		where = " (" + r.logShown + ")"
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	if len(data) == 0 {
		lines = nil
	}
	return fmt.Sprintf("Your server's output%s does not show %q.%s", where, termtext.Printable(c.Expect.Text), lastLines(lines))
}
