package server

import (
	"errors"
	"syscall"

	"golang.org/x/sys/windows"
)

// Windows' sockets fail with WSA errors, which errors.Is does not match
// with syscall's E names (those are invented on Windows).

// connRefused reports whether err is a refused connection.
func connRefused(err error) bool {
	return errors.Is(err, windows.WSAECONNREFUSED) || errors.Is(err, syscall.ECONNREFUSED)
}

// connReset reports whether err is a connection reset by the other end.
func connReset(err error) bool {
	return errors.Is(err, windows.WSAECONNRESET) || errors.Is(err, syscall.ECONNRESET)
}

// addrInUse reports whether err is an address another socket has.
func addrInUse(err error) bool {
	return errors.Is(err, windows.WSAEADDRINUSE) || errors.Is(err, syscall.EADDRINUSE)
}
