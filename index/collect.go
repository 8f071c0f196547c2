package index

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Searches run through Bleve's searcher and collector directly rather
// than through bleve.Index.SearchInContext, for two reasons:
//
//   - facets: Bleve's terms facet builder copies every value of every hit
//     into a new string before counting it, which on a broad query (87,000
//     rows) cost as much as the search; facetCounter does not copy.
//   - cores: a search that will walk many postings is split into ranges of
//     document numbers searched side by side, one per core, then merged.
//     Scores do not depend on the split (the BM25 statistics are the whole
//     index's), and ties keep index order, so the hits are the same.
//
// The rest is what SearchInContext does for our requests: BM25 scoring,
// the top hits and their stored fields.

// found is what a search collected: the page of hits, the number of hits
// and, when asked for, the count of each value of fFacet.
type found struct {
	total  uint64
	hits   []*search.DocumentMatch
	facets map[string]int
}

// splitPostings is the number of postings a search must walk (as its
// searcher estimates them) before it is split across cores: below it,
// the second searcher costs more than it saves. maxParts bounds the
// ranges a search is split into. Tests change both.
var (
	splitPostings uint64 = 40_000
	maxParts             = 4
)

func (ix *Index) collect(ctx context.Context, req *bleve.SearchRequest, facets bool) (*found, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, err
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open index reader: %w", err)
	}
	defer reader.Close()
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return bleveindex.BM25Scoring }))
	searchers, err := ix.searchers(ctx, reader, req)
	defer func() {
		for _, s := range searchers {
			s.Close()
		}
	}()
	if err != nil {
		return nil, err
	}
	results := make([]*found, len(searchers))
	errs := make([]error, len(searchers))
	var wg sync.WaitGroup
	for i, s := range searchers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = collectPart(ctx, reader, s, req, len(searchers) > 1, facets)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	rv := merge(results, req)
	for _, h := range rv.hits {
		if err, _ := bleve.LoadAndHighlightFields(h, req, "", reader, nil); err != nil {
			return nil, err
		}
	}
	return rv, nil
}

// searchers returns the searcher of req, or when it will walk many
// postings, one per core, each over its range of document numbers.
func (ix *Index) searchers(ctx context.Context, reader bleveindex.IndexReader, req *bleve.SearchRequest) ([]search.Searcher, error) {
	newSearcher := func() (search.Searcher, error) {
		return req.Query.Searcher(ctx, reader, ix.bi.Mapping(), search.SearcherOptions{Score: req.Score})
	}
	first, err := newSearcher()
	if err != nil {
		return nil, err
	}
	rv := []search.Searcher{first}
	parts := min(runtime.GOMAXPROCS(0), maxParts)
	space := docSpace(reader)
	if first.Count() < splitPostings || space < uint64(parts) {
		return rv, nil
	}
	for len(rv) < parts {
		s, err := newSearcher()
		if err != nil {
			return rv, err
		}
		rv = append(rv, s)
	}
	for i := range rv {
		rv[i] = &docRange{Searcher: rv[i], lo: space * uint64(i) / uint64(parts), hi: space * uint64(i+1) / uint64(parts)}
	}
	return rv, nil
}

// collectPart runs one searcher. A part of a split search keeps its first
// From+Size hits, which merge then pages.
func collectPart(ctx context.Context, reader bleveindex.IndexReader, s search.Searcher,
	req *bleve.SearchRequest, split, facets bool) (*found, error) {
	size, from := req.Size, req.From
	if split {
		size, from = req.Size+req.From, 0
	}
	// A field sort keeps the values of the hit at hand: each part needs
	// its own.
	coll := collector.NewTopNCollector(size, from, req.Sort.Copy())
	var fc *facetCounter
	if facets {
		fc = &facetCounter{field: fFacet, counts: map[string]*int{}}
		fb := search.NewFacetsBuilder(reader)
		fb.Add(fFacet, fc)
		coll.SetFacetsBuilder(fb)
	}
	if err := coll.Collect(ctx, s, reader); err != nil {
		return nil, err
	}
	rv := &found{total: coll.Total(), hits: coll.Results()}
	if fc != nil {
		rv.facets = fc.total()
	}
	return rv, nil
}

