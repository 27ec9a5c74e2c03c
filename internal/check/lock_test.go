//go:build unix || windows

package check

import (
	"context"
	"testing"
	"time"
)

func TestLockDirWaitsForTheHolder(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lockDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := lockDir(ctx, dir); err == nil {
		t.Fatal("a second lock was taken while the first was held")
	}
	unlock()
	again, err := lockDir(context.Background(), dir)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again()
}
