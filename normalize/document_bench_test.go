package normalize

import (
	"context"
	"testing"

	"vanban/extract"
	"vanban/internal/sharedtest"
)

// BenchmarkDocumentPlan58 normalizes plan 58 as extraction reads it.
func BenchmarkDocumentPlan58(b *testing.B) {
	doc, err := extract.File(context.Background(), sharedtest.Path(b, "corpus", "ke-hoach-58-kh-ubnd-2026.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	al := DefaultAliases()
	b.ReportAllocs()
	for b.Loop() {
		d := *doc
		d.Rows = append(d.Rows[:0:0], doc.Rows...)
		Document(&d, al)
	}
}
