// Package crosschecktest builds the cross-check inputs of the shared gold
// material by hand, for the tests of crosscheck and of the commands that
// use it, while the extractor cannot yet read them all: plan 58/KH-UBND
// from gold rows.json, agencies.json, timeframes.json and plan.json, and
// the two corpus reports transcribed.
package crosschecktest

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"vanban"
	"vanban/internal/sharedtest"
)

// Plan builds plan 58/KH-UBND from the gold readings: rows.json for
// the cells, agencies.json for the parties, timeframes.json for the
// milestones, plan.json for the metadata.
func Plan(t testing.TB, shared string) *vanban.Document {
	t.Helper()
	gold := filepath.Join(shared, "gold")
	var rows []vanban.Task
	sharedtest.ReadJSON(t, filepath.Join(gold, "rows.json"), &rows)
	var agencies map[string]json.RawMessage
	sharedtest.ReadJSON(t, filepath.Join(gold, "agencies.json"), &agencies)
	var timeframes map[string]json.RawMessage
	sharedtest.ReadJSON(t, filepath.Join(gold, "timeframes.json"), &timeframes)
	parties := func(cell string) []vanban.Party {
		var ps []vanban.Party
		if err := json.Unmarshal(agencies[cell], &ps); err != nil {
			t.Fatalf("agencies %q: %v", cell, err)
		}
		return ps
	}
	for i := range rows {
		r := &rows[i]
		r.LeadParties = parties(r.Lead)
		r.CoordinatorParties = parties(r.Coordinators)
		if err := json.Unmarshal(timeframes[r.Timeframe], &r.Milestones); err != nil {
			t.Fatalf("timeframe %q: %v", r.Timeframe, err)
		}
	}
	var plans map[string]json.RawMessage
	sharedtest.ReadJSON(t, filepath.Join(gold, "plan.json"), &plans)
	var meta vanban.Meta
	if err := json.Unmarshal(plans["ke-hoach-58-kh-ubnd-2026"], &meta); err != nil {
		t.Fatal(err)
	}
	meta.Title = "Thực hiện Quyết định số 709/QĐ-TTg ngày 23/7/2024 của Thủ tướng Chính phủ"
	return &vanban.Document{File: "ke-hoach-58-kh-ubnd-2026.docx", Meta: meta, Rows: rows}
}

// ReportSTC is the Sở Tài chính report (corpus/bao-cao-412-bc-stc-2026.docx)
// transcribed by hand: a results table with group rows.
func ReportSTC() *vanban.Document {
	const chuTri, phoiHop = "A. Nhiệm vụ chủ trì", "B. Nhiệm vụ phối hợp"
	return &vanban.Document{
		File: "bao-cao-412-bc-stc-2026.docx",
		Meta: vanban.Meta{
			DocType: vanban.TypeReport, Number: "412", Symbol: "BC-STC", Reference: "412/BC-STC",
			Issuer: "Sở Tài chính", Place: "Hải Phòng", Date: vanban.D(2026, 12, 8),
			Title: "Kết quả thực hiện Kế hoạch số 58/KH-UBND ngày 20/3/2026 của Ủy ban nhân dân thành phố về thực hiện Quyết định số 709/QĐ-TTg của Thủ tướng Chính phủ năm 2026",
			Cites: []string{"58/KH-UBND", "709/QĐ-TTg"},
		},
		ReportItems: []vanban.ReportItem{
			{STT: "3.3", Section: chuTri, Role: "Chủ trì", StatusText: "Hoàn thành",
				Task:   "Triển khai cổ phần hóa Trung tâm kỹ thuật Tiêu chuẩn Đo lường Chất lượng Hải Phòng theo kế hoạch được phê duyệt",
				Result: "Đã trình Ủy ban nhân dân thành phố phê duyệt phương án cổ phần hóa tại Tờ trình số 3150/TTr-STC ngày 15/9/2026; tổ chức bán đấu giá cổ phần lần đầu thành công ngày 20/11/2026."},
			{STT: "3.14", Section: chuTri, Role: "Chủ trì", StatusText: "Đang thực hiện",
				Task:   "Bố trí kinh phí dành cho hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số, phấn đấu đến năm 2030 đạt 3% tổng chi ngân sách địa phương",
				Result: "Dự toán năm 2026 bố trí 1.245 tỷ đồng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số, bằng 2,1% tổng chi ngân sách địa phương, cao hơn dự toán Trung ương giao 18%."},
			{STT: "4.2", Section: phoiHop, Role: "Phối hợp", StatusText: "Đang thực hiện",
				Task:   "Phấn đấu đến năm 2030 kinh phí chi cho nghiên cứu phát triển (R&D) đạt 2% GRDP",
				Result: "Phối hợp với Sở Khoa học và Công nghệ tổng hợp số liệu chi nghiên cứu phát triển năm 2025 của khu vực nhà nước và doanh nghiệp (ước đạt 0,62% GRDP)."},
			{STT: "8.7", Section: phoiHop, Role: "Phối hợp", StatusText: "Hoàn thành",
				Task:   "Báo cáo đề xuất và triển khai xây dựng Công viên khoa học và Đổi mới sáng tạo",
				Result: "Có ý kiến thẩm định nguồn vốn và khả năng cân đối vốn tại Văn bản số 2871/STC-ĐT ngày 02/10/2026."},
		},
	}
}

