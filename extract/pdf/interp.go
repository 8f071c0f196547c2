package pdf

import (
	"math"
	"unicode/utf8"

	lib "github.com/ledongthuc/pdf"
)

// mat is an affine matrix [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f.
type mat [6]float64

var identity = mat{1, 0, 0, 1, 0, 0}

// mul returns m then n (m × n in PDF's row-vector convention).
func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m mat) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

func translate(x, y float64) mat { return mat{1, 0, 0, 1, x, y} }

// glyph is one shown character in display space (origin top-left, y down).
type glyph struct {
	text    string
	font    *font
	x0, x1  float64 // start and end along the baseline
	y       float64 // baseline
	size    float64 // font size as displayed
	rot     int8    // direction (see direction): in display space, then in the page's frame
	upright bool    // runs left to right in the page's frame
	space   bool    // white space
	annot   bool    // drawn by an annotation's appearance, not the page
	seq     int     // content order
	ocr     float32 // read by OCR with this confidence (0..1); 0 for drawn text
}

// hline and vline are rulings in display space.
type hline struct{ y, x0, x1 float64 }
type vline struct{ x, y0, y1 float64 }

// pageContent is what a page draws that the layout needs.
type pageContent struct {
	num int
	// unknown counts the glyphs drawn in a font whose text is unknown
	// (see font.noText).
	unknown int
	w, h    float64
	glyphs  []glyph
	hs      []hline
	vs      []vline
	// What a scanned page needs: the images it draws, its display size
	// before orientation.
	images       []imageUse
	dispW, dispH float64
}

// textChars counts the page's own characters, not its annotations'
// (a signature stamp on a scan is not a text layer).
func (pc *pageContent) textChars() int {
	n := 0
	for _, g := range pc.glyphs {
		if g.annot {
			continue
		}
		for _, r := range g.text {
			if isTextRune(r) {
				n++
			}
		}
	}
	return n
}

// gstate is the part of the graphics state the reader tracks.
type gstate struct {
	ctm                        mat
	font                       *font
	size, cs, ws, th, tl, rise float64
	strokeWhite, fillWhite     bool
}

// interp runs the content streams of one page.
type interp struct {
	rd    *reader
	page  *pageContent
	gs    gstate
	saved []gstate
	tm    mat
	tlm   mat
	res   *resources
	path  pathState
	forms map[string]bool // forms on the current Do chain
	depth int
	annot bool // running an annotation appearance: text only, no rulings
}

// maxSaved bounds q nesting; maxFormDepth bounds nested form XObjects.
const (
	maxSaved     = 256
	maxFormDepth = 12
)

// fallback is used when a text operator comes before any usable Tf.
var fallback = &font{scale: 0.001, missing: 500, glyphs: map[uint32]glyphInfo{}}

func (rd *reader) interpretPage(p pageInfo) *pageContent {
	// The glyphs of the page before are laid out and gone: their slice
	// holds this page's.
	pc := &pageContent{glyphs: rd.glyphs[:0]}
	base := pageMatrix(p.box, p.rotate)
	pc.w, pc.h = p.box[2]-p.box[0], p.box[3]-p.box[1]
	if p.rotate == 90 || p.rotate == 270 {
		pc.w, pc.h = pc.h, pc.w
	}
	in := &interp{rd: rd, page: pc, forms: map[string]bool{}}
	in.gs = gstate{ctm: base, th: 1}
	in.res = rd.resources(p.res, p.resRef)
	data := rd.pageContents(p.v)
	in.run(data)
	in.annotations(p.v, base)
	pc.dispW, pc.dispH = pc.w, pc.h
	pc.orient()
	return pc
}

// pageMatrix maps default user space to display space: origin at the
// top-left of the crop box, y down, the page's /Rotate applied.
func pageMatrix(b [4]float64, rotate int) mat {
	x0, y0, x1, y1 := b[0], b[1], b[2], b[3]
	switch rotate {
	case 90:
		return mat{0, 1, 1, 0, -y0, -x0}
	case 180:
		return mat{-1, 0, 0, 1, x1, -y0}
	case 270:
		return mat{0, -1, -1, 0, y1, x1}
	}
	return mat{1, 0, 0, -1, -x0, y1}
}

