package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"vanban/extract/layout"
)

// rule draws a 0.5 pt line from (x0, y0) to (x1, y1) in user space.
func rule(x0, y0, x1, y1 float64) string {
	return fmt.Sprintf("q 0.5 w %g %g m %g %g l S Q\n", x0, y0, x1, y1)
}

// box fills a thin rectangle, the way Word draws borders.
func box(x, y, w, h float64) string {
	return fmt.Sprintf("0 0 0 rg %g %g %g %g re f\n", x, y, w, h)
}

// body is enough text for a page to count as a text layer.
func body(y float64) string {
	var b strings.Builder
	for i := 0; i < 5; i++ {
		b.WriteString(textAt(72, y-float64(i)*14, 12, false, "Noi dung van ban du dai de trang co lop chu that su."))
	}
	return b.String()
}

func paras(d *layout.Doc) []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Para != nil {
			out = append(out, b.Para.Text)
		}
	}
	return out
}

// TestText checks word spacing and line segments on hand-made pages.
func TestText(t *testing.T) {
	cases := []struct {
		name    string
		content string
		want    []string // paragraphs (before the filler body text)
	}{
		{"TJ offset as a space", "BT /F1 12 Tf 72 800 Td [(Ke)-30(hoach)-400(so)] TJ ET\n", []string{"Kehoach so"}},
		{"Tw widens spaces", "BT /F1 12 Tf 5 Tw 72 800 Td (Ke hoach so 58) Tj ET\n", []string{"Ke hoach so 58"}},
		{"words placed one by one", textAt(72, 800, 12, false, "Ke") + textAt(72+2*6+4, 800, 12, false, "hoach"), []string{"Ke hoach"}},
		{"glyphs placed one by one", textAt(72, 800, 12, false, "K") + textAt(78, 800, 12, false, "e"), []string{"Ke"}},
		{"two columns on one baseline", textAt(80, 800, 13, true, "UY BAN NHAN DAN") + textAt(320, 800, 13, true, "CONG HOA XA HOI"),
			[]string{"UY BAN NHAN DAN", "CONG HOA XA HOI"}},
		{"superscript joins its line", textAt(72, 800, 12, false, "tinh") + "BT /F1 8 Tf 96 804 Td (10) Tj ET\n" + textAt(104, 800, 12, false, " va"),
			[]string{"tinh10 va"}},
		{"list marker and tab stay together", textAt(72, 800, 12, false, "1.") + textAt(110, 800, 12, false, "Muc dich"), []string{"1. Muc dich"}},
		{"reading order: top to bottom", textAt(72, 780, 12, false, "second") + textAt(72, 800, 12, false, "first"), []string{"first", "second"}},
		{"text drawn twice (fake bold)", textAt(72, 800, 12, false, "Bold") + textAt(72.3, 800, 12, false, "Bold"), []string{"Bold"}},
		{"inline image skipped", "BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff(Tj)\x01 EI\n" + textAt(72, 800, 12, false, "after image"), []string{"after image"}},
		{"form XObject missing", "/Fm1 Do\n" + textAt(72, 800, 12, false, "still read"), []string{"still read"}},
		{"cm scales text", "q 2 0 0 2 0 0 cm " + textAt(36, 400, 6, false, "scaled") + " Q\n", []string{"scaled"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Read(testPDF([]string{c.content + body(400)}, ""))
			if err != nil {
				t.Fatal(err)
			}
			got := paras(doc)
			if len(got) < len(c.want) {
				t.Fatalf("got %q", got)
			}
			for i, w := range c.want {
				if got[i] != w {
					t.Errorf("para %d: got %q, want %q (all %q)", i, got[i], w, got)
				}
			}
		})
	}
}

// TestParaGeometry checks X, Right, Size, Bold and Center.
func TestParaGeometry(t *testing.T) {
	content := textAt(250, 800, 14, true, "KE HOACH") + body(700)
	doc, err := Read(testPDF([]string{content}, ""))
	if err != nil {
		t.Fatal(err)
	}
	p := doc.Blocks[0].Para
	// 8 glyphs of 600/1000 em at 14 pt.
	if p.Text != "KE HOACH" || p.X != 250 || p.Right != 250+8*0.6*14 || p.Size != 14 || !p.Bold {
		t.Errorf("got %+v", *p)
	}
	if q := doc.Blocks[1].Para; q.Bold || q.Center || q.X != 72 {
		t.Errorf("body line %+v", *q)
	}
}

