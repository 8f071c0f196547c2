//go:build !unix

package ingest

import "os"

// openNoFollow opens path for reading; the caller checks that the file
// opened is the one it looked at.
func openNoFollow(path string) (*os.File, error) { return os.Open(path) }
