package index

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"vanban"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// ErrEmptyQuery is returned for a query with nothing to look for.
var ErrEmptyQuery = vanban.Errorf(vanban.EInvalid, "truy vấn trống: nhập từ khóa hoặc bộ lọc")

// Options tune a search.
type Options struct {
	Limit  int // hits to return; 0 means 20
	Offset int // hits to skip, for paging
	// Any lets a row match any of the words, ranked by how many and how
	// well: for long questions. By default a row needs every word (three
	// in four beyond four words).
	Any bool
	// Kind keeps only task rows ("task") or documents ("doc").
	Kind string
	// FacetSize is the number of terms per facet; 0 means 10, -1 none.
	FacetSize int
	// Sort is SortRelevance (the default) or SortDeadline: earliest
	// deadline first, rows without one last, then by relevance.
	Sort string
}

// Orders of hits.
const (
	SortRelevance = ""
	SortDeadline  = "han"
)

// Result is one page of hits with the facets of the whole result set.
type Result struct {
	Query  string  `json:"query"`
	Total  uint64  `json:"total"`
	Hits   []Hit   `json:"hits"`
	Facets []Facet `json:"facets,omitempty"`
	// Fuzzy is set when nothing matched exactly and the hits are
	// approximate matches.
	Fuzzy bool          `json:"fuzzy,omitempty"`
	Took  time.Duration `json:"took_ns"`
}

// FuzzyNotice is what a user is told when the hits are approximate.
const FuzzyNotice = "không có kết quả chính xác; kết quả gần đúng:"

// Hit is one task row or document found.
type Hit struct {
	ID    string `json:"id"` // "58/KH-UBND#3.12", "58/KH-UBND"
	Kind  string `json:"kind"`
	DocID int64  `json:"doc_id"`
	Ref   string `json:"ref"` // the reference, or the document id of a draft
	// Numbered tells a document with a reference from a draft.
	Numbered bool   `json:"numbered"`
	STT      string `json:"stt,omitempty"`
	// Row is a task's position in its document's rows, or a report
	// item's in its items, from 0: unique where STTs repeat.
	Row    int     `json:"row"`
	Score  float64 `json:"score"`
	Fields Fields  `json:"fields"`
	// Highlights are the matches in each shown field, on its text.
	Highlights map[string][]Span `json:"highlights,omitempty"`
	Snippet    Snippet           `json:"snippet"`
}

// Fields are the stored fields of a hit.
type Fields struct {
	DocType      string   `json:"doc_type,omitempty"`
	Year         string   `json:"year,omitempty"`
	Issuer       string   `json:"issuer,omitempty"`
	Date         string   `json:"date,omitempty"`
	Title        string   `json:"title,omitempty"`
	Section      string   `json:"section,omitempty"`
	Task         string   `json:"task,omitempty"`
	Output       string   `json:"expected_output,omitempty"`
	Lead         string   `json:"lead,omitempty"`
	Coordinators string   `json:"coordinators,omitempty"`
	Timeframe    string   `json:"timeframe,omitempty"`
	Note         string   `json:"note,omitempty"`
	Due          []string `json:"due,omitempty"`
	DueLabel     string   `json:"due_label,omitempty"`
	Recurrence   []string `json:"recurrence,omitempty"`
	Status       string   `json:"status,omitempty"`
	// PlanSTT is, for a report item, the plan row number it reports on,
	// and PlanRef the plan its report cites.
	PlanSTT string `json:"plan_stt,omitempty"`
	PlanRef string `json:"plan_ref,omitempty"`
	Body    string `json:"-"`
}

// Facet counts the hits by one field; Name is the filter that selects a
// term (chu-tri, van-ban, loai, nam, lap), so a term becomes Name:"Term".
// Other counts the values beyond Terms.
type Facet struct {
	Name  string      `json:"name"`
	Terms []FacetTerm `json:"terms"`
	Other int         `json:"other,omitempty"`
}

// FacetTerm is one value of a facet and its number of hits.
type FacetTerm struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// facetNames are the facets of a result, in order.
var facetNames = []string{FilterLead, FilterDocument, FilterType, FilterYear, FilterRecur}

// Search runs a query typed in the syntax ParseQuery reads.
func (ix *Index) Search(ctx context.Context, q string, opts Options) (*Result, error) {
	return ix.SearchQuery(ctx, ParseQuery(q), opts)
}

