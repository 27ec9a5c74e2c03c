// Package server runs a learner's HTTP server for the checks of a step: it
// builds it (for a Go course), starts it on a free port of 127.0.0.1 with
// PORT and DATABASE_PATH set, waits until it listens, sends it requests, and
// stops it together with every process it started. What goes wrong is
// reported as a *Failure whose message a beginner can act on.
package server

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sandcastle/sandcastle/internal/folder"
)

// killWait bounds the wait for a process group to disappear after SIGKILL.
const killWait = 5 * time.Second

// Server is a learner's server that Start started and that listens.
type Server struct {
	// URL is where the server answers: http://127.0.0.1:PORT.
	URL string
	// Port is the port it listens on: the one in its PORT variable.
	Port int

	opts Options
	cmd  *exec.Cmd
	pgid int // its process group: the server's own pid
	out  *output
	// namespace is true when the server is the first process of a PID
	// namespace: when it dies, the kernel kills every process it started.
	namespace bool
	// mark is in the environment of every process the server starts (unless
	// one clears it): without a namespace, Stop finds its orphans by it.
	mark string
	conf *confinement // nil unless Options.Confine

	stopping atomic.Bool   // set when Stop begins
	quit     chan struct{} // closed when Stop begins
	exited   chan struct{} // closed once the process has exited and been reaped
	ownExit  bool          // set before exited is closed: it exited before Stop
	done     chan struct{} // closed after exited, once its output is read
	info     *ExitInfo     // set before done is closed

	stopOnce sync.Once
	stopped  Stopped
	stopErr  error
}

// Stopped says how Stop went.
type Stopped struct {
	// Killed is true when the server ignored SIGTERM and had to be killed
	// (SIGKILL): a process of its group still ran StopTimeout after SIGTERM,
	// or, as the first process of a PID namespace, it ignores SIGTERM.
	Killed bool
	// AlreadyExited is true when the server had exited on its own before Stop.
	AlreadyExited bool
}

// Start builds the server if needed, starts it and waits until
// 127.0.0.1:PORT accepts connections. ctx bounds the server's whole life:
// when it ends, the server and everything it started are stopped. Errors are
// *Failure values, except for trouble with sandcastle's own files.
func Start(ctx context.Context, opts Options) (*Server, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	argv := SystemCommand(strings.Fields(o.Command))
	if len(argv) == 0 {
		return nil, noCommand()
	}
	if ctx.Err() != nil {
		return nil, canceled("before your server started")
	}
	log, err := openLog(o.LogPath)
	if err != nil {
		return nil, err
	}
	if pkgs, args, ok := goRun(argv); ok {
		bin, err := goBuild(ctx, &o, pkgs, log)
		if err != nil {
			log.Close()
			return nil, err
		}
		argv = append([]string{bin}, args...)
	}
	var conf *confinement
	if o.Confine {
		if conf, err = newConfinement(); err != nil {
			log.Close()
			return nil, err
		}
	}
	s, err := launch(&o, argv, log, conf)
	if err != nil {
		conf.remove()
		return nil, err
	}
	if err := s.waitReady(ctx); err != nil {
		s.Close()
		return nil, err
	}
	o.progress(Ready)
	go s.watch(ctx)
	return s, nil
}

func openLog(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("server log: %w", err)
	}
	f, err := folder.Fresh(path) // never through a link a repository shipped
	if err != nil {
		return nil, fmt.Errorf("server log: %w", err)
	}
	return f, nil
}

// launch starts argv on a free port, contained (see startContained), its
// output going to log (which it closes on failure).
func launch(o *Options, argv []string, log *os.File, conf *confinement) (*Server, error) {
	port, err := o.Port, error(nil)
	if port == 0 {
		port, err = freePort()
	} else if err = portFree(port); err != nil {
		log.Close()
		return nil, err
	}
	if err != nil {
		log.Close()
		return nil, fmt.Errorf("find a free port: %w", err)
	}
	out, w, err := newOutput(log)
	if err != nil {
		log.Close()
		return nil, fmt.Errorf("server output: %w", err)
	}
	s := &Server{
		Port: port, opts: *o, out: out, mark: newMark(), conf: conf,
		quit: make(chan struct{}), exited: make(chan struct{}), done: make(chan struct{}),
	}
	s.URL = "http://" + s.addr()
	run, env, err := command(o, argv, port, conf)
	if err != nil {
		w.Close()
		out.close()
		return nil, startError(err, argv[0], o.Command)
	}
	env = append(env, markEnv+"="+s.mark)
	newCmd := func() *exec.Cmd {
		cmd := exec.Command(run[0], run[1:]...)
		cmd.Dir = o.Dir
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = w, w
		return cmd
	}
	o.progress(Starting)
	err = startLocked(func() (err error) {
		s.cmd, s.namespace, err = startContained(newCmd)
		if err == nil {
			s.pgid = s.cmd.Process.Pid // before wait reads it
		}
		return err
	}, s.wait)
	w.Close() // the server has its own copy; EOF comes when its processes are gone
	if err != nil {
		out.close()
		return nil, startError(err, argv[0], o.Command)
	}
	if o.onStart != nil {
		o.onStart(s.pgid)
	}
	return s, nil
}

