package docx

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"vanban/extract/layout"
	"vanban/internal/sharedtest"
)

func readDoc(t testing.TB, rel string) *layout.Doc {
	t.Helper()
	doc, err := Read(sharedtest.Read(t, rel))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return doc
}

func tables(doc *layout.Doc) []*layout.Table {
	var ts []*layout.Table
	for _, b := range doc.Blocks {
		if b.Table != nil {
			ts = append(ts, b.Table)
		}
	}
	return ts
}

func paras(doc *layout.Doc) []*layout.Para {
	var ps []*layout.Para
	for _, b := range doc.Blocks {
		if b.Para != nil {
			ps = append(ps, b.Para)
		}
	}
	return ps
}

const (
	plan58  = "corpus/ke-hoach-58-kh-ubnd-2026.docx"
	draft   = "corpus/du-thao-ke-hoach-khcn.docx"
	report  = "corpus/bao-cao-412-bc-stc-2026.docx"
	cchc30  = "real/docs/Kế hoạch CCHC giai đoạn 2026-2030.docx"
	cchc26  = "real/docs/Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx"
	phuluc  = "real/docs/Phu luc kem BC CCHC nam 2025.docx"
	pcmt    = "real/docs/Kế hoạch thực hiện Chương trình  PCMT đến năm 2030.docx"
	kiemtra = "real/docs/KE HOACH KIEM TRA CCHC 2026.docx"
)

// TestShape checks the tables every corpus and real file reads into.
func TestShape(t *testing.T) {
	type tbl struct {
		cols, rows int
		ruled      bool
		headerRows int
	}
	tests := []struct {
		file   string
		paras  int // at least
		tables []tbl
	}{
		{plan58, 95, []tbl{{2, 1, false, 0}, {2, 1, false, 0}, {7, 79, true, 1}}},
		{draft, 95, []tbl{{2, 1, false, 0}, {2, 1, false, 0}, {7, 79, true, 1}}},
		{report, 9, []tbl{{2, 1, false, 0}, {5, 7, true, 1}, {2, 1, false, 0}}},
		{cchc30, 130, []tbl{{2, 2, false, 0}, {2, 1, false, 0}, {7, 67, true, 1}}},
		{cchc26, 120, []tbl{{2, 2, false, 0}, {2, 1, false, 0}, {7, 60, true, 1}}},
		// The header table draws table borders that every cell removes.
		{pcmt, 100, []tbl{{2, 1, false, 0}, {3, 1, false, 0}}},
		{kiemtra, 60, []tbl{{2, 2, false, 0}, {2, 2, false, 0}, {3, 32, true, 1}}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			doc := readDoc(t, tt.file)
			if doc.Format != "docx" {
				t.Errorf("Format = %q", doc.Format)
			}
			if n := len(paras(doc)); n < tt.paras {
				t.Errorf("%d paragraphs, want at least %d", n, tt.paras)
			}
			ts := tables(doc)
			if len(ts) != len(tt.tables) {
				t.Fatalf("%d tables, want %d", len(ts), len(tt.tables))
			}
			for i, want := range tt.tables {
				got := ts[i]
				h := 0
				for _, r := range got.Rows {
					if r.Header {
						h++
					}
				}
				if got.Cols != want.cols || len(got.Rows) != want.rows || got.Ruled != want.ruled || h != want.headerRows {
					t.Errorf("table %d: cols %d rows %d ruled %v header rows %d, want %+v",
						i, got.Cols, len(got.Rows), got.Ruled, h, want)
				}
			}
			for _, p := range paras(doc) {
				if p.Text == "" || p.Text != strings.TrimSpace(p.Text) || strings.Contains(p.Text, "  ") {
					t.Errorf("paragraph not folded: %q", p.Text)
				}
			}
		})
	}
}

// goldRow is one row of /work/shared/gold/rows.json.
type goldRow struct {
	Section struct {
		Numeral, Title string
	}
	STT            string `json:"stt"`
	Task           string `json:"task"`
	ExpectedOutput string `json:"expected_output"`
	Lead           string `json:"lead"`
	Coordinators   string `json:"coordinators"`
	Timeframe      string `json:"timeframe"`
	Note           string `json:"note"`
}

// TestPlan58Appendix compares the appendix table cell by cell with the
// gold reading of its 68 task rows, and checks its 10 section rows.
func TestPlan58Appendix(t *testing.T) {
	var gold []goldRow
	if err := json.Unmarshal(sharedtest.Read(t, "gold/rows.json"), &gold); err != nil {
		t.Fatal(err)
	}
	ts := tables(readDoc(t, plan58))
	app := ts[len(ts)-1]
	header := []string{"STT", "Nội dung công việc", "Kết quả/sản phẩm dự kiến",
		"Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Ghi chú"}
	if got := cellTexts(app.Rows[0]); strings.Join(got, "|") != strings.Join(header, "|") {
		t.Errorf("header row = %q", got)
	}
	if !app.Rows[0].Header || !app.Rows[0].Cells[0].Bold {
		t.Errorf("header row not marked header/bold")
	}
	sectionRE := regexp.MustCompile(`^[IVX]+\. `)
	var tasks []layout.Row
	var sections []string
	for _, r := range app.Rows[1:] {
		switch {
		case len(r.Cells) == 1 && r.Cells[0].Span == 7:
			if !sectionRE.MatchString(r.Cells[0].Text()) {
				t.Errorf("section row %q", r.Cells[0].Text())
			}
			sections = append(sections, r.Cells[0].Text())
		case len(r.Cells) == 7:
			tasks = append(tasks, r)
		default:
			t.Errorf("row of %d cells: %q", len(r.Cells), cellTexts(r))
		}
	}
	if len(sections) != 10 || len(tasks) != 68 || len(gold) != 68 {
		t.Fatalf("%d sections, %d tasks (gold %d), want 10 and 68", len(sections), len(tasks), len(gold))
	}
	for i, g := range gold {
		want := []string{g.STT, g.Task, g.ExpectedOutput, g.Lead, g.Coordinators, g.Timeframe, g.Note}
		got := cellTexts(tasks[i])
		for c := range want {
			if got[c] != want[c] {
				t.Errorf("task %s column %d:\n got %q\nwant %q", g.STT, c, got[c], want[c])
			}
		}
		if tasks[i].Cells[3].Col != 3 || tasks[i].Cells[3].Span != 1 {
			t.Errorf("task %s: lead cell at col %d span %d", g.STT, tasks[i].Cells[3].Col, tasks[i].Cells[3].Span)
		}
	}
}