// SearchQuery runs a parsed query. When words match nothing, it tries
// again with approximate syllables, then with any of the words, and says
// so in Result.Fuzzy.
func (ix *Index) SearchQuery(ctx context.Context, q Query, opts Options) (*Result, error) {
	start := time.Now()
	units := ix.unitKeys()
	p, err := compile(q, ix.Aliases, false, units, ix.Terms)
	if err != nil {
		return nil, err
	}
	if !p.hasText() && len(p.filters)+len(p.mustNot) == 0 {
		return nil, ErrEmptyQuery
	}
	res, err := ix.run(ctx, p, opts)
	if err != nil {
		return nil, err
	}
	if res.Total == 0 && p.hasText() {
		fp, err := compile(q, ix.Aliases, true, units, ix.Terms)
		if err != nil {
			return nil, err
		}
		for _, any := range []bool{opts.Any, true} {
			o := opts
			o.Any = any
			fr, err := ix.run(ctx, fp, o)
			if err != nil {
				return nil, err
			}
			if fr.Total > 0 {
				res, p = fr, fp
				res.Fuzzy = true
				break
			}
		}
	}
	for i := range res.Hits {
		highlight(&res.Hits[i], p.hl)
	}
	res.Query = q.String()
	res.Took = time.Since(start)
	return res, nil
}

// request builds the Bleve request for a plan.
func (ix *Index) request(p *plan, opts Options) *bleve.SearchRequest {
	bq := query.NewBooleanQuery(nil, nil, nil)
	var must []query.Query
	if len(p.groups) > 0 {
		if k := minShould(len(p.groups), opts.Any); k == len(p.groups) {
			must = append(must, p.groups...)
		} else {
			d := query.NewDisjunctionQuery(p.groups)
			d.SetMin(float64(k))
			must = append(must, d)
		}
	}
	must = append(must, p.must...)
	if len(must) > 0 {
		bq.AddMust(must...)
	}
	if len(p.boosts) > 0 {
		bq.AddShould(p.boosts...)
	}
	for _, q := range p.mustNot {
		bq.AddMustNot(unscored{q})
	}
	filters := p.filters
	if opts.Kind != "" {
		filters = append(filters, term(fKind, opts.Kind, 1))
	}
	// Filters join the words as conjuncts, so that a selective filter
	// lets the search skip ahead; they do not rank.
	for _, f := range filters {
		bq.AddMust(unscored{f})
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = 20
	}
	var top query.Query = bq
	if p.hasText() {
		top = withPriors(bq, p)
	}
	req := bleve.NewSearchRequestOptions(top, limit, max(opts.Offset, 0), false)
	req.Fields = storedFields
	byDeadline := &search.SortField{Field: fOrder, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast}
	switch {
	case !p.hasText():
		// Nothing to rank by: earliest deadline first, then table order
		// (fOrder holds both).
		req.Score = "none"
		req.SortByCustom(search.SortOrder{byDeadline})
	case opts.Sort == SortDeadline:
		req.SortByCustom(search.SortOrder{byDeadline, &search.SortScore{Desc: true}})
	case p.intent:
		// A unit's role and a period score in tiers, which tie: within
		// a tier, earliest deadline first.
		req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, byDeadline})
	}
	return req
}

func (ix *Index) run(ctx context.Context, p *plan, opts Options) (*Result, error) {
	ctx, err := ix.searchContext(ctx)
	if err != nil {
		return nil, err
	}
	req := ix.request(p, opts)
	key, cached := "", []Facet(nil)
	if facetSize(opts) > 0 {
		key = facetKey(req, opts)
		cached = ix.facets.get(key)
	}
	res, err := ix.collect(ctx, req, facetSize(opts) > 0 && cached == nil)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	rv := &Result{Total: res.total, Hits: make([]Hit, 0, len(res.hits)), Facets: cached}
	for _, h := range res.hits {
		rv.Hits = append(rv.Hits, hitOf(h))
	}
	if res.facets != nil {
		rv.Facets = splitFacets(res.facets, facetSize(opts))
		ix.facets.put(key, rv.Facets)
	}
	return rv, nil
}

func facetSize(opts Options) int {
	if opts.FacetSize == 0 {
		return 10
	}
	return opts.FacetSize
}

// splitFacets turns the counts of fFacet's values (see facetValues) into
// one facet per name, each with its size most frequent terms.
func splitFacets(counts map[string]int, size int) []Facet {
	byName := map[string]map[string]int{}
	add := func(name, value string, n int) {
		if value == "" {
			return
		}
		if byName[name] == nil {
			byName[name] = map[string]int{}
		}
		byName[name][value] += n
	}
	for t, n := range counts {
		parts := strings.Split(t, facetSep)
		switch {
		case len(parts) == 4 && parts[0] == FilterDocument:
			add(FilterDocument, parts[1], n)
			add(FilterType, parts[2], n)
			add(FilterYear, parts[3], n)
		case len(parts) == 2:
			add(parts[0], parts[1], n)
		}
	}
	rv := make([]Facet, len(facetNames))
	for i, name := range facetNames {
		rv[i] = topTerms(name, byName[name], size)
	}
	return rv
}

