package ocr

import (
	"image"
	"sort"
)

// Rulings of a scanned table: long, thin runs of ink. Each row of the
// bitmap is scanned for runs of ink (bridging the small breaks a scan
// leaves in a printed line); runs long enough to be no letter are
// stacked with the overlapping runs of the rows next to them into one
// segment. Vertical rulings are found the same way in the transposed
// bitmap, and kept only where they join two horizontal rulings: stacked
// diacritics and tall letters ("Ệ", "l") fake short vertical lines, a
// table's border never stands alone.

// segment is a ruling in pixels: along the run direction from a to b, at
// the rows top..bottom (inclusive) across it.
type segment struct {
	a, b        int
	top, bottom int
	runs        []run // for erasing exactly what was found
}

type run struct{ row, a, b int } // b exclusive

func (s segment) mid() float64 { return float64(s.top+s.bottom) / 2 }

// ruleParams scale with the resolution.
type ruleParams struct {
	minLen   int // shortest run that is a ruling candidate
	maxGap   int // breaks bridged inside a run
	maxThick int // thicker than this is a filled area, not a ruling
	tol      int // a ruling ends this close to another: they meet
}

func paramsFor(dpi float64) ruleParams {
	return ruleParams{
		minLen:   int(0.22 * dpi),
		maxGap:   max(1, int(0.008*dpi)),
		maxThick: max(3, int(0.035*dpi)),
		tol:      max(3, int(0.025*dpi)),
	}
}

// runsOf finds the long runs of every row.
func runsOf(b *bitmap, p ruleParams, minLen int) []run {
	var out []run
	for y := 0; y < b.h; y++ {
		row := b.ink[y*b.w : (y+1)*b.w]
		start, last := -1, -1
		for x := 0; x <= b.w; x++ {
			if x < b.w && row[x] {
				if start < 0 || x-last-1 > p.maxGap {
					if start >= 0 && last+1-start >= minLen {
						out = append(out, run{y, start, last + 1})
					}
					start = x
				}
				last = x
			}
		}
		if start >= 0 && last+1-start >= minLen {
			out = append(out, run{y, start, last + 1})
		}
	}
	return out
}

// stack joins runs of neighbouring rows that overlap into segments; a
// segment thicker than maxThick is a filled area and is dropped.
func stack(runs []run, p ruleParams) []segment {
	var open, done []segment
	for _, r := range runs {
		joined := false
		for i := range open {
			s := &open[i]
			if r.row-s.bottom <= 2 && overlap(r.a, r.b, s.a, s.b) > 0 {
				s.a, s.b = min(s.a, r.a), max(s.b, r.b)
				s.bottom = max(s.bottom, r.row)
				s.runs = append(s.runs, r)
				joined = true
				break
			}
		}
		if !joined {
			open = append(open, segment{a: r.a, b: r.b, top: r.row, bottom: r.row, runs: []run{r}})
		}
		// Close the segments this row has passed.
		kept := open[:0]
		for _, s := range open {
			if r.row-s.bottom > 2 {
				done = append(done, s)
			} else {
				kept = append(kept, s)
			}
		}
		open = kept
	}
	done = append(done, open...)
	out := done[:0]
	for _, s := range done {
		if s.bottom-s.top+1 <= p.maxThick {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].top < out[j].top })
	return out
}

func overlap(a0, a1, b0, b1 int) int { return min(a1, b1) - max(a0, b0) }

// findRulings returns the horizontal and vertical rulings of a page.
func findRulings(b *bitmap, dpi float64) (hs, vs []segment) {
	p := paramsFor(dpi)
	hs = stack(runsOf(b, p, p.minLen), p)
	// Vertical rulings of a one-line row are short: the height of a line
	// of text plus padding.
	vcand := stack(runsOf(b.transpose(), p, int(0.12*dpi)), p)
	for _, v := range vcand {
		if joinsTwo(v, hs, p.tol) {
			vs = append(vs, v)
		}
	}
	// A horizontal ruling left without any vertical one is an underline
	// or a separator: still a ruling (erased, passed on), harmless to the
	// lattice, which needs both.
	return hs, vs
}

// joinsTwo reports whether vertical segment v (in transposed
// coordinates: a..b runs down the page, top..bottom across it) meets two
// horizontal rulings at different heights.
func joinsTwo(v segment, hs []segment, tol int) bool {
	x := int(v.mid())
	var ys []int
	for _, h := range hs {
		y := int(h.mid())
		if x < h.a-tol || x > h.b+tol || y < v.a-tol || y > v.b+tol {
			continue
		}
		if len(ys) == 0 || y-ys[len(ys)-1] > 2*tol {
			ys = append(ys, y)
		}
		if len(ys) >= 2 {
			return true
		}
	}
	return false
}

// erase paints the rulings white in g (one pixel of margin either side
// takes the scan's grey fringe), so that OCR reads the text alone.
func erase(g *image.Gray, hs, vs []segment) {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	for _, s := range hs {
		for _, r := range s.runs {
			for y := max(0, r.row-1); y <= min(h-1, r.row+1); y++ {
				row := g.Pix[y*g.Stride:]
				for x := max(0, r.a); x < min(w, r.b); x++ {
					row[x] = 255
				}
			}
		}
	}
	for _, s := range vs {
		for _, r := range s.runs { // r.row is x, a..b is y
			for x := max(0, r.row-1); x <= min(w-1, r.row+1); x++ {
				for y := max(0, r.a); y < min(h, r.b); y++ {
					g.Pix[y*g.Stride+x] = 255
				}
			}
		}
	}
}

// eraseBits clears the rulings in the bitmap too, so that ink counts in
// word boxes see the text alone.
func eraseBits(b *bitmap, hs, vs []segment) {
	for _, s := range hs {
		for _, r := range s.runs {
			for y := max(0, r.row-1); y <= min(b.h-1, r.row+1); y++ {
				clear(b.ink[y*b.w+max(0, r.a) : y*b.w+min(b.w, r.b)])
			}
		}
	}
	for _, s := range vs {
		for _, r := range s.runs {
			for x := max(0, r.row-1); x <= min(b.w-1, r.row+1); x++ {
				for y := max(0, r.a); y < min(b.h, r.b); y++ {
					b.ink[y*b.w+x] = false
				}
			}
		}
	}
}
