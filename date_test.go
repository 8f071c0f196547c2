package vanban

import (
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		why  string // a word the error must contain; "" when it parses
	}{
		{"31/12/2026", D(2026, 12, 31), ""},
		{"1/2/2027", D(2027, 2, 1), ""},
		{"2026-12-31", D(2026, 12, 31), ""},
		{" 05-06-2026 ", D(2026, 6, 5), ""},
		{"29.02.2028", D(2028, 2, 29), ""},
		{"31/11/2026", Date{}, "không có ngày 31"},
		{"29/02/2027", Date{}, "không có ngày 29"},
		{"12/13/2026", Date{}, "không có tháng 13"},
		{"2026/12/31", Date{}, "không đúng dạng"},
		{"31/12/26", Date{}, "không đúng dạng"},
		{"hôm nay", Date{}, "không đúng dạng"},
		{"", Date{}, "không đúng dạng"},
		{"1/1/1800", Date{}, "năm 1800"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.why == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.why) || ErrorCode(err) != EInvalid {
			t.Errorf("ParseDate(%q) error = %v (code %q), want one saying %q", tt.in, err, ErrorCode(err), tt.why)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"31/12/2026", "2026-12-31", "1.1.2000", "//", "9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		again, err := ParseDate(d.VN())
		if err != nil || again != d {
			t.Fatalf("%q → %v does not read back from %q: %v %v", s, d, d.VN(), again, err)
		}
	})
}
