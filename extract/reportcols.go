package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"vanban/extract/layout"
)

// A unit's results table, read by the meaning of its columns. Units title
// their columns as they please ("Mức độ hoàn thành", "Đánh giá",
// "Trạng thái" for the progress; "Mục", "Nhiệm vụ tại Kế hoạch" for the
// plan's task number), so a column is read by its header words and by what
// its cells hold: a column of the plan's task numbers ("3.14", "II.10") is
// the plan STT whatever its title, a column of short progress phrases is
// the progress.

// Column meanings only report tables have, beside those of columns.go.
const (
	colPlanSTT    column = 100 + iota // the plan's task number, beside a running number
	colDifficulty                     // Khó khăn, vướng mắc
	colProposal                       // Đề xuất, kiến nghị
	colUnit                           // the unit responsible for the row
)

// reportTitles are the folded header words of report columns, tried in
// order, each as a phrase the title contains.
var reportTitles = []struct {
	col   column
	words []string
}{
	{colPlanSTT, []string{"stt ke hoach", "stt tai ke hoach", "so thu tu tai ke hoach", "muc ke hoach"}},
	{colDifficulty, []string{"kho khan", "vuong mac", "ton tai"}},
	{colProposal, []string{"de xuat", "kien nghi"}},
	{colStatus, []string{"tien do", "muc do hoan thanh", "danh gia", "trang thai", "tinh trang", "muc do"}},
	{colResult, []string{"ket qua", "san pham"}},
	{colNote, []string{"ghi chu"}},
	{colRole, []string{"vai tro"}},
	{colTask, []string{"nhiem vu", "noi dung", "cong viec"}},
	{colUnit, []string{"don vi", "co quan"}},
}

// sttTitles are the titles of a number column.
var sttTitles = map[string]bool{"stt": true, "tt": true, "so tt": true, "so thu tu": true, "muc": true}

// classifyReport returns the meaning of a report column's title.
func classifyReport(title string) column {
	t := strings.Trim(fold(title), " .:*()")
	if sttTitles[t] {
		return colSTT
	}
	for _, rt := range reportTitles {
		for _, w := range rt.words {
			if hasPhrase(t, w) {
				return rt.col
			}
		}
	}
	return colOther
}

// hasPhrase reports whether folded text t holds phrase p on word
// boundaries; punctuation separates words ("phuong huong, nhiem vu").
func hasPhrase(t, p string) bool {
	t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
	return strings.Contains(" "+t+" ", " "+p+" ")
}

var (
	// planNumRe is a plan's task number: "3.14", "II.10", "10", "I.4".
	planNumRe = regexp.MustCompile(`^(?:[IVXLC]+\.)?\d{1,3}(?:\.\d{1,3})*\.?$`)
	// progressWords are folded words found in progress cells.
	progressWords = []string{"hoan thanh", "dang", "chua", "thuong xuyen", "dat", "trien khai", "thuc hien", "tien do", "cham", "xong"}
)

// reportSchema reads t as a unit's results table: a header among its
// first rows with a task column and a result or progress column, and no
// lead column (a plan assigns leads). Header titles give each column a
// first meaning; the cells then correct it.
func reportSchema(t *layout.Table) (schema, bool) {
	for h := 0; h < len(t.Rows) && h < 3; h++ {
		s := schema{cols: make([]column, t.Cols), titles: make([]string, t.Cols), group: make([]int, t.Cols), body: h + 1, report: true}
		for g, c := range t.Rows[h].Cells {
			for k := c.Col; k < c.Col+c.Span && k < t.Cols; k++ {
				s.titles[k] = c.Text()
				s.cols[k] = classifyReport(c.Text())
				s.group[k] = g + 1 // the columns of one header cell
			}
		}
		byContent(t, &s)
		s.dedupe()
		narrativeStatus(t, &s)
		if !s.has(colTask) && s.has(colResult) && (s.has(colDifficulty) || s.has(colProposal)) {
			// Results with their difficulties and proposals: a results
			// table even though no title names the task.
			firstTextColumn(t, &s)
		}
		if s.has(colTask) && (s.has(colResult) || s.has(colStatus)) && !s.has(colLead) {
			return s, true
		}
	}
	return schema{}, false
}

// byContent corrects the columns' meanings by their cells: numbers are
// the running number or the plan STT; short progress phrases are the
// progress when no title named one.
func byContent(t *layout.Table, s *schema) {
	hasStatus := s.has(colStatus)
	for k := range s.cols {
		cells := reportColumnCells(t, s.body, k)
		switch {
		case len(cells) == 0:
		case numberColumn(cells):
			if running(t, s.body, k) {
				s.cols[k] = colSTT
			} else {
				s.cols[k] = colPlanSTT
			}
		case s.cols[k] == colSTT || s.cols[k] == colPlanSTT:
			s.cols[k] = colOther
		case !hasStatus && s.cols[k] != colTask && s.cols[k] != colResult && progressColumn(cells):
			s.cols[k], hasStatus = colStatus, true
		}
	}
}

