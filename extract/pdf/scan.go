package pdf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"

	lib "github.com/ledongthuc/pdf"

	"vanban/extract/layout"
	"vanban/extract/ocr"
)

// Scanned pages. A page that carries fewer than MinPageChars characters
// of its own and draws an image over at least half of itself is a scan
// (a signing tool's stamp text is not a text layer). When an OCR engine
// is given, such a page's pixels are taken out of the file as they are —
// a JPEG's bytes, a CCITT fax image, a Flate-coded raw image — or, when
// that is not possible (JBIG2, JPEG 2000, several images, masks, a turned
// image), rendered by pdftoppm in gray at 300 dpi; package ocr reads the
// words and rulings, and they are laid out like a born-digital page's
// glyphs and rulings: the same lattice reading finds the tables.

// imageUse is an image XObject drawn on a page.
type imageUse struct {
	v      lib.Value
	ctm    mat  // unit square → display space
	inline bool // an inline image (BI … EI): never taken out
}

// box returns the image's extent in display space.
func (u imageUse) box() (x0, y0, x1, y1 float64) {
	xs, ys := []float64{}, []float64{}
	for _, c := range [][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		x, y := u.ctm.apply(c[0], c[1])
		xs, ys = append(xs, x), append(ys, y)
	}
	x0, x1 = minMax(xs)
	y0, y1 = minMax(ys)
	return
}

// noteImage records an image drawn by the page (not by annotations).
func (in *interp) noteImage(x lib.Value, inline bool) {
	if in.annot || len(in.page.images) >= 64 {
		return
	}
	in.page.images = append(in.page.images, imageUse{v: x, ctm: in.gs.ctm, inline: inline})
}

// pageSized returns the images that cover at least half the page.
func (pc *pageContent) pageSized() []imageUse {
	var out []imageUse
	for _, u := range pc.images {
		x0, y0, x1, y1 := u.box()
		w, h := math.Min(x1, pc.dispW)-math.Max(x0, 0), math.Min(y1, pc.dispH)-math.Max(y0, 0)
		if w > 0 && h > 0 && w*h >= 0.5*pc.dispW*pc.dispH {
			out = append(out, u)
		}
	}
	return out
}

// scanned reports whether the page is a scan.
func (pc *pageContent) scanned(minChars int) bool {
	return pc.textChars() < minChars && len(pc.pageSized()) > 0
}

// scanJob is a scanned page waiting for OCR: where its pixels come from
// and where they land on the page.
type scanJob struct {
	page   int // 0-based
	pc     *pageContent
	pixels func() (*image.Gray, float64, error)
	// x0, y0, x1, y1 is the image's extent in display space.
	x0, y0, x1, y1 float64
	source         string // "jpeg", "ccitt", "flate" or "render"
}

// planScan decides how the pixels of a scanned page are got.
func (rd *reader) planScan(i int, pc *pageContent) *scanJob {
	job := &scanJob{page: i, pc: pc}
	imgs := pc.pageSized()
	if len(imgs) == 1 && len(pc.images) <= 3 && !imgs[0].inline {
		u := imgs[0]
		// Axis-aligned and upright: the image's rows run left to right
		// down the page, as its pixels are stored.
		if m := u.ctm; math.Abs(m[1]) < 1e-6 && math.Abs(m[2]) < 1e-6 && m[0] > 0 && m[3] < 0 {
			if px, src := rd.imagePixels(u.v); px != nil {
				job.pixels, job.source = px, src
				job.x0, job.y0, job.x1, job.y1 = u.box()
				return job
			}
		}
	}
	job.source = "render"
	job.x0, job.y0, job.x1, job.y1 = 0, 0, pc.dispW, pc.dispH
	job.pixels = func() (*image.Gray, float64, error) { return rd.render(i + 1) }
	return job
}

// renderWhole has the job read the whole page as rendered: a page whose
// text layer is mis-encoded has its words in fonts, not in an image.
func (j *scanJob) renderWhole(rd *reader, i int) {
	j.source = "render"
	j.x0, j.y0, j.x1, j.y1 = 0, 0, j.pc.dispW, j.pc.dispH
	j.pixels = func() (*image.Gray, float64, error) { return rd.render(i + 1) }
}

