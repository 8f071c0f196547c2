package pdf

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"vanban/extract/layout"
)

// pageSize is a page's display size.
type pageSize struct{ w, h float64 }

// buildBlocks joins the pages' items: page furniture dropped, tables
// continued across pages joined, centring judged against the body
// margins. It also returns the text it dropped.
func buildBlocks(perPage [][]item, pages []pageSize) ([]layout.Block, []string) {
	dropped := dropFurniture(perPage, pages)
	markCentered(perPage, pages)
	blocks, headers := joinPages(perPage)
	return blocks, append(dropped, headers...)
}

// pageNumber matches the text of a page number: "3", "- 3 -", "Trang 3",
// "3/20".
var pageNumber = regexp.MustCompile(`(?i)^(?:-\s*)?(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$`)

// furnitureBand is the share of the page height at the top and bottom
// where page numbers and running headers stand.
const furnitureBand = 0.1

// dropFurniture removes page numbers and running headers or footers: a
// paragraph in the top or bottom band of its page that is a page number,
// or whose text (digits aside) recurs there on at least half of the
// pages (three at least).
func dropFurniture(perPage [][]item, pages []pageSize) (dropped []string) {
	inBand := func(p int, it item) bool {
		h := pages[p].h
		return it.para != nil && (it.y < furnitureBand*h || it.y > (1-furnitureBand)*h)
	}
	seen := map[string]int{}
	for p, items := range perPage {
		keys := map[string]bool{}
		for _, it := range items {
			if inBand(p, it) {
				keys[furnitureKey(it.para.Text)] = true
			}
		}
		for k := range keys {
			seen[k]++
		}
	}
	recurring := func(k string) bool {
		return len(pages) >= 3 && seen[k] >= 3 && 2*seen[k] >= len(pages)
	}
	for p, items := range perPage {
		kept := items[:0]
		for _, it := range items {
			if inBand(p, it) && (pageNumber.MatchString(it.para.Text) || recurring(furnitureKey(it.para.Text))) {
				dropped = append(dropped, it.para.Text)
				continue
			}
			kept = append(kept, it)
		}
		perPage[p] = kept
	}
	return dropped
}

var digits = regexp.MustCompile(`\d+`)

func furnitureKey(s string) string { return digits.ReplaceAllString(strings.ToLower(s), "#") }

// markCentered sets Para.Center for lines whose indents from the body
// margins are equal and not zero. The margins are where most lines start
// and end (justified text), per page width.
func markCentered(perPage [][]item, pages []pageSize) {
	type margins struct{ left, right float64 }
	byWidth := map[float64]*margins{}
	starts, ends := map[float64][]float64{}, map[float64][]float64{}
	for p, items := range perPage {
		w := math.Round(pages[p].w)
		for _, it := range items {
			if it.para != nil {
				starts[w] = append(starts[w], it.para.X)
				ends[w] = append(ends[w], it.para.Right)
			}
		}
	}
	for w := range starts {
		byWidth[w] = &margins{mode(starts[w]), mode(ends[w])}
	}
	for p, items := range perPage {
		m := byWidth[math.Round(pages[p].w)]
		if m == nil {
			continue
		}
		tol := math.Max(3, 0.015*(m.right-m.left))
		for _, it := range items {
			if it.para == nil {
				continue
			}
			l, r := it.para.X-m.left, m.right-it.para.Right
			it.para.Center = l > 2 && math.Abs(l-r) <= tol
		}
	}
}

// mode returns the most frequent value (to 1 point) of vs.
func mode(vs []float64) float64 {
	count := map[float64]int{}
	best, bestN := 0.0, 0
	for _, v := range vs {
		k := math.Round(v)
		count[k]++
		if count[k] > bestN || (count[k] == bestN && k < best) {
			best, bestN = k, count[k]
		}
	}
	return best
}

