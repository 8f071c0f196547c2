// Package ocr reads scanned pages: it finds the rulings of tables in the
// page image, erases them, runs the tesseract command (Debian's
// tesseract-ocr with the Vietnamese model) for words with their boxes and
// confidence, and gives words and rulings in points, top-left origin — the
// geometry extract/pdf lays out for a born-digital page, so a scanned
// table is read by the same lattice code.
//
// The pixels come from the caller: extract/pdf takes a scanned page's
// image out of the file (or renders it with pdftoppm), package extract
// decodes JPEG, PNG and TIFF files. Before recognition a page is
// binarized (Otsu), deskewed (the angle whose horizontal projection is
// sharpest) and enlarged when scanned below 300 dpi.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Page is one scanned page as OCR read it. Coordinates are in points
// (1/72 inch) from the top-left corner of the page image.
type Page struct {
	W, H   float64
	DPI    float64 // resolution of the image read
	Skew   float64 // degrees the image was turned to level it
	Words  []Word
	HRules []HRule
	VRules []VRule
	Conf   float64 // mean confidence of the words, by characters, 0..1
}

// Word is one recognised word.
type Word struct {
	Text           string  // cleaned (see Clean)
	X0, Y0, X1, Y1 float64 // box
	Baseline       float64 // of its line
	Size           float64 // estimated font size of its line, points
	Line           int     // words read as one line share it
	Conf           float64 // 0..1
	Bold           bool    // stems markedly thicker than the page's
}

// HRule and VRule are rulings found in the image.
type HRule struct{ Y, X0, X1 float64 }
type VRule struct{ X, Y0, Y1 float64 }

// Engine runs tesseract. The zero value is not ready; use New.
type Engine struct {
	Command string // the tesseract program
	Lang    string // traineddata name
	PSM     int    // page segmentation mode
	Workers int    // pages read at once, one tesseract each
	// PageTimeout bounds one page's recognition.
	PageTimeout time.Duration
	// MinDPI: a page scanned below it is enlarged to it before
	// recognition (0: never).
	MinDPI float64
	// Raw turns off the language-model correction (see lexicon.go).
	Raw bool

	once  sync.Once
	avail error
}

// DefaultPSM is the page segmentation mode used: 4 (one column of text
// of variable sizes). bench/ocr.sh measured it against 3 (automatic) and
// 6 (one uniform block) on plan 58's pages with their rulings erased: see
// README.
const DefaultPSM = 4

// New returns an engine with the defaults: "tesseract", Vietnamese, one
// worker per core, 60 s per page.
func New() *Engine {
	return &Engine{Command: "tesseract", Lang: "vie", PSM: DefaultPSM, Workers: runtime.NumCPU(),
		PageTimeout: time.Minute, MinDPI: 300, Raw: os.Getenv("VANBAN_OCR_RAW") != ""}
}

// ErrUnavailable means OCR cannot run here: tesseract or its language
// model is not installed.
var ErrUnavailable = errors.New("OCR unavailable (tesseract-ocr, tesseract-ocr-vie)")

// Available reports whether tesseract and the language model are there;
// it asks once per engine.
func (e *Engine) Available() error {
	e.once.Do(func() {
		path, err := exec.LookPath(e.Command)
		if err != nil {
			e.avail = fmt.Errorf("%w: %v", ErrUnavailable, err)
			return
		}
		out, err := exec.Command(path, "--list-langs").CombinedOutput()
		if err != nil || !hasLine(string(out), e.Lang) {
			e.avail = fmt.Errorf("%w: no %q model", ErrUnavailable, e.Lang)
		}
	})
	return e.avail
}

func hasLine(s, want string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == want {
			return true
		}
	}
	return false
}

// Source gives the image of page i (0-based) and its resolution.
type Source func(i int) (*image.Gray, float64, error)

