package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vanban/extract/layout"
	"vanban/internal/sharedtest"
)

func TestMain(m *testing.M) {
	ServeWorker()
	os.Exit(m.Run())
}

// zipBomb returns a DOCX whose document.xml inflates to size bytes.
func zipBomb(t *testing.T, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte{' '}, 1<<20)
	for n := 0; n < size; n += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// cyclicPDF is a PDF whose page tree contains itself.
const cyclicPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
	"2 0 obj<</Type/Pages/Kids[2 0 R 3 0 R]/Count 2>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n" +
	"trailer<</Root 1 0 R/Size 4>>\n%%EOF\n"

// encryptedPDF has an /Encrypt dictionary in its trailer.
const encryptedPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
	"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n" +
	"4 0 obj<</Filter/Standard/V 1/R 2/O(0123456789abcdef0123456789abcdef)/U(0123456789abcdef0123456789abcdef)/P -4>>endobj\n" +
	"trailer<</Root 1 0 R/Size 5/Encrypt 4 0 R/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]>>\n%%EOF\n"

func TestBadInputGivesClearErrors(t *testing.T) {
	shared := sharedtest.Dir(t)
	plan, err := os.ReadFile(filepath.Join(shared, "corpus/ke-hoach-58-kh-ubnd-2026.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		path string
		want error
	}{
		{"empty", write("empty.docx", nil), layout.ErrEmpty},
		{"text named pdf", write("note.pdf", []byte("Đây không phải là PDF.\n")), layout.ErrNotPDF},
		{"truncated pdf", write("cut.pdf", plan[:len(plan)/3]), layout.ErrMalformed},
		{"encrypted pdf", write("locked.pdf", []byte(encryptedPDF)), layout.ErrEncrypted},
		{"docx not a zip", write("fake.docx", []byte("PK? no, plain text")), layout.ErrNotZip},
		{"zip bomb", write("bomb.docx", zipBomb(t, 300<<20)), layout.ErrTooLarge},
		{"cyclic page tree", write("cycle.pdf", []byte(cyclicPDF)), nil},
		{"unknown format", write("notes.txt", []byte("x")), layout.ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := Isolated(context.Background(), tt.path, Limits{Timeout: 30 * time.Second, Memory: 1 << 30})
			if time.Since(start) > 30*time.Second {
				t.Fatalf("took %s", time.Since(start))
			}
			if tt.want == nil {
				// Any clean outcome will do: an error naming the file, or a
				// document with no rows; never a hang or a crash.
				if err != nil && !strings.Contains(err.Error(), filepath.Base(tt.path)) {
					t.Errorf("error %q does not name the file", err)
				}
				if err == nil && len(doc.Rows) != 0 {
					t.Errorf("got %d rows from a page-less PDF", len(doc.Rows))
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), filepath.Base(tt.path)) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestIsolatedReadsLikeFile(t *testing.T) {
	path := sharedtest.Path(t, "corpus/bao-cao-412-bc-stc-2026.docx")
	want, err := File(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Isolated(context.Background(), path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Meta.Reference != want.Meta.Reference || len(got.ReportItems) != len(want.ReportItems) || got.SHA256 != want.SHA256 {
		t.Errorf("isolated %+v, in-process %+v", got.Meta, want.Meta)
	}
}
