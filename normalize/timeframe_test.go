package normalize

import (
	"encoding/json"
	"testing"

	"vanban"
)

// mk builds a milestone: dates "YYYY-MM-DD" or "", then cited documents.
func mk(action, start, due, recurrence, yearlyDue, condition string, cites ...string) vanban.Milestone {
	date := func(s string) vanban.Date {
		if s == "" {
			return vanban.Date{}
		}
		d, err := vanban.ParseDate(s)
		if err != nil {
			panic(err)
		}
		return d
	}
	return vanban.Milestone{Action: action, Start: date(start), Due: date(due),
		Recurrence: vanban.Recurrence(recurrence), YearlyDue: yearlyDue, Condition: condition, Cites: cites}
}

func mss(ms ...vanban.Milestone) []vanban.Milestone { return ms }

// realPlan is the context of the Lâm Đồng plans: 2026, period 2026-2030,
// no yearly report date of their own.
var realPlan = PlanContext{Year: 2026, PeriodStart: 2026, PeriodEnd: 2030}

type timeframeTest struct {
	cell string
	ok   bool
	want []vanban.Milestone
}

// timeframeTests are the forms the issue names, beyond the gold, read in
// the seed plan's context (goldPlan: 2026, 2026-2030, reports by 15/12).
var timeframeTests = []timeframeTest{
	// Recurrences.
	{"thường xuyên trong năm", true, mss(mk("", "", "", "continuous", "", ""))},
	{"Liên tục", true, mss(mk("", "", "", "continuous", "", ""))},
	{"hằng quý", true, mss(mk("", "", "", "quarterly", "", ""))},
	{"Theo quý", true, mss(mk("", "", "", "quarterly", "", ""))},
	{"Định kỳ hằng quý", true, mss(mk("", "", "", "quarterly", "", ""))},
	{"định kỳ 6 tháng", true, mss(mk("", "", "", "half-yearly", "06-30", ""))},
	{"Định kỳ 06 tháng một lần", true, mss(mk("", "", "", "half-yearly", "06-30", ""))},
	{"hằng tháng", true, mss(mk("", "", "", "monthly", "", ""))},
	{"hằng tuần", true, mss(mk("", "", "", "weekly", "", ""))},
	{"Thực hiện hằng năm", true, mss(mk("Thực hiện", "", "", "yearly", "12-15", ""))},
	{"Báo cáo định kỳ 6 tháng và hằng năm", true, mss(mk("Báo cáo", "", "", "half-yearly", "06-30", ""), mk("Báo cáo", "", "", "yearly", "12-15", ""))},
	{"Quý I hằng năm", true, mss(mk("", "", "", "yearly", "03-31", ""))},
	{"Tháng 02 hằng năm", true, mss(mk("", "", "", "yearly", "02-28", ""))},
	{"Trước ngày 15/12 hằng năm", true, mss(mk("", "", "", "yearly", "12-15", ""))},
	{"Hằng năm, trước ngày 15/12", true, mss(mk("", "", "", "yearly", "12-15", ""))},
	{"hằng năm (trước ngày 30/11)", true, mss(mk("", "", "", "yearly", "11-30", ""))},
	{"Tháng 3 và tháng 9 hằng năm", true, mss(mk("", "", "", "yearly", "03-31", ""), mk("", "", "", "yearly", "09-30", ""))},
	{"Trước ngày 20/6 và 20/12 hằng năm", true, mss(mk("", "", "", "yearly", "06-20", ""), mk("", "", "", "yearly", "12-20", ""))},
	{"Năm 2026 và các năm tiếp theo", true, mss(mk("", "2026-01-01", "", "yearly", "12-15", ""))},
	// Years, quarters, halves, months, days.
	{"Quý I năm 2026", true, mss(mk("", "2026-01-01", "2026-03-31", "", "", ""))},
	{"quý III/2026", true, mss(mk("", "2026-07-01", "2026-09-30", "", "", ""))},
	{"Quý II/2027", true, mss(mk("", "2027-04-01", "2027-06-30", "", "", ""))},
	{"Quý 4/2026", true, mss(mk("", "2026-10-01", "2026-12-31", "", "", ""))},
	{"Trong quý I/2026", true, mss(mk("", "2026-01-01", "2026-03-31", "", "", ""))},
	{"Quý IV", true, mss(mk("", "2026-10-01", "2026-12-31", "", "", ""))},
	{"Quý I và quý III năm 2027", true, mss(mk("", "2027-01-01", "2027-03-31", "", "", ""), mk("", "2027-07-01", "2027-09-30", "", "", ""))},
	{"trong tháng 4 năm 2026", true, mss(mk("", "2026-04-01", "2026-04-30", "", "", ""))},
	{"trong tháng 01/2026", true, mss(mk("", "2026-01-01", "2026-01-31", "", "", ""))},
	{"tháng 12 năm 2026", true, mss(mk("", "2026-12-01", "2026-12-31", "", "", ""))},
	{"Tháng 2/2028", true, mss(mk("", "2028-02-01", "2028-02-29", "", "", ""))},
	{"6 tháng đầu năm 2027", true, mss(mk("", "2027-01-01", "2027-06-30", "", "", ""))},
	{"06 tháng đầu năm", true, mss(mk("", "2026-01-01", "2026-06-30", "", "", ""))},
	{"6 tháng cuối năm", true, mss(mk("", "2026-07-01", "2026-12-31", "", "", ""))},
	{"trước ngày 15/12", true, mss(mk("", "", "2026-12-15", "", "", ""))},
	{"trước 30/6/2027", true, mss(mk("", "", "2027-06-30", "", "", ""))},
	{"Hoàn thành trước 30/6/2026", true, mss(mk("Hoàn thành", "", "2026-06-30", "", "", ""))},
	{"chậm nhất là ngày 15/4/2026", true, mss(mk("", "", "2026-04-15", "", "", ""))},
	{"chậm nhất trong tháng 6 hằng năm", true, mss(mk("", "", "", "yearly", "06-30", ""))},
	{"Trước ngày 15 tháng 12 năm 2026", true, mss(mk("", "", "2026-12-15", "", "", ""))},
	{"Tổ chức vào ngày 15 tháng 4 năm 2026", true, mss(mk("Tổ chức", "2026-04-15", "2026-04-15", "", "", ""))},
	{"ngày 15/12/2026", true, mss(mk("", "2026-12-15", "2026-12-15", "", "", ""))},
	{"Trong năm 2026 và năm 2027", true, mss(mk("", "2026-01-01", "2026-12-31", "", "", ""), mk("", "2027-01-01", "2027-12-31", "", "", ""))},
	// Periods: hyphen, en dash, em dash, spaces.
	{"2026 – 2035", true, mss(mk("", "2026-01-01", "2035-12-31", "", "", ""))},
	{"giai đoạn 2026–2030", true, mss(mk("", "2026-01-01", "2030-12-31", "", "", ""))},
	{"Giai đoạn 2026 — 2030", true, mss(mk("", "2026-01-01", "2030-12-31", "", "", ""))},
	{"Năm 2025 - 2026", true, mss(mk("", "2025-01-01", "2026-12-31", "", "", ""))},
	{"từ năm 2026 đến năm 2030", true, mss(mk("", "2026-01-01", "2030-12-31", "", "", ""))},
	{"đến năm 2030", true, mss(mk("", "", "2030-12-31", "", "", ""))},
	{"Giai đoạn 2026 - 2030, báo cáo hằng năm", true, mss(mk("", "2026-01-01", "2030-12-31", "", "", ""), mk("báo cáo", "", "", "yearly", "12-15", ""))},
	{"Trình HĐND thành phố trong tháng 6 năm 2026; triển khai trong giai đoạn 2026 - 2030", true, mss(
		mk("Trình HĐND thành phố", "2026-06-01", "2026-06-30", "", "", ""), mk("triển khai", "2026-01-01", "2030-12-31", "", "", ""))},
	// Conditions and references.
	{"Sau khi có hướng dẫn của Bộ Nội vụ", true, mss(mk("", "", "", "", "", "Sau khi có hướng dẫn của Bộ Nội vụ"))},
	{"Ngay sau khi Quyết định có hiệu lực", true, mss(mk("", "", "", "", "", "Ngay sau khi Quyết định có hiệu lực"))},
	{"Khi có yêu cầu", true, mss(mk("", "", "", "", "", "Khi có yêu cầu"))},
	{"Theo tiến độ dự án", true, mss(mk("", "", "", "", "", "Theo tiến độ dự án"))},
	{"Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh", true, mss(
		mk("", "", "", "", "", "Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh", "1441/QĐ-UBND"))},
	{"Thực hiện theo Kết luận số 57-KL/TW", true, mss(mk("Thực hiện", "", "", "", "", "theo Kết luận số 57-KL/TW", "57-KL/TW"))},
	{"Trình Đề án trong quý II/2026 sau khi có ý kiến của Bộ Tài chính", true, mss(
		mk("Trình Đề án", "2026-04-01", "2026-06-30", "", "", "sau khi có ý kiến của Bộ Tài chính"))},
	// Not understood: flagged, the understood part kept.
	{"Kịp thời", false, nil}, // no time, no condition
	{"Hằng quý, trước ngày 20 tháng cuối quý", false, mss(mk("", "", "", "quarterly", "", ""))}, // "tháng cuối quý" has no rule
	{"31/02/2026", false, nil}, // no such day
	{"Quý V/2026", false, nil}, // no such quarter
	{"Trình trong năm 2026; vào dịp thích hợp", false, mss(mk("Trình", "2026-01-01", "2026-12-31", "", "", ""))}, // no time in the second clause
	{"", true, nil},
}

