package web

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slug folds a name into an HTML id: "Sở Tài chính" → "so-tai-chinh".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fieldLabel names a searched field for a person.
func fieldLabel(f string) string {
	switch f {
	case "task":
		return "Nhiệm vụ"
	case "expected_output", "output":
		return "Sản phẩm"
	case "lead":
		return "Chủ trì"
	case "coordinators", "coord":
		return "Phối hợp"
	case "timeframe":
		return "Thời gian"
	case "note":
		return "Ghi chú"
	case "section":
		return "Mục"
	case "title":
		return "Trích yếu"
	case "text", "body":
		return "Nội dung"
	}
	return f
}

// unitCounts are the figures of one unit's row in the cross-check table.
type unitCounts struct {
	Done, InProgress, NotStarted, NotReported, Overdue int
}

func countUnit(u UnitCheck) unitCounts {
	var c unitCounts
	for _, t := range append(append([]TaskCheck{}, u.Lead...), u.Coordinate...) {
		switch t.Status {
		case TaskDone:
			c.Done++
		case TaskInProgress:
			c.InProgress++
		case TaskNotStarted:
			c.NotStarted++
		default:
			c.NotReported++
		}
		if t.Overdue {
			c.Overdue++
		}
	}
	return c
}