// topTerms is the facet of counts: its size most frequent terms, the
// count of the others.
func topTerms(name string, counts map[string]int, size int) Facet {
	f := Facet{Name: name}
	for t, n := range counts {
		f.Terms = append(f.Terms, FacetTerm{t, n})
	}
	sort.Slice(f.Terms, func(a, b int) bool {
		if f.Terms[a].Count != f.Terms[b].Count {
			return f.Terms[a].Count > f.Terms[b].Count
		}
		return f.Terms[a].Term < f.Terms[b].Term
	})
	if len(f.Terms) > size {
		for _, t := range f.Terms[size:] {
			f.Other += t.Count
		}
		f.Terms = f.Terms[:size]
	}
	return f
}

func hitOf(h *search.DocumentMatch) Hit {
	str := func(name string) string {
		switch v := h.Fields[name].(type) {
		case string:
			return v
		case []interface{}:
			if len(v) > 0 {
				s, _ := v[0].(string)
				return s
			}
		}
		return ""
	}
	strs := func(name string) []string {
		switch v := h.Fields[name].(type) {
		case string:
			return []string{v}
		case []interface{}:
			rv := make([]string, 0, len(v))
			for _, x := range v {
				if s, ok := x.(string); ok {
					rv = append(rv, s)
				}
			}
			return rv
		}
		return nil
	}
	id, _ := strconv.ParseInt(str(fDocID), 10, 64)
	row, _ := strconv.Atoi(str(fRow))
	return Hit{
		Row: row,
		ID:  h.ID, Kind: str(fKind), DocID: id, Ref: str(fRef), Numbered: str(fReference) != "",
		STT: str(fSTT), Score: h.Score,
		Fields: Fields{
			DocType: str(fType), Year: str(fYear), Issuer: str(fIssuer), Date: str(fDate),
			Title: str(fTitle), Section: str(fSection), Task: str(fTask), Output: str(fOutput),
			Lead: str(fLead), Coordinators: str(fCoord), Timeframe: str(fTime), Note: str(fNote),
			Due: strs(fDues), DueLabel: str(fDueLabel), Recurrence: strs(fRecur), Status: str(fStatus),
			PlanSTT: str(fPlanSTT), PlanRef: str(fPlanRef),
			Body: str(fBody),
		},
	}
}

// maxHighlighted bounds the part of a document's full text that
// highlighting reads for a snippet, in windows of highlightWindow bytes.
const (
	maxHighlighted  = 32 << 10
	highlightWindow = 2 << 10
)

// highlight marks the query's syllables in the hit's fields and picks
// the snippet: the task (or title) when it matches, else the first field
// that does, else the first part of a document's text that does.
func highlight(h *Hit, m *matcher) {
	f := &h.Fields
	fields := []struct {
		name string
		text string
	}{
		{fTask, f.Task}, {fTitle, f.Title}, {fOutput, f.Output}, {fLead, f.Lead},
		{fCoord, f.Coordinators}, {fNote, f.Note}, {fTime, f.Timeframe}, {fSection, f.Section},
	}
	h.Highlights = map[string][]Span{}
	for _, fl := range fields {
		if sp := m.spans(fl.text); len(sp) > 0 {
			h.Highlights[fl.name] = sp
			if h.Snippet.Field == "" {
				text, spans := cut(fl.text, sp)
				h.Snippet = Snippet{Field: fl.name, Text: text, Spans: spans}
			}
		}
	}
	if h.Snippet.Field == "" {
		h.Snippet = bodySnippet(f.Body, m)
	}
	if h.Snippet.Field == "" {
		name, text := fTask, f.Task
		if h.Kind == kindDoc {
			name, text = fTitle, f.Title
		}
		text, _ = cut(text, nil)
		h.Snippet = Snippet{Field: name, Text: text}
	}
	f.Body = ""
}

// bodySnippet finds the first window of a document's text that matches,
// reading no more of a long text than it needs.
func bodySnippet(body string, m *matcher) Snippet {
	for from := 0; from < min(len(body), maxHighlighted); {
		to := len(body)
		if to-from > highlightWindow {
			to = forwardRunes(body, from, highlightWindow)
		}
		if to <= from {
			break
		}
		if sp := m.spans(body[from:to]); len(sp) > 0 {
			for i := range sp {
				sp[i].Start += from
				sp[i].End += from
			}
			text, spans := cut(body[:min(len(body), to+highlightWindow)], sp)
			return Snippet{Field: fBody, Text: text, Spans: spans}
		}
		from = to
	}
	return Snippet{}
}
