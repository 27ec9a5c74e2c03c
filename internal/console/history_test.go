package console

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestHistoryHostileFiles(t *testing.T) {
	t.Run("a folder where the file goes: in memory, and says why", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sql_history")
		os.Mkdir(path, 0o755)
		h, err := OpenHistory(path)
		if err == nil || !strings.Contains(err.Error(), "history is not kept") || !strings.Contains(err.Error(), "is a folder") {
			t.Fatalf("err = %v", err)
		}
		if shown, err := h.Add("SELECT 1;"); shown != "SELECT 1;" || err != nil {
			t.Errorf("Add = %q, %v", shown, err)
		}
		if got := h.Entries(); !slices.Equal(got, []string{"SELECT 1;"}) {
			t.Errorf("Entries = %q", got)
		}
	})
	t.Run("a link is never written through", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "bashrc")
		os.WriteFile(target, []byte("echo hi\n"), 0o644)
		path := filepath.Join(dir, "sql_history")
		os.Symlink(target, path)
		h, err := OpenHistory(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Entries()) != 0 {
			t.Errorf("the link's target was read as history: %q", h.Entries())
		}
		h.Add("SELECT 1;")
		if b, _ := os.ReadFile(target); string(b) != "echo hi\n" {
			t.Errorf("written through the link: %q", b)
		}
		if b, _ := os.ReadFile(path); string(b) != "SELECT 1;\n" {
			t.Errorf("history file = %q", b)
		}
	})
	t.Run("garbage: the lines that are not text are left out", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sql_history")
		os.WriteFile(path, []byte("SELECT 1;\n\xff\xfe\x00garbage\n\n\nSELECT 2;"), 0o644)
		h, err := OpenHistory(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.Entries(); !slices.Equal(got, []string{"SELECT 1;", "SELECT 2;"}) {
			t.Errorf("Entries = %q", got)
		}
		if b, _ := os.ReadFile(path); string(b) != "SELECT 1;\nSELECT 2;\n" {
			t.Errorf("the file is not written afresh: %q", b)
		}
	})
	t.Run("huge: its end is read, the last 500 kept", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sql_history")
		var b bytes.Buffer
		b.WriteString(strings.Repeat("x", 3<<20)) // one line of 3 MB, no newline
		b.WriteString("\n")
		for i := range 2000 {
			fmt.Fprintf(&b, "SELECT %d;\n", i)
		}
		os.WriteFile(path, b.Bytes(), 0o644)
		h, err := OpenHistory(path)
		if err != nil {
			t.Fatal(err)
		}
		got := h.Entries()
		if len(got) != HistoryLimit || got[0] != "SELECT 1500;" || got[len(got)-1] != "SELECT 1999;" {
			t.Errorf("%d entries, %q … %q", len(got), got[0], got[len(got)-1])
		}
		if info, _ := os.Stat(path); info.Size() > 10000 {
			t.Errorf("the file is still %d bytes", info.Size())
		}
	})
	t.Run("escapes: the file keeps them, what is shown never does", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sql_history")
		os.WriteFile(path, []byte("SELECT '\x1b]52;c;cm0gLXJmIH4=\x07';\n"), 0o644)
		h, _ := OpenHistory(path)
		shown, err := h.Add("SELECT '\x1b[2J\u202e';")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range append(h.Entries(), shown) {
			if strings.ContainsAny(e, "\x1b\x07\u202e") {
				t.Errorf("an entry shown carries an escape: %q", e)
			}
		}
		if b, _ := os.ReadFile(path); !strings.Contains(string(b), "SELECT '\x1b[2J\u202e';\n") {
			t.Errorf("the statement is not written as typed: %q", b)
		}
	})
}

func TestHistoryKeepsStatements(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".sandcastle", "sql_history")
	h, err := OpenHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	h.Add("SELECT title,\n  id FROM games\n;\n")
	h.Add("SELECT 1;")
	h.Add("SELECT 1;") // the same again: once
	h.Add("   ")
	h, err = OpenHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Entries(); !slices.Equal(got, []string{"SELECT title, id FROM games ;", "SELECT 1;"}) {
		t.Errorf("Entries = %q", got)
	}
}

func TestEntry(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"one line", "SELECT 1;", "SELECT 1;"},
		{"lines joined, indents gone", "SELECT a,\n\t  b\nFROM t;", "SELECT a, b FROM t;"},
		{"a -- comment closed", "SELECT a, -- the name\n b FROM t;", "SELECT a, /* the name */ b FROM t;"},
		{"a -- comment with */ in it", "SELECT 1; -- a */ b", "SELECT 1; /* a * / b */"},
		{"-- in a string stays", "SELECT '--x' AS y;", "SELECT '--x' AS y;"},
		{"a block comment stays", "SELECT /* a\n b */ 1;", "SELECT /* a b */ 1;"},
		{"a newline in a string", "SELECT 'a\nb';", "SELECT 'a b';"},
		{"tabs", "SELECT\t1;", "SELECT 1;"},
		{"blank", " \n\t\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Entry(tc.in); got != tc.want {
				t.Errorf("Entry(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