// joinPages emits the blocks of all pages; a table that opens a page
// continues the table that closed the previous one when their columns
// line up.
// It also returns the text of the header rows it dropped.
func joinPages(perPage [][]item) (out []layout.Block, dropped []string) {
	var open *ptable // the table that closed the previous page
	for p, items := range perPage {
		page := p + 1
		var last *ptable
		for k, it := range items {
			switch {
			case it.table != nil && k == 0 && open != nil && sameColumns(open, it.table):
				dropped = append(dropped, continueTable(open.t, it.table.t)...)
				last = open
			case it.table != nil:
				out = append(out, layout.Block{Page: page, Table: it.table.t})
				last = it.table
			default:
				out = append(out, layout.Block{Page: page, Para: it.para})
				last = nil
			}
		}
		open = last
	}
	return out, dropped
}

// sameColumns reports whether two page tables have the same column
// boundaries.
func sameColumns(a, b *ptable) bool {
	if len(a.xs) != len(b.xs) {
		return false
	}
	for i := range a.xs {
		if math.Abs(a.xs[i]-b.xs[i]) > 3 {
			return false
		}
	}
	return true
}

// continueTable appends the part of a table that the next page shows:
// the header rows it repeats are dropped, and a first row whose first
// cell is empty is the rest of the row the page break cut.
// It returns the text of the rows it dropped.
func continueTable(t, next *layout.Table) (dropped []string) {
	k := 0
	// A header row whose cells only continue the row above (the second
	// row of a two-level header, under "STT" split in two) repeats too
	// when the row above it did.
	for k < len(next.Rows) && k < len(t.Rows)-1 && sameRow(next.Rows[k], t.Rows[k]) && (k > 0 || rowHasText(next.Rows[k])) {
		t.Rows[k].Header = true
		for _, c := range next.Rows[k].Cells {
			if !c.Continued {
				dropped = append(dropped, c.Lines...)
			}
		}
		k++
	}
	rest := next.Rows[k:]
	if len(rest) == 0 || len(t.Rows) == 0 {
		return dropped
	}
	// A row the break cut where only a merged cell went on leaves an
	// empty strip at the top of the page: the merge's rows follow it.
	if q, _ := firstText(rest[0]); q < 0 && len(rest) > 1 {
		rest = rest[1:]
	}
	if cutRow(t.Rows[len(t.Rows)-1], rest[0]) {
		joinRow(t, rest[0])
		rest = rest[1:]
	} else {
		carryOver(t, rest)
	}
	start := len(t.Rows)
	t.Rows = append(t.Rows, rest...)
	fillContinued(t, start)
	return dropped
}

// carryOver gives the empty cells of a page's first row the text of the
// cell above them on the page before when they continue a cell merged
// down across the break: a merge printed its text once, before the break.
// The empty box goes on down (it covers more rows), or its column has
// text in nearly every row, so an empty cell there is not a blank.
// A row that begins left of the one above (a group's numeral left of the
// task numbers) or is bold throughout under a row that is not (a group
// heading) starts anew: a merge does not run into it.
func carryOver(t *layout.Table, rest []layout.Row) {
	prev := t.Rows[len(t.Rows)-1]
	p, _ := firstText(prev)
	if q, _ := firstText(rest[0]); q < p || allBold(rest[0]) && !allBold(prev) {
		return
	}
	for i := range rest[0].Cells {
		c := &rest[0].Cells[i]
		if len(c.Lines) > 0 || c.Continued {
			continue
		}
		above := findCell(&prev, c.Col)
		if above == nil || above.Col != c.Col || above.Span != c.Span || len(above.Lines) == 0 {
			continue
		}
		down := len(rest) > 1 && continuedAt(rest[1], c.Col)
		if down || denseColumn(t, c.Col) {
			c.Lines, c.Continued = above.Lines, true
		}
	}
}

