package pdf

import (
	"math"
	"sort"

	"vanban/extract/layout"
)

// item is one block of a page with where it stands.
type item struct {
	y     float64 // top (tables) or baseline (lines)
	y1    float64 // bottom
	para  *layout.Para
	table *ptable
}

// ptable is a table read from one page, with the geometry that joining it
// to the next page's part needs.
type ptable struct {
	t  *layout.Table
	xs []float64 // column boundaries
}

// layoutPage turns a page's glyphs and rulings into items in reading
// order: ruled tables, borderless tables, paragraphs.
func layoutPage(pc *pageContent) []item {
	grids := findGrids(pc.hs, pc.vs)
	free := make([]glyph, 0, len(pc.glyphs))
	for _, gl := range pc.glyphs {
		inTable := false
		for _, g := range grids {
			if g.take(gl) {
				inTable = true
				break
			}
		}
		if !inTable {
			free = append(free, gl)
		}
	}
	var items []item
	for _, g := range grids {
		if t := g.table(); t != nil {
			_, y0, _, y1 := g.bbox()
			items = append(items, item{y: y0, y1: y1, table: &ptable{t: t, xs: g.xs}})
		} else {
			// A grid without rows of text is decoration: its text is
			// ordinary text.
			for _, c := range g.cells {
				free = append(free, c.glyphs...)
			}
		}
	}
	lines := buildLines(free)
	items = append(items, streamTables(lines, pc.w)...)
	for _, l := range lines {
		if l.used {
			continue
		}
		for _, s := range l.split(columnGap, true) {
			items = append(items, item{y: s.y, y1: s.y, para: s.para()})
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if math.Abs(a.y-b.y) > 2 {
			return a.y < b.y
		}
		return leftOf(a) < leftOf(b)
	})
	return items
}

func leftOf(it item) float64 {
	if it.para != nil {
		return it.para.X
	}
	return it.table.xs[0]
}

// para makes the Para of a line segment.
func (l tline) para() *layout.Para {
	bold, italic := l.style()
	isOCR, conf := ocrConf(l.glyphs)
	return &layout.Para{
		Text: l.text(), X: round1(l.x0), Right: round1(l.x1),
		Bold: bold, Italic: italic, Size: round1(l.size), OCR: isOCR, Conf: conf,
	}
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// table makes the layout table of a grid; nil when no cell has text.
func (g *grid) table() *layout.Table {
	t := &layout.Table{Cols: len(g.xs) - 1, Ruled: true}
	texts := make([][]string, len(g.cells))
	bold := make([]bool, len(g.cells))
	any := false
	for k, c := range g.cells {
		for _, l := range buildLines(c.glyphs) {
			if s := l.text(); s != "" {
				texts[k] = append(texts[k], s)
			}
		}
		bold[k] = mostlyBold(c.glyphs)
		any = any || len(texts[k]) > 0
	}
	if !any {
		return nil
	}
	for i := range g.region {
		var row layout.Row
		own := false
		for j := 0; j < len(g.xs)-1; j++ {
			k := g.region[i][j]
			c := g.cells[k]
			if c.c0 != j {
				continue // spanned
			}
			cell := layout.Cell{Col: j, Span: c.c1 - c.c0 + 1, Lines: texts[k], Bold: bold[k], Continued: c.r0 < i}
			cell.OCR, cell.Conf = ocrConf(c.glyphs)
			own = own || !cell.Continued
			row.Cells = append(row.Cells, cell)
		}
		if own && (rowHasText(row) || g.ys[i+1]-g.ys[i] >= minEmptyRow) {
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// minEmptyRow is the height below which a row without text is an
// artefact of rulings drawn slightly apart, not a row.
const minEmptyRow = 6.0

func rowHasText(r layout.Row) bool {
	for _, c := range r.Cells {
		if !c.Continued && len(c.Lines) > 0 {
			return true
		}
	}
	return false
}

func mostlyBold(gs []glyph) bool {
	n, b := 0, 0
	for _, g := range gs {
		if g.space || g.font == nil {
			continue
		}
		n++
		if g.font.bold {
			b++
		}
	}
	return n > 0 && 2*b > n
}
