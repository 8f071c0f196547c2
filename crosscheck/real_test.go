package crosscheck

import (
	"context"
	"path/filepath"
	"testing"

	"vanban"
	"vanban/extract"
	"vanban/internal/sharedtest"
	"vanban/normalize"
)

// readCorpus extracts and normalizes one corpus file as the pipeline
// does.
func readCorpus(t *testing.T, name string) *vanban.Document {
	t.Helper()
	doc, err := extract.File(context.Background(), filepath.Join(sharedtest.Dir(t), "corpus", name))
	if err != nil {
		t.Fatalf("extract %s: %v", name, err)
	}
	normalize.Document(doc, normalize.DefaultAliases())
	if len(doc.Rows) == 0 && len(doc.ReportItems) == 0 {
		t.Fatalf("the extractor reads no rows or items in %s", name)
	}
	return doc
}

// TestGoldRealExtractor is the acceptance test: the corpus read
// by the real extractor and cross-checked equals gold crosscheck.json.
func TestGoldRealExtractor(t *testing.T) {
	for _, planFile := range []string{"ke-hoach-58-kh-ubnd-2026.docx", "ke-hoach-58-kh-ubnd-2026.pdf"} {
		t.Run(planFile, func(t *testing.T) {
			plan := readCorpus(t, planFile)
			reports := []*vanban.Document{
				readCorpus(t, "bao-cao-412-bc-stc-2026.docx"),
				readCorpus(t, "bao-cao-1876-bc-bql-2026.pdf"),
				readCorpus(t, "du-thao-ke-hoach-khcn.docx"), // a draft plan: cites nothing to link
			}
			r := Check(Input{Plan: plan, Reports: reports, AsOf: asOf, Aliases: normalize.DefaultAliases()})
			checkGold(t, r)
			if rv := r.Review(); len(rv) > 0 {
				t.Errorf("matches waiting for review: %+v", rv)
			}
		})
	}
}

// TestRealDocxReport cross-checks what the extractor reads today in Word
// format: the plan and Sở Tài chính's table report.
func TestRealDocxReport(t *testing.T) {
	plan := readCorpus(t, "ke-hoach-58-kh-ubnd-2026.docx")
	stc := readCorpus(t, "bao-cao-412-bc-stc-2026.docx")
	r := Check(Input{Plan: plan, Reports: []*vanban.Document{stc}, AsOf: asOf, Aliases: normalize.DefaultAliases()})
	u := r.Unit("Sở Tài chính")
	if u == nil {
		t.Fatalf("no Sở Tài chính among %d units (parties not read?)", len(r.Units))
	}
	if u.Report == nil || u.Report.Reference != "412/BC-STC" || u.Status != vanban.ReportOnTime {
		t.Errorf("report %+v, %s; want 412/BC-STC on time", u.Report, u.Status)
	}
	assertStatuses(t, unitStatuses(t, r, "Sở Tài chính"), goldSTC)
}

// TestGoldRealDocxHandPDF is the gold test with everything the extractor
// reads in Word format (the plan, Sở Tài chính's report) and the PDF
// report transcribed by hand, while the PDF reader is being written.
func TestGoldRealDocxHandPDF(t *testing.T) {
	plan := readCorpus(t, "ke-hoach-58-kh-ubnd-2026.docx")
	stc := readCorpus(t, "bao-cao-412-bc-stc-2026.docx")
	r := Check(Input{Plan: plan, Reports: []*vanban.Document{stc, reportBQL()}, AsOf: asOf, Aliases: normalize.DefaultAliases()})
	checkGold(t, r)
}
