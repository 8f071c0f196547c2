//go:build unix

package extract

import (
	"context"
	"errors"
	"path/filepath"
	"syscall"
	"testing"

	"vanban/extract/layout"
)

// TestOnlyRegularFiles: a FIFO would block a reader forever and
// /dev/zero never ends; both are refused at once.
func TestOnlyRegularFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "ong.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		if _, err := File(context.Background(), path); !errors.Is(err, layout.ErrUnsupported) {
			t.Errorf("%s: %v, want ErrUnsupported", path, err)
		}
	}
}
