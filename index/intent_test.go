package index

import (
	"slices"
	"strings"
	"testing"
	"time"

	"vanban"
	"vanban/normalize"
)

// intentPlan is a small plan whose rows differ only by unit role,
// deadline or diacritics, and a report on it.
func intentPlan() []*vanban.Document {
	row := func(stt, task, lead, coord, tf string) vanban.Task {
		return vanban.Task{STT: stt, Task: task, Lead: lead, Coordinators: coord, Timeframe: tf}
	}
	plan := &vanban.Document{
		ID: 1,
		Meta: vanban.Meta{Reference: "7/KH-UBND", DocType: "Kế hoạch", Title: "Kế hoạch thử nghiệm tìm kiếm",
			Date: vanban.D(2026, time.January, 5)},
		Rows: []vanban.Task{
			row("1", "Rà soát quy chế làm việc", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026"),
			row("2", "Tổng hợp số liệu thống kê", "Sở Nội vụ", "Sở Tư pháp", "Tháng 9/2026"),
			row("3", "Phối hợp với Sở Tư pháp tập huấn", "Sở Y tế", "", "Năm 2027"),
			row("4", "Công khai kết quả giải quyết hồ sơ", "Văn phòng Ủy ban nhân dân tỉnh", "", "Hằng tháng"),
			row("5", "Triển khai CĐS trong cơ quan", "Sở Khoa học và Công nghệ", "", "Quý III/2027"),
			row("6", "Quản lý quỹ phát triển", "Sở Tài chính", "", "Thường xuyên"),
			row("7", "Phối hợp Chi cục Kiểm lâm tuần tra rừng", "Sở Y tế", "", "Năm 2026"),
		},
	}
	report := &vanban.Document{
		ID:   2,
		Meta: vanban.Meta{Reference: "9/BC-STP", DocType: "Báo cáo", Title: "Báo cáo kết quả", Date: vanban.D(2026, time.June, 1)},
		ReportItems: []vanban.ReportItem{
			{STT: "1", Task: "Rà soát quy chế làm việc", Result: "Đã rà soát 14 quy chế, bãi bỏ 3 quy chế lỗi thời", PlanSTT: "1"},
			{STT: "1", Task: "Tập huấn nghiệp vụ", Result: "Tổ chức 2 lớp cho 120 học viên"},
		},
	}
	for _, d := range []*vanban.Document{plan, report} {
		normalize.Document(d, nil)
	}
	return []*vanban.Document{plan, report}
}

func TestIntentQueries(t *testing.T) {
	ix := memIndex(t, intentPlan()...)
	tests := []struct {
		q     string
		want  []string // the first hits, in order
		never []string // hits that must not be found
	}{
		// lead, then coordinate, then mention.
		{"nhiệm vụ của Sở Tư pháp", []string{"7/KH-UBND#1", "7/KH-UBND#2", "7/KH-UBND#3"}, nil},
		{"Sở Tư pháp chủ trì", []string{"7/KH-UBND#1"}, []string{"7/KH-UBND#2"}},
		{"so tu phap phoi hop", []string{"7/KH-UBND#2"}, []string{"7/KH-UBND#1"}},
		{"giao cho VP UBND tỉnh", []string{"7/KH-UBND#4"}, nil},
		// a unit no table knows, after a cue.
		{"nhiệm vụ của Chi cục Kiểm lâm", []string{"7/KH-UBND#7"}, nil},
		// a period by its milestones, never by "quy chế" or "quỹ".
		{"quý 2 năm 2026", []string{"7/KH-UBND#1"}, []string{"7/KH-UBND#6"}},
		{"quy 2 nam 2026", []string{"7/KH-UBND#1"}, []string{"7/KH-UBND#6"}},
		{"đến hạn tháng 9/2026", []string{"7/KH-UBND#2"}, []string{"7/KH-UBND#1"}},
		{"hằng tháng", []string{"7/KH-UBND#4"}, nil},
		{"năm 2027", []string{"7/KH-UBND#5", "7/KH-UBND#3"}, nil}, // due in 2027, earliest first
		// acronyms both ways.
		{"chuyển đổi số", []string{"7/KH-UBND#5"}, nil},
		{"CĐS", []string{"7/KH-UBND#5"}, nil},
		// a word typed with marks is only that word.
		{"quỹ", []string{"7/KH-UBND#6"}, []string{"7/KH-UBND#1"}},
		// without marks every form, the form as typed first.
		{"quy", []string{"7/KH-UBND#1", "9/BC-STP@1", "7/KH-UBND#6"}, nil},
		// report items are found, with their own ids.
		{"bãi bỏ quy chế lỗi thời", []string{"9/BC-STP@1"}, nil},
		{"kết quả lớp học viên", []string{"9/BC-STP@r2"}, nil},
	}
	for _, tt := range tests {
		got := ids(find(t, ix, tt.q, Options{Limit: 20}))
		if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
			t.Errorf("%q: %v, want first %v", tt.q, got, tt.want)
		}
		for _, id := range tt.never {
			if slices.Contains(got, id) {
				t.Errorf("%q: found %s (%v)", tt.q, id, got)
			}
		}
	}
}

