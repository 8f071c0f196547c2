package crosscheck

import (
	"strings"

	"vanban/vntext"
)

// fold returns s as the matchers compare it (vntext.FoldTerms): lower
// case, diacritics removed (đ → d), every run of characters other than
// letters, digits and "&" turned into one space. Plans and reports are
// typed by different people with different keyboards and fonts
// ("chuyên giao" for "chuyển giao", "Hằng năm"/"Hàng năm"), so every
// comparison works on folded text; "KH&CN" keeps its ampersand so the
// abbreviations expand it.
func fold(s string) string { return vntext.FoldTerms(s) }

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
