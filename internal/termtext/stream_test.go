package termtext

import (
	"strings"
	"testing"
)

// TestStream writes a server's log in every split of the bytes in two:
// what comes out is Printable of the whole, whatever the split, so an
// escape sent in pieces acts on nothing and a character sent in pieces
// shows whole.
func TestStream(t *testing.T) {
	log := "listening é 漢字 ✓\n" + hostile + "\nend"
	want := Printable(log)
	for i := 0; i <= len(log); i++ {
		var b strings.Builder
		s := &Stream{W: &b}
		if n, err := s.Write([]byte(log[:i])); n != i || err != nil {
			t.Fatalf("split at %d: Write = %d, %v", i, n, err)
		}
		if n, err := s.Write([]byte(log[i:])); n != len(log)-i || err != nil {
			t.Fatalf("split at %d: Write = %d, %v", i, n, err)
		}
		if err := s.Flush(); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Fatalf("split at %d: wrote %q, want %q", i, b.String(), want)
		}
	}
}

// TestStreamFlushesAnUnfinishedCharacter: the log ends in the middle of a
// character; Flush shows what is left, made visible.
func TestStreamFlushesAnUnfinishedCharacter(t *testing.T) {
	var b strings.Builder
	s := &Stream{W: &b}
	s.Write([]byte("ok \xe6\xbc"))
	if b.String() != "ok " {
		t.Fatalf("wrote %q before the character ended, want %q", b.String(), "ok ")
	}
	s.Flush()
	if r, ok := raw(b.String()); ok || !strings.HasPrefix(b.String(), "ok ") {
		t.Fatalf("after Flush: %q (left %q)", b.String(), r)
	}
}
