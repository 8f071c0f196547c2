package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"vanban/internal/sharedtest"
)

func benchmarkFile(b *testing.B, rel string) {
	data, err := os.ReadFile(sharedtest.Path(b, rel))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bytes(context.Background(), filepath.Base(rel), data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlanDOCX(b *testing.B) { benchmarkFile(b, "corpus/ke-hoach-58-kh-ubnd-2026.docx") }
func BenchmarkPlanPDF(b *testing.B)  { benchmarkFile(b, "corpus/ke-hoach-58-kh-ubnd-2026.pdf") }
func BenchmarkReportDOCX(b *testing.B) {
	benchmarkFile(b, "corpus/bao-cao-412-bc-stc-2026.docx")
}
