package draft

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestTemplatePlaceholders keeps the templates and the code in step: a
// placeholder lost while editing a template in Word fails here, one the
// code does not fill fails every drafting test.
func TestTemplatePlaceholders(t *testing.T) {
	common := []string{"chu_quan.dong", "co_quan", "ky_hieu", "dia_danh", "ngay", "thang", "nam", "ke_hoach",
		"ve_noi_dung", "ten_co_quan", "noi_bao_cao", "nam_bao_cao", "noi_nhan.dong", "ky.dong", "nguoi_ky"}
	want := map[string][]string{
		"reminder.docx": append([]string{"kinh_gui", "nhan.dong", "han_bao_cao", "tinh_hinh.doan", "nhom.ten",
			"nv.stt", "nv.noi_dung", "nv.vai_tro", "nv.thoi_han", "nv.tinh_hinh", "doi_tuong", "han_tra_loi"}, common...),
		"summary.docx": append([]string{"ngay_tinh_den", "bc.doan", "dv.stt", "dv.ten", "dv.bao_cao", "dv.tong",
			"dv.hoan_thanh", "dv.dang_thuc_hien", "dv.chua_thuc_hien", "dv.chua_bao_cao", "dv.qua_han",
			"tong_tong", "tong_hoan_thanh", "tong_dang_thuc_hien", "tong_chua_thuc_hien", "tong_chua_bao_cao",
			"tong_qua_han", "kq.doan", "tt.stt", "tt.ten", "tt.so", "tt.ty_le", "tong_ty_le", "qh_doan.doan",
			"if qua_han", "qh.stt", "qh.noi_dung", "qh.chu_tri", "qh.thoi_han", "qh.tinh_hinh", "end qua_han",
			"cbc.doan", "kn.doan"}, common...),
	}
	for name, w := range want {
		got, err := placeholders(name)
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(got)
		sort.Strings(w)
		if strings.Join(got, " ") != strings.Join(w, " ") {
			t.Errorf("%s placeholders:\n got %v\nwant %v", name, got, w)
		}
	}
}

// templatePart returns a part of an embedded template.
func templatePart(t *testing.T, name, part string) string {
	t.Helper()
	data, err := templates.ReadFile("templates/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return zipPart(t, data, part)
}

func zipPart(t *testing.T, data []byte, part string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(part)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	pgSzRe  = regexp.MustCompile(`<w:pgSz w:w="(\d+)" w:h="(\d+)"`)
	pgMarRe = regexp.MustCompile(`<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"`)
	szRe    = regexp.MustCompile(`<w:sz w:val="(\d+)"/>`)
	fontRe  = regexp.MustCompile(`<w:rFonts [^>]*w:ascii="([^"]+)"[^>]*w:hAnsi="([^"]+)"`)
)

// TestTemplateFormat checks the page and the fonts Nghị định 30 sets: A4,
// margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm, Times
// New Roman, body 13–14 pt (tables, quốc hiệu and trích yếu from 12,
// "Nơi nhận" lines 11).
func TestTemplateFormat(t *testing.T) {
	mm := func(twips string) float64 { n, _ := strconv.Atoi(twips); return float64(n) * 25.4 / 1440 }
	for _, name := range []string{"reminder.docx", "summary.docx"} {
		doc := templatePart(t, name, "word/document.xml")
		if m := pgSzRe.FindStringSubmatch(doc); m == nil || m[1] != "11906" || m[2] != "16838" {
			t.Errorf("%s: page %v, want A4 11906×16838", name, m)
		}
		m := pgMarRe.FindStringSubmatch(doc)
		if m == nil {
			t.Fatalf("%s: no page margins", name)
		}
		top, right, bottom, left := mm(m[1]), mm(m[2]), mm(m[3]), mm(m[4])
		if top < 19.9 || top > 25.1 || bottom < 19.9 || bottom > 25.1 || left < 29.9 || left > 35.1 || right < 14.9 || right > 20.1 {
			t.Errorf("%s: margins top %.1f right %.1f bottom %.1f left %.1f mm", name, top, right, bottom, left)
		}
		styles := templatePart(t, name, "word/styles.xml")
		if f := fontRe.FindStringSubmatch(styles); f == nil || f[1] != "Times New Roman" || f[2] != "Times New Roman" {
			t.Errorf("%s: default font %v, want Times New Roman", name, f)
		}
		for _, part := range []string{doc, styles} {
			for _, s := range szRe.FindAllStringSubmatch(part, -1) {
				half, _ := strconv.Atoi(s[1])
				if half != 4 && (half < 22 || half > 28) { // 2 pt: the rule lines' empty paragraphs
					t.Errorf("%s: font size %g pt", name, float64(half)/2)
				}
			}
		}
		if !strings.Contains(styles, `w:styleId="VBNoiDung"`) || !regexp.MustCompile(`<w:rPrDefault><w:rPr>.*<w:sz w:val="28"/>`).MatchString(styles) {
			t.Errorf("%s: body style or 14 pt default missing", name)
		}
	}
}

// checkWellFormed parses a drafted document's main part: Word refuses a
// file whose XML is broken, and a placeholder left over is a bug.
func checkWellFormed(t *testing.T, data []byte) {
	t.Helper()
	doc := zipPart(t, data, "word/document.xml")
	dec := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml is not well-formed: %v", err)
		}
	}
	if i := strings.Index(doc, "{{"); i >= 0 {
		t.Errorf("placeholder left: %s", doc[i:min(len(doc), i+40)])
	}
	if strings.Contains(doc, "<w:t><w:br/>") || regexp.MustCompile(`<w:t[^>]*>[^<]*<w:br/>`).MatchString(doc) {
		t.Errorf("a line break inside w:t")
	}
}

