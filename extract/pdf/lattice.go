package pdf

import (
	"math"
	"sort"
)

// Lattice tables: tables whose cell borders are drawn. Rulings that meet
// form a component; its distinct x and y positions form a grid; a grid
// cell joins its neighbour where the ruling between them is missing.

const (
	snapTol  = 2.0 // rulings this close are one grid line
	meetTol  = 2.5 // a ruling ends this close to another: they meet
	coverMin = 0.6 // share of a cell side a ruling must draw to border it
)

// grid is one ruled table on a page.
type grid struct {
	xs, ys []float64 // column and row boundaries, increasing
	// region[i][j] is the merged cell that grid cell (row i, col j) belongs to.
	region [][]int
	cells  []gridCell
}

// gridCell is a merged cell: rows r0..r1, columns c0..c1.
type gridCell struct {
	r0, r1, c0, c1 int
	glyphs         []glyph
}

func (g *grid) bbox() (x0, y0, x1, y1 float64) {
	return g.xs[0], g.ys[0], g.xs[len(g.xs)-1], g.ys[len(g.ys)-1]
}

// findGrids finds the ruled tables of a page.
func findGrids(hs []hline, vs []vline) []*grid {
	hs, vs = mergeH(hs), mergeV(vs)
	if len(hs) > maxGridRules || len(vs) > maxGridRules {
		hs, vs = hs[:min(len(hs), maxGridRules)], vs[:min(len(vs), maxGridRules)]
	}
	var out []*grid
	for _, c := range components(hs, vs) {
		if g := makeGrid(c.hs, c.vs); g != nil {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ys[0] < out[j].ys[0] })
	return out
}

// maxGridRules bounds the rulings considered on one page (the meeting
// test is quadratic).
const maxGridRules = 4000

// mergeH joins collinear horizontal rulings that touch or overlap.
func mergeH(hs []hline) []hline {
	sort.Slice(hs, func(i, j int) bool {
		if math.Abs(hs[i].y-hs[j].y) > 0.5 {
			return hs[i].y < hs[j].y
		}
		return hs[i].x0 < hs[j].x0
	})
	var out []hline
	for _, h := range hs {
		if n := len(out); n > 0 {
			p := &out[n-1]
			if math.Abs(p.y-h.y) <= 1 && h.x0 <= p.x1+meetTol {
				p.x1 = math.Max(p.x1, h.x1)
				continue
			}
		}
		out = append(out, h)
	}
	return out
}

func mergeV(vs []vline) []vline {
	sort.Slice(vs, func(i, j int) bool {
		if math.Abs(vs[i].x-vs[j].x) > 0.5 {
			return vs[i].x < vs[j].x
		}
		return vs[i].y0 < vs[j].y0
	})
	var out []vline
	for _, v := range vs {
		if n := len(out); n > 0 {
			p := &out[n-1]
			if math.Abs(p.x-v.x) <= 1 && v.y0 <= p.y1+meetTol {
				p.y1 = math.Max(p.y1, v.y1)
				continue
			}
		}
		out = append(out, v)
	}
	return out
}

type component struct {
	hs []hline
	vs []vline
}

func meets(h hline, v vline) bool {
	return v.x >= h.x0-meetTol && v.x <= h.x1+meetTol && h.y >= v.y0-meetTol && h.y <= v.y1+meetTol
}

