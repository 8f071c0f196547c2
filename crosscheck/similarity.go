package crosscheck

import (
	"math"
)

// vector is a sparse TF-IDF vector over folded syllables and syllable
// bigrams. Vietnamese words are mostly two syllables ("khoa học", "chuyển
// giao"), so bigrams carry the words and unigrams catch reordered ones.
type vector map[string]float64

// terms returns the syllables and syllable bigrams of text.
func terms(text string) []string {
	ws := words(text)
	out := make([]string, 0, 2*len(ws))
	for i, w := range ws {
		out = append(out, w)
		if i > 0 {
			out = append(out, ws[i-1]+" "+w)
		}
	}
	return out
}

// corpus holds the inverse document frequencies of a plan's task texts.
type corpus struct {
	idf    map[string]float64
	unseen float64 // idf of a term no task has
}

func newCorpus(docs [][]string) *corpus {
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, t := range d {
			if !seen[t] {
				seen[t] = true
				df[t]++
			}
		}
	}
	n := float64(len(docs))
	c := &corpus{idf: make(map[string]float64, len(df)), unseen: math.Log(n+1) + 1}
	for t, k := range df {
		c.idf[t] = math.Log((n+1)/float64(k+1)) + 1
	}
	return c
}

// weighted is one part of a text to vectorize and its weight.
type weighted struct {
	text   string
	weight float64
}

// vector returns the unit-length TF-IDF vector of the weighted parts.
func (c *corpus) vector(parts ...weighted) vector {
	v := vector{}
	for _, p := range parts {
		if p.weight == 0 {
			continue
		}
		for _, t := range terms(p.text) {
			idf, ok := c.idf[t]
			if !ok {
				idf = c.unseen
			}
			v[t] += p.weight * idf
		}
	}
	var norm float64
	for _, x := range v {
		norm += x * x
	}
	if norm == 0 {
		return v
	}
	norm = math.Sqrt(norm)
	for t := range v {
		v[t] /= norm
	}
	return v
}

// cosine returns the cosine of two unit vectors.
func cosine(a, b vector) float64 {
	if len(b) < len(a) {
		a, b = b, a
	}
	var dot float64
	for t, x := range a {
		dot += x * b[t]
	}
	return dot
}
