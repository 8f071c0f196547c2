package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// unscored is a query that selects without ranking: a filter, or an
// exclusion. Its searcher is built without scores, which lets Bleve merge
// the postings of its terms, ranges and conjunctions into one bitmap
// ("unadorned" disjunctions and conjunctions) instead of walking and
// scoring each of them per hit; and it weighs nothing in the query norm.
// A broad filter (han<2027-01-01, nam:2026) joined to broad words was the
// costliest part of such a search.
type unscored struct {
	q query.Query
}

func (u unscored) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	options.Score = "none"
	options.Explain = false
	options.IncludeTermVectors = false
	s, err := u.q.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return weightless{s}, nil
}

// weightless is a searcher whose hits score 0 and which takes no part in
// the query norm of the searchers it joins.
type weightless struct {
	search.Searcher
}

func (weightless) Weight() float64        { return 0 }
func (weightless) SetQueryNorm(_ float64) {}

// constScore is a query whose every hit scores its boost: a unit's role
// in a row or a row's deadline in a period is a fact, not a frequency, so
// it ranks by a fixed weight rather than by BM25 (whose idf would put a
// rare coordinating unit above a common lead).
type constScore struct {
	q     query.Query
	score float64
}

func (c constScore) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	s, err := unscored{c.q}.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return &constSearcher{Searcher: s, score: c.score}, nil
}

type constSearcher struct {
	search.Searcher
	score float64
}

func (s *constSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	if dm != nil {
		dm.Score = s.score
	}
	return dm, err
}

func (s *constSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if dm != nil {
		dm.Score = s.score
	}
	return dm, err
}
