package grade

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Report is a report file that is written whole or not at all: its content
// goes to a temporary file beside it, renamed over it once complete, so a
// reader never sees half of one and a failed write leaves what was there.
type Report struct {
	Path string
}

// Check fails when the report could not be written (its folder is missing,
// or cannot be written), so that grading a class does not end in a report
// that cannot be saved. It leaves nothing behind.
func (r Report) Check() error {
	f, err := r.temp()
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// Write writes the report with write and puts it in place. On any error
// the temporary file is removed and Path is as it was.
func (r Report) Write(write func(io.Writer) error) (err error) {
	f, err := r.temp()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(r.Path); err == nil && info.Mode().IsRegular() {
		mode = info.Mode().Perm()
	}
	if err := f.Chmod(mode); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), r.Path)
}

// temp creates a temporary file in the report's folder, where a rename is
// atomic.
func (r Report) temp() (*os.File, error) {
	dir := filepath.Dir(r.Path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(r.Path)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot create a file in %s: %w", dir, err)
	}
	return f, nil
}
