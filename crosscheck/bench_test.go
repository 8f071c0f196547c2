package crosscheck

import (
	"bytes"

	"testing"

	"vanban"
)

// BenchmarkCheck cross-checks plan 58 (68 tasks) against its two reports.
func BenchmarkCheck(b *testing.B) {
	plan := goldPlan(b)
	reports := []*vanban.Document{reportSTC(), reportBQL()}
	b.ResetTimer()
	for b.Loop() {
		Check(Input{Plan: plan, Reports: reports, AsOf: asOf})
	}
}

// BenchmarkWriteXLSX writes the workbook of that cross-check.
func BenchmarkWriteXLSX(b *testing.B) {
	r := Check(Input{Plan: goldPlan(b), Reports: []*vanban.Document{reportSTC(), reportBQL()}, AsOf: asOf})
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := r.WriteXLSX(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/workbook")
}

// BenchmarkReadStatus reads a prose paragraph's progress.
func BenchmarkReadStatus(b *testing.B) {
	text := reportBQL().ReportItems[0].Result
	for b.Loop() {
		ReadStatus("", text)
	}
}
