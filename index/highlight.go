package index

import (
	"strings"

	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Span is a highlighted part of a field's text: byte offsets into the
// text as stored, with its diacritics, Start inclusive, End exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Snippet is the part of a field shown for a hit, with its highlights.
type Snippet struct {
	Field string `json:"field"`
	Text  string `json:"text"`
	Spans []Span `json:"spans"`
}

// matcher finds the query's syllables in stored text: by re-analysing
// the text, a syllable matches when its normal or folded form is one the
// query looked for, so the offsets are those of the original text.
type matcher struct {
	exact, folded map[string]bool
	fuzzy         bool
	// strict is set for a query typed with marks: a field shows its exact
	// matches, and its folded ones only when it has no exact match.
	strict bool
}

func newMatcher(fuzzy bool) *matcher {
	return &matcher{exact: map[string]bool{}, folded: map[string]bool{}, fuzzy: fuzzy}
}

// add looks for t as typed and, when typed without marks (or in the
// approximate fallback), in every form: a word typed with diacritics
// highlights only that word ("số" not "sở").
func (m *matcher) add(t token) {
	m.exact[t.exact] = true
	if !t.marked() || m.fuzzy {
		m.folded[t.folded] = true
	}
}

func (m *matcher) matches(exact string, strict bool) bool {
	if m.exact[exact] {
		return true
	}
	if strict {
		return false
	}
	f := foldTerm(exact)
	if m.folded[f] {
		return true
	}
	if m.fuzzy && len(f) >= weights.fuzzyMinLetters {
		for q := range m.folded {
			if withinOneEdit(q, f) {
				return true
			}
		}
	}
	return false
}

// spans returns the highlighted parts of text; syllables next to each
// other with only spaces between them form one span.
func (m *matcher) spans(text string) []Span {
	if len(m.exact) == 0 || text == "" {
		return nil
	}
	// Not through the analysis cache: stored texts do not repeat.
	toks := normalizeFilter{}.Filter(syllableTokenizer{}.Tokenize([]byte(text)))
	if m.strict {
		if rv := m.spansOf(text, toks, true); len(rv) > 0 {
			return rv
		}
	}
	return m.spansOf(text, toks, false)
}

func (m *matcher) spansOf(text string, toks analysis.TokenStream, strict bool) []Span {
	var rv []Span
	for _, t := range toks {
		if !m.matches(string(t.Term), strict) {
			continue
		}
		if n := len(rv); n > 0 && strings.TrimSpace(text[rv[n-1].End:t.Start]) == "" {
			rv[n-1].End = t.End
			continue
		}
		rv = append(rv, Span{t.Start, t.End})
	}
	return rv
}

// withinOneEdit reports whether a and b differ by at most one inserted,
// deleted or replaced letter.
func withinOneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return string(ra[i+min(1, len(ra)-i):]) == string(rb[i+min(1, len(rb)-i):])
	}
	return string(ra[i:]) == string(rb[i+1:])
}

// snippetRunes is about how much of a long field a snippet shows.
const snippetRunes = 220

// cut returns the part of text around its longest highlight (the
// best-matched phrase), at most about snippetRunes long, cut at spaces,
// white space folded, with "…" where text was left out, and the spans
// moved to it.
func cut(text string, spans []Span) (string, []Span) {
	from, to := 0, len(text)
	if utf8.RuneCountInString(text) > snippetRunes {
		if len(spans) > 0 {
			best := spans[0]
			for _, sp := range spans[1:] {
				if sp.End-sp.Start > best.End-best.Start {
					best = sp
				}
			}
			from = backRunes(text, best.Start, snippetRunes/4)
		}
		to = forwardRunes(text, from, snippetRunes)
	}
	piece := text[from:to]
	out := strings.TrimRight(squash(piece), " ")
	var rv []Span
	prefix := ""
	if from > 0 {
		prefix = "…"
	}
	for _, sp := range spans {
		if sp.Start < from || sp.End > to {
			continue
		}
		a, b := len(squash(piece[:sp.Start-from])), len(squash(piece[:sp.End-from]))
		if b > len(out) {
			b = len(out)
		}
		if a < b {
			rv = append(rv, Span{a + len(prefix), b + len(prefix)})
		}
	}
	if to < len(text) {
		out += "…"
	}
	return prefix + out, rv
}

// squash folds runs of white space into one space and drops leading
// space; the result for a prefix of s is a prefix of the result for s.
func squash(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// backRunes moves back about n runes from i to the start of a word.
func backRunes(text string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
	}
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// forwardRunes moves on about n runes from i and back to a space.
func forwardRunes(text string, i, n int) int {
	j := i
	for ; n > 0 && j < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[j:])
		j += size
	}
	if j >= len(text) {
		return len(text)
	}
	if k := strings.LastIndexFunc(text[i:j], unicode.IsSpace); k > 0 {
		return i + k
	}
	return j
}

// Mark returns text with open and close around each span, for display.
func Mark(text string, spans []Span, open, close string) string {
	var b strings.Builder
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End > len(text) || s.Start > s.End {
			continue
		}
		b.WriteString(text[at:s.Start])
		b.WriteString(open)
		b.WriteString(text[s.Start:s.End])
		b.WriteString(close)
		at = s.End
	}
	b.WriteString(text[at:])
	return b.String()
}
