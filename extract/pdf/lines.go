package pdf

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"

	"vanban/vntext"
)

// Spacing, in ems of the font size. A gap between two glyphs wider than
// wordGap is a word break when no space glyph was drawn (text placed word
// by word, or spaced by TJ offsets). A gap wider than columnGap, less the
// spaces drawn in it, separates two columns of text set side by side;
// justified text in the fixtures never leaves more than 0.7 em.
const (
	wordGap   = 0.2
	columnGap = 1.2
	// baselineTol groups glyphs into one line when their baselines are
	// this close: enough for a superscript, far less than line spacing.
	baselineTol = 0.45
)

// tline is one line of text: glyphs in x order on one baseline.
type tline struct {
	glyphs []glyph // visible glyphs and spaces, sorted by x
	x0, x1 float64 // extent of the visible glyphs
	y      float64 // baseline
	size   float64 // dominant font size
	used   bool    // taken into a borderless table
}

// buildLines groups glyphs into lines by baseline, top to bottom; text
// running another way than the page's is read in its own direction.
func buildLines(gs []glyph) []tline {
	upright := make([]glyph, 0, len(gs))
	var rotated []glyph
	for _, g := range gs {
		if g.upright {
			upright = append(upright, g)
		} else {
			rotated = append(rotated, g)
		}
	}
	out := groupBaselines(upright)
	out = append(out, rotatedLines(rotated)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].y < out[j].y })
	return out
}

func groupBaselines(gs []glyph) []tline {
	if len(gs) == 0 {
		return nil
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y < gs[j].y })
	var out []tline
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) && gs[i].y-gs[start].y <= baselineTol*math.Max(math.Max(gs[start].size, gs[i].size), 1) {
			continue
		}
		if l, ok := makeLine(gs[start:i]); ok {
			out = append(out, l)
		}
		start = i
	}
	return out
}

// makeLine sorts a baseline group by x, drops the second copy of glyphs
// drawn twice (fake bold, shadows) and measures the line. It reorders gs
// in place.
func makeLine(gs []glyph) (tline, bool) {
	sort.SliceStable(gs, func(i, j int) bool {
		if d := gs[i].x0 - gs[j].x0; math.Abs(d) > 0.01 {
			return d < 0
		}
		return gs[i].seq < gs[j].seq
	})
	var l tline
	kept := gs[:0]
	for _, g := range gs {
		if !isDuplicate(kept, g) {
			kept = append(kept, g)
		}
	}
	l.glyphs = kept
	return measure(l)
}

// measure sets a line's extent, baseline and size from its glyphs; ok is
// false for a line of spaces only.
func measure(l tline) (tline, bool) {
	l.x0, l.x1 = math.Inf(1), math.Inf(-1)
	for _, g := range l.glyphs {
		if !g.space {
			l.x0 = math.Min(l.x0, g.x0)
			l.x1 = math.Max(l.x1, g.x1)
		}
	}
	if math.IsInf(l.x0, 0) {
		return l, false // only spaces
	}
	l.y, l.size = dominant(l.glyphs)
	return l, true
}

// isDuplicate reports whether g repeats one of the last glyphs kept at
// (nearly) the same place.
func isDuplicate(kept []glyph, g glyph) bool {
	for k := len(kept) - 1; k >= 0 && k >= len(kept)-3; k-- {
		p := kept[k]
		if p.text == g.text && math.Abs(p.x0-g.x0) < 0.15*g.size && math.Abs(p.y-g.y) < 0.15*g.size {
			return true
		}
	}
	return false
}

// dominant returns the baseline and size most of the line's text has.
func dominant(gs []glyph) (y, size float64) {
	count := map[float64]int{}
	best := 0
	for _, g := range gs {
		if g.space {
			continue
		}
		s := math.Round(g.size*2) / 2
		count[s]++
		if count[s] > best {
			best, size, y = count[s], g.size, g.y
		}
	}
	return y, size
}

// rotatedLines reads text that runs another way than the page's (a
// vertical label, a stamp): glyphs of each direction are turned so they
// run left to right, grouped into lines there, and each line is placed
// back where its first glyph stands on the page. Slanted text becomes one
// line per content-order run.
func rotatedLines(gs []glyph) []tline {
	byRot := map[int8][]glyph{}
	for _, g := range gs {
		byRot[g.rot] = append(byRot[g.rot], g)
	}
	var out []tline
	for rot, group := range byRot {
		if rot < 0 {
			out = append(out, slantedLines(group)...)
			continue
		}
		to := frameMap(int(rot), 0, 0)
		type anchor struct{ x, y float64 }
		where := map[int]anchor{}
		for i := range group {
			g := &group[i]
			where[g.seq] = anchor{g.x0, g.y}
			adv := g.x1 - g.x0
			g.x0, g.y = to(g.x0, g.y)
			g.x1 = g.x0 + adv
			g.upright = true
		}
		for _, l := range groupBaselines(group) {
			a := where[l.glyphs[0].seq]
			for _, g := range l.glyphs {
				if b := where[g.seq]; b.y < a.y || (b.y == a.y && b.x < a.x) {
					a = b
				}
			}
			l.y = a.y
			out = append(out, l)
		}
	}
	return out
}

