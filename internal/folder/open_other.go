//go:build !unix

package folder

// openFlags add nothing where there are no named pipes to wait on.
const openFlags = 0

// noFollow is left out where the system has no such flag: Fresh and
// OpenLock look before they open instead.
const noFollow = 0
