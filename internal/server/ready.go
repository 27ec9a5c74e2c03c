package server

import (
	"context"
	"net"
	"slices"
	"time"
)

const (
	// pollEvery is how often readiness is tried.
	pollEvery = 10 * time.Millisecond
	// wrongPortAfter is how long a server may listen only on other ports
	// before it is reported, without waiting for StartTimeout: time enough to
	// open a second listener, short enough not to keep a learner waiting.
	wrongPortAfter = 1500 * time.Millisecond
	// scanEvery is how often the ports the server listens on are looked up.
	scanEvery = 250 * time.Millisecond
)

// waitReady waits until 127.0.0.1:PORT accepts a connection, the server
// exits, ctx ends, or StartTimeout passes.
func (s *Server) waitReady(ctx context.Context) error {
	addr := s.addr()
	deadline := time.NewTimer(s.opts.StartTimeout)
	defer deadline.Stop()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	var nextScan time.Time
	var wrongSince time.Time // when the server was first seen listening elsewhere only
	for {
		if c, err := net.DialTimeout("tcp", addr, 250*time.Millisecond); err == nil {
			c.Close()
			return nil
		}
		select {
		case <-s.done:
			return exitedEarly(s.Port, s.info, s.opts.Lang)
		case <-ctx.Done():
			return canceled("before your server was ready")
		case <-deadline.C:
			return s.notListening()
		case now := <-tick.C:
			if now.Before(nextScan) {
				continue
			}
			nextScan = now.Add(scanEvery)
			if others := s.otherPorts(); others == nil {
				wrongSince = time.Time{}
			} else if wrongSince.IsZero() {
				wrongSince = now
			} else if now.Sub(wrongSince) >= wrongPortAfter {
				return wrongPort(s.Port, others, s.out.last(messageLines))
			}
		}
	}
}

// notListening says why a server that still runs is not ready in time.
func (s *Server) notListening() error {
	lines := s.out.last(messageLines)
	if others := s.otherPorts(); others != nil {
		return wrongPort(s.Port, others, lines)
	}
	return neverListened(s.Port, s.opts.StartTimeout, lines)
}

// otherPorts returns the ports the server's group listens on when PORT is
// not one of them, else nil (nil too where ports cannot be found).
func (s *Server) otherPorts() []int {
	ports := listenPorts(s.pgid)
	if len(ports) == 0 || slices.Contains(ports, s.Port) {
		return nil
	}
	return ports
}
