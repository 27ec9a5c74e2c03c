//go:build !unix

package grade

// openFlags: elsewhere a learner's file opens as any other (os.Root keeps
// it inside the workspace; there are no FIFOs to block on).
const openFlags = 0
