// Package pdf reads a PDF file into a layout.Doc: paragraphs (one per
// text line segment, with position, size and style) and tables in reading
// order.
//
// github.com/ledongthuc/pdf parses the file structure (xref, objects,
// stream filters); everything above that is done here, because the
// library's text calls lose what tables need. The reader walks each
// page's content stream with its own lexer: it tracks the graphics and
// text state (CTM, text matrix, spacing, scaling, rise), advances by the
// fonts' real glyph widths (Widths for simple fonts, W/DW for CID fonts),
// decodes text through ToUnicode first (then the font's encoding), and
// collects the straight strokes and thin filled rectangles that draw table
// rulings. Form XObjects are followed; the appearance streams of visible
// annotations are drawn too (signing software stamps the document number
// and date in them), though they never count as a text layer. A page's
// text is read in the direction most of it runs (/Rotate, turned content).
//
// Per page, rulings that meet form lattice tables: grid lines, cells,
// column spans where an inner vertical ruling is missing, vertical merges
// where a horizontal one is missing. Glyphs inside a table go to its cells
// by their centre, so text centred in a tall row lands in its row, and are
// grouped into lines by baseline. The rest become Para blocks, one per
// line segment: a line is split where a wide gap separates two columns,
// as in the national motto header and the signature block. Lines that
// align in three or more columns without rulings become a table too
// (stream mode). A table continued on the next page is joined to its
// start: the header rows the page repeats are dropped and a row whose
// first cell is empty at the top of the page continues the row before.
// Page numbers and running headers are dropped.
//
// Input is untrusted: decoded streams, pages, operators, glyphs and
// nesting are capped, the page tree is walked with a visited set, a
// broken cross-reference table is rebuilt by scanning, and panics from the
// library are recovered into layout.ErrMalformed. The library can still
// loop on a cyclic object-stream chain; run extraction of unknown files
// under a time limit.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"

	lib "github.com/ledongthuc/pdf"

	"vanban/extract/layout"
	"vanban/extract/ocr"
)

// Options bound the work spent on one file; zero fields take defaults.
type Options struct {
	MaxPages       int   // pages read; the rest are skipped with a warning (default 2000)
	MaxStreamBytes int64 // decoded bytes of one stream (default 32 MiB)
	MaxTotalBytes  int64 // decoded bytes of all streams together (default 1 GiB)
	MaxOps         int   // content-stream operators in all (default 50 million)
	// MinPageChars is the text a page must carry for the file to count as
	// having a text layer: a scan with only a signature stamp's text is
	// still a scan (default 200 non-space characters on some page).
	MinPageChars int
	// OCR, when set, reads the scanned pages (see scan.go); without it a
	// file of scans fails with layout.ErrNoText as before.
	OCR *ocr.Engine
	// Progress, when set, is told after each scanned page OCR has read.
	Progress func(done, total int)
	// Context bounds OCR (default: none).
	Context context.Context
}

func (o Options) withDefaults() Options {
	if o.MaxPages <= 0 {
		o.MaxPages = 2000
	}
	if o.MaxStreamBytes <= 0 {
		o.MaxStreamBytes = 32 << 20
	}
	if o.MaxTotalBytes <= 0 {
		o.MaxTotalBytes = 1 << 30
	}
	if o.MaxOps <= 0 {
		o.MaxOps = 50_000_000
	}
	if o.MinPageChars <= 0 {
		o.MinPageChars = 200
	}
	return o
}

// Read reads a PDF file with default options.
func Read(data []byte) (*layout.Doc, error) {
	return ReadOptions(data, Options{})
}

// ReadOptions reads a PDF file. Errors wrap layout.ErrEmpty, ErrNotPDF,
// ErrEncrypted, ErrMalformed or ErrNoText.
func ReadOptions(data []byte, opt Options) (*layout.Doc, error) {
	doc, _, err := read(data, opt)
	return doc, err
}

