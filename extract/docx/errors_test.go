package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"sync"
	"testing"

	"vanban/extract/layout"
	"vanban/internal/sharedtest"
)

// bombSize is what the zip bomb's document.xml inflates to.
const bombSize = 200 << 20

var (
	bombOnce sync.Once
	bombRaw  []byte // the deflated stream of bombSize bytes of zeros
	bombCRC  uint32
)

// bomb builds, once, the deflated stream of a 200 MiB document.xml: a
// "<w:document>" start followed by zeros, about 200 KB compressed.
func bomb(t testing.TB) ([]byte, uint32) {
	bombOnce.Do(func() {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate})
		if err != nil {
			panic(err)
		}
		crc := crc32.NewIEEE()
		out := io.MultiWriter(w, crc)
		head := []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`)
		out.Write(head)
		zeros := make([]byte, 1<<20)
		for n := len(head); n < bombSize; n += len(zeros) {
			out.Write(zeros[:min(len(zeros), bombSize-n)])
		}
		zw.Close()
		zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		rc, _ := zr.File[0].OpenRaw()
		bombRaw, _ = io.ReadAll(rc)
		bombCRC = crc.Sum32()
	})
	return bombRaw, bombCRC
}

// bombZip packs the bomb's stream with the uncompressed size declared.
func bombZip(t testing.TB, declared uint64) []byte {
	raw, crc := bomb(t)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "word/document.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	zw.Close()
	return buf.Bytes()
}

func TestBadInput(t *testing.T) {
	plan := sharedtest.Read(t, plan58)
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	encrypted := append(append([]byte{}, ole...), utf16("EncryptedPackage")...)
	tests := []struct {
		name   string
		data   func(t testing.TB) []byte
		limits Limits
		want   []error // any of
	}{
		{"empty", func(testing.TB) []byte { return nil }, Limits{}, []error{layout.ErrEmpty}},
		{"not a zip", func(testing.TB) []byte { return []byte("%PDF-1.7 not a docx at all") }, Limits{}, []error{layout.ErrNotZip}},
		{"Word 97 .doc", func(testing.TB) []byte { return ole }, Limits{}, []error{layout.ErrUnsupported}},
		{"encrypted DOCX", func(testing.TB) []byte { return encrypted }, Limits{}, []error{layout.ErrEncrypted}},
		{"zip without document.xml", func(t testing.TB) []byte {
			return zipOf(t, map[string]string{"word/styles.xml": "<w:styles/>", "[Content_Types].xml": "<Types/>"})
		}, Limits{}, []error{layout.ErrNoDocument}},
		{"truncated DOCX", func(testing.TB) []byte { return plan[:len(plan)/2] }, Limits{}, []error{layout.ErrMalformed}},
		{"corrupt entry data", func(t testing.TB) []byte {
			b := append([]byte{}, plan...)
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				if f.Name == "word/document.xml" {
					off, _ := f.DataOffset()
					for i := off + 100; i < off+300; i++ {
						b[i] ^= 0x5A
					}
				}
			}
			return b
		}, Limits{}, []error{layout.ErrMalformed}},
		{"malformed XML", func(t testing.TB) []byte {
			return zipOf(t, map[string]string{"word/document.xml": docOpen + "<w:p><w:r><w:t>a</w:r>"})
		}, Limits{}, []error{layout.ErrMalformed}},
		{"XML cut short", func(t testing.TB) []byte {
			return zipOf(t, map[string]string{"word/document.xml": docOpen + p(r("a"))})
		}, Limits{}, []error{layout.ErrMalformed}},
		{"UTF-16 declared", func(t testing.TB) []byte {
			return zipOf(t, map[string]string{"word/document.xml": `<?xml version="1.0" encoding="UTF-16"?><w:document/>`})
		}, Limits{}, []error{layout.ErrMalformed}},
		{"zip bomb, honest size", func(t testing.TB) []byte { return bombZip(t, bombSize) }, Limits{}, []error{layout.ErrTooLarge}},
		{"zip bomb, size understated", func(t testing.TB) []byte { return bombZip(t, 1<<20) }, Limits{}, []error{layout.ErrMalformed, layout.ErrTooLarge}},
		{"document over the limit", func(testing.TB) []byte { return plan }, Limits{MaxDocument: 4 << 10}, []error{layout.ErrTooLarge}},
		{"styles over the limit", func(testing.TB) []byte { return plan }, Limits{MaxPart: 1 << 10}, []error{layout.ErrTooLarge}},
		{"too many entries", func(testing.TB) []byte { return plan }, Limits{MaxEntries: 3}, []error{layout.ErrTooLarge}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := tt.limits.Read(tt.data(t))
			if err == nil {
				t.Fatalf("no error; read %d blocks", len(doc.Blocks))
			}
			ok := false
			for _, w := range tt.want {
				ok = ok || errors.Is(err, w)
			}
			if !ok {
				t.Errorf("error %q is none of %v", err, tt.want)
			}
		})
	}
}

// TestBombNotInflated checks that the honest bomb is refused from its
// header alone, before anything is inflated.
func TestBombNotInflated(t *testing.T) {
	_, err := Read(bombZip(t, bombSize))
	if !errors.Is(err, layout.ErrTooLarge) || !strings.Contains(err.Error(), "declares") {
		t.Errorf("err = %v, want a refusal by declared size", err)
	}
}

func TestGuardReader(t *testing.T) {
	tests := []struct {
		size, max int64
		wantErr   error
	}{
		{100, 100, nil}, {100, 1000, nil}, {101, 100, layout.ErrTooLarge}, {5000, 100, layout.ErrTooLarge}, {5000, 0, nil},
	}
	for _, tt := range tests {
		g := &guardReader{rc: io.NopCloser(strings.NewReader(strings.Repeat("x", int(tt.size)))), name: "x", left: tt.max, max: tt.max}
		b, err := io.ReadAll(g)
		if !errors.Is(err, tt.wantErr) && err != tt.wantErr {
			t.Errorf("size %d max %d: err %v, want %v", tt.size, tt.max, err, tt.wantErr)
		}
		if err == nil && int64(len(b)) != tt.size {
			t.Errorf("size %d max %d: read %d", tt.size, tt.max, len(b))
		}
	}
}

// TestHostileStructure checks that depth cannot exhaust the stack and
// deep nesting is cut with a warning.
func TestHostileStructure(t *testing.T) {
	// encoding/xml refuses nesting past 10000 elements; up to there the
	// walk is iterative.
	const n = 4000
	deepWrap := strings.Repeat("<w:sdt><w:sdtContent>", n) + p(r("sâu")) + strings.Repeat("</w:sdtContent></w:sdt>", n)
	deepRun := p(strings.Repeat("<w:hyperlink>", 2*n) + r("sâu") + strings.Repeat("</w:hyperlink>", 2*n))
	nest := func(d int) string {
		s := p(r("lõi"))
		for range d {
			s = tbl("", `<w:gridCol/>`, tr("", tc("", s)))
		}
		return s
	}
	tests := []struct {
		name, body string
		warn       bool
		text       string
	}{
		{"deep wrappers", deepWrap, false, "sâu"},
		{"deep inline wrappers", deepRun, false, "sâu"},
		{"tables nested 10", nest(10), false, "lõi"},
		{"tables nested 40", nest(40), true, ""},
		{"many field begins", p(strings.Repeat(`<w:r><w:fldChar w:fldCharType="begin"/></w:r>`, 20*n)) + p(r("sau")), false, "sau"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(docxOf(t, tt.body, nil))
			if err != nil {
				t.Fatal(err)
			}
			if got := deepText(doc); got != tt.text {
				t.Errorf("text %q, want %q", got, tt.text)
			}
			if (len(doc.Warnings) > 0) != tt.warn {
				t.Errorf("warnings %q", doc.Warnings)
			}
			if len(doc.Blocks) == 0 {
				t.Error("nothing read")
			}
		})
	}
}

// TestTooDeep checks that nesting past what encoding/xml accepts is an
// error, not a crash.
func TestTooDeep(t *testing.T) {
	const n = 200000
	body := strings.Repeat("<w:sdt><w:sdtContent>", n) + p(r("x")) + strings.Repeat("</w:sdtContent></w:sdt>", n)
	if _, err := Read(docxOf(t, body, nil)); !errors.Is(err, layout.ErrMalformed) {
		t.Errorf("err = %v", err)
	}
}

// deepText joins all text of doc, nested tables included.
func deepText(doc *layout.Doc) string {
	var parts []string
	var table func(t *layout.Table)
	table = func(t *layout.Table) {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				parts = append(parts, c.Lines...)
				for i := range c.Nested {
					table(&c.Nested[i])
				}
			}
		}
	}
	for _, b := range doc.Blocks {
		if b.Para != nil {
			parts = append(parts, b.Para.Text)
		} else {
			table(b.Table)
		}
	}
	return strings.Join(parts, " ")
}
