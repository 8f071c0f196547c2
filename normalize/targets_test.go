package normalize

import (
	"bytes"
	"encoding/json"
	"testing"

	"vanban"
)

func tg(op string, value float64, unit, per string, byYear int) vanban.Target {
	return vanban.Target{Op: op, Value: value, Unit: unit, Per: per, ByYear: byYear}
}

func TestTargets(t *testing.T) {
	tests := []struct {
		cell string
		want []vanban.Target
	}{
		{"Tối thiểu 80% thủ tục hành chính được giải quyết trực tuyến", []vanban.Target{tg(">=", 80, "%", "", 0)}},
		{"trên 1.000 doanh nghiệp", []vanban.Target{tg(">", 1000, "doanh nghiệp", "", 0)}},
		{"hơn 2,1 triệu lượt khách", []vanban.Target{tg(">", 2.1e6, "lượt khách", "", 0)}},
		{"ít nhất 2,5%/năm", []vanban.Target{tg(">=", 2.5, "%", "năm", 0)}},
		{"50 doanh nghiệp trở lên", []vanban.Target{tg(">=", 50, "doanh nghiệp", "", 0)}},
		{"Không quá 5 hồ sơ trễ hẹn", []vanban.Target{tg("<=", 5, "hồ sơ trễ hẹn", "", 0)}},
		{"dưới 1% hồ sơ trễ hẹn", []vanban.Target{tg("<", 1, "%", "", 0)}},
		{"01 lớp đào tạo", []vanban.Target{tg("=", 1, "lớp đào tạo", "", 0)}},
		{"Mạng 5G phủ 100% xã", []vanban.Target{tg("=", 100, "%", "", 0)}},
		{"10.000 lượt truy cập mỗi tháng", []vanban.Target{tg("=", 10000, "lượt truy cập", "tháng", 0)}},
		{"hằng năm tăng 10% số doanh nghiệp", []vanban.Target{tg("=", 10, "%", "năm", 0)}},
		{"Hỗ trợ 1.000.000 đồng", []vanban.Target{tg("=", 1e6, "đồng", "", 0)}},
		{"Bố trí 2,5 tỷ đồng", []vanban.Target{tg("=", 2.5e9, "đồng", "", 0)}},
		{"Đạt 50 nhiệm vụ, 20 sản phẩm vào năm 2030", []vanban.Target{tg(">=", 50, "nhiệm vụ", "", 2030), tg(">=", 20, "sản phẩm", "", 2030)}},
		{"Đạt 100% vào năm 2030; 80% vào năm 2028", []vanban.Target{tg(">=", 100, "%", "", 2030), tg("=", 80, "%", "", 2028)}},
		{"Cập nhật tối thiểu 200 tin, 180 hình ảnh - video", []vanban.Target{tg(">=", 200, "tin", "", 0), tg(">=", 180, "hình ảnh", "", 0)}},
		// Not targets: dates, years, periods, references, durations, levels.
		{"Báo cáo kết quả theo Kế hoạch số 16/KH-UBND ngày 15/01/2026", nil},
		{"Báo cáo kết quả năm 2026", nil},
		{"Hội nghị tổng kết giai đoạn 2026-2030", nil},
		{"Cách mạng công nghiệp 4.0", nil},
		{"Vận hành mô hình chính quyền địa phương 02 cấp", nil},
		{"Sau 03 tháng kể từ khi có văn bản", nil},
		{"Theo Điều 17 Nghị định 52", nil},
		{"Quyết định 709/QĐ-TTg", nil},
		{"Techfest 2026", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if g, w := targetsJSON(t, Targets(tt.cell)), targetsJSON(t, tt.want); g != w {
			t.Errorf("Targets(%q)\n got %s\nwant %s", tt.cell, g, w)
		}
	}
}

func TestTargetJSON(t *testing.T) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode([]vanban.Target{tg(">=", 40, "đơn", "năm", 2030), tg("=", 1, "lớp", "", 0)}); err != nil {
		t.Fatal(err)
	}
	b := bytes.TrimSpace(buf.Bytes())
	want := `[{"op":">=","value":40,"unit":"đơn","per":"năm","by_year":2030},{"op":"=","value":1,"unit":"lớp","per":null,"by_year":null}]`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
}