// grid4 draws a ruled table: 4 columns at xs, rows at ys (top down, in
// user space), with the given inner rulings left out.
func grid4(xs, ys []float64, skipV map[[2]int]bool, skipH map[[2]int]bool) string {
	var b strings.Builder
	for i, y := range ys {
		for j := 0; j+1 < len(xs); j++ {
			if !skipH[[2]int{i, j}] {
				b.WriteString(rule(xs[j], y, xs[j+1], y))
			}
		}
	}
	for j, x := range xs {
		for i := 0; i+1 < len(ys); i++ {
			if !skipV[[2]int{i, j}] {
				b.WriteString(box(x-0.25, ys[i+1], 0.5, ys[i]-ys[i+1]))
			}
		}
	}
	return b.String()
}

// TestLattice reads a ruled table with a span, a vertical merge and text
// centred in a tall row.
func TestLattice(t *testing.T) {
	xs := []float64{50, 100, 300, 450, 550}
	ys := []float64{700, 680, 640, 600, 580}
	// Row 1: no ruling between columns 2 and 3 (a span). Rows 1-2 of
	// column 0: no ruling between them (a vertical merge).
	content := grid4(xs, ys, map[[2]int]bool{{1, 3}: true}, map[[2]int]bool{{2, 0}: true}) +
		textAt(55, 686, 11, true, "STT") + textAt(105, 686, 11, true, "Noi dung") + textAt(305, 686, 11, true, "Chu tri") + textAt(455, 686, 11, true, "Ghi chu") +
		textAt(55, 636, 11, false, "1") + // centred in the merged cell
		textAt(105, 668, 11, false, "Nhiem vu mot") + textAt(105, 655, 11, false, "dong hai") + textAt(305, 668, 11, false, "So Noi vu cung phoi hop") +
		textAt(105, 625, 11, false, "Nhiem vu hai") + textAt(305, 625, 11, false, "So Tai chinh") + textAt(455, 625, 11, false, "moi") +
		textAt(55, 586, 11, false, "2") + textAt(105, 586, 11, false, "Ba") +
		body(400)
	doc, err := Read(testPDF([]string{content}, ""))
	if err != nil {
		t.Fatal(err)
	}
	ts := tables(doc)
	if len(ts) != 1 {
		t.Fatalf("%d tables", len(ts))
	}
	want := []string{
		`[0+1 "STT"][1+1 "Noi dung"][2+1 "Chu tri"][3+1 "Ghi chu"]`,
		`[0+1 "1"][1+1 "Nhiem vu mot dong hai"][2+2 "So Noi vu cung phoi hop"]`,
		`[0+1^ "1"][1+1 "Nhiem vu hai"][2+1 "So Tai chinh"][3+1 "moi"]`,
		`[0+1 "2"][1+1 "Ba"][2+1 ""][3+1 ""]`,
	}
	tb := ts[0]
	if tb.Cols != 4 || !tb.Ruled || len(tb.Rows) != len(want) {
		t.Fatalf("cols %d ruled %v rows %d", tb.Cols, tb.Ruled, len(tb.Rows))
	}
	for i, w := range want {
		if got := rowString(tb.Rows[i]); got != w {
			t.Errorf("row %d:\n got %s\nwant %s", i, got, w)
		}
	}
	if !tb.Rows[0].Cells[0].Bold || tb.Rows[1].Cells[1].Bold {
		t.Errorf("bold cells wrong")
	}
	if got := tb.Rows[1].Cells[1].Lines; len(got) != 2 {
		t.Errorf("cell lines %q", got)
	}
}

