package extract

import (
	"regexp"
	"strings"

	"vanban/extract/layout"
)

// column is the meaning of a table column, read from its header title.
type column int

const (
	colOther column = iota
	colSTT
	colTask
	colOutput
	colLead
	colCoord
	colTime
	colNote
	colMonitor
	colRole   // report: Vai trò
	colResult // report: Kết quả thực hiện
	colStatus // report: Tiến độ, Tình trạng
)

// headerTitles lists, folded, the titles agencies give each column;
// matching tries the whole title, then the longest prefix.
var headerTitles = []struct {
	col    column
	titles []string
}{
	{colSTT, []string{"stt", "tt", "so tt", "so thu tu"}},
	{colOutput, []string{"ket qua/san pham du kien", "ket qua, san pham du kien", "san pham du kien", "ket qua du kien", "san pham dau ra", "san pham", "ket qua/san pham", "ket qua, san pham", "ket qua"}},
	{colMonitor, []string{"theo doi, kiem tra, don doc", "theo doi", "kiem tra, don doc"}},
	{colLead, []string{"co quan chu tri", "don vi chu tri", "chu tri thuc hien", "chu tri", "trach nhiem thuc hien", "co quan thuc hien", "don vi thuc hien", "co quan, don vi chu tri"}},
	{colCoord, []string{"co quan phoi hop", "don vi phoi hop", "phoi hop thuc hien", "phoi hop", "co quan, don vi phoi hop"}},
	{colTime, []string{"thoi gian thuc hien", "thoi han hoan thanh", "thoi gian hoan thanh", "thoi han", "tien do", "thoi gian", "moc thoi gian"}},
	{colNote, []string{"ghi chu"}},
	{colRole, []string{"vai tro"}},
	{colResult, []string{"ket qua thuc hien", "ket qua dat duoc", "ket qua trien khai", "ket qua thuc te"}},
	{colStatus, []string{"tinh trang", "muc do hoan thanh", "danh gia"}},
	{colTask, []string{"noi dung cong viec", "noi dung nhiem vu", "ten nhiem vu", "nhiem vu duoc giao", "nhiem vu", "noi dung", "cong viec", "nhiem vu, giai phap", "don vi duoc kiem tra", "noi dung kiem tra"}},
}

// classify returns the meaning of a header title.
func classify(title string) column {
	t := strings.Trim(fold(title), " .:*")
	if t == "" {
		return colOther
	}
	t = unspaced(t)
	for _, h := range headerTitles {
		for _, s := range h.titles {
			if t == s {
				return h.col
			}
		}
	}
	// Else the longest title the header starts with: "Kết quả thực hiện
	// năm 2026" is a result, "Kết quả cần đạt" an expected output.
	best, bestLen := colOther, 3
	for _, h := range headerTitles {
		for _, s := range h.titles {
			if len(s) > bestLen && strings.HasPrefix(t, s) {
				best, bestLen = h.col, len(s)
			}
		}
	}
	if best != colOther || len(strings.Fields(t)) > maxTitleWords {
		return best
	}
	return classifyWords(t)
}

// unspaced joins a title a narrow column broke letter by letter ("S T
// T" → "stt").
func unspaced(t string) string {
	f := strings.Fields(t)
	for _, w := range f {
		if len([]rune(w)) != 1 {
			return t
		}
	}
	return strings.Join(f, "")
}

// maxTitleWords is the most words a header title has: a longer text is a
// cell, not a title, and its words say nothing of the column.
const maxTitleWords = 8

// titleWords are, folded, the words a column's title is built from, by
// the meaning they give it. Titles vary without end ("Các hoạt động",
// "Cơ quan tham mưu", "Đơn vị tham gia phối hợp", "Thời điểm hoàn
// thành"), but they are made of these words.
var titleWords = []struct {
	col   column
	words []string
}{
	{colNote, []string{"ghi chu"}},
	{colMonitor, []string{"theo doi", "don doc"}},
	{colCoord, []string{"phoi hop", "tham gia"}},
	{colLead, []string{"chu tri", "tham muu", "dau moi", "phu trach", "trach nhiem", "phan cong"}},
	{colTime, []string{"thoi gian", "thoi han", "tien do", "thoi diem", "moc", "han", "ngay hoan thanh"}},
	{colOutput, []string{"san pham", "ket qua", "hinh thuc"}},
	{colTask, []string{"nhiem vu", "noi dung", "cong viec", "hoat dong", "giai phap"}},
}

// unitWords name who does a task: a title headed by one is a lead column,
// or a coordinator column when a coordinating word follows ("Đơn vị tham
// gia phối hợp").
var unitWords = []string{"co quan", "don vi", "nguoi", "bo phan", "ca nhan", "to chuc"}

