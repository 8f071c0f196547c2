package normalize

import (
	"encoding/json"
	"reflect"
	"testing"

	"vanban"
	"vanban/internal/sharedtest"
)

// TestSeedDocument reads the seed plan's body: annual_report_due and
// report_to as gold/plan.json gives them.
func TestSeedDocument(t *testing.T) {
	b := sharedtest.Read(t, "seed/000_4d82e5c661ccd206.txt")
	text := string(b)
	if got := AnnualReportDue(text); got != "12-15" {
		t.Errorf("AnnualReportDue = %q, want 12-15", got)
	}
	if got := ReportTo(text, nil); got != "Sở Khoa học và Công nghệ" {
		t.Errorf("ReportTo = %q, want Sở Khoa học và Công nghệ", got)
	}
}

// seedDocument is plan 58 as the extractor gives it: the gold rows and
// the seed text; dated unless draft.
func seedDocument(t *testing.T, draft bool) *vanban.Document {
	t.Helper()
	b := sharedtest.Read(t, "seed/000_4d82e5c661ccd206.txt")
	doc := &vanban.Document{Text: string(b)}
	if err := json.Unmarshal(readGoldArray(t, "rows.json"), &doc.Rows); err != nil {
		t.Fatal(err)
	}
	doc.Meta.Title = "Thực hiện Quyết định số 709/QĐ-TTg ngày 23/7/2024 của Thủ tướng Chính phủ ban hành Kế hoạch thực hiện Kết luận số 69-KL/TW ngày 11 tháng 01 năm 2024"
	if !draft {
		doc.Meta.Date = vanban.D(2026, 3, 20)
	}
	return doc
}

// TestDocumentSeed normalizes plan 58 (and its undated draft) and checks
// every row against the gold readings.
func TestDocumentSeed(t *testing.T) {
	timeframes := readGold(t, "timeframes.json")
	agencies := readGold(t, "agencies.json")
	targets := readGold(t, "targets.json")
	for _, draft := range []bool{false, true} {
		doc := seedDocument(t, draft)
		Document(doc, nil)
		if doc.Meta.AnnualReportDue != "12-15" || doc.Meta.ReportTo != "Sở Khoa học và Công nghệ" {
			t.Errorf("draft %v: meta %q, %q", draft, doc.Meta.AnnualReportDue, doc.Meta.ReportTo)
		}
		if ctx := PlanContextOf(doc); ctx.Year != 2026 {
			t.Errorf("draft %v: plan year %d", draft, ctx.Year)
		}
		for _, r := range doc.Rows {
			if len(r.Unparsed) > 0 {
				t.Errorf("row %s: unparsed %v", r.STT, r.Unparsed)
			}
			var ms []vanban.Milestone
			if raw, ok := timeframes[r.Timeframe]; ok {
				mustUnmarshal(t, raw, &ms)
				if g, w := milestonesJSON(t, r.Milestones), milestonesJSON(t, ms); g != w {
					t.Errorf("row %s milestones\n got %s\nwant %s", r.STT, g, w)
				}
			}
			for cell, got := range map[string][]vanban.Party{r.Lead: r.LeadParties, r.Coordinators: r.CoordinatorParties} {
				var want []vanban.Party
				if raw, ok := agencies[cell]; ok {
					mustUnmarshal(t, raw, &want)
					if unitsOf(got) != unitsOf(want) || groupsOf(got) != groupsOf(want) {
						t.Errorf("row %s parties of %q: %+v", r.STT, cell, got)
					}
				}
			}
			var ts []vanban.Target
			if raw, ok := targets[r.STT]; ok {
				mustUnmarshal(t, raw, &ts)
				if g, w := targetsJSON(t, r.Targets), targetsJSON(t, ts); g != w {
					t.Errorf("row %s targets\n got %s\nwant %s", r.STT, g, w)
				}
			}
		}
	}
}

func mustUnmarshal(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatal(err)
	}
}

func TestDocumentRoles(t *testing.T) {
	doc := &vanban.Document{Rows: []vanban.Task{
		{Lead: "Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Khoa học Công nghệ", Timeframe: "Kịp thời",
			Unparsed: []string{"timeframe", "lead"}},
		{Lead: "Sở Tư pháp", Monitor: "Sở Nội vụ", Timeframe: "Năm 2026"},
	}}
	doc.Meta.Date = vanban.D(2026, 1, 5)
	Document(doc, nil)
	r := doc.Rows[0]
	if unitsOf(r.LeadParties) != "[Văn phòng Ủy ban nhân dân tỉnh]" || unitsOf(r.CoordinatorParties) != "[Sở Khoa học và Công nghệ]" {
		t.Errorf("roles: %+v / %+v", r.LeadParties, r.CoordinatorParties)
	}
	if !reflect.DeepEqual(r.Unparsed, []string{"lead", "timeframe"}) {
		t.Errorf("unparsed %v", r.Unparsed)
	}
	r = doc.Rows[1]
	if unitsOf(r.MonitorParties) != "[Sở Nội vụ]" || r.Unparsed != nil || len(r.Milestones) != 1 {
		t.Errorf("row 2: %+v", r)
	}
}