// imagePixels returns a decoder for the image's own pixels, or nil when
// it must be rendered.
func (rd *reader) imagePixels(v lib.Value) (func() (*image.Gray, float64, error), string) {
	// A stencil (ImageMask) paints its 0 samples: black on white paper,
	// what the samples mean as gray.
	if v.Key("SMask").Kind() != lib.Null || v.Key("Mask").Kind() != lib.Null {
		return nil, ""
	}
	filter := v.Key("Filter")
	name := filter.Name()
	if filter.Kind() == lib.Array {
		if filter.Len() != 1 {
			return nil, ""
		}
		name = filter.Index(0).Name()
	}
	parms := v.Key("DecodeParms")
	if parms.Kind() == lib.Array {
		parms = parms.Index(0)
	}
	w, h := int(v.Key("Width").Int64()), int(v.Key("Height").Int64())
	invert := decodeInverted(v.Key("Decode"))
	switch name {
	case "DCTDecode":
		raw := rd.rawStream(v)
		if raw == nil {
			return nil, ""
		}
		return func() (*image.Gray, float64, error) {
			g, _, err := ocr.Decode(raw)
			if err == nil && invert {
				invertGray(g)
			}
			return g, 0, err
		}, "jpeg"
	case "CCITTFaxDecode":
		raw := rd.rawStream(v)
		if raw == nil {
			return nil, ""
		}
		p := ocr.CCITT{K: int(parms.Key("K").Int64()), Columns: int(parms.Key("Columns").Int64()),
			Rows: int(parms.Key("Rows").Int64()), BlackIs1: parms.Key("BlackIs1").Bool(),
			ByteAlign: parms.Key("EncodedByteAlign").Bool(), InvertGray: invert}
		if p.Columns == 0 {
			p.Columns = 1728
		}
		if p.Rows == 0 {
			p.Rows = h
		}
		return func() (*image.Gray, float64, error) { g, err := ocr.DecodeCCITT(raw, p); return g, 0, err }, "ccitt"
	case "FlateDecode", "":
		comps := 0
		if v.Key("ImageMask").Bool() {
			comps = 1
		}
		switch v.Key("ColorSpace").Name() {
		case "DeviceGray", "CalGray":
			comps = 1
		case "DeviceRGB", "CalRGB":
			comps = 3
		default:
			if comps == 0 {
				return nil, "" // indexed, ICC, CMYK: let pdftoppm map the colours
			}
		}

		bpc := int(v.Key("BitsPerComponent").Int64())
		if v.Key("ImageMask").Bool() {
			bpc = 1
		}
		data, err := readStream(v, &rd.lim)
		if err != nil {
			return nil, ""
		}
		return func() (*image.Gray, float64, error) {
			g, err := ocr.Raw(data, w, h, bpc, comps, invert)
			return g, 0, err
		}, "flate"
	}
	return nil, ""
}

// decodeInverted reports a /Decode [1 0]: samples mean the opposite.
func decodeInverted(d lib.Value) bool {
	return d.Len() == 2 && d.Index(0).Float64() == 1 && d.Index(1).Float64() == 0
}

func invertGray(g *image.Gray) {
	for i, v := range g.Pix {
		g.Pix[i] = 255 - v
	}
}

// rawStream returns a stream's bytes before any filter: the library
// offers only decoded streams, and it cannot decode images; its String
// form ends with "@offset" of the data in the file.
func (rd *reader) rawStream(v lib.Value) []byte {
	s := v.String()
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return nil
	}
	off, err := strconv.ParseInt(s[at+1:], 10, 64)
	n := v.Key("Length").Int64()
	if err != nil || off < 0 || n <= 0 || off+n > int64(len(rd.data)) || n > rd.opt.MaxStreamBytes {
		return nil
	}
	return rd.data[off : off+n]
}

// renderDPI is the resolution pdftoppm renders a page at.
const renderDPI = 300

