#!/usr/bin/env python3
"""Time sandcastle's TUI in a pseudo-terminal: the targets of issue 3.

    python3 docs/tui_timing.py SANDCASTLE SCRATCH [-n RUNS] [--keys K] [--warmup W]

SANDCASTLE is a built binary (go build -o /tmp/sc-perf .); SCRATCH is a
folder the script may fill and empty (workspaces, XDG_DATA_HOME). Each run
makes a fresh workspace of the built-in course (sandcastle init WS --lang go)
and, in a 100x30 pseudo-terminal with TERM=xterm-256color (RUNS of them,
20 by default, after W warm-up runs whose figures are dropped, 1 by default;
K presses of each key per run, 10 by default):

  1. launch   exec of `sandcastle` -> the first output holding the course
              map's "Your first query"; in the same run, the same spawn of
              `sandcastle --version` to its output and to its exit, as a
              baseline.
  2. keys     a key written to the terminal -> the first bytes of the redraw:
              down/up on the map, down/up (scroll) and tab in a step view
              showing a failing check. Each press waits for 30 ms of quiet,
              then a random part of a frame (seeded), so that it lands at a
              random moment of Bubble Tea's 60 fps frame ticker: without
              that, every press would wait for the ticker the same time.
  3. save     queries/hello.sql written with a passing query (watch mode) ->
              the output holding "Step passed!". The watcher waits for 100 ms
              without changes before it reports a save.
  4. memory   VmHWM (peak RSS) of the process after it opened the step,
              checked, opened the SQL console and ran SELECT 1;, read just
              before quitting.

The script plays the terminal: it reads the pty continuously, answers the
colour (OSC 10/11) and cursor-position (CSI 6n) queries as xterm would, and
searches the output with escape sequences removed. Times are
time.perf_counter(); a key's time runs from just before the write to the
read that returned the redraw. Every wait gives up after 5 s with a message
that says what it waited for and shows the end of the screen. Standard
library only; it builds nothing.
"""

import argparse
import fcntl
import math
import os
import random
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time

COLS, ROWS = 100, 30
WAIT = 5.0  # seconds, for every wait
SETTLE = 0.030  # quiet before a key press, and the end of a redraw
FRAME = 1 / 60  # Bubble Tea's renderer draws at most 60 frames a second
JITTER = random.Random(1)  # seeded: the same waits every time the script runs

DOWN, UP, TAB, ENTER, ESC = b"\x1b[B", b"\x1b[A", b"\t", b"\r", b"\x1b"

ANSI = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1b[P^_X][^\x1b]*\x1b\\"  # DCS, PM, APC, SOS
    rb"|\x1b[ -/]*[0-~]"  # other escapes
)

# Queries a terminal answers: termenv asks for the background (and
# sometimes the foreground) colour, then the cursor position.
ANSWERS = {
    b"\x1b]11;?": b"\x1b]11;rgb:1e1e/1e1e/1e1e\x1b\\",
    b"\x1b]10;?": b"\x1b]10;rgb:d0d0/d0d0/d0d0\x1b\\",
    b"\x1b[6n": b"\x1b[1;1R",
}


class Failure(Exception):
    """A measurement that could not be made."""


def plain(data):
    return ANSI.sub(b"", data).decode("utf-8", "replace")


