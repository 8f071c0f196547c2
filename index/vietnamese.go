package index

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"vanban/normalize"
)

// foldLetter maps a lower-case letter with any marks to its bare ASCII
// letter (đ → d).
var foldLetter = map[rune]rune{'đ': 'd'}

func init() {
	// Fold every precomposed Latin letter in the blocks Vietnamese uses.
	for r := rune(0xC0); r <= 0x24F; r++ {
		addFold(r)
	}
	for r := rune(0x1E00); r <= 0x1EFF; r++ {
		addFold(r)
	}
}

func addFold(r rune) {
	if !unicode.IsLower(r) {
		return
	}
	d := norm.NFD.String(string(r))
	b, _ := utf8.DecodeRuneInString(d)
	if b < utf8.RuneSelf && b != r && unicode.IsLetter(b) {
		foldLetter[r] = b
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// normTerm returns a term as the index stores it: normalize.Text (NFC,
// the traditional tone-mark placement, so "hoà" and "hòa", "thuỷ" and
// "thủy" find each other), lower case. Syllables repeat, so results are
// cached.
func normTerm(term string) string {
	if isASCII(term) {
		return strings.ToLower(term)
	}
	return normCache.get(term, func(s string) string { return strings.ToLower(normalize.Text(s)) })
}

// foldTerm returns term with every mark removed and đ turned into d: the form
// a user typing without diacritics writes. Its input is lower case.
func foldTerm(term string) string {
	if isASCII(term) {
		return term
	}
	return foldCache.get(term, foldMarks)
}

func foldMarks(term string) string {
	if !norm.NFC.IsNormalString(term) {
		term = norm.NFC.String(term)
	}
	var b strings.Builder
	b.Grow(len(term))
	for _, r := range term {
		if f, ok := foldLetter[r]; ok {
			b.WriteRune(f)
		} else if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasMarks reports whether s carries any diacritic.
func hasMarks(s string) bool {
	s = strings.ToLower(s)
	return foldTerm(s) != s
}

// termCache remembers the normal form of terms: a language has a few
// thousand syllables, and analysis sees each of them again and again.
type termCache struct {
	m sync.Map
	n atomic.Int64
}

// maxCached bounds each cache; past it terms are computed each time.
// Only terms of up to maxCachedLen bytes are kept: syllables are short,
// and a pasted run of letters must not fill the memory.
const (
	maxCached    = 200_000
	maxCachedLen = 32
)

var normCache, foldCache termCache

func (c *termCache) get(s string, f func(string) string) string {
	if v, ok := c.m.Load(s); ok {
		return v.(string)
	}
	v := f(s)
	if len(s) <= maxCachedLen && c.n.Load() < maxCached {
		c.n.Add(1)
		c.m.Store(strings.Clone(s), v)
	}
	return v
}
