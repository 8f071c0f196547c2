package pdf

import (
	"strconv"
	"strings"
	"unicode/utf8"

	lib "github.com/ledongthuc/pdf"
)

// font is what the reader needs of a PDF font: how to cut a string into
// codes, each code's text and advance width, and the style.
type font struct {
	name         string // BaseFont without the subset prefix (ABCDEF+)
	bold, italic bool
	cid          bool    // Type0: codes are cut by the encoding CMap
	scale        float64 // glyph space to text space (1/1000, or Type3 FontMatrix)

	first   int       // simple fonts: FirstChar
	widths  []float64 // simple fonts: Widths
	missing float64   // width of a code outside Widths
	cidW    map[uint32]float64
	dw      float64 // CID fonts: default width

	toUni *cmap // ToUnicode
	// noText marks a CID font whose codes have no known text: no
	// ToUnicode, or one that maps each glyph index to itself.
	noText bool
	encMap *cmap // embedded encoding CMap of a Type0 font
	enc    lib.TextEncoding
	glyphs map[uint32]glyphInfo
}

// glyphInfo is one decoded code.
type glyphInfo struct {
	text  string
	width float64 // in text space units per unit font size
}

// loadFont reads a font dictionary. It never fails: what cannot be read
// is defaulted so the text still flows.
func loadFont(v lib.Value, lim *limits) *font {
	f := &font{scale: 0.001, glyphs: map[uint32]glyphInfo{}}
	f.name = stripSubset(v.Key("BaseFont").Name())
	sub := v.Key("Subtype").Name()
	desc := v.Key("FontDescriptor")
	glyphCodes := false
	if sub == "Type0" {
		f.cid = true
		d := v.Key("DescendantFonts").Index(0)
		glyphCodes = codesAreGlyphs(d)
		if f.name == "" {
			f.name = stripSubset(d.Key("BaseFont").Name())
		}
		desc = d.Key("FontDescriptor")
		f.readCIDWidths(d)
		if enc := v.Key("Encoding"); enc.Kind() == lib.Stream {
			if data, err := readStreamMax(enc, lim, maxFontStream); err == nil {
				f.encMap = parseCMap(data)
			}
		}
	} else {
		f.first = int(v.Key("FirstChar").Int64())
		w := v.Key("Widths")
		n := w.Len()
		if n > 256 {
			n = 256
		}
		f.widths = make([]float64, n)
		for i := range f.widths {
			f.widths[i] = w.Index(i).Float64()
		}
		f.missing = desc.Key("MissingWidth").Float64()
		if n == 0 && f.missing == 0 {
			f.missing = standardWidth(f.name)
		}
		if sub == "Type3" {
			if m := v.Key("FontMatrix"); m.Len() == 6 && m.Index(0).Float64() != 0 {
				f.scale = m.Index(0).Float64()
			}
		}
	}
	tu := v.Key("ToUnicode")
	if !f.cid && (tu.Kind() != lib.Stream || v.Key("Encoding").Kind() != lib.Null) {
		// Without an Encoding the library's encoder is only its own
		// reading of ToUnicode, which parseCMap does better.
		f.enc = simpleEncoder(v)
	}
	if tu.Kind() == lib.Stream {
		if data, err := readStreamMax(tu, lim, maxFontStream); err == nil {
			f.toUni = parseCMap(data)
		}
	}
	if glyphCodes && f.toUni != nil && f.toUni.identity() {
		f.toUni = nil
	}
	f.noText = f.cid && f.toUni == nil
	f.style(desc)
	return f
}

// codesAreGlyphs reports whether a CID font's codes are its glyph
// indexes (an Identity CIDToGIDMap, or a CFF font, which has none), so
// that a ToUnicode mapping each code to itself is a producer's filler.
// A CIDToGIDMap stream means the codes are chosen by the producer, and
// producers that write one (fpdf, tcpdf) choose the Unicode code point,
// so the same identity mapping is then the truth.
func codesAreGlyphs(d lib.Value) bool {
	m := d.Key("CIDToGIDMap")
	return m.Kind() != lib.Stream
}

// simpleEncoder returns the library's decoder of a simple font's
// Encoding (base encodings and Differences glyph names), or nil.
func simpleEncoder(v lib.Value) (enc lib.TextEncoding) {
	defer func() {
		if recover() != nil {
			enc = nil
		}
	}()
	lf := &lib.Font{V: v}
	return lf.Encoder()
}

