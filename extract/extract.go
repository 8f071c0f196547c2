// Package extract reads a plan or report file (DOCX, PDF, or a scan as
// a JPEG, PNG or TIFF image) into a
// vanban.Document: the format readers in extract/docx and extract/pdf give
// paragraphs and tables (package layout); this package finds the metadata,
// the task table and the report items in them.
package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"vanban"
	"vanban/extract/docx"
	"vanban/extract/layout"
)

// MaxFileSize bounds a file to read: plans, reports and their scans are
// far smaller.
const MaxFileSize = 512 << 20

// File reads the file at path into a Document. The error names the file
// and wraps one of layout's sentinel errors when the file cannot be read.
// Only a regular file is opened: a FIFO would block, a device never end.
func File(ctx context.Context, path string) (*vanban.Document, error) {
	return FileOptions(ctx, path, Options{})
}

// FileOptions is File with options (OCR, progress).
func FileOptions(ctx context.Context, path string, o Options) (*vanban.Document, error) {
	data, err := readRegular(path)
	if err != nil {
		return nil, err
	}
	return BytesOptions(ctx, filepath.Base(path), data, o)
}

// readRegular reads path when it is a regular file of at most
// MaxFileSize bytes.
func readRegular(path string) ([]byte, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxFileSize))
}

// openRegular opens path when it is a regular file of at most
// MaxFileSize bytes (a link to one is followed).
func openRegular(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w: not a regular file (%s)", filepath.Base(path), layout.ErrUnsupported, info.Mode().Type())
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: %w: %d bytes (limit %d)", filepath.Base(path), layout.ErrTooLarge, info.Size(), MaxFileSize)
	}
	return os.Open(path)
}

// Bytes reads a file's content; name gives its format by extension.
func Bytes(ctx context.Context, name string, data []byte) (doc *vanban.Document, err error) {
	return BytesOptions(ctx, name, data, Options{})
}

// BytesOptions is Bytes with options.
func BytesOptions(ctx context.Context, name string, data []byte, o Options) (doc *vanban.Document, err error) {
	defer func() {
		// A reader or the interpreter meeting a shape nobody foresaw must
		// fail this file, not the process reading many.
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("%s: %w: panic: %v", name, layout.ErrMalformed, r)
		}
	}()
	sum := sha256.Sum256(data)
	doc = &vanban.Document{
		File:   name,
		SHA256: hex.EncodeToString(sum[:]),
		Size:   int64(len(data)),
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("%s: %w", name, layout.ErrEmpty)
	}
	ld, err := readLayout(ctx, name, data, o)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	interpret(doc, ld)
	if len(ld.OCR) > 0 {
		markOCR(doc, ld, name)
	}
	if err := checkSize(doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return doc, nil
}

// Bounds on what one document may bring back: far beyond any real plan
// or report, and small enough that a crafted file cannot exhaust the
// memory of the process storing it.
const (
	MaxText  = 16 << 20 // bytes of body text
	MaxRows  = 20000    // task rows and report items
	MaxCells = 1 << 20  // bytes in one row's cells
)

// checkSize refuses a reading past the bounds.
func checkSize(doc *vanban.Document) error {
	if len(doc.Text) > MaxText {
		return fmt.Errorf("%w: %d MB of text (limit %d MB)", layout.ErrTooLarge, len(doc.Text)>>20, MaxText>>20)
	}
	if n := len(doc.Rows) + len(doc.ReportItems); n > MaxRows {
		return fmt.Errorf("%w: %d rows (limit %d)", layout.ErrTooLarge, n, MaxRows)
	}
	for _, r := range doc.Rows {
		n := len(r.Task) + len(r.ExpectedOutput) + len(r.Lead) + len(r.Coordinators) + len(r.Timeframe) + len(r.Note)
		for _, v := range r.Extra {
			n += len(v)
		}
		if n > MaxCells {
			return fmt.Errorf("%w: row %s holds %d KB (limit %d KB)", layout.ErrTooLarge, r.STT, n>>10, MaxCells>>10)
		}
	}
	return nil
}

func readLayout(ctx context.Context, name string, data []byte, o Options) (*layout.Doc, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx":
		return docx.Read(data)
	case ".pdf":
		return readPDF(ctx, data, o)
	case ".jpg", ".jpeg", ".png", ".tif", ".tiff":
		return readImage(ctx, data, o)
	default:
		return nil, layout.ErrUnsupported
	}
}
