package docgen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// Page geometry in twips (1/20 pt), shared with the PDF writer: A4 with
// the margins Nghị định 30 gives (top and bottom 2 cm, left 3 cm, right
// 1.5 cm); landscape pages keep 2 cm all round.
const (
	a4Short = 11906
	a4Long  = 16838
)

type margins struct{ top, right, bottom, left int }

func pageMargins(landscape bool) margins {
	if landscape {
		return margins{1134, 1134, 1134, 1134}
	}
	return margins{1134, 850, 1134, 1701}
}

// textWidth returns the width between the margins, in twips.
func textWidth(landscape bool) int {
	m := pageMargins(landscape)
	if landscape {
		return a4Long - m.left - m.right
	}
	return a4Short - m.left - m.right
}

// colWidths scales the table's relative widths to total (any unit), the
// last column taking the rounding remainder.
func (t *Table) colWidths(total float64) []float64 {
	ws := make([]float64, t.Cols)
	sum := 0.0
	for i := range ws {
		ws[i] = 1
		if t.Widths != nil {
			ws[i] = t.Widths[i]
		}
		sum += ws[i]
	}
	for i := range ws {
		ws[i] = ws[i] / sum * total
	}
	return ws
}

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// DOCX writes the document as a Word file.
func (d *Document) DOCX() ([]byte, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	w := &docxWriter{doc: d}
	body := w.body()
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", contentTypes(len(w.nums.order) > 0)},
		{"_rels/.rels", packageRels},
		{"word/_rels/document.xml.rels", documentRels(len(w.nums.order) > 0)},
		{"word/document.xml", body},
		{"word/styles.xml", stylesXML(d.fontSize())},
	}
	if len(w.nums.order) > 0 {
		parts = append(parts, struct{ name, data string }{"word/numbering.xml", numberingXML(w.nums.order)})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		// A fixed time keeps the bytes reproducible.
		h := &zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		f, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write([]byte(p.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// docxWriter builds word/document.xml.
type docxWriter struct {
	doc       *Document
	b         strings.Builder
	nums      counter
	landscape bool // orientation of the section being written
}

func (w *docxWriter) body() string {
	w.landscape = w.doc.firstLandscape()
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	w.b.WriteString(`<w:document xmlns:w="` + wNS + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	for i, b := range w.doc.Blocks {
		if b.NewPage && i > 0 {
			w.pageBreak(b.Landscape)
		}
		if b.Para != nil {
			w.para(*b.Para, w.doc.fontSize())
		} else {
			w.table(b.Table)
		}
	}
	w.b.WriteString(sectPr(w.landscape))
	w.b.WriteString(`</w:body></w:document>`)
	return w.b.String()
}

// pageBreak ends the page; a change of orientation ends the section,
// whose properties Word keeps in its last paragraph.
func (w *docxWriter) pageBreak(landscape bool) {
	if landscape != w.landscape {
		w.b.WriteString(`<w:p><w:pPr>` + sectPr(w.landscape) + `</w:pPr></w:p>`)
		w.landscape = landscape
		return
	}
	w.b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
}

func sectPr(landscape bool) string {
	m := pageMargins(landscape)
	size := fmt.Sprintf(`<w:pgSz w:w="%d" w:h="%d"/>`, a4Short, a4Long)
	if landscape {
		size = fmt.Sprintf(`<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, a4Long, a4Short)
	}
	return fmt.Sprintf(`<w:sectPr><w:type w:val="nextPage"/>%s<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>`,
		size, m.top, m.right, m.bottom, m.left)
}

// para writes one paragraph.
func (w *docxWriter) para(p Para, size float64) {
	if p.Size > 0 {
		size = p.Size
	}
	w.paragraph(p.Text, p.Align, p.Bold, p.Italic, size, "")
}

// paragraph writes a w:p with one run; pPr holds paragraph properties
// that come before the spacing (w:keepNext, w:numPr).
func (w *docxWriter) paragraph(text string, align Align, bold, italic bool, size float64, pPr string) {
	w.b.WriteString(`<w:p><w:pPr>`)
	w.b.WriteString(pPr)
	w.b.WriteString(`<w:spacing w:before="0" w:after="60"/>`)
	w.b.WriteString(`<w:jc w:val="` + [...]string{"left", "center", "right", "both"}[align] + `"/>`)
	w.b.WriteString(`</w:pPr>`)
	if text != "" {
		w.b.WriteString(`<w:r>`)
		w.b.WriteString(runProps(bold, italic, size))
		w.b.WriteString(`<w:t xml:space="preserve">`)
		_ = xml.EscapeText(&w.b, []byte(text))
		w.b.WriteString(`</w:t></w:r>`)
	}
	w.b.WriteString(`</w:p>`)
}

func runProps(bold, italic bool, size float64) string {
	var b strings.Builder
	b.WriteString(`<w:rPr>`)
	if bold {
		b.WriteString(`<w:b/>`)
	}
	if italic {
		b.WriteString(`<w:i/>`)
	}
	fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, halfPoints(size), halfPoints(size))
	b.WriteString(`</w:rPr>`)
	return b.String()
}

func halfPoints(pt float64) int { return int(pt*2 + 0.5) }

// table writes a w:tbl.
func (w *docxWriter) table(t *Table) {
	total := textWidth(w.landscape)
	widths := t.colWidths(float64(total))
	size := t.FontSize
	if size <= 0 {
		size = w.doc.fontSize()
	}
	w.b.WriteString(`<w:tbl><w:tblPr>`)
	fmt.Fprintf(&w.b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/>`, total)
	w.b.WriteString(tableBorders(!t.Borderless))
	w.b.WriteString(`<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`)
	w.b.WriteString(`</w:tblPr><w:tblGrid>`)
	for _, cw := range widths {
		fmt.Fprintf(&w.b, `<w:gridCol w:w="%d"/>`, int(cw))
	}
	w.b.WriteString(`</w:tblGrid>`)
	for r, row := range t.Rows {
		w.b.WriteString(`<w:tr><w:trPr>`)
		if t.KeepRows {
			w.b.WriteString(`<w:cantSplit/>`)
		}
		if row.Header && t.leadingHeader(r) {
			w.b.WriteString(`<w:tblHeader/>`)
		}
		w.b.WriteString(`</w:trPr>`)
		col := 0
		for _, c := range row.Cells {
			cw := 0.0
			for k := col; k < col+c.span(); k++ {
				cw += widths[k]
			}
			w.cell(c, int(cw), size, row.KeepWithNext)
			col += c.span()
		}
		w.b.WriteString(`</w:tr>`)
	}
	w.b.WriteString(`</w:tbl>`)
	// Word needs a paragraph between two tables, else it joins them.
	w.b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>`)
}

// leadingHeader reports whether rows 0..r are all header rows: only those
// repeat on each page.
func (t *Table) leadingHeader(r int) bool {
	for i := 0; i <= r; i++ {
		if !t.Rows[i].Header {
			return false
		}
	}
	return true
}

func tableBorders(ruled bool) string {
	val := `w:val="nil"`
	if ruled {
		val = `w:val="single" w:sz="4" w:space="0" w:color="000000"`
	}
	var b strings.Builder
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` ` + val + `/>`)
	}
	b.WriteString(`</w:tblBorders>`)
	return b.String()
}

// cell writes a w:tc; a merge continuation holds one empty paragraph, as
// Word writes it.
func (w *docxWriter) cell(c Cell, width int, size float64, keepNext bool) {
	w.b.WriteString(`<w:tc><w:tcPr>`)
	fmt.Fprintf(&w.b, `<w:tcW w:w="%d" w:type="dxa"/>`, width)
	if c.span() > 1 {
		fmt.Fprintf(&w.b, `<w:gridSpan w:val="%d"/>`, c.span())
	}
	switch c.VMerge {
	case MergeStart:
		w.b.WriteString(`<w:vMerge w:val="restart"/>`)
	case MergeContinue:
		w.b.WriteString(`<w:vMerge/>`)
	}
	if c.VAlign == Middle {
		w.b.WriteString(`<w:vAlign w:val="center"/>`)
	}
	w.b.WriteString(`</w:tcPr>`)
	if c.VMerge == MergeContinue {
		w.b.WriteString(`<w:p/></w:tc>`)
		return
	}
	paras := c.paragraphs()
	if len(paras) == 0 {
		paras = []string{""}
	}
	for i, p := range paras {
		pPr := ""
		if keepNext {
			pPr = `<w:keepNext/>`
		}
		if i == 0 && c.Number != nil {
			_, id := w.nums.label(c.Number)
			pPr += fmt.Sprintf(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>`, id)
		}
		w.paragraph(p, c.Align, c.Bold, c.Italic, size, pPr)
	}
	w.b.WriteString(`</w:tc>`)
}

func contentTypes(numbering bool) string {
	num := ""
	if numbering {
		num = `<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		num + `</Types>`
}

const packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`</Relationships>`

func documentRels(numbering bool) string {
	num := ""
	if numbering {
		num = `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		num + `</Relationships>`
}

// stylesXML gives the document defaults: Times New Roman at the body size,
// as Vietnamese administrative documents are typed.
func stylesXML(size float64) string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr>`+
		`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>`+
		`<w:sz w:val="%d"/><w:szCs w:val="%d"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>`+
		`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`+
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`+
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>`+
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`+
		`</w:styles>`, wNS, halfPoints(size), halfPoints(size))
}

// numberingXML writes one abstract list and one w:num per List, in order
// of first use (numId = index + 1).
func numberingXML(lists []*List) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:numbering xmlns:w="` + wNS + `">`)
	for i, l := range lists {
		pattern := l.Pattern
		if pattern == "" {
			pattern = "%1."
		}
		fmt.Fprintf(&b, `<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="singleLevel"/>`, i)
		fmt.Fprintf(&b, `<w:lvl w:ilvl="0"><w:start w:val="%d"/><w:numFmt w:val="%s"/><w:lvlText w:val="`, l.start(), l.Format.wordName())
		_ = xml.EscapeText(&b, []byte(pattern))
		b.WriteString(`"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl></w:abstractNum>`)
	}
	for i := range lists {
		fmt.Fprintf(&b, `<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>`, i+1, i)
	}
	b.WriteString(`</w:numbering>`)
	return b.String()
}
