// Package docgen writes test documents — DOCX and PDF — from one model of
// paragraphs and tables, so that a test can state a document once and read
// it back in both formats. It exists for tests (like net/http/httptest, it
// is an ordinary package so that every package's tests can import it):
// the task-table shape generator of package extract, report fixtures, OCR
// tests.
//
// The model is what a reader of the page sees, not what either format
// stores: paragraphs (bold, italic, centred, size), tables on a grid of
// columns with relative widths, cells that span columns or merge down,
// header rows that repeat on every page, cells numbered by Word's
// automatic numbering, borders on or off, pages in portrait or landscape.
//
//	doc := docgen.Document{Blocks: []docgen.Block{
//		docgen.Styled(docgen.Para{Text: "KẾ HOẠCH", Bold: true, Align: docgen.Center}),
//		docgen.P("Thực hiện Quyết định số 709/QĐ-TTg …"),
//		{Table: &docgen.Table{Cols: 2, Rows: []docgen.Row{
//			{Header: true, Cells: []docgen.Cell{{Text: "STT"}, {Text: "Nội dung"}}},
//			{Cells: []docgen.Cell{{Text: "1"}, {Text: "Xây dựng kế hoạch"}}},
//		}}},
//	}}
//	docxBytes, err := doc.DOCX()
//	pdfBytes, err := doc.PDF()
//
// DOCX output is written part by part (archive/zip, encoding/xml escaping):
// document.xml, styles.xml, numbering.xml when a list is used, and the
// package relationships. PDF output is drawn with github.com/go-pdf/fpdf in
// the DejaVu Sans TrueType fonts (Debian fonts-dejavu-core), which cover
// Vietnamese; tables are ruled with stroked lines, rows break across pages
// and merged cells are drawn as one box, as a word processor prints them.
// Both writers are deterministic: the same Document gives the same bytes.
package docgen

import (
	"errors"
	"fmt"
)

// Document is a whole file: blocks in reading order on A4 pages.
type Document struct {
	// Landscape sets the orientation of the first pages; a Block with
	// NewPage may change it for the pages from there on.
	Landscape bool
	// FontSize is the body text size in points; 0 means 13 (Nghị định 30
	// asks for 13–14).
	FontSize float64
	Blocks   []Block
}

// Block is a paragraph or a table; exactly one of Para and Table is set.
type Block struct {
	Para  *Para
	Table *Table
	// NewPage starts a new page before the block. Its pages are landscape
	// when Landscape is set, portrait otherwise (in DOCX a section break
	// when the orientation changes, a page break when it does not).
	NewPage   bool
	Landscape bool
}

// Align is a paragraph's horizontal alignment.
type Align int

const (
	Left Align = iota
	Center
	Right
	Justify // PDF draws justified text flush left
)

// Para is one paragraph of body text.
type Para struct {
	Text   string
	Bold   bool
	Italic bool
	Align  Align
	Size   float64 // points; 0 means the document's FontSize
}

// Table is a grid of Cols columns. Every row's cells, continuation cells
// of vertical merges included, span exactly Cols columns, as in Word.
type Table struct {
	Cols int
	// Widths are the columns' relative widths (any unit: they are scaled
	// to the text width); nil gives equal columns.
	Widths []float64
	Rows   []Row
	// Borderless draws no cell borders (a layout table: the quốc hiệu
	// header, the signature block).
	Borderless bool
	// FontSize is the cells' text size in points; 0 means the document's.
	FontSize float64
	// KeepRows moves a row that does not fit at the foot of a page to the
	// next page whole (Word's "allow row to break across pages" off); by
	// default a row breaks at a line and continues on the next page.
	KeepRows bool
}

// Row is one table row.
type Row struct {
	// Header marks a header row that repeats at the top of every page
	// the table continues on (DOCX w:tblHeader). Only leading rows can
	// repeat; a header row that does not repeat is an ordinary row.
	Header bool
	// KeepWithNext keeps the row on the page of the row after it (Word's
	// "keep with next" on the row's paragraphs): a header of several rows
	// does not end a page alone. Repeated header rows keep with the next
	// row anyway.
	KeepWithNext bool
	Cells        []Cell
}

// VMerge places a cell in a vertical merge.
type VMerge int

