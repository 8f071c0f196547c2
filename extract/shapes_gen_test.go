package extract_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"vanban"
	"vanban/internal/docgen"
)

// The plan-layout generator: a shape is one way of writing the fixture's
// tasks as a document (column order and titles, header levels, group
// rows, numbering, merges, page breaks, decoy tables, frame). From a shape
// the generator writes a docgen.Document and, in the same pass, the rows a
// careful reader takes from it.
//
// What a reader takes (the expected rows):
//   - section: the group row's numeral ("I", "1", "A") without its
//     separator, and its title as written;
//   - stt: the task's number as the reader sees it, without the separator
//     that only parts it from the text: "1." and "1)" read "1", "a)"
//     reads "a", "đ)" reads "đ", "1.1" stays "1.1"; a cell numbered by
//     Word's automatic numbering reads as the label Word renders, trimmed
//     the same way ("%1." → "3");
//   - task, expected_output, lead, coordinators, note: the cells' texts
//     as written, white space folded; a column the shape does not have
//     reads "";
//   - a cell merged down gives its text to every row it covers; a cell
//     merged across the lead and coordinator columns gives its text to
//     both;
//   - timeframe: the cell as written; when the time column is split into
//     start and end ("Thời gian" over "Bắt đầu" | "Kết thúc"), the two
//     joined as "start - end";
//   - group rows give no tasks, whatever cells of their own they carry;
//     decoy tables give none either, and a document with only decoys
//     (a "negative" shape) gives no rows at all.

// meaning is what a column holds.
type meaning int

const (
	mSTT    meaning = iota
	mSTT2           // the second half of a number column split in two
	mTask           // the task
	mOutput         // expected output
	mLead           // lead unit
	mCoord          // coordinating units
	mTime           // timeframe
	mStart          // timeframe split: start
	mEnd            // timeframe split: end
	mNote           // Ghi chú
)

var meaningNames = [...]string{"stt", "stt2", "task", "output", "lead", "coord", "time", "start", "end", "note"}

func (m meaning) String() string { return meaningNames[m] }

// relative column widths.
var widths = map[meaning]float64{mSTT: 1, mSTT2: 0.8, mTask: 6, mOutput: 3, mLead: 3, mCoord: 3.5, mTime: 2.3, mStart: 1.8, mEnd: 1.8, mNote: 2}

// shape is one way of writing the fixture.
type shape struct {
	seed     int
	single   string // the feature of a single-feature shape; "" for combinations
	permuted bool   // columns after the task in another order
	synonyms bool   // header titles other than plan 58's
	output   string // "before" the parties (plan 58), "after" them, "none"
	coord    bool   // a coordinator column
	note     bool   // a Ghi chú column
	twoParty bool   // "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"
	twoTime  bool   // "Thời gian" over "Bắt đầu" | "Kết thúc"
	twoSTT   bool   // the number column split in two: group numerals | task numbers
	colNums  string // column-number row: "", "paren" "(1) (2) …", "plain" "1 2 …", "shifted" (one cell over two columns)
	groups   string // group rows: "span" one cell over the table, "numtitle" numeral | title over the rest, "cells" numeral | title | empty cells, "own" numeral | title | its own output, lead, time
	secNum   string // group numerals: "roman", "arabic", "letter"
	stt      string // task numbers: "dotted" 1.1, "plain" 1, "dot" 1., "paren" 1), "letter" a), "auto" Word numbering
	restart  bool   // plain/dot/paren/auto numbers restart in each section
	autoSec  bool   // with stt auto, group numerals are Word-numbered too
	vLead    bool   // lead merged down over runs of the same lead
	vTime    bool   // timeframe (or end) merged down over runs of the same value
	vMiddle  bool   // merged text centred across its rows
	hMerge   bool   // a shared text over the lead and coordinator columns
	repeat   bool   // header rows repeat on each page
	keepRows bool   // rows do not break across pages
	split    bool   // the table split in two, the second part headerless on a new page
	decoys   []string
	negative bool   // no task table at all, only the decoys: no rows
	frame    string // "plan", "letter" (Công văn), "notice" (Thông báo)
	inBody   bool   // the task table in the body, not an appendix
	portrait bool   // the table's pages in portrait
	font     float64

	cols    []meaning
	titles  map[meaning]string
	parents map[meaning][3]string // two-level groups by first column: parent, left leaf, right leaf
	rng     *rand.Rand
}

