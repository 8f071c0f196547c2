package docgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"vanban"
	"vanban/extract"
	"vanban/extract/docx"
	"vanban/extract/layout"
	"vanban/extract/pdf"
)

// needFonts skips (fails under CI) when the PDF writer has no fonts.
func needFonts(t *testing.T) {
	t.Helper()
	if err := FontsAvailable(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

// readBoth writes doc in both formats and reads each back with vanban's
// own readers.
func readBoth(t *testing.T, doc Document) map[string]*layout.Doc {
	t.Helper()
	needFonts(t)
	dx, err := doc.DOCX()
	if err != nil {
		t.Fatal(err)
	}
	pd, err := doc.PDF()
	if err != nil {
		t.Fatal(err)
	}
	ld, err := docx.Read(dx)
	if err != nil {
		t.Fatalf("docx: %v", err)
	}
	lp, err := pdf.Read(pd)
	if err != nil {
		t.Fatalf("pdf: %v", err)
	}
	return map[string]*layout.Doc{"docx": ld, "pdf": lp}
}

// rowString writes a layout row as "[col+span text]" cells, "^" marking a
// merge continuation.
func rowString(r layout.Row) string {
	var b strings.Builder
	for _, c := range r.Cells {
		cont := ""
		if c.Continued {
			cont = "^"
		}
		fmt.Fprintf(&b, "[%d+%d%s %s]", c.Col, c.Span, cont, c.Text())
	}
	return b.String()
}

func hasPara(d *layout.Doc, text string) bool {
	for _, b := range d.Blocks {
		if b.Para != nil && b.Para.Text == text {
			return true
		}
	}
	return false
}

func tablesOf(d *layout.Doc) []*layout.Table {
	var out []*layout.Table
	for _, b := range d.Blocks {
		if b.Table != nil {
			out = append(out, b.Table)
		}
	}
	return out
}

// longText is a task long enough to wrap over several lines.
const longText = "Xây dựng và triển khai kế hoạch chuyển đổi số của tỉnh giai đoạn 2026 - 2030, bảo đảm đồng bộ với kế hoạch của Trung ương và các bộ, ngành"

// TestTablesReadBack writes tables with every construct of the model and
// reads them back from both formats with vanban's readers: spans, vertical
// merges (the continuation carries the first cell's text), Word numbering
// as the labels Word renders, a borderless layout table, and a table long
// enough to cross pages with its header repeated (the PDF reader joins the
// pages into one table and drops the repeats).
func TestTablesReadBack(t *testing.T) {
	dec := &List{Format: Decimal, Pattern: "%1."}
	letters := &List{Format: LowerLetter, Pattern: "%1)"}
	head := Row{Header: true, Cells: []Cell{{Text: "STT", Bold: true}, {Text: "Nội dung", Bold: true}, {Text: "Chủ trì", Bold: true}, {Text: "Thời gian", Bold: true}}}
	small := &Table{Cols: 4, Widths: []float64{1, 5, 3, 2}, Rows: []Row{
		head,
		{Cells: []Cell{{Text: "I. NHÓM MỘT", Span: 4, Bold: true}}},
		{Cells: []Cell{{Number: dec}, {Text: "Việc thứ nhất"}, {Text: "Sở Nội vụ", VMerge: MergeStart}, {Text: "Quý I/2026"}}},
		{Cells: []Cell{{Number: dec}, {Text: "Việc thứ hai"}, {VMerge: MergeContinue}, {Text: "Quý II/2026"}}},
		{Cells: []Cell{{Number: letters, Text: "ý"}, {Text: "Việc thứ ba"}, {Text: "Theo phân công", Span: 2}}},
		{Cells: []Cell{{Number: letters}, {Lines: []string{"Việc thứ tư,", "dòng hai"}}, {Text: "Sở Tài chính"}, {Text: "Năm 2027"}}},
	}}
	long := &Table{Cols: 4, Widths: []float64{1, 5, 3, 2}, Rows: []Row{head}}
	for i := 1; i <= 24; i++ {
		long.Rows = append(long.Rows, Row{Cells: []Cell{{Text: fmt.Sprint(i)}, {Text: longText}, {Text: "Sở Khoa học và Công nghệ"}, {Text: "Quý IV/2026"}}})
	}
	layoutTable := &Table{Cols: 2, Widths: []float64{2, 3}, Borderless: true, FontSize: 11, Rows: []Row{{Cells: []Cell{{Lines: []string{"ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"}}, {Text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Bold: true}}}}}
	doc := Document{Blocks: []Block{{Table: layoutTable}, {Table: small}, {Table: long, NewPage: true, Landscape: true}}}

	wantSmall := []string{
		"[0+1 STT][1+1 Nội dung][2+1 Chủ trì][3+1 Thời gian]",
		"[0+4 I. NHÓM MỘT]",
		"[0+1 1.][1+1 Việc thứ nhất][2+1 Sở Nội vụ][3+1 Quý I/2026]",
		"[0+1 2.][1+1 Việc thứ hai][2+1^ Sở Nội vụ][3+1 Quý II/2026]",
		"[0+1 a) ý][1+1 Việc thứ ba][2+2 Theo phân công]",
		"[0+1 b)][1+1 Việc thứ tư, dòng hai][2+1 Sở Tài chính][3+1 Năm 2027]",
	}
	for format, ld := range readBoth(t, doc) {
		t.Run(format, func(t *testing.T) {
			ts := tablesOf(ld)
			// A borderless table prints as text side by side: the PDF
			// reader gives it as paragraphs.
			if format == "pdf" {
				if !hasPara(ld, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") || !hasPara(ld, "TỈNH LÀO CAI") {
					t.Error("layout table's text missing")
				}
				ts = append([]*layout.Table{nil}, ts...)
			} else if got := rowString(ts[0].Rows[0]); ts[0].Ruled || got != "[0+1 ỦY BAN NHÂN DÂN TỈNH LÀO CAI][1+1 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM]" {
				t.Errorf("layout table (ruled %v): %s", ts[0].Ruled, got)
			}
			if len(ts) != 3 {
				t.Fatalf("%d tables, want 3", len(ts))
			}
			if !ts[1].Ruled || !ts[2].Ruled {
				t.Errorf("ruled = %v %v, want true", ts[1].Ruled, ts[2].Ruled)
			}
			if len(ts[1].Rows) != len(wantSmall) {
				t.Fatalf("small table: %d rows, want %d", len(ts[1].Rows), len(wantSmall))
			}
			for i, w := range wantSmall {
				if got := rowString(ts[1].Rows[i]); got != w {
					t.Errorf("small row %d:\n got %s\nwant %s", i, got, w)
				}
			}
			// The PDF reader marks a header it saw repeated on the
			// next page; the small table has one page.
			if !ts[1].Rows[0].Header && format == "docx" || !ts[2].Rows[0].Header {
				t.Error("header row not marked Header")
			}
			if n := len(ts[2].Rows); n != 25 {
				t.Errorf("long table: %d rows, want 25 (header + 24)", n)
			}
			for i, r := range ts[2].Rows[1:] {
				want := fmt.Sprintf("[0+1 %d][1+1 %s][2+1 Sở Khoa học và Công nghệ][3+1 Quý IV/2026]", i+1, longText)
				if got := rowString(r); got != want {
					t.Errorf("long row %d:\n got %s\nwant %s", i+1, got, want)
					break
				}
			}
		})
	}
}

// TestPDFPages checks the PDF's pagination: orientation per section, a
// long table over several pages, and a row cut by a page break joined
// again by the reader (rows may break unless KeepRows).
func TestPDFPages(t *testing.T) {
	needFonts(t)
	rows := []Row{{Header: true, Cells: []Cell{{Text: "STT"}, {Text: "Nội dung"}}}}
	for i := 1; i <= 12; i++ {
		rows = append(rows, Row{Cells: []Cell{{Text: fmt.Sprint(i)}, {Lines: []string{longText, longText, longText}}}})
	}
	for _, keep := range []bool{false, true} {
		t.Run(fmt.Sprintf("keeprows=%v", keep), func(t *testing.T) {
			doc := Document{Blocks: []Block{P("Trang đầu"), {Table: &Table{Cols: 2, Widths: []float64{1, 8}, Rows: rows, KeepRows: keep}, NewPage: true, Landscape: true}}}
			data, err := doc.PDF()
			if err != nil {
				t.Fatal(err)
			}
			ld, err := pdf.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			if ld.Pages < 3 {
				t.Errorf("%d pages, want the table over at least two after the first", ld.Pages)
			}
			ts := tablesOf(ld)
			if len(ts) != 1 || len(ts[0].Rows) != 13 {
				t.Fatalf("tables %d, rows %v, want one of 13", len(ts), rowCounts(ts))
			}
			for i, r := range ts[0].Rows[1:] {
				if got, want := r.Cells[1].Text(), strings.Repeat(longText+" ", 3); got != strings.TrimSpace(want) {
					t.Errorf("row %d text %q", i+1, got)
				}
			}
		})
	}
	if !bytes.Contains(mustPDF(t, Document{Landscape: true, Blocks: []Block{P("Ngang")}}), []byte("/MediaBox [0 0 841.90 595.30]")) {
		t.Error("landscape document has no landscape media box")
	}
}

func rowCounts(ts []*layout.Table) []int {
	var n []int
	for _, t := range ts {
		n = append(n, len(t.Rows))
	}
	return n
}

func mustPDF(t *testing.T, d Document) []byte {
	t.Helper()
	b, err := d.PDF()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestParagraphs reads body paragraphs back: text, bold, centring, size.
func TestParagraphs(t *testing.T) {
	doc := Document{Blocks: []Block{
		Styled(Para{Text: "KẾ HOẠCH", Bold: true, Align: Center, Size: 14}),
		P("Thực hiện Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030; Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện chuyển đổi số năm 2026 với các nội dung sau."),
	}}
	for format, ld := range readBoth(t, doc) {
		var paras []*layout.Para
		for _, b := range ld.Blocks {
			if b.Para != nil {
				paras = append(paras, b.Para)
			}
		}
		if len(paras) == 0 {
			t.Fatalf("%s: no paragraphs", format)
		}
		if p := paras[0]; p.Text != "KẾ HOẠCH" || !p.Bold || !p.Center || p.Size != 14 {
			t.Errorf("%s: heading %+v", format, *p)
		}
		var body []string
		for _, p := range paras[1:] {
			body = append(body, p.Text)
		}
		if got := strings.Join(body, " "); got != doc.Blocks[1].Para.Text {
			t.Errorf("%s: body %q", format, got)
		}
	}
}

// TestFrameMetadata reads the Nghị định 30 frame as vanban's metadata
// reader does.
func TestFrameMetadata(t *testing.T) {
	needFonts(t)
	f := Frame{
		Issuer: []string{"ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"}, Number: "12/KH-UBND", Place: "Lào Cai", Date: Date{2026, 3, 5},
		Type: "KẾ HOẠCH", Title: "Triển khai thực hiện chuyển đổi số năm 2026", Body: []Block{P("Nội dung kế hoạch.")},
		SignAuthority: "TM. ỦY BAN NHÂN DÂN", SignFor: "KT. CHỦ TỊCH", SignTitle: "PHÓ CHỦ TỊCH", Signer: "Nguyễn Văn An",
		Recipients: []string{"Như trên;", "Lưu: VT."},
	}
	want := vanban.Meta{DocType: vanban.TypePlan, Number: "12", Symbol: "KH-UBND", Reference: "12/KH-UBND",
		Issuer: "Ủy ban nhân dân tỉnh Lào Cai", Place: "Lào Cai", Date: vanban.D(2026, 3, 5),
		Title: "Triển khai thực hiện chuyển đổi số năm 2026", Signer: "Nguyễn Văn An", SignerTitle: "Phó Chủ tịch"}
	doc := Document{Blocks: f.Blocks()}
	for _, format := range []string{"docx", "pdf"} {
		data, err := doc.DOCX()
		if format == "pdf" {
			data, err = doc.PDF()
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := extract.Bytes(context.Background(), "frame."+format, data)
		if err != nil {
			t.Fatal(err)
		}
		m := got.Meta
		m.Cites = nil
		if fmt.Sprint(m) != fmt.Sprint(want) {
			t.Errorf("%s:\n got %+v\nwant %+v", format, m, want)
		}
	}
}

// TestDeterministic: the same document gives the same bytes.
func TestDeterministic(t *testing.T) {
	needFonts(t)
	doc := Document{Blocks: Frame{Issuer: []string{"SỞ NỘI VỤ"}, Number: "3/KH-SNV", Place: "Lào Cai", Type: "KẾ HOẠCH", Body: []Block{P("Nội dung")}}.Blocks()}
	for _, w := range []func() ([]byte, error){doc.DOCX, doc.PDF} {
		a, err := w()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := w()
		if !bytes.Equal(a, b) {
			t.Error("two writes of one document differ")
		}
	}
}

// TestInvalidModels: models no word processor could hold are refused.
func TestInvalidModels(t *testing.T) {
	cell := Cell{Text: "x"}
	tests := map[string]Document{
		"empty block":    {Blocks: []Block{{}}},
		"both":           {Blocks: []Block{{Para: &Para{}, Table: &Table{Cols: 1, Rows: []Row{{Cells: []Cell{cell}}}}}}},
		"no columns":     {Blocks: []Block{{Table: &Table{}}}},
		"short row":      {Blocks: []Block{{Table: &Table{Cols: 2, Rows: []Row{{Cells: []Cell{cell}}}}}}},
		"wide row":       {Blocks: []Block{{Table: &Table{Cols: 1, Rows: []Row{{Cells: []Cell{cell, cell}}}}}}},
		"widths":         {Blocks: []Block{{Table: &Table{Cols: 1, Widths: []float64{1, 2}, Rows: []Row{{Cells: []Cell{cell}}}}}}},
		"merge from top": {Blocks: []Block{{Table: &Table{Cols: 1, Rows: []Row{{Cells: []Cell{{VMerge: MergeContinue}}}}}}}},
		"merge of other span": {Blocks: []Block{{Table: &Table{Cols: 2, Rows: []Row{
			{Cells: []Cell{{VMerge: MergeStart}, cell}}, {Cells: []Cell{{VMerge: MergeContinue, Span: 2}}}}}}}},
	}
	for name, d := range tests {
		if _, err := d.DOCX(); !errors.Is(err, ErrModel) {
			t.Errorf("%s: DOCX error %v, want ErrModel", name, err)
		}
		if _, err := d.PDF(); !errors.Is(err, ErrModel) {
			t.Errorf("%s: PDF error %v, want ErrModel", name, err)
		}
	}
}

// TestLabels: list labels as Word renders them.
func TestLabels(t *testing.T) {
	tests := []struct {
		l    List
		i    int
		want string
	}{
		{List{}, 0, "1."},
		{List{Format: Decimal, Pattern: "%1)"}, 9, "10)"},
		{List{Format: LowerLetter, Pattern: "%1)"}, 3, "d)"},
		{List{Format: LowerLetter}, 26, "aa."},
		{List{Format: UpperLetter, Pattern: "%1."}, 1, "B."},
		{List{Format: UpperRoman, Pattern: "%1."}, 3, "IV."},
		{List{Format: LowerRoman, Pattern: "(%1)"}, 8, "(ix)"},
		{List{Format: Decimal, Pattern: "II.%1.", Start: 3}, 0, "II.3."},
	}
	for _, tt := range tests {
		if got := tt.l.Label(tt.i); got != tt.want {
			t.Errorf("%+v.Label(%d) = %q, want %q", tt.l, tt.i, got, tt.want)
		}
	}
	if got := Roman(1994); got != "MCMXCIV" {
		t.Errorf("Roman(1994) = %q", got)
	}
}

// TestMissingFonts: without the fonts the PDF writer says what to install.
func TestMissingFonts(t *testing.T) {
	old := FontDir
	FontDir = t.TempDir()
	defer func() { FontDir = old }()
	if err := FontsAvailable(); err == nil || !strings.Contains(err.Error(), "fonts-dejavu-core") {
		t.Errorf("FontsAvailable = %v", err)
	}
	if _, err := (&Document{Blocks: []Block{P("x")}}).PDF(); err == nil {
		t.Error("PDF without fonts: no error")
	}
}
