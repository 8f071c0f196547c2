package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanban/extract/layout"
	"vanban/vntext"
)

// paraOut is a paragraph as read: its lines (split at w:br), formatting
// statistics and the blocks of the text boxes it anchors.
type paraOut struct {
	lines  []string // normalized, possibly empty
	tabs   []string // tab-separated parts, when tabs separate text
	center bool
	stats  fmtStats
	boxes  []item
}

// fmtStats counts a text's non-space characters by formatting, so that
// the majority decides.
type fmtStats struct {
	total, bold, italic int
	sizes               map[float64]int
}

func (s *fmtStats) add(n int, rp runProps) {
	if n == 0 {
		return
	}
	s.total += n
	if rp.isBold() {
		s.bold += n
	}
	if rp.isItalic() {
		s.italic += n
	}
	if rp.size > 0 {
		if s.sizes == nil {
			s.sizes = map[float64]int{}
		}
		s.sizes[rp.size] += n
	}
}

func (s *fmtStats) merge(o fmtStats) {
	s.total += o.total
	s.bold += o.bold
	s.italic += o.italic
	for k, v := range o.sizes {
		if s.sizes == nil {
			s.sizes = map[float64]int{}
		}
		s.sizes[k] += v
	}
}

func (s fmtStats) isBold() bool   { return s.bold*2 > s.total }
func (s fmtStats) isItalic() bool { return s.italic*2 > s.total }

// size is the size most characters have (the smaller on a tie).
func (s fmtStats) size() float64 {
	best, n := 0.0, 0
	for k, v := range s.sizes {
		if v > n || (v == n && k < best) {
			best, n = k, v
		}
	}
	return best
}

// bodyText is the paragraph as body text: its lines joined by spaces.
// The lines are normalized already, and so is their join.
func (po *paraOut) bodyText() string {
	if len(po.lines) == 1 {
		return po.lines[0]
	}
	var b strings.Builder
	for _, l := range po.lines {
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String()
}

func (po *paraOut) layoutPara(text string) *layout.Para {
	return &layout.Para{
		Text:   text,
		Bold:   po.stats.isBold(),
		Italic: po.stats.isItalic(),
		Center: po.center,
		Size:   po.stats.size(),
		Tabs:   po.tabs,
	}
}

// paraBuilder accumulates a paragraph's text. Consecutive text of one
// font is converted by vntext.Legacy at once, since a legacy encoding
// may spell a letter over two bytes that Word split into two runs.
type paraBuilder struct {
	lines   []string
	tabs    []string // set by finish
	line    strings.Builder
	font    string
	pending strings.Builder
}

func (b *paraBuilder) text(font, s string) {
	if font != b.font {
		b.flush()
		b.font = font
	}
	b.pending.WriteString(s)
}

func (b *paraBuilder) flush() {
	if b.pending.Len() > 0 {
		b.line.WriteString(vntext.Legacy(b.font, b.pending.String()))
		b.pending.Reset()
	}
}

func (b *paraBuilder) literal(s string) {
	b.flush()
	b.line.WriteString(s)
}

func (b *paraBuilder) newLine() {
	b.flush()
	b.lines = append(b.lines, b.line.String())
	b.line.Reset()
}

func (b *paraBuilder) finish() []string {
	b.newLine()
	b.tabs = tabParts(b.lines)
	for i, l := range b.lines {
		b.lines[i] = vntext.Text(l)
	}
	return b.lines
}

// tabParts splits raw lines at their tabs, returning the normalized parts
// when at least two of them hold text, else nil.
func tabParts(lines []string) []string {
	var parts []string
	for _, l := range lines {
		for _, part := range strings.Split(l, "\t") {
			if t := vntext.Text(part); t != "" {
				parts = append(parts, t)
			}
		}
	}
	if len(parts) < 2 || !strings.Contains(strings.Join(lines, ""), "\t") {
		return nil
	}
	return parts
}

// skippedInline names elements inside a paragraph that hold no visible
// text of the paragraph.
var skippedInline = map[string]bool{
	"del": true, "moveFrom": true, "instrText": true, "delText": true, "delInstrText": true,
	"footnoteReference": true, "endnoteReference": true, "commentReference": true,
	"annotationRef": true, "sdtPr": true, "sdtEndPr": true, "fldData": true,
	"customXmlPr": true, "smartTagPr": true, "pPrChange": true, "rPrChange": true,
	"softHyphen": true, "object": true, "lastRenderedPageBreak": true,
}

// paraState is the walk through one paragraph.
type paraState struct {
	p        *parser
	nest     int
	out      paraOut
	b        paraBuilder
	pPr      *pPrXML
	props    paraProps
	base     runProps
	resolved bool
	run      runProps
	runDepth int // depth of the open w:r, -1 when none
}

// paragraph reads a w:p whose start was just read.
func (p *parser) paragraph(nest int) (*paraOut, error) {
	s := &paraState{p: p, nest: nest, runDepth: -1}
	if err := s.walk(); err != nil {
		return nil, err
	}
	s.resolve()
	p.fields.paragraphEnd()
	lines := s.b.finish()
	if n := p.num.next(s.props.num); n != "" {
		lines[0] = vntext.Text(n + " " + lines[0])
	}
	s.out.lines = lines
	s.out.tabs = s.b.tabs
	s.out.center = s.props.center
	if s.out.stats.total == 0 {
		s.out.stats.add(1, s.props.mark)
	}
	return &s.out, nil
}

// resolve works out the paragraph's properties once its pPr (which comes
// first) has been read.
func (s *paraState) resolve() {
	if !s.resolved {
		s.props, s.base = s.p.st.paragraph(s.pPr)
		s.run = s.base
		s.resolved = true
	}
}

func (s *paraState) walk() error {
	p := s.p
	depth := 0
	var ac altContent
	for {
		tok, err := p.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !isW(t.Name) {
				enter, err := p.foreign(t, &ac)
				if err != nil {
					return err
				}
				if enter {
					depth++
				}
				continue
			}
			enter, err := s.element(t, depth)
			if err != nil {
				return err
			}
			if enter {
				depth++
			}
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
			ac.end(t)
			if depth == s.runDepth && isW(t.Name) && t.Name.Local == "r" {
				s.run, s.runDepth = s.base, -1
			}
		}
	}
}