func TestAnnualReportDue(t *testing.T) {
	tests := []struct{ text, annual, half string }{
		{"V. TỔ CHỨC THỰC HIỆN\n2. Định kỳ hằng năm trước ngày 15/12, các cơ quan báo cáo kết quả.", "12-15", ""},
		{"Các đơn vị báo cáo kết quả 6 tháng trước ngày 15/6 và báo cáo năm trước ngày 15/12 hằng năm.", "12-15", "06-15"},
		{"Định kỳ 6 tháng (trước ngày 20/6) và hằng năm (trước ngày 20/12) báo cáo Sở Nội vụ", "12-20", "06-20"},
		{"Hằng năm trước ngày 15/12 tổ chức hội nghị.", "", ""}, // not about reports
		{"Báo cáo khi có yêu cầu.", "", ""},
	}
	for _, tt := range tests {
		if got := AnnualReportDue(tt.text); got != tt.annual {
			t.Errorf("AnnualReportDue(%q) = %q, want %q", tt.text, got, tt.annual)
		}
		if got := HalfYearDue(tt.text); got != tt.half {
			t.Errorf("HalfYearDue(%q) = %q, want %q", tt.text, got, tt.half)
		}
	}
}

// TestReportTo reads the collecting unit as the real plans word it.
func TestReportTo(t *testing.T) {
	tests := []struct{ text, want string }{
		{"2. Định kỳ hằng năm trước ngày 15/12, các cơ quan, đơn vị rà soát, báo cáo Ủy ban nhân dân thành phố kết quả thực hiện (gửi Sở Khoa học và Công nghệ để tổng hợp).", "Sở Khoa học và Công nghệ"},
		{"e) Định kỳ báo cáo kết quả thực hiện gửi về Sở Nội vụ để tổng hợp báo cáo UBND tỉnh.", "Sở Nội vụ"},
		{"Các sở, ban, ngành báo cáo kết quả thực hiện định kỳ theo quy định cho Ủy ban nhân dân tỉnh (qua Sở Nội vụ) để theo dõi, chỉ đạo.", "Sở Nội vụ"},
		{"Báo cáo kết quả thực hiện Chương trình hằng năm về Ủy ban nhân dân tỉnh (qua Công an tỉnh) để tổng hợp báo cáo Bộ Công an.", "Công an tỉnh"},
		{"3. Giao Sở KH&CN chủ trì, theo dõi, đôn đốc, định kỳ tổng hợp, báo cáo UBND thành phố.", "Sở Khoa học và Công nghệ"},
		{"Các đơn vị báo cáo kết quả.", ""},
	}
	for _, tt := range tests {
		if got := ReportTo(tt.text, nil); got != tt.want {
			t.Errorf("ReportTo(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestPlanContextOf(t *testing.T) {
	tests := []struct {
		title string
		date  vanban.Date
		text  string
		want  PlanContext
	}{
		{"Kế hoạch cải cách hành chính năm 2026", vanban.D(2025, 12, 20), "", PlanContext{Year: 2026}},
		{"Kế hoạch cải cách hành chính giai đoạn 2026 - 2030", vanban.D(2026, 3, 2), "", PlanContext{Year: 2026, PeriodStart: 2026, PeriodEnd: 2030}},
		{"Triển khai Chương trình phòng, chống ma túy đến năm 2030", vanban.D(2025, 10, 1), "", PlanContext{Year: 2025, PeriodStart: 2025, PeriodEnd: 2030}},
		{"Thực hiện Kết luận số 69-KL/TW ngày 11 tháng 01 năm 2024", vanban.Date{}, "Hải Phòng, ngày    tháng    năm 2026\nKẾ HOẠCH", PlanContext{Year: 2026}},
	}
	for _, tt := range tests {
		doc := &vanban.Document{Text: tt.text}
		doc.Meta.Title, doc.Meta.Date = tt.title, tt.date
		if got := PlanContextOf(doc); got != tt.want {
			t.Errorf("PlanContextOf(%q) = %+v, want %+v", tt.title, got, tt.want)
		}
	}
}
