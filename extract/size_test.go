package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"vanban/extract/layout"
)

// TestDocumentSizeCap: a small DOCX that inflates to far more text than
// any plan (the hostile tester's 1.4 MB file with 60 MB of text) fails
// as too large instead of bringing it all back.
func TestDocumentSizeCap(t *testing.T) {
	para := "<w:p><w:r><w:t>" + strings.Repeat("nhiệm vụ chuyển đổi số ", 40) + "</w:t></w:r></w:p>"
	var body strings.Builder
	for body.Len() < MaxText+(1<<20) {
		body.WriteString(para)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`))
	zw.Close()
	if b.Len() > 2<<20 {
		t.Fatalf("the test file is %d bytes; it should be small", b.Len())
	}
	_, err := Bytes(context.Background(), "lon.docx", b.Bytes())
	if !errors.Is(err, layout.ErrTooLarge) {
		t.Errorf("a DOCX with %d MB of text: %v, want ErrTooLarge", body.Len()>>20, err)
	}
}
