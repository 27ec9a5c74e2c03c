package session

import (
	"errors"

	"github.com/sandcastle/sandcastle/internal/trust"
	"github.com/sandcastle/sandcastle/lessons"
)

// openTrust finds the learner's record of trusted courses and what it says
// of course. The built-in course needs no record.
func openTrust(course *lessons.Course) (*trust.Store, trust.Status) {
	if course.Trusted {
		return nil, trust.Status{State: trust.Builtin, Location: course.Source}
	}
	store, err := trust.Default()
	if err != nil {
		return nil, trust.Status{Warning: err.Error()}
	}
	return store, store.Check(course)
}

// Trusted is whether the learner trusts the workspace's course, which says
// whether its code may run: its server command, on files it wrote, and its
// sh checks.
func (s *Session) Trusted() trust.Status { return s.trusted }

// Runs is the code the workspace's course runs on the learner's computer
// once trusted: what `sandcastle trust` and the TUI show before trusting.
func (s *Session) Runs() lessons.Runs { return s.Course.Runs() }

// Trust records, in the learner's config folder (never in the workspace),
// that they trust the workspace's course as it is now, at its location.
// The built-in course is always trusted: nothing is recorded.
func (s *Session) Trust() (trust.Granted, error) {
	if s.Course.Trusted {
		return trust.Granted{Location: s.Course.Source}, nil
	}
	if s.trust == nil {
		return trust.Granted{}, errors.New("there is no config folder to record trust in: " + s.trusted.Warning)
	}
	g, err := s.trust.Grant(s.Course)
	if err != nil {
		return g, err
	}
	s.trusted = s.trust.Check(s.Course)
	return g, nil
}

// Distrust forgets that the learner trusts the workspace's course; it
// reports whether it was trusted.
func (s *Session) Distrust() (bool, error) {
	if s.trust == nil || s.Course.Trusted {
		return false, nil
	}
	was, err := s.trust.Revoke(s.Course)
	if err == nil {
		s.trusted = s.trust.Check(s.Course)
	}
	return was, err
}