// read reads a file; dropped is the text left out as page furniture or
// repeated table headers (the tests account for it). A file whose
// structure cannot be read is tried again with its cross-reference table
// rebuilt.
func read(data []byte, opt Options) (doc *layout.Doc, dropped []string, err error) {
	if len(data) == 0 {
		return nil, nil, layout.ErrEmpty
	}
	data, err = sanitize(data)
	if err != nil {
		return nil, nil, err
	}
	if encrypted(data) {
		return nil, nil, layout.ErrEncrypted
	}
	opt = opt.withDefaults()
	doc, dropped, err = attempt(data, opt)
	if errors.Is(err, layout.ErrMalformed) {
		if fixed, ok := repairXref(data); ok {
			if d, dr, err2 := attempt(fixed, opt); err2 == nil || !errors.Is(err2, layout.ErrMalformed) {
				return d, dr, err2
			}
		}
	}
	return doc, dropped, err
}

// attempt opens and reads a sanitized file, recovering the library's
// panics.
func attempt(data []byte, opt Options) (doc *layout.Doc, dropped []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, dropped, err = nil, nil, fmt.Errorf("%w: %v", layout.ErrMalformed, p)
		}
	}()
	r, err := lib.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", layout.ErrMalformed, err)
	}
	rd := newReader(r, opt)
	rd.data = data
	return rd.read()
}

var pdfHeader = []byte("%PDF-")

// sanitize finds the header and the end of the file and shapes them the
// way the library insists on: "%PDF-1.x" and a newline at offset 0,
// "%%EOF" in the last bytes. Junk before the header (a mail or HTTP
// envelope) or after %%EOF is cut, PDF 2.0 is read as 1.7.
func sanitize(data []byte) ([]byte, error) {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	i := bytes.Index(head, pdfHeader)
	if i < 0 {
		return nil, layout.ErrNotPDF
	}
	data = data[i:]
	if j := bytes.LastIndex(data, []byte("%%EOF")); j > 0 {
		data = data[:j+5]
	} else {
		return nil, fmt.Errorf("%w: no %%%%EOF (truncated?)", layout.ErrMalformed)
	}
	if len(data) < 16 {
		return nil, fmt.Errorf("%w: too short", layout.ErrMalformed)
	}
	good := data[5] == '1' && data[6] == '.' && data[7] >= '0' && data[7] <= '7' && (data[8] == '\r' || data[8] == '\n')
	if !good {
		// Rewrite the first line in a copy; offsets do not move.
		fixed := append([]byte(nil), data...)
		copy(fixed, "%PDF-1.7\n")
		data = fixed
	}
	return data, nil
}

var encryptKey = regexp.MustCompile(`/Encrypt\s*(\d+\s+\d+\s+R|<<)`)

// encrypted reports whether a trailer or cross-reference stream names an
// encryption dictionary. It is checked before the library tries its weak
// decryption, so an encrypted file is reported as such, never read as
// garbage.
func encrypted(data []byte) bool {
	return encryptKey.Match(data)
}

// reader holds the state of reading one file.
type reader struct {
	r        *lib.Reader
	opt      Options
	lim      limits
	fonts    map[string]*font // by object reference
	res      map[string]*resources
	forms    map[string][]byte
	warnings []string
	ops      int
	glyphs   []glyph // reused from page to page
	data     []byte  // the file, for images taken out raw and for pdftoppm

	tmpOnce sync.Once
	tmpPath string
	tmpErr  error
}

func newReader(r *lib.Reader, opt Options) *reader {
	return &reader{
		r: r, opt: opt,
		lim:   limits{stream: opt.MaxStreamBytes, total: opt.MaxTotalBytes},
		fonts: map[string]*font{},
		res:   map[string]*resources{},
		forms: map[string][]byte{},
	}
}

// warn records a warning for the user (in Vietnamese), once.
func (rd *reader) warn(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if len(rd.warnings) < 50 && !slices.Contains(rd.warnings, msg) {
		rd.warnings = append(rd.warnings, msg)
	}
}

// streamProblem says in Vietnamese what went wrong decoding a stream.
func streamProblem(err error) string {
	if errors.Is(err, errStreamCap) {
		return "vượt giới hạn kích thước, bị cắt bớt"
	}
	return "bị hỏng"
}

