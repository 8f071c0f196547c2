package ocr

import (
	"image"
	"math"
	"strings"
	"testing"
)

const tsvSample = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
	"1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n" +
	"4\t1\t1\t1\t1\t0\t100\t200\t400\t42\t-1\t\n" +
	"5\t1\t1\t1\t1\t1\t100\t205\t80\t33\t96.5\tTriển\n" +
	"5\t1\t1\t1\t1\t2\t190\t204\t60\t32\t91\tkhai\n" +
	"5\t1\t1\t1\t1\t3\t260\t204\t10\t32\t12\t \n" +
	"5\t1\t1\t1\tx\t4\t260\t204\t10\t32\t12\tbad\n"

func TestParseTSV(t *testing.T) {
	words, err := parseTSV([]byte(tsvSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(words) != 2 {
		t.Fatalf("%d words, want 2: %+v", len(words), words)
	}
	w := words[0]
	if w.text != "Triển" || w.left != 100 || w.w != 80 || w.conf != 96.5 || w.lineTop != 200 || w.lineBottom != 242 {
		t.Errorf("word %+v", w)
	}
	if _, err := parseTSV([]byte("Triển khai\n")); err != ErrTSV {
		t.Errorf("plain text: %v, want ErrTSV", err)
	}
}

func FuzzParseTSV(f *testing.F) {
	f.Add([]byte(tsvSample))
	f.Add([]byte("level\tpage_num\tblock_num\n5\t1\t1\t1\t1\t1\t-5\t0\t1\t1\t99\tx\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		words, err := parseTSV(data)
		if err != nil {
			return
		}
		for _, w := range words {
			if w.w <= 0 || w.h <= 0 || w.conf < 0 || w.conf > 100 || w.text == "" {
				t.Fatalf("bad word %+v", w)
			}
		}
	})
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ÐỒNG", "ĐỒNG"},
		{"2026 —- 2030", "2026 – 2030"},
		{"|", ""},
		{"____", ""},
		{"hoà", "hòa"},
	} {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSplitGlued(t *testing.T) {
	l := theLexicon()
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"thựchiện", []string{"thực", "hiện"}},
		{"2024của", []string{"2024", "của"}},
		{"ngành,đơn", []string{"ngành,", "đơn"}},
		{"hiện", nil},
		{"UBND", nil},
	} {
		got := l.splitGlued(tc.in)
		if len(got) != len(tc.want) || len(got) > 0 && (got[0] != tc.want[0] || got[1] != tc.want[1]) {
			t.Errorf("splitGlued(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestJoinNumerals(t *testing.T) {
	ws := joinNumerals([]Word{{Text: "VI", X0: 0, X1: 10, Size: 12, Line: 1}, {Text: "II.", X0: 12, X1: 20, Size: 12, Line: 1}, {Text: "PHÁT", X0: 25, X1: 50, Size: 12, Line: 1}})
	if len(ws) != 2 || ws[0].Text != "VIII." {
		t.Errorf("%+v", ws)
	}
}

// page draws a white page with a ruled 3×3 grid and a few short
// vertical strokes (tall letters) outside it.
func page(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	line := func(x0, y0, x1, y1 int) {
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				g.Pix[y*g.Stride+x] = 0
			}
		}
	}
	for _, y := range []int{300, 500, 700, 900} {
		line(200, y, 2200, y+2)
	}
	for _, x := range []int{200, 500, 1500, 2200} {
		line(x, 300, x+2, 902)
	}
	for x := 300; x < 1200; x += 40 { // letters: short strokes above the table
		line(x, 150, x+3, 200)
	}
	return g
}

func TestRulings(t *testing.T) {
	bm := binarize(page(2400, 1200), 128)
	hs, vs := findRulings(bm, 300)
	if len(hs) != 4 || len(vs) != 4 {
		t.Fatalf("%d horizontal, %d vertical rulings; want 4 and 4", len(hs), len(vs))
	}
	if y := hs[1].mid(); math.Abs(y-501) > 1 {
		t.Errorf("second ruling at %.1f, want 501", y)
	}
}

func TestDeskew(t *testing.T) {
	g := rotate(page(2400, 1200), -1.5)
	s := estimateSkew(binarize(g, 128))
	if math.Abs(s-1.5) > 0.1 {
		t.Errorf("skew %.2f, want 1.5", s)
	}
	fixed := rotate(g, s)
	hs, vs := findRulings(binarize(fixed, 128), 300)
	if len(hs) != 4 || len(vs) != 4 {
		t.Errorf("after deskew: %d horizontal, %d vertical rulings; want 4 and 4", len(hs), len(vs))
	}
}

// TestFixMarks holds the context rule of tone-mark repair: both
// neighbours, or the next one alone, or the previous one alone where
// punctuation closes the phrase; a line's last word keeps its reading.
func TestFixMarks(t *testing.T) {
	l := theLexicon()
	for _, tc := range []struct {
		prev, core, next string
		closed           bool
		want             string
	}{
		{"chuyển", "đối", "số", false, "đổi"}, // both sides
		{"", "Tố", "chức", false, "Tổ"},       // the next side alone
		{"", "bố", "sung", false, "bổ"},
		{"sửa", "đối", "", true, "đổi"},      // closed by punctuation
		{"kế", "hoạch", "", false, "hoạch"},  // right as read
		{"hoạch", "Thúc", "", false, "Thúc"}, // a line's end: "thực hiện" is no reason
		{"", "tổ", "", false, "tổ"},          // no context at all
	} {
		if got := l.fixMarks(tc.prev, tc.core, tc.next, tc.closed); got != tc.want {
			t.Errorf("fixMarks(%q, %q, %q, %v) = %q, want %q", tc.prev, tc.core, tc.next, tc.closed, got, tc.want)
		}
	}
}

func TestSplitCaseBreak(t *testing.T) {
	l := theLexicon()
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"quảCơsở", []string{"quả", "Cơ", "sở"}},
		{"16/KH-UBNDngày", []string{"16/KH-UBND", "ngày"}},
		{"VNeID", nil},
		{"eKYC", nil},
		{"Ngày", nil},
		{"UBND", nil},
		{"nghệ:", nil},
		{"Aễ:", nil},
	} {
		got := l.splitGlued(tc.in)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("splitGlued(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFixAcronym(t *testing.T) {
	l := theLexicon()
	for in, want := range map[string]string{
		"LLHC": "TTHC", // both Ts lost their foot
		"TTHC": "TTHC",
		"UBND": "UBND",
		"XYZW": "XYZW", // unknown, no confusion makes it known
		"Tổ":   "Tổ",
	} {
		if got := l.fixAcronym(in); got != want {
			t.Errorf("fixAcronym(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzSplitGlued: any word OCR gives is split without a panic, and the
// parts put together are the word again.
func FuzzSplitGlued(f *testing.F) {
	for _, s := range []string{"quảCơsở", "16/KH-UBNDngày", "ngành,đơn", "Aễ:", "2024của", "LLHC"} {
		f.Add(s)
	}
	l := theLexicon()
	f.Fuzz(func(t *testing.T, w string) {
		parts := l.splitGlued(w)
		if parts != nil && strings.Join(parts, "") != w {
			t.Fatalf("splitGlued(%q) = %q", w, parts)
		}
		l.fixAcronym(w)
	})
}
