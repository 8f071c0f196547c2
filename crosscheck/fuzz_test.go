package crosscheck

import (
	"testing"

	"vanban"
)

// FuzzCites feeds the plan linker arbitrary titles and openings: it must
// not panic, and a report citing the plan's reference first with the
// plan's date must link whatever follows.
func FuzzCites(f *testing.F) {
	for _, s := range []string{"Kết quả thực hiện Kế hoạch số 58/KH-UBND ngày 20/3/2026",
		"Kế hoạch 58/KH-UBND ngày 20 tháng 3 năm 2026", "KẾ HOẠCH SỐ 158/KH-UBND", "Kế hoạch số 58/", "\xff"} {
		f.Add(s, s)
	}
	plan := &vanban.Document{Meta: vanban.Meta{DocType: vanban.TypePlan, Reference: "58/KH-UBND", Date: vanban.D(2026, 3, 20)}}
	f.Fuzz(func(t *testing.T, title, text string) {
		rep := &vanban.Document{Meta: vanban.Meta{DocType: vanban.TypeReport, Title: title}, Text: text}
		Cites(rep, plan)
		reportYear(rep)
		rep.Meta.Title = "Kế hoạch số 58/KH-UBND ngày 20/3/2026 " + title
		if !Cites(rep, plan) {
			t.Fatalf("title %q does not link", rep.Meta.Title)
		}
	})
}

// FuzzResolveUnit feeds the unit matcher arbitrary issuer lines and
// symbols: it must not panic and must answer a known unit or nothing.
func FuzzResolveUnit(f *testing.F) {
	names := []string{"Sở Tài chính", "Sở Khoa học và Công nghệ", "Ban Quản lý khu kinh tế", "Công an thành phố"}
	for _, s := range []string{"SỞ TÀI CHÍNH", "BQL các KKT", "Sở KH&CN", "&&", "BC-STC", " ", "\xff"} {
		f.Add(s)
	}
	x := newUnitIndex(names, nil)
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []func(string) (string, bool){x.resolve, x.bySymbol} {
			name, ok := got(s)
			if ok != (name != "") || ok && !x.known(name) {
				t.Fatalf("%q → %q, %v", s, name, ok)
			}
		}
	})
}

// FuzzTaskKeys feeds the task keys arbitrary section numerals and STTs as
// extracted plans give them: the keys must be distinct and name their
// own task back, and the heading splitter must not panic.
func FuzzTaskKeys(f *testing.F) {
	f.Add("I", "2", "II", "2", "I", "2.")
	f.Add("", "", "", "#1", "", "")
	f.Add("VII", "2", "VII", "2#1", "VII.", "2")
	f.Add("I", "I.2", "", "I.2", "i", "2")
	f.Fuzz(func(t *testing.T, n1, s1, n2, s2, n3, s3 string) {
		plan := &vanban.Document{Rows: []vanban.Task{
			{Section: vanban.Section{Numeral: n1}, STT: s1},
			{Section: vanban.Section{Numeral: n2}, STT: s2},
			{Section: vanban.Section{Numeral: n3}, STT: s3},
		}}
		keys := TaskKeys(plan)
		seen := map[string]bool{}
		for i, k := range keys {
			if seen[keyFold(k)] {
				t.Fatalf("keys %q: %q twice", keys, k)
			}
			seen[keyFold(k)] = true
			if j, ok := TaskIndex(plan, k); keyFold(k) != "" && (!ok || j != i) {
				t.Fatalf("keys %q: TaskIndex(%q) = %d, %v; want %d", keys, k, j, ok, i)
			}
		}
		splitHeading(n1 + " " + s1)
	})
}
