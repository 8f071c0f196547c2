package pdf

import (
	"bytes"
	"fmt"
	"strings"
)

// testPDF writes a small PDF: one page per content stream, A4, font F1 a
// WinAnsi Helvetica whose glyphs are all 500 units wide (600 for F2, a
// bold one), optional extra trailer entries.
func testPDF(contents []string, trailerExtra string) []byte {
	return testPDFForm(contents, trailerExtra, "")
}

// testPDFForm is testPDF with a form XObject /Fm1 drawing form (with
// matrix 1 0 0 1 0 -100 and the page's fonts) when form is not empty.
func testPDFForm(contents []string, trailerExtra, form string) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	widths := strings.TrimSpace(strings.Repeat("500 ", 95))
	n := len(contents)
	// 1 catalog, 2 pages, 3 font F1, 4 font F2, then page i at 5+2i, content 6+2i.
	obj("<</Type/Catalog/Pages 2 0 R>>")
	var kids []string
	for i := range contents {
		kids = append(kids, fmt.Sprintf("%d 0 R", 5+2*i))
	}
	obj(fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), n))
	obj(fmt.Sprintf("<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding/FirstChar 32/LastChar 126/Widths[%s]>>", widths))
	obj(fmt.Sprintf("<</Type/Font/Subtype/Type1/BaseFont/Helvetica-Bold/Encoding/WinAnsiEncoding/FirstChar 32/LastChar 126/Widths[%s]>>", strings.ReplaceAll(widths, "500", "600")))
	formID := 5 + 2*n
	xobj := ""
	if form != "" {
		xobj = fmt.Sprintf("/XObject<</Fm1 %d 0 R>>", formID)
	}
	for i, c := range contents {
		obj(fmt.Sprintf("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R/F2 4 0 R>>%s>>/Contents %d 0 R>>", xobj, 6+2*i))
		obj(fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(c)+1, c))
	}
	if form != "" {
		obj(fmt.Sprintf("<</Type/XObject/Subtype/Form/BBox[0 0 595 842]/Matrix[1 0 0 1 0 -100]/Resources<</Font<</F1 3 0 R>>/XObject<</Fm1 %d 0 R>>>>/Length %d>>\nstream\n%s /Fm1 Do\nendstream", formID, len(form)+9, form))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, trailerExtra, xref)
	return b.Bytes()
}

// textAt returns content-stream text showing s at (x, y) in PDF user
// space with font F1 (or F2 when bold) at size.
func textAt(x, y, size float64, bold bool, s string) string {
	f := "F1"
	if bold {
		f = "F2"
	}
	s = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s)
	return fmt.Sprintf("BT /%s %g Tf %g %g Td (%s) Tj ET\n", f, size, x, y, s)
}

// rawPDF writes objects 1..n as given (catalog first) with a correct
// cross-reference table.
func rawPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// streamObj writes a stream object body.
func streamObj(dict, data string) string {
	return fmt.Sprintf("<<%s/Length %d>>\nstream\n%s\nendstream", dict, len(data), data)
}
