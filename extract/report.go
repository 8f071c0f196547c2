package extract

import (
	"regexp"
	"strings"

	"vanban"
	"vanban/extract/layout"
)

// Reading a unit's report: its results table (reportRows) or, without
// one, its prose (proseItems).

// reportRows reads the items of a report's results table.
func reportRows(t *layout.Table, s schema, section *vanban.Section) []vanban.ReportItem {
	var out []vanban.ReportItem
	bodyRows(t, s, section, func(rr row) {
		out = append(out, vanban.ReportItem{
			STT:        rr.stt,
			Task:       rr.cells[colTask],
			Role:       rr.cells[colRole],
			Result:     rr.cells[colResult],
			StatusText: rr.cells[colStatus],
			Section:    sectionLabel(*section),
			OCR:        rr.ocrFields(),
		})
	})
	return out
}

// proseItems reads a report without a results table as its numbered
// headings, each with the text under it. The deepest plain-numbered level
// ("1.", "2.") is taken; Roman headings are taken when there is none.
func proseItems(ls []line) []vanban.ReportItem {
	body := ls[bodyStart(ls):signatureStart(ls)]
	re := arabicHeadingRe
	if !anyMatch(body, re) {
		re = romanHeadingRe
	}
	var out []vanban.ReportItem
	for _, l := range body {
		if m := re.FindStringSubmatch(l.text); m != nil {
			out = append(out, vanban.ReportItem{STT: m[1], Task: m[2]})
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

var (
	arabicHeadingRe = regexp.MustCompile(`^(\d+(?:\.\d+)*)\.\s+(.+)$`)
	romanHeadingRe  = regexp.MustCompile(`^([IVXLC]+)\.\s+(.+)$`)
)

var progressRe = regexp.MustCompile(`(?i)^(?:[-–+•]\s*)?(?:tiến độ|kết quả|đánh giá)\s*:\s*(.+)$`)
