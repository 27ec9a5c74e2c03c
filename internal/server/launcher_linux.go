package server

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"

	"github.com/landlock-lsm/go-landlock/landlock"
	llsyscall "github.com/landlock-lsm/go-landlock/landlock/syscall"
)

// landlockNet is the first Landlock ABI with TCP rules.
const landlockNet = 4

// launchRules are what a confined server may do, passed to its launcher in
// LauncherEnv.
type launchRules struct {
	// Read are the folders it may read and run programs from.
	Read []string `json:"read"`
	// Write are the folders it may also write in.
	Write []string `json:"write"`
	// Port is the only TCP port it may bind; it may connect to none.
	Port int `json:"port"`
}

// systemDirs are the folders every program may need to read: libraries,
// the system's configuration, and programs.
var systemDirs = []string{"/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin", "/etc", "/nix/store"}

// launcher returns the command line and the environment that start argv
// confined: sandcastle's binary again, told by LauncherEnv to confine itself
// and become argv[0], found on PATH now.
func (c *confinement) launcher(o *Options, argv, env []string, port int) ([]string, []string, error) {
	if os.Getenv(LauncherEnv) != "" {
		// A test binary whose TestMain does not call RunLauncher would run
		// its tests again here, starting servers without end.
		return nil, nil, fmt.Errorf("sandcastle's launcher did not launch it (%s is set: a TestMain must call server.RunLauncher)", LauncherEnv)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, nil, fmt.Errorf("find sandcastle's own binary: %w", err)
	}
	program, err := exec.LookPath(argv[0])
	if err != nil {
		return nil, nil, err
	}
	if program, err = filepath.Abs(program); err != nil {
		return nil, nil, err
	}
	rules := launchRules{Read: append(slices.Clone(systemDirs), o.Dir), Write: []string{c.home}, Port: port}
	home, _ := os.UserHomeDir()
	for _, p := range []string{program, evalLinks(program)} {
		rules.Read = append(rules.Read, installRoot(p, home))
	}
	if o.DatabasePath != "" { // SQLite writes its journal beside the database
		rules.Write = append(rules.Write, filepath.Dir(o.DatabasePath))
	}
	spec, err := json.Marshal(rules)
	if err != nil {
		return nil, nil, err
	}
	return append([]string{self, program}, argv[1:]...), append(env, LauncherEnv+"="+string(spec)), nil
}

func evalLinks(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	return path
}

// RunLauncher is what sandcastle does first, before its commands, and what
// the TestMain of a package whose tests grade with a server does: when the
// process is a confined server's launcher (LauncherEnv is set), it confines
// itself with Landlock, as far as the kernel can (it says in the server's
// log what the kernel cannot), and execs the server: it never returns.
// Otherwise it returns at once.
func RunLauncher() {
	spec, ok := os.LookupEnv(LauncherEnv)
	if !ok {
		return
	}
	err := confineAndExec(spec, os.Args[1:])
	fmt.Fprintf(os.Stderr, "sandcastle: could not start the server confined: %v\n", err)
	os.Exit(126)
}

// confineAndExec confines the process with the rules of spec and execs argv.
func confineAndExec(spec string, argv []string) error {
	var r launchRules
	if err := json.Unmarshal([]byte(spec), &r); err != nil {
		return fmt.Errorf("its rules: %w", err)
	}
	if len(argv) == 0 {
		return fmt.Errorf("no program to run")
	}
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, LauncherEnv+"=") })
	rules := []landlock.Rule{
		landlock.RODirs(r.Read...).IgnoreIfMissing(),
		landlock.RWDirs(r.Write...),
		landlock.RWFiles("/dev/null", "/dev/zero", "/dev/full").IgnoreIfMissing(),
		landlock.ROFiles("/dev/urandom", "/dev/random").IgnoreIfMissing(),
		landlock.BindTCP(uint16(r.Port)),
	}
	fd, flags, err := landlock.V11.BestEffort().NewRulesetFD(rules...)
	if err != nil {
		return fmt.Errorf("landlock: %w", err)
	}
	for _, gap := range ConfinementGaps() {
		fmt.Fprintf(os.Stderr, "sandcastle: %s; grade inside a container to confine it\n", gap)
	}
	if fd >= 0 {
		runtime.LockOSThread() // never unlocked: the exec happens on this thread
		if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetNoNewPrivs, 1, 0); errno != 0 {
			return fmt.Errorf("no_new_privs: %w", errno)
		}
		if err := llsyscall.LandlockRestrictSelf(fd, flags); err != nil {
			return fmt.Errorf("landlock: %w", err)
		}
	}
	return syscall.Exec(argv[0], argv, env)
}

// ConfinementGaps says what this system cannot confine of a student's
// server in grade, a phrase each; none when Landlock has rules for files
// and TCP (ABI 4, Linux 6.7, or later).
func ConfinementGaps() []string {
	switch abi, _ := llsyscall.LandlockGetABIVersion(); {
	case abi < 1:
		return []string{"this kernel has no Landlock: a student's server may read and write whatever you can, and connect anywhere"}
	case abi < landlockNet:
		return []string{fmt.Sprintf("this kernel's Landlock (ABI %d) has no TCP rules: a student's server may connect anywhere", abi)}
	}
	return nil
}

// prSetNoNewPrivs is PR_SET_NO_NEW_PRIVS from <linux/prctl.h>.
const prSetNoNewPrivs = 38