// pageContents decodes and joins the page's content streams.
func (rd *reader) pageContents(page lib.Value) []byte {
	c := page.Key("Contents")
	var parts []lib.Value
	switch c.Kind() {
	case lib.Stream:
		parts = []lib.Value{c}
	case lib.Array:
		for i := 0; i < c.Len() && i < 10000; i++ {
			parts = append(parts, c.Index(i))
		}
	}
	var out []byte
	for _, s := range parts {
		data, err := readStream(s, &rd.lim)
		if err != nil {
			rd.warn("PDF: nội dung một trang %s, phần đọc được vẫn được dùng", streamProblem(err))
		}
		if len(parts) == 1 {
			return data
		}
		out = append(out, data...)
		out = append(out, '\n')
	}
	return out
}

// run interprets one content stream.
func (in *interp) run(data []byte) {
	lx := lexer{b: data}
	var stk []operand
	for {
		v, kw, isOp, ok := lx.next()
		if !ok {
			return
		}
		if !isOp {
			if len(stk) < 64 {
				stk = append(stk, v)
			}
			continue
		}
		in.rd.ops++
		if in.rd.ops > in.rd.opt.MaxOps {
			if in.rd.ops == in.rd.opt.MaxOps+1 {
				in.rd.warn("PDF: quá nhiều lệnh vẽ, phần còn lại bị bỏ qua")
			}
			return
		}
		if string(kw) == "BI" {
			in.noteImage(lib.Value{}, true)
			lx.skipInlineImage()
		} else {
			in.do(string(kw), stk)
		}
		stk = stk[:0]
		lx.reset()
	}
}

// nums reads the last n operands as numbers; ok is false when missing.
func nums(stk []operand, n int) ([]float64, bool) {
	if len(stk) < n {
		return nil, false
	}
	out := make([]float64, n)
	for i, v := range stk[len(stk)-n:] {
		if v.kind != opNum {
			return nil, false
		}
		out[i] = v.num
	}
	return out, true
}

func num(stk []operand) (float64, bool) {
	if len(stk) == 0 || stk[len(stk)-1].kind != opNum {
		return 0, false
	}
	return stk[len(stk)-1].num, true
}

// do executes one operator.
func (in *interp) do(op string, stk []operand) {
	if in.textOp(op, stk) || in.pathOp(op, stk) {
		return
	}
	switch op {
	case "q":
		if len(in.saved) < maxSaved {
			in.saved = append(in.saved, in.gs)
		}
	case "Q":
		if n := len(in.saved); n > 0 {
			in.gs = in.saved[n-1]
			in.saved = in.saved[:n-1]
		}
	case "cm":
		if a, ok := nums(stk, 6); ok {
			in.gs.ctm = mat{a[0], a[1], a[2], a[3], a[4], a[5]}.mul(in.gs.ctm)
		}
	case "g", "rg", "k", "sc", "scn":
		in.gs.fillWhite = isWhite(stk)
	case "G", "RG", "K", "SC", "SCN":
		in.gs.strokeWhite = isWhite(stk)
	case "Do":
		if len(stk) > 0 && stk[len(stk)-1].kind == opName {
			in.doXObject(string(stk[len(stk)-1].str))
		}
	}
}

// isWhite reports whether color operands give white (gray 1, RGB 1 1 1,
// CMYK 0 0 0 0). A pattern or unknown color counts as not white.
func isWhite(stk []operand) bool {
	var vals []float64
	for _, v := range stk {
		if v.kind != opNum {
			return false
		}
		vals = append(vals, v.num)
	}
	switch len(vals) {
	case 1:
		return vals[0] >= 0.95
	case 3:
		return vals[0] >= 0.95 && vals[1] >= 0.95 && vals[2] >= 0.95
	case 4:
		return vals[0]+vals[1]+vals[2]+vals[3] <= 0.05
	}
	return false
}