// singleFeatures are the features that single-feature shapes add, one at
// a time, to the baseline (plan 58's layout); each changes the baseline
// in exactly one respect.
var singleFeatures = []string{
	"baseline", "order", "synonyms", "output:after", "output:none", "no-coord", "note",
	"2level:parties", "2level:time", "2level:stt", "colnums:paren", "colnums:plain", "colnums:shifted",
	"groups:numtitle", "groups:cells", "groups:own", "secnum:arabic", "secnum:letter",
	"stt:plain", "stt:dot", "stt:paren", "stt:letter", "stt:auto", "stt:auto-restart", "stt:auto-groups",
	"vmerge:lead", "vmerge:time", "vmerge:middle", "hmerge", "no-repeat", "keeprows", "split-table",
	"decoy:stats", "decoy:schools", "decoy:agenda", "decoy:form", "frame:letter", "frame:notice", "in-body", "portrait",
	"negative",
}

// baseline is plan 58's layout: STT | Nội dung công việc | Kết quả/sản
// phẩm dự kiến | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện,
// one-row header repeated on each page, group rows "I. TITLE" over the
// table, tasks numbered 1.1, in a landscape appendix of a Kế hoạch.
func baseline(seed int) *shape {
	return &shape{
		seed: seed, output: "before", coord: true, groups: "span", secNum: "roman", stt: "dotted",
		repeat: true, frame: "plan", font: 12,
		rng: rand.New(rand.NewPCG(uint64(seed), 0x5ea9e5)),
	}
}

// newShape returns shape number seed: the first ones (three rounds over
// singleFeatures, in 12, 11 and 13 pt) add one feature each to the
// baseline, the others combine features at random.
func newShape(seed int) *shape {
	s := baseline(seed)
	if n := len(singleFeatures); seed < 3*n {
		s.single = singleFeatures[seed%n]
		s.font = []float64{12, 11, 13}[seed/n]
		s.apply(s.single)
	} else {
		s.randomize()
	}
	s.resolve()
	return s
}

// apply turns one feature on.
func (s *shape) apply(f string) {
	name, val, _ := strings.Cut(f, ":")
	switch name {
	case "order":
		s.permuted = true
	case "synonyms":
		s.synonyms = true
	case "output":
		s.output = val
	case "no-coord":
		s.coord = false
	case "note":
		s.note = true
	case "2level":
		switch val {
		case "parties":
			s.twoParty = true
		case "time":
			s.twoTime = true
		case "stt":
			s.twoSTT = true
		}
	case "colnums":
		s.colNums = val
	case "groups":
		s.groups = val
	case "secnum":
		s.secNum = val
	case "stt":
		switch val {
		case "auto-restart":
			s.stt, s.restart = "auto", true
		case "auto-groups":
			s.stt, s.autoSec = "auto", true
		default:
			s.stt = val
		}
	case "vmerge":
		switch val {
		case "lead":
			s.vLead = true
		case "time":
			s.vTime = true
		case "middle":
			s.vLead, s.vTime, s.vMiddle = true, true, true
		}
	case "hmerge":
		s.hMerge = true
	case "no-repeat":
		s.repeat = false
	case "keeprows":
		s.keepRows = true
	case "split-table":
		s.split = true
	case "decoy":
		s.decoys = append(s.decoys, val)
	case "frame":
		s.frame = val
		s.inBody = val == "letter"
	case "in-body":
		s.inBody = true
	case "portrait":
		s.portrait = true
	case "negative":
		s.negative, s.decoys = true, decoyNames
	}
}

