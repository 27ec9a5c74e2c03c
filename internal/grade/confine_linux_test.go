package grade

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"

	llsyscall "github.com/landlock-lsm/go-landlock/landlock/syscall"

	"github.com/sandcastle/sandcastle/internal/check"
)

// A student's server that reads the instructor's SSH key, writes outside
// its folders, connects to a listener of the instructor's, or reads a
// secret of grade's environment escapes: it exits saying so, and its step
// is an error. Confined, it escapes nothing, and passes.
func TestGradeConfinesTheServer(t *testing.T) {
	needPython(t)
	if abi, _ := llsyscall.LandlockGetABIVersion(); abi < 4 {
		t.Skipf("this kernel's Landlock ABI is %d: TCP rules need 4", abi)
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	key := filepath.Join(home, ".ssh", "id_ed25519")
	write(t, home, map[string]string{".ssh/id_ed25519": "PRIVATE KEY"})
	for _, secret := range []string{"GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK"} {
		t.Setenv(secret, "the-instructor's-"+secret)
	}
	outside := filepath.Join(t.TempDir(), "escaped")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	dir := t.TempDir()
	write(t, dir, map[string]string{
		"sandcastle.yaml": "course: web\nlang: python\n",
		"server/app.py": pyServer(fmt.Sprintf(`
import socket
escapes = []
def tried(what, f):
    try:
        f()
        escapes.append(what)
    except OSError:
        pass
tried("read the instructor's key", lambda: open(%q).read())
tried("wrote outside its folders", lambda: open(%q, "w").write("x"))
tried("connected to the instructor's listener", lambda: socket.create_connection(("127.0.0.1", %d), timeout=2).close())
for name in ("GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SSH_AUTH_SOCK"):
    if os.environ.get(name):
        escapes.append("saw " + name)
if escapes:
    raise SystemExit("escaped: " + ", ".join(escapes))
`, key, outside, l.Addr().(*net.TCPAddr).Port)),
	})
	w := gradeOne(dir, Options{Course: webCourse(t)})
	if len(w.Steps) != 1 || w.Steps[0].Status != check.Pass {
		t.Errorf("the server escaped: %+v", w)
	}
	if _, err := os.Stat(outside); err == nil {
		t.Error("the server wrote outside its folders")
	}
}
