package webtest

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldRune strips the marks of one rune; đ becomes d.
func foldRune(r rune) string {
	if r == 'đ' || r == 'Đ' {
		return "d"
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}