func TestJoinSplitPlaceholders(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"whole", `<w:r><w:t>{{nv.stt}}</w:t></w:r>`, `<w:r><w:t>{{nv.stt}}</w:t></w:r>`},
		{"split by Word", `<w:r><w:t>{{nv.</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>stt}}</w:t></w:r>`,
			`<w:r><w:t>{{nv.stt}}</w:t></w:r>`},
		{"braces split", `<w:r><w:t>Số: {</w:t></w:r><w:r><w:t>{ky_hieu}} xong</w:t></w:r>`, `<w:r><w:t>Số: {{ky_hieu}} xong</w:t></w:r>`},
		{"not a placeholder", `<w:r><w:t>{a</w:t></w:r><w:r><w:t>b}}</w:t></w:r>`, `<w:r><w:t>{a</w:t></w:r><w:r><w:t>b}}</w:t></w:r>`},
		{"across paragraphs", `<w:p><w:r><w:t>{{ngay</w:t></w:r></w:p><w:p><w:r><w:t>}}</w:t></w:r></w:p>`,
			`<w:p><w:r><w:t>{{ngay</w:t></w:r></w:p><w:p><w:r><w:t>}}</w:t></w:r></w:p>`},
		{"condition", `<w:t>{{if </w:t></w:r><w:r><w:t>qua_han}}</w:t>`, `<w:t>{{if qua_han}}</w:t>`},
	}
	for _, c := range cases {
		if got := joinSplitPlaceholders(c.in); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

func TestFill(t *testing.T) {
	xml := `<w:body><w:p><w:r><w:t>{{a}}</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{g.ten}}</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>{{r.x}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:t>{{if c}}</w:t></w:r></w:p><w:p><w:r><w:t>kept?</w:t></w:r></w:p><w:p><w:r><w:t>{{end c}}</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>{{l.dong}}</w:t></w:r></w:p></w:body>`
	fill := func(keep bool) *filling {
		f := newFilling()
		f.set("a", "A & <B>\nC")
		f.rows = append(f.rows, repeat{[]string{"g", "r"}, []item{
			{"g", map[string]string{"ten": "I. Nhóm"}}, {"r", map[string]string{"x": "1"}}, {"r", map[string]string{"x": "2"}},
		}})
		f.cond["c"] = keep
		f.lines("l", "dong", nil)
		return f
	}
	got, err := fill(true).fill(xml)
	if err != nil {
		t.Fatal(err)
	}
	want := `<w:body><w:p><w:r><w:t>A &amp; &lt;B&gt;</w:t><w:br/><w:t xml:space="preserve">C</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>I. Nhóm</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:t>kept?</w:t></w:r></w:p></w:body>`
	if got != want {
		t.Errorf("fill:\n got %s\nwant %s", got, want)
	}
	got, err = fill(false).fill(xml)
	if err != nil || strings.Contains(got, "kept?") {
		t.Errorf("a false condition keeps its paragraphs: %s, %v", got, err)
	}

	f := fill(true)
	delete(f.values, "a")
	if _, err := f.fill(xml); err == nil || !strings.Contains(err.Error(), "no value for placeholders a") {
		t.Errorf("missing value: %v", err)
	}
	f = fill(true)
	f.paras = append(f.paras, repeat{[]string{"khong_co"}, nil})
	if _, err := f.fill(xml); err == nil || !strings.Contains(err.Error(), "khong_co") {
		t.Errorf("missing block: %v", err)
	}
}

func TestRunText(t *testing.T) {
	cases := []struct{ in, want string }{
		{`R&D "2%" <GRDP>`, `R&amp;D &quot;2%&quot; &lt;GRDP&gt;`},
		{"a\tb", `a</w:t><w:tab/><w:t xml:space="preserve">b`},
		{"a\x00\x0bb", "ab"}, // not allowed in XML 1.0
		{"Đ", "Đ"},
	}
	for _, c := range cases {
		if got := runText(c.in); got != c.want {
			t.Errorf("runText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzJoinSplitPlaceholders(f *testing.F) {
	f.Add(`<w:r><w:t>{{nv.</w:t></w:r><w:r><w:t>stt}}</w:t></w:r>`)
	f.Add(`<w:p><w:r><w:t>{{</w:t></w:r></w:p>{{a}}<`)
	f.Add(`{<x>{<y>if a}}`)
	f.Fuzz(func(t *testing.T, in string) {
		if !balancedTags(in) {
			t.Skip("not markup: a document part never holds a bare < or >")
		}
		out := joinSplitPlaceholders(in)
		// Only markup goes: the text a reader sees is unchanged, and a
		// second pass finds nothing more to join.
		if stripTags(out) != stripTags(in) {
			t.Errorf("text changed: %q → %q", in, out)
		}
		if again := joinSplitPlaceholders(out); again != out {
			t.Errorf("not idempotent: %q → %q → %q", in, out, again)
		}
	})
}

// balancedTags reports whether every < of s opens a tag that a > closes
// before the next <, and no > stands outside a tag.
func balancedTags(s string) bool {
	in := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			if in {
				return false
			}
			in = true
		case '>':
			if !in {
				return false
			}
			in = false
		}
	}
	return !in
}