// randomize combines features, each with a fair chance, so that every
// feature meets the others.
func (s *shape) randomize() {
	r := s.rng
	p := func(x float64) bool { return r.Float64() < x }
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	s.permuted, s.synonyms = p(0.5), p(0.6)
	s.output = pick("before", "before", "after", "none")
	s.coord, s.note = p(0.85), p(0.25)
	s.twoParty, s.twoTime, s.twoSTT = p(0.3), p(0.2), p(0.15)
	s.colNums = pick("", "", "paren", "plain", "shifted")
	s.groups = pick("span", "numtitle", "cells", "own")
	s.secNum = pick("roman", "roman", "arabic", "letter")
	s.stt = pick("dotted", "plain", "dot", "paren", "letter", "auto")
	s.restart, s.autoSec = p(0.5), p(0.4)
	s.vLead, s.vTime, s.vMiddle, s.hMerge = p(0.35), p(0.3), p(0.5), p(0.3)
	s.repeat, s.keepRows, s.split = p(0.6), p(0.3), p(0.2)
	for _, d := range decoyNames {
		if p(0.15) {
			s.decoys = append(s.decoys, d)
		}
	}
	s.frame = pick("plan", "plan", "plan", "letter", "notice")
	s.inBody = s.frame == "letter" || p(0.25)
	s.portrait = p(0.3)
	if s.negative = p(0.05); s.negative && len(s.decoys) == 0 {
		s.decoys = []string{pick(decoyNames...)}
	}
	s.font = []float64{11, 12, 12, 13}[r.IntN(4)]
}

// resolve settles what the features imply: which columns, in which order,
// under which titles.
func (s *shape) resolve() {
	if s.twoParty || s.hMerge {
		s.coord = true // both need the two party columns side by side
	}
	if s.stt != "auto" {
		s.autoSec = false
	}
	// Columns after STT and the task, in plan 58's order.
	parties := []meaning{mLead}
	if s.coord {
		parties = append(parties, mCoord)
	}
	var rest [][]meaning // units that stay together
	if s.output == "before" {
		rest = append(rest, []meaning{mOutput})
	}
	rest = append(rest, parties)
	if s.output == "after" {
		rest = append(rest, []meaning{mOutput})
	}
	if s.twoTime {
		rest = append(rest, []meaning{mStart, mEnd})
	} else {
		rest = append(rest, []meaning{mTime})
	}
	if s.note {
		rest = append(rest, []meaning{mNote})
	}
	if s.permuted {
		s.rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
		// The output keeps its place relative to the parties that
		// "output:before/after" names.
		s.keepOutputSide(rest)
	}
	s.cols = []meaning{mSTT}
	if s.twoSTT {
		s.cols = append(s.cols, mSTT2)
	}
	s.cols = append(s.cols, mTask)
	for _, u := range rest {
		s.cols = append(s.cols, u...)
	}
	s.titles = map[meaning]string{}
	// In meaning order, not map order: the random titles must be the
	// same on every run for a seed to be reproducible.
	for m := mSTT; m <= mNote; m++ {
		ts, ok := titles[m]
		if !ok {
			continue
		}
		s.titles[m] = ts[0]
		if s.synonyms {
			s.titles[m] = ts[s.rng.IntN(len(ts))]
		}
	}
	s.pickParents()
}

// keepOutputSide swaps the output and the parties back when shuffling put
// them on the other side than s.output says.
func (s *shape) keepOutputSide(rest [][]meaning) {
	out, par := -1, -1
	for i, u := range rest {
		switch u[0] {
		case mOutput:
			out = i
		case mLead:
			par = i
		}
	}
	if out >= 0 && (s.output == "before") != (out < par) {
		rest[out], rest[par] = rest[par], rest[out]
	}
}

// features lists the shape's features for the per-feature counts.
func (s *shape) features() []string {
	var f []string
	add := func(on bool, name string) {
		if on {
			f = append(f, name)
		}
	}
	if s.negative {
		// Without a task table only the decoys and the frame matter.
		f = append(f, "negative")
		for _, d := range s.decoys {
			f = append(f, "decoy:"+d)
		}
		add(s.frame != "plan", "frame:"+s.frame)
		return f
	}
	add(s.permuted, "order")
	add(s.synonyms, "synonyms")
	add(s.output != "before", "output:"+s.output)
	add(!s.coord, "no-coord")
	add(s.note, "note")
	add(s.twoParty, "2level:parties")
	add(s.twoTime, "2level:time")
	add(s.twoSTT, "2level:stt")
	add(s.colNums != "", "colnums:"+s.colNums)
	add(s.groups != "span", "groups:"+s.groups)
	add(s.secNum != "roman", "secnum:"+s.secNum)
	add(s.stt != "dotted", "stt:"+s.stt)
	add(s.restart && s.stt == "auto", "stt:auto-restart")
	add(s.autoSec, "stt:auto-groups")
	add(s.vLead, "vmerge:lead")
	add(s.vTime, "vmerge:time")
	add(s.vMiddle && (s.vLead || s.vTime), "vmerge:middle")
	add(s.hMerge, "hmerge")
	add(!s.repeat, "no-repeat")
	add(s.keepRows, "keeprows")
	add(s.split, "split-table")
	for _, d := range s.decoys {
		f = append(f, "decoy:"+d)
	}
	add(s.frame != "plan", "frame:"+s.frame)
	add(s.inBody && s.frame != "letter", "in-body")
	add(s.portrait, "portrait")
	add(s.negative, "negative")
	if len(f) == 0 {
		f = append(f, "baseline")
	}
	return f
}

