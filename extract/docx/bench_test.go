package docx

import (
	"testing"

	"vanban/internal/sharedtest"
)

func BenchmarkRead(b *testing.B) {
	data := sharedtest.Read(b, plan58)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(data); err != nil {
			b.Fatal(err)
		}
	}
}
