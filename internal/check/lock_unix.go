//go:build unix

package check

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"syscall"
	"time"

	"github.com/sandcastle/sandcastle/internal/folder"
)

// lockDir takes the lock file of a state folder, waiting for another
// sandcastle that holds it, until ctx ends. It returns the function that
// releases it.
func lockDir(ctx context.Context, dir string) (func(), error) {
	if err := folder.OwnDir(dir, false); err != nil {
		return nil, err
	}
	f, err := folder.OpenLock(filepath.Join(dir, "server.lock"))
	if err != nil {
		return nil, err
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", dir, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