// textOp executes text operators; it reports whether op was one.
func (in *interp) textOp(op string, stk []operand) bool {
	switch op {
	case "BT":
		in.tm, in.tlm = identity, identity
	case "ET":
	case "Tf":
		if len(stk) >= 2 && stk[len(stk)-2].kind == opName {
			in.gs.font = in.res.font(in.rd, string(stk[len(stk)-2].str))
		}
		if v, ok := num(stk); ok {
			in.gs.size = v
		}
	case "Tc":
		in.gs.cs, _ = num(stk)
	case "Tw":
		in.gs.ws, _ = num(stk)
	case "Tz":
		if v, ok := num(stk); ok {
			in.gs.th = v / 100
		}
	case "TL":
		in.gs.tl, _ = num(stk)
	case "Ts":
		in.gs.rise, _ = num(stk)
	case "Td":
		if a, ok := nums(stk, 2); ok {
			in.moveLine(a[0], a[1])
		}
	case "TD":
		if a, ok := nums(stk, 2); ok {
			in.gs.tl = -a[1]
			in.moveLine(a[0], a[1])
		}
	case "Tm":
		if a, ok := nums(stk, 6); ok {
			in.tm = mat{a[0], a[1], a[2], a[3], a[4], a[5]}
			in.tlm = in.tm
		}
	case "T*":
		in.moveLine(0, -in.gs.tl)
	case "Tj":
		if len(stk) > 0 && stk[len(stk)-1].kind == opStr {
			in.show(stk[len(stk)-1].str)
		}
	case "'":
		in.moveLine(0, -in.gs.tl)
		if len(stk) > 0 && stk[len(stk)-1].kind == opStr {
			in.show(stk[len(stk)-1].str)
		}
	case "\"":
		if len(stk) >= 3 {
			in.gs.ws, in.gs.cs = stk[len(stk)-3].num, stk[len(stk)-2].num
		}
		in.moveLine(0, -in.gs.tl)
		if len(stk) > 0 && stk[len(stk)-1].kind == opStr {
			in.show(stk[len(stk)-1].str)
		}
	case "TJ":
		if len(stk) > 0 && stk[len(stk)-1].kind == opArr {
			in.showArray(stk[len(stk)-1].arr)
		}
	default:
		return false
	}
	return true
}

func (in *interp) moveLine(tx, ty float64) {
	in.tlm = translate(tx, ty).mul(in.tlm)
	in.tm = in.tlm
}

func (in *interp) showArray(arr []operand) {
	for _, e := range arr {
		switch e.kind {
		case opStr:
			in.show(e.str)
		case opNum:
			in.tm = translate(-e.num/1000*in.gs.size*in.gs.th, 0).mul(in.tm)
		}
	}
}

// show shows a string: one glyph per code, each advancing the text
// matrix by its width plus character and word spacing.
func (in *interp) show(s []byte) {
	f := in.gs.font
	if f == nil {
		f = fallback
	}
	gs := &in.gs
	fs, th := gs.size, gs.th
	for len(s) > 0 {
		code, n := f.nextCode(s)
		single := n == 1 && s[0] == ' '
		s = s[n:]
		gi := f.glyph(code)
		if gi.text == "" && f.noText && !in.annot {
			in.page.unknown++
		}
		if gi.text != "" {
			in.emit(f, gi)
		}
		adv := gi.width*fs + gs.cs
		if single {
			adv += gs.ws
		}
		in.tm = translate(adv*th, 0).mul(in.tm)
	}
}

// emit records a glyph at the current text position.
func (in *interp) emit(f *font, gi glyphInfo) {
	gs := &in.gs
	trm := mat{gs.size * gs.th, 0, 0, gs.size, 0, gs.rise}.mul(in.tm).mul(gs.ctm)
	x0, y0 := trm.apply(0, 0)
	adv := math.Hypot(trm[0], trm[1])
	size := math.Hypot(trm[2], trm[3])
	if math.IsNaN(x0+y0+adv+size) || math.IsInf(x0+y0+adv+size, 0) {
		return
	}
	if len(in.page.glyphs) >= maxGlyphs {
		return
	}
	r, _ := utf8.DecodeRuneInString(gi.text)
	// Positions stay in display space until the page is oriented; x1
	// holds the advance meanwhile.
	in.page.glyphs = append(in.page.glyphs, glyph{
		text: gi.text, font: f, x0: x0, x1: gi.width * adv, y: y0, size: size,
		rot: direction(trm[0], trm[1]), space: !isTextRune(r) && r != 0xFFFD, annot: in.annot, seq: len(in.page.glyphs),
	})
}

// direction returns which way text with baseline vector (ax, ay) runs in
// display space: 0 right, 1 down, 2 left, 3 up, -1 slanted.
func direction(ax, ay float64) int8 {
	switch {
	case math.Abs(ay) <= 0.05*math.Abs(ax):
		if ax > 0 {
			return 0
		}
		return 2
	case math.Abs(ax) <= 0.05*math.Abs(ay):
		if ay > 0 {
			return 1
		}
		return 3
	}
	return -1
}

// maxGlyphs bounds the glyphs kept for one page.
const maxGlyphs = 500_000
