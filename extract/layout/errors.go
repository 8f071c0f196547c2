package layout

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Reasons a file cannot be read. Readers wrap them with detail; callers
// test them with errors.Is and show the Vietnamese message of package
// extract to the user.
var (
	ErrEmpty      = errors.New("empty file")
	ErrNotZip     = errors.New("not a zip archive (not a DOCX)")
	ErrNoDocument = errors.New("no word/document.xml in the archive")
	ErrTooLarge   = errors.New("too large")
	ErrNotPDF     = errors.New("not a PDF")
	ErrEncrypted  = errors.New("encrypted")
	ErrNoText     = errors.New("no text layer, needs OCR")
	// ErrMisencoded: the text layer's producer mapped the fonts' glyphs
	// to wrong code points; what it reads as is garbage.
	ErrMisencoded  = errors.New("text layer mis-encoded, needs OCR")
	ErrMalformed   = errors.New("malformed")
	ErrUnsupported = errors.New("unsupported format")
	// ErrCrashed: the reader died (out of memory, a runtime fault) in
	// the child process that read the file.
	ErrCrashed = errors.New("extraction crashed")
)

// ErrTimeout is a reading that ran out of time; it is also a
// context.DeadlineExceeded, so callers that classify deadlines see it.
var ErrTimeout = fmt.Errorf("extraction timed out: %w", context.DeadlineExceeded)

// TimeFor is the time reading a file of size bytes may take, at least
// base: a scan is read by OCR page by page, and its pages make its size
// (a page at 300 dpi weighs some 100 KB to 1 MB), so every 100 KB buy a
// second, up to half an hour.
func TimeFor(size int64, base time.Duration) time.Duration {
	return min(base+time.Duration(size/(100<<10))*time.Second, max(base, 30*time.Minute))
}