func (f *font) readCIDWidths(d lib.Value) {
	f.dw = 1000
	if dw := d.Key("DW"); dw.Kind() == lib.Integer || dw.Kind() == lib.Real {
		f.dw = dw.Float64()
	}
	f.cidW = map[uint32]float64{}
	w := d.Key("W")
	n := w.Len()
	for i := 0; i < n; {
		first := w.Index(i)
		if i+1 >= n {
			break
		}
		second := w.Index(i + 1)
		if second.Kind() == lib.Array {
			c := uint32(first.Int64())
			for k := 0; k < second.Len() && len(f.cidW) < 1<<17; k++ {
				f.cidW[c+uint32(k)] = second.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		lo, hi, wd := uint32(first.Float64()), uint32(second.Float64()), w.Index(i+2).Float64()
		for c := lo; c <= hi && c-lo < 1<<17 && len(f.cidW) < 1<<17; c++ {
			f.cidW[c] = wd
		}
		i += 3
	}
}

// style sets bold and italic from the font name and descriptor.
func (f *font) style(desc lib.Value) {
	n := strings.ToLower(f.name)
	for _, k := range []string{"bold", "black", "heavy", "semibold", "demi"} {
		if strings.Contains(n, k) {
			f.bold = true
		}
	}
	f.italic = strings.Contains(n, "italic") || strings.Contains(n, "oblique")
	flags := desc.Key("Flags").Int64()
	if flags&(1<<18) != 0 || desc.Key("FontWeight").Float64() >= 600 {
		f.bold = true
	}
	if flags&(1<<6) != 0 || desc.Key("ItalicAngle").Float64() != 0 {
		f.italic = true
	}
}

// stripSubset drops the "ABCDEF+" prefix of an embedded subset.
func stripSubset(name string) string {
	if len(name) > 7 && name[6] == '+' {
		for i := 0; i < 6; i++ {
			if name[i] < 'A' || name[i] > 'Z' {
				return name
			}
		}
		return name[7:]
	}
	return name
}

// standardWidth guesses a glyph width for a font without Widths (one of
// the standard 14): monospaced Courier is exact, others get an average.
func standardWidth(name string) float64 {
	if strings.Contains(strings.ToLower(name), "courier") {
		return 600
	}
	return 500
}

// nextCode cuts the first code off s: its value and byte length.
func (f *font) nextCode(s []byte) (uint32, int) {
	if !f.cid {
		return uint32(s[0]), 1
	}
	n := 2
	if f.encMap != nil {
		n = f.encMap.codeLen(s, 0)
	}
	if n == 0 && f.toUni != nil {
		n = f.toUni.codeLen(s, 0)
	}
	if n == 0 {
		n = 2
	}
	if n > len(s) {
		n = len(s)
	}
	return codeValue(s[:n]), n
}

// glyph returns the decoded code, cached.
func (f *font) glyph(code uint32) glyphInfo {
	if g, ok := f.glyphs[code]; ok {
		return g
	}
	g := glyphInfo{text: f.decode(code), width: f.width(code) * f.scale}
	if len(f.glyphs) < 1<<16 {
		f.glyphs[code] = g
	}
	return g
}

func (f *font) width(code uint32) float64 {
	if f.cid {
		cid := code
		if f.encMap != nil {
			cid = f.encMap.cid(code)
		}
		if w, ok := f.cidW[cid]; ok {
			return w
		}
		return f.dw
	}
	i := int(code) - f.first
	if i >= 0 && i < len(f.widths) {
		return f.widths[i]
	}
	return f.missing
}

func (f *font) decode(code uint32) string {
	if f.toUni != nil {
		if s, ok := f.toUni.text(code); ok {
			return s
		}
	}
	if f.cid {
		return "" // a CID without ToUnicode has no known text
	}
	if f.enc != nil {
		if s := safeDecode(f.enc, string([]byte{byte(code)})); s != "" && s != "\uFFFD" {
			return s
		}
	}
	if code >= 32 && code < 127 {
		return string(rune(code))
	}
	return ""
}

func safeDecode(enc lib.TextEncoding, raw string) (s string) {
	defer func() {
		if recover() != nil {
			s = ""
		}
	}()
	s = enc.Decode(raw)
	if !utf8.ValidString(s) {
		return ""
	}
	return s
}

// glyphNameRune understands the uniXXXX and uXXXX[XX] glyph names.
func glyphNameRune(name string) (rune, bool) {
	hexPart := ""
	switch {
	case strings.HasPrefix(name, "uni") && len(name) == 7:
		hexPart = name[3:]
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		hexPart = name[1:]
	default:
		return 0, false
	}
	v, err := strconv.ParseUint(hexPart, 16, 32)
	if err != nil || v > utf8.MaxRune {
		return 0, false
	}
	return rune(v), true
}
