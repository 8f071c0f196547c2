package pdf

import (
	"math"
	"strings"
	"unicode"

	"vanban/extract/layout"
)

// Stream tables: tables drawn without rulings, found by alignment. A
// line cut into three or more segments opens a table; its segments give
// the columns (boundaries half way between them). The table goes on
// while lines fit the columns: no segment straddles a boundary and the
// vertical gap stays under two line heights. A line with text in the
// first column starts a row; other lines add to the row's cells. Lines
// are cut at every wide gap here, even after a list number: a table's
// STT column stands apart from its text.

const (
	minStreamCols = 3
	minStreamRows = 3
)

// streamTables finds borderless tables among lines (top to bottom); it
// marks the lines it takes as used.
func streamTables(lines []tline, width float64) []item {
	var out []item
	for i := 0; i < len(lines); {
		segs := lines[i].split(columnGap, false)
		if len(segs) < minStreamCols || !allWords(segs) {
			i++
			continue
		}
		st := newStreamTable(segs, width)
		end := st.extend(lines, i)
		if st.rowsWithCols() < minStreamRows {
			i++
			continue
		}
		for k := i; k < end; k++ {
			lines[k].used = true
		}
		out = append(out, st.item())
		i = end
	}
	return out
}

// allWords reports whether every segment has a letter: a header row
// names its columns (a row of numbers is a chart's labels).
func allWords(segs []tline) bool {
	for _, s := range segs {
		if !strings.ContainsFunc(s.text(), unicode.IsLetter) {
			return false
		}
	}
	return true
}

type streamTable struct {
	bounds []float64 // column boundaries: len = columns+1
	rows   [][][]string
	multi  []bool // the row has text in two columns or more
	top    float64
	bottom float64
}

func newStreamTable(header []tline, width float64) *streamTable {
	st := &streamTable{bounds: []float64{math.Min(0, header[0].x0)}}
	for k := 1; k < len(header); k++ {
		st.bounds = append(st.bounds, (header[k-1].x1+header[k].x0)/2)
	}
	st.bounds = append(st.bounds, math.Max(width, header[len(header)-1].x1))
	return st
}

// extend takes lines from start while they fit; it returns the index of
// the first line not taken.
func (st *streamTable) extend(lines []tline, start int) int {
	st.top = lines[start].y - lines[start].size
	prevY := lines[start].y
	k := start
	for ; k < len(lines); k++ {
		l := lines[k]
		if k > start && l.y-prevY > 2.2*math.Max(l.size, 1) {
			break
		}
		cols, ok := st.place(l.split(columnGap, false))
		if !ok {
			break
		}
		st.add(cols)
		prevY, st.bottom = l.y, l.y
	}
	return k
}

// place assigns segments to columns; ok is false when a segment
// straddles a boundary.
func (st *streamTable) place(segs []tline) (map[int]string, bool) {
	cols := map[int]string{}
	for _, s := range segs {
		c := st.column(s.x0 + 1)
		if c < 0 || st.column(s.x1-1) != c {
			return nil, false
		}
		if prev, ok := cols[c]; ok {
			cols[c] = prev + " " + s.text()
		} else {
			cols[c] = s.text()
		}
	}
	return cols, true
}

func (st *streamTable) column(x float64) int {
	for c := 0; c+1 < len(st.bounds); c++ {
		if x >= st.bounds[c] && x < st.bounds[c+1] {
			return c
		}
	}
	return -1
}

// add puts a line's cells into a new row (text in the first column, or
// the first line) or the current one.
func (st *streamTable) add(cols map[int]string) {
	_, first := cols[0]
	if first || len(st.rows) == 0 {
		st.rows = append(st.rows, make([][]string, len(st.bounds)-1))
		st.multi = append(st.multi, false)
	}
	r := st.rows[len(st.rows)-1]
	for c, s := range cols {
		if s != "" {
			r[c] = append(r[c], s)
		}
	}
	n := 0
	for _, lines := range r {
		if len(lines) > 0 {
			n++
		}
	}
	st.multi[len(st.rows)-1] = n >= 2
}

func (st *streamTable) rowsWithCols() int {
	n := 0
	for _, m := range st.multi {
		if m {
			n++
		}
	}
	return n
}

func (st *streamTable) item() item {
	t := &layout.Table{Cols: len(st.bounds) - 1}
	for _, r := range st.rows {
		var row layout.Row
		for c, lines := range r {
			row.Cells = append(row.Cells, layout.Cell{Col: c, Span: 1, Lines: lines})
		}
		t.Rows = append(t.Rows, row)
	}
	return item{y: st.top, y1: st.bottom, table: &ptable{t: t, xs: st.bounds}}
}
