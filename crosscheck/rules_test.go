package crosscheck

import (
	"testing"

	"vanban"
)

// What a report answers: its title's first citation, else its opening's;
// a Công văn or Giấy mời is no plan; a numbered plan must match number,
// date and locality; an unnumbered draft is cited by its subject.
func TestCitesAnswered(t *testing.T) {
	plan58 := &vanban.Document{Meta: vanban.Meta{DocType: vanban.TypePlan, Reference: "58/KH-UBND", Date: vanban.D(2026, 3, 20),
		Issuer: "Ủy ban nhân dân thành phố Hải Phòng", Place: "Hải Phòng"}}
	draft := &vanban.Document{Meta: vanban.Meta{DocType: vanban.TypePlan, Issuer: "Ủy ban nhân dân tỉnh Lâm Đồng", Place: "Lâm Đồng",
		Title: "Cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng"}}
	report := func(title, opening string) *vanban.Document {
		return &vanban.Document{Meta: vanban.Meta{DocType: vanban.TypeReport, Title: title, Cites: []string{"58/KH-UBND"}},
			Text: "SỞ TÀI CHÍNH\nBÁO CÁO\n" + title + "\n" + opening + "\nNội dung."}
	}
	for _, c := range []struct {
		name string
		rep  *vanban.Document
		plan *vanban.Document
		want bool
	}{
		{"numbered in title", report("Kết quả thực hiện Kế hoạch số 58/KH-UBND ngày 20/3/2026 của UBND thành phố", ""), plan58, true},
		{"other year", report("Kết quả thực hiện Kế hoạch số 58/KH-UBND ngày 02/3/2025", ""), plan58, false},
		{"other province", report("Kết quả thực hiện Kế hoạch số 58/KH-UBND của Ủy ban nhân dân tỉnh Lâm Đồng", ""), plan58, false},
		{"answers a Công văn", report("Tình hình giải ngân theo Công văn số 6215/UBND-KT ngày 02/11/2026",
			"Thực hiện Công văn số 6215/UBND-KT, trên cơ sở các nhiệm vụ tại Kế hoạch số 58/KH-UBND ngày 20/3/2026, Sở báo cáo:"), plan58, false},
		{"answers a Giấy mời", report("Tình hình phát triển khoa học", "Thực hiện Giấy mời số 512/GM-UBND ngày 01/12/2026; kết quả Kế hoạch số 58/KH-UBND sẽ báo cáo riêng."), plan58, false},
		{"unnumbered by subject", report("Kết quả thực hiện nhiệm vụ cải cách hành chính năm 2026",
			"Thực hiện Kế hoạch số /KH-UBND ngày /01/2026 của Ủy ban nhân dân tỉnh về cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng, Sở báo cáo:"), draft, true},
		{"unnumbered, other province", report("Kết quả thực hiện nhiệm vụ cải cách hành chính năm 2026",
			"Thực hiện Kế hoạch cải cách hành chính nhà nước năm 2026 của Ủy ban nhân dân tỉnh Lào Cai, Sở báo cáo:"), draft, false},
		{"unnumbered, other subject", report("Kết quả triển khai Chỉ thị số 11-CT/TU năm 2026",
			"Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh Lâm Đồng về quản lý khoáng sản, Sở báo cáo:"), draft, false},
		{"no citation: extracted cites", &vanban.Document{Meta: vanban.Meta{DocType: vanban.TypeReport, Title: "Báo cáo năm", Cites: []string{"58/KH-UBND"}}}, plan58, true},
	} {
		if got := Cites(c.rep, c.plan); got != c.want {
			t.Errorf("%s: Cites = %v, want %v", c.name, got, c.want)
		}
	}
}