class Terminal:
    """A program in a pseudo-terminal, and everything it wrote."""

    def __init__(self, argv, cwd, env):
        self.pid = None
        self.status = None
        self.out = bytearray()
        self.chunks = []  # (time, offset after the chunk)
        self.qpos = 0
        self.eof = False
        master, slave = os.openpty()
        self.master = master
        try:
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            name = os.ttyname(slave)
            # The child leads a new session, so opening the pty's slave
            # makes it its controlling terminal.
            actions = [
                (os.POSIX_SPAWN_OPEN, 0, name, os.O_RDWR, 0),
                (os.POSIX_SPAWN_DUP2, 0, 1),
                (os.POSIX_SPAWN_DUP2, 0, 2),
            ]
            here = os.getcwd()
            os.chdir(cwd)  # posix_spawn has no cwd
            try:
                self.start = time.perf_counter()
                self.pid = os.posix_spawn(argv[0], argv, env, file_actions=actions, setsid=True)
            finally:
                os.chdir(here)
        finally:
            os.close(slave)

    # Reading

    def pump(self, timeout):
        """Reads one chunk, waiting up to timeout; returns its time or None."""
        if self.eof:
            time.sleep(timeout)
            return None
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return None
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        t = time.perf_counter()
        if not data:
            self.eof = True
            return None
        self.out += data
        self.chunks.append((t, len(self.out)))
        self.answer()
        return t

    def answer(self):
        while True:
            found = [(self.out.find(q, self.qpos), q) for q in ANSWERS]
            found = [(i, q) for i, q in found if i >= 0]
            if not found:
                break
            i, q = min(found)
            os.write(self.master, ANSWERS[q])
            self.qpos = i + len(q)
        self.qpos = max(self.qpos, len(self.out) - 8)

    def wait(self, text, since=0, what=None):
        """Waits for text in the output after offset since; returns the time
        of the read that completed it."""
        deadline = time.perf_counter() + WAIT
        while True:
            # The text may already be there (a check can pass before the
            # write's time is even taken): look before reading.
            if text in plain(bytes(self.out[since:])):
                for t, end in self.chunks:
                    if end > since and text in plain(bytes(self.out[since:end])):
                        return t
            left = deadline - time.perf_counter()
            if left <= 0 or self.eof:
                self.fail(f'no "{text}" on the screen' + (f" after {what}" if what else ""))
            self.pump(min(left, 0.05))

    def first_output(self, since, what):
        """Waits for any output after offset since; returns its time."""
        deadline = time.perf_counter() + WAIT
        while len(self.out) <= since:
            left = deadline - time.perf_counter()
            if left <= 0 or self.eof:
                self.fail(f"no redraw after {what}")
            self.pump(left)
        return next(t for t, end in self.chunks if end > since)

    def settle(self, quiet=SETTLE):
        """Reads until nothing came for quiet seconds; returns the time of
        the last chunk."""
        deadline = time.perf_counter() + WAIT
        last = self.chunks[-1][0] if self.chunks else None
        while time.perf_counter() < deadline:
            t = self.pump(quiet)
            if t is None:
                return last
            last = t
        self.fail(f"the output did not stop for {quiet * 1000:.0f} ms")

    def screen_tail(self, lines=12):
        rows = re.split(r"[\r\n]+", plain(bytes(self.out[-6000:])))
        if len(self.out) > 6000:
            rows = rows[1:]  # cut
        rows = [r.rstrip() for r in rows if r.strip()]
        return "\n".join("    | " + r for r in rows[-lines:])

    def fail(self, why):
        raise Failure(f"{why} (waited {WAIT:.0f} s). The end of the output:\n{self.screen_tail()}")

    # Writing

    def send(self, data):
        os.write(self.master, data)

    def press(self, key, what, expect=None):
        """Times key: quiet first, then a random wait of up to a frame (so
        that the key does not land at the same moment of Bubble Tea's frame
        ticker every time), then the write, then the first redraw (holding
        expect when given). Returns seconds."""
        self.settle()
        self.settle(JITTER.uniform(0, FRAME))
        since = len(self.out)
        t0 = time.perf_counter()
        self.send(key)
        if expect:
            t1 = self.wait(expect, since, what)
        else:
            t1 = self.first_output(since, what)
        return t1 - t0

    # The process

    def alive(self):
        if self.status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.status = status
        return False

    def wait_exit(self, what):
        """Reads until the process ends; returns the time waitpid saw it end."""
        deadline = time.perf_counter() + WAIT
        while self.alive():
            if time.perf_counter() > deadline:
                self.fail(f"the process did not end after {what}")
            self.pump(0.0002)  # once the terminal is closed, a short sleep
        t = time.perf_counter()
        while not self.eof and self.pump(0.05) is not None:
            pass
        return t

    def memory(self):
        """VmHWM and VmRSS in KiB."""
        with open(f"/proc/{self.pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return int(fields["VmHWM"].split()[0]), int(fields["VmRSS"].split()[0])

    def close(self):
        if self.pid is not None and self.alive():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.status = -1
        os.close(self.master)


def one_run(binary, ws, env, keys, samples):
    """A full session in a fresh workspace; adds its figures to samples."""
    # The baseline, spawned the same way in the same workspace.
    base = Terminal([binary, "--version"], ws, env)
    try:
        out = base.wait("sandcastle", what="--version")
        end = base.wait_exit("--version")
        samples["version_output"].append(out - base.start)
        samples["version_exit"].append(end - base.start)
    finally:
        base.close()

    term = Terminal([binary], ws, env)
    try:
        # 1. The first frame.
        frame = term.wait("Your first query", what="launch")
        samples["launch"].append(frame - term.start)
        samples["launch_first_byte"].append(term.chunks[0][0] - term.start)

        # 2. Keys on the map: the cursor moves between the first two steps.
        for i in range(keys):
            samples["map_key"].append(term.press(DOWN if i % 2 == 0 else UP, "an arrow key on the map"))

        if keys % 2:  # the cursor back on the first step
            term.press(UP, "an arrow key on the map")

        # Open the first step and check it: it fails (the starter file).
        term.settle()
        since = len(term.out)
        term.send(ENTER)
        term.wait("Not checked yet", since, "enter on the map")
        term.wait("› step 1 of", since, "enter on the map")
        term.settle()
        since = len(term.out)
        term.send(b"c")
        term.wait("0 of 1 pass", since, "c in the step view")

        # Keys in the step view: scroll the prose, then switch the pane.
        for i in range(keys):
            samples["step_scroll"].append(term.press(DOWN if i % 2 == 0 else UP, "an arrow key in the step view"))
        for i in range(keys):
            samples["step_tab"].append(term.press(TAB, "tab in the step view", expect="results"))

        # 3. A save in watch mode, at a random moment of a frame too.
        term.settle()
        term.settle(JITTER.uniform(0, FRAME))
        since = len(term.out)
        t0 = time.perf_counter()
        with open(os.path.join(ws, "queries", "hello.sql"), "w") as f:
            f.write("SELECT 'hello, backend' AS greeting;\n")
        t1 = term.wait("Step passed!", since, "saving queries/hello.sql")
        samples["save"].append(t1 - t0)

        # 4. The SQL console, then memory just before quitting.
        term.settle()
        since = len(term.out)
        term.send(b"x")
        term.wait("SQL console", since, "x in the step view")
        for attempt in range(50):
            term.settle()
            since = len(term.out)
            term.send(b"SELECT 1;")
            term.settle()
            term.send(ENTER)
            term.wait("sql>", since, "SELECT 1; in the console")
            term.settle()
            text = plain(bytes(term.out[since:]))
            if "(1 row)" in text:
                break
            if "still starting" not in text:
                term.fail("no (1 row) after SELECT 1; in the console")
        else:
            term.fail("the console never started")
        hwm, rss = term.memory()
        samples["vmhwm"].append(hwm / 1024)
        samples["vmrss"].append(rss / 1024)

        # Quit: back to the step, back to the map, quit.
        term.send(ESC)
        term.settle(0.1)
        since = len(term.out)
        term.send(b"q")
        term.wait("Your first query", since, "q in the step view")
        term.settle()
        since = len(term.out)
        term.send(b"q")
        term.wait_exit("q on the map")
        if "steps passed" not in plain(bytes(term.out[since:])):
            term.fail("no summary line after quitting")
    finally:
        term.close()


def percentile(values, p):
    s = sorted(values)
    return s[max(math.ceil(p / 100 * len(s)) - 1, 0)]


ROWS_OUT = [
    # key, what, unit, target (or None), scale
    ("launch", "1. launch -> first frame with the course map", "ms", 150, 1000),
    ("launch_first_byte", "   launch -> first byte written (the colour query)", "ms", None, 1000),
    ("version_output", "   baseline: `sandcastle --version` -> its output", "ms", None, 1000),
    ("version_exit", "   baseline: `sandcastle --version` -> its exit", "ms", None, 1000),
    ("map_key", "2. arrow key on the map -> redraw", "ms", 16, 1000),
    ("step_scroll", "2. arrow key (scroll) in a step view -> redraw", "ms", 16, 1000),
    ("step_tab", "2. tab in a step view -> redraw", "ms", 16, 1000),
    ("save", "3. save (watch mode) -> \"Step passed!\"", "ms", 300, 1000),
    ("vmhwm", "4. peak RSS (VmHWM) before quitting", "MiB", 60, 1),
    ("vmrss", "   RSS (VmRSS) before quitting", "MiB", None, 1),
]


def report(samples, runs):
    print(f"\n{'measure':56} {'n':>4} {'median':>8} {'p90':>8} {'max':>8}  target   verdict")
    for key, what, unit, target, scale in ROWS_OUT:
        v = [x * scale for x in samples[key]]
        if not v:
            continue
        med, p90, mx = statistics.median(v), percentile(v, 90), max(v)
        tgt = f"< {target} {unit}" if target else ""
        verdict = ""
        if target:
            verdict = "met" if mx < target else "p90 met, max over" if p90 < target else "MISSED"
        print(f"{what:56} {len(v):>4} {med:8.2f} {p90:8.2f} {mx:8.2f}  {tgt:8} {verdict}  [{unit}]")
    print(f"\n{runs} runs; a key figure is over every press of every run.")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary", help="a built sandcastle binary")
    ap.add_argument("scratch", help="a scratch folder (emptied and filled)")
    ap.add_argument("-n", "--runs", type=int, default=20, help="runs (default 20)")
    ap.add_argument("--keys", type=int, default=10, help="presses of each key per run (default 10)")
    ap.add_argument("--warmup", type=int, default=1, help="runs first whose figures are dropped (default 1)")
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"tui_timing: {binary} is not an executable")
    scratch = os.path.abspath(args.scratch)
    os.makedirs(scratch, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLORTERM", "CLICOLOR_FORCE", "TMUX", "STY")}
    env.update(TERM="xterm-256color", XDG_DATA_HOME=os.path.join(scratch, "xdg"),
               COLUMNS=str(COLS), LINES=str(ROWS))

    samples = {key: [] for key, *_ in ROWS_OUT}
    total = args.warmup + args.runs
    for i in range(total):
        ws = os.path.join(scratch, f"ws-{i:02d}")
        shutil.rmtree(ws, ignore_errors=True)
        init = subprocess.run([binary, "init", ws, "--lang", "go"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if init.returncode != 0:
            sys.exit(f"tui_timing: sandcastle init {ws} --lang go failed: {init.stderr.strip()}")
        into = samples if i >= args.warmup else {key: [] for key in samples}
        try:
            one_run(binary, ws, env, args.keys, into)
        except Failure as e:
            sys.exit(f"tui_timing: run {i + 1} of {total} failed: {e}")
        shutil.rmtree(ws, ignore_errors=True)
        print(".", end="", flush=True, file=sys.stderr)
    print(file=sys.stderr)
    report(samples, args.runs)


if __name__ == "__main__":
    main()
