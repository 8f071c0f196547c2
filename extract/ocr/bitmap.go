package ocr

import (
	"image"
	"math"
)

// bitmap is a binarized page: ink[y*w+x] is true for a dark pixel.
type bitmap struct {
	w, h int
	ink  []bool
}

// otsu returns the gray level that best separates ink from paper
// (Otsu's method on the histogram).
func otsu(g *image.Gray) uint8 {
	var hist [256]int
	b := g.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := g.Pix[g.PixOffset(b.Min.X, y):][:b.Dx()]
		for _, v := range row {
			hist[v]++
		}
	}
	total := b.Dx() * b.Dy()
	sum := 0.0
	for i, n := range hist {
		sum += float64(i * n)
	}
	var sumB, wB float64
	best, th := -1.0, 128
	for t := 0; t < 256; t++ {
		wB += float64(hist[t])
		if wB == 0 {
			continue
		}
		wF := float64(total) - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * hist[t])
		mB, mF := sumB/wB, (sum-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > best {
			best, th = v, t
		}
	}
	// A page with almost no ink has a meaningless split; keep ink dark.
	return uint8(min(th, 200))
}

// binarize marks pixels at or below the threshold as ink.
func binarize(g *image.Gray, th uint8) *bitmap {
	b := g.Bounds()
	bm := &bitmap{w: b.Dx(), h: b.Dy(), ink: make([]bool, b.Dx()*b.Dy())}
	for y := 0; y < bm.h; y++ {
		row := g.Pix[g.PixOffset(b.Min.X, b.Min.Y+y):][:bm.w]
		out := bm.ink[y*bm.w:][:bm.w]
		for x, v := range row {
			out[x] = v <= th
		}
	}
	return bm
}

// transpose returns the bitmap turned about its diagonal, so vertical
// runs can be found as horizontal ones.
func (b *bitmap) transpose() *bitmap {
	t := &bitmap{w: b.h, h: b.w, ink: make([]bool, len(b.ink))}
	const tile = 64
	for y0 := 0; y0 < b.h; y0 += tile {
		for x0 := 0; x0 < b.w; x0 += tile {
			for y := y0; y < min(y0+tile, b.h); y++ {
				for x := x0; x < min(x0+tile, b.w); x++ {
					t.ink[x*t.w+y] = b.ink[y*b.w+x]
				}
			}
		}
	}
	return t
}

// inkIn counts the ink pixels in a box (clipped to the bitmap).
func (b *bitmap) inkIn(x0, y0, x1, y1 int) int {
	x0, y0 = max(0, x0), max(0, y0)
	x1, y1 = min(b.w, x1), min(b.h, y1)
	n := 0
	for y := y0; y < y1; y++ {
		for _, v := range b.ink[y*b.w+x0 : y*b.w+x1] {
			if v {
				n++
			}
		}
	}
	return n
}

// strokeWidth is the mean length of the horizontal ink runs in a box:
// bold type draws thicker stems.
func (b *bitmap) strokeWidth(x0, y0, x1, y1 int) float64 {
	x0, y0 = max(0, x0), max(0, y0)
	x1, y1 = min(b.w, x1), min(b.h, y1)
	ink, runs := 0, 0
	for y := y0; y < y1; y++ {
		prev := false
		for _, v := range b.ink[y*b.w+x0 : y*b.w+x1] {
			if v {
				ink++
				if !prev {
					runs++
				}
			}
			prev = v
		}
	}
	if runs == 0 {
		return 0
	}
	return float64(ink) / float64(runs)
}

// Deskewing: the angle that makes the rows of ink sharpest. Ink points of
// a downsampled page are projected onto the vertical axis at each
// candidate angle; text lines and rulings give the most peaked profile
// (the largest sum of squared bin counts) when level.

const (
	maxSkew  = 5.0  // degrees searched either way
	minSkew  = 0.08 // below this a page is left as it is
	skewCell = 4    // downsampling for the estimate
)

// estimateSkew returns the page's skew in degrees (positive: the text
// runs down to the right, rotate counter-clockwise to fix).
func estimateSkew(b *bitmap) float64 {
	var xs, ys []float64
	for y := 0; y+skewCell <= b.h; y += skewCell {
		for x := 0; x+skewCell <= b.w; x += skewCell {
			if b.inkIn(x, y, x+skewCell, y+skewCell) >= 3 {
				xs = append(xs, float64(x/skewCell))
				ys = append(ys, float64(y/skewCell))
			}
		}
	}
	if len(xs) < 100 {
		return 0
	}
	score := func(deg float64) float64 {
		s, c := math.Sincos(deg * math.Pi / 180)
		bins := map[int]int{}
		for i := range xs {
			bins[int(math.Round(ys[i]*c-xs[i]*s))]++
		}
		t := 0.0
		for _, n := range bins {
			t += float64(n * n)
		}
		return t
	}
	best, bestScore := 0.0, score(0)
	search := func(lo, hi, step float64) {
		for a := lo; a <= hi+1e-9; a += step {
			if v := score(a); v > bestScore*1.0001 {
				best, bestScore = a, v
			}
		}
	}
	search(-maxSkew, maxSkew, 0.5)
	search(best-0.5, best+0.5, 0.1)
	search(best-0.1, best+0.1, 0.02)
	return best
}

// rotate turns g by deg degrees about its centre (bilinear, white
// outside), undoing a skew of deg.
func rotate(g *image.Gray, deg float64) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	s, c := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	for y := 0; y < h; y++ {
		dy := float64(y) - cy
		for x := 0; x < w; x++ {
			dx := float64(x) - cx
			// Source of the output pixel: rotate back by -deg.
			sx := c*dx - s*dy + cx
			sy := s*dx + c*dy + cy
			out.Pix[y*out.Stride+x] = sample(g, sx, sy)
		}
	}
	return out
}

func sample(g *image.Gray, x, y float64) uint8 {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	if x0 < 0 || y0 < 0 || x0+1 >= w || y0+1 >= h {
		return 255
	}
	fx, fy := x-float64(x0), y-float64(y0)
	i := y0*g.Stride + x0
	a, b := float64(g.Pix[i]), float64(g.Pix[i+1])
	c, d := float64(g.Pix[i+g.Stride]), float64(g.Pix[i+g.Stride+1])
	v := (a*(1-fx)+b*fx)*(1-fy) + (c*(1-fx)+d*fx)*fy
	return uint8(v + 0.5)
}

// scale resizes g by factor f (bilinear); OCR reads small type better
// when a low-resolution scan is enlarged to about 300 dpi.
func scale(g *image.Gray, f float64) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	nw, nh := int(float64(w)*f), int(float64(h)*f)
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	for y := 0; y < nh; y++ {
		sy := (float64(y)+0.5)/f - 0.5
		for x := 0; x < nw; x++ {
			sx := (float64(x)+0.5)/f - 0.5
			v := sample(g, math.Max(0, sx), math.Max(0, sy))
			if sx >= float64(w-1) || sy >= float64(h-1) {
				v = g.Pix[min(h-1, int(sy))*g.Stride+min(w-1, int(sx))]
			}
			out.Pix[y*out.Stride+x] = v
		}
	}
	return out
}
