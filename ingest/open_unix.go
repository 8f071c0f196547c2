//go:build unix

package ingest

import (
	"os"
	"syscall"
)

// openNoFollow opens path for reading, refusing a link in its last
// element (one planted after the check) and never blocking on a FIFO.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}
