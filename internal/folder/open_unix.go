//go:build unix

package folder

import "syscall"

// openFlags open a file without waiting: a named pipe with no writer, or a
// terminal, would otherwise block the open.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY

// noFollow fails an open whose last name is a symbolic link.
const noFollow = syscall.O_NOFOLLOW
