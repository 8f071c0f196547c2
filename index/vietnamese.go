package index

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"vanban/vntext"

	"golang.org/x/text/unicode/norm"
)

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// normTerm returns a term as the index stores it: vntext.Text (NFC,
// the traditional tone-mark placement, so "hoà" and "hòa", "thuỷ" and
// "thủy" find each other), lower case. Syllables repeat, so results are
// cached.
func normTerm(term string) string {
	if isASCII(term) {
		return strings.ToLower(term)
	}
	return normCache.get(term, func(s string) string { return strings.ToLower(vntext.Text(s)) })
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
	return vntext.Fold(term)
}

// hasMarks reports whether s carries any diacritic.
func hasMarks(s string) bool { return vntext.HasMarks(s) }

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
