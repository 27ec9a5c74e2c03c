// Package trust records the courses a learner trusts to run code on their
// computer (a course's server command and the files it writes, its sh
// checks). The record lives in the user's config folder, never in a
// workspace, which a repository may carry: nothing a course or a workspace
// holds can grant trust. A course is trusted for its location and the hash
// of its content; moved, copied or changed, it must be trusted again.
package trust

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/sandcastle/sandcastle/lessons"
)

// FileName is the record's name in the user's config folder, under sandcastle/.
const FileName = "trust.json"

// maxSize bounds the record: a file larger than this is not one sandcastle wrote.
const maxSize = 4 << 20

// version is the record's format.
const version = 1

// Store is the learner's record of trusted courses: a JSON file.
type Store struct {
	// Path is the file, which may not exist yet.
	Path string
	now  func() time.Time
}

// Open returns the store at path.
func Open(path string) *Store { return &Store{Path: path, now: time.Now} }

// Default is the store in the user's config folder: $XDG_CONFIG_HOME when
// it is set (and absolute), else the system's (os.UserConfigDir:
// ~/.config, ~/Library/Application Support, %AppData%).
func Default() (*Store, error) {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		var err error
		if dir, err = os.UserConfigDir(); err != nil {
			return nil, fmt.Errorf("find the config folder for trusted courses: %w", err)
		}
	}
	return Open(filepath.Join(dir, "sandcastle", FileName)), nil
}

// State says whether a course is trusted.
type State int

// The states of a course: not trusted, trusted before with other content,
// trusted, or the built-in course (always trusted).
const (
	Untrusted State = iota
	Changed
	Trusted
	Builtin
)

// Status is whether the learner trusts a course, and what the record says.
type Status struct {
	State State
	// Location is the course's location, as trust is recorded for it.
	Location string
	// At is when the learner trusted the course (for Changed: its content
	// of then).
	At time.Time
	// Warning says why the record could not be read, when it could not; the
	// course is then not trusted.
	Warning string
}

// OK reports whether the course's code may run.
func (s Status) OK() bool { return s.State == Trusted || s.State == Builtin }

// Why says why a course that is not trusted does not run its code: it is
// not trusted, or it changed since the learner trusted it.
func (s Status) Why(title string) string {
	switch s.State {
	case Changed:
		return fmt.Sprintf("The course %s changed since you trusted it (%s)", title, s.At.Local().Format("2 Jan 2006 15:04"))
	case Trusted, Builtin:
		return ""
	}
	return fmt.Sprintf("The course %s is not trusted", title)
}

