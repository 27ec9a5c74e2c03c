package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/sandcastle/sandcastle/lessons"
)

// courseFile refuses a path that a course may not write or remove, even
// one that got past lint: a tool's folder or file (.git/config, .envrc),
// sandcastle's own folder, or sandcastle.yaml.
func courseFile(name string) error {
	c := path.Clean(name)
	first, _, _ := strings.Cut(c, "/")
	if t, ok := lessons.ToolPath(c); ok {
		return fmt.Errorf("the course names %s as one of your files, but it %s. sandcastle left it alone; "+
			"`sandcastle lessons lint` shows this to the course's author", name, t.Why())
	}
	if strings.EqualFold(first, StateDir) || strings.EqualFold(c, ConfigFile) {
		return fmt.Errorf("the course names %s as one of your files, but it is sandcastle's own. sandcastle left it alone; "+
			"`sandcastle lessons lint` shows this to the course's author", name)
	}
	return nil
}

// create writes a new file, creating its folders; an existing file is left
// alone and reported as not created.
func (w *Workspace) create(name, content string) (bool, error) {
	if dir := path.Dir(name); dir != "." {
		if err := w.root.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("create %s: %w", name, err)
		}
	}
	f, err := w.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("create %s: %w", name, err)
	}
	_, err = f.WriteString(content)
	return true, errors.Join(err, f.Close())
}

// replaceSuffix ends the name of the temporary file replace writes; the
// Watcher does not report it.
const replaceSuffix = ".sandcastle-new"

// replace writes content over a file through a temporary file and a rename,
// so the file is never left half written.
func (w *Workspace) replace(name, content string) error {
	if dir := path.Dir(name); dir != "." {
		if err := w.root.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	tmp := name + replaceSuffix
	if err := w.root.WriteFile(tmp, []byte(content), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := w.root.Rename(tmp, name); err != nil {
		w.root.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// CreateStarters creates the starter files of step that do not exist yet;
// an existing file is never overwritten. It returns the files it created.
func (w *Workspace) CreateStarters(step *lessons.Step) ([]string, error) {
	var created []string
	for _, f := range step.Files {
		if f.Kind != lessons.Starter || !w.Course.AppliesTo(f.Lang, w.Config.Lang) {
			continue
		}
		if err := courseFile(f.Path); err != nil {
			return created, err
		}
		ok, err := w.create(f.Path, f.Content)
		if err != nil {
			return created, err
		}
		if ok {
			created = append(created, f.Path)
		}
	}
	return created, nil
}

// CreateMissing creates every file the course has declared up to step that
// does not exist, from its latest starter: what `goto` needs to jump ahead.
func (w *Workspace) CreateMissing(step *lessons.Step) ([]string, error) {
	var created []string
	for _, d := range w.Course.Declared(step, w.Config.Lang) {
		content, ok := w.Course.Version(d.Path, w.Config.Lang, step, lessons.Starter)
		if !ok {
			continue
		}
		if err := courseFile(d.Path); err != nil {
			return created, err
		}
		made, err := w.create(d.Path, content)
		if err != nil {
			return created, err
		}
		if made {
			created = append(created, d.Path)
		}
	}
	return created, nil
}

// StartOf returns the files of step as they stand when the step begins:
// each file the step names, with the step's starter, else the course's
// solution of the steps before it. Files with no such version are left out.
func (w *Workspace) StartOf(step *lessons.Step) map[string]string {
	files := map[string]string{}
	steps := w.Course.Steps()
	for _, f := range step.Files {
		if !w.Course.AppliesTo(f.Lang, w.Config.Lang) {
			continue
		}
		if f.Kind == lessons.Starter {
			files[f.Path] = f.Content
			continue
		}
		if _, done := files[f.Path]; done || step.Index == 0 {
			continue
		}
		if content, ok := w.Course.Version(f.Path, w.Config.Lang, steps[step.Index-1], lessons.Solution); ok {
			files[f.Path] = content
		}
	}
	return files
}

// Put writes files into the workspace and returns those it changed. A file
// that exists with other content is first copied into the backup.
func (w *Workspace) Put(b *Backup, files map[string]string) ([]string, error) {
	var written []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := courseFile(name); err != nil {
			return written, err
		}
		old, err := fs.ReadFile(w.Files(), name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return written, fmt.Errorf("read %s: %w", name, err)
		case bytes.Equal(old, []byte(files[name])):
			continue
		default:
			if err := w.backup(b, name, old); err != nil {
				return written, err
			}
		}
		if err := w.replace(name, files[name]); err != nil {
			return written, err
		}
		written = append(written, name)
	}
	if len(b.Files) > 0 {
		w.pruneBackups(b)
	}
	return written, nil
}

// Remove removes files from the workspace, each first copied into the backup.
func (w *Workspace) Remove(b *Backup, names []string) error {
	for _, name := range names {
		if err := courseFile(name); err != nil {
			return err
		}
		old, err := fs.ReadFile(w.Files(), name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if err := w.backup(b, name, old); err != nil {
			return err
		}
		if err := w.root.Remove(name); err != nil {
			return fmt.Errorf("remove %s: %w", name, err)
		}
	}
	if len(b.Files) > 0 {
		w.pruneBackups(b)
	}
	return nil
}