// render rasterizes one page with pdftoppm: gray, 300 dpi, PGM on a
// pipe (PNG's compression costs more than the rendering).
func (rd *reader) render(page int) (*image.Gray, float64, error) {
	path, err := rd.tempFile()
	if err != nil {
		return nil, 0, err
	}
	n := strconv.Itoa(page)
	cmd := exec.Command("pdftoppm", "-gray", "-r", strconv.Itoa(renderDPI), "-f", n, "-l", n, "-hide-annotations", path)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, 0, fmt.Errorf("pdftoppm: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	g, err := ocr.DecodePGM(&out)
	return g, renderDPI, err
}

// tempFile writes the file once for pdftoppm, which reads paths.
func (rd *reader) tempFile() (string, error) {
	rd.tmpOnce.Do(func() {
		f, err := os.CreateTemp("", "vanban-scan-*.pdf")
		if err != nil {
			rd.tmpErr = err
			return
		}
		_, err = f.Write(rd.data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		rd.tmpPath, rd.tmpErr = f.Name(), err
	})
	return rd.tmpPath, rd.tmpErr
}

func (rd *reader) removeTemp() {
	if rd.tmpPath != "" {
		os.Remove(rd.tmpPath)
	}
}

// runScans OCRs the scanned pages and returns their items, by job.
func (rd *reader) runScans(jobs []*scanJob) ([][]item, []layout.OCRPage, error) {
	defer rd.removeTemp()
	src := func(i int) (*image.Gray, float64, error) {
		j := jobs[i]
		g, dpi, err := j.pixels()
		if err != nil {
			return nil, 0, err
		}
		if dpi == 0 && j.x1 > j.x0 { // from the image's size on the page
			dpi = float64(g.Bounds().Dx()) / ((j.x1 - j.x0) / 72)
		}
		return g, dpi, nil
	}
	ctx := rd.opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	pages, err := rd.opt.OCR.Pages(ctx, len(jobs), src, rd.opt.Progress)
	if err != nil {
		return nil, nil, err
	}
	items := make([][]item, len(jobs))
	info := make([]layout.OCRPage, len(jobs))
	for k, j := range jobs {
		p := pages[k]
		j.pc.addOCR(p, j)
		items[k] = layoutPage(j.pc)
		info[k] = layout.OCRPage{Page: j.page + 1, Source: j.source, DPI: math.Round(p.DPI), Skew: p.Skew,
			Words: len(p.Words), Conf: math.Round(p.Conf*1000) / 1000}
	}
	return items, info, nil
}

// ocrFonts stand for OCR'd text: no name (no legacy encoding), bold as
// the strokes say.
var (
	ocrRegular = &font{scale: 0.001, glyphs: map[uint32]glyphInfo{}}
	ocrBold    = &font{scale: 0.001, glyphs: map[uint32]glyphInfo{}, bold: true}
)

// addOCR puts the words and rulings OCR read into the page, mapped from
// the image onto its place on the page. The page keeps its own text
// (a signature stamp) unless the page was rendered, when OCR has read
// the stamp already.
func (pc *pageContent) addOCR(p *ocr.Page, j *scanJob) {
	sx, sy := (j.x1-j.x0)/p.W, (j.y1-j.y0)/p.H
	X := func(x float64) float64 { return j.x0 + x*sx }
	Y := func(y float64) float64 { return j.y0 + y*sy }
	kept := pc.glyphs[:0]
	for _, g := range pc.glyphs {
		if g.upright && (j.source != "render" || g.annot) {
			kept = append(kept, g)
		}
	}
	pc.glyphs = kept
	pc.w, pc.h = pc.dispW, pc.dispH
	pc.hs, pc.vs = nil, nil
	for _, h := range p.HRules {
		pc.hs = append(pc.hs, hline{Y(h.Y), X(h.X0), X(h.X1)})
	}
	for _, v := range p.VRules {
		pc.vs = append(pc.vs, vline{X(v.X), Y(v.Y0), Y(v.Y1)})
	}
	for i, w := range p.Words {
		f := ocrRegular
		if w.Bold {
			f = ocrBold
		}
		size := w.Size * sy
		conf := float32(math.Max(w.Conf, 0.001))
		if i > 0 && p.Words[i-1].Line == w.Line {
			prev := p.Words[i-1]
			// A space where tesseract saw one, unless the gap is wide
			// enough to part two columns (the header, a table's cells).
			if gap := (w.X0 - prev.X1) * sx; gap > 0 && gap < columnGap*size*0.8 {
				pc.glyphs = append(pc.glyphs, glyph{text: " ", font: f, x0: X(prev.X1), x1: X(w.X0), y: Y(w.Baseline),
					size: size, upright: true, space: true, seq: len(pc.glyphs), ocr: conf})
			}
		}
		pc.glyphs = append(pc.glyphs, glyph{text: w.Text, font: f, x0: X(w.X0), x1: X(w.X1), y: Y(w.Baseline),
			size: size, upright: true, seq: len(pc.glyphs), ocr: conf})
	}
}

// ocrConf returns whether the glyphs were read by OCR and their mean
// confidence by characters.
func ocrConf(gs []glyph) (bool, float64) {
	n, sum := 0, 0.0
	for _, g := range gs {
		if g.ocr > 0 && !g.space {
			c := len([]rune(g.text))
			n += c
			sum += float64(g.ocr) * float64(c)
		}
	}
	if n == 0 {
		return false, 0
	}
	return true, math.Round(sum/float64(n)*1000) / 1000
}

// noText is the error of a file without a text layer that OCR did not
// read.
func noText(chars, pages int) error {
	return fmt.Errorf("%w (%d characters on %d pages)", layout.ErrNoText, chars, pages)
}

// pageList writes page numbers for a message: "3, 4, 7".
func pageList(pages []int) string {
	parts := make([]string, len(pages))
	for i, p := range pages {
		parts[i] = strconv.Itoa(p)
	}
	return strings.Join(parts, ", ")
}

// ReadImages reads n page images (an image file's pages: a JPEG, PNG or
// multi-page TIFF) with opt.OCR and lays them out as a PDF's scanned pages
// are. Each page is as large as its image at its resolution.
func ReadImages(n int, src ocr.Source, opt Options) (*layout.Doc, error) {
	opt = opt.withDefaults()
	if opt.OCR == nil {
		return nil, fmt.Errorf("%w: no OCR engine", layout.ErrNoText)
	}
	rd := &reader{opt: opt}
	jobs := make([]*scanJob, n)
	sizes := make([]pageSize, n)
	for i := range jobs {
		jobs[i] = &scanJob{page: i, pc: &pageContent{num: i + 1}, source: "image"}
	}
	// The page's size is only known once its image is decoded: the
	// source sets it.
	pagedSrc := func(i int) (*image.Gray, float64, error) {
		g, dpi, err := src(i)
		if err != nil {
			return nil, 0, err
		}
		if dpi <= 0 || dpi > 2400 {
			dpi = float64(max(g.Bounds().Dx(), g.Bounds().Dy())) / 11.69 // an A4 sheet
		}
		j := jobs[i]
		j.x1, j.y1 = float64(g.Bounds().Dx())*72/dpi, float64(g.Bounds().Dy())*72/dpi
		j.pc.dispW, j.pc.dispH = j.x1, j.y1
		return g, dpi, nil
	}
	jobs0 := make([]*scanJob, n)
	copy(jobs0, jobs)
	for _, j := range jobs0 {
		j.pixels = func() (*image.Gray, float64, error) { return pagedSrc(j.page) }
	}
	items, info, err := rd.runScans(jobs)
	if err != nil {
		return nil, fmt.Errorf("%w: OCR: %v", layout.ErrNoText, err)
	}
	words := 0
	for i, j := range jobs {
		sizes[i] = pageSize{j.pc.w, j.pc.h}
		words += info[i].Words
	}
	if words == 0 {
		return nil, fmt.Errorf("%w: OCR found no text", layout.ErrNoText)
	}
	doc := &layout.Doc{Format: "image", Pages: n, OCR: info}
	doc.Blocks, _ = buildBlocks(items, sizes)
	doc.Warnings = rd.warnings
	return doc, nil
}