func cellTexts(r layout.Row) []string {
	var s []string
	for _, c := range r.Cells {
		s = append(s, c.Text())
	}
	return s
}

// TestHeaderTable checks the quốc hiệu table: agency and number left,
// national motto and date right, one paragraph a line.
func TestHeaderTable(t *testing.T) {
	tests := []struct {
		file        string
		left, right []string
	}{
		{plan58,
			[]string{"ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG", "Số: 58/KH-UBND"},
			[]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hải Phòng, ngày 20 tháng 3 năm 2026"}},
		{report,
			[]string{"ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG", "SỞ TÀI CHÍNH", "Số: 412/BC-STC"},
			[]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hải Phòng, ngày 08 tháng 12 năm 2026"}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			doc := readDoc(t, tt.file)
			if doc.Blocks[0].Table == nil {
				t.Fatal("document does not open with the header table")
			}
			row := doc.Blocks[0].Table.Rows[0]
			if got := strings.Join(row.Cells[0].Lines, "|"); got != strings.Join(tt.left, "|") {
				t.Errorf("left = %q", row.Cells[0].Lines)
			}
			if got := strings.Join(row.Cells[1].Lines, "|"); got != strings.Join(tt.right, "|") {
				t.Errorf("right = %q", row.Cells[1].Lines)
			}
			title := doc.Blocks[1].Para
			if title == nil || !title.Bold || !title.Center || title.Size != 14 {
				t.Errorf("title paragraph = %+v", title)
			}
		})
	}
}

// TestVMerge checks a vertically merged cell of a real plan: the task of
// row 2 of section VII spans two product rows.
func TestVMerge(t *testing.T) {
	ts := tables(readDoc(t, cchc30))
	app := ts[len(ts)-1]
	var first, cont *layout.Row
	for i := 1; i < len(app.Rows); i++ {
		if app.Rows[i].Cells[1].Continued && strings.HasPrefix(app.Rows[i].Cells[1].Text(), "Tham mưu ban hành Kế hoạch kiểm tra") {
			first, cont = &app.Rows[i-1], &app.Rows[i]
			break
		}
	}
	if cont == nil {
		t.Fatal("no continued task cell found")
	}
	for _, col := range []int{0, 1} {
		f, c := first.Cells[col], cont.Cells[col]
		if f.Continued || !c.Continued || c.Text() != f.Text() || c.Col != f.Col {
			t.Errorf("col %d: first %+v, continuation %+v", col, f, c)
		}
	}
	if first.Cells[0].Text() != "2" {
		t.Errorf("merged STT = %q", first.Cells[0].Text())
	}
	if cont.Cells[2].Continued || cont.Cells[2].Text() == first.Cells[2].Text() {
		t.Errorf("product cell should not be merged: %q", cont.Cells[2].Text())
	}
	// The appendix's two-row header of a report form: STT merged down,
	// "Kết quả thống kê" spread over two columns.
	pl := tables(readDoc(t, phuluc))[0]
	r0, r1 := pl.Rows[0], pl.Rows[1]
	if r0.Cells[2].Span != 2 || r0.Cells[2].Text() != "Kết quả thống kê" || r0.Cells[3].Col != 4 {
		t.Errorf("row 0 = %+v", r0.Cells)
	}
	if !r1.Cells[0].Continued || r1.Cells[0].Text() != "STT" || r1.Cells[2].Col != 2 || r1.Cells[3].Col != 3 {
		t.Errorf("row 1 = %+v", r1.Cells)
	}
}

// TestNumbering checks Word's automatic numbers rendered into headings.
func TestNumbering(t *testing.T) {
	doc := readDoc(t, cchc26)
	want := []string{
		"1. Cải cách thể chế", "2. Cải cách thủ tục hành chính",
		"7. Công tác chỉ đạo, điều hành",
	}
	var texts []string
	for _, p := range paras(doc) {
		texts = append(texts, p.Text)
	}
	all := strings.Join(texts, "\n")
	for _, w := range want {
		if !strings.Contains("\n"+all+"\n", "\n"+w+"\n") {
			t.Errorf("no paragraph %q", w)
		}
	}
	if !strings.Contains(all, "\na) Các sở, ban, ngành và Ủy ban nhân dân các xã") {
		t.Errorf("lowerLetter list item not numbered")
	}
}
