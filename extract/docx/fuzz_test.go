package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"vanban/extract/layout"
	"vanban/internal/sharedtest"
)

// FuzzRead feeds arbitrary bytes to the reader, seeded with the corpus
// files and small hand-made packages: it must never panic, and every
// error must wrap one of layout's sentinels.
func FuzzRead(f *testing.F) {
	shared := sharedtest.Dir(f)
	files, _ := filepath.Glob(filepath.Join(shared, "corpus", "*.docx"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Add(zipOf(f, map[string]string{"word/document.xml": docOpen + p(r("a")) + docClose}))
	f.Add(docxOf(f, tbl("", grid3,
		tr(`<w:tblHeader/><w:gridBefore w:val="1"/>`, tc(`<w:vMerge w:val="restart"/><w:gridSpan w:val="2"/>`, p(r("x")+textBox(p(r("b")))))),
		tr("", tc(`<w:vMerge/>`, p(field("PAGE", "1")))), tr("", tc(`<w:hMerge/>`, p("")))),
		map[string]string{"word/numbering.xml": testNumbering, "word/styles.xml": testStyles}))
	f.Add(docxOf(f, numbered("1", 0, "a")+numbered("1", 2, "b"), map[string]string{"word/numbering.xml": testNumbering}))
	sentinels := []error{layout.ErrEmpty, layout.ErrNotZip, layout.ErrNoDocument, layout.ErrTooLarge,
		layout.ErrMalformed, layout.ErrEncrypted, layout.ErrUnsupported}
	lim := DefaultLimits.withDefaults()
	lim.MaxDocument = 8 << 20 // keep each input cheap
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := read(data, lim) // without recover, so panics show
		if err != nil {
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		for _, b := range doc.Blocks {
			if (b.Para == nil) == (b.Table == nil) {
				t.Fatal("block with neither or both of Para and Table")
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for _, c := range r.Cells {
						if c.Span < 1 || c.Col < 0 || c.Col+c.Span > b.Table.Cols {
							t.Fatalf("cell off the grid: col %d span %d of %d", c.Col, c.Span, b.Table.Cols)
						}
					}
				}
			}
		}
	})
}

// FuzzParts fuzzes the XML parts themselves, packed into a zip after
// mutation, which reaches the XML walk far more often than mutating
// deflated bytes does.
func FuzzParts(f *testing.F) {
	full := tbl(`<w:tblStyle w:val="Luoi"/>`, grid3,
		tr(`<w:tblHeader/><w:gridBefore w:val="1"/>`, tc(`<w:vMerge w:val="restart"/><w:gridSpan w:val="2"/>`, p(r("x")+textBox(p(r("b")))))),
		tr("", tc(`<w:vMerge/>`, p(field("PAGE", "1")))), tr("", tc(`<w:hMerge/>`, numbered("1", 1, "")))) +
		`<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="2"/><w:numId w:val="4"/></w:numPr></w:pPr>` +
		`<w:r><w:rPr><w:rStyle w:val="Strong"/><w:rFonts w:hAnsi=".VnTime"/></w:rPr><w:t>KÕ</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>`
	f.Add([]byte(docOpen+full+docClose), []byte(testStyles), []byte(testNumbering))
	f.Add([]byte(docOpen+p(r("a"))+docClose), []byte{}, []byte{})
	f.Add([]byte(docOpen+`<w:del>`+p(r("a"))+`</w:del><mc:AlternateContent><mc:Choice>`+p(r("c"))+`</mc:Choice><mc:Fallback>`+p(r("f"))+`</mc:Fallback></mc:AlternateContent>`+docClose),
		[]byte(`<w:styles><w:style w:styleId="a"/><w:style w:styleId="b"><w:basedOn w:val="b"/></w:style>`), []byte(`<w:numbering/>`))
	f.Fuzz(func(t *testing.T, doc, styles, numbering []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, data := range map[string][]byte{"word/document.xml": doc, "word/styles.xml": styles, "word/numbering.xml": numbering} {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
		}
		zw.Close()
		if _, err := read(buf.Bytes(), DefaultLimits); err != nil && !errors.Is(err, layout.ErrMalformed) {
			t.Fatalf("unexpected error: %v", err)
		}
	})
}
