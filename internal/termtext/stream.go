package termtext

import (
	"io"
	"unicode/utf8"
)

// Stream passes a stream sandcastle did not write (a learner's server's
// log, followed as it grows) through Printable to W. A character split
// between two writes is held until its end comes, so it shows whole;
// Flush writes what is left when the stream ends.
type Stream struct {
	W    io.Writer
	held []byte
}

// Write writes p, made printable, to W, but for an unfinished character at
// its end. It reports len(p) written when all of it was.
func (s *Stream) Write(p []byte) (int, error) {
	buf := append(s.held, p...)
	cut := len(buf) - unfinished(buf)
	if _, err := io.WriteString(s.W, Printable(string(buf[:cut]))); err != nil {
		return 0, err
	}
	s.held = append(s.held[:0:0], buf[cut:]...)
	return len(p), nil
}

// Flush writes what is held, made printable.
func (s *Stream) Flush() error {
	held := s.held
	s.held = nil
	_, err := io.WriteString(s.W, Printable(string(held)))
	return err
}

// unfinished is the length of the UTF-8 sequence that starts but does not
// end in b's last three bytes, or 0.
func unfinished(b []byte) int {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-i:]) {
				return 0
			}
			return i
		}
	}
	return 0
}
