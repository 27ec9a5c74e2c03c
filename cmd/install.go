package cmd

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sandcastle/sandcastle/internal/invocation"
)

// offerInstall offers, once, to install sandcastle on the learner's PATH
// when they started it with go run in its source folder, so that the
// commands the lessons name work as written. It asks only on a terminal,
// runs nothing without a yes, and records in the user's config folder that
// it asked. A failed install says why; sandcastle goes on all the same,
// showing commands that work from where the learner is.
func offerInstall(ctx context.Context, a *app, ws string) {
	io := a.io
	if a.how == nil || !io.InTTY || !io.OutTTY {
		return
	}
	h := a.how()
	config, err := invocation.ConfigDir()
	if err != nil || !h.Offer(config) {
		return
	}
	io.printf("%s\nThis is asked only once. [y/N] ", io.fit(fmt.Sprintf("You started sandcastle with go run, so the commands the lessons name "+
		"(`sandcastle check`, `sandcastle serve`) do not work in your terminal yet. "+
		"Install sandcastle with `go install .` in %s?", h.SourceDir)))
	answer := strings.ToLower(strings.TrimSpace(readLine(io.In)))
	if err := invocation.Offered(config, answer, time.Now()); err != nil {
		io.eprintln(io.dim("(this could not be recorded, so it may be asked again: " + printable(err.Error()) + ")"))
	}
	if answer != "y" && answer != "yes" {
		io.printf("Not installed. The commands sandcastle shows you start with `%s`, which works from here.\n\n",
			h.Command(ws))
		return
	}
	io.println(io.dim("Installing (go install . builds sandcastle: the first time, this may take a minute)…"))
	installed, err := invocation.Install(ctx, h.SourceDir, io.Out)
	if err != nil {
		io.eprintln(io.red("sandcastle was not installed: ") + printable(err.Error()))
		io.println("The commands sandcastle shows you run it from here instead. Press Enter to go on.")
		readLine(io.In)
		return
	}
	a.how = func() invocation.How { return h.With(installed) }
	io.printf("%s %s\n", io.green("Installed:"), installed.Path)
	if installed.OnPath {
		io.println("Its folder is on your PATH: `sandcastle` works in any new terminal.")
	} else {
		io.printf("Its folder, %s, is not on your PATH. Add this line\n"+
			"to your shell's profile (~/.bashrc, ~/.zshrc, ~/.profile), then open a new terminal:\n\n    %s\n\n"+
			"Until then, sandcastle shows you commands with its full path.\n", installed.Dir, installed.PathLine())
	}
	io.println("Press Enter to start.")
	readLine(io.In)
}

// readLine reads one line from r, a byte at a time, so that nothing after
// it is taken from the input the TUI reads next.
func readLine(r io.Reader) string {
	var b strings.Builder
	buf := make([]byte, 1)
	for b.Len() < 1024 {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				break
			}
			b.WriteByte(buf[0])
		}
		if err != nil {
			break
		}
	}
	return b.String()
}
