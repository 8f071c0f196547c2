package extract

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"sync"

	"golang.org/x/image/tiff"

	"vanban/extract/layout"
	"vanban/extract/ocr"
	"vanban/extract/pdf"
)

// Options set how a file is read; the zero value reads scans with the
// default OCR engine when tesseract is installed.
type Options struct {
	// OCR reads scanned pages and image files; nil takes ocr.New().
	OCR *ocr.Engine
	// NoOCR refuses scans (layout.ErrNoText) instead of reading them.
	NoOCR bool
	// Progress, when set, is told as OCR reads each scanned page.
	Progress func(Progress)
}

// Progress is how far the reading of one file has come: Done of Total
// scanned pages read by OCR.
type Progress struct {
	Done, Total int
}

var (
	defaultOCR     *ocr.Engine
	defaultOCROnce sync.Once
)

// engine returns the OCR engine to use, or nil when OCR is off or not
// installed (scans then fail with layout.ErrNoText, as without OCR).
func (o Options) engine() *ocr.Engine {
	if o.NoOCR {
		return nil
	}
	e := o.OCR
	if e == nil {
		defaultOCROnce.Do(func() { defaultOCR = ocr.New() })
		e = defaultOCR
	}
	if e.Available() != nil {
		return nil
	}
	return e
}

func (o Options) progress() func(done, total int) {
	if o.Progress == nil {
		return nil
	}
	return func(done, total int) { o.Progress(Progress{Done: done, Total: total}) }
}

// readPDF reads a PDF, OCR-ing its scanned pages.
func readPDF(ctx context.Context, data []byte, o Options) (*layout.Doc, error) {
	return pdf.ReadOptions(data, pdf.Options{OCR: o.engine(), Progress: o.progress(), Context: ctx})
}

// maxTIFFPages bounds the pages read from a multi-page TIFF.
const maxTIFFPages = 500

// readImage reads an image file (a scanned page: JPEG, PNG, TIFF) by OCR.
// A multi-page TIFF gives one page per image directory.
func readImage(ctx context.Context, data []byte, o Options) (*layout.Doc, error) {
	e := o.engine()
	if e == nil {
		return nil, fmt.Errorf("%w: %v", layout.ErrNoText, ocr.ErrUnavailable)
	}
	pages := tiffPages(data)
	if len(pages) <= 1 {
		g, dpi, err := ocr.Decode(data)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", layout.ErrMalformed, err)
		}
		src := func(int) (*image.Gray, float64, error) { return g, dpi, nil }
		return pdf.ReadImages(1, src, pdf.Options{OCR: e, Progress: o.progress(), Context: ctx})
	}
	src := func(i int) (*image.Gray, float64, error) { return ocr.ToGray(pages[i]), 0, nil }
	return pdf.ReadImages(len(pages), src, pdf.Options{OCR: e, Progress: o.progress(), Context: ctx})
}

// tiffPages decodes every page of a multi-page TIFF; nil for any other
// file or a single page.
func tiffPages(data []byte) []image.Image {
	if len(data) < 8 || !(bytes.HasPrefix(data, []byte("II*\x00")) || bytes.HasPrefix(data, []byte("MM\x00*"))) {
		return nil
	}
	// golang.org/x/image/tiff decodes the first directory only; the
	// pages after it are reached by rewriting the header's offset to
	// each next directory.
	var out []image.Image
	le := data[0] == 'I'
	u16 := func(b []byte) uint32 {
		if le {
			return uint32(b[0]) | uint32(b[1])<<8
		}
		return uint32(b[1]) | uint32(b[0])<<8
	}
	u32 := func(b []byte) uint32 {
		if le {
			return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
		}
		return uint32(b[3]) | uint32(b[2])<<8 | uint32(b[1])<<16 | uint32(b[0])<<24
	}
	seen := map[uint32]bool{}
	off := u32(data[4:8])
	buf := append([]byte(nil), data...)
	for off != 0 && int(off)+2 <= len(data) && !seen[off] && len(out) < maxTIFFPages {
		seen[off] = true
		copy(buf[4:8], data[4:8])
		if le {
			buf[4], buf[5], buf[6], buf[7] = byte(off), byte(off>>8), byte(off>>16), byte(off>>24)
		} else {
			buf[4], buf[5], buf[6], buf[7] = byte(off>>24), byte(off>>16), byte(off>>8), byte(off)
		}
		cfg, err := tiff.DecodeConfig(bytes.NewReader(buf))
		if err != nil || int64(cfg.Width)*int64(cfg.Height) > ocr.MaxPixels {
			break
		}
		img, err := tiff.Decode(bytes.NewReader(buf))
		if err != nil {
			break
		}
		out = append(out, img)
		n := int(u16(data[off:]))
		next := int(off) + 2 + 12*n
		if next+4 > len(data) {
			break
		}
		off = u32(data[next:])
	}
	return out
}
