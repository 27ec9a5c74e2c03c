package server

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// logFile is a server's log file, capped: it keeps the start of the output
// (up to head bytes) and its end (at least tail bytes), with one line
// between them saying how much was cut, and holds at most max bytes.
//
// The output is counted in positions: a byte's position is how many bytes
// the log was given before it. Until something is cut, the file holds
// every position where it stands. Then the file is
//
//	[0, headLen)       positions 0 to headLen
//	the marker line    markerLen bytes: how much was cut
//	[tailAt, size)     positions tailFrom onwards
//
// and when a write would take the file past max bytes, its last tail bytes
// move up to just after the marker and the file is truncated (a
// compaction): about tail bytes are moved per max-head-tail bytes written.
type logFile struct {
	head, tail, max int64

	mu       sync.Mutex // guards what follows, and the file's bytes, for followers
	f        *os.File   // open for reading and writing
	path     string
	size     int64 // the file's size
	headLen  int64 // 0 until something is cut
	lead     string
	tailAt   int64 // where the kept end starts in the file (0 until a cut)
	tailFrom int64 // the position of the byte at tailAt
	failed   bool  // a write failed (a full disk): the log stops growing
}

// markerWidth is the width of the marker line's text, padded with spaces so
// that the line keeps its length when the count in it grows.
const markerWidth = 120

// init takes over f, which may hold output already (a build's), at its end.
func (l *logFile) init(f *os.File, head, tail, max int64) error {
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return fmt.Errorf("server log: %w", err)
	}
	*l = logFile{head: head, tail: tail, max: max, f: f, path: f.Name(), size: size}
	return nil
}

// write appends p to the log, cutting its middle when it grows too big.
// It never fails: a log that cannot be written must not stop the server.
func (l *logFile) write(p []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failed {
		return
	}
	if l.size+int64(len(p)) > l.max && l.size > l.head+l.tail+markerWidth {
		if err := l.compact(); err != nil {
			l.failed = true
			return
		}
	}
	n, err := l.f.WriteAt(p, l.size)
	l.size += int64(n)
	if err != nil {
		l.failed = true
	}
}

// compact moves the last tail bytes of the file (from the start of a
// line, when one starts near there) to just after the marker, and
// truncates the file there.
func (l *logFile) compact() error {
	if l.headLen == 0 {
		if err := l.cutHead(); err != nil {
			return err
		}
	}
	from := l.size - l.tail
	if nl, err := l.nextLine(from); err == nil {
		from = nl
	}
	at := l.headLen + int64(len(l.marker(0)))
	buf := make([]byte, 64<<10)
	n := l.size - from
	for done := int64(0); done < n; {
		k, err := l.f.ReadAt(buf[:min(int64(len(buf)), n-done)], from+done)
		if k == 0 && err != nil {
			return err
		}
		if _, err := l.f.WriteAt(buf[:k], at+done); err != nil {
			return err
		}
		done += int64(k)
	}
	l.tailFrom += from - l.tailAt
	l.tailAt, l.size = at, at+n
	if err := l.f.Truncate(l.size); err != nil {
		return err
	}
	_, err := l.f.WriteAt([]byte(l.marker(l.tailFrom-l.headLen)), l.headLen)
	return err
}

// cutHead fixes where the kept start ends: at the end of a line near head
// bytes in, else at head.
func (l *logFile) cutHead() error {
	l.headLen = l.head
	buf := make([]byte, min(4096, l.head))
	k, err := l.f.ReadAt(buf, l.head-int64(len(buf)))
	if k < len(buf) {
		return err
	}
	if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
		l.headLen = l.head - int64(len(buf)) + int64(i) + 1
	} else {
		l.lead = "\n" // the marker starts a line of its own
	}
	return nil
}

// nextLine returns the offset just after the first newline in the 4 KiB
// from off.
func (l *logFile) nextLine(off int64) (int64, error) {
	buf := make([]byte, 4096)
	k, err := l.f.ReadAt(buf, off)
	if i := bytes.IndexByte(buf[:k], '\n'); i >= 0 {
		return off + int64(i) + 1, nil
	}
	if err == nil {
		err = io.EOF
	}
	return off, err
}

// marker is the line between the start and the end, saying that cut bytes
// were cut; its length does not depend on cut.
func (l *logFile) marker(cut int64) string {
	text := fmt.Sprintf("[sandcastle cut %s of your server's output here, to keep this log under %s]", Size(cut), Size(l.max))
	return l.lead + text + strings.Repeat(" ", max(markerWidth-len(text), 0)) + "\n"
}

// LogFollower reads a server's log as it grows, the way `tail -f` does, but
// knowing where the log cut its middle.
type LogFollower struct {
	l   *logFile
	f   *os.File
	pos int64 // the position of the next byte to read
	buf []byte
}

// FollowLog opens the server's log (its output since it started, a Go
// build's included) for reading from its start.
func (s *Server) FollowLog() (*LogFollower, error) {
	f, err := os.Open(s.out.file.path)
	if err != nil {
		return nil, fmt.Errorf("server log: %w", err)
	}
	return &LogFollower{l: &s.out.file, f: f, buf: make([]byte, 64<<10)}, nil
}

// Copy writes to w what the server printed since the last Copy, up to
// what the log held when Copy was called: it returns even while a server
// prints without end. Where the log cut output that the follower had not
// read yet (a server printing faster than w takes it), it writes a line
// saying how much it skipped.
func (lf *LogFollower) Copy(w io.Writer) (int64, error) {
	lf.l.mu.Lock()
	end := lf.l.end()
	lf.l.mu.Unlock()
	var total int64
	for {
		chunk, skipped, err := lf.next(end)
		if err != nil {
			return total, err
		}
		if skipped > 0 {
			n, err := fmt.Fprintf(w, "\n[sandcastle skipped %s of your server's output here: the log keeps its start and its end]\n", Size(skipped))
			total += int64(n)
			if err != nil {
				return total, err
			}
			continue
		}
		if len(chunk) == 0 {
			return total, nil
		}
		n, err := w.Write(chunk)
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
}

// end is the position just after the last byte in the log.
func (l *logFile) end() int64 { return l.tailFrom + l.size - l.tailAt }

// next reads the next chunk of the log from pos, up to position end, or
// says how much of the output at pos was cut.
func (lf *LogFollower) next(end int64) (chunk []byte, skipped int64, err error) {
	l := lf.l
	l.mu.Lock()
	defer l.mu.Unlock()
	var off, stop int64 // where to read in the file, and where to stop
	switch {
	case lf.pos >= end:
		return nil, 0, nil
	case lf.pos < l.headLen:
		off, stop = lf.pos, l.headLen
	case lf.pos < l.tailFrom:
		skipped = l.tailFrom - lf.pos
		lf.pos = l.tailFrom
		return nil, skipped, nil
	default:
		off, stop = l.tailAt+lf.pos-l.tailFrom, l.tailAt+end-l.tailFrom
	}
	if off >= stop {
		return nil, 0, nil
	}
	k, err := lf.f.ReadAt(lf.buf[:min(int64(len(lf.buf)), stop-off)], off)
	if k == 0 && err != nil && err != io.EOF {
		return nil, 0, fmt.Errorf("server log: %w", err)
	}
	lf.pos += int64(k)
	return lf.buf[:k], 0, nil
}

// Close closes the follower's file.
func (lf *LogFollower) Close() error { return lf.f.Close() }
