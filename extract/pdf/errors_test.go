package pdf

import (
	"errors"
	"os"
	"testing"

	"vanban/extract/layout"
	"vanban/internal/sharedtest"
)

// TestErrors reads inputs that are not readable PDFs: each must give the
// right sentinel error, never a panic.
func TestErrors(t *testing.T) {
	plan := sharedtest.Read(t, "corpus/ke-hoach-58-kh-ubnd-2026.pdf")
	encrypted := func(name string) []byte {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	noPages := testPDF(nil, "")
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, layout.ErrEmpty},
		{"text file", []byte("Kế hoạch số 58/KH-UBND\nnot a PDF at all\n"), layout.ErrNotPDF},
		{"zip (a DOCX named .pdf)", sharedtest.Read(t, "corpus/du-thao-ke-hoach-khcn.docx"), layout.ErrNotPDF},
		{"truncated at half", plan[:len(plan)/2], layout.ErrMalformed},
		{"truncated before the xref", plan[:len(plan)-2000], layout.ErrMalformed},
		{"header only", []byte("%PDF-1.4\n%%EOF\n"), layout.ErrMalformed},
		{"no pages", noPages, layout.ErrMalformed},
		{"encrypted AES-256 (qpdf)", encrypted("encrypted-aes256.pdf"), layout.ErrEncrypted},
		{"encrypted owner password only (qpdf)", encrypted("encrypted-owner-only.pdf"), layout.ErrEncrypted},
		{"encrypt dictionary in trailer", testPDF([]string{textAt(72, 700, 12, false, "secret")}, "/Encrypt<</Filter/Standard/V 1/R 2/P -4/O(x)/U(y)>>"), layout.ErrEncrypted},
		{"scanned plan", sharedtest.Read(t, "real/docs/996KH-TCTLNTW-C04.pdf"), layout.ErrNoText},
		{"scanned report with a signature stamp", sharedtest.Read(t, "real/docs/280 BC.signed_20250219_164611.pdf"), layout.ErrNoText},
		{"scanned letter with a signature stamp", sharedtest.Read(t, "real/docs/464-ttg.signed.pdf"), layout.ErrNoText},
		{"a few characters only", testPDF([]string{textAt(72, 700, 12, false, "Trang 1")}, ""), layout.ErrNoText},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Read(c.data)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if doc != nil {
				t.Errorf("a document with the error")
			}
		})
	}
}

// TestMinPageChars lets a caller accept short documents.
func TestMinPageChars(t *testing.T) {
	data := testPDF([]string{textAt(72, 700, 12, false, "Trang 1")}, "")
	doc, err := ReadOptions(data, Options{MinPageChars: 1})
	if err != nil || len(doc.Blocks) != 1 || doc.Blocks[0].Para.Text != "Trang 1" {
		t.Fatalf("%v %+v", err, doc)
	}
}
