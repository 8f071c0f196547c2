package extract

import (
	"strings"
	"testing"

	"vanban"
	"vanban/extract/layout"
)

func TestClassifyTitles(t *testing.T) {
	for _, c := range []struct {
		title string
		want  column
	}{
		{"STT", colSTT},
		{"S T T", colSTT},
		{"Nội dung công việc", colTask},
		{"Các hoạt động", colTask},
		{"Nhiệm vụ thực hiện", colTask},
		{"Cơ quan chủ trì tham mưu", colLead},
		{"Sở, ngành chủ trì tham mưu", colLead},
		{"Cơ quan tham mưu", colLead},
		{"Đơn vị đầu mối", colLead},
		{"Người thực hiện", colLead},
		{"Đơn vị tham gia phối hợp", colCoord},
		{"Cơ quan tham gia", colCoord},
		{"Thời điểm hoàn thành", colTime},
		{"Mốc thời gian hoàn thành", colTime},
		{"Tiến độ thực hiện", colTime},
		{"Hình thức sản phẩm", colOutput},
		{"Kết quả cần đạt", colOutput},
		{"Kết quả thực hiện", colResult},
		{"Ghi chú", colNote},
		// Not task-table columns: a unit of measure, who commented.
		{"Đơn vị tính", colOther},
		{"Đơn vị góp ý", colOther},
		{"Địa chỉ", colOther},
	} {
		if got := classify(c.title); got != c.want {
			t.Errorf("classify(%q) = %d, want %d", c.title, got, c.want)
		}
	}
}

// cell builds a table cell at grid column col.
func cell(col, span int, text string) layout.Cell {
	c := layout.Cell{Col: col, Span: span}
	if text != "" {
		c.Lines = []string{text}
	}
	return c
}

func continued(col int, text string) layout.Cell {
	c := cell(col, 1, text)
	c.Continued = true
	return c
}

func bold(c layout.Cell) layout.Cell { c.Bold = true; return c }

func table(cols int, rows ...[]layout.Cell) layout.Block {
	t := &layout.Table{Cols: cols, Ruled: true}
	for _, r := range rows {
		t.Rows = append(t.Rows, layout.Row{Cells: r})
	}
	return layout.Block{Table: t}
}

