package extract

import (
	"regexp"
	"strconv"
	"strings"

	"vanban"
	"vanban/extract/layout"
)

// schema is a task or results table's columns, read from its header rows.
type schema struct {
	cols   []column // meaning of each grid column
	titles []string // header title of each grid column
	// group numbers the header cell over each grid column (1-based):
	// columns of one group that share a meaning are read together.
	group []int
	heads []string // rowKey of each header row
	// boldGroups is set when few body rows are bold: a bold row is then
	// a group's heading.
	boldGroups bool
	body       int  // index of the first row under the header
	report     bool // a report's results table (has a result column)
	// continued marks a headerless table read with the schema of the
	// task table before it.
	continued bool
}

// has reports whether the schema has a column of meaning c.
func (s schema) has(c column) bool {
	for _, x := range s.cols {
		if x == c {
			return true
		}
	}
	return false
}

// readSchema finds the header among the first rows of t. A table is a
// task table when it has a task column and a lead or timeframe column; a
// results table when it has a task and a result column. Tables whose
// header says neither (statistics, agendas, signature blocks) give false.
func readSchema(t *layout.Table) (schema, bool) {
	for h := 0; h < len(t.Rows) && h < 4; h++ {
		s := schemaAt(t, h)
		s.byContent(t)
		if s.has(colTask) && (s.has(colLead) || s.has(colTime) || s.has(colResult)) && !isAgenda(t, s) {
			s.boldGroups = boldRowsRare(t, s.body)
			if s.isReport() {
				s.report = true
				s.remap(colOutput, colResult)
				s.remap(colTime, colStatus)
			}
			return s, true
		}
	}
	return schema{}, false
}

// clockRe matches a time of day: "07h45", "8h00", "14 giờ 30".
var clockRe = regexp.MustCompile(`^\d{1,2}\s*(?:h|giờ)\s*\d{0,2}`)

// isAgenda reports whether a table is a meeting's agenda rather than a
// task list: it has no number column and its times are hours of one day.
func isAgenda(t *layout.Table, s schema) bool {
	if s.has(colSTT) || !s.has(colTime) {
		return false
	}
	clock, all := 0, 0
	for _, r := range t.Rows[s.body:] {
		rr := readRow(s, r)
		if v := rr.cells[colTime]; v != "" {
			all++
			if clockRe.MatchString(v) {
				clock++
			}
		}
	}
	return all > 0 && clock*2 >= all
}

// schemaAt reads row h as the header. Where a header cell spans columns
// that the next row splits ("Cơ quan thực hiện" over "Chủ trì" | "Phối
// hợp", "Thời gian" over "Bắt đầu" | "Kết thúc"), each leaf takes its
// meaning from its own title, else from its parent's.
func schemaAt(t *layout.Table, h int) schema {
	s := schema{cols: make([]column, t.Cols), titles: make([]string, t.Cols), group: make([]int, t.Cols), body: h + 1}
	for i, c := range t.Rows[h].Cells {
		for k := c.Col; k < c.Col+c.Span && k < t.Cols; k++ {
			s.titles[k] = c.Text()
			s.cols[k] = classify(c.Text())
			s.group[k] = i + 1
		}
	}
	if h+1 < len(t.Rows) && isSubHeader(t.Rows[h], t.Rows[h+1]) {
		s.readLeaves(t, t.Rows[h+1])
		s.body = h + 2
	}
	s.dedupe()
	for _, r := range t.Rows[h:s.body] {
		s.heads = append(s.heads, rowKey(r))
	}
	return s
}

// rowKey is a row's texts, column by column, to recognise a header row
// repeated on a later page.
func rowKey(r layout.Row) string {
	var b strings.Builder
	for _, c := range r.Cells {
		b.WriteString(strconv.Itoa(c.Col))
		b.WriteByte(':')
		b.WriteString(fold(c.Text()))
		b.WriteByte('|')
	}
	return b.String()
}

// repeatsHeader reports whether r is one of the header rows printed again
// (a page break repeats the header; a PDF reader may keep its rows).
func (s schema) repeatsHeader(r layout.Row) bool {
	k := rowKey(r)
	for _, h := range s.heads {
		if h == k {
			return true
		}
	}
	return false
}