// merge joins the parts of a search in the order of the request, ties in
// index order as one collector would, and takes the requested page.
func merge(parts []*found, req *bleve.SearchRequest) *found {
	if len(parts) == 1 {
		return parts[0]
	}
	rv := &found{}
	for _, p := range parts {
		rv.total += p.total
		rv.hits = append(rv.hits, p.hits...)
		if p.facets != nil {
			if rv.facets == nil {
				rv.facets = map[string]int{}
			}
			for t, n := range p.facets {
				rv.facets[t] += n
			}
		}
	}
	isScore, desc := req.Sort.CacheIsScore(), req.Sort.CacheDescending()
	sort.Slice(rv.hits, func(i, j int) bool {
		a, b := rv.hits[i], rv.hits[j]
		if c := compareNoHit(req.Sort, isScore, desc, a, b); c != 0 {
			return c < 0
		}
		return a.IndexInternalID.Compare(b.IndexInternalID) < 0
	})
	from := min(req.From, len(rv.hits))
	rv.hits = rv.hits[from:min(len(rv.hits), from+req.Size)]
	return rv
}

// compareNoHit is SortOrder.Compare without its last resort, the hit
// number, which counts the hits of each part from 1.
func compareNoHit(so search.SortOrder, isScore, desc []bool, a, b *search.DocumentMatch) int {
	ha, hb := a.HitNumber, b.HitNumber
	a.HitNumber, b.HitNumber = 0, 0
	c := so.Compare(isScore, desc, a, b)
	a.HitNumber, b.HitNumber = ha, hb
	return c
}

// docSpace is the number of document numbers of the index's segments,
// deleted ones included.
func docSpace(r bleveindex.IndexReader) uint64 {
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0
	}
	var n uint64
	for _, s := range is.Segments() {
		n += s.Segment().Count()
	}
	return n
}

// docRange is a searcher restricted to the document numbers [lo, hi): it
// starts by skipping to lo, and stops at the first hit at or beyond hi.
type docRange struct {
	search.Searcher
	lo, hi  uint64
	started bool
	done    bool
}

func (r *docRange) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if r.done {
		return nil, nil
	}
	if !r.started {
		r.started = true
		if r.lo > 0 {
			return r.within(ctx)(r.Searcher.Advance(ctx, bleveindex.NewIndexInternalID(nil, r.lo)))
		}
	}
	return r.within(ctx)(r.Searcher.Next(ctx))
}

func (r *docRange) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if r.done {
		return nil, nil
	}
	r.started = true
	if id.Value() < r.lo {
		id = bleveindex.NewIndexInternalID(nil, r.lo)
	}
	return r.within(ctx)(r.Searcher.Advance(ctx, id))
}

// within passes on a hit below hi, and ends the range at the first one
// beyond it.
func (r *docRange) within(ctx *search.SearchContext) func(*search.DocumentMatch, error) (*search.DocumentMatch, error) {
	return func(d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
		if err != nil || d == nil {
			return d, err
		}
		if d.IndexInternalID.Value() >= r.hi {
			ctx.DocumentMatchPool.Put(d)
			r.done = true
			return nil, nil
		}
		return d, nil
	}
}

// facetCounter is a search.FacetBuilder that counts the values of one
// field over all hits. Looking the map up with string(term) directly lets
// the compiler do it without copying the value (an increment in place,
// m[string(term)]++, would copy it): a value is copied only the first
// time it is seen.
type facetCounter struct {
	field  string
	counts map[string]*int
}

func (f *facetCounter) StartDoc() {}
func (f *facetCounter) EndDoc()   {}
func (f *facetCounter) UpdateVisitor(term []byte) {
	if n := f.counts[string(term)]; n != nil {
		*n++
		return
	}
	one := 1
	f.counts[string(term)] = &one
}

// total returns the counts.
func (f *facetCounter) total() map[string]int {
	rv := make(map[string]int, len(f.counts))
	for t, n := range f.counts {
		rv[t] = *n
	}
	return rv
}
func (f *facetCounter) Field() string { return f.field }
func (f *facetCounter) Size() int     { return len(f.counts) * 64 }

// Result is not used: collect reads the counts.
func (f *facetCounter) Result() *search.FacetResult { return nil }
