package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"vanban/extract/layout"
)

const docOpen = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml"
 mc:Ignorable="wps"><w:body>`

const docClose = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`

const wNSDecl = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// zipOf builds a zip archive of the named parts.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxOf builds a DOCX whose body is body, with extra parts.
func docxOf(t testing.TB, body string, extra map[string]string) []byte {
	t.Helper()
	parts := map[string]string{"word/document.xml": docOpen + body + docClose}
	for k, v := range extra {
		parts[k] = v
	}
	return zipOf(t, parts)
}

// render writes a Doc compactly: "P:text" for a paragraph, "T<cols>" then
// one "R:"/"H:" line a row for a table, a cell as "<col>+<span>:lines"
// with "~" for a continuation and "[n]" for n nested tables.
func render(doc *layout.Doc) []string {
	var out []string
	for _, b := range doc.Blocks {
		if b.Para != nil {
			out = append(out, "P:"+b.Para.Text)
			continue
		}
		out = append(out, renderTable(b.Table, "")...)
	}
	return out
}

func renderTable(t *layout.Table, indent string) []string {
	ruled := ""
	if t.Ruled {
		ruled = " ruled"
	}
	out := []string{fmt.Sprintf("%sT%d%s", indent, t.Cols, ruled)}
	for _, r := range t.Rows {
		var cells []string
		for _, c := range r.Cells {
			s := fmt.Sprintf("%d+%d:", c.Col, c.Span)
			if c.Continued {
				s += "~"
			}
			s += strings.Join(c.Lines, "/")
			if len(c.Nested) > 0 {
				s += fmt.Sprintf("[%d]", len(c.Nested))
			}
			cells = append(cells, s)
		}
		kind := "R:"
		if r.Header {
			kind = "H:"
		}
		out = append(out, indent+kind+strings.Join(cells, " | "))
	}
	return out
}

func p(runs string) string { return "<w:p>" + runs + "</w:p>" }
func r(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }

func tc(props, content string) string {
	return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + content + "</w:tc>"
}

func tbl(props, grid string, rows ...string) string {
	return "<w:tbl><w:tblPr>" + props + "</w:tblPr><w:tblGrid>" + grid + "</w:tblGrid>" +
		strings.Join(rows, "") + "</w:tbl>"
}

func tr(props string, cells ...string) string {
	return "<w:tr><w:trPr>" + props + "</w:trPr>" + strings.Join(cells, "") + "</w:tr>"
}

const grid3 = `<w:gridCol w:w="1000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/>`

func field(instr, result string) string {
	return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> ` + instr +
		` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r(result) +
		`<w:r><w:fldChar w:fldCharType="end"/></w:r>`
}

