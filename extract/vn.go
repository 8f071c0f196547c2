package extract

import (
	"strings"
	"unicode"

	"vanban/vntext"
)

// fold returns s lower-cased with its Vietnamese marks removed and đ as d,
// and its spaces evened out, so that header titles and keywords match
// however they were typed.
func fold(s string) string {
	return strings.Join(strings.Fields(vntext.Fold(s)), " ")
}

// isUpper reports whether s has letters and all of them are upper case.
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

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+len(string(r)):]
		}
	}
	return s
}

// fieldHeads open the name of a body named after its field, whose
// field words are capitalized: "Sở Khoa học và Công nghệ", "Ban Quản lý
// khu kinh tế", "Bộ Văn hóa, Thể thao và Du lịch".
var fieldHeads = map[string]bool{"sở": true, "bộ": true, "ban": true, "cục": true, "vụ": true}

// localities are the words after which a Vietnamese agency name continues
// with a proper place name ("thành phố Hải Phòng", "tỉnh Lâm Đồng").
var localities = []string{"thành phố", "tỉnh", "huyện", "quận", "thị xã", "xã", "phường", "đặc khu", "thị trấn"}

// agencyCase turns an agency name set in capitals ("ỦY BAN NHÂN DÂN THÀNH
// PHỐ HẢI PHÒNG") into running text ("Ủy ban nhân dân thành phố Hải
// Phòng"): the first word and a place name after a locality word keep a
// capital. Names of departments ("Sở Tài chính") are then fixed by the
// agency alias table of package normalize, which knows them.
func agencyCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	field := fieldHeads[words[0]]
	for i := 0; i < len(words); i++ {
		if i == 0 || i == 1 && field || field && (words[i-1] == "và" || strings.HasSuffix(words[i-1], ",")) {
			words[i] = capitalize(words[i])
			continue
		}
		if n := localityAt(words, i); n > 0 && i+n < len(words) {
			for j := i + n; j < len(words); j++ {
				words[j] = capitalize(words[j])
			}
			break
		}
	}
	return strings.Join(words, " ")
}

// localityAt returns how many words of a locality start at words[i].
func localityAt(words []string, i int) int {
	for _, l := range localities {
		lw := strings.Fields(l)
		if i+len(lw) <= len(words) && strings.Join(words[i:i+len(lw)], " ") == l {
			return len(lw)
		}
	}
	return 0
}

// titleCase turns a signing title in capitals ("PHÓ CHỦ TỊCH") into
// running text ("Phó Chủ tịch"): the first word is capitalized, and after
// "Phó" the title it deputizes is capitalized too.
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	deputy := len(words) > 0 && words[0] == "phó"
	upper := strings.Fields(s)
	for i := range words {
		if abbreviations[upper[i]] {
			words[i] = upper[i]
			continue
		}
		if i == 0 || i == 1 && deputy {
			words[i] = capitalize(words[i])
		}
	}
	return strings.Join(words, " ")
}

// abbreviations stay in capitals in running text.
var abbreviations = map[string]bool{"UBND": true, "HĐND": true, "MTTQ": true, "BCĐ": true, "TW": true}
