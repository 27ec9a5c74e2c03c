//go:build !unix

package check

import (
	"os/exec"
	"time"
)

// killGroup kills cmd when its context ends.
func killGroup(cmd *exec.Cmd) { cmd.WaitDelay = time.Second }