// Pages reads n pages, Workers at a time, calling progress (if not nil)
// after each page with the number done. The first error stops the rest.
func (e *Engine) Pages(ctx context.Context, n int, src Source, progress func(done, total int)) ([]*Page, error) {
	if err := e.Available(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]*Page, n)
	errs := make([]error, n)
	next := make(chan int)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for w := 0; w < max(1, min(e.Workers, n)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				img, dpi, err := src(i)
				if err == nil {
					out[i], err = e.Page(ctx, img, dpi)
				}
				if err != nil {
					errs[i] = fmt.Errorf("page %d: %w", i+1, err)
					cancel()
				}
				mu.Lock()
				done++
				if progress != nil && err == nil {
					progress(done, n)
				}
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < n; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}

// Page reads one page image scanned at dpi (0: unknown, taken from an A4
// sheet's size).
func (e *Engine) Page(ctx context.Context, g *image.Gray, dpi float64) (*Page, error) {
	if err := e.Available(); err != nil {
		return nil, err
	}
	if dpi <= 0 || dpi > 2400 {
		dpi = guessDPI(g)
	}
	pp := e.prepare(g, dpi)
	tsv, err := e.run(ctx, pp.img, pp.dpi)
	if err != nil {
		return nil, err
	}
	words, err := parseTSV(tsv)
	if err != nil {
		return nil, err
	}
	return pp.page(words), nil
}

// guessDPI assumes an A4 sheet (Nghị định 30 prescribes it): its long
// side is 11.69 inches.
func guessDPI(g *image.Gray) float64 {
	b := g.Bounds()
	return float64(max(b.Dx(), b.Dy())) / 11.69
}

// run pipes the image to tesseract as PGM and returns its TSV.
func (e *Engine) run(ctx context.Context, g *image.Gray, dpi float64) ([]byte, error) {
	if e.PageTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.PageTimeout)
		defer cancel()
	}
	var in bytes.Buffer
	in.Grow(len(g.Pix) + 32)
	if err := EncodePGM(&in, g); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, e.Command, "stdin", "stdout", "-l", e.Lang,
		"--psm", strconv.Itoa(e.PSM), "--dpi", strconv.Itoa(int(dpi+0.5)),
		"-c", "tessedit_do_invert=0", "tsv")
	// One thread per process: pages run in parallel, one per core, and
	// OpenMP threads on top of that only fight for the same cores.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdin = &in
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("tesseract: %w", ctx.Err())
		}
		return nil, fmt.Errorf("tesseract: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out.Bytes(), nil
}

// prepared is a page image ready for recognition, with what was learnt
// preparing it.
type prepared struct {
	img     *image.Gray // deskewed, enlarged, rulings erased
	bits    *bitmap     // its binarization
	dpi     float64     // of img
	srcDPI  float64     // of the scan: points are computed from it
	skew    float64
	hs, vs  []segment
	factor  float64 // img pixels per scan pixel
	pxPerPt float64
	raw     bool
}

func (e *Engine) prepare(g *image.Gray, dpi float64) *prepared {
	pp := &prepared{dpi: dpi, srcDPI: dpi, factor: 1, raw: e.Raw}
	if e.MinDPI > 0 && dpi < e.MinDPI*0.85 {
		pp.factor = e.MinDPI / dpi
		g = scale(g, pp.factor)
		pp.dpi = e.MinDPI
	}
	th := otsu(g)
	bm := binarize(g, th)
	if s := estimateSkew(bm); s <= -minSkew || s >= minSkew {
		pp.skew = s
		g = rotate(g, s)
		bm = binarize(g, th)
	} else {
		g = cloneGray(g)
	}
	pp.hs, pp.vs = findRulings(bm, pp.dpi)
	erase(g, pp.hs, pp.vs)
	eraseBits(bm, pp.hs, pp.vs)
	pp.img, pp.bits = g, bm
	pp.pxPerPt = pp.dpi / 72
	return pp
}

func cloneGray(g *image.Gray) *image.Gray {
	b := g.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		copy(out.Pix[y*out.Stride:][:b.Dx()], g.Pix[g.PixOffset(b.Min.X, b.Min.Y+y):])
	}
	return out
}

