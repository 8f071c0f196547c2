package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"strings"
	"testing"
	"time"

	"vanban/extract/layout"
)

const font1 = "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>"

// TestHostile reads files built to make a reader loop or blow up: each
// must finish quickly with the pages it can read or an error.
func TestHostile(t *testing.T) {
	page := func(parent, contents string) string {
		return "<</Type/Page/Parent " + parent + "/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R>>/XObject<</X 6 0 R>>>>/Contents " + contents + ">>"
	}
	text := body(700)
	var bomb bytes.Buffer
	zw := zlib.NewWriter(&bomb)
	zw.Write([]byte(text))
	zw.Write(make([]byte, 8<<20)) // 8 MiB of NULs after the text
	zw.Close()
	cases := []struct {
		name     string
		data     []byte
		opt      Options
		want     error // nil: a document
		warnings bool
	}{
		{"page tree that contains itself", rawPDF(
			"<</Type/Catalog/Pages 2 0 R>>",
			"<</Type/Pages/Kids[2 0 R 4 0 R 2 0 R]/Count 99999>>",
			font1,
			page("2 0 R", "5 0 R"),
			streamObj("", text),
		), Options{}, nil, false},
		{"page that is its own parent", rawPDF(
			"<</Type/Catalog/Pages 2 0 R>>",
			"<</Type/Pages/Kids[4 0 R]/Count 1/Parent 2 0 R>>",
			font1,
			page("4 0 R", "5 0 R"),
			streamObj("", text),
		), Options{}, nil, false},
		{"form that draws itself", rawPDF(
			"<</Type/Catalog/Pages 2 0 R>>",
			"<</Type/Pages/Kids[4 0 R]/Count 1>>",
			font1,
			page("2 0 R", "5 0 R"),
			streamObj("", text+"/X Do /X Do"),
			streamObj("/Type/XObject/Subtype/Form/BBox[0 0 9 9]/Resources<</XObject<</X 6 0 R>>>>", "/X Do /X Do /X Do"),
		), Options{}, nil, false},
		{"deflate bomb content", rawPDF(
			"<</Type/Catalog/Pages 2 0 R>>",
			"<</Type/Pages/Kids[4 0 R]/Count 1>>",
			font1,
			page("2 0 R", "5 0 R"),
			streamObj("/Filter/FlateDecode", bomb.String()),
		), Options{MaxStreamBytes: 1 << 20}, nil, true},
		{"unknown filter", rawPDF(
			"<</Type/Catalog/Pages 2 0 R>>",
			"<</Type/Pages/Kids[4 0 R]/Count 1>>",
			font1,
			page("2 0 R", "5 0 R"),
			streamObj("/Filter/JBIG2Decode", text),
		), Options{}, layout.ErrNoText, true},
		{"unbalanced q and Q, BT without ET", rawPDF(
			"<</Type/Catalog/Pages 2 0 R>>",
			"<</Type/Pages/Kids[4 0 R]/Count 1>>",
			font1,
			page("2 0 R", "5 0 R"),
			streamObj("", strings.Repeat("q ", 5000)+"BT BT "+text+strings.Repeat("Q ", 9000)+"ET ET (x) Tj ] >> )"),
		), Options{}, nil, false},
		{"page count cap", testPDF([]string{text, text, text}, ""), Options{MaxPages: 2}, nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			doc, err := ReadOptions(c.data, c.opt)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if c.want != nil {
				if !errors.Is(err, c.want) {
					t.Fatalf("got %v, want %v", err, c.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(paras(doc)) == 0 {
				t.Errorf("no text read")
			}
			if c.warnings != (len(doc.Warnings) > 0) {
				t.Errorf("warnings %q", doc.Warnings)
			}
		})
	}
}
