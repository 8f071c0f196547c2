package vntext

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
	for _, r := range s {
		f := slowFold
		if r >= foldFirst && r <= foldLast {
			f = foldTable[r-foldFirst]
		}
		switch f {
		case 0:
		case slowFold:
			writeFolded(&b, r)
		default:
			b.WriteRune(f)
		}
	}
	return b.String()
}

// writeFolded writes r folded the slow way: its decomposition without its
// marks, lower case (one rune may decompose into several that stay).
func writeFolded(b *strings.Builder, r rune) {
	switch {
	case r < utf8.RuneSelf:
		b.WriteRune(unicode.ToLower(r))
	case r == 'đ' || r == 'Đ':
		b.WriteByte('d')
	default:
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(unicode.ToLower(d))
			}
		}
	}
}

// FoldWords returns Fold(s) with every run of characters other than
// letters and digits as one space, and none at either end: the key
// under which "UỶ BAN  nhân-dân" and "Ủy ban nhân dân" are the same
// name. Stored keys are made with it, so its output must not change.
func FoldWords(s string) string { return foldWords(s, false) }

// FoldTerms is FoldWords keeping "&" inside words, so that the
// abbreviations of government writing ("KH&CN", "R&D") stay one term.
func FoldTerms(s string) string { return foldWords(s, true) }

func foldWords(s string, amp bool) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range Fold(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || amp && r == '&':
		default:
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

// foldFirst and foldLast bound foldTable: the Latin letters with
// diacritics, from À to ỹ, folded once instead of decomposing every
// string. Each entry is its rune's base letter in lower case, 0 for a
// combining mark.
const foldFirst, foldLast = 0x00C0, 0x1EFF

var foldTable = func() []rune {
	t := make([]rune, foldLast-foldFirst+1)
	for i := range t {
		var b strings.Builder
		writeFolded(&b, rune(foldFirst+i))
		switch f := []rune(b.String()); len(f) {
		case 0:
		case 1:
			t[i] = f[0]
		default:
			t[i] = slowFold
		}
	}
	return t
}()

// slowFold marks a rune that folds to more than one rune.
const slowFold rune = -1

// FoldRune returns r lower case without its diacritics (đ as d), or 0 for
// a combining mark. A rune that decomposes into several letters (some
// Indic vowels) folds to the first; Fold keeps them all.
func FoldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r >= foldFirst && r <= foldLast && foldTable[r-foldFirst] != slowFold:
		return foldTable[r-foldFirst]
	}
	return foldSlow(r)
}

// foldSlow folds one rune by decomposing it: the first rune of its NFD
// form that is not a mark, lower case.
func foldSlow(r rune) rune {
	if r == 'đ' || r == 'Đ' {
		return 'd'
	}
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			return unicode.ToLower(d)
		}
	}
	return 0
}

// HasMarks reports whether s carries any diacritic (or đ).
func HasMarks(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && FoldRune(r) != unicode.ToLower(r) {
			return true
		}
	}
	return false
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
