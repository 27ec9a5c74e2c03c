package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sandcastle/sandcastle/internal/folder"
)

// BackupsKept is how many versions of each file .sandcastle/backups keeps:
// the newest; older ones are removed as new ones come.
const BackupsKept = 10

// backupStamp names a backup folder: the time it was made, to the second,
// then -2, -3, ... for more in the same second.
const backupStamp = "2006-01-02T15-04-05"

// Backup is a folder under .sandcastle/backups holding the learner's
// versions of files sandcastle replaced.
type Backup struct {
	Dir   string
	Files []string
}

// NewBackup names a new backup folder; it is created with its first file.
func (w *Workspace) NewBackup() *Backup {
	return &Backup{Dir: filepath.Join(w.backupsDir(), time.Now().Format(backupStamp))}
}

func (w *Workspace) backupsDir() string { return filepath.Join(w.Root, StateDir, "backups") }

// backup copies the learner's version of a file into b. The backups folder
// must be a real folder, and each copy is a new file (O_EXCL): nothing is
// written through a link.
func (w *Workspace) backup(b *Backup, name string, content []byte) error {
	if len(b.Files) == 0 {
		if err := folder.OwnDir(filepath.Join(w.Root, StateDir), false); err != nil {
			return err
		}
		if err := folder.OwnDir(w.backupsDir(), false); err != nil {
			return err
		}
		b.Dir = uniqueDir(b.Dir)
	}
	rel, err := filepath.Rel(w.Root, filepath.Join(b.Dir, name))
	if err != nil {
		return err
	}
	if err := w.root.MkdirAll(filepath.Dir(rel), 0o755); err != nil {
		return fmt.Errorf("back up %s: %w", name, err)
	}
	f, err := w.root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("back up %s: %w", name, err)
	}
	_, err = f.Write(content)
	if err := errors.Join(err, f.Close()); err != nil {
		return fmt.Errorf("back up %s: %w", name, err)
	}
	b.Files = append(b.Files, name)
	return nil
}

// uniqueDir returns dir, or dir-2, dir-3, ... after the last that exists,
// so that a folder made later has a later name even when pruning removed
// one of the same second.
func uniqueDir(dir string) string {
	last := 0
	if _, err := os.Lstat(dir); err == nil {
		last = 1
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		if rest, ok := strings.CutPrefix(e.Name(), filepath.Base(dir)+"-"); ok {
			if n, err := strconv.Atoi(rest); err == nil && n > last {
				last = n
			}
		}
	}
	if last == 0 {
		return dir
	}
	return fmt.Sprintf("%s-%d", dir, last+1)
}

// pruneBackups removes the versions of each file beyond the newest
// BackupsKept, and the backup folders that leaves empty. The backup just
// made, b, is the newest whatever the clock says. Folders whose names are
// not backup stamps are left alone. Pruning is tidying: what it cannot
// remove stays.
func (w *Workspace) pruneBackups(b *Backup) {
	dir := w.backupsDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type made struct {
		path string
		at   time.Time
		n    int
	}
	var backups []made
	for _, e := range entries {
		if at, n, ok := parseStamp(e.Name()); ok && e.IsDir() {
			backups = append(backups, made{filepath.Join(dir, e.Name()), at, n})
		}
	}
	slices.SortFunc(backups, func(x, y made) int {
		switch {
		case x.path == b.Dir:
			return -1
		case y.path == b.Dir:
			return 1
		case !x.at.Equal(y.at):
			return y.at.Compare(x.at)
		}
		return y.n - x.n
	})
	versions := map[string]int{}
	for _, bk := range backups {
		filepath.WalkDir(bk.path, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(bk.path, p)
			if versions[rel]++; versions[rel] > BackupsKept && bk.path != b.Dir {
				os.Remove(p)
			}
			return nil
		})
		removeEmpty(bk.path)
	}
}

// parseStamp reads a backup folder's name: its time and its number in
// that second (1 for the first).
func parseStamp(name string) (time.Time, int, bool) {
	if len(name) < len(backupStamp) {
		return time.Time{}, 0, false
	}
	at, err := time.ParseInLocation(backupStamp, name[:len(backupStamp)], time.Local)
	if err != nil {
		return time.Time{}, 0, false
	}
	rest := name[len(backupStamp):]
	if rest == "" {
		return at, 1, true
	}
	n, err := strconv.Atoi(strings.TrimPrefix(rest, "-"))
	if err != nil || !strings.HasPrefix(rest, "-") || n < 2 {
		return time.Time{}, 0, false
	}
	return at, n, true
}

// removeEmpty removes dir and the folders in it that hold no file.
func removeEmpty(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() {
			removeEmpty(filepath.Join(dir, e.Name()))
		}
	}
	os.Remove(dir) // fails, and keeps it, when a file is left
}
