package index

import (
	"bytes"
	"hash/maphash"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/segment"
)

// Names of the tokenizer, token filters and analyzers this package
// registers in Bleve's analysis registry. The index mapping refers to them
// by name, so an index built by this package can be opened by any program
// that imports it.
const (
	TokenizerSyllable = "vi_syllable"
	FilterNormalize   = "vi_normalize"
	FilterFold        = "vi_fold"
	FilterBigram      = "vi_bigram"

	AnalyzerExact      = "vi"             // syllables, NFC, lower case, one tone placement
	AnalyzerFolded     = "vi_fold"        // the same without marks: khởi → khoi, đ → d
	AnalyzerBigram     = "vi_bigram"      // adjacent syllable pairs: "công nghệ"
	AnalyzerFoldBigram = "vi_fold_bigram" // folded pairs: "cong nghe"
)

// The analyzers as values, for analysing queries the way fields are.
var (
	exactAnalyzer      = &viAnalyzer{}
	foldedAnalyzer     = &viAnalyzer{filters: []analysis.TokenFilter{foldFilter{}}}
	bigramAnalyzer     = &viAnalyzer{filters: []analysis.TokenFilter{bigramFilter{}}}
	foldBigramAnalyzer = &viAnalyzer{filters: []analysis.TokenFilter{foldFilter{}, bigramFilter{}}}
)

// viAnalyzer is the syllable tokenizer and the normalize filter, then
// filters. A row's text is analysed by three analyzers in turn, so the
// normalized syllables of recent inputs are cached and each analyzer
// gets a copy to filter.
type viAnalyzer struct {
	filters []analysis.TokenFilter
}

func (a *viAnalyzer) Analyze(input []byte) analysis.TokenStream {
	ts := syllables.get(input)
	for _, f := range a.filters {
		ts = f.Filter(ts)
	}
	return ts
}

// syllableCache holds the normalized tokens of recently analysed inputs,
// in slots chosen by a hash of the input.
type syllableCache struct {
	seed  maphash.Seed
	slots [64]struct {
		sync.Mutex
		input []byte
		toks  []analysis.Token
	}
}

var syllables = &syllableCache{seed: maphash.MakeSeed()}

// maxCachedInput is the longest input the cache keeps (a row's cell,
// not a document's whole text).
const maxCachedInput = 16 << 10

// get returns fresh tokens for input: filters may change them.
func (c *syllableCache) get(input []byte) analysis.TokenStream {
	if len(input) > maxCachedInput {
		return normalizeFilter{}.Filter(syllableTokenizer{}.Tokenize(input))
	}
	slot := &c.slots[maphash.Bytes(c.seed, input)%uint64(len(c.slots))]
	slot.Lock()
	var toks []analysis.Token
	if slot.input != nil && bytes.Equal(slot.input, input) {
		toks = slot.toks
	}
	slot.Unlock()
	if toks == nil {
		// Terms the normalization left alone are slices of input, which
		// belongs to the caller: point them into the cache's own copy.
		own := bytes.Clone(input)
		ts := normalizeFilter{}.Filter(syllableTokenizer{}.Tokenize(input))
		toks = make([]analysis.Token, len(ts))
		for i, t := range ts {
			toks[i] = *t
			if bytes.Equal(t.Term, input[t.Start:t.End]) {
				toks[i].Term = own[t.Start:t.End:t.End]
			}
		}
		slot.Lock()
		slot.input, slot.toks = own, toks
		slot.Unlock()
	}
	// Filters replace a token's Term rather than write into it, so the
	// copies may share the cached terms.
	copies := make([]analysis.Token, len(toks))
	copy(copies, toks)
	rv := make(analysis.TokenStream, len(copies))
	for i := range copies {
		rv[i] = &copies[i]
	}
	return rv
}

func init() {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(registry.RegisterTokenizer(TokenizerSyllable,
		func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return syllableTokenizer{}, nil
		}))
	filters := map[string]analysis.TokenFilter{
		FilterNormalize: normalizeFilter{}, FilterFold: foldFilter{}, FilterBigram: bigramFilter{},
	}
	for name, f := range filters {
		must(registry.RegisterTokenFilter(name,
			func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) { return f, nil }))
	}
	analyzers := map[string]analysis.Analyzer{
		AnalyzerExact: exactAnalyzer, AnalyzerFolded: foldedAnalyzer,
		AnalyzerBigram: bigramAnalyzer, AnalyzerFoldBigram: foldBigramAnalyzer,
	}
	for name, a := range analyzers {
		must(registry.RegisterAnalyzer(name,
			func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) { return a, nil }))
	}
}

// syllableTokenizer splits text into words by Unicode word boundaries
// (UAX #29): in Vietnamese, one token per syllable. Punctuation that ends
// a clause (, ; . : ! ? brackets, quotes) leaves a gap of one position, so
// that syllable pairs and phrases do not run across it; hyphens and
// slashes do not ("kinh tế-xã hội", "53/2025/NQ-HĐND").
type syllableTokenizer struct{}

func (syllableTokenizer) Tokenize(input []byte) analysis.TokenStream {
	seg := segment.NewWordSegmenterDirect(input)
	var rv analysis.TokenStream
	start, pos, gap := 0, 1, false
	for seg.Segment() {
		b := seg.Bytes()
		end := start + len(b)
		if seg.Type() == segment.None {
			gap = gap || breaksClause(b)
		} else {
			if gap && len(rv) > 0 {
				pos++
			}
			gap = false
			typ := analysis.AlphaNumeric
			if seg.Type() == segment.Number {
				typ = analysis.Numeric
			}
			rv = append(rv, &analysis.Token{Term: b, Start: start, End: end, Position: pos, Type: typ})
			pos++
		}
		start = end
	}
	return rv
}

func breaksClause(b []byte) bool {
	return strings.ContainsAny(string(b), ",;.:!?()[]{}\"“”…")
}

// normalizeFilter turns each token into NFC lower case with the classic
// tone placement (see normTerm).
type normalizeFilter struct{}

func (normalizeFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if n := normTerm(string(t.Term)); n != string(t.Term) {
			t.Term = []byte(n)
		}
	}
	return in
}

// foldFilter removes the marks of normalized tokens: "khởi nghiệp" is
// indexed as "khoi nghiep" too, for queries typed without diacritics.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if f := foldTerm(string(t.Term)); f != string(t.Term) {
			t.Term = []byte(f)
		}
	}
	return in
}

// bigramFilter replaces the tokens by the pairs of adjacent ones, joined
// by a space. Most Vietnamese words have two syllables, so matching pairs
// ranks "công nghệ cao" above a row that has "cao" and "công nghệ" apart.
type bigramFilter struct{}

func (bigramFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	var rv analysis.TokenStream
	for i := 0; i+1 < len(in); i++ {
		a, b := in[i], in[i+1]
		if b.Position != a.Position+1 {
			continue
		}
		term := make([]byte, 0, len(a.Term)+1+len(b.Term))
		term = append(append(append(term, a.Term...), ' '), b.Term...)
		rv = append(rv, &analysis.Token{
			Term: term, Start: a.Start, End: b.End, Position: a.Position, Type: analysis.Shingle,
		})
	}
	return rv
}
