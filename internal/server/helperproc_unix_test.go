//go:build unix

package server

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// startHelper runs this test binary again as a helper process, running only
// the test named run with env added, and returns it with the number it
// printed first (the pid or group it started). The caller kills it.
func startHelper(t *testing.T, run, env string) (*exec.Cmd, int) {
	t.Helper()
	helper := exec.Command(os.Args[0], "-test.run=^"+run+"$")
	helper.Env = append(os.Environ(), env)
	stdout, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	n, convErr := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || convErr != nil {
		helper.Process.Kill()
		helper.Wait()
		t.Fatalf("the helper %s did not start: %q, %v", run, line, err)
	}
	return helper, n
}
