package extract

import (
	"regexp"
	"strings"

	"vanban"
)

// Tasks listed without a table: a numbered item (with the bullets under
// it) closed by labelled lines that assign it.
//
//	1. Tái cơ cấu ngành công nghiệp …
//	- Tham mưu UBND tỉnh …
//	Lãnh đạo phụ trách: Phó giám đốc …
//	Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: …

// labelWords are the labels that assign a task, as a pattern.
const labelWords = `(?:Đơn vị|Cơ quan)\s+(?:chủ trì(?:\s+thực hiện)?|thực hiện|phối hợp(?:\s+thực hiện)?)|Chủ trì|Phối hợp|` +
	`Thời gian(?:\s+(?:hoàn thành|thực hiện))?|Thời hạn(?:\s+hoàn thành)?|Tiến độ|Sản phẩm(?:\s+dự kiến)?|Kết quả(?:\s+dự kiến)?|` +
	`Lãnh đạo\s+(?:phụ trách|chỉ đạo|theo dõi)`

var (
	// labelRe matches a labelled line of a task listed without a table:
	// "- Đơn vị chủ trì thực hiện: Sở Khoa học và Công nghệ."
	labelRe = regexp.MustCompile(`^[-–+•*]?\s*(` + labelWords + `)\s*:\s*(.*)$`)
	// nextLabelRe finds a further label in the same paragraph: "…; Đơn
	// vị phối hợp: …".
	nextLabelRe = regexp.MustCompile(`;\s*(` + labelWords + `)\s*:\s*`)
	// itemRe matches a numbered item and captures its number.
	itemRe = regexp.MustCompile(`^\s*(?:\((\d+)\)|(\d+(?:\.\d+)*)[.)]|([a-zđ])\))\s+(.+)$`)
	// headingRe matches a numbered heading: "1. Hoàn thiện …", "II. …".
	headingRe = regexp.MustCompile(`^([IVXLC]+|\d+(?:\.\d+)*)\.\s+(.+)$`)
	// bulletRe matches a bullet line under an item: "- Tham mưu …".
	bulletRe = regexp.MustCompile(`^[-–+•*]\s*\S`)
	// leadSplitRe splits "Văn phòng UBND tỉnh chủ trì, phối hợp với Sở …".
	leadSplitRe = regexp.MustCompile(`^(.*?)\s+chủ trì,?\s*phối hợp(?:\s+với)?\s+(.*)$`)
)

// maxBullets bounds how far above its labels a task's item may be.
const maxBullets = 30

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
		it, at := labelledItem(ls, i)
		if at < 0 {
			continue
		}
		section = sectionBefore(ls, at, section)
		t := vanban.Task{Section: section, STT: it.number, Task: it.text}
		for ; i < len(ls) && labelRe.MatchString(ls[i].text); i++ {
			for _, l := range splitLabels(ls[i].text) {
				setLabel(&t, l[0], l[1])
			}
		}
		i--
		out = append(out, t)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

type item struct{ number, text string }

// labelledItem returns the task the labelled line at i closes, and the
// index of its first line: the numbered item above with the bullets
// under it, joined; else the closest line above that is not a label.
func labelledItem(ls []line, i int) (item, int) {
	j := i - 1
	if j < 0 || labelRe.MatchString(ls[j].text) {
		return item{}, -1
	}
	if bulletRe.MatchString(ls[j].text) {
		k := j
		for k >= 0 && j-k < maxBullets && bulletRe.MatchString(ls[k].text) {
			k--
		}
		if k >= 0 && !labelRe.MatchString(ls[k].text) {
			if m := itemRe.FindStringSubmatch(ls[k].text); m != nil {
				parts := []string{m[4]}
				for _, l := range ls[k+1 : j+1] {
					parts = append(parts, l.text)
				}
				return item{number: m[1] + m[2] + m[3], text: strings.Join(parts, " ")}, k
			}
		}
	}
	if m := itemRe.FindStringSubmatch(ls[j].text); m != nil {
		return item{number: m[1] + m[2] + m[3], text: m[4]}, j
	}
	return item{text: ls[j].text}, j
}

// splitLabels returns the labels of one paragraph and their values:
// "Đơn vị chủ trì: X; Đơn vị phối hợp: Y" is two.
func splitLabels(text string) [][2]string {
	m := labelRe.FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	label, rest := m[1], m[2]
	var out [][2]string
	for {
		loc := nextLabelRe.FindStringSubmatchIndex(rest)
		if loc == nil {
			return append(out, [2]string{label, strings.TrimSpace(rest)})
		}
		out = append(out, [2]string{label, strings.TrimSpace(rest[:loc[0]])})
		label, rest = rest[loc[2]:loc[3]], rest[loc[1]:]
	}
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

// setLabel stores a labelled value in the task field it names; a line
// naming the leader in charge is kept under its own label, not as the
// task's lead.
func setLabel(t *vanban.Task, label, value string) {
	value = strings.TrimSuffix(value, ".")
	switch f := fold(label); {
	case strings.HasPrefix(f, "lanh dao"):
		if t.Extra == nil {
			t.Extra = map[string]string{}
		}
		t.Extra[label] = value
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
