package grade

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/internal/folder"
	"github.com/sandcastle/sandcastle/internal/workspace"
	"github.com/sandcastle/sandcastle/lessons"
)

// Limits cap what grade copies of a workspace. A learner's files are
// kilobytes of SQL and source: the caps are far above honest work and
// bound the disk and time a hostile workspace can cost.
type Limits struct {
	// FileSize is the largest file copied (default DefaultFileSize); a
	// larger one is left out, and a step that needs it says so.
	FileSize int64
	// Files caps the files and folders of a workspace (default
	// DefaultFiles), Total the bytes of its files (default DefaultTotal);
	// a workspace beyond either is not graded.
	Files int
	Total int64
}

// The default Limits.
const (
	DefaultFileSize = 10 << 20
	DefaultFiles    = 10_000
	DefaultTotal    = 100 << 20
)

func (l Limits) withDefaults() Limits {
	if l.FileSize <= 0 {
		l.FileSize = DefaultFileSize
	}
	if l.Files <= 0 {
		l.Files = DefaultFiles
	}
	if l.Total <= 0 {
		l.Total = DefaultTotal
	}
	return l
}

// maxDepth is how many folders deep the copy goes: deeper folders are left
// out (an honest workspace is a few deep; this bounds the cost of opening a
// path one component at a time).
const maxDepth = 64

// notCopied names the folders never copied: sandcastle's own state (what
// the recorded progress says is never read) and version control's.
func notCopied(rel string) bool {
	switch path.Base(rel) {
	case ".git", ".hg", ".svn", ".bzr", "_darcs", ".jj", ".pijul", ".fossil":
		return true
	}
	return rel == workspace.StateDir
}

// leftOut is a workspace entry that the private copy does not hold.
type leftOut struct {
	// why it was left out, as the end of a sentence that starts with its
	// path; advice, what follows for the step that needs it.
	why, advice string
}

const regularOnly = "sandcastle grades only regular files, so it was not copied: put the file itself in its place"

func unreadable(err error) leftOut {
	return leftOut{"could not be read (" + errText(err) + ")", "it was not copied"}
}

// privateCopy is a workspace's regular files copied into a folder of
// grade's own: the student's server runs there, so whatever it writes
// changes nothing in the workspace, and what it reads is only what was
// copied.
type privateCopy struct {
	dir     string
	leftOut map[string]leftOut // by slash path in the workspace
	src     *os.Root
	lim     Limits
	entries int
	bytes   int64
}

// capError is a workspace over a cap of Limits: it is not graded.
type capError struct{ msg string }

func (e *capError) Error() string { return e.msg }

// copyWorkspace copies the regular files of the workspace at src into dst,
// an empty folder. Links, FIFOs, devices and sockets are left out, never
// followed or opened; so are files over the size cap. It fails when the
// workspace is over a cap, cannot be read, or dst cannot be written.
func copyWorkspace(ctx context.Context, src, dst string, lim Limits) (*privateCopy, error) {
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	c := &privateCopy{dir: dst, leftOut: map[string]leftOut{}, src: root, lim: lim.withDefaults()}
	if err := c.folder(ctx, ".", 0); err != nil {
		return nil, err
	}
	return c, nil
}

// folder copies the entries of the folder rel. It reads the names first
// and closes the folder, so that only one is open however deep the copy.
func (c *privateCopy) folder(ctx context.Context, rel string, depth int) error {
	names, err := c.names(rel)
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := c.entry(ctx, path.Join(rel, name), depth); err != nil {
			return err
		}
	}
	return nil
}