func TestTimeframe(t *testing.T) {
	for _, tt := range timeframeTests {
		checkTimeframe(t, tt, goldPlan)
	}
}

// realTimeframeTests are every timeframe cell of the real Lâm Đồng plans
// (../shared/real/docs: Kế hoạch CCHC 2026 and 2026-2030, tuyên truyền,
// kiểm tra; the "Thời gian hoàn thành:" lines of Công văn 02), read in
// their context. All are understood: "Hằng năm và giai đoạn" takes the
// plan's period 2026-2030, and the tuyên truyền plan's "ngày 08 tháng 5"
// its year 2026 (its column heading is "Thời gian (Năm 2026)").
var realTimeframeTests = []timeframeTest{
	{"Ban hành kế hoạch chậm nhất là ngày 15/01/2026 và tổ chức thực hiện", true, mss(mk("Ban hành kế hoạch", "", "2026-01-15", "", "", ""), mk("tổ chức thực hiện", "", "", "", "", ""))},
	{"Ban hành kế hoạch chậm nhất là ngày 15/4/2026 và tổ chức thực hiện", true, mss(mk("Ban hành kế hoạch", "", "2026-04-15", "", "", ""), mk("tổ chức thực hiện", "", "", "", "", ""))},
	{"Ban hành kế hoạch chậm nhất là ngày 31/12 năm trước liền kề và tổ chức mở lớp theo kế hoạch đề ra.", true, mss(mk("Ban hành kế hoạch", "", "", "yearly", "12-31", ""), mk("tổ chức mở lớp", "", "", "", "", "theo kế hoạch đề ra"))},
	{"Ban hành kế hoạch chậm nhất là ngày 31/12/2025 và tổ chức mở lớp theo kế hoạch đề ra.", true, mss(mk("Ban hành kế hoạch", "", "2025-12-31", "", "", ""), mk("tổ chức mở lớp", "", "", "", "", "theo kế hoạch đề ra"))},
	{"Ban hành kế hoạch trong tháng 01 hằng năm và tổ chức thực hiện", true, mss(mk("Ban hành kế hoạch", "", "", "yearly", "01-31", ""), mk("tổ chức thực hiện", "", "", "", "", ""))},
	{"Ban hành kế hoạch trong tháng 01 hằng năm và tổ chức thực hiện.", true, mss(mk("Ban hành kế hoạch", "", "", "yearly", "01-31", ""), mk("tổ chức thực hiện", "", "", "", "", ""))},
	{"Ban hành kế hoạch trong tháng 01 hằng năm; tổ chức kiểm tra chậm nhất trong tháng 6 hằng năm và báo cáo kết quả khắc phục các tồn tại, hạn chế phát hiện qua kiểm tra chậm nhất trong tháng 8 hằng năm", true, mss(mk("Ban hành kế hoạch", "", "", "yearly", "01-31", ""), mk("tổ chức kiểm tra", "", "", "yearly", "06-30", ""), mk("báo cáo kết quả khắc phục các tồn tại, hạn chế phát hiện qua kiểm tra", "", "", "yearly", "08-31", ""))},
	{"Ban hành kế hoạch trong tháng 01/2026 và tổ chức thực hiện", true, mss(mk("Ban hành kế hoạch", "2026-01-01", "2026-01-31", "", "", ""), mk("tổ chức thực hiện", "", "", "", "", ""))},
	{"Ban hành kế hoạch trong tháng 01/2026 và tổ chức thực hiện.", true, mss(mk("Ban hành kế hoạch", "2026-01-01", "2026-01-31", "", "", ""), mk("tổ chức thực hiện", "", "", "", "", ""))},
	{"Ban hành kế hoạch trong tháng 01/2026, tổ chức kiểm tra chậm nhất trong tháng 6/2026 và báo cáo kết quả khắc phục các tồn tại, hạn chế phát hiện qua kiểm tra chậm nhất trong tháng 8/2026", true, mss(mk("Ban hành kế hoạch", "2026-01-01", "2026-01-31", "", "", ""), mk("tổ chức kiểm tra", "", "2026-06-30", "", "", ""), mk("báo cáo kết quả khắc phục các tồn tại, hạn chế phát hiện qua kiểm tra", "", "2026-08-31", "", "", ""))},
	{"Báo cáo định kỳ theo thời gian quy định; thực hiện hằng năm", true, mss(mk("Báo cáo định kỳ", "", "", "", "", "theo thời gian quy định"), mk("thực hiện", "", "", "yearly", "12-31", ""))},
	{"Báo cáo định kỳ theo thời gian quy định; thực hiện thường xuyên trong năm", true, mss(mk("Báo cáo định kỳ", "", "", "", "", "theo thời gian quy định"), mk("thực hiện", "", "", "continuous", "", ""))},
	{"Bắt đầu thực hiện từ năm 2026", true, mss(mk("", "2026-01-01", "", "", "", ""))},
	{"Hằng năm", true, mss(mk("", "", "", "yearly", "12-31", ""))},
	{"Hằng năm và giai đoạn", true, mss(mk("", "", "", "yearly", "12-31", ""), mk("", "2026-01-01", "2030-12-31", "", "", ""))},
	{"Năm 2026", true, mss(mk("", "2026-01-01", "2026-12-31", "", "", ""))},
	{"Sau 03 tháng kể từ khi có văn bản của Trung ương hoặc Quyết định liên quan của cơ quan có thẩm quyền", true, mss(mk("", "", "", "", "", "Sau 03 tháng kể từ khi có văn bản của Trung ương hoặc Quyết định liên quan của cơ quan có thẩm quyền"))},
	{"Theo Kế hoạch rà soát, đánh giá thủ tục hành chính hằng năm của tỉnh", true, mss(mk("", "", "", "", "", "Theo Kế hoạch rà soát, đánh giá thủ tục hành chính hằng năm của tỉnh"))},
	{"Theo Kế hoạch rà soát, đánh giá thủ tục hành chính năm 2026 của tỉnh", true, mss(mk("", "", "", "", "", "Theo Kế hoạch rà soát, đánh giá thủ tục hành chính năm 2026 của tỉnh"))},
	{"Theo các mốc thời gian tại Phương án số 7178/PA-UBND ngày 14/11/2025 của UBND tỉnh", true, mss(mk("", "", "", "", "", "Theo các mốc thời gian tại Phương án số 7178/PA-UBND ngày 14/11/2025 của UBND tỉnh", "7178/PA-UBND"))},
	{"Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh", true, mss(mk("", "", "", "", "", "Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh", "1441/QĐ-UBND"))},
	{"Theo các mốc thời gian tại Quyết định số 1737/QĐ-UBND ngày 17/10/2025 của Chủ tịch UBND tỉnh", true, mss(mk("", "", "", "", "", "Theo các mốc thời gian tại Quyết định số 1737/QĐ-UBND ngày 17/10/2025 của Chủ tịch UBND tỉnh", "1737/QĐ-UBND"))},
	{"Theo hướng dẫn của Trung ương", true, mss(mk("", "", "", "", "", "Theo hướng dẫn của Trung ương"))},
	{"Theo kế hoạch của tỉnh", true, mss(mk("", "", "", "", "", "Theo kế hoạch của tỉnh"))},
	{"Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ cơ sở dữ liệu quốc gia về pháp luật", true, mss(mk("", "", "", "", "", "Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ cơ sở dữ liệu quốc gia về pháp luật", "52/2015/NĐ-CP"))},
	{"Tháng 3/2026", true, mss(mk("", "2026-03-01", "2026-03-31", "", "", ""))},
	{"Tháng 4/2026", true, mss(mk("", "2026-04-01", "2026-04-30", "", "", ""))},
	{"Tháng 5/2026", true, mss(mk("", "2026-05-01", "2026-05-31", "", "", ""))},
	{"Tháng 6/2026", true, mss(mk("", "2026-06-01", "2026-06-30", "", "", ""))},
	{"Tháng 7/2026", true, mss(mk("", "2026-07-01", "2026-07-31", "", "", ""))},
	{"Tháng 8/2026", true, mss(mk("", "2026-08-01", "2026-08-31", "", "", ""))},
	{"Tháng 9/2026", true, mss(mk("", "2026-09-01", "2026-09-30", "", "", ""))},
	{"Thường xuyên trong năm", true, mss(mk("", "", "", "continuous", "", ""))},
	{"Thường xuyên trong tháng", true, mss(mk("", "", "", "continuous", "", ""))},
	{"Thực hiện thường xuyên khi có yêu cầu của bộ, ngành Trung ương.", true, mss(mk("Thực hiện", "", "", "continuous", "", "khi có yêu cầu của bộ, ngành Trung ương"))},
	{"Thực hiện thường xuyên trong năm", true, mss(mk("Thực hiện", "", "", "continuous", "", ""))},
	{"Thực hiện thường xuyên.", true, mss(mk("Thực hiện", "", "", "continuous", "", ""))},
	{"Triển khai thực hiện sáng kiến, mô hình, giải pháp và báo cáo kết quả thực hiện chậm nhất trong tháng 9 hằng năm", true, mss(mk("Triển khai thực hiện sáng kiến, mô hình, giải pháp và báo cáo kết quả thực hiện", "", "", "yearly", "09-30", ""))},
	{"Triển khai thực hiện sáng kiến, mô hình, giải pháp và báo cáo kết quả thực hiện chậm nhất trong tháng 9/2026", true, mss(mk("Triển khai thực hiện sáng kiến, mô hình, giải pháp và báo cáo kết quả thực hiện", "", "2026-09-30", "", "", ""))},
	{"Trong năm 2026", true, mss(mk("", "2026-01-01", "2026-12-31", "", "", ""))},
	{"Trong quý I năm 2026", true, mss(mk("", "2026-01-01", "2026-03-31", "", "", ""))},
	{"Trong tháng 11/2025.", true, mss(mk("", "2025-11-01", "2025-11-30", "", "", ""))},
	{"Trong tháng 8/2025.", true, mss(mk("", "2025-08-01", "2025-08-31", "", "", ""))},
	{"Trước ngày 05 của tháng liền kề", true, mss(mk("", "", "", "monthly", "05", ""))},
	{"Trước ngày 31/01 năm liền kề", true, mss(mk("", "", "", "yearly", "01-31", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 08 tháng 5", true, mss(mk("", "2026-05-08", "2026-05-08", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 09 tháng 10", true, mss(mk("", "2026-10-09", "2026-10-09", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 10 tháng 4", true, mss(mk("", "2026-04-10", "2026-04-10", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 10 tháng 7", true, mss(mk("", "2026-07-10", "2026-07-10", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 11 tháng 12", true, mss(mk("", "2026-12-11", "2026-12-11", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 11 tháng 9", true, mss(mk("", "2026-09-11", "2026-09-11", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 12 tháng 6", true, mss(mk("", "2026-06-12", "2026-06-12", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 13 tháng 11", true, mss(mk("", "2026-11-13", "2026-11-13", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 13 tháng 3", true, mss(mk("", "2026-03-13", "2026-03-13", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 14 tháng 8", true, mss(mk("", "2026-08-14", "2026-08-14", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 22 tháng 5", true, mss(mk("", "2026-05-22", "2026-05-22", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1", true, mss(mk("", "2026-01-23", "2026-01-23", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 10", true, mss(mk("", "2026-10-23", "2026-10-23", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 24 tháng 4", true, mss(mk("", "2026-04-24", "2026-04-24", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 24 tháng 7", true, mss(mk("", "2026-07-24", "2026-07-24", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 25 tháng 12", true, mss(mk("", "2026-12-25", "2026-12-25", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 25 tháng 9", true, mss(mk("", "2026-09-25", "2026-09-25", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 26 tháng 6", true, mss(mk("", "2026-06-26", "2026-06-26", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 27 tháng 11", true, mss(mk("", "2026-11-27", "2026-11-27", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 27 tháng 3", true, mss(mk("", "2026-03-27", "2026-03-27", "", "", ""))},
	{"Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 28 tháng 8", true, mss(mk("", "2026-08-28", "2026-08-28", "", "", ""))},
	{"Từ tháng 3 đến tháng 9/2026", true, mss(mk("", "2026-03-01", "2026-09-30", "", "", ""))},
	{"Định kỳ hằng tháng", true, mss(mk("", "", "", "monthly", "", ""))},
}

func TestTimeframeReal(t *testing.T) {
	for _, tt := range realTimeframeTests {
		checkTimeframe(t, tt, realPlan)
	}
}

func checkTimeframe(t *testing.T, tt timeframeTest, ctx PlanContext) {
	t.Helper()
	got, ok := Timeframe(tt.cell, ctx)
	if ok != tt.ok {
		t.Errorf("Timeframe(%q) ok = %v, want %v", tt.cell, ok, tt.ok)
	}
	if g, w := milestonesJSON(t, got), milestonesJSON(t, tt.want); g != w {
		t.Errorf("Timeframe(%q)\n got %s\nwant %s", tt.cell, g, w)
	}
}

// TestTimeframeContext checks what a cell leaves to its plan.
func TestTimeframeContext(t *testing.T) {
	none := PlanContext{}
	tests := []struct {
		cell string
		ctx  PlanContext
		ok   bool
		want []vanban.Milestone
	}{
		{"Hằng năm", none, true, mss(mk("", "", "", "yearly", "12-31", ""))},
		{"định kỳ 6 tháng", PlanContext{HalfYearDue: "06-15"}, true, mss(mk("", "", "", "half-yearly", "06-15", ""))},
		{"Tháng 6", none, false, nil}, // no year
		{"Hằng năm và giai đoạn", none, false, mss(mk("", "", "", "yearly", "12-31", ""))}, // no plan period
		{"Hằng năm và giai đoạn", realPlan, true, mss(mk("", "", "", "yearly", "12-31", ""), mk("", "2026-01-01", "2030-12-31", "", "", ""))},
		{"trước ngày 29/02", PlanContext{Year: 2027}, true, mss(mk("", "", "2027-02-28", "", "", ""))},
	}
	for _, tt := range tests {
		got, ok := Timeframe(tt.cell, tt.ctx)
		if ok != tt.ok || milestonesJSON(t, got) != milestonesJSON(t, tt.want) {
			t.Errorf("Timeframe(%q, %+v) = %s, %v; want %s, %v", tt.cell, tt.ctx, milestonesJSON(t, got), ok, milestonesJSON(t, tt.want), tt.ok)
		}
	}
}

func TestMilestoneJSON(t *testing.T) {
	b, err := json.Marshal(mk("Trình", "", "2026-06-30", "", "", "", "1441/QĐ-UBND"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"action":"Trình","start":null,"due":"2026-06-30","recurrence":null,"yearly_due":null,"condition":null,"cites":["1441/QĐ-UBND"]}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
}

func BenchmarkTimeframe(b *testing.B) {
	for b.Loop() {
		for _, tt := range realTimeframeTests {
			Timeframe(tt.cell, realPlan)
		}
	}
}
