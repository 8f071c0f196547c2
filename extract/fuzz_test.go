package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"vanban/internal/sharedtest"
)

// FuzzBytes feeds mutated files through a reader and the interpreter: any
// input must give a document or an error, never a panic.
func FuzzBytes(f *testing.F) {
	shared := sharedtest.Dir(f)
	for _, name := range []string{"corpus/bao-cao-412-bc-stc-2026.docx", "corpus/bao-cao-1876-bc-bql-2026.pdf"} {
		b, err := os.ReadFile(filepath.Join(shared, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Ext(name), b)
	}
	f.Add(".pdf", []byte(cyclicPDF))
	f.Add(".pdf", []byte(encryptedPDF))
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		if ext != ".pdf" && ext != ".docx" {
			ext = ".docx"
		}
		doc, err := Bytes(context.Background(), "fuzz"+ext, data)
		if err == nil && doc == nil {
			t.Fatal("nil document without error")
		}
	})
}
