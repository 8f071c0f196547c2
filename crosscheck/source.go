package crosscheck

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"vanban"
)

// StatusSource says where a task's status was read. The cross-check goes
// to the People's Committee: a status read from a unit's own progress
// column weighs more than one judged from its result text, and a person's
// decision overrides both.
type StatusSource string

const (
	SourceColumn     StatusSource = "column"      // the report's progress column
	SourceResultText StatusSource = "result_text" // judged from the result text
	SourceProse      StatusSource = "prose"       // a prose report's results part
	SourcePerson     StatusSource = "person"      // set by a person
)

// Label names the source in Vietnamese.
func (s StatusSource) Label() string {
	switch s {
	case SourceColumn:
		return "cột tiến độ"
	case SourceResultText:
		return "nội dung kết quả"
	case SourceProse:
		return "phần kết quả của báo cáo"
	case SourcePerson:
		return "người xác nhận"
	}
	return string(s)
}

// statusFromCell reports whether the progress cell itself told the
// status.
func statusFromCell(statusText string) bool {
	if strings.TrimSpace(statusText) == "" {
		return false
	}
	_, ok := classify(fold(statusText))
	return ok || percentRe.MatchString(statusText)
}

// proseItem reports whether a report item is a heading of a prose report
// rather than a table row: its text holds the line "N. heading".
func proseItem(rep *vanban.Document, it vanban.ReportItem) bool {
	stt, task := strings.TrimSpace(it.STT), strings.TrimSpace(it.Task)
	if task == "" {
		return false
	}
	head := norm.NFC.String(prefix(task, 40))
	for _, l := range strings.Split(rep.Text, "\n") {
		l = strings.TrimSpace(norm.NFC.String(l))
		if stt != "" && strings.HasPrefix(l, stt) {
			l = strings.TrimLeft(l[len(stt):], ".) ")
		} else if stt != "" {
			continue
		}
		if strings.HasPrefix(l, head) {
			return stt != "" || l != task
		}
	}
	return false
}
