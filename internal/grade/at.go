package grade

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Snapshot is the commit a workspace was graded at (grade --at).
type Snapshot struct {
	Commit string    `json:"commit"`
	Time   time.Time `json:"time"`
}

// snapshotAt writes into dst, an empty folder, the files of the workspace
// at ws as they were in its git repository's last commit made at or before
// at, and returns that commit. The workspace's checkout is only read by
// git: nothing in it changes. The commit's files are written by grade, not
// git: regular files (capped as a copy is) and links (kept as links, so
// that the copy says what they were), within dst only.
func snapshotAt(ctx context.Context, ws, dst string, at time.Time, lim Limits) (Snapshot, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return Snapshot{}, errors.New("--at needs git, which is not installed here")
	}
	prefix, err := git(ctx, ws, "rev-parse", "--show-prefix")
	if err != nil {
		return Snapshot{}, errors.New("not a git repository: --at grades the last commit before a time, and this workspace has none")
	}
	// The repository must be the one in the folder: a .git file that
	// points elsewhere (another student's repository) is refused.
	top, err1 := git(ctx, ws, "rev-parse", "--show-toplevel")
	gitDir, err2 := git(ctx, ws, "rev-parse", "--absolute-git-dir")
	if err1 != nil || err2 != nil || filepath.Clean(gitDir) != filepath.Join(top, ".git") {
		return Snapshot{}, fmt.Errorf("its .git is not a folder of the repository (it points to %s): --at grades only a repository of its own", gitDir)
	}
	out, err := git(ctx, ws, "log", "-1", "--format=%H %ct", "--before="+at.UTC().Format("2006-01-02 15:04:05 -0700"), "HEAD", "--")
	if err != nil || out == "" {
		return Snapshot{}, fmt.Errorf("no commit made before %s: nothing to grade", at.Format("2006-01-02 15:04 MST"))
	}
	hash, secs, _ := strings.Cut(out, " ")
	var unix int64
	fmt.Sscan(secs, &unix)
	snap := Snapshot{Commit: hash, Time: time.Unix(unix, 0)}
	tree := hash
	if prefix != "" {
		tree = hash + ":" + strings.TrimSuffix(prefix, "/")
	}
	entries, err := listTree(ctx, ws, tree, lim.withDefaults())
	if err != nil {
		return snap, err
	}
	return snap, writeTree(ctx, ws, dst, entries)
}

// treeEntry is a file of a commit: a regular file or a link, whose content
// (a link's: its target) is the blob.
type treeEntry struct {
	path string
	blob string
	link bool
}

// listTree lists the regular files and links of tree, within lim's caps.
// Files over the size cap are left out, as a copy leaves them out; a step
// that needs one says it is missing.
func listTree(ctx context.Context, ws, tree string, lim Limits) ([]treeEntry, error) {
	out, err := gitCommand(ctx, ws, "ls-tree", "--full-tree", "-r", "-z", "-l", tree).Output()
	if err != nil {
		return nil, fmt.Errorf("list the files of %s: %v", tree, err)
	}
	var entries []treeEntry
	total := int64(0)
	for rec := range strings.SplitSeq(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		meta, name, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta) // mode, type, object, size
		if !ok || len(f) != 4 || f[1] != "blob" || !validName(name) {
			continue // a submodule, or a name that cannot be a file here
		}
		if len(entries) >= lim.Files {
			return nil, &capError{fmt.Sprintf("the commit holds more than %d files, over grade's cap: it was not graded", lim.Files)}
		}
		var size int64
		fmt.Sscan(f[3], &size)
		if size > lim.FileSize {
			continue
		}
		if total += size; total > lim.Total {
			return nil, &capError{fmt.Sprintf("the commit's files are over grade's cap of %s: it was not graded", sizeText(lim.Total))}
		}
		entries = append(entries, treeEntry{path: name, blob: f[2], link: f[0] == "120000"})
	}
	return entries, nil
}

// writeTree writes entries into the folder dst, each inside it (os.Root),
// reading their blobs with one git cat-file: raw, with no filter of the
// repository's configuration applied (a smudge filter would be its code).
func writeTree(ctx context.Context, ws, dst string, entries []treeEntry) error {
	root, err := os.OpenRoot(dst)
	if err != nil {
		return err
	}
	defer root.Close()
	var ids bytes.Buffer
	for _, e := range entries {
		ids.WriteString(e.blob + "\n")
	}
	cmd := gitCommand(ctx, ws, "cat-file", "--batch")
	cmd.Stdin = &ids
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	werr := writeBlobs(bufio.NewReader(pipe), root, entries)
	io.Copy(io.Discard, pipe)
	if err := cmd.Wait(); werr == nil && err != nil {
		werr = fmt.Errorf("read the commit's files: %w", err)
	}
	return werr
}

// writeBlobs reads cat-file --batch's answers, one per entry in order, and
// writes each where it belongs.
func writeBlobs(r *bufio.Reader, root *os.Root, entries []treeEntry) error {
	for _, e := range entries {
		header, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("read the commit's files: %w", err)
		}
		var oid, kind string
		var size int64
		if n, _ := fmt.Sscan(header, &oid, &kind, &size); n != 3 || kind != "blob" {
			return fmt.Errorf("read the commit's files: git answered %q", strings.TrimSpace(header))
		}
		data := make([]byte, size+1) // and the newline after it
		if _, err := io.ReadFull(r, data); err != nil {
			return fmt.Errorf("read the commit's files: %w", err)
		}
		data = data[:size]
		if dir := path.Dir(e.path); dir != "." {
			if err := root.MkdirAll(dir, 0o700); err != nil {
				return err
			}
		}
		if e.link {
			// Kept as a link, never followed: the copy says what it was.
			err = root.Symlink(string(data), e.path)
		} else {
			err = root.WriteFile(e.path, data, 0o600)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// validName reports whether a path of a commit can name a file inside the
// folder it is written in.
func validName(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
		return false
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || seg == "." || seg == ".." || seg == ".git" {
			return false
		}
	}
	return true
}

// git runs git in dir and returns its output, trimmed.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	out, err := gitCommand(ctx, dir, args...).Output()
	return strings.TrimSpace(string(out)), err
}

// gitCommand is git run in a student's repository: with no pager, hooks or
// file-system monitor, and no configuration but the repository's own.
func gitCommand(ctx context.Context, dir string, args ...string) *exec.Cmd {
	full := append([]string{"-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "safe.directory=*",
		"-c", "log.showSignature=false", "--no-pager"}, args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	return cmd
}

func short(hash string) string { return hash[:min(len(hash), 12)] }