// String describes the shape on one line.
func (s *shape) String() string {
	var cols []string
	for i := 0; i < len(s.cols); i++ {
		m := s.cols[i]
		if p, ok := s.parents[m]; ok {
			cols = append(cols, fmt.Sprintf("%s{%s | %s}", p[0], p[1], p[2]))
			i++
			continue
		}
		cols = append(cols, s.titles[m])
	}
	kind := "combined"
	if s.single != "" {
		kind = "single " + s.single
	}
	return fmt.Sprintf("seed %d (%s): cols [%s] groups=%s secnum=%s stt=%s restart=%v; %s; font %.0f",
		s.seed, kind, strings.Join(cols, " | "), s.groups, s.secNum, s.stt, s.restart, strings.Join(s.features(), " "), s.font)
}

// build writes the shape's document and the rows a reader takes from it.
func (s *shape) build() (docgen.Document, []vanban.Task) {
	table, want := s.table()
	tables := []*docgen.Table{table}
	if s.split {
		tables = splitTable(table, s.headerRows())
	}
	var tblocks []docgen.Block
	for _, d := range s.decoys {
		for _, b := range decoys[d]() {
			if b.Table != nil {
				b.Table.FontSize = s.font
				fitColumns(b.Table, docgen.PageTextWidth(!s.portrait && !s.inBody), s.font)
			}
			tblocks = append(tblocks, b)
		}
	}
	if s.negative {
		tables, want = nil, nil
	}
	for i, t := range tables {
		b := docgen.Block{Table: t}
		if i > 0 {
			b.NewPage, b.Landscape = true, !s.portrait
		}
		tblocks = append(tblocks, b)
	}
	return docgen.Document{Blocks: s.frameBlocks(tblocks).Blocks()}, want
}

// headerRows returns the number of header rows, column-number row included.
func (s *shape) headerRows() int {
	n := 1
	if s.twoLevel() {
		n = 2
	}
	if s.colNums != "" {
		n++
	}
	return n
}

func (s *shape) twoLevel() bool { return s.twoParty || s.twoTime || s.twoSTT }

// table writes the task table and the expected rows.
func (s *shape) table() (*docgen.Table, []vanban.Task) {
	t := &docgen.Table{Cols: len(s.cols), FontSize: s.font, KeepRows: s.keepRows}
	for _, m := range s.cols {
		t.Widths = append(t.Widths, widths[m])
	}
	t.Rows = s.header()
	var want []vanban.Task
	taskList, secList := s.lists()
	n := 0 // tasks so far
	for si, sec := range fixture {
		numeral := s.numeral(si)
		t.Rows = append(t.Rows, s.groupRow(si, sec, numeral, secList))
		if s.restart && s.stt == "auto" {
			taskList = &docgen.List{Format: docgen.Decimal, Pattern: "%1."}
		}
		first := len(t.Rows)
		for ti, task := range sec.Tasks {
			n++
			label := s.label(si, ti, n)
			t.Rows = append(t.Rows, s.taskRow(task, label, taskList))
			want = append(want, s.expect(task, vanban.Section{Numeral: numeral, Title: sec.Title}, label))
		}
		s.mergeDown(t, first, sec.Tasks)
	}
	// A table too wide for its page prints smaller, as a secretary would
	// set it.
	widths := t.Widths
	for !fitColumns(t, docgen.PageTextWidth(!s.portrait && !s.inBody), s.font) && s.font > 9 {
		s.font--
		t.FontSize, t.Widths = s.font, widths
	}
	return t, want
}

