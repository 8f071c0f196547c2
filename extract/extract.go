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
	"os"
	"path/filepath"
	"strings"

	"vanban"
	"vanban/extract/docx"
	"vanban/extract/layout"
)

// File reads the file at path into a Document. The error names the file
// and wraps one of layout's sentinel errors when the file cannot be read.
func File(ctx context.Context, path string) (*vanban.Document, error) {
	return FileOptions(ctx, path, Options{})
}

// FileOptions is File with options (OCR, progress).
func FileOptions(ctx context.Context, path string, o Options) (*vanban.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return BytesOptions(ctx, filepath.Base(path), data, o)
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
	return doc, nil
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
