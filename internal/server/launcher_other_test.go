//go:build !linux

package server

import (
	"strings"
	"testing"
)

// Outside Linux, grade says plainly that a student's server is not confined,
// naming the system as its users do.
func TestConfinementGapsSayNotConfined(t *testing.T) {
	gaps := ConfinementGaps()
	if len(gaps) != 1 || !strings.Contains(gaps[0], "is not confined") || strings.Contains(gaps[0], "darwin") {
		t.Errorf("ConfinementGaps() = %q; want one gap saying the server is not confined", gaps)
	}
}