// classifyWords reads a title no list knows by its words. Vietnamese puts
// the head of a phrase first ("Thời gian hoàn thành" is a time, "Nhiệm vụ
// thực hiện" a task), so the word that comes first decides.
func classifyWords(t string) column {
	words := " " + strings.NewReplacer("/", " ", ",", " ", "(", " ", ")", " ", "-", " ").Replace(t) + " "
	best, at := colOther, len(words)
	for _, h := range titleWords {
		for _, w := range h.words {
			if i := strings.Index(words, " "+w+" "); i >= 0 && i < at {
				best, at = h.col, i
			}
		}
	}
	for _, w := range unitWords {
		if i := strings.Index(words, " "+w+" "); i >= 0 && i < at {
			switch rest := words[i+len(w)+1:]; classifyWords(rest) {
			case colCoord:
				best, at = colCoord, i
			case colLead:
				best, at = colLead, i
			default:
				// "Đơn vị" alone or doing the task is the lead; "Đơn
				// vị tính" (of measure), "Đơn vị góp ý" (who commented)
				// are not.
				if strings.TrimSpace(rest) == "" || strings.Contains(rest, " thuc hien ") {
					best, at = colLead, i
				}
			}
		}
	}
	return best
}

// Cell contents that say what a column holds when its title does not.
var (
	// timeCellRe matches a timeframe as plans write it: "Quý I/2026",
	// "Tháng 9/2026", "Năm 2027", "Hằng năm", "Thường xuyên", "Trước
	// ngày 15/7/2026", "30/6/2026", "30 ngày kể từ …" (folded).
	timeCellRe = regexp.MustCompile(`^(?:(?:truoc|trong|tu|den|sau|nam hoc|giai doan|dinh ky)\s+)?(?:ngay\s+\d|thang\s+\d|quy\s+[ivx1-4]|nam\s+\d{4}|\d{4}\b|hang\s+(?:nam|quy|thang|tuan)|thuong\s+xuyen|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}|\d+\s+ngay)`)
	// unitCellRe matches the name of a unit: "Sở Nội vụ", "UBND các xã",
	// "Các sở, ban, ngành", "Công an tỉnh" (folded).
	unitCellRe = regexp.MustCompile(`^(?:cac\s+)?(?:so|ban|bo|cuc|vu|phong|van phong|ubnd|uy ban|cong an|bo chi huy|trung tam|tinh doan|hoi|lien doan|mat tran|don vi|co quan|chi cuc|thanh tra|kho bac|bao|dai|truong|vien)\b`)
	// numberCellRe matches a row number: "1", "1.2", "a)", "IV".
	numberCellRe = regexp.MustCompile(`^(?:\d{1,3}(?:\.\d{1,3})*|[a-zđ]|[IVXLC]+)[.)]?$`)
)

// byContent classifies the columns of s that their titles leave unknown
// from what their body cells hold, for meanings the schema lacks: a
// column of timeframes is the timeframe ("Lộ trình"); an untitled column
// of numbers is the STT, of unit names the lead (then the coordinators).
// Titled columns of unit names keep their title: "Đơn vị góp ý" names
// units that are not assigned anything.
func (s *schema) byContent(t *layout.Table) {
	if !s.looksLikeHeader() {
		return
	}
	for i, c := range s.cols {
		if c != colOther || i > 0 && s.group[i] == s.group[i-1] {
			continue
		}
		cells := columnCells(t, s.body, i)
		if len(cells) < 2 {
			continue
		}
		untitled := strings.TrimSpace(s.titles[i]) == ""
		switch {
		case !s.has(colTime) && share(cells, timeCellRe) >= 0.8:
			s.cols[i] = colTime
		case untitled && !s.has(colSTT) && i == 0 && share(cells, numberCellRe) >= 0.8:
			s.cols[i] = colSTT
		case untitled && share(cells, unitCellRe) >= 0.8:
			if !s.has(colLead) {
				s.cols[i] = colLead
			} else if !s.has(colCoord) {
				s.cols[i] = colCoord
			}
		}
	}
}

// looksLikeHeader reports whether the titles read are a header's: a task
// column and another known column, and no row number among them (the
// first row of a headerless table is data).
func (s *schema) looksLikeHeader() bool {
	known := 0
	for i, c := range s.cols {
		if numberCellRe.MatchString(strings.TrimSpace(s.titles[i])) {
			return false
		}
		if c != colOther && c != colTask {
			known++
		}
	}
	return s.has(colTask) && known > 0
}

// columnCells returns the texts of grid column col in the rows from body
// on, folded, non-empty, each cell once.
func columnCells(t *layout.Table, body, col int) []string {
	var out []string
	for _, r := range t.Rows[min(body, len(t.Rows)):] {
		for _, c := range r.Cells {
			if c.Col == col && c.Span == 1 && !c.Continued && c.Text() != "" {
				out = append(out, fold(c.Text()))
			}
		}
	}
	return out
}

// share returns the fraction of cells that re matches.
func share(cells []string, re *regexp.Regexp) float64 {
	n := 0
	for _, c := range cells {
		if re.MatchString(c) {
			n++
		}
	}
	return float64(n) / float64(len(cells))
}
