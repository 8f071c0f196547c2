package extract

import (
	"testing"

	"vanban"
)

func TestReportWithResultsTable(t *testing.T) {
	doc := extractShared(t, "corpus/bao-cao-412-bc-stc-2026.docx")
	m := doc.Meta
	if m.DocType != vanban.TypeReport || m.Reference != "412/BC-STC" || m.Issuer != "Sở Tài chính" ||
		m.Date != vanban.D(2026, 12, 8) || m.Signer != "Nguyễn Văn A" || m.SignerTitle != "Giám đốc" {
		t.Errorf("meta = %+v", m)
	}
	if len(m.Cites) == 0 || m.Cites[0] != "58/KH-UBND" {
		t.Errorf("cites = %q, want 58/KH-UBND first", m.Cites)
	}
	want := []vanban.ReportItem{
		{STT: "3.3", Role: "Chủ trì", StatusText: "Hoàn thành", Section: "A. Nhiệm vụ chủ trì"},
		{STT: "3.14", Role: "Chủ trì", StatusText: "Đang thực hiện", Section: "A. Nhiệm vụ chủ trì"},
		{STT: "4.2", Role: "Phối hợp", StatusText: "Đang thực hiện", Section: "B. Nhiệm vụ phối hợp"},
		{STT: "8.7", Role: "Phối hợp", StatusText: "Hoàn thành", Section: "B. Nhiệm vụ phối hợp"},
	}
	if len(doc.ReportItems) != len(want) {
		t.Fatalf("%d items, want %d: %+v", len(doc.ReportItems), len(want), doc.ReportItems)
	}
	for i, w := range want {
		g := doc.ReportItems[i]
		if g.STT != w.STT || g.Role != w.Role || g.StatusText != w.StatusText || g.Section != w.Section || g.Task == "" || g.Result == "" {
			t.Errorf("item %d = %+v, want %+v", i, g, w)
		}
	}
	if len(doc.Rows) != 0 {
		t.Errorf("a report has no task rows, got %d", len(doc.Rows))
	}
}

func TestProseReport(t *testing.T) {
	doc := extractShared(t, "corpus/bao-cao-1876-bc-bql-2026.pdf")
	m := doc.Meta
	if m.DocType != vanban.TypeReport || m.Reference != "1876/BC-BQL" || m.Issuer != "Ban Quản lý khu kinh tế" ||
		m.Date != vanban.D(2026, 12, 20) || m.Signer != "Trần Thị B" || m.SignerTitle != "Phó Trưởng ban" {
		t.Errorf("meta = %+v", m)
	}
	if len(m.Cites) == 0 || m.Cites[0] != "58/KH-UBND" {
		t.Errorf("cites = %q, want 58/KH-UBND first", m.Cites)
	}
	items := doc.ReportItems
	if len(items) != 3 {
		t.Fatalf("%d items, want the 3 numbered headings: %+v", len(items), items)
	}
	first := items[0]
	if first.STT != "1" || first.Task != "Xúc tiến, thu hút các dự án đầu tư trực tiếp nước ngoài, chuyển giao và đổi mới công nghệ cho các doanh nghiệp Hải Phòng" {
		t.Errorf("first heading = %q %q", first.STT, first.Task)
	}
	if first.StatusText != "nhiệm vụ đang được triển khai thường xuyên, đáp ứng yêu cầu của Kế hoạch." {
		t.Errorf("status = %q", first.StatusText)
	}
	if items[1].Task != "Khó khăn, vướng mắc" || items[2].Task != "Kiến nghị" {
		t.Errorf("headings 2, 3 = %q, %q", items[1].Task, items[2].Task)
	}
}
