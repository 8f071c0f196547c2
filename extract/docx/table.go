package docx

import (
	"encoding/xml"

	"vanban/extract/layout"
)

type tblPrXML struct {
	Style   *valAttr    `xml:"tblStyle"`
	Borders *bordersXML `xml:"tblBorders"`
}

// trPrXML is the subset of row properties vanban uses; w:gridAfter needs
// nothing, since the grid's width comes from w:tblGrid.
type trPrXML struct {
	Header     *onOff   `xml:"tblHeader"`
	GridBefore *valAttr `xml:"gridBefore"`
}

type tcPrXML struct {
	GridSpan *valAttr    `xml:"gridSpan"`
	VMerge   *valAttr    `xml:"vMerge"`
	HMerge   *valAttr    `xml:"hMerge"`
	Borders  *bordersXML `xml:"tcBorders"`
}

// maxGrid bounds a table's declared grid, which only a damaged file
// makes larger.
const maxGrid = 1000

// tableState is the walk through one w:tbl.
type tableState struct {
	tbl      layout.Table
	style    string
	borders  borderSet
	gridCols int
	meta     [][]cellMeta // per row and cell, beside tbl.Rows
}

// cellMeta is what the table needs of a cell once all rows are read:
// its w:vMerge/w:hMerge state and the borders it sets.
type cellMeta struct {
	v, h    string // "", "restart" or "continue"
	borders borderSet
}

// cellOut is a cell as read, with what the table needs to place it.
type cellOut struct {
	cell  layout.Cell
	meta  cellMeta
	stats fmtStats
}

// table reads a w:tbl whose start was just read.
func (p *parser) table(nest int) (*layout.Table, error) {
	ts := &tableState{}
	depth := 0
	var ac altContent
	for {
		tok, err := p.token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !isW(t.Name) {
				enter, err := p.foreign(t, &ac)
				if err != nil {
					return nil, err
				}
				if enter {
					depth++
				}
				continue
			}
			if err := ts.element(p, t, nest, &depth); err != nil {
				return nil, err
			}
		case xml.EndElement:
			if depth == 0 {
				return ts.finish(p), nil
			}
			depth--
			ac.end(t)
		}
	}
}

func (ts *tableState) element(p *parser, t xml.StartElement, nest int, depth *int) error {
	switch t.Name.Local {
	case "tblPr":
		var x tblPrXML
		if err := p.d.DecodeElement(&x, &t); err != nil {
			return p.xmlErr(err)
		}
		if x.Style != nil {
			ts.style = x.Style.Val
		}
		ts.borders = ts.borders.merge(x.Borders)
	case "tblGrid":
		var x struct {
			Cols []struct{} `xml:"gridCol"`
		}
		if err := p.d.DecodeElement(&x, &t); err != nil {
			return p.xmlErr(err)
		}
		ts.gridCols = min(len(x.Cols), maxGrid)
	case "tr":
		row, meta, err := p.row(nest)
		if err != nil {
			return err
		}
		ts.tbl.Rows = append(ts.tbl.Rows, row)
		ts.meta = append(ts.meta, meta)
	case "tbl", "p", "sectPr", "tblPrEx", "sdtPr", "sdtEndPr", "del", "customXmlPr":
		// Stray content between rows is not part of the grid.
		return p.skip()
	default:
		*depth++ // w:sdt, w:customXml and the like wrap rows
	}
	return nil
}

// row reads a w:tr whose start was just read.
func (p *parser) row(nest int) (layout.Row, []cellMeta, error) {
	var row layout.Row
	var cells []cellOut
	before := 0
	depth := 0
	var ac altContent
	for {
		tok, err := p.token()
		if err != nil {
			return row, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !isW(t.Name) {
				enter, err := p.foreign(t, &ac)
				if err != nil {
					return row, nil, err
				}
				if enter {
					depth++
				}
				continue
			}
			switch t.Name.Local {
			case "trPr":
				var x trPrXML
				if err := p.d.DecodeElement(&x, &t); err != nil {
					return row, nil, p.xmlErr(err)
				}
				row.Header = x.Header != nil && x.Header.on()
				if x.GridBefore != nil {
					before = min(atoi(x.GridBefore.Val, 0), maxGrid)
				}
			case "tc":
				c, err := p.cell(nest)
				if err != nil {
					return row, nil, err
				}
				cells = append(cells, c)
			case "tblPrEx", "sdtPr", "sdtEndPr", "del", "customXmlPr", "tr", "tbl", "p":
				if err := p.skip(); err != nil {
					return row, nil, err
				}
			default:
				depth++
			}
		case xml.EndElement:
			if depth == 0 {
				row, meta := placeCells(row, cells, before)
				return row, meta, nil
			}
			depth--
			ac.end(t)
		}
	}
}