// components groups rulings that meet, directly or through others.
func components(hs []hline, vs []vline) []component {
	parent := make([]int, len(hs)+len(vs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, h := range hs {
		for j, v := range vs {
			if meets(h, v) {
				a, b := find(i), find(len(hs)+j)
				if a != b {
					parent[a] = b
				}
			}
		}
	}
	byRoot := map[int]*component{}
	var order []int
	get := func(r int) *component {
		c, ok := byRoot[r]
		if !ok {
			c = &component{}
			byRoot[r] = c
			order = append(order, r)
		}
		return c
	}
	for i, h := range hs {
		c := get(find(i))
		c.hs = append(c.hs, h)
	}
	for j, v := range vs {
		c := get(find(len(hs) + j))
		c.vs = append(c.vs, v)
	}
	var out []component
	for _, r := range order {
		if c := byRoot[r]; len(c.hs) >= 2 && len(c.vs) >= 2 {
			out = append(out, *c)
		}
	}
	return out
}

// cluster returns the distinct positions of vals, snapping those closer
// than snapTol to their mean.
func cluster(vals []float64) []float64 {
	sort.Float64s(vals)
	var out []float64
	start := 0
	for i := 1; i <= len(vals); i++ {
		if i < len(vals) && vals[i]-vals[i-1] <= snapTol {
			continue
		}
		sum := 0.0
		for _, v := range vals[start:i] {
			sum += v
		}
		out = append(out, sum/float64(i-start))
		start = i
	}
	return out
}

// makeGrid builds the grid of one component, or nil when it is a single
// box (a framed paragraph, a stamp) rather than a table.
func makeGrid(hs []hline, vs []vline) *grid {
	var xv, yv []float64
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		xv = append(xv, v.x)
		minY, maxY = math.Min(minY, v.y0), math.Max(maxY, v.y1)
	}
	for _, h := range hs {
		yv = append(yv, h.y)
		minX, maxX = math.Min(minX, h.x0), math.Max(maxX, h.x1)
	}
	// Open sides (no outer border drawn) still bound the table.
	xv = append(xv, minX, maxX)
	yv = append(yv, minY, maxY)
	g := &grid{xs: dropThin(cluster(xv)), ys: dropThin(cluster(yv))}
	if len(g.xs) < 2 || len(g.ys) < 2 {
		return nil
	}
	g.merge(hs, vs)
	if len(g.cells) < 2 {
		return nil
	}
	return g
}

// dropThin removes boundaries that leave a band too thin to hold text
// (double borders, a border drawn twice slightly apart).
func dropThin(v []float64) []float64 {
	const minBand = 3.0
	out := v[:0]
	for i, x := range v {
		if len(out) > 0 && x-out[len(out)-1] < minBand && i < len(v)-1 {
			continue
		}
		if len(out) > 0 && x-out[len(out)-1] < minBand {
			out[len(out)-1] = x
			continue
		}
		out = append(out, x)
	}
	return out
}

// merge joins grid cells not separated by a ruling into cells.
func (g *grid) merge(hs []hline, vs []vline) {
	rows, cols := len(g.ys)-1, len(g.xs)-1
	id := func(i, j int) int { return i*cols + j }
	parent := make([]int, rows*cols)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[ra] = rb
		}
	}
	for i := 0; i < rows; i++ {
		for j := 0; j+1 < cols; j++ {
			if !vCovered(vs, g.xs[j+1], g.ys[i], g.ys[i+1]) {
				union(id(i, j), id(i, j+1))
			}
		}
	}
	for i := 0; i+1 < rows; i++ {
		for j := 0; j < cols; j++ {
			if !hCovered(hs, g.ys[i+1], g.xs[j], g.xs[j+1]) {
				union(id(i, j), id(i+1, j))
			}
		}
	}
	g.region = make([][]int, rows)
	index := map[int]int{}
	for i := 0; i < rows; i++ {
		g.region[i] = make([]int, cols)
		for j := 0; j < cols; j++ {
			r := find(id(i, j))
			k, ok := index[r]
			if !ok {
				k = len(g.cells)
				index[r] = k
				g.cells = append(g.cells, gridCell{r0: i, r1: i, c0: j, c1: j})
			}
			c := &g.cells[k]
			c.r0, c.r1 = min(c.r0, i), max(c.r1, i)
			c.c0, c.c1 = min(c.c0, j), max(c.c1, j)
			g.region[i][j] = k
		}
	}
}

// vCovered reports whether vertical rulings at x draw most of y0..y1.
func vCovered(vs []vline, x, y0, y1 float64) bool {
	var iv [][2]float64
	for _, v := range vs {
		if math.Abs(v.x-x) <= snapTol {
			iv = append(iv, [2]float64{v.y0, v.y1})
		}
	}
	return covered(iv, y0, y1)
}

func hCovered(hs []hline, y, x0, x1 float64) bool {
	var iv [][2]float64
	for _, h := range hs {
		if math.Abs(h.y-y) <= snapTol {
			iv = append(iv, [2]float64{h.x0, h.x1})
		}
	}
	return covered(iv, x0, x1)
}

// covered reports whether the intervals cover at least coverMin of lo..hi.
func covered(iv [][2]float64, lo, hi float64) bool {
	if hi <= lo {
		return true
	}
	sort.Slice(iv, func(i, j int) bool { return iv[i][0] < iv[j][0] })
	total, end := 0.0, lo
	for _, s := range iv {
		a, b := math.Max(s[0], end), math.Min(s[1], hi)
		if b > a {
			total += b - a
			end = b
		}
	}
	return total >= coverMin*(hi-lo)
}

// take moves a glyph into the cell under its centre; it reports whether
// the glyph lies in the table.
func (g *grid) take(gl glyph) bool {
	cx := (gl.x0 + gl.x1) / 2
	cy := gl.y - 0.3*gl.size
	x0, y0, x1, y1 := g.bbox()
	if cx < x0 || cx > x1 || cy < y0 || cy > y1 {
		return false
	}
	j := sort.SearchFloat64s(g.xs, cx) - 1
	i := sort.SearchFloat64s(g.ys, cy) - 1
	j = max(0, min(j, len(g.xs)-2))
	i = max(0, min(i, len(g.ys)-2))
	c := &g.cells[g.region[i][j]]
	c.glyphs = append(c.glyphs, gl)
	return true
}
