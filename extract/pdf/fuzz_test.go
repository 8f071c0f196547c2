package pdf

import (
	"errors"
	"os"
	"testing"

	"vanban/extract/layout"
	"vanban/internal/sharedtest"
)

// FuzzRead feeds mutated PDFs to the reader: it must return a document
// or one of layout's errors, never panic or hang. Seeds: hand-made pages
// (text, rulings, a table over two pages) and the small corpus PDF.
func FuzzRead(f *testing.F) {
	xs := []float64{50, 100, 300, 450, 550}
	f.Add(testPDF([]string{textAt(72, 800, 12, false, "Ke hoach so 58") + body(600)}, ""))
	f.Add(testPDF([]string{grid4(xs, []float64{700, 680, 640}, nil, nil) + textAt(55, 686, 11, true, "STT") + body(400),
		grid4(xs, []float64{800, 780}, nil, nil) + "BT /F1 12 Tf [(a)-300(b)] TJ ET /X Do BI /W 1 ID x EI"}, ""))
	f.Add([]byte("%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 1 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"))
	if data, err := os.ReadFile(sharedtest.Path(f, "corpus/bao-cao-1876-bc-bql-2026.pdf")); err == nil {
		f.Add(data)
	}
	opt := Options{MaxStreamBytes: 4 << 20, MaxTotalBytes: 16 << 20, MaxOps: 1 << 20, MaxPages: 50}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadOptions(data, opt)
		if err == nil {
			if doc == nil || doc.Format != "pdf" {
				t.Fatalf("no document without an error")
			}
			return
		}
		for _, want := range []error{layout.ErrEmpty, layout.ErrNotPDF, layout.ErrEncrypted, layout.ErrMalformed, layout.ErrNoText} {
			if errors.Is(err, want) {
				return
			}
		}
		t.Fatalf("error outside layout's sentinels: %v", err)
	})
}
