package extract

import (
	"regexp"
	"strings"

	"vanban"
)

var (
	// labelRe matches a labelled line of a task listed without a table:
	// "- Đơn vị chủ trì thực hiện: Sở Khoa học và Công nghệ."
	labelRe = regexp.MustCompile(`^[-–+•*]?\s*((?:Đơn vị|Cơ quan)\s+(?:chủ trì(?:\s+thực hiện)?|thực hiện|phối hợp(?:\s+thực hiện)?)|Chủ trì|Phối hợp|Thời gian(?:\s+(?:hoàn thành|thực hiện))?|Thời hạn(?:\s+hoàn thành)?|Tiến độ|Sản phẩm(?:\s+dự kiến)?|Kết quả(?:\s+dự kiến)?)\s*:\s*(.*)$`)
	// itemRe matches a numbered item and captures its number.
	itemRe = regexp.MustCompile(`^\s*(?:\((\d+)\)|(\d+(?:\.\d+)*)[.)]|([a-zđ])\))\s+(.+)$`)
	// headingRe matches a numbered heading: "1. Hoàn thiện …", "II. …".
	headingRe = regexp.MustCompile(`^([IVXLC]+|\d+(?:\.\d+)*)\.\s+(.+)$`)
	// leadSplitRe splits "Văn phòng UBND tỉnh chủ trì, phối hợp với Sở …".
	leadSplitRe = regexp.MustCompile(`^(.*?)\s+chủ trì,?\s*phối hợp(?:\s+với)?\s+(.*)$`)
)

// labelledTasks reads tasks listed as numbered items followed by labelled
// lines (Đơn vị chủ trì, Đơn vị phối hợp, Thời gian hoàn thành). It needs
// at least two such items, so that ordinary prose is not taken for tasks.
func labelledTasks(ls []line) []vanban.Task {
	var out []vanban.Task
	var section vanban.Section
	for i := 0; i < len(ls); i++ {
		if !labelRe.MatchString(ls[i].text) {
			continue
		}
		item, at := precedingItem(ls, i)
		if at < 0 {
			continue
		}
		section = sectionBefore(ls, at, section)
		t := vanban.Task{Section: section, STT: item.number, Task: item.text}
		for ; i < len(ls) && labelRe.MatchString(ls[i].text); i++ {
			m := labelRe.FindStringSubmatch(ls[i].text)
			setLabel(&t, m[1], strings.TrimSpace(m[2]))
		}
		i--
		if section.Numeral != "" && t.STT != "" && !strings.Contains(t.STT, ".") {
			t.STT = section.Numeral + "." + t.STT
		}
		out = append(out, t)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

type item struct{ number, text string }

// precedingItem returns the task text the labelled line at i belongs to:
// the closest line above that is not a label.
func precedingItem(ls []line, i int) (item, int) {
	j := i - 1
	if j < 0 || labelRe.MatchString(ls[j].text) {
		return item{}, -1
	}
	if m := itemRe.FindStringSubmatch(ls[j].text); m != nil {
		return item{number: m[1] + m[2] + m[3], text: m[4]}, j
	}
	return item{text: ls[j].text}, j
}

// sectionBefore returns the numbered heading above the item at i that is
// not itself an item with labels, or cur when there is none new.
func sectionBefore(ls []line, i int, cur vanban.Section) vanban.Section {
	for j := i - 1; j >= 0; j-- {
		if labelRe.MatchString(ls[j].text) {
			return cur
		}
		if j+1 < len(ls) && labelRe.MatchString(ls[j+1].text) {
			continue
		}
		if m := headingRe.FindStringSubmatch(ls[j].text); m != nil {
			return vanban.Section{Numeral: m[1], Title: strings.TrimSpace(m[2])}
		}
	}
	return cur
}

// setLabel stores a labelled value in the task field it names.
func setLabel(t *vanban.Task, label, value string) {
	value = strings.TrimSuffix(value, ".")
	switch f := fold(label); {
	case strings.Contains(f, "phoi hop"):
		t.Coordinators = value
	case strings.Contains(f, "chu tri"), strings.Contains(f, "thuc hien") && !strings.HasPrefix(f, "thoi"):
		if m := leadSplitRe.FindStringSubmatch(value); m != nil {
			t.Lead, t.Coordinators = m[1], m[2]
		} else {
			t.Lead = value
		}
	case strings.HasPrefix(f, "thoi"), strings.HasPrefix(f, "tien do"):
		t.Timeframe = value
	default:
		t.ExpectedOutput = value
	}
}

func anyMatch(ls []line, re *regexp.Regexp) bool {
	for _, l := range ls {
		if re.MatchString(l.text) {
			return true
		}
	}
	return false
}

// bodyStart returns the index of the first body line: after the title.
func bodyStart(ls []line) int {
	for i, l := range ls {
		if !l.center && !isUpper(l.text) && i > 0 && !numberRe.MatchString(l.text) && !dateRe.MatchString(l.text) && l.side != rightSide && l.side != leftSide {
			return i
		}
	}
	return 0
}

// signatureStart returns the index of the "Nơi nhận" line, or len(ls).
func signatureStart(ls []line) int {
	for i := len(ls) - 1; i >= 0; i-- {
		if strings.HasPrefix(ls[i].text, "Nơi nhận") {
			return i
		}
	}
	return len(ls)
}
