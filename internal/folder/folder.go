// Package folder reads a folder sandcastle did not write (a course folder,
// a learner's workspace) as an fs.FS that never leaves it and reads only
// regular files, each up to a size. A symbolic link that stays inside the
// folder is followed; one that leads out of it, a named pipe (FIFO), a
// device or a socket is refused, never opened or read, with an error that
// names the file and what it is.
package folder

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// Kind is whose files a folder holds: it sets the size read and how
// messages name the folder.
type Kind int

const (
	// LearnerFiles are the files of a learner's workspace. A learner's SQL
	// file or server source is a few kilobytes; the sandbox runs at most
	// 100 000 bytes of SQL at once (SQLITE_LIMIT_SQL_LENGTH).
	LearnerFiles Kind = iota
	// CourseFiles are the files of a course folder: course.yaml and its
	// lessons. The largest lesson of the built-in course is about 54 KB.
	CourseFiles
)

// MaxSize is the largest file of the kind an FS reads, in bytes: 1 MiB
// for a learner's file, 8 MiB for a course's.
func (k Kind) MaxSize() int64 {
	if k == CourseFiles {
		return 8 << 20
	}
	return 1 << 20
}

// where names the folder in messages.
func (k Kind) where() string {
	if k == CourseFiles {
		return "the course folder"
	}
	return "the workspace"
}

// FS is a folder whose regular files are read through an os.Root.
type FS struct {
	root *os.Root
	kind Kind
	own  bool
}

// Open opens the folder dir; the caller closes the FS.
func Open(dir string, kind Kind) (*FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{root: root, kind: kind, own: true}, nil
}

// New reads the folder of root, which the caller keeps and closes.
func New(root *os.Root, kind Kind) *FS { return &FS{root: root, kind: kind} }

// Close closes the folder opened by Open; it does nothing for New's.
func (f *FS) Close() error {
	if f.own {
		return f.root.Close()
	}
	return nil
}

// Error is a file an FS refuses to read.
type Error struct {
	Name string
	// Problem says what the file is and what to do, after its name.
	Problem string
}

func (e *Error) Error() string { return e.Name + " " + e.Problem }

// Open opens a regular file or a folder.
func (f *FS) Open(name string) (fs.File, error) {
	file, _, err := f.open(name)
	if err != nil {
		return nil, err
	}
	return file, nil
}

// ReadFile reads a regular file of at most Kind.MaxSize bytes.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, info, err := f.open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder")}
	}
	max := f.kind.MaxSize()
	data := make([]byte, 0, min(info.Size(), max)+1)
	for {
		n, err := file.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > max {
			return nil, f.tooBig(name)
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if len(data) == cap(data) { // the file grew: read on, as os.ReadFile does
			data = append(data, 0)[:len(data)]
		}
	}
}

// ReadDir lists a folder, sorted by name.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	file, info, err := f.open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
	}
	entries, err := file.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// Stat describes a regular file or a folder, as Open would find it.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	file, info, err := f.open(name)
	if err != nil {
		return nil, err
	}
	file.Close()
	return info, nil
}

// open opens name when it is a regular file or a folder inside the FS.
// It looks before it opens, so that a device is never opened (opening one
// can act on it); it opens without blocking, so that a file swapped for a
// named pipe meanwhile cannot hang; and it checks what it opened.
func (f *FS) open(name string) (*os.File, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	info, err := f.root.Stat(name)
	if err != nil {
		return nil, nil, f.explain(name, err)
	}
	if err := f.readable(name, info); err != nil {
		return nil, nil, err
	}
	file, err := f.root.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, f.explain(name, err)
	}
	if info, err = file.Stat(); err == nil {
		err = f.readable(name, info)
	}
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	return file, info, nil
}

// readable refuses what is neither a regular file nor a folder, and a
// regular file over the size.
func (f *FS) readable(name string, info fs.FileInfo) error {
	mode := info.Mode()
	switch {
	case mode.IsDir():
		return nil
	case mode.IsRegular() && info.Size() > f.kind.MaxSize():
		return f.tooBig(name)
	case mode.IsRegular():
		return nil
	}
	return &Error{Name: name, Problem: fmt.Sprintf("is %s, not a regular file: sandcastle reads only regular files from %s; "+
		"put a regular file there (or remove it)", TypeName(mode), f.kind.where())}
}

func (f *FS) tooBig(name string) error {
	if f.kind == CourseFiles {
		return &Error{Name: name, Problem: fmt.Sprintf("is over %s (the most sandcastle reads of a course file): "+
			"split it into smaller lessons", sizeText(f.kind.MaxSize()))}
	}
	return &Error{Name: name, Problem: fmt.Sprintf("is over %s (the most sandcastle reads of a file in your workspace): "+
		"make it smaller", sizeText(f.kind.MaxSize()))}
}

// explain turns the error of opening name into one that says what is wrong.
func (f *FS) explain(name string, err error) error {
	if !strings.Contains(err.Error(), "path escapes from parent") {
		return err
	}
	if info, lerr := f.root.Lstat(name); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, _ := f.root.Readlink(name)
		return &Error{Name: name, Problem: fmt.Sprintf("is a symbolic link to %s, outside %s: sandcastle never follows a link out of it; "+
			"put the file itself there", target, f.kind.where())}
	}
	return &Error{Name: name, Problem: fmt.Sprintf("leads outside %s through a symbolic link: sandcastle never follows a link out of it; "+
		"put the file itself there", f.kind.where())}
}

// TypeName says what a file that is not regular is: "a named pipe (FIFO)".
func TypeName(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file (" + mode.Type().String() + ")"
}

// sizeText writes a size in bytes for a person: 1 MiB, 2.5 MiB, 300 KiB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".0") + " MiB"
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
