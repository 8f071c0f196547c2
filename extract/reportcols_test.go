package extract

import (
	"strings"
	"testing"

	"vanban"
	"vanban/extract/layout"
)

// reportGrid builds a table from rows of cell texts; a row of one text spans
// the table (a group heading).
func reportGrid(rows ...[]string) *layout.Table {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	t := &layout.Table{Cols: cols}
	for _, r := range rows {
		var row layout.Row
		if len(r) == 1 && cols > 1 {
			row.Cells = []layout.Cell{{Col: 0, Span: cols, Lines: []string{r[0]}}}
		} else {
			for i, s := range r {
				c := layout.Cell{Col: i, Span: 1}
				if s != "" {
					c.Lines = []string{s}
				}
				row.Cells = append(row.Cells, c)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// reportOf reads t as a results table and returns its items.
func reportOf(t *testing.T, tb *layout.Table) []vanban.ReportItem {
	t.Helper()
	s, ok := reportSchema(tb)
	if !ok {
		t.Fatalf("not read as a results table: %+v", tb.Rows[0])
	}
	var sec vanban.Section
	return reportRows(tb, s, &sec)
}

// A progress column is the progress under any title; its cells are the
// items' status text.
func TestReportProgressColumnTitles(t *testing.T) {
	for _, title := range []string{"Tiến độ", "Mức độ hoàn thành", "Đánh giá", "Trạng thái", "Tình trạng", "Ghi nhận"} {
		items := reportOf(t, reportGrid(
			[]string{"STT", "Nhiệm vụ", "Kết quả thực hiện", title},
			[]string{"3.3", "Cổ phần hóa Trung tâm", "Phương án được phê duyệt tại Quyết định số 2410/QĐ-UBND.", "Hoàn thành"},
			[]string{"3.14", "Bố trí kinh phí", "Dự toán năm 2026 bố trí 1.245 tỷ đồng.", "Đạt 85%"},
		))
		if len(items) != 2 || items[0].StatusText != "Hoàn thành" || items[1].StatusText != "Đạt 85%" || items[0].STT != "3.3" {
			t.Errorf("%q: items %+v", title, items)
		}
	}
}

// A column of the plan's task numbers beside a running number is the
// plan STT, whatever its title; an empty cell leaves the row unnumbered.
func TestReportPlanSTTBesideRunningNumber(t *testing.T) {
	for _, title := range []string{"Mục", "Nhiệm vụ tại Kế hoạch", "Số hiệu"} {
		items := reportOf(t, reportGrid(
			[]string{"TT", title, "Nội dung nhiệm vụ", "Kết quả thực hiện", "Tiến độ"},
			[]string{"1", "II.10", "Kiểm tra tác phong", "Tổ chức 06 đợt kiểm tra.", "Hoàn thành"},
			[]string{"2", "3.14", "Kinh phí", "Bố trí 1.245 tỷ đồng.", "Đang thực hiện"},
			[]string{"3", "", "Phối hợp công bố chỉ số", "Cung cấp dữ liệu.", "Hoàn thành"},
		))
		want := []string{"II.10", "3.14", ""}
		for i, it := range items {
			if it.STT != want[i] || it.PlanSTT != want[i] || it.Task == "" {
				t.Errorf("%q: item %d = %q/%q %q, want plan STT %q", title, i, it.STT, it.PlanSTT, it.Task, want[i])
			}
		}
	}
}

// Group rows give the role and number afresh; a running number without a
// plan STT column stays the row's number.
func TestReportRoleGroups(t *testing.T) {
	items := reportOf(t, reportGrid(
		[]string{"STT", "Nhiệm vụ được giao", "Kết quả thực hiện", "Đánh giá"},
		[]string{"I. NHIỆM VỤ CHỦ TRÌ"},
		[]string{"1", "Xây dựng kế hoạch đào tạo", "Đã ban hành Kế hoạch số 512/KH-UBND.", "Hoàn thành"},
		[]string{"II. NHIỆM VỤ PHỐI HỢP"},
		[]string{"1", "Phối hợp thanh tra công vụ", "Cử 02 công chức tham gia.", "Hoàn thành"},
	))
	if len(items) != 2 {
		t.Fatalf("items %+v", items)
	}
	for i, want := range []string{"chủ trì", "phối hợp"} {
		if items[i].Role != want || items[i].STT != "1" || !strings.Contains(items[i].Section, "NHIỆM VỤ") {
			t.Errorf("item %d: role %q stt %q section %q, want %s", i, items[i].Role, items[i].STT, items[i].Section, want)
		}
	}
}

// Without a progress column the status text is empty (crosscheck judges
// the result text); a "Tiến độ" column of sentences is the result.
func TestReportNarrativeProgress(t *testing.T) {
	items := reportOf(t, reportGrid(
		[]string{"TT", "Nội dung nhiệm vụ theo Kế hoạch", "Kết quả", "Ghi chú"},
		[]string{"1", "Xử lý khai thác trái phép", "Đã xử lý dứt điểm 100% phương tiện.", ""},
	))
	if items[0].StatusText != "" || !strings.HasPrefix(items[0].Result, "Đã xử lý") {
		t.Errorf("no progress column: %+v", items[0])
	}
	items = reportOf(t, reportGrid(
		[]string{"TT", "Cụm công nghiệp", "Tiến độ hiện tại", "Khó khăn, vướng mắc", "Giải pháp, kiến nghị"},
		[]string{"1", "CCN Thống Nhất 1", "Đã kiểm đếm 152/152 hộ trên toàn bộ 74,97 ha; ban hành 148/149 thông báo thu hồi đất; khởi công hạ tầng.", "Thiếu quỹ đất tái định cư.", "Đề nghị hỗ trợ."},
	))
	if it := items[0]; it.Task != "CCN Thống Nhất 1" || !strings.HasPrefix(it.Result, "Đã kiểm đếm") || it.StatusText != "" || it.Difficulty == "" || it.Proposal == "" {
		t.Errorf("narrative progress: %+v", it)
	}
}

// A statistics table is no results table.
func TestReportStatisticsTable(t *testing.T) {
	for _, tb := range []*layout.Table{
		reportGrid([]string{"STT", "Khoản thu", "Dự toán năm 2026", "Thực hiện đến 30/11/2026", "Tỷ lệ (%)"}, []string{"1", "Thuế tài nguyên", "410.000", "386.520", "94,3"}),
		reportGrid([]string{"STT", "Cơ quan, đơn vị", "Điểm tự đánh giá", "Xếp hạng"}, []string{"1", "Sở Tư pháp", "92,50", "1"}),
	} {
		if s, ok := reportSchema(tb); ok {
			t.Errorf("%v read as results table: %v", tb.Rows[0], s.cols)
		}
	}
}

func TestRunningNumber(t *testing.T) {
	for _, c := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"1", "2", "3"}, true},
		{[]string{"1", "2", "GROUP", "1", "2"}, true},
		{[]string{"1", "10"}, false},
		{[]string{"3.1", "3.6"}, false},
	} {
		var rows [][]string
		rows = append(rows, []string{"STT", "Nhiệm vụ", "Kết quả"})
		for _, s := range c.cells {
			if s == "GROUP" {
				rows = append(rows, []string{"II. NHIỆM VỤ PHỐI HỢP"})
				continue
			}
			rows = append(rows, []string{s, "x", "y"})
		}
		if got := running(reportGrid(rows...), 1, 0); got != c.want {
			t.Errorf("running(%q) = %v, want %v", c.cells, got, c.want)
		}
	}
}

// Prose: numbered lines under the closing parts are no items and lend
// their "chưa thực hiện" to none; items carry their Roman part.
func TestProseClosingParts(t *testing.T) {
	var ls []line
	for _, s := range []string{
		"BÁO CÁO",
		"Thực hiện Kế hoạch số 12/KH-UBND, Sở báo cáo như sau:",
		"I. KẾT QUẢ THỰC HIỆN",
		"1. Rà soát phương án quản lý khoáng sản",
		"Sở đã rà soát và gửi Sở Tài chính. Tiến độ: hoàn thành.",
		"II. KHÓ KHĂN, VƯỚNG MẮC",
		"- Việc đấu giá 02 khu vực mỏ chưa thực hiện.",
		"III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
		"1. Tổ chức thanh tra chuyên đề, chưa thực hiện.",
	} {
		ls = append(ls, line{text: s})
	}
	items := proseItems(ls)
	if len(items) != 1 {
		t.Fatalf("items %+v, want the one result", items)
	}
	if it := items[0]; it.Section != "I. KẾT QUẢ THỰC HIỆN" || strings.Contains(it.Result, "chưa thực hiện") || !strings.HasSuffix(it.Result, "Tiến độ: hoàn thành.") {
		t.Errorf("item %+v", it)
	}
}

func TestSplitHeadingText(t *testing.T) {
	for _, c := range []struct{ in, task, result string }{
		{"Về tổng hợp tiến độ các nhiệm vụ Chính phủ giao: Tổng số nhiệm vụ được giao là 21, đã hoàn thành 18", "Về tổng hợp tiến độ các nhiệm vụ Chính phủ giao", "Tổng số nhiệm vụ được giao là 21, đã hoàn thành 18"},
		{"Nhiệm vụ chủ trì: triển khai ứng dụng AI trong công tác giám sát an ninh mạng của tỉnh", "Nhiệm vụ chủ trì: triển khai ứng dụng AI trong công tác giám sát an ninh mạng của tỉnh", ""},
		{"Đối với Công ty TNHH Hiệp Phú:", "Đối với Công ty TNHH Hiệp Phú", ""},
	} {
		task, result := splitHeadingText(c.in)
		if task != c.task || result != c.result {
			t.Errorf("splitHeadingText(%q) = %q, %q", c.in, task, result)
		}
	}
}

func TestProgressColumnByContent(t *testing.T) {
	for _, tc := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"Hoàn thành", "Đang thực hiện", "Đạt 85%"}, true},
		{[]string{"Thường xuyên", "Chưa thực hiện", "Hoàn thành 100%"}, true},
		{[]string{"99,9%", "93,8%", "92,1%", "90,2%"}, false}, // a statistics table's scores
		{[]string{"83,1", "12", "7"}, false},
	} {
		if got := progressColumn(tc.cells); got != tc.want {
			t.Errorf("progressColumn(%q) = %v, want %v", tc.cells, got, tc.want)
		}
	}
}
