package server

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// floodLines is the output of a server printing in a tight loop: lines
// "line N", numbered from 0, n of them.
func floodLines(from, n int) []byte {
	var b bytes.Buffer
	for i := from; i < from+n; i++ {
		fmt.Fprintf(&b, "line %d\n", i)
	}
	return b.Bytes()
}

// runOutput copies what write writes through an output to a new log file
// (which holds prior first, as after a build), and returns the log's text.
func runOutput(t *testing.T, prior string, write func(w *os.File)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "server.log")
	log, err := openLog(path)
	if err != nil {
		t.Fatal(err)
	}
	log.WriteString(prior)
	o, w, err := newOutput(log)
	if err != nil {
		t.Fatal(err)
	}
	write(w)
	w.Close()
	o.close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// numbered checks that text is lines "line N" with N rising by one, but
// for lines saying what was cut, and returns the first and last N.
func numbered(t *testing.T, text string) (first, last int, cuts int) {
	t.Helper()
	first, last = -1, -1
	for i, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if strings.Contains(l, "sandcastle cut") || strings.Contains(l, "sandcastle skipped") || l == "" {
			cuts++
			continue
		}
		n, err := strconv.Atoi(strings.TrimPrefix(l, "line "))
		if err != nil || !strings.HasPrefix(l, "line ") {
			t.Fatalf("line %d of the log is %q: not a whole line of the server's", i+1, l)
		}
		if last >= 0 && n != last+1 && cuts == 0 {
			t.Fatalf("line %d of the log is %q after line %d, with no cut between", i+1, l, last)
		}
		if first < 0 {
			first = n
		}
		if last >= 0 && n <= last {
			t.Fatalf("line %d of the log is %q after line %d", i+1, l, last)
		}
		last = n
	}
	return first, last, cuts
}

func TestLogFlood(t *testing.T) {
	const total = 4_000_000 // about 50 MB
	text := runOutput(t, "", func(w *os.File) {
		for i := 0; i < total; i += 100_000 {
			w.Write(floodLines(i, 100_000))
		}
	})
	if len(text) > maxLog+4096 {
		t.Errorf("the log holds %s, want at most about %s", Size(int64(len(text))), Size(maxLog))
	}
	first, last, cuts := numbered(t, text)
	if first != 0 || last != total-1 {
		t.Errorf("the log runs from line %d to line %d, want its start (0) and its end (%d)", first, last, total-1)
	}
	if cuts != 1 {
		t.Errorf("the log has %d lines about what was cut, want 1", cuts)
	}
	if !strings.Contains(text, "sandcastle cut ") || !strings.Contains(text, "MB of your server's output here") {
		t.Errorf("no line says what was cut; the log around its head:\n%s", text[logHead-200:logHead+300])
	}
}

func TestLogUnderTheCapIsWhole(t *testing.T) {
	want := "go build output\n" + string(floodLines(0, 1000))
	text := runOutput(t, "go build output\n", func(w *os.File) { w.Write(floodLines(0, 1000)) })
	if text != want {
		t.Errorf("the log changed: %d bytes, want %d", len(text), len(want))
	}
}

func TestLogFollower(t *testing.T) {
	tests := []struct {
		name  string
		every int // the follower copies after every so many writes
		skips bool
	}{
		{"a follower that keeps up sees every line", 3, false},
		{"a follower that falls behind sees a line saying what it skipped", 200, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "server.log")
			f, err := openLog(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var l logFile
			if err := l.init(f, 1000, 3000, 8000); err != nil {
				t.Fatal(err)
			}
			r, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			lf := &LogFollower{l: &l, f: r, buf: make([]byte, 100)}
			defer lf.Close()
			var seen bytes.Buffer
			const total = 20000
			for i := 0; i < total; i += 5 {
				l.write(floodLines(i, 5))
				if i/5%tt.every == 0 {
					if _, err := lf.Copy(&seen); err != nil {
						t.Fatal(err)
					}
				}
			}
			if _, err := lf.Copy(&seen); err != nil {
				t.Fatal(err)
			}
			first, last, cuts := numbered(t, seen.String())
			if first != 0 || last != total-1 {
				t.Errorf("the follower saw lines %d to %d, want 0 to %d", first, last, total-1)
			}
			if skipped := strings.Contains(seen.String(), "sandcastle skipped"); skipped != tt.skips || cuts > 0 != tt.skips {
				t.Errorf("the follower saw %d cuts (a line saying what it skipped: %v), want skips %v", cuts, skipped, tt.skips)
			}
			file, _ := os.ReadFile(path)
			if len(file) > 8000 {
				t.Errorf("the log holds %d bytes, want at most 8000", len(file))
			}
			if first, last, cuts := numbered(t, string(file)); first != 0 || last != total-1 || cuts != 1 {
				t.Errorf("the log holds lines %d to %d with %d cuts, want 0 to %d with 1", first, last, cuts, total-1)
			}
		})
	}
}