// isSubHeader reports whether next is the second row of a two-level header
// under top: top has a cell spanning columns, and next has cells under
// such cells, titled or not ("STT" over two untitled halves), and no text
// elsewhere (the other header cells are merged down through it).
func isSubHeader(top, next layout.Row) bool {
	if !spansColumns(top) {
		return false
	}
	under := 0
	for _, c := range next.Cells {
		if c.Continued {
			continue
		}
		p, ok := cellOver(top, c.Col)
		if !ok || p.Span < 2 || c.Col+c.Span > p.Col+p.Span {
			if c.Text() != "" {
				return false
			}
			continue
		}
		under++
	}
	return under > 0
}

// cellOver returns the cell of r that covers grid column col.
func cellOver(r layout.Row, col int) (layout.Cell, bool) {
	for _, c := range r.Cells {
		if c.Col <= col && col < c.Col+c.Span {
			return c, true
		}
	}
	return layout.Cell{}, false
}

// readLeaves gives the columns under a spanning header cell the meaning
// of their own titles; a leaf whose title says nothing ("Bắt đầu",
// "Kết thúc", or no title under "STT") takes its parent's. Leaves that
// end with the same meaning stay one group of columns, read together.
func (s *schema) readLeaves(t *layout.Table, sub layout.Row) {
	for _, c := range sub.Cells {
		if c.Continued || c.Col >= t.Cols || c.Text() == "" {
			continue
		}
		col := classify(c.Text())
		for k := c.Col; k < c.Col+c.Span && k < t.Cols; k++ {
			if col != colOther {
				s.cols[k] = col
			}
			s.titles[k] = c.Text()
		}
	}
}

func spansColumns(r layout.Row) bool {
	for _, c := range r.Cells {
		if c.Span > 1 && !c.Continued {
			return true
		}
	}
	return false
}

// dedupe keeps each meaning on the first header cell that has it; the
// columns of that cell (a spanning header, or leaves under one parent)
// share it and are read together. Other columns of the same meaning keep
// their own title as an extra column.
func (s *schema) dedupe() {
	owner := map[column]int{}
	for i, c := range s.cols {
		if c == colOther {
			continue
		}
		g, seen := owner[c]
		switch {
		case !seen:
			owner[c] = s.group[i]
		case g != s.group[i]:
			s.cols[i] = colOther
		}
	}
}

// isReport tells a report's results table from a plan's task table: it
// has a column of results achieved, or a role column and a plain "Kết
// quả" column but no lead column (a plan assigns leads; a unit reporting
// gives its role).
func (s schema) isReport() bool {
	return s.has(colResult) || s.has(colRole) && s.has(colOutput) && !s.has(colLead)
}

func (s *schema) remap(from, to column) {
	for i, c := range s.cols {
		if c == from {
			s.cols[i] = to
		}
	}
}

var (
	numberingRow = regexp.MustCompile(`^\(?\d{1,2}\)?$`)
	sectionNum   = regexp.MustCompile(`^(?:Phần\s+)?([IVXLC]+|[A-ZĐ])[.)]?$`)
	sectionLead  = regexp.MustCompile(`^(?:Phần\s+)?([IVXLC]+|[A-ZĐ]|\d+)[.)]\s+(.+)$`)
	taskNum      = regexp.MustCompile(`^(\d+(?:\.\d+)*|[a-zđ])[.)]?$`)
)

// row is one body row of a table read against its schema.
type row struct {
	cells map[column]string
	extra map[string]string
	stt   string
	conf  map[column]float64 // confidence of the cells read by OCR
}

// readRow reads a body row against the schema. A cell merged across
// columns gives its text to every meaning it covers ("Theo phân công …"
// over the lead and coordinator columns is both); the cells of one header
// group are joined: a split number column gives the number it holds, a
// timeframe split into start and end reads "start - end".
func readRow(s schema, r layout.Row) row {
	out := row{cells: map[column]string{}}
	for _, c := range r.Cells {
		if c.Col >= len(s.cols) {
			continue
		}
		text := c.Text()
		done := map[column]bool{}
		for k := c.Col; k < c.Col+max(1, c.Span) && k < len(s.cols); k++ {
			col := s.cols[k]
			if col == colOther || done[col] {
				continue
			}
			done[col] = true
			out.cells[col] = joinCell(col, out.cells[col], text)
			out.noteOCR(col, c)
		}
		if s.cols[c.Col] == colOther && text != "" {
			if out.extra == nil {
				out.extra = map[string]string{}
			}
			title := s.titles[c.Col]
			if title == "" {
				title = "cột " + strconv.Itoa(c.Col+1)
			}
			out.extra[title] = text
		}
	}
	out.stt = strings.TrimRight(strings.TrimSpace(out.cells[colSTT]), ".)")
	return out
}

