package crosscheck

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold returns s as the matchers compare it: lower case, diacritics
// removed (đ → d), every run of characters other than letters and digits
// turned into one space. Plans and reports are typed by different people
// with different keyboards and fonts ("chuyên giao" for "chuyển giao",
// "Hằng năm"/"Hàng năm"), so every comparison works on folded text.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		r = foldRune(r)
		switch {
		case r == 0:
			continue // a combining mark of decomposed text
		case r == '&' || unicode.IsLetter(r) || unicode.IsDigit(r):
			// "KH&CN" keeps its ampersand so the abbreviations expand it.
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimSpace(b.String())
}

// foldFirst and foldTable fold the Latin letters with diacritics, from
// À to ỹ, without decomposing every string: each entry is the base letter
// of its rune, lower case.
const foldFirst, foldLast = 0x00C0, 0x1EFF

var foldTable = func() []rune {
	t := make([]rune, foldLast-foldFirst+1)
	for i := range t {
		r := rune(foldFirst + i)
		base := []rune(norm.NFD.String(string(r)))[0]
		if unicode.Is(unicode.Mn, base) {
			base = 0
		}
		t[i] = unicode.ToLower(base)
	}
	t['đ'-foldFirst], t['Đ'-foldFirst] = 'd', 'd'
	return t
}()

// foldRune returns r lower case without its diacritics, or 0 for a
// combining mark.
func foldRune(r rune) rune {
	switch {
	case r < 0x80:
		return unicode.ToLower(r)
	case r >= foldFirst && r <= foldLast:
		return foldTable[r-foldFirst]
	case unicode.Is(unicode.Mn, r):
		return 0
	}
	return unicode.ToLower(r)
}

// words returns the folded syllables of s.
func words(s string) []string { return strings.Fields(fold(s)) }

// containsPhrase reports whether the folded text contains the folded
// phrase on syllable boundaries: "an" is not in "ban".
func containsPhrase(folded, phrase string) bool {
	return phraseIndex(folded, phrase) >= 0
}

// phraseIndex returns the byte offset of the first occurrence of phrase in
// folded on syllable boundaries, or -1.
func phraseIndex(folded, phrase string) int {
	for from := 0; from <= len(folded); {
		i := strings.Index(folded[from:], phrase)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(phrase)
		if (i == 0 || folded[i-1] == ' ') && (end == len(folded) || folded[end] == ' ') {
			return i
		}
		from = i + 1
	}
	return -1
}