// reportColumnCells returns the non-empty texts of grid column k under the
// header, without the heading rows that span the table.
func reportColumnCells(t *layout.Table, body, k int) []string {
	var out []string
	for _, r := range t.Rows[body:] {
		if spanningRow(t, r) {
			continue
		}
		for _, c := range r.Cells {
			if c.Col == k && !c.Continued {
				if txt := strings.TrimSpace(c.Text()); txt != "" {
					out = append(out, txt)
				}
			}
		}
	}
	return out
}

// spanningRow reports whether r is one cell across the table: a group
// heading ("I. NHIỆM VỤ CHỦ TRÌ").
func spanningRow(t *layout.Table, r layout.Row) bool {
	n := 0
	var only layout.Cell
	for _, c := range r.Cells {
		if c.Text() != "" && !c.Continued {
			n++
			only = c
		}
	}
	return n == 1 && only.Span >= t.Cols-1 && t.Cols > 2
}

// numberColumn reports whether most cells of a column are task numbers.
func numberColumn(cells []string) bool {
	n := 0
	for _, c := range cells {
		if planNumRe.MatchString(c) {
			n++
		}
	}
	return n*10 >= len(cells)*8
}

// running reports whether column k numbers the rows 1, 2, 3…, afresh
// under each group heading: the report's own count, not the plan's
// numbers. Dotted or Roman-prefixed numbers are the plan's.
func running(t *layout.Table, body, k int) bool {
	next := 1
	for _, r := range t.Rows[body:] {
		if spanningRow(t, r) {
			next = 1
			continue
		}
		for _, c := range r.Cells {
			if c.Col != k || c.Continued {
				continue
			}
			txt := strings.TrimRight(strings.TrimSpace(c.Text()), ".")
			if txt == "" {
				continue
			}
			n, err := strconv.Atoi(txt)
			if err != nil || n != next && n != 1 {
				return false
			}
			next = n + 1
		}
	}
	return true
}

// progressColumn reports whether a column's cells are short progress
// phrases ("Hoàn thành", "Đạt 85%", "Thường xuyên"). A bare figure
// ("99,9%", "83,1") is no phrase: a column of them, under a title that
// does not say progress, is a statistics table's score.
func progressColumn(cells []string) bool {
	n := 0
	for _, c := range cells {
		f := fold(c)
		if len(strings.Fields(f)) > 12 || bareFigureRe.MatchString(c) {
			continue
		}
		if strings.Contains(c, "%") {
			n++
			continue
		}
		for _, w := range progressWords {
			if hasPhrase(f, w) {
				n++
				break
			}
		}
	}
	return n*10 >= len(cells)*7
}

// bareFigureRe is a cell that is only a number, a share or a rank.
var bareFigureRe = regexp.MustCompile(`^\s*[-+]?\d+(?:[.,]\d+)*\s*%?\s*$`)

// maxStatusWords is the longest a progress cell runs on average: a
// "Tiến độ hiện tại" column of whole sentences is what was done, the
// result, not a status.
const maxStatusWords = 12

// narrativeStatus makes a progress column of sentences the result column
// when the table has none.
func narrativeStatus(t *layout.Table, s *schema) {
	if s.has(colResult) {
		return
	}
	for k, c := range s.cols {
		if c != colStatus {
			continue
		}
		cells := reportColumnCells(t, s.body, k)
		words := 0
		for _, x := range cells {
			words += len(strings.Fields(x))
		}
		if len(cells) > 0 && words > maxStatusWords*len(cells) {
			s.cols[k] = colResult
		}
		return
	}
}

// firstTextColumn takes the first untitled column of text as the task
// column of a table whose titles name none: what the rows report on
// ("Cụm công nghiệp", "Đơn vị được kiểm tra") comes first.
func firstTextColumn(t *layout.Table, s *schema) {
	for k, c := range s.cols {
		if c != colOther {
			continue
		}
		if cells := reportColumnCells(t, s.body, k); len(cells) > 0 && !numberColumn(cells) {
			s.cols[k] = colTask
			return
		}
	}
}

// isReportDoc reports whether the document names itself a report: a
// "BÁO CÁO" line among its first paragraphs. Its tables are then read as
// results tables first, whatever their columns.
func isReportDoc(blocks []layout.Block) bool {
	n := 0
	for _, b := range blocks {
		if b.Para == nil {
			continue
		}
		if n++; n > 20 {
			break
		}
		if strings.EqualFold(strings.TrimSpace(b.Para.Text), "BÁO CÁO") {
			return true
		}
	}
	return false
}