// ReportBQL is the Ban Quản lý khu kinh tế report
// (corpus/bao-cao-1876-bc-bql-2026.pdf) transcribed by hand: prose under
// numbered headings, no task numbers.
func ReportBQL() *vanban.Document {
	return &vanban.Document{
		File: "bao-cao-1876-bc-bql-2026.pdf",
		Meta: vanban.Meta{
			DocType: vanban.TypeReport, Number: "1876", Symbol: "BC-BQL", Reference: "1876/BC-BQL",
			Issuer: "Ban Quản lý khu kinh tế", Place: "Hải Phòng", Date: vanban.D(2026, 12, 20),
			Title: "Kết quả thực hiện nhiệm vụ khoa học, công nghệ và đổi mới sáng tạo năm 2026 theo Kế hoạch số 58/KH-UBND ngày 20/3/2026 của Ủy ban nhân dân thành phố",
			Cites: []string{"58/KH-UBND"},
		},
		ReportItems: []vanban.ReportItem{
			{STT: "1", Task: "Xúc tiến, thu hút các dự án đầu tư trực tiếp nước ngoài, chuyển giao và đổi mới công nghệ cho các doanh nghiệp Hải Phòng",
				Result: "Năm 2026, Ban Quản lý khu kinh tế đã cấp mới Giấy chứng nhận đăng ký đầu tư cho 47 dự án đầu tư trực tiếp nước ngoài với tổng vốn đăng ký 3,2 tỷ USD, trong đó có 9 dự án cam kết chuyển giao công nghệ cho doanh nghiệp trong nước, chủ yếu trong lĩnh vực điện tử, cơ khí chính xác và tự động hóa cảng. Tổ chức 04 hội nghị xúc tiến đầu tư tại Hàn Quốc, Nhật Bản và Singapore; phối hợp với Sở Khoa học và Công nghệ thẩm định công nghệ đối với 15 dự án đầu tư mới, không có dự án sử dụng công nghệ lạc hậu. Tiến độ: nhiệm vụ đang được triển khai thường xuyên, đáp ứng yêu cầu của Kế hoạch."},
			{STT: "2", Task: "Khó khăn, vướng mắc",
				Result: "Việc đánh giá nội dung chuyển giao công nghệ của các dự án đầu tư trực tiếp nước ngoài còn thiếu tiêu chí định lượng thống nhất."},
			{STT: "3", Task: "Kiến nghị",
				Result: "Đề nghị Ủy ban nhân dân thành phố giao Sở Khoa học và Công nghệ ban hành hướng dẫn tiêu chí đánh giá công nghệ đối với dự án đầu tư vào các khu kinh tế, khu công nghiệp./."},
		},
	}
}

// Gold is the part of the cross-check JSON that gold crosscheck.json
// fixes; decoding an output into it ignores the extra fields.
type Gold struct {
	AsOf  string              `json:"as_of"`
	Plan  string              `json:"plan"`
	Units map[string]GoldUnit `json:"units"`
}

// GoldUnit is one unit of Gold.
type GoldUnit struct {
	Report struct {
		Reference string `json:"reference"`
		Date      string `json:"date"`
		Status    string `json:"status"`
	} `json:"report"`
	Lead       map[string]string `json:"lead"`
	Coordinate map[string]string `json:"coordinate"`
}

// CompareGold reports every difference between output, the JSON of a
// cross-check, and gold crosscheck.json: as_of, plan, the set of units
// and each unit's report, lead and coordinate exactly.
func CompareGold(t testing.TB, shared string, output []byte) {
	t.Helper()
	var got, want Gold
	if err := json.Unmarshal(output, &got); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	sharedtest.ReadJSON(t, filepath.Join(shared, "gold", "crosscheck.json"), &want)
	if got.AsOf != want.AsOf || got.Plan != want.Plan {
		t.Errorf("as_of, plan = %q, %q; want %q, %q", got.AsOf, got.Plan, want.AsOf, want.Plan)
	}
	for name, w := range want.Units {
		g, ok := got.Units[name]
		if !ok {
			t.Errorf("unit %q missing", name)
			continue
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("unit %q:\n got %+v\nwant %+v", name, g, w)
		}
	}
	for name := range got.Units {
		if _, ok := want.Units[name]; !ok {
			t.Errorf("unexpected unit %q", name)
		}
	}
}
