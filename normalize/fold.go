package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as matching compares it: lower case, every diacritic
// removed and đ as d, so that "Ủy ban", "UỶ BAN" and "uy ban" fold alike
// however they were typed or decomposed. Everything else, spacing and
// punctuation included, is kept; FoldWords also evens those out.
func Fold(s string) string {
	if isASCIIString(s) {
		return strings.ToLower(s) // the common case, without decomposing
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// FoldWords returns Fold(s) with every run of characters other than
// letters and digits as one space, and none at either end: the key
// under which "UỶ BAN  nhân-dân" and "Ủy ban nhân dân" are the same
// name. Stored keys are made with it, so its output must not change.
func FoldWords(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range Fold(s) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