// placeCells puts a row's cells on the grid, folding legacy horizontal
// merges (w:hMerge) into the cell they continue.
func placeCells(row layout.Row, cells []cellOut, before int) (layout.Row, []cellMeta) {
	col := before
	var meta []cellMeta
	for _, c := range cells {
		if c.meta.h == "continue" && len(row.Cells) > 0 {
			row.Cells[len(row.Cells)-1].Span += c.cell.Span
			col += c.cell.Span
			continue
		}
		c.cell.Col = col
		col += c.cell.Span
		row.Cells = append(row.Cells, c.cell)
		meta = append(meta, c.meta)
	}
	return row, meta
}

// cell reads a w:tc whose start was just read: its paragraphs become
// lines, its tables Nested.
func (p *parser) cell(nest int) (cellOut, error) {
	var c cellOut
	c.cell.Span = 1
	var tcPr *tcPrXML
	err := p.blocks(nest, &tcPr, func(it item) {
		switch {
		case it.table != nil:
			c.cell.Nested = append(c.cell.Nested, *it.table)
		case it.para != nil:
			c.addPara(it.para)
		}
	})
	if err != nil {
		return c, err
	}
	if tcPr != nil {
		if tcPr.GridSpan != nil {
			c.cell.Span = max(1, min(atoi(tcPr.GridSpan.Val, 1), maxGrid))
		}
		c.meta.v = mergeVal(tcPr.VMerge)
		c.meta.h = mergeVal(tcPr.HMerge)
		c.meta.borders = c.meta.borders.merge(tcPr.Borders)
	}
	c.cell.Bold = c.stats.total > 0 && c.stats.isBold()
	return c, nil
}

// addPara adds a cell paragraph's non-empty lines, then its text boxes'.
func (c *cellOut) addPara(po *paraOut) {
	var texts int
	for _, l := range po.lines {
		if l != "" {
			c.cell.Lines = append(c.cell.Lines, l)
			texts++
		}
	}
	if texts > 0 {
		c.stats.merge(po.stats)
	}
	for _, it := range po.boxes {
		switch {
		case it.table != nil:
			c.cell.Nested = append(c.cell.Nested, *it.table)
		case it.para != nil:
			c.addPara(it.para)
		}
	}
}

func mergeVal(v *valAttr) string {
	if v == nil {
		return ""
	}
	if v.Val == "restart" {
		return "restart"
	}
	return "continue" // w:vMerge without w:val continues
}

// finish resolves vertical merges and works out the grid and rulings.
func (ts *tableState) finish(p *parser) *layout.Table {
	t := &ts.tbl
	resolveVMerge(t, ts.meta)
	t.Cols = ts.gridCols
	for _, r := range t.Rows {
		if n := len(r.Cells); n > 0 {
			last := r.Cells[n-1]
			t.Cols = max(t.Cols, last.Col+last.Span)
		}
	}
	t.Ruled = ts.ruled(p.st)
	return t
}

// resolveVMerge gives each continuation cell of a vertical merge the
// lines of the merge's first cell.
func resolveVMerge(t *layout.Table, meta [][]cellMeta) {
	first := map[int]*layout.Cell{} // grid column → open merge's first cell
	for i := range t.Rows {
		for j := range t.Rows[i].Cells {
			c := &t.Rows[i].Cells[j]
			switch meta[i][j].v {
			case "restart":
				first[c.Col] = c
			case "continue":
				c.Continued = true
				if f := first[c.Col]; f != nil {
					c.Lines = append([]string(nil), f.Lines...)
					c.Bold = f.Bold
				}
			default:
				delete(first, c.Col)
			}
		}
	}
}

// ruled decides whether the table's borders are drawn: it is when most
// cells show at least two sides, each side taken from the cell's own
// borders, else from the table's over its style's.
func (ts *tableState) ruled(st *styles) bool {
	style, grid := st.tableBorders(ts.style)
	tb := style
	for i, s := range ts.borders {
		if s != borderUnset {
			tb[i] = s
		}
	}
	if grid && tb == (borderSet{}) {
		// "Table Grid" whose definition styles.xml lacks.
		tb = borderSet{borderDrawn, borderDrawn, borderDrawn, borderDrawn, borderDrawn, borderDrawn}
	}
	cells, framed := 0, 0
	rows := ts.tbl.Rows
	for i, r := range rows {
		for j, c := range r.Cells {
			cells++
			if cellSides(tb, ts.meta[i][j].borders, i == 0, i == len(rows)-1,
				c.Col == 0, c.Col+c.Span >= ts.tbl.Cols) >= 2 {
				framed++
			}
		}
	}
	return cells > 0 && framed*2 >= cells
}

// cellSides counts the drawn sides of a cell: the table's outer borders
// on the table's edge, its inside borders elsewhere, unless the cell sets
// its own.
func cellSides(tb, cb borderSet, top, bottom, left, right bool) int {
	pick := func(edge bool, outer, inner int) int8 {
		if edge {
			return tb[outer]
		}
		return tb[inner]
	}
	sides := [4]int8{
		pick(top, bTop, bInsideH), pick(left, bLeft, bInsideV),
		pick(bottom, bBottom, bInsideH), pick(right, bRight, bInsideV),
	}
	n := 0
	for i, s := range sides {
		if cb[i] != borderUnset {
			s = cb[i]
		}
		if s == borderDrawn {
			n++
		}
	}
	return n
}
