package vntext

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vanban/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite the legacy-font fixtures in fixtures/legacy")

// legacyRun is one run of the fixture: its font and its text in Unicode;
// the generator encodes the text in the font's legacy encoding, unless
// enc gives the run's bytes as typed (to split a letter over two runs).
type legacyRun struct{ font, text, enc string }

// legacyParas are the fixture's paragraphs; legacyCell is typed in a
// table cell. Each paragraph's expected reading is the concatenation of
// its runs' text after Text.
var (
	legacyParas = [][]legacyRun{
		{{".VnTimeH", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", ""}},
		{{".VnTimeH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""}},
		{{".VnTime", "Độc lập - Tự do - Hạnh phúc", ""}},
		{{".VnTime", "Kế hoạch thực hiện nhiệm vụ khoa học và công nghệ năm 2026", ""}},
		// A letter whose VNI spelling Word split over two runs.
		{{"VNI-Times", "Sở", "Sô"}, {"VNI-Times", " Khoa học và Công nghệ chủ trì", "û Khoa hoïc vaø Coâng ngheä chuû trì"}},
		// Legacy and Unicode runs in one paragraph.
		{{"Times New Roman", "Thời gian: ", ""}, {".VnTime", "định kỳ hằng năm trước ngày 15/12", ""}},
	}
	legacyCell = legacyRun{".VnTime", "Sở Tài chính; các sở, ban, ngành liên quan", ""}
)

// TestLegacyDocxFixture keeps fixtures/legacy/vntime.docx (a DOCX typed in
// .VnTime, .VnTimeH and VNI-Times fonts) and vntime.txt (its paragraphs in
// Unicode, one per line, the table cell last) in step with this file, and
// checks that Legacy and Text read the DOCX's runs back to vntime.txt.
// Run with -update to rewrite them.
func TestLegacyDocxFixture(t *testing.T) {
	dir := filepath.Join(sharedtest.ModuleRoot(t), "fixtures", "legacy")
	docx, err := legacyDocx()
	if err != nil {
		t.Fatal(err)
	}
	want := legacyExpected()
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "vntime.docx"), docx, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "vntime.txt"), []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	onDisk, err := os.ReadFile(filepath.Join(dir, "vntime.docx"))
	if err != nil {
		t.Fatalf("%v (run go test -run LegacyDocxFixture -update)", err)
	}
	if !bytes.Equal(onDisk, docx) {
		t.Errorf("fixtures/legacy/vntime.docx is stale: run go test -run LegacyDocxFixture -update")
	}
	got, err := readLegacyDocx(onDisk)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("reading vntime.docx\n got %q\nwant %q", got, want)
	}
}

func legacyExpected() string {
	var b strings.Builder
	for _, p := range legacyParas {
		var s string
		for _, r := range p {
			s += r.text
		}
		b.WriteString(Text(s) + "\n")
	}
	b.WriteString(Text(legacyCell.text) + "\n")
	return b.String()
}

// encodeRun spells a run's text in its font's encoding.
func encodeRun(r legacyRun) (string, error) {
	if r.enc != "" {
		return r.enc, nil
	}
	switch FontEncoding(r.font) {
	case EncTCVN3:
		return encodeTCVN3(r.text, false)
	case EncTCVN3Caps:
		return encodeTCVN3(r.text, true)
	case EncVNI:
		return encodeVNI(r.text)
	}
	return r.text, nil
}

// legacyDocx builds the fixture: a minimal WordprocessingML package whose
// zip entries carry a fixed time, so the bytes are reproducible.
func legacyDocx() ([]byte, error) {
	var body strings.Builder
	para := func(runs []legacyRun) error {
		body.WriteString("<w:p>")
		for _, r := range runs {
			enc, err := encodeRun(r)
			if err != nil {
				return err
			}
			body.WriteString(`<w:r><w:rPr><w:rFonts w:ascii="` + r.font + `" w:hAnsi="` + r.font +
				`" w:cs="` + r.font + `"/></w:rPr><w:t xml:space="preserve">`)
			if err := xml.EscapeText(&body, []byte(enc)); err != nil {
				return err
			}
			body.WriteString("</w:t></w:r>")
		}
		body.WriteString("</w:p>")
		return nil
	}
	for _, p := range legacyParas {
		if err := para(p); err != nil {
			return nil, err
		}
	}
	body.WriteString(`<w:tbl><w:tblGrid><w:gridCol w:w="5000"/></w:tblGrid><w:tr><w:tc>`)
	if err := para([]legacyRun{legacyCell}); err != nil {
		return nil, err
	}
	body.WriteString(`</w:tc></w:tr></w:tbl><w:p/>`)

	files := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `<w:sectPr/></w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate,
			Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// readLegacyDocx reads the fixture the way package extract/docx does:
// consecutive text of one font through Legacy, each paragraph through
// Text, one line per paragraph.
func readLegacyDocx(b []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return "", err
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		return "", err
	}
	defer f.Close()
	var out, para, pending strings.Builder
	font := ""
	flush := func() { para.WriteString(Legacy(font, pending.String())); pending.Reset() }
	dec := xml.NewDecoder(f)
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out.String(), nil
		}
		if err != nil {
			return "", err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "rFonts":
				for _, a := range e.Attr {
					if a.Name.Local == "hAnsi" && a.Value != font {
						flush()
						font = a.Value
					}
				}
			case "t":
				inText = true
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "t":
				inText = false
			case "p":
				flush()
				if s := Text(para.String()); s != "" {
					out.WriteString(s + "\n")
				}
				para.Reset()
			}
		case xml.CharData:
			if inText {
				pending.Write(e)
			}
		}
	}
}
