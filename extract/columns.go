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
	return best
}
