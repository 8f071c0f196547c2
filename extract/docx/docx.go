// Package docx reads a Word (DOCX) file into a layout.Doc: the body's
// paragraphs and tables in order, as a reader of the printed page sees
// them.
//
// The package opens the zip itself and streams word/document.xml through
// encoding/xml token by token, so that hostile files cannot exhaust
// memory: every part is refused when its declared or its real inflated
// size passes a limit (see Limits), and errors wrap the sentinels of
// package layout (ErrNotZip, ErrNoDocument, ErrTooLarge, ErrMalformed…).
//
// What Word writes and how it is read:
//   - text split over runs, proofing marks, bookmarks, smart tags,
//     hyperlinks, content controls (w:sdt), inserted text (w:ins,
//     w:moveTo) are read through; deleted text (w:del, w:moveFrom) and
//     hidden text (w:vanish) are dropped;
//   - fields keep their result and drop their instruction (w:instrText);
//   - mc:AlternateContent is read once: its first mc:Choice, else its
//     mc:Fallback;
//   - w:tab is white space; w:br starts a new line in a table cell
//     (Cell.Lines) and is a space in a body paragraph; w:sym maps the
//     common Symbol/Wingdings characters and drops the rest;
//   - text boxes (w:txbxContent) are read as paragraphs following the
//     paragraph that anchors them (in a cell: as further lines), since
//     they hold visible text such as a "DỰ THẢO" mark or a note;
//   - Word's automatic numbering (w:numPr) is rendered from numbering.xml
//     as a prefix ("1.", "a)", "II."), bullets are dropped;
//   - tables: w:gridSpan gives Cell.Span, w:gridBefore shifts Cell.Col,
//     a w:vMerge continuation carries the lines of the merge's first cell
//     with Continued set, w:tblHeader marks Row.Header, nested tables go
//     to Cell.Nested and not into the cell's lines; a table is Ruled when
//     its own or its style's borders are drawn (or Word's "Table Grid"),
//     or when most of its cells draw their borders;
//   - formatting: Bold/Italic/Size follow the majority of a paragraph's
//     characters, resolved through direct run properties, character and
//     paragraph styles and the document defaults of styles.xml;
//   - every run's text goes through vntext.Legacy with its font (for
//     TCVN3/VNI files), every paragraph through vntext.Text;
//   - page headers and footers, footnotes and comments are not body text
//     and are not read.
package docx

import (
	"fmt"

	"vanban/extract/layout"
)

// Limits bound what a file may make the reader do. A zero field takes its
// default from DefaultLimits.
type Limits struct {
	// MaxDocument caps word/document.xml's inflated size in bytes.
	MaxDocument int64
	// MaxPart caps the other parts read (styles, numbering, relationships).
	MaxPart int64
	// MaxEntries caps the number of zip entries.
	MaxEntries int
	// MaxNesting caps tables and text boxes nested in one another; deeper
	// ones are skipped with a warning.
	MaxNesting int
}

// DefaultLimits are generous for any real plan or report.
var DefaultLimits = Limits{
	MaxDocument: 64 << 20,
	MaxPart:     16 << 20,
	MaxEntries:  10000,
	MaxNesting:  16,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxDocument > 0 {
		d.MaxDocument = l.MaxDocument
	}
	if l.MaxPart > 0 {
		d.MaxPart = l.MaxPart
	}
	if l.MaxEntries > 0 {
		d.MaxEntries = l.MaxEntries
	}
	if l.MaxNesting > 0 {
		d.MaxNesting = l.MaxNesting
	}
	return d
}

// Read reads a DOCX file's content with DefaultLimits.
func Read(data []byte) (*layout.Doc, error) {
	return DefaultLimits.Read(data)
}

// Read reads a DOCX file's content within the limits l.
func (l Limits) Read(data []byte) (doc *layout.Doc, err error) {
	// A bug met on a hostile file must cost that file, not the process.
	defer func() {
		if r := recover(); r != nil {
			doc = nil
			err = fmt.Errorf("docx reader panic: %v: %w", r, layout.ErrMalformed)
		}
	}()
	return read(data, l.withDefaults())
}

// read is Read without the recovery, which the fuzz test calls so that
// panics show.
func read(data []byte, l Limits) (*layout.Doc, error) {
	pk, err := openPackage(data, l)
	if err != nil {
		return nil, err
	}
	return readPackage(pk)
}