func textBox(paras string) string {
	return `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>` +
		`<wps:wsp><wps:txbx><w:txbxContent>` + paras + `</w:txbxContent></wps:txbx></wps:wsp>` +
		`</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>` +
		`<w:txbxContent>` + paras + `</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
}

func TestFeatures(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		extra map[string]string
		want  []string
	}{
		{"runs split inside words", p(r("Kế ho") + `<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="a"/>` +
			r("ạch") + `<w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/>` + r("  số  58")), nil,
			[]string{"P:Kế hoạch số 58"}},
		{"tab and break in body", p(r("a") + `<w:r><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t></w:r>`), nil,
			[]string{"P:a b c d"}},
		{"empty paragraphs dropped", p("") + p(r("  ")) + p(r("x")), nil, []string{"P:x"}},
		{"field keeps its result", p(r("Trang ") + field("PAGE", "5") + r(" của ") + field(`NUMPAGES \* MERGEFORMAT`, "9")), nil,
			[]string{"P:Trang 5 của 9"}},
		{"nested field", p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>` +
			field("DATE", "hidden") + `<w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r("shown") +
			`<w:r><w:fldChar w:fldCharType="end"/></w:r>`), nil, []string{"P:shown"}},
		{"unterminated field ends with its paragraph", p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC</w:instrText></w:r>`) +
			p(r("next")), nil, []string{"P:next"}},
		{"simple field", p(r("Trang ") + `<w:fldSimple w:instr="PAGE">` + r("3") + `</w:fldSimple>`), nil, []string{"P:Trang 3"}},
		{"revisions", p(r("giữ ") + `<w:del w:id="1"><w:r><w:delText>cũ</w:delText></w:r></w:del><w:ins w:id="2">` + r("mới") + `</w:ins>` +
			`<w:moveFrom>` + r(" đi") + `</w:moveFrom><w:moveTo>` + r(" đến") + `</w:moveTo>`), nil,
			[]string{"P:giữ mới đến"}},
		{"deleted paragraph content at block level", `<w:del>` + p(r("xoá")) + `</w:del>` + p(r("còn")), nil, []string{"P:còn"}},
		{"wrappers", `<w:sdt><w:sdtPr><w:alias w:val="Tiêu đề"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>` +
			p(`<w:hyperlink r:id="rId5" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+r("Cổng")+`</w:hyperlink>`+
				`<w:smartTag w:uri="urn:x" w:element="place"><w:smartTagPr/>`+r(" Hải Phòng")+`</w:smartTag>`+
				`<w:sdt><w:sdtPr/><w:sdtContent>`+r(" 2026")+`</w:sdtContent></w:sdt>`+
				`<w:customXml w:element="x">`+r(" ok")+`</w:customXml>`) +
			`</w:sdtContent></w:sdt>`, nil, []string{"P:Cổng Hải Phòng 2026 ok"}},
		{"hidden text dropped", p(r("thấy") + `<w:r><w:rPr><w:vanish/></w:rPr><w:t> ẩn</w:t></w:r>`), nil, []string{"P:thấy"}},
		{"symbols", p(r("Có ") + `<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>` + r(" ") +
			`<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>` + r(" 90%") + `<w:r><w:sym w:font="Webdings" w:char="F021"/><w:sym w:font="Times New Roman" w:char="2013"/></w:r>` +
			`<w:r><w:noBreakHyphen/><w:softHyphen/></w:r>`), nil, []string{"P:Có ✓ ≥ 90%–-"}},
		{"text box after its anchor, read once", p(r("neo")+textBox(p(r("DỰ THẢO")))) + p(r("sau")), nil,
			[]string{"P:neo", "P:DỰ THẢO", "P:sau"}},
		{"fallback when no choice", p(`<w:r><mc:AlternateContent><mc:Fallback><w:t>fb</w:t></mc:Fallback></mc:AlternateContent></w:r>`), nil,
			[]string{"P:fb"}},
		{"drawing text outside text boxes is ignored", p(r("ảnh") + `<w:r><w:drawing><wp:inline><a:graphic><a:graphicData><a:p><a:r><a:t>chart</a:t></a:r></a:p></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`), nil,
			[]string{"P:ảnh"}},
		{"footnote reference and comments dropped", p(r("câu") + `<w:r><w:footnoteReference w:id="1"/></w:r><w:commentRangeStart w:id="0"/>` + r(" tiếp") + `<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`), nil,
			[]string{"P:câu tiếp"}},
		{"table grid, spans, lines", tbl(`<w:tblStyle w:val="TableGrid"/>`, grid3,
			tr(`<w:tblHeader/>`, tc("", p(r("STT"))), tc(`<w:gridSpan w:val="2"/>`, p(r("Nội dung")))),
			tr("", tc("", p(r("1"))), tc("", p(r("dòng một"))+p("")+p(r("dòng")+`<w:r><w:br/></w:r>`+r("hai"))), tc("", p(r("x"))))), nil,
			[]string{"T3 ruled", "H:0+1:STT | 1+2:Nội dung", "R:0+1:1 | 1+1:dòng một/dòng/hai | 2+1:x"}},
		{"grid before and after", tbl("", grid3,
			tr(`<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>`, tc("", p(r("giữa")))),
			tr("", tc(`<w:gridSpan w:val="3"/>`, p(r("cả dòng"))))), nil,
			[]string{"T3", "R:1+1:giữa", "R:0+3:cả dòng"}},
		{"vertical merge", tbl("", grid3,
			tr("", tc(`<w:vMerge w:val="restart"/>`, p(r("1"))), tc("", p(r("a"))), tc(`<w:vMerge w:val="restart"/>`, p(r("Sở A")))),
			tr("", tc(`<w:vMerge/>`, p("")), tc("", p(r("b"))), tc(`<w:vMerge w:val="continue"/>`, p(""))),
			tr("", tc("", p(r("2"))), tc("", p(r("c"))), tc(`<w:vMerge/>`, p("")))), nil,
			[]string{"T3", "R:0+1:1 | 1+1:a | 2+1:Sở A", "R:0+1:~1 | 1+1:b | 2+1:~Sở A", "R:0+1:2 | 1+1:c | 2+1:~Sở A"}},
		{"legacy horizontal merge", tbl("", grid3,
			tr("", tc(`<w:hMerge w:val="restart"/>`, p(r("gộp"))), tc(`<w:hMerge/>`, p("")), tc("", p(r("z"))))), nil,
			[]string{"T3", "R:0+2:gộp | 2+1:z"}},
		{"nested table stays out of the cell's lines", tbl("", `<w:gridCol/><w:gridCol/>`,
			tr("", tc("", p(r("ngoài"))+tbl("", `<w:gridCol/>`, tr("", tc("", p(r("trong")))))+p("")), tc("", p(r("y"))))), nil,
			[]string{"T2", "R:0+1:ngoài[1] | 1+1:y"}},
		{"rows inside content controls", tbl("", `<w:gridCol/>`,
			`<w:sdt><w:sdtPr/><w:sdtContent>`+tr("", tc("", p(r("r1"))))+`</w:sdtContent></w:sdt>`,
			`<w:customXml>`+tr("", `<w:sdt><w:sdtContent>`+tc("", p(r("r2")))+`</w:sdtContent></w:sdt>`)+`</w:customXml>`), nil,
			[]string{"T1", "R:0+1:r1", "R:0+1:r2"}},
		{"grid wider than declared", tbl("", `<w:gridCol/>`, tr("", tc("", p(r("a"))), tc("", p(r("b"))))), nil,
			[]string{"T2", "R:0+1:a | 1+1:b"}},
		{"text box in a cell adds lines", tbl("", `<w:gridCol/>`, tr("", tc("", p(r("ô")+textBox(p(r("hộp"))))))), nil,
			[]string{"T1", "R:0+1:ô/hộp"}},
		{"tab in a cell", tbl("", `<w:gridCol/>`, tr("", tc("", p(r("a")+`<w:r><w:tab/></w:r>`+r("b"))))), nil,
			[]string{"T1", "R:0+1:a b"}},
		{"NFC", p(r("Ke\u0302\u0301 hoa\u0323ch")), nil, []string{"P:Kế hoạch"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(docxOf(t, tt.body, tt.extra))
			if err != nil {
				t.Fatal(err)
			}
			got := render(doc)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

const testNumbering = `<w:numbering ` + wNSDecl + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
 <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
</w:numbering>`

func numbered(numID string, lvl int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%s"/></w:numPr></w:pPr>%s</w:p>`, lvl, numID, r(text))
}

func TestNumberingRender(t *testing.T) {
	stt := func(text string) string {
		return tr("", tc("", numbered("3", 0, "")), tc("", p(r(text))))
	}
	body := numbered("1", 0, "MỤC TIÊU") + numbered("1", 1, "Chung") + numbered("1", 1, "Cụ thể") +
		numbered("1", 2, "thứ nhất") + numbered("1", 2, "thứ hai") + numbered("1", 3, "gạch đầu dòng") +
		numbered("1", 0, "NHIỆM VỤ") + numbered("1", 1, "Một") + numbered("2", 0, "khác") +
		numbered("0", 0, "tắt số") + numbered("99", 0, "danh sách lạ") +
		tbl("", `<w:gridCol/><w:gridCol/>`, stt("việc a"), stt("việc b")) +
		numbered("4", 0, "bắt đầu từ IV")
	doc, err := Read(docxOf(t, body, map[string]string{"word/numbering.xml": testNumbering}))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"P:I. MỤC TIÊU", "P:I.1. Chung", "P:I.2. Cụ thể", "P:a) thứ nhất", "P:b) thứ hai", "P:gạch đầu dòng",
		"P:II. NHIỆM VỤ", "P:II.1. Một", "P:1 khác", "P:tắt số", "P:danh sách lạ",
		"T2", "R:0+1:1 | 1+1:việc a", "R:0+1:2 | 1+1:việc b",
		"P:IV. bắt đầu từ IV",
	}
	if got := render(doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n      int
		format string
		want   string
	}{
		{4, "upperRoman", "IV"}, {1994, "upperRoman", "MCMXCIV"}, {9, "lowerRoman", "ix"},
		{1, "lowerLetter", "a"}, {26, "lowerLetter", "z"}, {27, "lowerLetter", "aa"}, {3, "upperLetter", "C"},
		{7, "decimalZero", "07"}, {12, "decimal", "12"}, {5, "ordinal", "5"}, {0, "upperRoman", "0"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.n, tt.format); got != tt.want {
			t.Errorf("formatNumber(%d, %q) = %q, want %q", tt.n, tt.format, got, tt.want)
		}
	}
}

const testStyles = `<w:styles ` + wNSDecl + `>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:basedOn w:val="Loop1"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="table" w:styleId="Luoi"><w:name w:val="Lưới"/><w:tblPr><w:tblBorders><w:insideH w:val="single"/><w:insideV w:val="single"/><w:top w:val="single"/><w:bottom w:val="single"/></w:tblBorders></w:tblPr></w:style>
</w:styles>`

func TestFormatting(t *testing.T) {
	bold := `<w:r><w:rPr><w:b/></w:rPr><w:t>đậm đậm đậm</w:t></w:r>`
	body := `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>` + r("TIÊU ĐỀ") + `</w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr><w:b w:val="0"/><w:sz w:val="26"/></w:rPr><w:t>không đậm</w:t></w:r></w:p>` +
		p(bold+r(" thường")) +
		p(r("ít ")+bold) +
		p(`<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>kiểu ký tự</w:t></w:r>`) +
		`<w:p><w:pPr><w:pStyle w:val="Loop1"/></w:pPr>` + r("vòng") + `</w:p>` +
		`<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:i w:val="true"/></w:rPr><w:t>nghiêng</w:t></w:r></w:p>`
	doc, err := Read(docxOf(t, body, map[string]string{"word/styles.xml": testStyles}))
	if err != nil {
		t.Fatal(err)
	}
	want := []layout.Para{
		{Text: "TIÊU ĐỀ", Bold: true, Center: true, Size: 16},
		{Text: "không đậm", Center: true, Size: 13},
		{Text: "đậm đậm đậm thường", Bold: true, Size: 14},
		{Text: "ít đậm đậm đậm", Bold: true, Size: 14},
		{Text: "kiểu ký tự", Bold: true, Size: 14},
		{Text: "vòng", Italic: true, Size: 14},
		{Text: "nghiêng", Italic: true, Size: 14},
	}
	ps := paras(doc)
	if len(ps) != len(want) {
		t.Fatalf("%d paragraphs, want %d", len(ps), len(want))
	}
	for i, w := range want {
		if !reflect.DeepEqual(*ps[i], w) {
			t.Errorf("paragraph %d = %+v, want %+v", i, *ps[i], w)
		}
	}
}

func TestRuled(t *testing.T) {
	row := tr("", tc("", p(r("a"))), tc("", p(r("b"))))
	framed := `<w:tcBorders><w:top w:val="single"/><w:left w:val="single"/><w:bottom w:val="single"/><w:right w:val="single"/></w:tcBorders>`
	tests := []struct {
		name   string
		table  string
		styles bool
		want   bool
	}{
		{"no borders", tbl("", "", row), false, false},
		{"table borders nil", tbl(`<w:tblBorders><w:top w:val="nil"/><w:insideH w:val="none"/></w:tblBorders>`, "", row), false, false},
		{"table borders single", tbl(`<w:tblBorders><w:insideH w:val="single"/><w:insideV w:val="single"/><w:top w:val="single"/><w:bottom w:val="single"/></w:tblBorders>`, "", row, row), false, true},
		{"Table Grid without styles.xml", tbl(`<w:tblStyle w:val="TableGrid"/>`, "", row), false, true},
		{"Table Grid with borders removed", tbl(`<w:tblStyle w:val="TableGrid"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>`, "", row), false, false},
		{"style borders", tbl(`<w:tblStyle w:val="Luoi"/>`, "", row, row), true, true},
		{"cells framing themselves", tbl("", "", tr("", tc(framed, p(r("a"))), tc(framed, p(r("b"))))), false, true},
		{"one underlined cell", tbl("", "", tr("", tc(`<w:tcBorders><w:bottom w:val="single"/></w:tcBorders>`, p(r("a"))), tc("", p(r("b"))))), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			extra := map[string]string{}
			if tt.styles {
				extra["word/styles.xml"] = testStyles
			}
			doc, err := Read(docxOf(t, tt.table, extra))
			if err != nil {
				t.Fatal(err)
			}
			if got := tables(doc)[0].Ruled; got != tt.want {
				t.Errorf("Ruled = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPackageVariants(t *testing.T) {
	body := p(r("nội dung"))
	strict := strings.ReplaceAll(docOpen+body+docClose,
		"http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main")
	rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>`
	tests := []struct {
		name  string
		parts map[string]string
	}{
		{"strict namespace", map[string]string{"word/document.xml": strict}},
		{"document named by relationship", map[string]string{"_rels/.rels": rels, "word/document2.xml": docOpen + body + docClose}},
		{"upper-case entry name", map[string]string{"Word/Document.xml": docOpen + body + docClose}},
		{"broken styles are a warning", map[string]string{"word/document.xml": docOpen + body + docClose, "word/styles.xml": "<w:styles"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(zipOf(t, tt.parts))
			if err != nil {
				t.Fatal(err)
			}
			if got := render(doc); len(got) != 1 || got[0] != "P:nội dung" {
				t.Errorf("got %q", got)
			}
		})
	}
}

func TestLegacyFonts(t *testing.T) {
	font := func(name, text string) string {
		return `<w:r><w:rPr><w:rFonts w:ascii="` + name + `" w:hAnsi="` + name + `"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
	}
	vnDefaults := `<w:styles ` + wNSDecl + `><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>`
	tests := []struct {
		name, body string
		extra      map[string]string
		want       string
	}{
		{"TCVN3", p(font(".VnTime", "KÕ ho¹ch")), nil, "P:Kế hoạch"},
		{"VNI split inside a letter", p(font("VNI-Times", "Keá hoa") + font("VNI-Times", "ïch")), nil, "P:Kế hoạch"},
		{"fonts mixed in a paragraph", p(font(".VnTime", "KÕ ho¹ch ") + font("Times New Roman", "số 58")), nil, "P:Kế hoạch số 58"},
		{"font from the document defaults", p(r("KÕ ho¹ch")), map[string]string{"word/styles.xml": vnDefaults}, "P:Kế hoạch"},
		{"Unicode font untouched", p(font("Times New Roman", "KÕ ho¹ch")), nil, "P:KÕ ho¹ch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(docxOf(t, tt.body, tt.extra))
			if err != nil {
				t.Fatal(err)
			}
			if got := render(doc); len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestStylesOtherPrefix checks styles.xml written with another namespace
// prefix, which the byte-scan index does not see.
func TestStylesOtherPrefix(t *testing.T) {
	st := strings.NewReplacer("<w:", "<x:", "</w:", "</x:", " w:", " x:", "xmlns:w=", "xmlns:x=").Replace(testStyles)
	body := `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>` + r("TIÊU ĐỀ") + `</w:p>`
	doc, err := Read(docxOf(t, body, map[string]string{"word/styles.xml": st}))
	if err != nil {
		t.Fatal(err)
	}
	if got := *paras(doc)[0]; !reflect.DeepEqual(got, layout.Para{Text: "TIÊU ĐỀ", Bold: true, Center: true, Size: 16}) {
		t.Errorf("got %+v", got)
	}
}
