package extract

import (
	"regexp"
	"strings"

	"vanban/extract/layout"
)

// side says which column of a two-column layout a line stands in: the
// quốc hiệu header and the signature block put the agency and "Nơi nhận"
// on the left, the national motto, date and signature on the right.
type side int

const (
	anySide side = iota
	leftSide
	rightSide
)

// line is one paragraph of text outside task tables, in reading order.
type line struct {
	text   string
	bold   bool
	center bool
	side   side
	page   int
	block  int // index of the block it came from
}

// bodyLines flattens the document into paragraphs: body paragraphs, and the
// cells of layout tables (header, signature) with their side. Tables
// for which skip is true (the task tables) are left out. A PDF gives one Para per printed
// line; those are joined back into paragraphs.
func bodyLines(ld *layout.Doc, skip func(block int) bool) []line {
	var out []line
	geo := measure(ld)
	for i, b := range ld.Blocks {
		switch {
		case b.Para != nil && len(b.Para.Tabs) > 1 && len(out) < headerLines:
			out = append(out, tabbedLines(b.Para, b.Page, i)...)
		case b.Para != nil && b.Para.Text != "":
			l := line{text: b.Para.Text, bold: b.Para.Bold, center: b.Para.Center, page: b.Page, block: i, side: geo.sideOf(b.Page, b.Para)}
			if ld.Format != "docx" && len(out) > 0 && geo.continues(out[len(out)-1], ld.Blocks[out[len(out)-1].block].Para, b.Para, l) {
				prev := &out[len(out)-1]
				prev.text = layout.JoinLines([]string{prev.text, l.text})
				prev.block = i
				continue
			}
			out = append(out, l)
		case b.Table != nil && !skip(i):
			out = append(out, tableLines(b.Table, b.Page, i)...)
		}
	}
	return out
}

// headerLines is how many lines from the top the national header may
// take; past it a tab is the body's own business ("a)⇥Nội dung").
const headerLines = 12

// tabbedLines splits a header paragraph typed with tabs instead of a
// table ("ỦY BAN NHÂN DÂN⇥CỘNG HÒA …") into its parts: the first stands on
// the left, the last on the right.
func tabbedLines(p *layout.Para, page, block int) []line {
	out := make([]line, len(p.Tabs))
	for i, t := range p.Tabs {
		sd := anySide
		switch i {
		case 0:
			sd = leftSide
		case len(p.Tabs) - 1:
			sd = rightSide
		}
		out[i] = line{text: t, bold: p.Bold, center: p.Center, side: sd, page: page, block: block}
	}
	return out
}

// tableLines reads a layout table cell by cell, each cell's lines as
// paragraphs; in a two-column table the first column is the left side.
func tableLines(t *layout.Table, page, block int) []line {
	var out []line
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Continued {
				continue
			}
			sd := anySide
			if t.Cols == 2 && !t.Ruled {
				sd = leftSide
				if c.Col > 0 {
					sd = rightSide
				}
			}
			for _, l := range c.Lines {
				out = append(out, line{text: l, bold: c.Bold, center: true, side: sd, page: page, block: block})
			}
		}
	}
	return out
}

// geometry is what the PDF lines tell about each page: its text margins.
// Pages differ (a landscape appendix is wider than the portrait body).
type geometry map[int]margins

type margins struct{ left, right float64 }

func measure(ld *layout.Doc) geometry {
	g := geometry{}
	for _, b := range ld.Blocks {
		p := b.Para
		if p == nil || p.Right == 0 {
			continue
		}
		m, ok := g[b.Page]
		if !ok {
			m = margins{left: p.X, right: p.Right}
		}
		g[b.Page] = margins{left: min(m.left, p.X), right: max(m.right, p.Right)}
	}
	return g
}

// sideOf places a PDF line segment left or right of the page's middle when
// it does not span it.
func (g geometry) sideOf(page int, p *layout.Para) side {
	m, ok := g[page]
	if !ok || p.Right == 0 {
		return anySide
	}
	mid := (m.left + m.right) / 2
	switch {
	case p.Right < mid+10:
		return leftSide
	case p.X > mid-10:
		return rightSide
	}
	return anySide
}

// startsItem matches what opens a new paragraph whatever its indentation:
// a numbered or bulleted item, a heading number.
var startsItem = regexp.MustCompile(`^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-–+•*]\s)`)

// continues reports whether the PDF line cur continues the paragraph that
// ended with the line prevP: same side and style, the previous line ran to
// the right margin, and cur is not indented nor numbered.
func (g geometry) continues(prev line, prevP, curP *layout.Para, cur line) bool {
	// A paragraph may run on over a page break, and its short last line
	// looks left-sided; lines on opposite sides never join.
	if prevP == nil || curP == nil || cur.page-prev.page > 1 || prev.side != cur.side && prev.side != anySide {
		return false
	}
	if prev.bold != cur.bold || prev.center != cur.center || startsItem.MatchString(cur.text) {
		return false
	}
	if cur.center {
		return isUpper(prev.text) == isUpper(cur.text) && !isUpper(cur.text)
	}
	indent := curP.X - g[cur.page].left
	full := g[prev.page].right - prevP.Right
	return indent < 8 && full < 40 && !strings.HasSuffix(prev.text, ":")
}

// texts returns the text of lines.
func texts(ls []line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text
	}
	return out
}
