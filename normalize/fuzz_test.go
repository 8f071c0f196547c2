package normalize

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"vanban"
)

var dueForm = regexp.MustCompile(`^(?:\d{2}-\d{2}|\d{2})$`)

func FuzzTimeframe(f *testing.F) {
	for _, tt := range timeframeTests {
		f.Add(tt.cell)
	}
	for _, tt := range realTimeframeTests {
		f.Add(tt.cell)
	}
	f.Add("Trình trong tháng 01 hàng năm; Báo cáo trong tháng 12 hàng năm")
	f.Fuzz(func(t *testing.T, cell string) {
		ms, ok := Timeframe(cell, goldPlan)
		again, ok2 := Timeframe(cell, goldPlan)
		if ok != ok2 || milestonesJSON(t, ms) != milestonesJSON(t, again) {
			t.Fatal("not deterministic")
		}
		for _, m := range ms {
			for _, d := range []vanban.Date{m.Start, m.Due} {
				if !d.IsZero() && (d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > lastDay(d.Year, d.Month)) {
					t.Fatalf("bad date %+v in %+v", d, m)
				}
			}
			if !m.Start.IsZero() && !m.Due.IsZero() && m.Due.Before(m.Start) {
				t.Fatalf("due before start: %+v", m)
			}
			if m.YearlyDue != "" && !dueForm.MatchString(m.YearlyDue) {
				t.Fatalf("bad yearly_due %q", m.YearlyDue)
			}
			if !utf8.ValidString(m.Action) || !utf8.ValidString(m.Condition) {
				t.Fatalf("invalid UTF-8 in %+v", m)
			}
		}
	})
}

func FuzzParties(f *testing.F) {
	for _, tt := range partyTests {
		f.Add(tt.cell)
	}
	f.Add("Ủy ban MTTQ Việt nam thành phố, các tổ chức chính trị-xã hội; các sở ban, ngành, UBND các xã, phường, đặc khu")
	f.Fuzz(func(t *testing.T, cell string) {
		for _, p := range Parties(cell, nil) {
			if p.Name == "" || !utf8.ValidString(p.Name) {
				t.Fatalf("bad name %q", p.Name)
			}
			if p.Kind != vanban.KindUnit && p.Kind != vanban.KindGroup {
				t.Fatalf("bad kind %q", p.Kind)
			}
			if p.AliasOf == p.Name {
				t.Fatalf("alias_of equals name: %+v", p)
			}
			if strings.TrimSpace(p.Name) != p.Name {
				t.Fatalf("name not trimmed: %q", p.Name)
			}
		}
	})
}

func FuzzTargets(f *testing.F) {
	f.Add("Duy trì tối thiểu 2500 thông tin công nghệ, 200 nhà cung cấp trên Sàn; trên 4.000 lượt truy cập/tháng")
	f.Add("Số đơn đăng ký sở hữu trí tuệ (sáng chế, giải pháp hữu ích)/năm đạt tối thiểu 40 đơn vào năm 2030.")
	f.Add("hơn 2,1 triệu lượt khách, 1.000.000 đồng")
	f.Fuzz(func(t *testing.T, cell string) {
		for _, tg := range Targets(cell) {
			switch tg.Op {
			case ">", ">=", "=", "<=", "<":
			default:
				t.Fatalf("bad op %q", tg.Op)
			}
			if tg.Value < 0 || math.IsNaN(tg.Value) || math.IsInf(tg.Value, 0) {
				t.Fatalf("bad value %v", tg.Value)
			}
			if tg.Per != "" && tg.Per != "năm" && tg.Per != "tháng" {
				t.Fatalf("bad per %q", tg.Per)
			}
			if tg.Unit == "" || !utf8.ValidString(tg.Unit) {
				t.Fatalf("bad unit %q", tg.Unit)
			}
		}
	})
}