// fitColumns widens the columns whose longest word would not fit their
// width, taking the room from columns with more than they need: a word
// cut in the middle by a narrow column cannot be read back as written
// (Word cuts it too), and that is no shape a reader must handle. It
// reports false when the columns cannot all fit.
func fitColumns(t *docgen.Table, total, size float64) bool {
	need := make([]float64, t.Cols)
	for r, row := range t.Rows {
		col := 0
		for _, c := range row.Cells {
			if max(1, c.Span) == 1 {
				words := strings.Fields(strings.Join(append([]string{c.Text}, c.Lines...), " "))
				if c.Number != nil {
					words = append(words, c.Number.Label(len(t.Rows)))
				}
				for _, w := range words {
					wd, err := docgen.TextWidth(w, c.Bold || r == 0, size)
					if err == nil {
						need[col] = max(need[col], wd+2*docgen.CellPadding+1)
					}
				}
			}
			col += max(1, c.Span)
		}
	}
	sum := 0.0
	for _, w := range t.Widths {
		sum += w
	}
	abs := make([]float64, t.Cols)
	deficit, slack := 0.0, 0.0
	for i, w := range t.Widths {
		abs[i] = w / sum * total
		if abs[i] < need[i] {
			deficit += need[i] - abs[i]
		} else {
			slack += abs[i] - need[i]
		}
	}
	if deficit == 0 {
		return true
	}
	if deficit > slack {
		return false
	}
	for i := range abs {
		if abs[i] < need[i] {
			abs[i] = need[i]
		} else {
			abs[i] -= (abs[i] - need[i]) / slack * deficit
		}
	}
	t.Widths = abs
	return true
}

// lists returns the Word numbering lists of tasks and group numerals.
func (s *shape) lists() (tasks, groups *docgen.List) {
	if s.stt == "auto" {
		tasks = &docgen.List{Format: docgen.Decimal, Pattern: "%1."}
	}
	if s.autoSec {
		f := map[string]docgen.NumFormat{"roman": docgen.UpperRoman, "arabic": docgen.Decimal, "letter": docgen.UpperLetter}[s.secNum]
		groups = &docgen.List{Format: f, Pattern: "%1."}
	}
	return tasks, groups
}

// numeral returns the i-th section's numeral as written.
func (s *shape) numeral(i int) string {
	switch s.secNum {
	case "arabic":
		return strconv.Itoa(i + 1)
	case "letter":
		return string(rune('A' + i))
	}
	return docgen.Roman(i + 1)
}

// vnLetters are the letters Vietnamese documents number with: no f, j, w,
// z, and đ after d.
var vnLetters = []string{"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"}

// label returns the task number as written: task ti of section si, the
// n-th task of the table. An auto-numbered task's label is Word's.
func (s *shape) label(si, ti, n int) string {
	num := n
	if s.restart {
		num = ti + 1
	}
	switch s.stt {
	case "dotted":
		return fmt.Sprintf("%d.%d", si+1, ti+1)
	case "dot", "auto":
		return strconv.Itoa(num) + "."
	case "paren":
		return strconv.Itoa(num) + ")"
	case "letter":
		return vnLetters[ti] + ")"
	}
	return strconv.Itoa(num)
}

// wantSTT is the number a reader takes from a label: the label without
// the separator after it.
func wantSTT(label string) string { return strings.TrimRight(label, ".)") }

