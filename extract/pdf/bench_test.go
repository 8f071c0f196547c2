package pdf

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads each shared PDF that has a text layer. Compare with
// bench/extract.sh, which times pdftotext -layout on the same files.
func BenchmarkRead(b *testing.B) {
	for _, path := range fixturePDFs(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Read(data); err != nil {
			continue // scans
		}
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
