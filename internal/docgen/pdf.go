package docgen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/go-pdf/fpdf"
)

// FontDir is where the PDF writer finds the DejaVu Sans TrueType fonts
// (Debian fonts-dejavu-core).
var FontDir = "/usr/share/fonts/truetype/dejavu"

// fontFiles maps fpdf's style letters to DejaVu Sans files. Italic text
// is drawn upright: the oblique faces are in fonts-dejavu-extra, which a
// machine may lack, and no reader here tells italics from their glyphs.
var fontFiles = map[string]string{
	"":  "DejaVuSans.ttf",
	"B": "DejaVuSans-Bold.ttf",
}

// FontsAvailable returns an error naming the missing font file when the
// PDF writer cannot run; tests skip or fail on it.
func FontsAvailable() error {
	for _, name := range []string{fontFiles[""], fontFiles["B"]} {
		if _, err := os.Stat(filepath.Join(FontDir, name)); err != nil {
			return fmt.Errorf("docgen: font missing (install fonts-dejavu-core): %w", err)
		}
	}
	return nil
}

// fontCache keeps the font files read once per process: hundreds of
// documents in a test read the same few files.
var fontCache sync.Map // path → []byte

func fontBytes(style string) ([]byte, error) {
	path := filepath.Join(FontDir, fontFiles[style])
	if b, ok := fontCache.Load(path); ok {
		return b.([]byte), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("docgen: font missing (install fonts-dejavu-core): %w", err)
	}
	fontCache.Store(path, b)
	return b, nil
}

// Drawing constants, in points.
const (
	ptPerTwip  = 1.0 / 20
	lineFactor = 1.25 // line height per font size
	padX       = 4.0  // cell padding left and right
	padY       = 3.0  // cell padding top and bottom
	paraAfter  = 3.0  // space after a body paragraph
	eps        = 0.01
)

