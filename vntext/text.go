// Package vntext is vanban's one home for Vietnamese text as characters:
// the Unicode form every reader's output takes, folding for matching, and
// the legacy font encodings old documents are typed in. Every other
// package (extract, normalize, index, crosscheck, store) uses it rather
// than folding on its own. Every function is pure: no I/O.
//
// Text conventions (applied by Text, so every reader's output agrees):
//   - Unicode NFC;
//   - the traditional tone-mark placement ("hóa", "hòa", "khỏe", "thủy",
//     "Ủy ban"), which is what Vietnamese government documents and the
//     gold readings use: in an open syllable whose vowel cluster is "oa",
//     "oe" or "uy" the mark sits on the first vowel; with a final consonant
//     it sits on the second ("hoàn", "thuyết"), as in both conventions;
//   - every kind of white space folded to one ASCII space, text trimmed;
//   - zero-width characters and soft hyphens removed, and the exotic
//     hyphens (U+2010, U+2011, U+2212 …) folded to "-". En and em dashes
//     are kept: they are what the author typed and gold keys keep them.
//
// Fold and FoldWords give the forms matching compares; Legacy converts
// text typed in the TCVN3 (ABC) and VNI font encodings.
package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text returns s as every reader's output must be: Unicode NFC, one
// tone-mark placement, white space folded to single spaces, zero-width
// characters dropped, exotic hyphens folded, trimmed.
func Text(s string) string {
	// Drop what is not text first: a mark must meet its letter before NFC.
	s = strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError, isZeroWidth(r):
			return -1
		case unicode.IsControl(r) && !unicode.IsSpace(r):
			return -1
		}
		return foldDash(r)
	}, strings.ToValidUTF8(s, ""))
	s = norm.NFC.String(s)
	buf := make([]byte, 0, len(s))
	space := false // a space is pending
	word := -1     // start in buf of the current word, -1 outside one
	endWord := func() {
		if word < 0 {
			return
		}
		if !isASCII(buf[word:]) { // an ASCII word has no tone mark to place
			if fixed, ok := placeTone(string(buf[word:])); ok {
				buf = append(buf[:word], fixed...)
			}
		}
		word = -1
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			endWord()
			space = len(buf) > 0
			continue
		}
		letter := unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
		if !letter {
			endWord()
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		if letter && word < 0 {
			word = len(buf)
		}
		buf = utf8.AppendRune(buf, r)
	}
	endWord()
	return string(buf)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E':
		return true
	}
	return false
}

// foldDash folds the hyphen look-alikes that word processors and PDF
// fonts produce to "-", and the rarer dashes to the en/em dash they stand
// for. U+2013 and U+2014 themselves are kept.
func foldDash(r rune) rune {
	switch r {
	case '\u2010', '\u2011', '\u2043', '\u2212', '\uFE63', '\uFF0D':
		return '-'
	case '\u2012', '\uFE58':
		return '–'
	case '\u2015':
		return '—'
	}
	return r
}

// Tone marks (combining) and the vowel-shape marks Vietnamese uses.
const (
	toneGrave = '\u0300'
	toneAcute = '\u0301'
	toneTilde = '\u0303'
	toneHook  = '\u0309'
	toneDot   = '\u0323'
)

func isTone(r rune) bool {
	switch r {
	case toneGrave, toneAcute, toneTilde, toneHook, toneDot:
		return true
	}
	return false
}

func isShapeMark(r rune) bool { return r == '\u0302' || r == '\u0306' || r == '\u031B' }

// vLetter is one base letter of a decomposed syllable with its marks.
type vLetter struct {
	base  rune   // as written (case kept)
	shape []rune // circumflex, breve, horn
}

// vChar is a precomposed letter split into its base, shape mark and tone.
type vChar struct{ base, shape, tone rune }

// vDecomp and vCompose map the precomposed Latin letters that are plain
// letters plus Vietnamese marks to their parts and back; they let
// placeTone work without normalizing strings.
var vDecomp, vCompose = func() (map[rune]vChar, map[vChar]rune) {
	dec, com := map[rune]vChar{}, map[vChar]rune{}
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			d := []rune(norm.NFD.String(string(r)))
			if len(d) < 2 || d[0] >= 0x80 || !unicode.IsLetter(d[0]) {
				continue
			}
			c := vChar{base: d[0]}
			ok := true
			for _, m := range d[1:] {
				switch {
				case isTone(m) && c.tone == 0:
					c.tone = m
				case isShapeMark(m) && c.shape == 0:
					c.shape = m
				default:
					ok = false
				}
			}
			if ok {
				dec[r], com[c] = c, r
			}
		}
	}
	add(0x00C0, 0x01B0)
	add(0x1EA0, 0x1EF9)
	return dec, com
}()

