//go:build !unix

package folder

// openFlags add nothing where there are no named pipes to wait on.
const openFlags = 0
