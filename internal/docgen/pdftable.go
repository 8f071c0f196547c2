package docgen

import "math"

// A table is drawn as a word processor prints it: every cell a box (a
// vertical merge one box over its rows), rows as tall as their tallest
// cell, a row that reaches the foot of a page broken at a line and
// continued on the next (unless Table.KeepRows), the leading Header rows
// drawn again at the top of each page the table continues on, and a box
// cut by a page break closed at the foot and reopened at the top, its text
// flowing on from where it stopped.

// box is one drawn cell and the rows its vertical merge covers.
type box struct {
	col, span int
	r0, r1    int // first and last row covered
	lines     []string
	ends      []bool // ends[i]: line i ends a paragraph (not justified)
	cell      Cell
}

// rowSeg is the part of a row drawn on one page.
type rowSeg struct {
	row  int
	y, h float64
}

// slice is what the table draws on one page.
type slice struct {
	newPage    bool    // the slice starts a new page
	copyHeader bool    // the header rows are drawn again at headerY
	headerY    float64 // top of the copied header
	segs       []rowSeg
}

// tableLayout is a table measured for drawing.
type tableLayout struct {
	t       *Table
	xs      []float64 // left edge of each grid column, then the right edge
	size    float64
	lh      float64
	boxes   []*box
	heights []float64
	nHeader int // leading rows that repeat on each page
}

func (w *pdfWriter) table(t *Table) {
	L := w.measure(t)
	var slices []slice
	for try := 0; try < 20; try++ {
		slices = L.paginate(w.y, w.top(), w.bottom())
		if !L.growOverflows(slices) {
			break
		}
	}
	fl, _ := L.flow(slices)
	end := w.y
	for si, s := range slices {
		if s.newPage {
			w.newPage(w.landscape)
		}
		if s.copyHeader {
			w.drawHeaderCopy(L, s.headerY)
		}
		w.drawSlice(L, s, si, fl)
		if n := len(s.segs); n > 0 {
			end = s.segs[n-1].y + s.segs[n-1].h
		} else if s.copyHeader {
			end = s.headerY + L.headerHeight()
		}
	}
	w.y = end + 2*paraAfter
}

// measure places the columns, wraps every cell's text and sizes the rows.
func (w *pdfWriter) measure(t *Table) *tableLayout {
	size := t.FontSize
	if size <= 0 {
		size = w.doc.fontSize()
	}
	L := &tableLayout{t: t, size: size, lh: size * lineFactor}
	x := w.left()
	L.xs = append(L.xs, x)
	for _, cw := range t.colWidths(w.width()) {
		x += cw
		L.xs = append(L.xs, x)
	}
	for L.nHeader < len(t.Rows) && t.Rows[L.nHeader].Header {
		L.nHeader++
	}
	open := map[int]*box{} // merges by grid column
	for r, row := range t.Rows {
		col := 0
		for _, c := range row.Cells {
			if b := open[col]; c.VMerge == MergeContinue && b != nil {
				b.r1 = r
			} else {
				b := &box{col: col, span: c.span(), r0: r, r1: r, cell: c}
				b.lines, b.ends = w.cellLines(c, L.xs[col+c.span()]-L.xs[col]-2*padX, size)
				L.boxes = append(L.boxes, b)
				delete(open, col)
				if c.VMerge == MergeStart {
					open[col] = b
				}
			}
			col += c.span()
		}
	}
	L.sizeRows()
	return L
}

// cellLines wraps a cell's paragraphs to width; a numbered cell's first
// paragraph starts with the label Word renders. ends marks the lines that
// end a paragraph.
func (w *pdfWriter) cellLines(c Cell, width, size float64) (lines []string, ends []bool) {
	w.font(c.Bold, size)
	paras := c.paragraphs()
	if c.Number != nil {
		label, _ := w.nums.label(c.Number)
		if len(paras) == 0 {
			paras = []string{label}
		} else {
			paras = append([]string{label + " " + paras[0]}, paras[1:]...)
		}
	}
	for _, p := range paras {
		ls := w.wrap(p, width)
		for i := range ls {
			ends = append(ends, i == len(ls)-1)
		}
		lines = append(lines, ls...)
	}
	return lines, ends
}

// sizeRows makes each row as tall as its one-row cells, then lengthens
// the last row of each merge whose text needs more than its rows give.
func (L *tableLayout) sizeRows() {
	L.heights = make([]float64, len(L.t.Rows))
	for i := range L.heights {
		L.heights[i] = L.lh + 2*padY
	}
	for _, b := range L.boxes {
		if b.r0 == b.r1 {
			L.heights[b.r0] = math.Max(L.heights[b.r0], float64(len(b.lines))*L.lh+2*padY)
		}
	}
	for _, b := range L.boxes {
		need, have := float64(len(b.lines))*L.lh+2*padY, 0.0
		for r := b.r0; r <= b.r1; r++ {
			have += L.heights[r]
		}
		if have < need {
			L.heights[b.r1] += need - have
		}
	}
}

func (L *tableLayout) headerHeight() float64 {
	h := 0.0
	for r := 0; r < L.nHeader; r++ {
		h += L.heights[r]
	}
	return h
}