// joinCell adds the text of one more column of a header group to what
// the row holds for that meaning.
func joinCell(col column, have, text string) string {
	switch {
	case text == "" || text == have:
		return have
	case have == "":
		return text
	case col == colTime:
		return have + " - " + text
	}
	return have + " " + text
}

// sectionOf returns the section a row opens, if it is a heading row: a row
// whose one cell spans the table, or whose number is a Roman numeral or a
// capital letter.
func sectionOf(t *layout.Table, s schema, r layout.Row) (vanban.Section, bool) {
	nonEmpty := 0
	var only layout.Cell
	for _, c := range r.Cells {
		if c.Text() != "" && !c.Continued {
			nonEmpty++
			only = c
		}
	}
	if nonEmpty == 1 && (only.Span >= t.Cols-1 || only.Span > 1 && only.Col == 0) {
		if m := sectionLead.FindStringSubmatch(only.Text()); m != nil {
			return vanban.Section{Numeral: m[1], Title: m[2]}, true
		}
		return vanban.Section{Title: only.Text()}, true
	}
	if sec, ok := groupRow(t, r); ok {
		return sec, true
	}
	if sec, ok := s.headingAcross(r); ok {
		return sec, true
	}
	rr := readRow(s, r)
	if s.isGroupRow(r, rr) {
		return vanban.Section{Numeral: rr.stt, Title: rr.cells[colTask]}, true
	}
	if m := sectionNum.FindStringSubmatch(rr.stt + "."); m != nil && rr.stt != "" && !taskNum.MatchString(rr.stt) {
		title := rr.cells[colTask]
		if title == "" {
			title = firstText(r, 1)
		}
		return vanban.Section{Numeral: m[1], Title: title}, true
	}
	return vanban.Section{}, false
}

// isGroupRow reports whether a row that has cells of its own (empty, or
// the group's own product, lead or deadline) heads a group: its task cell
// is set in capitals, or all its text is bold in a table whose tasks are
// not.
func (s schema) isGroupRow(r layout.Row, rr row) bool {
	title := rr.cells[colTask]
	if title == "" || rr.stt != "" && !groupNum.MatchString(rr.stt) {
		return false
	}
	if isUpper(title) && len(strings.Fields(title)) >= 3 {
		return true
	}
	return s.boldGroups && allBold(r)
}

// groupNum matches the number of a group: a Roman numeral, a letter, an
// integer (not "1.2", a task under group 1).
var groupNum = regexp.MustCompile(`^(?:[IVXLC]+|[A-ZĐa-zđ]|\d+)$`)

// allBold reports whether every cell of r with text is bold.
func allBold(r layout.Row) bool {
	n := 0
	for _, c := range r.Cells {
		if c.Text() == "" {
			continue
		}
		if !c.Bold {
			return false
		}
		n++
	}
	return n > 0
}

// boldRowsRare reports whether fewer than a third of the body rows of t
// are bold throughout, so that bold marks a table's group rows.
func boldRowsRare(t *layout.Table, body int) bool {
	bold, all := 0, 0
	for _, r := range t.Rows[min(body, len(t.Rows)):] {
		if isEmptyRow(r) {
			continue
		}
		all++
		if allBold(r) {
			bold++
		}
	}
	return bold*3 < all
}

// headingAcross reads a heading row whose text runs across the number
// and task columns in one cell (a scan's OCR may cut it in two cells): no
// task is written over its own number column.
func (s schema) headingAcross(r layout.Row) (vanban.Section, bool) {
	var parts []string
	across := false
	for _, c := range r.Cells {
		if c.Continued || c.Text() == "" {
			continue
		}
		parts = append(parts, c.Text())
		covers := map[column]bool{}
		for k := c.Col; k < c.Col+c.Span && k < len(s.cols); k++ {
			covers[s.cols[k]] = true
		}
		across = across || covers[colSTT] && covers[colTask]
	}
	if !across {
		return vanban.Section{}, false
	}
	text := strings.Join(parts, " ")
	if m := sectionLead.FindStringSubmatch(text); m != nil {
		return vanban.Section{Numeral: m[1], Title: m[2]}, true
	}
	return vanban.Section{Title: text}, true
}

