package extract

import (
	"strings"
	"testing"

	"vanban"
	"vanban/extract/layout"
)

// Builders for layouts written by hand: the shapes agencies use that no
// fixture shows.

func para(text string) layout.Block { return layout.Block{Para: &layout.Para{Text: text}} }

func centred(text string, bold bool) layout.Block {
	return layout.Block{Para: &layout.Para{Text: text, Center: true, Bold: bold}}
}

// grid builds a ruled table; each row lists its cells' texts, a cell
// "=>text" spanning the rest of the row.
func grid(cols int, rows ...[]string) layout.Block {
	t := &layout.Table{Cols: cols, Ruled: true}
	for _, r := range rows {
		var row layout.Row
		for i, text := range r {
			c := layout.Cell{Col: i, Span: 1}
			if len(text) > 2 && text[:2] == "=>" {
				text, c.Span = text[2:], cols-i
			}
			if text != "" {
				c.Lines = []string{text}
			}
			row.Cells = append(row.Cells, c)
		}
		t.Rows = append(t.Rows, row)
	}
	return layout.Block{Table: t}
}

func read(blocks ...layout.Block) *vanban.Document {
	doc := &vanban.Document{}
	interpret(doc, &layout.Doc{Format: "docx", Blocks: blocks})
	return doc
}

func TestInterpretShapes(t *testing.T) {
	header := []string{"TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Kết quả đầu ra"}
	t.Run("plan with a Kết quả column", func(t *testing.T) {
		doc := read(grid(6, header, []string{"1", "Ban hành quy chế", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2026", "Quyết định"}))
		if len(doc.Rows) != 1 || len(doc.ReportItems) != 0 {
			t.Fatalf("rows %d, items %d; want a task row", len(doc.Rows), len(doc.ReportItems))
		}
		if r := doc.Rows[0]; r.Lead != "Sở Nội vụ" || r.Timeframe != "Quý I/2026" || r.ExpectedOutput != "Quyết định" {
			t.Errorf("row = %+v", r)
		}
	})
	t.Run("report with role and a plain Kết quả column", func(t *testing.T) {
		doc := read(grid(5, []string{"STT", "Nhiệm vụ", "Vai trò", "Kết quả", "Tiến độ"},
			[]string{"2.1", "Rà soát thủ tục", "Chủ trì", "Đã rà soát 120 thủ tục", "Hoàn thành"}))
		if len(doc.ReportItems) != 1 || doc.ReportItems[0].Result != "Đã rà soát 120 thủ tục" || doc.ReportItems[0].StatusText != "Hoàn thành" {
			t.Errorf("items = %+v", doc.ReportItems)
		}
	})
	t.Run("table split in two", func(t *testing.T) {
		doc := read(
			grid(6, header, []string{"=>I. Thể chế"}, []string{"1", "Việc một", "Sở Tư pháp", "", "2026", ""}),
			grid(6, []string{"2", "Việc hai", "Sở Nội vụ", "", "2027", ""}, []string{"=>II. Tài chính công"}, []string{"1", "Việc ba", "Sở Tài chính", "", "2026", ""}),
		)
		if len(doc.Rows) != 3 {
			t.Fatalf("%d rows, want 3: %+v", len(doc.Rows), doc.Rows)
		}
		if r := doc.Rows[1]; r.Task != "Việc hai" || r.Section.Numeral != "I" || r.Lead != "Sở Nội vụ" {
			t.Errorf("continued row = %+v", r)
		}
		if r := doc.Rows[2]; r.Section.Numeral != "II" {
			t.Errorf("third row section = %+v", r.Section)
		}
	})
	t.Run("numbered group row", func(t *testing.T) {
		doc := read(grid(6, header, []string{"1", "=>Nhóm nhiệm vụ về văn bản"},
			[]string{"1.1", "Ban hành", "Sở Tư pháp", "", "2026", ""}, []string{"1.2", "Rà soát", "Sở Tư pháp", "", "2026", ""}))
		if len(doc.Rows) != 2 || doc.Rows[0].Section != (vanban.Section{Numeral: "1", Title: "Nhóm nhiệm vụ về văn bản"}) {
			t.Errorf("rows = %+v", doc.Rows)
		}
	})
}

func TestInterpretMetadataShapes(t *testing.T) {
	t.Run("hyphenated place", func(t *testing.T) {
		doc := read(para("ỦY BAN NHÂN DÂN"), para("TỈNH BÀ RỊA - VŨNG TÀU"), para("Số: 123/KH-UBND"),
			para("Bà Rịa - Vũng Tàu, ngày 5 tháng 3 năm 2026"), centred("KẾ HOẠCH", true), centred("Về việc thử", true), para("Nội dung."))
		m := doc.Meta
		if m.Place != "Bà Rịa - Vũng Tàu" || m.Date != vanban.D(2026, 3, 5) || m.Reference != "123/KH-UBND" {
			t.Errorf("meta = %+v", m)
		}
		if m.Issuer != "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu" {
			t.Errorf("issuer = %q", m.Issuer)
		}
	})
	t.Run("decision title ends before the authority", func(t *testing.T) {
		doc := read(para("ỦY BAN NHÂN DÂN"), para("THÀNH PHỐ HỒ CHÍ MINH"), para("Số: 45/QĐ-UBND"),
			centred("QUYẾT ĐỊNH", true), centred("Ban hành Kế hoạch cải cách hành chính năm 2026", true),
			centred("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", true), para("Căn cứ Luật Tổ chức chính quyền địa phương;"))
		if doc.Meta.Title != "Ban hành Kế hoạch cải cách hành chính năm 2026" || doc.Meta.DocType != vanban.TypeDecision {
			t.Errorf("meta = %+v", doc.Meta)
		}
	})
	t.Run("header typed with tabs", func(t *testing.T) {
		tabbed := func(parts ...string) layout.Block {
			return layout.Block{Para: &layout.Para{Text: strings.Join(parts, " "), Tabs: parts}}
		}
		doc := read(tabbed("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), tabbed("TỈNH NGHỆ AN", "Độc lập - Tự do - Hạnh phúc"),
			tabbed("Số: 1234/UBND-KT", "Nghệ An, ngày 5 tháng 3 năm 2026"), para("V/v triển khai nhiệm vụ"), para("Kính gửi: các sở, ngành."))
		m := doc.Meta
		if m.Issuer != "Ủy ban nhân dân tỉnh Nghệ An" || m.Place != "Nghệ An" || m.Date != vanban.D(2026, 3, 5) || m.Reference != "1234/UBND-KT" {
			t.Errorf("meta = %+v", m)
		}
	})
	t.Run("party symbol without a type heading", func(t *testing.T) {
		doc := read(para("BAN CHẤP HÀNH TRUNG ƯƠNG"), para("Số: 57-NQ/TW"), para("Hà Nội, ngày 22 tháng 12 năm 2024"), para("Nội dung."))
		if doc.Meta.Reference != "57-NQ/TW" || doc.Meta.DocType != "Nghị quyết" {
			t.Errorf("meta = %+v", doc.Meta)
		}
	})
}
