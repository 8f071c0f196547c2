package normalize

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

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

// FuzzLegacy checks that Legacy never fails, returns NFC, and reads back
// what the test encoders spell.
func FuzzLegacy(f *testing.F) {
	for _, s := range roundTripText {
		f.Add(s)
	}
	f.Add("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
	f.Add("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, font := range []string{".VnTime", ".VnTimeH", "VNI-Times"} {
			if out := Legacy(font, s); !norm.NFC.IsNormalString(out) || !utf8.ValidString(out) {
				t.Fatalf("Legacy(%q, %q) = %q: not NFC", font, s, out)
			}
		}
		want := norm.NFC.String(s)
		if enc, err := encodeTCVN3(want, false); err == nil {
			if got := Legacy(".VnTime", enc); got != want {
				t.Fatalf("TCVN3 round trip of %q: %q", want, got)
			}
		}
		if enc, err := encodeVNI(want); err == nil && !hasUnicodeVietnamese(enc) {
			if got := Legacy("VNI-Times", enc); got != want {
				t.Fatalf("VNI round trip of %q via %q: %q", want, enc, got)
			}
		}
	})
}

// FuzzText checks that Text is idempotent and gives NFC.
func FuzzText(f *testing.F) {
	f.Add("Văn hoá, Thể thao và Du lịch\u00a0 Uỷ ban")
	f.Add("Vie\u0302\u0301t")
	f.Fuzz(func(t *testing.T, s string) {
		once := Text(s)
		if Text(once) != once {
			t.Fatalf("Text not idempotent on %q: %q then %q", s, once, Text(once))
		}
		if !norm.NFC.IsNormalString(once) {
			t.Fatalf("Text(%q) = %q not NFC", s, once)
		}
	})
}
