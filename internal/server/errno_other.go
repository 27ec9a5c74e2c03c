//go:build !windows

package server

import (
	"errors"
	"syscall"
)

// connRefused reports whether err is a refused connection.
func connRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }

// connReset reports whether err is a connection reset by the other end.
func connReset(err error) bool { return errors.Is(err, syscall.ECONNRESET) }

// addrInUse reports whether err is an address another socket has.
func addrInUse(err error) bool { return errors.Is(err, syscall.EADDRINUSE) }