// paginate places the rows from y down, page after page.
func (L *tableLayout) paginate(y, top, bottom float64) []slice {
	slices := []slice{{}}
	cur := 0
	pageTop := top
	newPage := func(r int) {
		slices = append(slices, slice{newPage: true})
		cur = len(slices) - 1
		y = top
		if L.nHeader > 0 && r >= L.nHeader {
			slices[cur].copyHeader, slices[cur].headerY = true, y
			y += L.headerHeight()
		}
		pageTop = y
	}
	for r, h := range L.heights {
		if y > pageTop+eps && y+L.keptHeight(r) > bottom+eps {
			newPage(r)
		}
		for {
			room := bottom - y
			if h <= room+eps {
				slices[cur].segs = append(slices[cur].segs, rowSeg{r, y, h})
				y += h
				break
			}
			atTop := y <= pageTop+eps
			if (!L.t.KeepRows && r >= L.nHeader) || atTop {
				if k := math.Floor((room-2*padY)/L.lh + eps); k >= 1 {
					part := k*L.lh + 2*padY
					slices[cur].segs = append(slices[cur].segs, rowSeg{r, y, part})
					h -= k * L.lh
				}
			}
			newPage(r)
		}
	}
	return slices
}

// keptHeight returns the room row r needs on its page: its own height
// when it does not keep with the next row, else the rows it keeps with
// and the first line of the row after them.
func (L *tableLayout) keptHeight(r int) float64 {
	h := 0.0
	for ; r < len(L.heights); r++ {
		if !L.t.Rows[r].KeepWithNext && r >= L.nHeader {
			return h + math.Min(L.heights[r], L.lh+2*padY)
		}
		h += L.heights[r]
	}
	return h
}

// seg returns the part of box b drawn in slice s: its top and bottom,
// and whether it has one.
func (b *box) seg(s slice) (y0, y1 float64, ok bool) {
	for _, rs := range s.segs {
		if rs.row < b.r0 || rs.row > b.r1 {
			continue
		}
		if !ok {
			y0, ok = rs.y, true
		}
		y1 = rs.y + rs.h
	}
	return y0, y1, ok
}

// flowed is the part of a box's lines drawn in one slice: lines
// [from, to), the first one offset below the top padding.
type flowed struct {
	from, to int
	offset   float64
}

// flow hands each box's lines to its segments in page order, by slice and
// box index; it also returns how many lines of each box found a place.
func (L *tableLayout) flow(slices []slice) (map[[2]int]flowed, []int) {
	out := map[[2]int]flowed{}
	used := make([]int, len(L.boxes))
	for si, s := range slices {
		for bi, b := range L.boxes {
			y0, y1, ok := b.seg(s)
			if !ok {
				continue
			}
			capacity := int(math.Floor((y1-y0-2*padY)/L.lh + eps))
			left := len(b.lines) - used[bi]
			n := min(capacity, left)
			f := flowed{from: used[bi], to: used[bi] + n}
			if b.cell.VAlign == Middle && used[bi] == 0 && left <= capacity {
				f.offset = (y1 - y0 - 2*padY - float64(n)*L.lh) / 2
			}
			out[[2]int{si, bi}] = f
			used[bi] += n
		}
	}
	return out, used
}

// growOverflows lengthens the last row of every box whose text did not
// fit its segments (a merge cut by a page break loses the padding of the
// cut); it reports whether any did.
func (L *tableLayout) growOverflows(slices []slice) bool {
	_, used := L.flow(slices)
	grew := false
	for bi, b := range L.boxes {
		if d := len(b.lines) - used[bi]; d > 0 {
			L.heights[b.r1] += float64(d) * L.lh
			grew = true
		}
	}
	return grew
}

// drawSlice draws the boxes of slice si, one page's part of the table,
// with the lines fl gives them.
func (w *pdfWriter) drawSlice(L *tableLayout, s slice, si int, fl map[[2]int]flowed) {
	for bi, b := range L.boxes {
		y0, y1, ok := b.seg(s)
		if !ok {
			continue
		}
		f := fl[[2]int{si, bi}]
		w.drawBox(L, b, y0, y1, f.from, f.to, f.offset)
	}
}

// drawHeaderCopy draws the header rows again with their top at y.
func (w *pdfWriter) drawHeaderCopy(L *tableLayout, y float64) {
	tops := make([]float64, L.nHeader+1)
	tops[0] = y
	for r := 0; r < L.nHeader; r++ {
		tops[r+1] = tops[r] + L.heights[r]
	}
	for _, b := range L.boxes {
		if b.r1 >= L.nHeader {
			continue
		}
		y0, y1 := tops[b.r0], tops[b.r1+1]
		offset := 0.0
		if b.cell.VAlign == Middle {
			offset = (y1 - y0 - 2*padY - float64(len(b.lines))*L.lh) / 2
		}
		w.drawBox(L, b, y0, y1, 0, len(b.lines), offset)
	}
}

// drawBox draws a box's borders and its lines [from, to).
func (w *pdfWriter) drawBox(L *tableLayout, b *box, y0, y1 float64, from, to int, offset float64) {
	x0, x1 := L.xs[b.col], L.xs[b.col+b.span]
	if !L.t.Borderless {
		w.f.Line(x0, y0, x1, y0)
		w.f.Line(x0, y1, x1, y1)
		w.f.Line(x0, y0, x0, y1)
		w.f.Line(x1, y0, x1, y1)
	}
	w.font(b.cell.Bold, L.size)
	for i := from; i < to; i++ {
		align := b.cell.Align
		if align == Justify && b.ends[i] {
			align = Left
		}
		w.text(b.lines[i], x0+padX, x1-x0-2*padX, y0+padY+offset+float64(i-from)*L.lh, L.size, align)
	}
}