// element handles a WordprocessingML element in the paragraph, reporting
// whether the walk enters it (its end tag is still to come).
func (s *paraState) element(t xml.StartElement, depth int) (bool, error) {
	p := s.p
	name := t.Name.Local
	switch {
	case name == "pPr" && !s.resolved:
		var x pPrXML
		if err := p.d.DecodeElement(&x, &t); err != nil {
			return false, p.xmlErr(err)
		}
		s.pPr = &x
		s.resolve()
		return false, nil
	case name == "r":
		s.resolve()
		s.run, s.runDepth = s.base, depth
		return true, nil
	case name == "rPr" && s.runDepth >= 0:
		var x rPrXML
		if err := p.d.DecodeElement(&x, &t); err != nil {
			return false, p.xmlErr(err)
		}
		s.run = p.st.run(s.base, &x)
		return false, nil
	case name == "t":
		var text string
		if err := p.d.DecodeElement(&text, &t); err != nil {
			return false, p.xmlErr(err)
		}
		s.addText(text)
		return false, nil
	case name == "txbxContent":
		return false, s.textBox()
	case skippedInline[name], name == "pPr", name == "rPr":
		return false, p.skip()
	case charElements[name]:
		s.special(t)
		return false, p.skip()
	}
	// Wrappers (w:hyperlink, w:smartTag, w:sdt, w:ins, w:fldSimple,
	// w:drawing…) are read through.
	return true, nil
}

// charElements stand for characters or mark fields.
var charElements = map[string]bool{
	"tab": true, "ptab": true, "br": true, "cr": true, "noBreakHyphen": true,
	"sym": true, "fldChar": true,
}

// special handles a charElements element.
func (s *paraState) special(t xml.StartElement) {
	switch t.Name.Local {
	case "tab", "ptab":
		s.addLiteral("\t")
	case "br", "cr":
		if s.visible() {
			s.b.newLine()
		}
	case "noBreakHyphen":
		s.addLiteral("-")
	case "sym":
		s.addLiteral(symbol(attr(t, "font"), attr(t, "char")))
	case "fldChar":
		switch attr(t, "fldCharType") {
		case "begin":
			s.p.fields.begin()
		case "separate":
			s.p.fields.separate()
		case "end":
			s.p.fields.end()
		}
	}
}

func (s *paraState) visible() bool {
	return s.p.fields.visible() && !s.run.isHidden()
}

func (s *paraState) addText(text string) {
	if !s.visible() {
		return
	}
	s.resolve()
	n := 0
	for _, r := range text {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	s.out.stats.add(n, s.run)
	s.b.text(s.run.font, text)
}

func (s *paraState) addLiteral(text string) {
	if text == "" || !s.visible() {
		return
	}
	s.out.stats.add(utf8.RuneCountInString(strings.TrimSpace(text)), s.run)
	s.b.literal(text)
}

// textBox reads a w:txbxContent's blocks to follow the paragraph.
func (s *paraState) textBox() error {
	if s.nest >= s.p.limits.MaxNesting {
		s.p.warn("text boxes nested too deep, inner ones skipped")
		return s.p.skip()
	}
	// The anchor's field state does not reach into the box.
	saved := s.p.fields
	s.p.fields = nil
	err := s.p.blocks(s.nest+1, nil, func(it item) { s.out.boxes = append(s.out.boxes, it) })
	s.p.fields = saved
	return err
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// symbol maps a w:sym character of the Symbol or Wingdings fonts to
// Unicode; characters it does not know are dropped.
func symbol(font, char string) string {
	c, err := strconv.ParseUint(strings.TrimSpace(char), 16, 32)
	if err != nil {
		return ""
	}
	pua := c >= 0xF000 && c <= 0xF0FF
	if pua {
		c -= 0xF000 // symbol fonts live in the private use area
	}
	font = strings.ToLower(font)
	switch {
	case strings.HasPrefix(font, "wingdings"):
		return wingdings[c]
	case strings.HasPrefix(font, "symbol"):
		return symbolFont[c]
	case !pua && c < 0xD800 && unicode.IsPrint(rune(c)):
		return string(rune(c)) // a Unicode character written as a symbol
	}
	return ""
}

var symbolFont = map[uint64]string{
	0x2D: "-", 0xB7: "•", 0xD7: "×", 0xB3: "≥", 0xA3: "≤", 0xB1: "±",
	0xAE: "→", 0xDE: "⇒", 0xB0: "°", 0xB8: "÷", 0xB9: "≠", 0xBB: "≈",
	0xA5: "∞", 0xE0: "◊", 0xBE: "—", 0x2A: "*", 0x2B: "+", 0x3D: "=",
}

var wingdings = map[uint64]string{
	0x9F: "•", 0xA7: "▪", 0xA8: "☐", 0x6F: "☐", 0x71: "❑", 0x6E: "■",
	0xFC: "✓", 0xFB: "✗", 0xFD: "☒", 0xFE: "☑", 0xD8: "➢", 0xE0: "→",
	0xE8: "➔", 0x76: "❖", 0x77: "◆", 0x6C: "●", 0xA1: "○",
}