// PDF writes the document as a PDF file.
func (d *Document) PDF() ([]byte, error) {
	if err := d.validate(); err != nil {
		return nil, err
	}
	f := fpdf.New("P", "pt", "A4", "")
	f.SetAutoPageBreak(false, 0)
	f.SetCatalogSort(true)
	f.SetCreationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	f.SetModificationDate(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	f.SetLineWidth(0.5)
	w := &pdfWriter{doc: d, f: f, loaded: map[string]bool{}}
	if w.font(false, d.fontSize()); w.err != nil {
		return nil, w.err
	}
	w.newPage(d.firstLandscape())
	for i, b := range d.Blocks {
		if b.NewPage && i > 0 {
			w.newPage(b.Landscape)
		}
		if w.err != nil {
			return nil, w.err
		}
		if b.Para != nil {
			w.para(*b.Para)
		} else {
			w.table(b.Table)
		}
	}
	// A bold face missing halfway stops the writer with w.err.
	if w.err != nil {
		return nil, w.err
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pdfWriter lays blocks out top to bottom, page by page.
type pdfWriter struct {
	doc       *Document
	f         *fpdf.Fpdf
	loaded    map[string]bool
	nums      counter
	landscape bool
	y         float64 // top of the free space on the current page
	err       error
}

// geometry of the current page orientation, in points.
func (w *pdfWriter) left() float64 { return float64(pageMargins(w.landscape).left) * ptPerTwip }
func (w *pdfWriter) top() float64  { return float64(pageMargins(w.landscape).top) * ptPerTwip }
func (w *pdfWriter) width() float64 {
	return float64(textWidth(w.landscape)) * ptPerTwip
}
func (w *pdfWriter) bottom() float64 {
	h := a4Long
	if w.landscape {
		h = a4Short
	}
	return float64(h-pageMargins(w.landscape).bottom) * ptPerTwip
}

func (w *pdfWriter) newPage(landscape bool) {
	w.landscape = landscape
	if landscape {
		w.f.AddPageFormat("L", fpdf.SizeType{Wd: a4Short * ptPerTwip, Ht: a4Long * ptPerTwip})
	} else {
		w.f.AddPageFormat("P", fpdf.SizeType{Wd: a4Short * ptPerTwip, Ht: a4Long * ptPerTwip})
	}
	w.y = w.top()
}

// font selects DejaVu Sans in the style at size, adding it to the file on
// first use.
func (w *pdfWriter) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	if !w.loaded[style] {
		data, err := fontBytes(style)
		if err != nil {
			w.err = err
			return
		}
		w.f.AddUTF8FontFromBytes("dejavu", style, data)
		w.loaded[style] = true
	}
	w.f.SetFont("dejavu", style, size)
	if err := w.f.Error(); err != nil && w.err == nil {
		w.err = err
	}
}

// measurer is one PDF kept to measure text for TextWidth.
var measurer struct {
	sync.Mutex
	w *pdfWriter
}

// TextWidth returns the width in points that s takes when the PDF writer
// prints it in one line at size (bold or not): a test sizing columns so
// that no word has to be cut asks it.
func TextWidth(s string, bold bool, size float64) (float64, error) {
	measurer.Lock()
	defer measurer.Unlock()
	if measurer.w == nil {
		measurer.w = &pdfWriter{doc: &Document{}, f: fpdf.New("P", "pt", "A4", ""), loaded: map[string]bool{}}
	}
	w := measurer.w
	w.font(bold, size)
	if w.err != nil {
		err := w.err
		measurer.w = nil
		return 0, err
	}
	return w.f.GetStringWidth(s), nil
}

// CellPadding is the space the PDF writer leaves between a cell's
// borders and its text, left and right, in points.
const CellPadding = padX

// PageTextWidth returns the width between the margins, in points, of a
// portrait or landscape page: the width a table takes.
func PageTextWidth(landscape bool) float64 { return float64(textWidth(landscape)) * ptPerTwip }

// wrap breaks text into lines no wider than width in the current font;
// a word wider than the line is cut between letters.
func (w *pdfWriter) wrap(text string, width float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if w.f.GetStringWidth(try) <= width || line == "" && w.f.GetStringWidth(word) <= width {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		for w.f.GetStringWidth(word) > width {
			cut := w.fit(word, width)
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fit returns the byte length of the longest prefix of word (at least one
// rune) that fits width.
func (w *pdfWriter) fit(word string, width float64) int {
	cut := 0
	for i, r := range word {
		end := i + len(string(r))
		if cut > 0 && w.f.GetStringWidth(word[:end]) > width {
			break
		}
		cut = end
	}
	return cut
}

// para draws a body paragraph, breaking pages between its lines.
func (w *pdfWriter) para(p Para) {
	size := p.Size
	if size <= 0 {
		size = w.doc.fontSize()
	}
	w.font(p.Bold, size)
	lh := size * lineFactor
	lines := w.wrap(p.Text, w.width())
	for i, l := range lines {
		if w.y+lh > w.bottom()+eps {
			w.newPage(w.landscape)
		}
		align := p.Align
		if align == Justify && i == len(lines)-1 {
			align = Left // a justified paragraph's last line is flush left
		}
		w.text(l, w.left(), w.width(), w.y, size, align)
		w.y += lh
	}
	w.y += paraAfter
}

// text draws one line in the box [x, x+width) with its top at y. A
// justified line is drawn word by word, the spare room shared out between
// the words, as word processors set it; a line that would gape (fewer
// words than room) stays flush left.
func (w *pdfWriter) text(s string, x, width, y, size float64, align Align) {
	// The baseline sits so that Vietnamese marks above capitals stay
	// inside the line.
	base := y + size*0.98
	switch align {
	case Center:
		x += (width - w.f.GetStringWidth(s)) / 2
	case Right:
		x += width - w.f.GetStringWidth(s)
	case Justify:
		words := strings.Fields(s)
		if len(words) > 1 {
			space := w.f.GetStringWidth(" ")
			extra := (width - w.f.GetStringWidth(s)) / float64(len(words)-1)
			if extra > 0 && extra < 0.6*size {
				for _, word := range words {
					w.f.Text(x, base, word)
					x += w.f.GetStringWidth(word) + space + extra
				}
				return
			}
		}
	}
	w.f.Text(x, base, s)
}
