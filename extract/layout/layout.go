// Package layout is the format-neutral reading of a file that the format
// readers (extract/docx, extract/pdf) produce and package extract
// interprets: paragraphs and tables in reading order. It knows nothing of
// plans or tasks.
package layout

import (
	"strings"
	"unicode"
)

// Doc is a file read as paragraphs and tables in reading order.
type Doc struct {
	Format   string // "docx" or "pdf"
	Pages    int    // 0 when the format does not paginate
	Blocks   []Block
	Warnings []string
	// Misencoded lists the pages whose text layer could not be decoded
	// (a producer that wrote glyph numbers for text): their words are
	// partly missing.
	Misencoded []int `json:",omitempty"`
	// OCR lists the pages read by OCR (scans), in page order; nil for a
	// file read from its text layer alone.
	OCR []OCRPage `json:",omitempty"`
}

// OCRPage says how one scanned page was read.
type OCRPage struct {
	Page   int     // 1-based
	Source string  // where the pixels came from: "jpeg", "ccitt", "flate", "render" (pdftoppm), "image" (an image file)
	DPI    float64 // resolution of the scan
	Skew   float64 // degrees the scan was turned to level it
	Words  int     // words recognised
	Conf   float64 // mean word confidence, 0..1
}

// Block is a paragraph or a table; exactly one of Para and Table is set.
type Block struct {
	Page  int // 1-based; 0 when unknown
	Para  *Para
	Table *Table
}

// Para is one paragraph (DOCX) or one line segment (PDF) of body text.
type Para struct {
	Text   string  // NFC, whitespace folded, trimmed
	X      float64 // left edge in points from the page's left; 0 when unknown
	Right  float64 // right edge in points; 0 when unknown
	Bold   bool    // most of its text is bold
	Italic bool    // most of its text is italic
	Center bool    // centred
	Size   float64 // font size in points; 0 when unknown
	// Tabs holds the paragraph's parts when tabs separate text in it (a
	// header typed with tabs instead of a table: "ỦY BAN NHÂN DÂN⇥CỘNG
	// HÒA …"); nil otherwise. Each part is normalized like Text.
	Tabs []string `json:",omitempty"`
	// OCR is set when the text was recognised in a scan; Conf is then the
	// recognizer's mean confidence in it, 0..1.
	OCR  bool    `json:",omitempty"`
	Conf float64 `json:",omitempty"`
}

// Table is a grid of cells. A table that a PDF breaks over pages is one
// Table: rows continued on the next page are joined and the header row the
// page repeats is dropped.
type Table struct {
	Cols int // columns of the grid
	Rows []Row
	// Ruled is true when the table's cell borders were drawn (DOCX borders
	// other than nil/none, PDF rulings); layout tables (quốc hiệu header,
	// signature block) usually are not.
	Ruled bool
}

// Row is one row of a table.
type Row struct {
	Cells []Cell
	// Header is true for a row marked as a repeated header (DOCX
	// w:tblHeader).
	Header bool
}

// Cell is one cell, placed on the grid. A cell merged vertically with the
// cell above (DOCX w:vMerge, a PDF cell with no ruling above it) carries
// the text of the merge's first cell and Continued set.
type Cell struct {
	Col   int      // first grid column, 0-based
	Span  int      // grid columns spanned, at least 1
	Lines []string // the cell's paragraphs/lines, NFC, folded, trimmed, non-empty
	Bold  bool
	// Continued marks a vertically merged continuation of the cell above.
	Continued bool
	// Nested holds tables nested inside the cell, if any.
	Nested []Table
	// OCR and Conf as for Para.
	OCR  bool    `json:",omitempty"`
	Conf float64 `json:",omitempty"`
}

// Text returns the cell as a reader sees it: its lines joined with one
// space, with a word hyphenated at a line end joined again.
func (c Cell) Text() string { return JoinLines(c.Lines) }

// JoinLines joins lines with one space. A line that ends in a hyphen
// glued to a word ("kinh tế-" + "xã hội") was broken at a compound's
// hyphen, so the next line follows it without a space and the hyphen stays:
// Vietnamese writes syllables apart and does not hyphenate inside them.
func JoinLines(lines []string) string {
	var b strings.Builder
	prev := ""
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 && !gluedHyphen(prev) {
			b.WriteByte(' ')
		}
		b.WriteString(l)
		prev = l
	}
	return b.String()
}

// gluedHyphen reports whether s ends in a hyphen attached to a letter or a
// digit ("kinh tế-", "số 69-" before "KL/TW").
func gluedHyphen(s string) bool {
	r := []rune(s)
	n := len(r)
	return n >= 2 && r[n-1] == '-' && (unicode.IsLetter(r[n-2]) || unicode.IsDigit(r[n-2]))
}