// The reporting unit comes from the header under its parent body, or
// without its province; never from the units its body names.
func TestReportUnitFromHeader(t *testing.T) {
	ux := newUnitIndex([]string{"Văn phòng Ủy ban nhân dân tỉnh", "Công an tỉnh", "Thuế tỉnh", "Sở Tài chính"}, nil)
	for _, c := range []struct {
		issuer, text, want string
	}{
		{"Văn phòng", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nVĂN PHÒNG\nSố: 1960/BC-VP\nphối hợp với Sở Tài chính", "Văn phòng Ủy ban nhân dân tỉnh"},
		{"Thuế tỉnh Lào Cai", "CỤC THUẾ\nTHUẾ TỈNH LÀO CAI\nSố: 2365/BC-TLC", "Thuế tỉnh"},
		{"Công an tỉnh Lào Cai", "BỘ CÔNG AN\nCÔNG AN TỈNH LÀO CAI\nSố: 1722/BC-CAT", "Công an tỉnh"},
	} {
		got, ok := reportUnit(ux, &vanban.Document{Meta: vanban.Meta{Issuer: c.issuer}, Text: c.text})
		if !ok || got != c.want {
			t.Errorf("%q: unit %q, want %q", c.issuer, got, c.want)
		}
	}
}

func TestRunningCount(t *testing.T) {
	items := func(stts ...string) []vanban.ReportItem {
		var out []vanban.ReportItem
		for _, s := range stts {
			out = append(out, vanban.ReportItem{STT: s})
		}
		return out
	}
	for _, c := range []struct {
		stts []string
		want bool
	}{
		{[]string{"1", "2", "3"}, true},
		{[]string{"1", "2", "1", "2", "3"}, true},
		{[]string{"1", "10"}, false},
		{[]string{"3.3", "3.14"}, false},
		{[]string{"1"}, false},
	} {
		if got := runningCount(items(c.stts...)); got != c.want {
			t.Errorf("runningCount(%q) = %v, want %v", c.stts, got, c.want)
		}
	}
}

// Statuses judged from the result text when no progress column says it;
// what no word tells is not read (the cross-check says unclear).
func TestReadStatusResultText(t *testing.T) {
	for _, c := range []struct {
		cell, text string
		want       vanban.TaskStatus
		ok         bool
	}{
		{"100%", "", vanban.TaskDone, true},
		{"Đạt 85%", "", vanban.TaskInProgress, true},
		{"Thường xuyên", "", vanban.TaskInProgress, true},
		{"Chưa đạt", "", vanban.TaskInProgress, true},
		{"", "Đã ban hành Quyết định số 12/QĐ-UBND.", vanban.TaskDone, true},
		{"", "Đang hoàn thiện dự thảo Quyết định.", vanban.TaskInProgress, true},
		{"", "Đã tổ chức 01 phiên; phiên thứ hai dự kiến tổ chức trong tháng 10.", vanban.TaskInProgress, true},
		{"", "Chờ hướng dẫn của Bộ Khoa học và Công nghệ.", vanban.TaskNotStarted, true},
		{"", "Dự án chưa được bố trí kinh phí năm 2026.", vanban.TaskNotStarted, true},
		{"", "Nội dung chi tiết tại Phụ lục kèm theo.", "", false},
	} {
		got, ok := ReadStatus(c.cell, c.text)
		if got != c.want || ok != c.ok {
			t.Errorf("ReadStatus(%q, %q) = %s, %v; want %s, %v", c.cell, c.text, got, ok, c.want, c.ok)
		}
	}
}

// Reminders keep same-named units of two provinces apart.
func TestDueLocality(t *testing.T) {
	plan := func(issuer string) *vanban.Document {
		return &vanban.Document{File: issuer, Meta: vanban.Meta{Issuer: issuer, Date: vanban.D(2026, 1, 1)}, Rows: []vanban.Task{{
			STT: "1", Task: "Báo cáo", LeadParties: []vanban.Party{{Name: "Sở Tài chính", Kind: vanban.KindUnit}},
			Milestones: []vanban.Milestone{{Start: vanban.D(2026, 6, 1), Due: vanban.D(2026, 6, 30)}}}}}
	}
	groups, err := Due(DueQuery{Plans: []*vanban.Document{plan("Ủy ban nhân dân thành phố Hải Phòng"), plan("Ủy ban nhân dân tỉnh Lâm Đồng")},
		From: vanban.D(2026, 1, 1), Days: 364})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 || groups[0].Locality == groups[1].Locality {
		t.Fatalf("groups %+v, want one Sở Tài chính per province", groups)
	}
}

// A report of a same-named unit of another province, citing the plan's
// number and date, is not the plan's unit's report.
func TestForeignUnitNotCounted(t *testing.T) {
	plan := &vanban.Document{Meta: vanban.Meta{DocType: vanban.TypePlan, Reference: "58/KH-UBND", Date: vanban.D(2026, 3, 20),
		Issuer: "Ủy ban nhân dân thành phố Hải Phòng"}, Rows: []vanban.Task{{STT: "3.14", Task: "Bố trí kinh phí",
		LeadParties: []vanban.Party{{Name: "Sở Tài chính", Kind: vanban.KindUnit}}}}}
	rep := func(header string) *vanban.Document {
		return &vanban.Document{Meta: vanban.Meta{DocType: vanban.TypeReport, Reference: "1/BC-STC", Issuer: "Sở Tài chính", Date: vanban.D(2026, 12, 1),
			Title: "Kết quả thực hiện Kế hoạch số 58/KH-UBND ngày 20/3/2026"}, Text: header + "\nSố: 1/BC-STC\nBÁO CÁO"}
	}
	for _, c := range []struct {
		header string
		want   bool
	}{
		{"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nSỞ TÀI CHÍNH", true},
		{"ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSỞ TÀI CHÍNH", false},
		{"SỞ TÀI CHÍNH", true},
	} {
		r := Check(Input{Plan: plan, Reports: []*vanban.Document{rep(c.header)}, AsOf: vanban.D(2026, 12, 31)})
		if len(r.Reports) != 1 || r.Reports[0].Counted != c.want {
			t.Errorf("%q: reports %+v, want counted %v", c.header, r.Reports, c.want)
		}
	}
}
