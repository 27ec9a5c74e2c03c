//go:build unix

package workspace

import "syscall"

// canWrite returns nil when the user sandcastle runs as may write path,
// else why not (EACCES, EROFS): SQLite opens a database it cannot write
// read-only without a word, and fails only at the first change.
func canWrite(path string) error { return syscall.Access(path, 2 /* W_OK */) }
