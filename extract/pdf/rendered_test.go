package pdf

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"vanban/extract/docx"
	"vanban/extract/layout"
	"vanban/internal/sharedtest"
)

// TestRenderedMatchDOCX reads the DOCX plans that LibreOffice printed to
// PDF: every ruled table of the DOCX must come out of the PDF with the
// same rows, cells, spans, vertical merges and text.
func TestRenderedMatchDOCX(t *testing.T) {
	cases := []struct {
		pdf, docx string
		rows      []int // rows of the ruled tables, in order
	}{
		{"real/rendered/Kế hoạch CCHC giai đoạn 2026-2030.pdf", "real/docs/Kế hoạch CCHC giai đoạn 2026-2030.docx", []int{67}},
		{"real/rendered/Ke hoach tuyen truyen CCHC tinh Lam Dong nam 2026.pdf", "real/docs/Ke hoach tuyen truyen CCHC tinh Lam Dong nam 2026.docx", []int{12, 11}},
		{"corpus/ke-hoach-58-kh-ubnd-2026.pdf", "corpus/ke-hoach-58-kh-ubnd-2026.docx", []int{79}},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.pdf), func(t *testing.T) {
			pd, err := Read(sharedtest.Read(t, c.pdf))
			if err != nil {
				t.Fatal(err)
			}
			dd, err := docx.Read(sharedtest.Read(t, c.docx))
			if err != nil {
				t.Fatal(err)
			}
			want := ruledTables(dd)
			got := tables(pd)
			if len(got) != len(want) || len(got) != len(c.rows) {
				t.Fatalf("PDF %d tables, DOCX %d ruled, want %d", len(got), len(want), len(c.rows))
			}
			for i := range got {
				if len(got[i].Rows) != c.rows[i] || len(want[i].Rows) != c.rows[i] {
					t.Errorf("table %d: PDF %d rows, DOCX %d, want %d", i, len(got[i].Rows), len(want[i].Rows), c.rows[i])
					continue
				}
				for r := range got[i].Rows {
					if g, w := rowString(got[i].Rows[r]), rowString(want[i].Rows[r]); g != w {
						t.Errorf("table %d row %d:\n PDF %s\nDOCX %s", i, r, g, w)
					}
				}
			}
		})
	}
}

func ruledTables(d *layout.Doc) []*layout.Table {
	var out []*layout.Table
	for _, t := range tables(d) {
		if t.Ruled {
			out = append(out, t)
		}
	}
	return out
}

// rowString shows a row's cells: column, span, merge and text.
func rowString(r layout.Row) string {
	var b strings.Builder
	for _, c := range r.Cells {
		m := ""
		if c.Continued {
			m = "^"
		}
		fmt.Fprintf(&b, "[%d+%d%s %q]", c.Col, c.Span, m, c.Text())
	}
	return b.String()
}
