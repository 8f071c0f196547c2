package draft

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"vanban"
)

// How a secretariat writes figures, dates and names in running text.

// count writes a count as administrative texts do: two digits below ten
// ("02 đơn vị", "08 nhiệm vụ"), thousands with a dot ("1.245"); none is
// "0".
func count(n int) string {
	if n > 0 && n < 10 {
		return fmt.Sprintf("%02d", n)
	}
	return thousands(n)
}

// number writes a figure in a table cell: plain digits, thousands with a
// dot.
func number(n int) string { return thousands(n) }

func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// percent writes part/whole as a percentage with one decimal and a
// decimal comma, the decimal dropped when it is zero: "20", "16,7". It
// returns "" when whole is zero.
func percent(part, whole int) string {
	if whole == 0 {
		return ""
	}
	s := strconv.FormatFloat(float64(part)*100/float64(whole), 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1)
}

// date writes a date in running text: "20/03/2026".
func date(d vanban.Date) string { return d.VN() }

// headerDate returns the day, month and year of the header's "ngày …
// tháng … năm …": the day below 10 and the months January and February
// with a leading zero, as Nghị định 30 asks; a zero date leaves day and
// month blank for the văn thư, in the year of fallback.
func headerDate(d vanban.Date, fallbackYear int) (day, month, year string) {
	if d.IsZero() {
		return "     ", "     ", strconv.Itoa(fallbackYear)
	}
	day = strconv.Itoa(d.Day)
	if d.Day < 10 {
		day = "0" + day
	}
	month = strconv.Itoa(int(d.Month))
	if d.Month < 3 {
		month = "0" + month
	}
	return day, month, strconv.Itoa(d.Year)
}

// upper writes a name in capitals, as header lines and signature titles
// are set.
func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lower-cases the first letter of a title cited after "về"
// ("Thực hiện Quyết định …" → "thực hiện Quyết định …"), unless its first
// word is an abbreviation ("UBND", "HĐND").
func lowerFirst(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if isUpper(first) {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// isUpper reports whether s has letters and all of them are capitals.
func isUpper(s string) bool {
	seen := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			seen = true
		}
	}
	return seen
}

// localities are the words after which an agency's name goes on with a
// place name.
var localities = []string{"thành phố", "tỉnh", "huyện", "quận", "thị xã", "xã", "phường", "đặc khu", "thị trấn"}

// shortName is a body's name in running text after the header: the place
// name after its locality word goes, "Ủy ban nhân dân thành phố Hải
// Phòng" is "Ủy ban nhân dân thành phố", as texts of that body's own
// locality write it.
func shortName(name string) string {
	words := strings.Fields(name)
	if at, n := placeAt(words); at > 0 {
		return strings.Join(words[:at+n], " ")
	}
	return strings.Join(words, " ")
}

// placeAt finds the locality word that a place name follows in a body's
// name ("thành phố" in "Ủy ban nhân dân thành phố Hải Phòng"): its index
// and length in words, or 0, 0.
func placeAt(words []string) (at, n int) {
	for i := 1; i < len(words); i++ {
		for _, l := range localities {
			lw := strings.Fields(l)
			if i+len(lw) < len(words) && strings.EqualFold(strings.Join(words[i:i+len(lw)], " "), l) {
				return i, len(lw)
			}
		}
	}
	return 0, 0
}

// abbreviations are the long forms "Nơi nhận" lists write short.
var abbreviations = []struct{ long, short string }{
	{"Ủy ban nhân dân", "UBND"}, {"Uỷ ban nhân dân", "UBND"}, {"Hội đồng nhân dân", "HĐND"},
}

// abbreviated writes a body's name as a "Nơi nhận" list does: "UBND
// thành phố".
func abbreviated(name string) string {
	for _, a := range abbreviations {
		if rest, ok := strings.CutPrefix(name, a.long); ok {
			return a.short + rest
		}
	}
	return name
}

// headerLines splits a parent body's name for the header, its locality
// on a line of its own as agencies set it: "ỦY BAN NHÂN DÂN" / "THÀNH
// PHỐ HẢI PHÒNG".
func headerLines(name string) []string {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	short := shortName(name)
	words := strings.Fields(short)
	for i := 1; i < len(words); i++ {
		for _, l := range localities {
			if strings.EqualFold(strings.Join(words[i:], " "), l) {
				head := strings.Join(words[:i], " ")
				return []string{upper(head), upper(strings.TrimSpace(strings.TrimPrefix(name, head)))}
			}
		}
	}
	return []string{upper(name)}
}

// initials returns the letters agencies build their symbols from: "Sở
// Khoa học và Công nghệ" is SKHCN, "Ủy ban nhân dân tỉnh Lào Cai" UBND,
// "Sở Giáo dục và Đào tạo" SGDĐT, "Công an thành phố" CATP. The word "và"
// and a locality with its place name are left out.
func initials(name string) string {
	words := strings.Fields(name)
	if at, _ := placeAt(words); at > 0 {
		words = words[:at]
	}
	var b strings.Builder
	for _, w := range words {
		w = strings.Trim(w, ",.;()")
		if w == "" || strings.EqualFold(w, "và") {
			continue
		}
		// The base letter without its tone or vowel mark ("Ủy" gives U);
		// Đ is a letter of its own and stays.
		r, _ := utf8.DecodeRuneInString(norm.NFD.String(w))
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// joinList joins names as Vietnamese prose lists them: "A", "A và B",
// "A, B và C".
func joinList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " và " + names[len(names)-1]
}

// listLines ends each line of a dashed list as Vietnamese texts do: a
// semicolon, and a full stop after the last.
func listLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		end := ";"
		if i == len(lines)-1 {
			end = "."
		}
		out[i] = "- " + strings.TrimRight(l, ";.") + end
	}
	return out
}

// roman writes n (1…3999) in Roman numerals, for the group rows of a
// table addressed to several units.
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