// command is the command line and the environment that start argv: through
// the launcher, confined, when conf is set.
func command(o *Options, argv []string, port int, conf *confinement) (run, env []string, err error) {
	if conf == nil {
		return argv, unset(serverEnv(o, port), o.Unset), nil
	}
	return conf.launcher(o, argv, unset(confinedEnv(o, port, conf.home), o.Unset), port)
}

// unset is env without the variables named in names.
func unset(env, names []string) []string {
	if len(names) == 0 {
		return env
	}
	return slices.DeleteFunc(env, func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains(names, name)
	})
}

// startError says why the server's program did not start.
func startError(err error, program, command string) error {
	if notFoundError(err) {
		return notFound(program, command)
	}
	return fmt.Errorf("start your server: %w", err)
}

// addr is where the server listens: 127.0.0.1:PORT.
func (s *Server) addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port)) }

// portFree says whether a port chosen for the server is free on 127.0.0.1:
// another program listening there would answer in the server's place, and
// its answers would pass for the server's.
func portFree(port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		if addrInUse(err) {
			return fmt.Errorf("port %d is in use by another program: choose another port, or let sandcastle choose one", port)
		}
		return fmt.Errorf("port %d: %w", port, err)
	}
	return l.Close()
}

// freePort asks the system for a free port on 127.0.0.1. Another process
// may take it before the server does: a small race, accepted.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// serverEnv is the parent's environment, then PORT and DATABASE_PATH, then
// Options.Env. Python's output is unbuffered so that its log is up to date.
func serverEnv(o *Options, port int) []string {
	env := append([]string{"PYTHONUNBUFFERED=1"}, os.Environ()...)
	env = append(env, "PORT="+strconv.Itoa(port))
	if o.DatabasePath != "" {
		env = append(env, "DATABASE_PATH="+o.DatabasePath)
	}
	return append(env, o.Env...)
}

// wait reaps the process and records how it ended. A server that exits on
// its own leaves nothing useful behind: its group is killed at once.
func (s *Server) wait() {
	s.cmd.Wait()
	info := &ExitInfo{Code: -1}
	if ps := s.cmd.ProcessState; ps != nil { // nil if something else reaped it
		info.Code, info.Signal = ps.ExitCode(), signalName(ps)
	}
	s.ownExit = !s.stopping.Load()
	close(s.exited)
	if s.ownExit {
		killGroup(s.pgid)
	}
	s.out.waitEOF(2 * time.Second)
	info.LastLines = s.out.last(messageLines)
	s.info = info
	close(s.done)
}

// watch stops the server when ctx ends before Stop is called.
func (s *Server) watch(ctx context.Context) {
	select {
	case <-ctx.Done():
		s.Close()
	case <-s.quit:
	}
}

// Stop stops the server and every process it started (see end). It
// returns once they are gone and the log is closed. Calling it again
// returns the first result.
func (s *Server) Stop() (Stopped, error) {
	s.stopOnce.Do(func() { s.stopped, s.stopErr = s.stop() })
	return s.stopped, s.stopErr
}

func (s *Server) stop() (Stopped, error) {
	s.stopping.Store(true)
	close(s.quit)
	var st Stopped
	select {
	case <-s.exited:
		st.AlreadyExited = s.ownExit
	default:
	}
	s.opts.progress(Stopping)
	killed, err := s.end()
	st.Killed = killed
	if !s.namespace {
		killAdopted(s.mark)
	}
	select {
	case <-s.done:
	case <-time.After(killWait):
	}
	releaseGroup(s.pgid)
	s.out.close()
	s.conf.remove()
	return st, err
}

// end ends the server's processes: SIGTERM to its whole process group, then,
// for whatever is still running StopTimeout later, SIGKILL. killed is true
// when SIGKILL was needed to stop a server that ignores SIGTERM.
//
// The first process of a PID namespace dies of SIGTERM only if it handles
// it (a Go server does; Python does not): one that does not gets SIGKILL at
// once, which kills every process of its namespace, with no grace period
// that could not end any other way.
func (s *Server) end() (killed bool, err error) {
	graceful := true
	if s.namespace {
		if caught, ignored, ok := initCatches(s.pgid); ok && !caught {
			graceful, killed = false, ignored
		}
	}
	if graceful {
		terminateGroup(s.pgid)
		if s.waitGone(s.opts.StopTimeout) {
			return false, nil
		}
		killed = true
	}
	killGroup(s.pgid)
	if !s.waitGone(killWait) {
		err = fmt.Errorf("stop the server: its processes (group %d) still run after SIGKILL", s.pgid)
	}
	return killed, err
}

// waitGone waits at most d for the server's process to be reaped and its
// group to be empty.
func (s *Server) waitGone(d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-s.exited:
	case <-timer.C:
		return false
	}
	for groupAlive(s.pgid) {
		select {
		case <-timer.C:
			return false
		case <-time.After(5 * time.Millisecond):
		}
	}
	return true
}

// Close stops the server, ignoring how it went. It is safe to call more
// than once, and after Stop.
func (s *Server) Close() { s.Stop() }

// Exited reports whether the server has exited on its own (crashed, or
// returned from main), not because it was stopped, and if so how.
func (s *Server) Exited() (bool, *ExitInfo) {
	select {
	case <-s.done:
		if s.ownExit {
			info := *s.info
			return true, &info
		}
	default:
	}
	return false, nil
}