// placeTone moves the tone mark of a Vietnamese syllable w (NFC) to the
// vowel the traditional convention puts it on. It reports false when w
// needs no change or is not a Vietnamese syllable (foreign words, names,
// words with several tone marks are left alone).
func placeTone(w string) (string, bool) {
	letters := make([]vLetter, 0, 8)
	tone, at := rune(0), -1
	for _, r := range w {
		switch c, ok := vDecomp[r]; {
		case ok:
			if c.tone != 0 {
				if tone != 0 {
					return "", false
				}
				tone, at = c.tone, len(letters)
			}
			l := vLetter{base: c.base}
			if c.shape != 0 {
				l.shape = []rune{c.shape}
			}
			letters = append(letters, l)
		case r < 0x80 || r == 'đ' || r == 'Đ':
			letters = append(letters, vLetter{base: r})
		default:
			return placeToneSlow(w) // combining marks left by NFC, or foreign letters
		}
	}
	if tone == 0 {
		return "", false
	}
	pos, ok := tonePosition(letters)
	if !ok || pos == at {
		return "", false
	}
	var b strings.Builder
	for i, l := range letters {
		c := vChar{base: l.base}
		if len(l.shape) > 0 {
			c.shape = l.shape[0]
		}
		if i == pos {
			c.tone = tone
		}
		if r, ok := vCompose[c]; ok {
			b.WriteRune(r)
		} else {
			b.WriteRune(l.base)
		}
	}
	return b.String(), true
}

// placeToneSlow is placeTone for a word that holds combining marks NFC
// could not compose (a tone typed before the vowel's shape mark).
func placeToneSlow(w string) (string, bool) {
	letters, tone, ok := decompose(w)
	if !ok || tone == 0 {
		return "", false
	}
	pos, ok := tonePosition(letters)
	if !ok {
		return "", false
	}
	var b strings.Builder
	for i, l := range letters {
		b.WriteRune(l.base)
		for _, m := range l.shape {
			b.WriteRune(m)
		}
		if i == pos {
			b.WriteRune(tone)
		}
	}
	out := norm.NFC.String(b.String())
	if out == w {
		return "", false
	}
	return out, true
}

// decompose splits w into base letters with their shape marks and the
// single tone mark; ok is false when w has more than one tone mark or a
// mark that is not Vietnamese.
func decompose(w string) (letters []vLetter, tone rune, ok bool) {
	for _, r := range norm.NFD.String(w) {
		switch {
		case r == '\u0340':
			r = toneGrave
		case r == '\u0341':
			r = toneAcute
		}
		switch {
		case isTone(r):
			if tone != 0 || len(letters) == 0 {
				return nil, 0, false
			}
			tone = r
		case isShapeMark(r):
			if len(letters) == 0 {
				return nil, 0, false
			}
			l := &letters[len(letters)-1]
			l.shape = append(l.shape, r)
		case unicode.Is(unicode.Mn, r):
			return nil, 0, false
		default:
			letters = append(letters, vLetter{base: r})
		}
	}
	return letters, tone, true
}

func isVowel(r rune) bool {
	switch unicode.ToLower(r) {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// finals are the consonant endings a Vietnamese syllable may have.
var finals = map[string]bool{"": true, "c": true, "ch": true, "m": true, "n": true, "ng": true, "nh": true, "p": true, "t": true}

// tonePosition returns the index of the letter that carries the tone in
// the traditional convention, or false when letters do not spell one
// Vietnamese syllable.
func tonePosition(letters []vLetter) (int, bool) {
	lower := make([]rune, len(letters))
	for i, l := range letters {
		lower[i] = unicode.ToLower(l.base)
		if lower[i] == 'đ' {
			lower[i] = 'd'
		}
		if lower[i] > unicode.MaxASCII {
			return 0, false
		}
	}
	start := 0
	for start < len(lower) && !isVowel(lower[start]) {
		start++
	}
	if start == len(lower) {
		return 0, false
	}
	// "qu" and "gi" (before another vowel) are consonants.
	if start > 0 && lower[start-1] == 'q' && lower[start] == 'u' && start+1 < len(lower) && isVowel(lower[start+1]) {
		start++
	}
	if start == 1 && lower[0] == 'g' && lower[1] == 'i' && len(lower) > 2 && isVowel(lower[2]) {
		start++
	}
	end := start
	for end < len(lower) && isVowel(lower[end]) {
		end++
	}
	if !finals[string(lower[end:])] || end-start > 3 {
		return 0, false
	}
	cluster := letters[start:end]
	marked := -1
	for i, l := range cluster {
		if len(l.shape) > 0 {
			marked = i // the last shaped vowel: "ươ" takes it on "ơ"
		}
	}
	switch {
	case marked >= 0:
		return start + marked, true
	case len(cluster) == 3:
		return start + 1, true
	case len(cluster) == 2 && end < len(lower):
		return start + 1, true
	default:
		return start, true
	}
}
