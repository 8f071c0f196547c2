package app

import (
	"strings"
	"testing"
	"time"

	"vanban"
	"vanban/index"
)

func TestDraftName(t *testing.T) {
	long := strings.Repeat("kế hoạch ", 20)
	tests := []struct {
		docType string
		date    vanban.Date
		title   string
		want    string
	}{
		{"Kế hoạch", vanban.D(2026, time.January, 5), "Chuyển đổi số", "Kế hoạch chưa có số ngày 05/01/2026: Chuyển đổi số"},
		{"", vanban.Date{}, "", "Văn bản chưa có số"},
		{"Báo cáo", vanban.Date{}, "  Kết quả quý I ", "Báo cáo chưa có số: Kết quả quý I"},
	}
	for _, tt := range tests {
		if got := DraftName(tt.docType, tt.date, tt.title); got != tt.want {
			t.Errorf("DraftName(%q, %v, %q) = %q, want %q", tt.docType, tt.date, tt.title, got, tt.want)
		}
	}
	if got := DraftName("Kế hoạch", vanban.Date{}, long); !strings.HasSuffix(got, "…") || len([]rune(got)) > 120 {
		t.Errorf("long title not cut: %q", got)
	}
}

func TestHitAnchors(t *testing.T) {
	tests := []struct {
		kind string
		row  int
		want string
	}{
		{"task", 12, "hang-12"},
		{"report", 0, "muc-0"},
		{"doc", 0, ""},
	}
	for _, tt := range tests {
		h := hit(index.Hit{Kind: tt.kind, Row: tt.row})
		if h.Anchor != tt.want {
			t.Errorf("%s row %d: anchor %q, want %q", tt.kind, tt.row, h.Anchor, tt.want)
		}
	}
	rep := hit(index.Hit{Kind: "report", Fields: index.Fields{Task: "Tập huấn", Output: "2 lớp", PlanSTT: "3.1"}})
	if len(rep.Fragments) != 1 || rep.Fragments[0].Field != "result" || rep.PlanSTT != "3.1" {
		t.Errorf("report item: %+v", rep)
	}
}
