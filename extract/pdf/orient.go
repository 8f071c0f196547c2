package pdf

import "math"

// Orientation. A page may show its text turned: a landscape table
// printed on a portrait page with /Rotate, or content drawn rotated. The
// page is read in the frame where most of its text runs left to right:
// glyph positions and rulings are turned into that frame; text running
// another way is kept as rotated runs.

// orient turns the page's glyphs (display space, advance in x1) and
// rulings into the frame of its dominant text direction.
func (pc *pageContent) orient() {
	var count [4]int
	for _, g := range pc.glyphs {
		if g.rot >= 0 && !g.space {
			count[g.rot]++
		}
	}
	r := 0
	for k := 1; k < 4; k++ {
		if count[k] > count[r] {
			r = k
		}
	}
	w, h := pc.w, pc.h
	to := frameMap(r, w, h)
	for i := range pc.glyphs {
		g := &pc.glyphs[i]
		x, y := to(g.x0, g.y)
		g.x0, g.x1, g.y = x, x+g.x1, y
		if g.rot >= 0 {
			g.rot = (g.rot - int8(r) + 4) % 4 // now relative to the frame
		}
		g.upright = g.rot == 0
	}
	var hs []hline
	var vs []vline
	add := func(a, b pt) {
		ax, ay := to(a.x, a.y)
		bx, by := to(b.x, b.y)
		if math.Abs(ay-by) < math.Abs(ax-bx) {
			hs = append(hs, hline{(ay + by) / 2, math.Min(ax, bx), math.Max(ax, bx)})
		} else {
			vs = append(vs, vline{(ax + bx) / 2, math.Min(ay, by), math.Max(ay, by)})
		}
	}
	if r != 0 {
		for _, l := range pc.hs {
			add(pt{l.x0, l.y}, pt{l.x1, l.y})
		}
		for _, l := range pc.vs {
			add(pt{l.x, l.y0}, pt{l.x, l.y1})
		}
		pc.hs, pc.vs = hs, vs
	}
	if r == 1 || r == 3 {
		pc.w, pc.h = h, w
	}
}

// frameMap maps display space to the frame where text of direction r
// runs left to right and lines follow downwards.
func frameMap(r int, w, h float64) func(x, y float64) (float64, float64) {
	switch r {
	case 1: // runs down; the next line is to the left
		return func(x, y float64) (float64, float64) { return y, w - x }
	case 2: // upside down
		return func(x, y float64) (float64, float64) { return w - x, h - y }
	case 3: // runs up; the next line is to the right
		return func(x, y float64) (float64, float64) { return h - y, x }
	}
	return func(x, y float64) (float64, float64) { return x, y }
}