func (rd *reader) read() (*layout.Doc, []string, error) {
	pages, err := rd.walkPages()
	if err != nil {
		return nil, nil, err
	}
	if len(pages) == 0 {
		return nil, nil, fmt.Errorf("%w: no pages", layout.ErrMalformed)
	}
	// Each page is laid out as soon as it is read, so only its blocks
	// stay in memory, not its glyphs.
	perPage := make([][]item, len(pages))
	sizes := make([]pageSize, len(pages))
	chars, maxChars, unknown := 0, 0, 0
	var scans []*scanJob
	var unread, misencoded []int
	for i, p := range pages {
		pc := rd.interpretPage(p)
		pc.num = i + 1
		n := pc.textChars()
		chars += n
		sizes[i] = pageSize{pc.w, pc.h}
		// A page whose text layer is mostly glyphs of unknown text
		// (a producer that wrote glyph numbers for text) is read from
		// its picture, as a scan is.
		bad := pc.unknown >= minUnknown && pc.unknown*5 > n+pc.unknown
		if pc.scanned(rd.opt.MinPageChars) || bad {
			if rd.opt.OCR != nil {
				job := rd.planScan(i, pc)
				if bad {
					job.renderWhole(rd, i)
				}
				scans = append(scans, job)
				sizes[i] = pageSize{pc.dispW, pc.dispH}
				rd.glyphs = pc.glyphs[:0]
				continue
			}
			if bad {
				misencoded = append(misencoded, pc.num)
				unknown += pc.unknown
			} else {
				unread = append(unread, i+1)
			}
		}
		maxChars = max(maxChars, n)
		perPage[i] = layoutPage(pc)
		rd.glyphs = pc.glyphs[:0]
	}
	var ocrPages []layout.OCRPage
	if len(scans) > 0 {
		items, info, err := rd.runScans(scans)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: OCR: %v", layout.ErrNoText, err)
		}
		words := 0
		for k, j := range scans {
			perPage[j.page] = items[k]
			words += info[k].Words
		}
		if words == 0 && maxChars < rd.opt.MinPageChars {
			return nil, nil, fmt.Errorf("%w: OCR found no text on %d scanned pages", layout.ErrNoText, len(scans))
		}
		ocrPages = info
	} else if maxChars < rd.opt.MinPageChars && unknown < minUnknown {
		return nil, nil, noText(chars, len(pages))
	}
	if unknown > chars {
		return nil, nil, fmt.Errorf("%w: %d glyphs without text, %d characters read", layout.ErrMisencoded, unknown, chars)
	}
	if len(unread) > 0 {
		rd.warn("PDF: trang %s là bản quét, cần nhận dạng chữ (OCR) để đọc", pageList(unread))
	}
	if len(misencoded) > 0 {
		rd.warn("lớp văn bản bị mã hoá sai ở %d trang (%s): một phần chữ không đọc được, cần nhận dạng ký tự (OCR)", len(misencoded), pageList(misencoded))
	}
	doc := &layout.Doc{Format: "pdf", Pages: len(pages), OCR: ocrPages, Misencoded: misencoded}
	var dropped []string
	doc.Blocks, dropped = buildBlocks(perPage, sizes)
	doc.Warnings = rd.warnings
	return doc, dropped, nil
}

// minUnknown is how many glyphs of unknown text make a page's text layer
// mis-encoded (a stray symbol font does not).
const minUnknown = 20

// limits caps decoded stream bytes.
type limits struct {
	stream, total int64
}

// maxFontStream caps a CMap: real ones are a few hundred kilobytes.
const maxFontStream = 4 << 20

var errStreamCap = errors.New("stream cut at the size cap")

// readStream decodes a stream, at most the per-stream cap and what is
// left of the total. A damaged stream gives what could be decoded with
// an error.
func readStream(v lib.Value, lim *limits) ([]byte, error) {
	return readStreamMax(v, lim, lim.stream)
}

// readStreamMax is readStream with a lower per-stream cap.
func readStreamMax(v lib.Value, lim *limits, capBytes int64) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: stream: %v", layout.ErrMalformed, p)
		}
	}()
	if v.Kind() != lib.Stream {
		return nil, nil
	}
	n := min(capBytes, lim.stream, lim.total)
	if n <= 0 {
		return nil, errStreamCap
	}
	rc := v.Reader()
	defer rc.Close()
	data, err = io.ReadAll(io.LimitReader(rc, n+1))
	if int64(len(data)) > n {
		data, err = data[:n], errStreamCap
	}
	lim.total -= int64(len(data))
	return data, err
}

// isTextRune reports whether r counts toward a page's text layer.
func isTextRune(r rune) bool {
	return !strings.ContainsRune(" \t\r\n\u00a0\ufffd", r)
}