func TestTableShapes(t *testing.T) {
	for _, c := range []struct {
		name  string
		table layout.Block
		want  []vanban.Task
	}{
		{
			name: "two-level header: time split into start and end, number column split in two",
			table: table(6,
				[]layout.Cell{cell(0, 2, "STT"), cell(2, 1, "Nhiệm vụ"), cell(3, 1, "Đơn vị chủ trì"), cell(4, 2, "Thời gian")},
				[]layout.Cell{cell(0, 1, ""), cell(1, 1, ""), continued(2, "Nhiệm vụ"), continued(3, "Đơn vị chủ trì"), cell(4, 1, "Bắt đầu"), cell(5, 1, "Kết thúc")},
				[]layout.Cell{bold(cell(0, 1, "I")), cell(1, 1, ""), bold(cell(2, 1, "Nhóm việc một")), cell(3, 1, ""), cell(4, 1, ""), cell(5, 1, "")},
				[]layout.Cell{cell(0, 1, ""), cell(1, 1, "1"), cell(2, 1, "Việc một"), cell(3, 1, "Sở Nội vụ"), cell(4, 1, "Tháng 3/2026"), cell(5, 1, "Tháng 4/2026")},
				[]layout.Cell{cell(0, 1, ""), cell(1, 1, "2"), cell(2, 1, "Việc hai"), cell(3, 1, "Sở Tư pháp"), cell(4, 1, "Tháng 5/2026"), cell(5, 1, "Tháng 6/2026")},
			),
			want: []vanban.Task{
				{Section: vanban.Section{Numeral: "I", Title: "Nhóm việc một"}, STT: "1", Task: "Việc một", Lead: "Sở Nội vụ", Timeframe: "Tháng 3/2026 - Tháng 4/2026"},
				{Section: vanban.Section{Numeral: "I", Title: "Nhóm việc một"}, STT: "2", Task: "Việc hai", Lead: "Sở Tư pháp", Timeframe: "Tháng 5/2026 - Tháng 6/2026"},
			},
		},
		{
			name: "parties under one parent, a cell merged across both, a group row with its own cells",
			table: table(5,
				[]layout.Cell{cell(0, 1, "TT"), cell(1, 1, "Công việc"), cell(2, 2, "Cơ quan thực hiện"), cell(4, 1, "Thời hạn")},
				[]layout.Cell{continued(0, "TT"), continued(1, "Công việc"), cell(2, 1, "Chủ trì"), cell(3, 1, "Phối hợp"), continued(4, "Thời hạn")},
				[]layout.Cell{cell(0, 1, "1"), cell(1, 1, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), cell(2, 1, "Văn phòng"), cell(3, 1, ""), cell(4, 1, "Năm 2026")},
				[]layout.Cell{cell(0, 1, "1.1"), cell(1, 1, "Việc một"), cell(2, 2, "Theo phân công tại Quyết định số 12/QĐ-UBND"), cell(4, 1, "Quý I/2026")},
			),
			want: []vanban.Task{
				{Section: vanban.Section{Numeral: "1", Title: "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"}, STT: "1.1", Task: "Việc một",
					Lead: "Theo phân công tại Quyết định số 12/QĐ-UBND", Coordinators: "Theo phân công tại Quyết định số 12/QĐ-UBND", Timeframe: "Quý I/2026"},
			},
		},
		{
			name: "columns known by their cells: timeframes under 'Lộ trình', unit names under no title",
			table: table(4,
				[]layout.Cell{cell(0, 1, "TT"), cell(1, 1, "Nhiệm vụ"), cell(2, 1, ""), cell(3, 1, "Lộ trình")},
				[]layout.Cell{cell(0, 1, "1"), cell(1, 1, "Việc một"), cell(2, 1, "Sở Nội vụ"), cell(3, 1, "Quý I/2026")},
				[]layout.Cell{cell(0, 1, "2"), cell(1, 1, "Việc hai"), cell(2, 1, "UBND các xã, phường"), cell(3, 1, "30 ngày kể từ ngày ký")},
			),
			want: []vanban.Task{
				{STT: "1", Task: "Việc một", Lead: "Sở Nội vụ", Timeframe: "Quý I/2026"},
				{STT: "2", Task: "Việc hai", Lead: "UBND các xã, phường", Timeframe: "30 ngày kể từ ngày ký"},
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := read(c.table)
			if len(doc.Rows) != len(c.want) {
				t.Fatalf("%d rows, want %d: %+v", len(doc.Rows), len(c.want), doc.Rows)
			}
			for i, w := range c.want {
				g := doc.Rows[i]
				g.Extra = nil
				if g.Section != w.Section || g.STT != w.STT || g.Task != w.Task || g.Lead != w.Lead || g.Coordinators != w.Coordinators || g.Timeframe != w.Timeframe {
					t.Errorf("row %d = %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}

func TestConfidence(t *testing.T) {
	header := []string{"TT", "Nhiệm vụ", "Chủ trì", "Thời hạn"}
	for _, c := range []struct {
		name    string
		blocks  []layout.Block
		score   float64 // want at most
		atLeast float64
		reason  string // a reason that must be given
	}{
		{name: "plain task table", blocks: []layout.Block{grid(4, header, []string{"1", "Việc một", "Sở Nội vụ", "2026"})}, score: 1, atLeast: 1},
		{name: "untitled and unknown columns", blocks: []layout.Block{grid(5, []string{"TT", "Nhiệm vụ", "Chủ trì", "", "Đối tượng"}, []string{"1", "Việc", "Sở Nội vụ", "x", "y"})},
			score: 0.75, atLeast: 0.75, reason: "cột 4 không có tiêu đề"},
		{name: "rows without a task", blocks: []layout.Block{grid(4, header, []string{"1", "Việc một", "Sở Nội vụ", "2026"}, []string{"2", "", "Sở Tư pháp", "2027"})},
			score: 0.95, atLeast: 0.9, reason: "1 dòng có chữ nhưng không có nội dung nhiệm vụ"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := read(c.blocks...)
			if doc.Confidence == nil {
				t.Fatal("no confidence")
			}
			if s := doc.Confidence.Score; s > c.score || s < c.atLeast {
				t.Errorf("score %.2f, want in [%.2f, %.2f]; reasons %v", s, c.atLeast, c.score, doc.Confidence.Reasons)
			}
			if c.reason != "" && !strings.Contains(strings.Join(doc.Confidence.Reasons, "; "), c.reason) {
				t.Errorf("reasons %v, want %q", doc.Confidence.Reasons, c.reason)
			}
		})
	}
	if doc := read(para("Không có bảng.")); doc.Confidence != nil {
		t.Errorf("a document without tables has confidence %+v", doc.Confidence)
	}
}

func TestLabelledTasks(t *testing.T) {
	doc := read(para("III. NHIỆM VỤ TRỌNG TÂM"),
		para("1. Phát triển công nghiệp"), para("- Tham mưu chính sách."), para("- Phối hợp rà soát."),
		para("Lãnh đạo phụ trách: Phó giám đốc Nguyễn Văn A."),
		para("Đơn vị chủ trì: Phòng Công nghiệp; Đơn vị phối hợp: Văn phòng Sở."),
		para("2. Bảo đảm năng lượng"), para("Đơn vị chủ trì: Phòng Năng lượng."))
	want := []vanban.Task{
		{Section: vanban.Section{Numeral: "III", Title: "NHIỆM VỤ TRỌNG TÂM"}, STT: "1", Task: "Phát triển công nghiệp - Tham mưu chính sách. - Phối hợp rà soát.",
			Lead: "Phòng Công nghiệp", Coordinators: "Văn phòng Sở", Extra: map[string]string{"Lãnh đạo phụ trách": "Phó giám đốc Nguyễn Văn A"}},
		{Section: vanban.Section{Numeral: "III", Title: "NHIỆM VỤ TRỌNG TÂM"}, STT: "2", Task: "Bảo đảm năng lượng", Lead: "Phòng Năng lượng"},
	}
	if len(doc.Rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(doc.Rows), len(want), doc.Rows)
	}
	for i, w := range want {
		g := doc.Rows[i]
		if g.Section != w.Section || g.STT != w.STT || g.Task != w.Task || g.Lead != w.Lead || g.Coordinators != w.Coordinators || g.Extra["Lãnh đạo phụ trách"] != w.Extra["Lãnh đạo phụ trách"] {
			t.Errorf("row %d = %+v\nwant %+v", i, g, w)
		}
	}
	if doc.Confidence == nil || doc.Confidence.Score >= vanban.ReviewBelow {
		t.Errorf("labelled tasks confidence = %+v, want below review", doc.Confidence)
	}
}
