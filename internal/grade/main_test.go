package grade

import (
	"os"
	"testing"

	"github.com/sandcastle/sandcastle/internal/server"
)

// TestMain lets this test binary be a confined server's launcher: grade
// starts a student's server through it (server.RunLauncher).
func TestMain(m *testing.M) {
	server.RunLauncher()
	os.Exit(m.Run())
}