// page turns the recognised words and the rulings into points.
func (pp *prepared) page(words []tsvWord) *Page {
	pt := func(px int) float64 { return float64(px) / pp.pxPerPt }
	p := &Page{
		W: pt(pp.img.Bounds().Dx()), H: pt(pp.img.Bounds().Dy()), DPI: pp.srcDPI, Skew: pp.skew,
	}
	for _, h := range pp.hs {
		p.HRules = append(p.HRules, HRule{Y: h.mid() / pp.pxPerPt, X0: pt(h.a), X1: pt(h.b)})
	}
	for _, v := range pp.vs {
		p.VRules = append(p.VRules, VRule{X: v.mid() / pp.pxPerPt, Y0: pt(v.a), Y1: pt(v.b)})
	}
	words = pp.keepInked(words)
	lines := lineGeometry(words)
	stroke := pp.strokes(words)
	med := median(stroke)
	confSum, chars := 0.0, 0
	for i, w := range words {
		text := Clean(w.text)
		if text == "" {
			continue
		}
		lg := lines[lineID(w)]
		n := len([]rune(text))
		confSum += w.conf / 100 * float64(n)
		chars += n
		p.Words = append(p.Words, Word{
			Text: text, X0: pt(w.left), Y0: pt(w.top), X1: pt(w.left + w.w), Y1: pt(w.top + w.h),
			Baseline: lg.baseline / pp.pxPerPt, Size: lg.size / pp.pxPerPt,
			Line: lg.id, Conf: w.conf / 100, Bold: med > 0 && stroke[i] > boldStroke*med,
		})
	}
	if chars > 0 {
		p.Conf = confSum / float64(chars)
	}
	if !pp.raw {
		p.Words = correctLines(p.Words)
	}
	return p
}

// boldStroke: bold type's stems are this much thicker than the page's
// median (Times New Roman bold against regular: about 1.6).
const boldStroke = 1.3

// keepInked drops words over near-white boxes: tesseract invents text in
// blank cells from specks and the fringe of erased rulings.
func (pp *prepared) keepInked(words []tsvWord) []tsvWord {
	minInk := int(30 * (pp.dpi / 300) * (pp.dpi / 300))
	out := words[:0]
	for _, w := range words {
		ink := pp.bits.inkIn(w.left, w.top, w.left+w.w, w.top+w.h)
		if ink < minInk || float64(ink) < 0.04*float64(w.w*w.h) {
			continue
		}
		out = append(out, w)
	}
	return out
}

func (pp *prepared) strokes(words []tsvWord) []float64 {
	out := make([]float64, len(words))
	for i, w := range words {
		out[i] = pp.bits.strokeWidth(w.left, w.top, w.left+w.w, w.top+w.h)
	}
	return out
}

func median(v []float64) float64 {
	s := make([]float64, 0, len(v))
	for _, x := range v {
		if x > 0 {
			s = append(s, x)
		}
	}
	if len(s) == 0 {
		return 0
	}
	sort.Float64s(s)
	return s[len(s)/2]
}

type lineGeo struct {
	id             int
	baseline, size float64 // pixels
}

func lineID(w tsvWord) [3]int { return [3]int{w.block, w.par, w.line} }

// lineGeometry gives each tesseract line a baseline (the median bottom
// of its words: descenders are the minority) and a font size (the line
// box is about 0.8 em tall: ascenders, diacritics and descenders).
func lineGeometry(words []tsvWord) map[[3]int]lineGeo {
	bottoms := map[[3]int][]float64{}
	boxes := map[[3]int][2]int{}
	var order [][3]int
	for _, w := range words {
		k := lineID(w)
		if _, ok := bottoms[k]; !ok {
			order = append(order, k)
		}
		bottoms[k] = append(bottoms[k], float64(w.top+w.h))
		boxes[k] = [2]int{w.lineTop, w.lineBottom}
	}
	out := map[[3]int]lineGeo{}
	for i, k := range order {
		b := bottoms[k]
		sort.Float64s(b)
		h := float64(boxes[k][1] - boxes[k][0])
		out[k] = lineGeo{id: i + 1, baseline: b[len(b)/2], size: h / 0.8}
	}
	return out
}

// correctLines runs correct over each line of words, kept in their
// order within the page.
func correctLines(words []Word) []Word {
	var out []Word
	for start := 0; start < len(words); {
		end := start + 1
		for end < len(words) && words[end].Line == words[start].Line {
			end++
		}
		out = append(out, correct(words[start:end])...)
		start = end
	}
	return out
}