// TestAcrossPages joins a table broken over two pages: the repeated
// header goes, the row cut by the break is one row, the page number is
// dropped.
func TestAcrossPages(t *testing.T) {
	xs := []float64{50, 100, 300, 450, 550}
	header := textAt(55, 786, 11, true, "STT") + textAt(105, 786, 11, true, "Noi dung") + textAt(305, 786, 11, true, "Chu tri") + textAt(455, 786, 11, true, "Ghi chu")
	// Page 1: text, then the table down to the page's foot.
	down := func(s string, dy float64) string { return "q 1 0 0 1 0 " + fmt.Sprint(-dy) + " cm " + s + " Q\n" }
	page1 := body(800) + down(grid4(xs, []float64{800, 780, 700, 650}, nil, nil)+header+
		textAt(55, 766, 11, false, "1")+textAt(105, 766, 11, false, "Nhiem vu mot")+
		textAt(55, 686, 11, false, "2")+textAt(105, 686, 11, false, "Nhiem vu hai bat dau")+textAt(305, 686, 11, false, "So A"), 150) +
		textAt(290, 30, 11, false, "1")
	page2 := grid4(xs, []float64{800, 780, 740, 700}, nil, nil) + header +
		textAt(105, 766, 11, false, "va ket thuc o trang sau") + textAt(305, 766, 11, false, "va So B") +
		textAt(55, 726, 11, false, "3") + textAt(105, 726, 11, false, "Nhiem vu ba") +
		body(500) + textAt(290, 30, 11, false, "2")
	doc, err := Read(testPDF([]string{page1, page2}, ""))
	if err != nil {
		t.Fatal(err)
	}
	ts := tables(doc)
	if len(ts) != 1 {
		t.Fatalf("%d tables", len(ts))
	}
	want := []string{
		`[0+1 "STT"][1+1 "Noi dung"][2+1 "Chu tri"][3+1 "Ghi chu"]`,
		`[0+1 "1"][1+1 "Nhiem vu mot"][2+1 ""][3+1 ""]`,
		`[0+1 "2"][1+1 "Nhiem vu hai bat dau va ket thuc o trang sau"][2+1 "So A va So B"][3+1 ""]`,
		`[0+1 "3"][1+1 "Nhiem vu ba"][2+1 ""][3+1 ""]`,
	}
	rows := ts[0].Rows
	if len(rows) != len(want) {
		t.Fatalf("%d rows", len(rows))
	}
	for i, w := range want {
		if got := rowString(rows[i]); got != w {
			t.Errorf("row %d:\n got %s\nwant %s", i, got, w)
		}
	}
	if !rows[0].Header || rows[1].Header {
		t.Errorf("header flags")
	}
	for _, p := range paras(doc) {
		if p == "1" || p == "2" {
			t.Errorf("page number kept")
		}
	}
}

// TestStream reads a table drawn without rulings.
func TestStream(t *testing.T) {
	content := textAt(60, 760, 11, true, "TT") + textAt(120, 760, 11, true, "Noi dung") + textAt(330, 760, 11, true, "Trach nhiem") + textAt(470, 760, 11, true, "Thoi gian") +
		textAt(60, 744, 11, false, "1") + textAt(120, 744, 11, false, "Giai dap vuong mac") + textAt(330, 744, 11, false, "So Cong Thuong") + textAt(470, 744, 11, false, "Thang 3") +
		textAt(120, 731, 11, false, "cua nguoi dan") +
		textAt(60, 718, 11, false, "2") + textAt(120, 718, 11, false, "Tuyen truyen") + textAt(330, 718, 11, false, "So Y te") + textAt(470, 718, 11, false, "Thang 4") +
		body(600)
	doc, err := Read(testPDF([]string{content}, ""))
	if err != nil {
		t.Fatal(err)
	}
	ts := tables(doc)
	if len(ts) != 1 || ts[0].Ruled || ts[0].Cols != 4 {
		t.Fatalf("tables %v", ts)
	}
	want := []string{
		`[0+1 "TT"][1+1 "Noi dung"][2+1 "Trach nhiem"][3+1 "Thoi gian"]`,
		`[0+1 "1"][1+1 "Giai dap vuong mac cua nguoi dan"][2+1 "So Cong Thuong"][3+1 "Thang 3"]`,
		`[0+1 "2"][1+1 "Tuyen truyen"][2+1 "So Y te"][3+1 "Thang 4"]`,
	}
	if len(ts[0].Rows) != len(want) {
		t.Fatalf("%d rows", len(ts[0].Rows))
	}
	for i, w := range want {
		if got := rowString(ts[0].Rows[i]); got != w {
			t.Errorf("row %d:\n got %s\nwant %s", i, got, w)
		}
	}
	if p := paras(doc); len(p) != 5 {
		t.Errorf("body paragraphs %q", p)
	}
}

// TestTurnedText reads text drawn in other directions and through forms.
func TestTurnedText(t *testing.T) {
	cases := []struct {
		name, content, form, want string
	}{
		{"vertical label runs up", "BT /F1 12 Tf 0 1 -1 0 500 200 Tm (Ghi chu) Tj ET\n", "", "Ghi chu"},
		{"vertical label runs down", "BT /F1 12 Tf 0 -1 1 0 500 300 Tm (Thoi gian) Tj ET\n", "", "Thoi gian"},
		{"upside down", "BT /F1 12 Tf -1 0 0 -1 300 200 Tm (Dao nguoc) Tj ET\n", "", "Dao nguoc"},
		{"form XObject, drawing itself again", "/Fm1 Do\n", textAt(72, 300, 12, false, "Trong bieu mau"), "Trong bieu mau"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Read(testPDFForm([]string{body(700) + c.content}, "", c.form))
			if err != nil {
				t.Fatal(err)
			}
			got := paras(doc)
			if !slices.Contains(got, c.want) {
				t.Errorf("no %q in %q", c.want, got)
			}
		})
	}
}
