//go:build unix || windows

package check

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/sandcastle/sandcastle/internal/folder"
)

// lockDir takes the lock file of a state folder, waiting for another
// sandcastle that holds it, until ctx ends. It returns the function that
// releases it. The lock is flock(2) on Unix, LockFileEx on Windows: either
// is released by the system when its holder dies.
func lockDir(ctx context.Context, dir string) (func(), error) {
	if err := folder.OwnDir(dir, false); err != nil {
		return nil, err
	}
	f, err := folder.OpenLock(filepath.Join(dir, "server.lock"))
	if err != nil {
		return nil, err
	}
	for {
		held, err := tryLock(f)
		if err == nil {
			return func() { unlock(f); f.Close() }, nil
		}
		if !held {
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