// header returns the header rows: one row of titles, or two when a parent
// title stands over two columns (the others merged down through both), and
// the column-number row.
func (s *shape) header() []docgen.Row {
	hc := func(text string) docgen.Cell {
		return docgen.Cell{Text: text, Bold: true, Align: docgen.Center, VAlign: docgen.Middle}
	}
	var top, sub docgen.Row
	for i := 0; i < len(s.cols); i++ {
		m := s.cols[i]
		parent, leaves := s.parentOf(m)
		switch {
		case parent != "":
			top.Cells = append(top.Cells, docgen.Cell{Text: parent, Span: 2, Bold: true, Align: docgen.Center, VAlign: docgen.Middle})
			sub.Cells = append(sub.Cells, hc(leaves[0]), hc(leaves[1]))
			i++
		case s.twoLevel():
			c := hc(s.titles[m])
			c.VMerge = docgen.MergeStart
			top.Cells = append(top.Cells, c)
			sub.Cells = append(sub.Cells, docgen.Cell{VMerge: docgen.MergeContinue})
		default:
			top.Cells = append(top.Cells, hc(s.titles[m]))
		}
	}
	rows := []docgen.Row{top}
	if s.twoLevel() {
		rows = append(rows, sub)
	}
	if s.colNums != "" {
		rows = append(rows, s.numberRow())
	}
	for i := range rows {
		rows[i].Header, rows[i].KeepWithNext = s.repeat, true
	}
	return rows
}

// parentOf returns the parent title and the two leaf titles when column
// m opens a two-level group.
func (s *shape) parentOf(m meaning) (string, [2]string) {
	p, ok := s.parents[m]
	if !ok {
		return "", [2]string{}
	}
	return p[0], [2]string{p[1], p[2]}
}

// pickParents chooses the titles of the two-level groups.
func (s *shape) pickParents() {
	pick := func(xs []string) string {
		if !s.synonyms {
			return xs[0]
		}
		return xs[s.rng.IntN(len(xs))]
	}
	s.parents = map[meaning][3]string{}
	if s.twoParty {
		s.parents[mLead] = [3]string{pick(partyParents), pick(leadLeaves), pick(coordLeaves)}
	}
	if s.twoTime {
		s.parents[mStart] = [3]string{pick(timeParents), pick(startLeaves), pick(endLeaves)}
	}
	if s.twoSTT {
		s.parents[mSTT] = [3]string{s.titles[mSTT], "", ""}
	}
}

// numberRow numbers the columns "(1) (2) …"; shifted, one cell covers two
// columns, so the numbers stop matching the grid from there on.
func (s *shape) numberRow() docgen.Row {
	join := -1
	if s.colNums == "shifted" {
		join = 1 + s.rng.IntN(len(s.cols)-2)
	}
	var r docgen.Row
	k := 1
	for i := 0; i < len(s.cols); i++ {
		text := strconv.Itoa(k)
		if s.colNums != "plain" {
			text = "(" + text + ")"
		}
		c := docgen.Cell{Text: text, Align: docgen.Center, Italic: true}
		if i == join {
			c.Span = 2
			i++
		}
		r.Cells = append(r.Cells, c)
		k++
	}
	return r
}

// groupRow writes a section's heading row.
func (s *shape) groupRow(si int, sec fxSection, numeral string, list *docgen.List) docgen.Row {
	num := docgen.Cell{Text: numeral, Bold: true, Align: docgen.Center, Number: list}
	if list != nil {
		num.Text = ""
	}
	if s.groups == "span" {
		c := docgen.Cell{Text: numeral + ". " + sec.Title, Span: len(s.cols), Bold: true, Number: list}
		if list != nil {
			c.Text = sec.Title
		}
		return docgen.Row{Cells: []docgen.Cell{c}}
	}
	lead := 1 // the numeral's column; with a split number column the second half follows as an empty cell
	row := docgen.Row{Cells: []docgen.Cell{num}}
	if s.groups == "numtitle" {
		row.Cells = append(row.Cells, docgen.Cell{Text: sec.Title, Span: len(s.cols) - lead, Bold: true})
		return row
	}
	for _, m := range s.cols[lead:] {
		c := docgen.Cell{Bold: true}
		switch m {
		case mTask:
			c.Text = sec.Title
		case mOutput:
			c.Text = own(s, sec.Output)
		case mLead:
			c.Text = own(s, sec.Lead)
		case mTime, mEnd:
			c.Text = own(s, sec.Time)
		}
		row.Cells = append(row.Cells, c)
	}
	return row
}

// own returns a group row's own cell text when the shape gives group rows
// cells of their own.
func own(s *shape, text string) string {
	if s.groups == "own" {
		return text
	}
	return ""
}

