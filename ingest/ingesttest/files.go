package ingesttest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"time"

	"vanban/extract/layout"
)

func timeMonth(m int) time.Month { return time.Month(m) }

var numberRe = regexp.MustCompile(`Số:\s*\d*\s*/`)

// Variant returns a distinct document made from a DOCX: the number in its
// "Số: …/" line becomes n (a draft becomes numbered) and a marker naming
// n goes into its first paragraph, so that each variant is a document of
// its own with its own content. The rest of the package is copied as is.
func Variant(docx []byte, n int) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			if err := zw.Copy(f); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		done := false
		body = numberRe.ReplaceAllFunc(body, func(m []byte) []byte {
			if done {
				return m
			}
			done = true
			return []byte(fmt.Sprintf("Số: %d/", n))
		})
		body = bytes.Replace(body, []byte("<w:t>"), []byte(fmt.Sprintf("<w:t>(bản %d) ", n)), 1)
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(body); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Bad is a file no extractor can read, with the sentinel it must fail
// with (Alt: another acceptable one, for readers that judge differently).
type Bad struct {
	Name string
	Data []byte
	Err  error
	Alt  error
}

// BadFiles returns files that must fail, each for its own reason. docx is
// a valid DOCX to damage.
func BadFiles(docx []byte) []Bad {
	var noDoc bytes.Buffer
	zw := zip.NewWriter(&noDoc)
	w, _ := zw.Create("word/other.xml")
	w.Write([]byte("<x/>"))
	zw.Close()
	return []Bad{
		{Name: "rong.docx", Data: nil, Err: layout.ErrEmpty},
		{Name: "khong-phai-docx.docx", Data: []byte("Đây là văn bản thường, không phải DOCX.\n"), Err: layout.ErrNotZip},
		{Name: "hong.docx", Data: docx[:len(docx)/2], Err: layout.ErrMalformed, Alt: layout.ErrNotZip},
		{Name: "thieu-noi-dung.docx", Data: noDoc.Bytes(), Err: layout.ErrNoDocument},
		{Name: "quet.pdf", Data: ScannedPDF(), Err: layout.ErrNoText, Alt: layout.ErrUnsupported},
	}
}

// ScannedPDF returns a well-formed one-page PDF whose page is only an
// image: no font, no text layer.
func ScannedPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
		stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", "\x80"),
		stream("", "q 595 0 0 842 0 0 cm /Im1 Do Q"),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}