// slantedLines makes one line per content-order run of slanted glyphs.
func slantedLines(gs []glyph) []tline {
	var out []tline
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) && math.Abs(gs[i].y-gs[i-1].y) < 2*gs[i].size && math.Abs(gs[i].x0-gs[i-1].x0) < 2*gs[i].size {
			continue
		}
		run := slices.Clone(gs[start:i])
		for k := range run {
			run[k].x1 = run[k].x0 // adjacent: words are kept in content order
		}
		out = append(out, tline{glyphs: run, x0: run[0].x0, x1: run[0].x0 + 1, y: run[0].y, size: run[0].size})
		start = i
	}
	return out
}

// split cuts a line where the gap between two visible glyphs, less the
// spaces drawn in it, is wider than gap ems (a blank left for a number is
// typed as spaces and stays one segment), unless what precedes is a list
// marker followed by a tab (when markers is set).
func (l tline) split(gap float64, markers bool) []tline {
	var out []tline
	start, lastVis := 0, -1
	spaced := 0.0 // width of the spaces drawn since lastVis
	for i, g := range l.glyphs {
		if g.space {
			spaced += g.x1 - g.x0
			continue
		}
		if lastVis >= 0 {
			open := g.x0 - l.glyphs[lastVis].x1 - spaced
			if open > gap*math.Max(g.size, l.size) && !(markers && isMarker(l.glyphs[start:i])) {
				if p, ok := measure(tline{glyphs: l.glyphs[start:i:i]}); ok {
					out = append(out, p)
				}
				start = i
			}
		}
		lastVis, spaced = i, 0
	}
	if start == 0 {
		return append(out, l)
	}
	if p, ok := measure(tline{glyphs: l.glyphs[start:]}); ok {
		out = append(out, p)
	}
	return out
}

// listMarker matches the number or bullet that opens a list item.
var listMarker = regexp.MustCompile(`^(?:[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|[IVXLC]{1,6}[.)]|[a-zđ][.)]|[-–+•*▪])$`)

func isMarker(gs []glyph) bool {
	var b strings.Builder
	for _, g := range gs {
		if !g.space {
			b.WriteString(g.text)
		}
		if b.Len() > 12 {
			return false
		}
	}
	return listMarker.MatchString(b.String())
}

// text returns the line's text: words separated where a space glyph was
// drawn or the gap is wide, legacy font encodings converted run by run,
// normalized.
func (l tline) text() string {
	var b, run strings.Builder
	var runFont *font
	flush := func() {
		if run.Len() == 0 {
			return
		}
		name := ""
		if runFont != nil {
			name = runFont.name
		}
		b.WriteString(vntext.Legacy(name, run.String()))
		run.Reset()
	}
	var prev *glyph
	var spaces []*glyph // drawn since prev
	for i := range l.glyphs {
		g := &l.glyphs[i]
		if g.space {
			if prev != nil && g.size >= 0.5*prev.size && g.x1 > prev.x1 {
				spaces = append(spaces, g)
			}
			continue
		}
		// Two words OCR recognised apart are two words, however close.
		ocrWords := prev != nil && prev.ocr > 0 && g.ocr > 0
		if prev != nil && (ocrWords || spaceBetween(spaces, prev, g) || g.x0-prev.x1 > wordGap*math.Max(g.size, prev.size)) {
			run.WriteByte(' ')
		}
		if g.font != runFont {
			flush()
			runFont = g.font
		}
		run.WriteString(g.text)
		prev, spaces = g, spaces[:0]
	}
	flush()
	return vntext.Text(b.String())
}

// spaceBetween reports whether one of the spaces drawn after prev
// separates it from g: it ends where g starts, on the baseline of g or
// prev, and comes from the page or annotation that drew one of them.
// Digits a signature annotation stamps over blanks lie on top of spaces
// that do not separate them from each other; but a run of blanks the
// page leaves right after a word, that a stamped number then covers
// ("số ······ /KH" stamped "362"), does separate that word from the
// number.
func spaceBetween(spaces []*glyph, prev, g *glyph) bool {
	for _, sp := range spaces {
		sameSource := sp.annot == g.annot || sp.annot == prev.annot
		onBaseline := math.Abs(sp.y-g.y) < 0.2*g.size || math.Abs(sp.y-prev.y) < 0.2*prev.size
		if sp.x1 <= g.x0+0.15*g.size && sameSource && onBaseline {
			return true
		}
		stampedOver := g.annot != prev.annot && sp.annot == prev.annot &&
			sp.x0 >= prev.x1-0.15*prev.size && sp.x0 < g.x0
		if stampedOver && onBaseline {
			return true
		}
	}
	return false
}

// style reports whether most of the line's characters are bold, italic.
func (l tline) style() (bold, italic bool) {
	nb, ni, n := 0, 0, 0
	for _, g := range l.glyphs {
		if g.space || g.font == nil {
			continue
		}
		n++
		if g.font.bold {
			nb++
		}
		if g.font.italic {
			ni++
		}
	}
	return n > 0 && 2*nb > n, n > 0 && 2*ni > n
}
