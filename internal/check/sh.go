package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/sandcastle/sandcastle/internal/server"
	"github.com/sandcastle/sandcastle/lessons"
)

// shTimeout bounds an sh check: a test suite may take a while, a hung one
// must not hang the tutor.
const shTimeout = 2 * time.Minute

// maxOutput caps what an sh check's output may hold in memory.
const maxOutput = 1 << 20

// shCheck runs an sh check of a trusted course in the workspace. Its expect
// block is `exit N`, then text the output must contain.
func shCheck(ctx context.Context, c *lessons.Check, opts Options) string {
	if !opts.Trusted {
		return shRefused(opts)
	}
	if opts.Dir == "" {
		return "sh checks need a workspace folder to run in"
	}
	want := c.Expect.Exit
	if want == nil {
		return "the course's expect block for an sh check must start with `exit N`"
	}
	ctx, cancel := context.WithTimeout(ctx, shTimeout)
	defer cancel()
	out := &cappedBuffer{max: maxOutput}
	// As a learner's server: what the command starts, a daemon included,
	// ends with it, or when ctx ends.
	err := server.RunContained(ctx, func() *exec.Cmd {
		out.Reset()
		cmd := exec.Command("sh", "-c", c.Body)
		cmd.Dir = opts.Dir
		cmd.Stdout, cmd.Stderr = out, out
		cmd.WaitDelay = time.Second // a pipe held open by what escaped
		return cmd
	})
	code := 0
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return fmt.Sprintf("the command did not finish within %s", shTimeout)
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case errors.Is(err, exec.ErrNotFound):
		return "sh checks run their command with sh, which was not found: install a POSIX shell " +
			"(on Windows, Git for Windows has one: put its usr\\bin folder on PATH)"
	case err != nil:
		return fmt.Sprintf("the command could not run: %v", err)
	}
	if code != want.Code {
		return fmt.Sprintf("the command exited with %d; expected %d\n%s", code, want.Code, tail(out.String(), 20))
	}
	if want.Output != "" && !strings.Contains(out.String(), want.Output) {
		return fmt.Sprintf("the command's output does not contain %q\n%s", want.Output, tail(out.String(), 20))
	}
	return ""
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// cappedBuffer keeps the first max bytes written to it and drops the rest.
type cappedBuffer struct {
	bytes.Buffer
	max int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}