// taskRow writes one task's row; the shared assignment spans the lead and
// coordinator columns when the shape merges across.
func (s *shape) taskRow(t fxTask, label string, list *docgen.List) docgen.Row {
	var row docgen.Row
	for i := 0; i < len(s.cols); i++ {
		c := docgen.Cell{}
		switch s.cols[i] {
		case mSTT:
			c.Text, c.Align = label, docgen.Center
			if s.twoSTT {
				c.Text = ""
			} else if list != nil {
				c.Text, c.Number = "", list
			}
		case mSTT2:
			c.Text, c.Align = label, docgen.Center
			if list != nil {
				c.Text, c.Number = "", list
			}
		case mTask:
			c.Text, c.Align = t.Task, docgen.Justify
		case mOutput:
			c.Text = t.Output
		case mLead:
			c.Text = t.Lead
			if s.hMerge && t.Lead == sharedAssignment && i+1 < len(s.cols) && s.cols[i+1] == mCoord {
				c.Span, c.Align = 2, docgen.Center
				i++
			}
		case mCoord:
			c.Text = t.Coord
		case mTime:
			c.Text, c.Align = t.Time, docgen.Center
		case mStart:
			c.Text, c.Align = t.Start, docgen.Center
		case mEnd:
			c.Text, c.Align = t.End, docgen.Center
		case mNote:
			c.Text = t.Note
		}
		row.Cells = append(row.Cells, c)
	}
	return row
}

// mergeDown merges the lead (and the timeframe) cells of consecutive
// tasks of one section that have the same text.
func (s *shape) mergeDown(t *docgen.Table, first int, tasks []fxTask) {
	for ci, m := range s.cols {
		var key func(fxTask) string
		switch {
		case m == mLead && s.vLead:
			key = func(x fxTask) string { return x.Lead }
		case (m == mTime || m == mEnd) && s.vTime:
			key = func(x fxTask) string {
				if m == mEnd {
					return x.End
				}
				return x.Time
			}
		default:
			continue
		}
		for i := 0; i < len(tasks); {
			j := i + 1
			for j < len(tasks) && key(tasks[j]) == key(tasks[i]) && !(s.hMerge && m == mLead && tasks[i].Lead == sharedAssignment) {
				j++
			}
			if j-i > 1 {
				for k := i; k < j; k++ {
					c := cellAtCol(&t.Rows[first+k], ci)
					if c == nil || c.Span > 1 {
						break
					}
					c.VMerge = docgen.MergeContinue
					if k == i {
						c.VMerge = docgen.MergeStart
					}
					if s.vMiddle {
						c.VAlign = docgen.Middle
					}
				}
			}
			i = j
		}
	}
}

// cellAtCol returns the cell of r that starts at grid column col.
func cellAtCol(r *docgen.Row, col int) *docgen.Cell {
	k := 0
	for i := range r.Cells {
		if k == col {
			return &r.Cells[i]
		}
		k += max(1, r.Cells[i].Span)
	}
	return nil
}

// expect returns the row a reader takes from a task.
func (s *shape) expect(t fxTask, sec vanban.Section, label string) vanban.Task {
	w := vanban.Task{Section: sec, STT: wantSTT(label), Task: t.Task, Lead: t.Lead}
	if s.output != "none" {
		w.ExpectedOutput = t.Output
	}
	if s.coord {
		w.Coordinators = t.Coord
	}
	w.Timeframe = t.Time
	if s.twoTime {
		w.Timeframe = t.Start + " - " + t.End
	}
	if s.note {
		w.Note = t.Note
	}
	return w
}

// splitTable cuts the table in two at a task row that no merge crosses,
// near the middle; the second part has no header.
func splitTable(t *docgen.Table, header int) []*docgen.Table {
	mid := header + (len(t.Rows)-header)/2
	for at := mid; at < len(t.Rows); at++ {
		continues := false
		for _, c := range t.Rows[at].Cells {
			continues = continues || c.VMerge == docgen.MergeContinue
		}
		if !continues {
			a, b := *t, *t
			a.Rows = t.Rows[:at]
			b.Rows = t.Rows[at:]
			return []*docgen.Table{&a, &b}
		}
	}
	return []*docgen.Table{t}
}

