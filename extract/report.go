package extract

import (
	"regexp"
	"strings"

	"vanban"
	"vanban/extract/layout"
)

// Reading a unit's report: its results table (reportRows) or, without
// one, its prose (proseItems).

// reportRows reads the items of a report's results table. Heading rows
// open a section, or give the role of the rows under them ("I. NHIỆM VỤ
// CHỦ TRÌ", "II. NHIỆM VỤ PHỐI HỢP"): a role group is no section of the
// plan, and its numeral names none of the plan's sections.
func reportRows(t *layout.Table, s schema, section *vanban.Section) []vanban.ReportItem {
	var out []vanban.ReportItem
	for _, r := range t.Rows[s.body:] {
		if isEmptyRow(r) || isNumberingRow(r) || r.Header {
			continue
		}
		if sec, ok := reportHeading(t, s, r); ok {
			*section = sec
			continue
		}
		rr := readRow(s, r)
		if rr.cells[colTask] == "" && rr.cells[colResult] == "" {
			continue
		}
		out = append(out, reportItem(rr, *section, s.has(colSTT), s.has(colPlanSTT)))
	}
	return out
}

// reportItem is one row of a results table under section. Its number is
// the plan's task number when a column gives it, and a running number
// beside it (hasRunning) is then the report's own count, kept nowhere: it
// shifts when a row is inserted. Without a plan STT column the row's own
// number is its number.
func reportItem(rr row, section vanban.Section, hasRunning, hasPlanSTT bool) vanban.ReportItem {
	stt := strings.TrimRight(strings.TrimSpace(rr.cells[colPlanSTT]), ".)")
	if !hasPlanSTT {
		stt = rr.stt
	}
	it := vanban.ReportItem{
		STT:        stt,
		Section:    sectionLabel(section),
		Task:       rr.cells[colTask],
		Role:       rr.cells[colRole],
		Result:     rr.cells[colResult],
		StatusText: rr.cells[colStatus],
		Unit:       rr.cells[colUnit],
		Difficulty: rr.cells[colDifficulty],
		Proposal:   rr.cells[colProposal],
		OCR:        rr.ocrFields(),
	}
	if hasRunning && hasPlanSTT {
		it.PlanSTT = stt
	}
	if role := roleGroup(section.Title); role != "" && it.Role == "" {
		it.Role = role
	}
	return it
}

// reportHeading returns the section a heading row of a results table
// opens: one cell across the table, a numbered group row, or a Roman
// numeral with a title and nothing else.
func reportHeading(t *layout.Table, s schema, r layout.Row) (vanban.Section, bool) {
	if spanningRow(t, r) || t.Cols <= 2 {
		if sec, ok := sectionOf(t, s, r); ok {
			return sec, true
		}
	}
	if sec, ok := groupRow(t, r); ok {
		return sec, true
	}
	rr := readRow(s, r)
	num := strings.TrimSpace(rr.cells[colSTT] + rr.cells[colPlanSTT])
	if m := sectionNum.FindStringSubmatch(num); m != nil && rr.cells[colResult] == "" && rr.cells[colStatus] == "" {
		return vanban.Section{Numeral: m[1], Title: rr.cells[colTask]}, true
	}
	return vanban.Section{}, false
}

// roleGroup returns the role a group heading gives the rows under it:
// "chủ trì" for "NHIỆM VỤ CHỦ TRÌ", "phối hợp" for "Nhiệm vụ phối hợp".
func roleGroup(title string) string {
	f := fold(title)
	if len(strings.Fields(f)) > 8 {
		return ""
	}
	switch {
	case hasPhrase(f, "chu tri"):
		return "chủ trì"
	case hasPhrase(f, "phoi hop"):
		return "phối hợp"
	}
	return ""
}

// proseItems reads a report without a results table as its numbered
// headings, each with the text under it. The deepest plain-numbered level
// ("1.", "2.") is taken; Roman headings are taken when there is none.
// Under the closing parts of a report (Khó khăn, Tồn tại, Phương hướng,
// Đề xuất) numbered lines are no items, and their text, where "chưa thực
// hiện" means something else, belongs to no item: a task's status comes
// from the part that reports results.
func proseItems(ls []line) []vanban.ReportItem {
	body := ls[bodyStart(ls):signatureStart(ls)]
	re := arabicHeadingRe
	if !anyMatch(body, re) {
		re = romanHeadingRe
	}
	var out []vanban.ReportItem
	closing := false // inside a closing part, in the Arabic reading
	section := ""    // the Roman heading above, in the Arabic reading
	for _, l := range body {
		if re == arabicHeadingRe {
			if m := romanHeadingRe.FindStringSubmatch(l.text); m != nil {
				closing, section = closingPart(m[2]), m[1]+". "+strings.TrimSpace(m[2])
				continue
			}
		}
		if closing {
			continue
		}
		if m := re.FindStringSubmatch(l.text); m != nil {
			task, result := splitHeadingText(m[2])
			out = append(out, vanban.ReportItem{STT: m[1], Task: task, Result: result, Section: section})
			continue
		}
		if len(out) == 0 {
			continue
		}
		it := &out[len(out)-1]
		it.Result = strings.TrimSpace(it.Result + " " + l.text)
		if s := progressRe.FindStringSubmatch(l.text); s != nil {
			it.StatusText = strings.TrimSpace(s[1])
		}
	}
	return out
}

// closingWords are the folded titles of a report's closing parts.
var closingWords = []string{"kho khan", "vuong mac", "ton tai", "han che", "phuong huong", "de xuat", "kien nghi", "thoi gian toi", "danh gia chung"}

// minRunInWords is the least length of the text after a heading's colon
// for it to be the start of the item's result ("5. Về tổng hợp …: Tổng số
// nhiệm vụ được giao là 21, …") rather than part of its title.
const minRunInWords = 8

// splitHeadingText parts a heading line into its title and the text run
// in after its colon. A role label ("Nhiệm vụ chủ trì: triển khai …")
// keeps its title whole.
func splitHeadingText(s string) (task, result string) {
	head, rest, ok := strings.Cut(s, ":")
	if !ok || len(strings.Fields(rest)) < minRunInWords || len(strings.Fields(head)) < 3 || roleGroup(head) != "" {
		return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ":")), ""
	}
	return strings.TrimSpace(head), strings.TrimSpace(rest)
}

// closingPart reports whether a Roman heading opens a closing part of the
// report rather than its results.
func closingPart(title string) bool {
	f := fold(title)
	for _, w := range closingWords {
		if hasPhrase(f, w) {
			return true
		}
	}
	return false
}

var (
	arabicHeadingRe = regexp.MustCompile(`^(\d+(?:\.\d+)*)\.\s+(.+)$`)
	romanHeadingRe  = regexp.MustCompile(`^([IVXLC]+)\.\s+(.+)$`)
)

var progressRe = regexp.MustCompile(`(?i)^(?:[-–+•]\s*)?(?:tiến độ|kết quả|đánh giá)\s*:\s*(.+)$`)
