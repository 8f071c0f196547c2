package index

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// scaled multiplies the score of q's hits that also match by (a kind of
// entry) by factor. A whole document's text and a report's results share
// most words of a question about tasks; scaling them down keeps the rows
// a secretariat asks for on top without dropping the others. The by
// searcher only advances to q's hits, so it costs a few postings reads.
type scaled struct {
	q      query.Query
	by     query.Query
	factor float64
}

func (s scaled) Searcher(ctx context.Context, i bleveindex.IndexReader, m mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	inner, err := s.q.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	by, err := unscored{s.by}.Searcher(ctx, i, m, options)
	if err != nil {
		inner.Close()
		return nil, err
	}
	return &scaledSearcher{Searcher: inner, by: by, factor: s.factor}, nil
}

type scaledSearcher struct {
	search.Searcher
	by     search.Searcher
	cur    *search.DocumentMatch // by's last match, nil before the first
	done   bool                  // by has no more matches
	factor float64
}

func (s *scaledSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	return s.scale(ctx, dm, err)
}

func (s *scaledSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	return s.scale(ctx, dm, err)
}

// scale advances by to dm and scales dm when by matches it too.
func (s *scaledSearcher) scale(ctx *search.SearchContext, dm *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if dm == nil || err != nil || s.done {
		return dm, err
	}
	if s.cur == nil || s.cur.IndexInternalID.Compare(dm.IndexInternalID) < 0 {
		if s.cur != nil {
			ctx.DocumentMatchPool.Put(s.cur)
		}
		next, err := s.by.Advance(ctx, dm.IndexInternalID)
		if err != nil {
			return nil, err
		}
		s.cur = next
		if next == nil {
			s.done = true
			return dm, nil
		}
	}
	if s.cur.IndexInternalID.Equals(dm.IndexInternalID) {
		dm.Score *= s.factor
	}
	return dm, nil
}

func (s *scaledSearcher) DocumentMatchPoolSize() int {
	return s.Searcher.DocumentMatchPoolSize() + s.by.DocumentMatchPoolSize() + 1
}

func (s *scaledSearcher) Size() int { return s.Searcher.Size() + s.by.Size() }

func (s *scaledSearcher) Close() error {
	err := s.by.Close()
	if err2 := s.Searcher.Close(); err == nil {
		err = err2
	}
	return err
}

// Priors of the kinds of entries that are not plan rows, for a query
// that does not ask for them: a document's text or a report's results
// match most words of a question about tasks.
var kindPriors = struct{ doc, report float64 }{doc: 0.5, report: 0.5}

// reportCues are the words (folded, side by side) of a question about
// what was reported rather than what was assigned.
var reportCues = []string{"bao cao", "ket qua", "tien do", "ty le", "vuong mac", "kho khan", "kien nghi", "so lieu", "da thuc hien", "da hoan thanh"}

func hasReportCue(q Query) bool {
	var ws []string
	for _, cl := range q.Clauses {
		if cl.Field == "" && !cl.Not {
			ws = append(ws, cl.Value)
		}
	}
	f := " " + strings.Join(strings.Fields(foldTerm(strings.ToLower(strings.Join(ws, " ")))), " ") + " "
	for _, c := range reportCues {
		if strings.Contains(f, " "+c+" ") {
			return true
		}
	}
	return false
}

// withPriors scales the documents' and reports' scores unless the query
// asks for them: a document number asks for documents, a question about
// results for the reports, items and whole.
func withPriors(q query.Query, p *plan) query.Query {
	if !p.numbered && !p.reports {
		q = scaled{q, term(fKind, kindDoc, 1), kindPriors.doc}
	}
	if !p.reports {
		q = scaled{q, term(fKind, kindReport, 1), kindPriors.report}
	}
	return q
}
