package extract

import (
	"regexp"
	"strings"

	"vanban"
)

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