// names reads a folder's names, counting them against the cap on files as
// it goes, so that a folder of a million entries is not read whole.
func (c *privateCopy) names(rel string) ([]string, error) {
	f, err := c.src.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names []string
	for {
		batch, err := f.Readdirnames(256)
		for _, n := range batch {
			if notCopied(path.Join(rel, n)) {
				continue
			}
			if c.entries++; c.entries > c.lim.Files {
				return nil, &capError{fmt.Sprintf("the workspace holds more than %d files and folders, grade's cap on files: "+
					"remove what the course does not need (build output, data, a virtualenv) and grade it again", c.lim.Files)}
			}
			names = append(names, n)
		}
		if errors.Is(err, io.EOF) || (err == nil && len(batch) == 0) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(names)
	return names, nil
}

// entry copies one entry, or records why it is left out.
func (c *privateCopy) entry(ctx context.Context, rel string, depth int) error {
	info, err := c.src.Lstat(rel)
	switch {
	case err != nil:
		c.leftOut[rel] = unreadable(err)
	case info.Mode()&fs.ModeSymlink != 0:
		c.leftOut[rel] = leftOut{"is a symbolic link", regularOnly}
	case info.IsDir() && depth >= maxDepth:
		c.leftOut[rel] = leftOut{fmt.Sprintf("is more than %d folders deep", maxDepth), "it was not copied"}
	case info.IsDir():
		if err := os.Mkdir(filepath.Join(c.dir, filepath.FromSlash(rel)), 0o755); err != nil {
			return err
		}
		return c.folder(ctx, rel, depth+1)
	case info.Mode().IsRegular():
		return c.file(rel, info)
	default:
		c.leftOut[rel] = leftOut{"is " + folder.TypeName(info.Mode()) + ", not a regular file", regularOnly}
	}
	return nil
}

// file copies a regular file. It is opened without following a link and
// without blocking, and copied only if it is still the file Lstat saw: a
// file swapped for a link or a FIFO meanwhile is left out.
func (c *privateCopy) file(rel string, info fs.FileInfo) error {
	if info.Size() > c.lim.FileSize {
		c.leftOut[rel] = c.tooBig(info.Size())
		return nil
	}
	if c.bytes+info.Size() > c.lim.Total {
		return c.overTotal()
	}
	in, err := c.src.OpenFile(rel, os.O_RDONLY|openFlags, 0)
	if err != nil {
		c.leftOut[rel] = unreadable(err)
		return nil
	}
	defer in.Close()
	if now, err := in.Stat(); err != nil || !now.Mode().IsRegular() || !os.SameFile(info, now) {
		c.leftOut[rel] = leftOut{"changed while it was being copied", "grade it again"}
		return nil
	}
	dst := filepath.Join(c.dir, filepath.FromSlash(rel))
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm()&0o755|0o600)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, io.LimitReader(in, c.lim.FileSize+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copy %s: %w", rel, err)
	}
	if n > c.lim.FileSize { // it grew while being copied
		os.Remove(dst)
		c.leftOut[rel] = c.tooBig(n)
		return nil
	}
	if c.bytes += n; c.bytes > c.lim.Total {
		return c.overTotal()
	}
	return nil
}

func (c *privateCopy) tooBig(size int64) leftOut {
	return leftOut{fmt.Sprintf("is %s, over grade's cap of %s a file", sizeText(size), sizeText(c.lim.FileSize)),
		"it was not read"}
}

func (c *privateCopy) overTotal() error {
	return &capError{fmt.Sprintf("the workspace's files add up to more than %s, grade's cap on a workspace: "+
		"remove what the course does not need (build output, data, a virtualenv) and grade it again", sizeText(c.lim.Total))}
}

// refusal says why a step that needs the files at paths cannot be graded
// from the copy: the first of them, or a folder above it, left out. It is
// "" when every one was copied (or was never there).
func (c *privateCopy) refusal(paths []string) string {
	for _, p := range paths {
		for at := p; at != "." && at != "/" && at != ""; at = path.Dir(at) {
			l, ok := c.leftOut[at]
			if !ok {
				continue
			}
			subject := p
			if at != p {
				subject = fmt.Sprintf("%s is in %s, which", p, at)
			}
			return fmt.Sprintf("%s %s; %s.", subject, l.why, l.advice)
		}
	}
	return ""
}

// notes say what was left out, for the instructor: a server that fails for
// a missing module may be missing a file that is a link.
func (c *privateCopy) notes() []string {
	paths := make([]string, 0, len(c.leftOut))
	for p := range c.leftOut {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	const most = 20
	var out []string
	for i, p := range paths {
		if i == most {
			out = append(out, fmt.Sprintf("and %d more entries not copied", len(paths)-most))
			break
		}
		out = append(out, fmt.Sprintf("not copied: %s %s", p, c.leftOut[p].why))
	}
	return out
}

// needs are the workspace files a step reads: the SQL files it applies
// and the queries its checks run, and, for a step that runs the learner's
// server, sandcastle.yaml and every other file the course declares for the
// language up to the step (the server's sources, go.mod).
func needs(course *lessons.Course, step *lessons.Step, lang string) []string {
	server := step.Serves()
	var paths []string
	if server {
		paths = append(paths, workspace.ConfigFile)
	}
	for _, f := range course.Declared(step, lang) {
		if !f.Query && (server || strings.HasSuffix(f.Path, ".sql")) {
			paths = append(paths, f.Path)
		}
	}
	for _, c := range step.Checks {
		if c.Run != "" {
			paths = append(paths, c.Run)
		}
	}
	return paths
}

// errText is an error without the path it names: the message names it.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// sizeText is n bytes for a person: "64 MiB", "1.5 MiB", "300 KiB".
func sizeText(n int64) string {
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}} {
		if n < u.size {
			continue
		}
		if n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
		return fmt.Sprintf("%.1f %s", float64(n)/float64(u.size), u.name)
	}
	return fmt.Sprintf("%d bytes", n)
}
