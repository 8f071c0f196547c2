package web

import (
	"strings"

	"vanban"

	"vanban/app"
	"vanban/vntext"
)

// slug folds a name into an HTML id: "Sở Tài chính" → "so-tai-chinh".
func slug(s string) string {
	return strings.ReplaceAll(vntext.FoldWords(s), " ", "-")
}

// fieldLabel names a searched field for a person.
func fieldLabel(f string) string {
	switch f {
	case "task":
		return "Nhiệm vụ"
	case "expected_output", "output":
		return "Sản phẩm"
	case "result":
		return "Kết quả"
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

func countUnit(u app.UnitCheck) unitCounts {
	var c unitCounts
	for _, t := range append(append([]app.TaskCheck{}, u.Lead...), u.Coordinate...) {
		switch t.Status {
		case vanban.TaskDone:
			c.Done++
		case vanban.TaskInProgress:
			c.InProgress++
		case vanban.TaskNotStarted:
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
