package layout

import (
	"context"
	"errors"
	"fmt"
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
