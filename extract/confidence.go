package extract

import (
	"fmt"
	"math"

	"vanban"
	"vanban/extract/layout"
)

// How sure a table reading is: every doubt lowers the score and says why,
// in Vietnamese, for the person who checks the plans below
// vanban.ReviewBelow.
const (
	doubtUntitled   = 0.10 // a column without a title
	doubtUnknown    = 0.05 // a titled column of no known meaning (kept under its title)
	doubtNoLead     = 0.15 // a plan's table without a lead column
	doubtNoTime     = 0.10 // nor a timeframe column
	doubtGuessed    = 0.10 // the header was not the first row
	doubtContinued  = 0.05 // a headerless table read with the schema of the one before
	doubtUnplaced   = 0.05 // per row that has text but no task
	maxUnplaced     = 0.30
	labelledTasksAt = 0.70 // tasks read from labelled lines, without a table
)

// doubts collects the reasons a reading is not sure.
type doubts struct {
	score   float64
	reasons []string
}

func (d *doubts) add(cost float64, format string, args ...any) {
	d.score -= cost
	d.reasons = append(d.reasons, fmt.Sprintf(format, args...))
}

// tableDoubts returns how sure the reading of table t with schema s is.
func tableDoubts(t *layout.Table, s schema) doubts {
	d := doubts{score: 1}
	if s.continued {
		d.add(doubtContinued, "bảng không có dòng tiêu đề, đọc theo các cột của bảng trước")
	} else if top := s.body - len(s.heads); top > 0 {
		d.add(doubtGuessed, "dòng tiêu đề đoán ở dòng %d của bảng", top+1)
	}
	for i, c := range s.cols {
		if c != colOther || i > 0 && s.group[i] == s.group[i-1] && s.titles[i] == s.titles[i-1] {
			continue
		}
		if s.titles[i] == "" {
			d.add(doubtUntitled, "cột %d không có tiêu đề", i+1)
		} else {
			d.add(doubtUnknown, "cột %d (“%s”) không rõ là cột gì, giữ theo tiêu đề", i+1, s.titles[i])
		}
	}
	if !s.report {
		if !s.has(colLead) {
			d.add(doubtNoLead, "không có cột đơn vị chủ trì")
		}
		if !s.has(colTime) {
			d.add(doubtNoTime, "không có cột thời gian thực hiện")
		}
	}
	if n := unplacedRows(t, s); n > 0 {
		d.add(math.Min(maxUnplaced, float64(n)*doubtUnplaced), "%d dòng có chữ nhưng không có nội dung nhiệm vụ, không đọc được", n)
	}
	if conf, ok := ocrConfidence(t); ok {
		d.reasons = append(d.reasons, fmt.Sprintf("bảng đọc bằng OCR (độ tin cậy %.0f%%)", 100*conf))
		d.score *= conf
	}
	d.score = math.Max(0, d.score)
	return d
}

// unplacedRows counts the body rows with text that are neither headings,
// repeated headers nor tasks: rows the reading could not place.
func unplacedRows(t *layout.Table, s schema) int {
	n := 0
	for _, r := range t.Rows[min(s.body, len(t.Rows)):] {
		if isEmptyRow(r) || isNumberingRow(r) || r.Header || s.repeatsHeader(r) || onlyContinued(r) {
			continue
		}
		if _, ok := sectionOf(t, s, r); ok {
			continue
		}
		if readRow(s, r).cells[colTask] == "" {
			n++
		}
	}
	return n
}

// onlyContinued reports whether r's only text is that of cells merged
// down from above.
func onlyContinued(r layout.Row) bool {
	for _, c := range r.Cells {
		if !c.Continued && c.Text() != "" {
			return false
		}
	}
	return true
}

// ocrConfidence returns the mean confidence of a table's cells read by
// OCR, if any were.
func ocrConfidence(t *layout.Table) (float64, bool) {
	sum, n := 0.0, 0
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.OCR && !c.Continued && c.Text() != "" {
				sum += c.Conf
				n++
			}
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}

// confidence sums up the doubts of the tables read: the score of the
// least sure, and every reason, by table when there are several.
func confidence(tables []doubts) *vanban.Confidence {
	if len(tables) == 0 {
		return nil
	}
	c := &vanban.Confidence{Score: 1}
	for i, d := range tables {
		c.Score = math.Min(c.Score, d.score)
		for _, r := range d.reasons {
			if len(tables) > 1 {
				r = fmt.Sprintf("bảng %d: %s", i+1, r)
			}
			c.Reasons = append(c.Reasons, r)
		}
	}
	c.Score = math.Round(c.Score*100) / 100
	return c
}

// labelledConfidence is the confidence of tasks read from labelled lines:
// no table's columns say which text is which.
func labelledConfidence(n int) *vanban.Confidence {
	return &vanban.Confidence{Score: labelledTasksAt, Reasons: []string{
		fmt.Sprintf("%d nhiệm vụ đọc từ các dòng ghi “Đơn vị chủ trì: …”, không có bảng", n)}}
}
