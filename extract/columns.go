package extract

import "strings"

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
	if best != colOther {
		return best
	}
	return classifyWords(t)
}

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