// allBold reports whether every cell of r with text is bold.
func allBold(r layout.Row) bool {
	n := 0
	for _, c := range r.Cells {
		if len(c.Lines) == 0 {
			continue
		}
		if !c.Bold {
			return false
		}
		n++
	}
	return n > 0
}

// continuedAt reports whether r's cell at grid column col continues the
// cell above it.
func continuedAt(r layout.Row, col int) bool {
	c := findCell(&r, col)
	return c != nil && c.Col == col && c.Continued
}

// denseColumn reports whether nearly every row of t that fills most of
// its columns has text in column col (a lead or deadline column, not
// coordinators or notes).
func denseColumn(t *layout.Table, col int) bool {
	full, with := 0, 0
	for i := range t.Rows {
		r := &t.Rows[i]
		n := 0
		for _, c := range r.Cells {
			if len(c.Lines) > 0 {
				n++
			}
		}
		if n < 3 || n*2 < len(r.Cells) {
			continue
		}
		full++
		if c := findCell(r, col); c != nil && len(c.Lines) > 0 {
			with++
		}
	}
	return full >= 4 && with*10 >= full*9
}

// fillContinued gives the continued cells of the rows from start on the
// text of the cell above them: a merge that the break cut printed its
// text before the break, or part of it on each side (the cut row then
// holds it whole).
func fillContinued(t *layout.Table, start int) {
	for i := max(start, 1); i < len(t.Rows); i++ {
		for j := range t.Rows[i].Cells {
			c := &t.Rows[i].Cells[j]
			if !c.Continued {
				continue
			}
			if above := findCell(&t.Rows[i-1], c.Col); above != nil && above.Col == c.Col && above.Span == c.Span {
				c.Lines = above.Lines
			}
		}
	}
}

func sameRow(a, b layout.Row) bool {
	if len(a.Cells) != len(b.Cells) {
		return false
	}
	for i := range a.Cells {
		x, y := a.Cells[i], b.Cells[i]
		if x.Col != y.Col || x.Span != y.Span || x.Text() != y.Text() {
			return false
		}
	}
	return true
}

// cutRow reports whether r, the first row of a page, is the rest of prev,
// the last row of the page before: r's text begins to the right of where
// prev's does (a page break leaves the number on the first page). A table
// whose number column is split in two has its task numbers in the second
// half, so the first column alone says nothing; a group row there has its
// numeral left of them.
// A row that begins with a number of its own ("1)", "2.3") is a new row,
// whatever its neighbour above.
func cutRow(prev, r layout.Row) bool {
	p, _ := firstText(prev)
	q, text := firstText(r)
	return p >= 0 && q > p && !rowNumberRe.MatchString(text)
}

// rowNumberRe matches the number a table row starts with.
var rowNumberRe = regexp.MustCompile(`^\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zđ]|[IVXLC]+)[.)]?$`)

// firstText returns the grid column and text of r's first cell with
// text; -1 when none has.
func firstText(r layout.Row) (int, string) {
	for _, c := range r.Cells {
		if len(c.Lines) > 0 {
			return c.Col, c.Text()
		}
	}
	return -1, ""
}

// joinRow appends the lines of a row's continuation to the cells of the
// table's last row, column by column. A vertically merged cell carries
// its text in every row it spans, so each copy gets the lines.
func joinRow(t *layout.Table, cont layout.Row) {
	last := len(t.Rows) - 1
	for _, c := range cont.Cells {
		if len(c.Lines) == 0 {
			continue
		}
		for i := last; i >= 0; i-- {
			cell := findCell(&t.Rows[i], c.Col)
			if cell == nil {
				break
			}
			cell.Lines = append(slices.Clip(cell.Lines), c.Lines...)
			if !cell.Continued {
				break
			}
		}
	}
}

func findCell(r *layout.Row, col int) *layout.Cell {
	for i := range r.Cells {
		c := &r.Cells[i]
		if col >= c.Col && col < c.Col+c.Span {
			return c
		}
	}
	return nil
}
