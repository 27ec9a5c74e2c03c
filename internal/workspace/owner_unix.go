//go:build unix

package workspace

import (
	"io/fs"
	"os"
	"strconv"
	"syscall"
)

// foreignOwner returns the user id that owns info when it is not the user
// sandcastle runs as. Under sudo, root also counts the user who ran sudo
// (SUDO_UID) as itself, as git does; root is never "another user" to
// itself, and another user's folder is another user's to root too.
func foreignOwner(info fs.FileInfo) (uid int, foreign bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	uid = int(st.Uid)
	me := os.Geteuid()
	if uid == me {
		return uid, false
	}
	if me == 0 {
		if sudo, err := strconv.Atoi(os.Getenv("SUDO_UID")); err == nil && sudo == uid {
			return uid, false
		}
	}
	return uid, true
}