// expectMeta is the metadata a reader takes from the frame.
func (s *shape) expectMeta() vanban.Meta {
	m := vanban.Meta{Issuer: "Ủy ban nhân dân tỉnh Lào Cai", Date: vanban.D(2026, 3, 16)}
	switch s.frame {
	case "letter":
		m.DocType, m.Reference = vanban.TypeLetter, "215/UBND-KGVX"
	case "notice":
		m.DocType, m.Reference = vanban.TypeNotice, "88/TB-UBND"
	default:
		m.DocType, m.Reference = vanban.TypePlan, "45/KH-UBND"
	}
	return m
}

// frameBlocks puts the task table (tblocks: decoys and the table parts)
// in a Kế hoạch, a Công văn or a Thông báo, in its body or its appendix.
func (s *shape) frameBlocks(tblocks []docgen.Block) docgen.Frame {
	f := docgen.Frame{
		Issuer: []string{"ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"}, Place: "Lào Cai", Date: docgen.Date{Year: 2026, Month: 3, Day: 16},
		SignAuthority: "TM. ỦY BAN NHÂN DÂN", SignFor: "KT. CHỦ TỊCH", SignTitle: "PHÓ CHỦ TỊCH", Signer: "Nguyễn Thành Sinh",
		Recipients: []string{"Thường trực Tỉnh ủy;", "Thường trực HĐND tỉnh;", "Các sở, ban, ngành;", "UBND các xã, phường;", "Lưu: VT, KGVX."},
	}
	var kind, ref string
	switch s.frame {
	case "letter":
		f.Number, f.Title = "215/UBND-KGVX", "V/v triển khai các nhiệm vụ chuyển đổi số năm 2026"
		f.To = "Các sở, ban, ngành; UBND các xã, phường"
		kind, ref = "Công văn", f.Number
	case "notice":
		f.Number, f.Type = "88/TB-UBND", "THÔNG BÁO"
		f.Title = "Kết luận của Chủ tịch UBND tỉnh tại Hội nghị về chuyển đổi số năm 2026"
		kind, ref = "Thông báo", f.Number
	default:
		f.Number, f.Type = "45/KH-UBND", "KẾ HOẠCH"
		f.Title = "Triển khai thực hiện Chương trình chuyển đổi số tỉnh Lào Cai năm 2026"
		kind, ref = "Kế hoạch", f.Number
	}
	body := []docgen.Block{
		docgen.P("Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030; Ủy ban nhân dân tỉnh triển khai các nội dung sau:"),
		docgen.Styled(docgen.Para{Text: "I. MỤC ĐÍCH, YÊU CẦU", Bold: true}),
		docgen.P("Xác định rõ nhiệm vụ, trách nhiệm của các cơ quan, đơn vị trong triển khai chuyển đổi số; bảo đảm tiến độ, chất lượng và hiệu quả."),
		docgen.Styled(docgen.Para{Text: "II. NHIỆM VỤ CỤ THỂ", Bold: true}),
	}
	closing := []docgen.Block{
		docgen.Styled(docgen.Para{Text: "III. TỔ CHỨC THỰC HIỆN", Bold: true}),
		docgen.P("Các cơ quan, đơn vị định kỳ hằng năm trước ngày 15/12 báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh./."),
	}
	if s.inBody {
		body = append(body, docgen.P("Phân công nhiệm vụ cụ thể như sau:"))
		body = append(body, tblocks...)
		f.Body = append(body, closing...)
		return f
	}
	body = append(body, docgen.P("Phân công nhiệm vụ cụ thể tại Phụ lục kèm theo "+kind+" này."))
	f.Body = append(body, closing...)
	f.AppendixLandscape = !s.portrait
	f.Appendix = append([]docgen.Block{
		docgen.Styled(docgen.Para{Text: "PHỤ LỤC", Bold: true, Align: docgen.Center}),
		docgen.Styled(docgen.Para{Text: "PHÂN CÔNG NHIỆM VỤ TRIỂN KHAI CHUYỂN ĐỔI SỐ NĂM 2026", Bold: true, Align: docgen.Center}),
		docgen.Styled(docgen.Para{Text: "(Kèm theo " + kind + " số " + ref + " ngày 16/3/2026 của UBND tỉnh Lào Cai)", Italic: true, Align: docgen.Center}),
	}, tblocks...)
	return f
}

func itoa(i int) string { return strconv.Itoa(i) }
