package folder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The functions below are for sandcastle's own folder in a workspace
// (.sandcastle) and the files it makes there. A repository can ship that
// folder, with a server.log in it that links to ~/.bashrc: sandcastle never
// writes through a link there. A file it makes afresh at every run (a log,
// a database it copies, a lock) replaces whatever else stood at its name,
// removing the link itself, never what the link points at; a file that
// holds the learner's work (the progress database) or the folder itself is
// refused instead, with a message that says what to remove.

// Fresh creates path as a new, empty regular file for writing. A link,
// named pipe, socket or device at path is removed first (a link, never
// what it points at); a folder there is an error. The file is opened
// without following a link, so one put there meanwhile fails the open.
func Fresh(path string) (*os.File, error) {
	if err := Reclaim(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC|noFollow, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return f, nil
}

// OpenLock opens path, creating it, to hold a lock on; a link or anything
// else but a regular file there is removed first, as Fresh does.
func OpenLock(path string) (*os.File, error) {
	if err := Reclaim(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|noFollow, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return f, nil
}

// OpenOwn opens path, a file sandcastle keeps for itself but may lose
// (the console's history), with flag (os.O_RDONLY, os.O_APPEND|os.O_CREATE|
// os.O_WRONLY): a link or anything else but a regular file there is removed
// first, as Fresh does, and the file is opened without following a link.
func OpenOwn(path string, flag int) (*os.File, error) {
	if err := Reclaim(path); err != nil {
		return nil, err
	}
	return os.OpenFile(path, flag|noFollow|openFlags, 0o644)
}

// Reclaim removes each path that is a link, a named pipe, a socket or a
// device, so that whoever creates the file by that name (sandcastle, SQLite,
// the learner's server) creates a file of its own. A regular file, or
// nothing, is left alone; a folder is an error.
func Reclaim(paths ...string) error {
	for _, p := range paths {
		info, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return err
		case info.Mode().IsRegular():
			continue
		case info.IsDir():
			return &Error{Name: p, Problem: "is a folder where sandcastle keeps a file: remove it (rm -r " + p + ") and try again"}
		}
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("%s is %s, which sandcastle replaces with its own file, and it could not remove it: %w", p, TypeName(info.Mode()), err)
		}
	}
	return nil
}

// OwnDir makes sure path is a real folder, creating it and its parents.
// A link there is removed and a folder made in its place when replace is
// set (for a cache, such as the server's build); otherwise it is an
// error that says to remove it.
func OwnDir(path string, replace bool) error {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case info.IsDir():
		return nil
	case replace && info.Mode()&fs.ModeType != 0:
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("%s is %s, which sandcastle replaces with a folder, and it could not remove it: %w", path, TypeName(info.Mode()), err)
		}
	default:
		return notOwn(path, info, "folder", "rm "+path)
	}
	return os.MkdirAll(path, 0o755)
}

// RegularOrMissing returns nil when path is a regular file or does not
// exist; otherwise an error that says what it is and to remove it. For a
// file that holds work sandcastle must not lose, such as the progress
// database, which it never replaces on its own.
func RegularOrMissing(path string) error {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case info.Mode().IsRegular():
		return nil
	}
	return notOwn(path, info, "file", "rm "+path)
}

// notOwn says that path, where sandcastle keeps a file or folder of its
// own, is something else, and what to run.
func notOwn(path string, info fs.FileInfo, want, fix string) error {
	what := TypeName(info.Mode())
	if info.Mode()&fs.ModeSymlink != 0 {
		if target, err := os.Readlink(path); err == nil {
			what += " (to " + target + ")"
		}
	} else if info.Mode().IsRegular() {
		what = "a file"
	}
	return &Error{Name: path, Problem: fmt.Sprintf("is %s, not sandcastle's own %s: sandcastle never writes through a link there "+
		"(a repository may have shipped it). Remove it (%s) and run sandcastle again", what, want, filepath.ToSlash(fix))}
}
