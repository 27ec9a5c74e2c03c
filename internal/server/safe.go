package server

import (
	"fmt"
	"strings"
)

// SafeCommand accepts the server commands sandcastle runs for a course the
// learner has not trusted: `go run ./PATH` (or `go run .`) and
// `python3 PATH.py` or `python PATH.py`, with PATH relative and inside the
// workspace, and nothing more (no flags, no arguments). It says what to do
// about any other command.
func SafeCommand(cmd string) error {
	f := strings.Fields(cmd)
	switch {
	case len(f) == 3 && f[0] == "go" && f[1] == "run" && (f[2] == "." || strings.HasPrefix(f[2], "./")) &&
		insideWorkspace(f[2]):
		return nil
	case len(f) == 2 && (f[0] == "python3" || f[0] == "python") && strings.HasSuffix(f[1], ".py") &&
		len(f[1]) > len(".py") && insideWorkspace(f[1]):
		return nil
	}
	return fmt.Errorf("this course's server command is `%s`; sandcastle only runs `go run ./DIR` "+
		"or `python3 FILE.py` for a course you have not trusted: run `sandcastle trust` "+
		"if you trust the course's author", strings.Join(f, " "))
}

// insideWorkspace reports whether path is a plain relative path that stays
// in the workspace: no leading '/' or '-', no "..", only letters, digits and
// "._-/".
func insideWorkspace(path string) bool {
	if path == "" || path[0] == '/' || path[0] == '-' {
		return false
	}
	for _, r := range path {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-/", r)
		if !ok {
			return false
		}
	}
	for _, part := range strings.Split(path, "/") {
		if part == ".." {
			return false
		}
	}
	return true
}
