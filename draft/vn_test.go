package draft

import (
	"fmt"
	"testing"

	"vanban"
)

func TestFigures(t *testing.T) {
	cases := []struct {
		got, want string
	}{
		{count(0), "0"}, {count(2), "02"}, {count(9), "09"}, {count(12), "12"}, {count(1245), "1.245"},
		{number(7), "7"}, {number(1234567), "1.234.567"}, {number(-1500), "-1.500"},
		{percent(2, 9), "22,2"}, {percent(1, 5), "20"}, {percent(12, 15), "80"}, {percent(71, 76), "93,4"},
		{percent(3, 3), "100"}, {percent(0, 4), "0"}, {percent(1, 0), ""},
		{roman(1), "I"}, {roman(4), "IV"}, {roman(9), "IX"}, {roman(14), "XIV"}, {roman(40), "XL"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: %q, want %q", i, c.got, c.want)
		}
	}
}

func TestHeaderDate(t *testing.T) {
	cases := []struct {
		d    vanban.Date
		want string
	}{
		{vanban.D(2027, 1, 5), "05 01 2027"},  // day below 10, January: leading zeros
		{vanban.D(2026, 2, 28), "28 02 2026"}, // February too
		{vanban.D(2026, 3, 9), "09 3 2026"},   // from March, the month without
		{vanban.D(2026, 12, 31), "31 12 2026"},
		{vanban.Date{}, "            2031"}, // blank day and month, the fallback year
	}
	for _, c := range cases {
		d, m, y := headerDate(c.d, 2031)
		if got := d + " " + m + " " + y; got != c.want {
			t.Errorf("headerDate(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestNames(t *testing.T) {
	cases := []struct {
		name, fn, got, want string
	}{
		{"Ủy ban nhân dân thành phố Hải Phòng", "short", shortName("Ủy ban nhân dân thành phố Hải Phòng"), "Ủy ban nhân dân thành phố"},
		{"Ủy ban nhân dân tỉnh Lâm Đồng", "short", shortName("Ủy ban nhân dân tỉnh Lâm Đồng"), "Ủy ban nhân dân tỉnh"},
		{"thị xã before xã", "short", shortName("Ủy ban nhân dân thị xã Sơn Tây"), "Ủy ban nhân dân thị xã"},
		{"no place after the locality", "short", shortName("Công an thành phố"), "Công an thành phố"},
		{"department", "short", shortName("Sở Tài chính"), "Sở Tài chính"},
		{"UBND", "abbr", abbreviated("Ủy ban nhân dân thành phố"), "UBND thành phố"},
		{"HĐND", "abbr", abbreviated("Hội đồng nhân dân tỉnh"), "HĐND tỉnh"},
		{"Sở", "abbr", abbreviated("Sở Nội vụ"), "Sở Nội vụ"},
		{"SKHCN", "initials", initials("Sở Khoa học và Công nghệ"), "SKHCN"},
		{"SGDĐT", "initials", initials("Sở Giáo dục và Đào tạo"), "SGDĐT"},
		{"UBND", "initials", initials("Ủy ban nhân dân tỉnh Lào Cai"), "UBND"},
		{"CATP", "initials", initials("Công an thành phố"), "CATP"},
		{"commas", "initials", initials("Sở Văn hóa, Thể thao và Du lịch"), "SVHTTDL"},
		{"title", "lower", lowerFirst("Thực hiện Quyết định số 709/QĐ-TTg"), "thực hiện Quyết định số 709/QĐ-TTg"},
		{"abbreviation", "lower", lowerFirst("UBND thành phố"), "UBND thành phố"},
		{"list 1", "join", joinList([]string{"A"}), "A"},
		{"list 3", "join", joinList([]string{"A", "B", "C"}), "A, B và C"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s %s: %q, want %q", c.fn, c.name, c.got, c.want)
		}
	}
}

func TestHeaderLines(t *testing.T) {
	cases := []struct{ name, want string }{
		{"Ủy ban nhân dân thành phố Hải Phòng", "[ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG]"},
		{"Ủy ban nhân dân thị xã Sơn Tây", "[ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY]"},
		{"Bộ Khoa học và Công nghệ", "[BỘ KHOA HỌC VÀ CÔNG NGHỆ]"},
		{"", "[]"},
	}
	for _, c := range cases {
		got := headerLines(c.name)
		if fmt.Sprintf("%v", got) != c.want {
			t.Errorf("headerLines(%q) = %q, want %s", c.name, got, c.want)
		}
	}
	if got := headerLines("Ủy ban nhân dân thành phố Hải Phòng"); len(got) != 2 || got[1] != "THÀNH PHỐ HẢI PHÒNG" {
		t.Errorf("the locality goes on its own line: %q", got)
	}
}

func TestListLines(t *testing.T) {
	got := listLines([]string{"Như trên", "UBND thành phố (để báo cáo);", "Lưu: VT."})
	want := []string{"- Như trên;", "- UBND thành phố (để báo cáo);", "- Lưu: VT."}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("listLines = %q, want %q", got, want)
	}
}