// Location is where a course is, as trust is recorded for it: its folder's
// absolute path, links resolved, so that another copy of it is another
// course; for a course from git, its URL and commit (URL@COMMIT), never the
// cache's folder; the built-in course's source for it.
func Location(c *lessons.Course) (string, error) {
	if c.Trusted {
		return c.Source, nil
	}
	if c.Origin != "" {
		return c.Origin, nil
	}
	abs, err := filepath.Abs(c.Source)
	if err != nil {
		return "", fmt.Errorf("locate the course %s: %w", c.Source, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", fmt.Errorf("locate the course %s: %w", c.Source, err)
	}
	return real, nil
}

// entry is one trusted course.
type entry struct {
	Location string    `json:"location"`
	Hash     string    `json:"hash"`
	ID       string    `json:"id,omitempty"`
	Title    string    `json:"title,omitempty"`
	At       time.Time `json:"trusted_at"`
}

// record is the file.
type record struct {
	Version int     `json:"version"`
	Courses []entry `json:"courses"`
}

// Check says whether the learner trusts c. A record that cannot be read
// trusts nothing, and says why in Warning.
func (s *Store) Check(c *lessons.Course) Status {
	if c.Trusted {
		return Status{State: Builtin, Location: c.Source}
	}
	loc, err := Location(c)
	if err != nil {
		return Status{Warning: err.Error()}
	}
	st := Status{Location: loc}
	rec, err := s.read()
	if err != nil {
		st.Warning = s.damaged(err)
		return st
	}
	for _, e := range rec.Courses {
		if e.Location != loc {
			continue
		}
		st.At = e.At
		st.State = Changed
		if c.Hash != "" && e.Hash == c.Hash {
			st.State = Trusted
		}
		return st
	}
	return st
}

// Granted is what Grant recorded.
type Granted struct {
	Location string
	Hash     string
	// Path is the record's file.
	Path string
	// Aside names where a record that could not be read was kept, or is "".
	Aside string
}

// Grant records that the learner trusts c, as it is now, at its location.
// It replaces what was recorded for the location before; a record that
// cannot be read is kept aside, and a new one started.
func (s *Store) Grant(c *lessons.Course) (Granted, error) {
	if c.Trusted {
		return Granted{Location: c.Source}, nil
	}
	if c.Hash == "" {
		return Granted{}, fmt.Errorf("the course %s has no content hash to trust", c.Source)
	}
	loc, err := Location(c)
	if err != nil {
		return Granted{}, err
	}
	g := Granted{Location: loc, Hash: c.Hash, Path: s.Path}
	rec, err := s.read()
	if err != nil {
		g.Aside = s.Path + ".damaged-" + s.now().Format("2006-01-02T15-04-05")
		if err := os.Rename(s.Path, g.Aside); err != nil {
			return Granted{}, fmt.Errorf("keep the damaged %s aside: %w", s.Path, err)
		}
		rec = record{}
	}
	courses := []entry{{Location: loc, Hash: c.Hash, ID: c.ID, Title: c.Title, At: s.now().UTC()}}
	for _, e := range rec.Courses {
		if e.Location != loc {
			courses = append(courses, e)
		}
	}
	rec.Version, rec.Courses = version, courses
	return g, s.write(rec)
}

// Revoke forgets c: it is not trusted any more. It reports whether c was
// trusted (in any version).
func (s *Store) Revoke(c *lessons.Course) (bool, error) {
	if c.Trusted {
		return false, nil
	}
	loc, err := Location(c)
	if err != nil {
		return false, err
	}
	rec, err := s.read()
	if err != nil {
		return false, errors.New(s.damaged(err))
	}
	var kept []entry
	for _, e := range rec.Courses {
		if e.Location != loc {
			kept = append(kept, e)
		}
	}
	if len(kept) == len(rec.Courses) {
		return false, nil
	}
	rec.Courses = kept
	return true, s.write(rec)
}

// read reads the record; a missing file is an empty record.
func (s *Store) read() (record, error) {
	info, err := os.Lstat(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return record{Version: version}, nil
	}
	if err != nil {
		return record{}, err
	}
	switch {
	case !info.Mode().IsRegular():
		return record{}, errors.New("it is not a regular file")
	case info.Size() > maxSize:
		return record{}, fmt.Errorf("it is larger than %d MB", maxSize>>20)
	}
	data, err := os.ReadFile(s.Path)
	if err != nil {
		return record{}, err
	}
	var rec record
	if err := json.Unmarshal(data, &rec); err != nil {
		return record{}, fmt.Errorf("it is not valid JSON: %w", err)
	}
	if rec.Version != version {
		return record{}, fmt.Errorf("its version is %d, and this sandcastle reads version %d", rec.Version, version)
	}
	return rec, nil
}

// damaged says that the record could not be read, and what follows.
func (s *Store) damaged(err error) string {
	return fmt.Sprintf("the record of the courses you trust, %s, cannot be read (%v), so no course is trusted: "+
		"`sandcastle trust` starts a new record, keeping this one aside", s.Path, err)
}

// write replaces the record atomically (a new file renamed over it), readable
// by its owner only.
func (s *Store) write(rec record) error {
	dir := filepath.Dir(s.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("record trust: %w", err)
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return fmt.Errorf("record trust: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".trust-*.json")
	if err != nil {
		return fmt.Errorf("record trust: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing left to remove
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("record trust: %w", err)
	}
	_, err = tmp.Write(append(data, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), s.Path)
	}
	if err != nil {
		return fmt.Errorf("record trust in %s: %w", s.Path, err)
	}
	return nil
}
