package invocation

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// offeredFile records, in the user's config folder, that the offer to
// install sandcastle was made: it is made once.
const offeredFile = "install-offered"

// Offer says whether to offer to install sandcastle: it was started with
// go run from its source folder, and the offer was never made (recorded in
// configDir, the user's config folder, as ConfigDir finds it).
func (h How) Offer(configDir string) bool {
	if !h.GoRun || h.SourceDir == "" || configDir == "" {
		return false
	}
	_, err := os.Lstat(filepath.Join(configDir, Name, offeredFile))
	return errors.Is(err, fs.ErrNotExist)
}

// Offered records that the offer was made and what the learner answered,
// so that it is not made again.
func Offered(configDir, answer string, now time.Time) error {
	dir := filepath.Join(configDir, Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	line := fmt.Sprintf("offered %s, answered %q\n", now.UTC().Format(time.RFC3339), answer)
	return os.WriteFile(filepath.Join(dir, offeredFile), []byte(line), 0o644)
}

// ConfigDir is the user's config folder: $XDG_CONFIG_HOME when it is set
// (and absolute), else the system's (os.UserConfigDir).
func ConfigDir() (string, error) {
	if dir := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return dir, nil
	}
	return os.UserConfigDir()
}

// Installed is where go install put sandcastle.
type Installed struct {
	// Path is the binary; Dir its folder ($GOBIN, or $(go env GOPATH)/bin).
	Path, Dir string
	// OnPath says Dir is on the PATH.
	OnPath bool
}

// PathLine is the line to add to a shell's profile to put Dir on the PATH.
func (i Installed) PathLine() string { return `export PATH="$PATH:` + i.Dir + `"` }

// Install runs `go install .` in the source folder, go's output to out,
// and says where the binary went. An error says what failed, for the
// learner: no go, or the build's own error (shown on out).
func Install(ctx context.Context, sourceDir string, out io.Writer) (Installed, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return Installed{}, fmt.Errorf("go is not on your PATH, so sandcastle cannot install itself: %w", err)
	}
	install := exec.CommandContext(ctx, goCmd, "install", ".")
	install.Dir, install.Stdout, install.Stderr = sourceDir, out, out
	if err := install.Run(); err != nil {
		return Installed{}, fmt.Errorf("go install . in %s failed (%v); its output is above", sourceDir, err)
	}
	env := exec.CommandContext(ctx, goCmd, "env", "GOBIN", "GOPATH")
	env.Dir = sourceDir
	b, err := env.Output()
	if err != nil {
		return Installed{}, fmt.Errorf("go env GOBIN GOPATH: %w", err)
	}
	lines := strings.Split(string(b), "\n") // GOBIN's line is empty when it is not set
	dir := ""
	if len(lines) > 0 && strings.TrimSpace(lines[0]) != "" {
		dir = strings.TrimSpace(lines[0])
	} else if len(lines) > 1 {
		if gopath := filepath.SplitList(strings.TrimSpace(lines[1])); len(gopath) > 0 && gopath[0] != "" {
			dir = filepath.Join(gopath[0], "bin")
		}
	}
	if dir == "" {
		return Installed{}, fmt.Errorf("go env says neither GOBIN nor GOPATH: where go install put sandcastle is not known")
	}
	name := Name
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	return Installed{Path: filepath.Join(dir, name), Dir: dir, OnPath: onPath(dir, os.Getenv("PATH"))}, nil
}

// onPath reports whether dir is one of the folders of path (a PATH).
func onPath(dir, path string) bool {
	for _, d := range filepath.SplitList(path) {
		if d != "" && sameFile(d, dir) {
			return true
		}
	}
	return false
}

// With is h after an install: Command gives the installed binary.
func (h How) With(i Installed) How {
	h.Installed, h.InstalledOnPath = i.Path, i.OnPath
	return h
}