// groupRow reads a numbered group row: a number in the first column and
// one cell spanning every other column ("1 | Nhóm nhiệm vụ về văn bản"
// above rows 1.1, 1.2), which heads the rows under it rather than being a
// task of its own.
func groupRow(t *layout.Table, r layout.Row) (vanban.Section, bool) {
	var num, title *layout.Cell
	for i := range r.Cells {
		c := &r.Cells[i]
		switch {
		case c.Text() == "" || c.Continued:
		case c.Col == 0 && c.Span == 1 && num == nil:
			num = c
		case num != nil && title == nil && c.Span >= 2 && c.Col+c.Span >= t.Cols:
			title = c
		default:
			return vanban.Section{}, false
		}
	}
	if num == nil || title == nil {
		return vanban.Section{}, false
	}
	return vanban.Section{Numeral: strings.TrimRight(num.Text(), ".)"), Title: title.Text()}, true
}

// firstText returns the first non-empty cell text from grid column col on.
func firstText(r layout.Row, col int) string {
	for _, c := range r.Cells {
		if c.Col >= col && c.Text() != "" {
			return c.Text()
		}
	}
	return ""
}

// isNumberingRow reports whether r only numbers the columns: "(1) (2) …"
// or "1 2 3 …".
func isNumberingRow(r layout.Row) bool {
	n := 0
	for _, c := range r.Cells {
		t := c.Text()
		if t == "" {
			continue
		}
		for _, f := range strings.Fields(t) {
			// A cell over two columns may hold both numbers: "(4) (5)".
			if !numberingRow.MatchString(f) {
				return false
			}
			n++
		}
	}
	return n >= 3
}

// isEmptyRow reports whether no cell of r has text.
func isEmptyRow(r layout.Row) bool {
	for _, c := range r.Cells {
		if c.Text() != "" {
			return false
		}
	}
	return true
}

// bodyRows calls fn for each content row under the header of t, with the
// section it sits in; heading rows update section, and empty, numbering and
// repeated header rows are skipped, as are rows without a task.
func bodyRows(t *layout.Table, s schema, section *vanban.Section, fn func(row)) {
	for _, r := range t.Rows[s.body:] {
		if isEmptyRow(r) || isNumberingRow(r) || r.Header || s.repeatsHeader(r) {
			continue
		}
		if sec, ok := sectionOf(t, s, r); ok {
			*section = sec
			continue
		}
		if rr := readRow(s, r); rr.cells[colTask] != "" {
			fn(rr)
		}
	}
}

// taskRows reads the task rows of a task table, each with its section.
func taskRows(t *layout.Table, s schema, section *vanban.Section) []vanban.Task {
	var out []vanban.Task
	bodyRows(t, s, section, func(rr row) {
		out = append(out, vanban.Task{
			Section:        *section,
			STT:            rr.stt,
			Task:           rr.cells[colTask],
			ExpectedOutput: rr.cells[colOutput],
			Lead:           rr.cells[colLead],
			Coordinators:   rr.cells[colCoord],
			Timeframe:      rr.cells[colTime],
			Note:           rr.cells[colNote],
			Monitor:        rr.cells[colMonitor],
			Extra:          rr.extra,
			OCR:            rr.ocrFields(),
		})
	})
	return out
}

// sectionLabel writes a section as its heading reads: "A. Nhiệm vụ chủ trì".
func sectionLabel(s vanban.Section) string {
	if s.Numeral == "" {
		return s.Title
	}
	return s.Numeral + ". " + s.Title
}

// ocrJSON names the columns as vanban.Task's JSON does, for Task.OCR.
var ocrJSON = map[column]string{colSTT: "stt", colTask: "task", colOutput: "expected_output", colLead: "lead",
	colCoord: "coordinators", colTime: "timeframe", colNote: "note", colMonitor: "monitor",
	colRole: "role", colResult: "result", colStatus: "status_text"}

// noteOCR keeps the confidence of a cell OCR read.
func (r *row) noteOCR(col column, c layout.Cell) {
	if !c.OCR {
		return
	}
	if r.conf == nil {
		r.conf = map[column]float64{}
	}
	r.conf[col] = c.Conf
}

// ocrFields gives the row's OCR confidences by JSON name; nil when the
// row was not read by OCR.
func (r row) ocrFields() map[string]float64 {
	if len(r.conf) == 0 {
		return nil
	}
	out := make(map[string]float64, len(r.conf))
	for col, c := range r.conf {
		if name, ok := ocrJSON[col]; ok {
			out[name] = c
		}
	}
	return out
}
