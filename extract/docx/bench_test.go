package docx

import "testing"

func BenchmarkRead(b *testing.B) {
	data := readShared(b, plan58)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(data); err != nil {
			b.Fatal(err)
		}
	}
}
