package vanban

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day without a time zone; the zero Date means "no date"
// and marshals to JSON null.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D returns the Date for year, month and day.
func D(year int, month time.Month, day int) Date { return Date{year, month, day} }

// ParseDate reads a day as people type it: "31/12/2026" (day first, as
// Vietnamese write dates; "-" or "." may separate) or ISO "2026-12-31".
// A wrong date is an EInvalid Error saying, in Vietnamese, which date and
// why.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	y, m, d, ok := splitDate(s)
	if !ok {
		return Date{}, Errorf(EInvalid, "ngày %q không đúng dạng: hãy viết ngày/tháng/năm, ví dụ 31/12/2026 (hoặc 2026-12-31)", s)
	}
	switch {
	case m < 1 || m > 12:
		return Date{}, Errorf(EInvalid, "ngày %q không hợp lệ: không có tháng %d", s, m)
	case y < 1900 || y > 2200:
		return Date{}, Errorf(EInvalid, "ngày %q không hợp lệ: năm %d nằm ngoài khoảng 1900–2200", s, y)
	case d < 1 || d > daysIn(time.Month(m), y):
		return Date{}, Errorf(EInvalid, "ngày %q không hợp lệ: tháng %d năm %d không có ngày %d", s, m, y, d)
	}
	return Date{y, time.Month(m), d}, nil
}

// splitDate reads the numbers of "d/m/yyyy" or "yyyy-mm-dd".
func splitDate(s string) (y, m, d int, ok bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 || strings.Count(s, "/")+strings.Count(s, "-")+strings.Count(s, ".") != 2 {
		return 0, 0, 0, false
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || len(p) > 4 {
			return 0, 0, 0, false
		}
		n[i] = v
	}
	switch {
	case len(parts[0]) == 4 && strings.Contains(s, "-"): // ISO
		return n[0], n[1], n[2], true
	case len(parts[2]) == 4:
		return n[2], n[1], n[0], true
	}
	return 0, 0, 0, false
}

// daysIn returns the number of days of month m in year y.
func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// DateOf returns the calendar day of t in its own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String returns d as "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// VN returns d as a Vietnamese reader writes it, "dd/mm/yyyy".
func (d Date) VN() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.Time().After(e.Time()) }

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil || *s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(*s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
