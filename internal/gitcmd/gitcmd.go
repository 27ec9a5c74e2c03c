// Package gitcmd runs the system's git so that nothing a repository or a
// remote holds runs as the user or waits for an answer: no hooks, no
// file-system monitor, no pager, no prompt for a password.
package gitcmd

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrNotInstalled is git missing from the PATH.
var ErrNotInstalled = errors.New("git is not installed here (or not on the PATH)")

// Installed returns ErrNotInstalled when there is no git to run.
func Installed() error {
	if _, err := exec.LookPath("git"); err != nil {
		return ErrNotInstalled
	}
	return nil
}

// hardened are the settings every git run gets: hooks, the file-system
// monitor and the pager are the repository's code, never run.
var hardened = []string{"-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "--no-pager"}

// waitDelay bounds how long a git whose context ended may keep its output
// open (through a child, such as ssh) before it is given up.
const waitDelay = 5 * time.Second

// Local is git run in dir, a repository sandcastle did not make or only
// reads: with no configuration but the repository's own (not the system's,
// nor the user's, whose filters and helpers are code), any owner's
// repository read (safe.directory), and the settings above.
func Local(ctx context.Context, dir string, args ...string) *exec.Cmd {
	full := append(append([]string{}, hardened...), "-c", "safe.directory=*", "-c", "log.showSignature=false")
	cmd := exec.CommandContext(ctx, "git", append(full, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	cmd.WaitDelay = waitDelay
	return cmd
}

// Remote is git run in dir to talk to a remote repository: with the user's
// configuration, for their credentials, proxies and URL rewrites, but no
// prompt (a password git would ask for is an error instead: ssh runs in
// batch mode unless GIT_SSH_COMMAND or GIT_SSH says otherwise), no ext::
// transport, no submodules, and every object received checked. dir, an
// absolute path, is a repository of sandcastle's own or a folder in none:
// git never looks for one above it (whose configuration could run code).
func Remote(ctx context.Context, dir string, args ...string) *exec.Cmd {
	full := append(append([]string{}, hardened...),
		"-c", "protocol.ext.allow=never", "-c", "submodule.recurse=false", "-c", "transfer.fsckObjects=true")
	cmd := exec.CommandContext(ctx, "git", append(full, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GCM_INTERACTIVE=never", "LC_ALL=C",
		"GIT_CEILING_DIRECTORIES="+filepath.Dir(dir))
	if os.Getenv("GIT_SSH_COMMAND") == "" && os.Getenv("GIT_SSH") == "" {
		cmd.Env = append(cmd.Env, "GIT_SSH_COMMAND=ssh -o BatchMode=yes")
	}
	cmd.WaitDelay = waitDelay
	return cmd
}