const (
	NoMerge       VMerge = iota
	MergeStart           // the first cell of a vertical merge: it holds the text
	MergeContinue        // the cell below, covered by the merge: its text is ignored
)

// VAlign is where a cell's text sits in its box.
type VAlign int

const (
	Top VAlign = iota
	Middle
)

// Cell is one cell of a row.
type Cell struct {
	// Text is the cell's one paragraph; Lines, when set, are its
	// paragraphs instead. A line longer than the column wraps.
	Text  string
	Lines []string
	// Span is the number of grid columns the cell covers; 0 means 1.
	Span   int
	VMerge VMerge
	Bold   bool
	Italic bool
	Align  Align
	// VAlign of the text in the cell's box; Middle centres a vertically
	// merged cell's text across its rows (on the first page the merge
	// reaches, when it crosses a page break).
	VAlign VAlign
	// Number numbers the cell's first paragraph with Word's automatic
	// numbering: the DOCX stores only the list reference, the PDF prints
	// the label Word would render before the text.
	Number *List
}

// span returns the grid columns the cell covers.
func (c Cell) span() int {
	if c.Span < 1 {
		return 1
	}
	return c.Span
}

// paragraphs returns the cell's paragraphs: Lines, else Text.
func (c Cell) paragraphs() []string {
	if len(c.Lines) > 0 {
		return c.Lines
	}
	if c.Text == "" {
		return nil
	}
	return []string{c.Text}
}

// P returns a body paragraph block, justified as documents set their body
// text.
func P(text string) Block { return Block{Para: &Para{Text: text, Align: Justify}} }

// Styled returns a block of the paragraph p.
func Styled(p Para) Block { return Block{Para: &p} }

// Errors of a model that no word processor could hold.
var ErrModel = errors.New("docgen: invalid document model")

// validate checks what both writers rely on: one content per block, rows
// that cover the grid, merges that continue something.
func (d *Document) validate() error {
	for i, b := range d.Blocks {
		if (b.Para == nil) == (b.Table == nil) {
			return fmt.Errorf("%w: block %d must hold exactly one of Para and Table", ErrModel, i)
		}
		if b.Table != nil {
			if err := b.Table.validate(); err != nil {
				return fmt.Errorf("%w: block %d: %v", ErrModel, i, err)
			}
		}
	}
	return nil
}

func (t *Table) validate() error {
	if t.Cols < 1 {
		return errors.New("table without columns")
	}
	if t.Widths != nil && len(t.Widths) != t.Cols {
		return fmt.Errorf("%d widths for %d columns", len(t.Widths), t.Cols)
	}
	for _, w := range t.Widths {
		if w <= 0 {
			return errors.New("column widths must be positive")
		}
	}
	for r, row := range t.Rows {
		col := 0
		for _, c := range row.Cells {
			if c.VMerge == MergeContinue && !t.mergesAbove(r, col, c.span()) {
				return fmt.Errorf("row %d: merge continuation at column %d under no merge of the same span", r, col)
			}
			col += c.span()
		}
		if col != t.Cols {
			return fmt.Errorf("row %d covers %d of %d columns", r, col, t.Cols)
		}
	}
	return nil
}

// mergesAbove reports whether row r-1 has a merge start or continuation
// at grid column col with the same span.
func (t *Table) mergesAbove(r, col, span int) bool {
	if r == 0 {
		return false
	}
	c, ok := t.cellAt(r-1, col)
	return ok && c.VMerge != NoMerge && c.span() == span
}

// cellAt returns the cell of row r that starts at grid column col.
func (t *Table) cellAt(r, col int) (Cell, bool) {
	k := 0
	for _, c := range t.Rows[r].Cells {
		if k == col {
			return c, true
		}
		k += c.span()
	}
	return Cell{}, false
}

// firstLandscape returns the orientation of the first page: a first
// block's NewPage sets it too.
func (d *Document) firstLandscape() bool {
	if len(d.Blocks) > 0 && d.Blocks[0].NewPage {
		return d.Blocks[0].Landscape
	}
	return d.Landscape
}

// fontSize returns the size of body text.
func (d *Document) fontSize() float64 {
	if d.FontSize > 0 {
		return d.FontSize
	}
	return 13
}
