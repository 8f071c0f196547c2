package crosscheck

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"vanban"
)

func goldWorkbook(t *testing.T) (*excelize.File, *Result) {
	t.Helper()
	r := Check(Input{Plan: goldPlan(t), Reports: []*vanban.Document{reportSTC(), reportBQL()}, AsOf: asOf})
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, r
}

func TestXLSXUnitSheetCellByCell(t *testing.T) {
	f, r := goldWorkbook(t)
	names := SheetNames(r)
	if len(f.GetSheetList()) != len(r.Units)+1 {
		t.Fatalf("sheets %v, want summary + %d units", f.GetSheetList(), len(r.Units))
	}
	sheet := names[0]
	if sheet != "Sở Tài chính" {
		t.Fatalf("first unit sheet %q, want Sở Tài chính", sheet)
	}
	want := [][]string{
		{"Sở Tài chính — Báo cáo số 412/BC-STC ngày 08/12/2026 (đúng hạn)"},
		UnitHeaders,
		{"3.3", "Triển khai cổ phần hóa Trung tâm kỹ thuật Tiêu chuẩn Đo lường Chất lượng Hải Phòng theo kế hoạch được phê duyệt",
			"Chủ trì", "Năm 2026 (hạn 31/12/2026)", "Hoàn thành đúng hạn",
			"Đã trình Ủy ban nhân dân thành phố phê duyệt phương án cổ phần hóa tại Tờ trình số 3150/TTr-STC ngày 15/9/2026; tổ chức bán đấu giá cổ phần lần đầu thành công ngày 20/11/2026.",
			"412/BC-STC", ""},
		{"3.14", "", "Chủ trì", "Hàng năm (hạn 15/12/2026)", "Đang thực hiện trong hạn", "", "412/BC-STC", ""},
		{"4.2", "", "Phối hợp", "Giai đoạn 2026 - 2030 (hạn 31/12/2030)", "Đang thực hiện trong hạn", "", "412/BC-STC", ""},
		{"8.7", "", "Phối hợp", "", "Hoàn thành đúng hạn", "", "412/BC-STC", ""},
		{"8.8", "", "Phối hợp", "Sau khi có hướng dẫn của Bộ Khoa học và Công nghệ.", "Chưa báo cáo", "", "", ""},
	}
	for i, row := range want {
		for j, w := range row {
			if w == "" && i > 2 && (j == 1 || j == 5 || j == 3) {
				continue // long texts checked on the first task row only
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			got, err := f.GetCellValue(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			if got != w {
				t.Errorf("%s!%s = %q, want %q", sheet, cell, got, w)
			}
		}
	}
	if got, _ := f.GetCellValue(sheet, "A8"); got != "" {
		t.Errorf("row 8 should be empty, has %q", got)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != unitHeaderRow {
		t.Errorf("panes = %+v, %v; want header frozen at row %d", panes, err, unitHeaderRow)
	}
	assertFill(t, f, sheet, "E3", stateColors[vanban.DoneOnTime])
	assertFill(t, f, sheet, "E7", stateColors[vanban.NotReportedState])
	if w, _ := f.GetColWidth(sheet, "B"); w < 40 {
		t.Errorf("task column width %v, want sized", w)
	}
}

func TestXLSXSummarySheet(t *testing.T) {
	f, r := goldWorkbook(t)
	rows, err := f.GetRows(SummarySheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != summaryHeaderRow+len(r.Units) {
		t.Fatalf("%d rows, want %d", len(rows), summaryHeaderRow+len(r.Units))
	}
	if got := rows[summaryHeaderRow-1]; len(got) != len(SummaryHeaders) || got[1] != "Đơn vị" || got[6] != "Hoàn thành đúng hạn" {
		t.Errorf("header row %q", got)
	}
	want := map[string][]string{
		"Sở Tài chính":            {"412/BC-STC", "08/12/2026", "Đúng hạn", "5", "2", "0", "2", "0", "0", "0", "1"},
		"Ban Quản lý khu kinh tế": {"1876/BC-BQL", "20/12/2026", "Trễ hạn", "2", "0", "0", "1", "0", "0", "0", "1"},
		"Sở Nội vụ":               {"", "", "Chưa báo cáo", "2", "0", "0", "0", "0", "0", "0", "2"},
	}
	found := 0
	for _, row := range rows[summaryHeaderRow:] {
		w, ok := want[row[1]]
		if !ok {
			continue
		}
		found++
		for j, v := range w {
			if row[j+2] != v {
				t.Errorf("%s column %s = %q, want %q", row[1], SummaryHeaders[j+2], row[j+2], v)
			}
		}
	}
	if found != len(want) {
		t.Errorf("found %d of %d units", found, len(want))
	}
	assertFill(t, f, SummarySheet, "E4", reportColors[vanban.ReportOnTime])
	if panes, _ := f.GetPanes(SummarySheet); !panes.Freeze || panes.YSplit != summaryHeaderRow {
		t.Errorf("summary panes %+v", panes)
	}
}

func assertFill(t *testing.T, f *excelize.File, sheet, cell, color string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Fill.Color) == 0 || !equalFold(s.Fill.Color[0], color) {
		t.Errorf("%s!%s fill %v, want %s", sheet, cell, s.Fill.Color, color)
	}
}

func equalFold(a, b string) bool { return bytes.EqualFold([]byte(a), []byte(b)) }

func TestSheetNames(t *testing.T) {
	r := &Result{Units: []UnitResult{
		{Unit: "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố"},
		{Unit: "Sở Văn hóa, Thể thao và Du lịch"},
		{Unit: "Sở Tài chính"}, {Unit: "sở tài chính"},
		{Unit: "Tổng hợp"},
		{Unit: "Ban chỉ đạo: [KH/CN]?"},
	}}
	want := []string{"Ủy ban MTTQ Việt Nam thành phố", "Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính", "sở tài chính (2)", "Tổng hợp (2)", "Ban chỉ đạo KH CN"}
	got := SheetNames(r)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sheet %d = %q, want %q", i, got[i], want[i])
		}
	}
}