func TestPeriodFilterSlug(t *testing.T) {
	ix := memIndex(t, intentPlan()...)
	tests := []struct {
		q    string
		want []string
	}{
		{"han:quy-3-2027", []string{"7/KH-UBND#5"}},
		{"han:quy-2-2026", []string{"7/KH-UBND#1"}},
		{"han:thang-9-2026", []string{"7/KH-UBND#2"}},
		{"han:6-thang-cuoi-2026", []string{"7/KH-UBND#2", "7/KH-UBND#7"}},
	}
	for _, tt := range tests {
		got := ids(find(t, ix, tt.q, Options{Limit: 20}))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %v, want %v", tt.q, got, tt.want)
		}
	}
	if _, err := ix.Search(t.Context(), "han:quy-chế", Options{}); err == nil {
		t.Error("han:quy-chế: no error")
	}
}

func TestReadPeriod(t *testing.T) {
	tests := []struct {
		text     string
		ok       bool
		from, to string
	}{
		{"quý 2 năm 2026", true, "2026-04-01", "2026-06-30"},
		{"quy 2 nam 2026", true, "2026-04-01", "2026-06-30"},
		{"6 thang cuoi nam 2026", true, "2026-07-01", "2026-12-31"},
		{"tháng 9", true, "1904-09-01", "1904-09-30"},
		{"quy chế", false, "", ""},
		{"quỹ 2026", false, "", ""},
	}
	c := &compiler{p: plan{hl: newMatcher(false)}}
	if _, groups := c.readPeriods([]string{"53/2025/NQ-HĐND"}); len(groups) > 0 {
		t.Error("a document number read as a period")
	}
	for _, tt := range tests {
		ms, ok := readPeriod(tt.text)
		if ok != tt.ok {
			t.Errorf("%q: ok %v, want %v (%+v)", tt.text, ok, tt.ok, ms)
			continue
		}
		if ok && (ms[0].Start.String() != tt.from || ms[0].Due.String() != tt.to) {
			t.Errorf("%q: %s–%s, want %s–%s", tt.text, ms[0].Start, ms[0].Due, tt.from, tt.to)
		}
	}
}

func TestTerms(t *testing.T) {
	tm := DefaultTerms()
	if err := tm.Load(strings.NewReader("# mine\nPCI = chỉ số năng lực cạnh tranh cấp tỉnh\n- PPP\n")); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"Triển khai CĐS", "Triển khai chuyển đổi số"},
		{"ứng dụng AI và IoT", "ứng dụng trí tuệ nhân tạo và Internet vạn vật"},
		{"ai làm", "ai làm"},         // not the acronym: case matters
		{"16/QĐ-UBND", "16/QĐ-UBND"}, // a document symbol stays
		{"chỉ số PCI", "chỉ số chỉ số năng lực cạnh tranh cấp tỉnh"},
		{"mô hình PPP", "mô hình PPP"}, // removed by the file
	}
	for _, tt := range tests {
		if got := tm.Expand(tt.in); got != tt.want {
			t.Errorf("Expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if err := tm.Load(strings.NewReader("no equals sign\n")); err == nil {
		t.Error("malformed line: no error")
	}
}

func TestCuedUnit(t *testing.T) {
	tests := []struct {
		q    string
		want string // the unit read, "" for none
	}{
		{"nhiệm vụ của Chi cục Kiểm lâm", "Chi cục Kiểm lâm"},
		{"giao cho Thuế tỉnh", "Thuế tỉnh"},
		{"Trung tâm Xúc tiến đầu tư chủ trì", "Trung tâm Xúc tiến đầu tư"},
		{"phòng nghiệp vụ cấp xã", ""},          // no cue
		{"nhiệm vụ của các sở, ban, ngành", ""}, // a group
		{"nhiệm vụ chuyển đổi số", ""},          // no unit's head
	}
	for _, tt := range tests {
		c := &compiler{units: map[string]bool{}, p: plan{hl: newMatcher(false)}}
		_, units := c.cuedUnit(strings.Fields(tt.q))
		got := strings.Join(units, "|")
		if got != tt.want {
			t.Errorf("%q: unit %q, want %q", tt.q, got, tt.want)
		}
	}
}
