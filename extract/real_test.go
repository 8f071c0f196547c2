package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanban"
)

// TestRealPlans reads the agencies' own plans: counts of task rows and
// sections, and rows checked by hand against the documents.
func TestRealPlans(t *testing.T) {
	tests := []struct {
		file     string
		rows     int
		sections int
		check    []vanban.Task // rows to find, compared on the fields set
	}{
		{
			file: "real/docs/Kế hoạch CCHC giai đoạn 2026-2030.docx", rows: 59, sections: 7,
			check: []vanban.Task{
				{Section: vanban.Section{Numeral: "I", Title: "Cải cách thể chế"}, STT: "2", Lead: "Sở Tư pháp; UBND các xã, phường, đặc khu", Timeframe: "Trước ngày 31/01 năm liền kề"},
			},
		},
		{file: "real/docs/Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx", rows: 52, sections: 7},
		{
			file: "real/docs/Ke hoach tuyen truyen CCHC tinh Lam Dong nam 2026.docx", rows: 21, sections: 2,
			check: []vanban.Task{
				{STT: "3", Lead: "Lãnh đạo Công an tỉnh"},
				{STT: "11", Lead: "Lãnh đạo Ban Quản lý các khu công nghiệp"},
			},
		},
		{
			file: "real/docs/KE HOACH KIEM TRA CCHC 2026.docx", rows: 29, sections: 2,
			check: []vanban.Task{
				{Section: vanban.Section{Numeral: "I", Title: "Cơ quan chuyên môn cấp tỉnh"}, STT: "2", Task: "Sở Xây dựng", Timeframe: "Tháng 7/2026"},
				{Section: vanban.Section{Numeral: "II", Title: "Ủy ban nhân dân cấp xã"}, STT: "25", Task: "Phường 2 Bảo Lộc", Timeframe: "Tháng 9/2026"},
			},
		},
		{
			file: "real/docs/Công văn triển khai các nhiệm vụ 02.docx", rows: 17, sections: 2,
			check: []vanban.Task{
				{STT: "2", Lead: "Văn phòng UBND tỉnh", Coordinators: "Các sở, ban, ngành; UBND các xã, phường, đặc khu", Timeframe: "Trong tháng 8/2025"},
				{STT: "8", Lead: "Văn phòng UBND tỉnh", Coordinators: "Sở Khoa học Công nghệ và các sở, ban, ngành có liên quan", Timeframe: "Trong tháng 8/2025"},
			},
		},
		{file: "real/docs/Kế hoạch thực hiện Chương trình  PCMT đến năm 2030.docx"},
		{file: "real/docs/Báo cáo CCHC Qúy I 2026 tỉnh Lâm Đồng.docx"},
		{file: "real/docs/Phu luc kem BC CCHC nam 2025.docx"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			doc := extractShared(t, tt.file)
			if len(doc.Rows) != tt.rows {
				t.Errorf("%d rows, want %d", len(doc.Rows), tt.rows)
			}
			if tt.rows > 0 {
				if n := countSections(doc.Rows); n != tt.sections {
					t.Errorf("%d sections, want %d", n, tt.sections)
				}
			}
			for _, want := range tt.check {
				if !hasRow(doc.Rows, want) {
					t.Errorf("no row like %+v", want)
				}
			}
		})
	}
}

// hasRow reports whether a row agrees with want on every field want sets.
func hasRow(rows []vanban.Task, want vanban.Task) bool {
	for _, r := range rows {
		if r.STT == want.STT && (want.Section == vanban.Section{} || r.Section == want.Section) &&
			(want.Task == "" || r.Task == want.Task) && (want.Lead == "" || r.Lead == want.Lead) &&
			(want.Coordinators == "" || r.Coordinators == want.Coordinators) &&
			(want.Timeframe == "" || r.Timeframe == want.Timeframe) {
			return true
		}
	}
	return false
}

// TestRenderedPDFsAgreeWithDOCX reads the two real plans printed to PDF by
// LibreOffice: their task rows equal the DOCX's.
func TestRenderedPDFsAgreeWithDOCX(t *testing.T) {
	for _, name := range []string{"Kế hoạch CCHC giai đoạn 2026-2030", "Ke hoach tuyen truyen CCHC tinh Lam Dong nam 2026"} {
		t.Run(name, func(t *testing.T) {
			d := extractShared(t, "real/docs/"+name+".docx")
			p := extractShared(t, "real/rendered/"+name+".pdf")
			if len(d.Rows) != len(p.Rows) {
				t.Errorf("docx %d rows, pdf %d", len(d.Rows), len(p.Rows))
			}
			for i := 0; i < len(d.Rows) && i < len(p.Rows); i++ {
				a, b := d.Rows[i], p.Rows[i]
				if a.Section != b.Section || a.STT != b.STT || a.Task != b.Task || a.Lead != b.Lead ||
					a.Coordinators != b.Coordinators || a.Timeframe != b.Timeframe || a.ExpectedOutput != b.ExpectedOutput {
					t.Errorf("row %d differs:\n docx %+v\n pdf  %+v", i, a, b)
				}
			}
			if d.Meta.Title != p.Meta.Title || d.Meta.Issuer != p.Meta.Issuer || d.Meta.Signer != p.Meta.Signer {
				t.Errorf("meta differs:\n docx %+v\n pdf  %+v", d.Meta, p.Meta)
			}
		})
	}
}

// TestNegativesGiveNoTaskRows reads documents whose tables are statistics,
// an agenda, a decree or comments: none is a task table.
func TestNegativesGiveNoTaskRows(t *testing.T) {
	for _, name := range []string{
		"329 BAO CAO CCHC NAM 2025.pdf",
		"Bao cao cac chi so cua tinh 06.11s.pdf",
		"Tong hop y kien gop y.pdf",
		"2003_CD-VPCP_07102025_3-signed.pdf",
		"45_2026_ND-CP_616621 nghi dinh thay the 73 82 04Text.pdf",
		"05.signed_20250517_044750.pdf",
		"vht534.signed_20250510_124908.pdf",
	} {
		t.Run(name, func(t *testing.T) {
			doc := extractShared(t, "real/docs/"+name)
			if len(doc.Rows) != 0 {
				t.Errorf("%d task rows, want none; first: %+v", len(doc.Rows), doc.Rows[0])
			}
		})
	}
}

// TestLegacyFontDOCX reads a DOCX typed in .VnTime/.VnTimeH and VNI fonts:
// its text comes out as Unicode.
func TestLegacyFontDOCX(t *testing.T) {
	want, err := os.ReadFile("../fixtures/legacy/vntime.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := File(context.Background(), "../fixtures/legacy/vntime.docx")
	if err != nil {
		t.Fatal(err)
	}
	got := doc.Text
	for _, line := range strings.Split(strings.TrimSpace(string(want)), "\n") {
		if !strings.Contains(got, strings.TrimSpace(line)) {
			t.Errorf("text lacks %q\ngot:\n%s", line, got)
		}
	}
}
