//go:build !unix

package workspace

import "io/fs"

// foreignOwner reports no owner where files have no user id that Go reads
// (Windows): discovery does not look at owners there.
func foreignOwner(fs.FileInfo) (int, bool) { return 0, false }
