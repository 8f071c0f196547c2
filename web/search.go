package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"vanban/app"
	"vanban/index"
)

// searchPageSize is how many hits a page shows.
const searchPageSize = 20

// searchView is the search page: the query as typed, the result and the
// links built from it.
type searchView struct {
	Q, From, To string // as typed
	Sort        string // "" (relevance) or "han" (deadline)
	Page, Pages int
	Result      *app.SearchResult
	Error       string
	Facets      []facetView
	Prev, Next  string
	PageLinks   []pageLink
	Searched    bool
}

type facetView struct {
	Label string
	Terms []facetTermView
}

type facetTermView struct {
	Label  string
	Count  int
	Active bool
	URL    string // adds the filter, or removes it when active
}

type pageLink struct {
	N       int
	URL     string
	Current bool
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "search", "search", s.runSearch(r))
}

// searchResults renders only the results block, for the script that
// searches as the user types.
func (s *Server) searchResults(w http.ResponseWriter, r *http.Request) {
	s.renderPart(w, r, "search", "results", s.runSearch(r))
}

func (s *Server) runSearch(r *http.Request) searchView {
	q := r.URL.Query()
	v := searchView{Q: strings.TrimSpace(q.Get("q")), From: q.Get("han-tu"), To: q.Get("han-den"), Page: max(1, intParam(r, "trang", 1, 1000))}
	if q.Get("sap-xep") == index.SortDeadline {
		v.Sort = index.SortDeadline
	}
	from, err1 := parseDateInput(v.From)
	to, err2 := parseDateInput(v.To)
	if err := firstErr(err1, err2); err != nil {
		v.Error, _ = userMessage(err)
		return v
	}
	if v.Q == "" && from.IsZero() && to.IsZero() {
		return v
	}
	req := app.SearchRequest{Query: v.Q, DueFrom: from, DueTo: to, Limit: searchPageSize, Offset: (v.Page - 1) * searchPageSize, Sort: v.Sort}
	res, err := s.cfg.App.Search(r.Context(), req)
	if last := lastPage(res); err == nil && v.Page > last {
		// A page beyond the last (an old link, a typed number) shows the
		// last one: the pager never says "trang 99/3".
		v.Page = last
		req.Offset = (v.Page - 1) * searchPageSize
		res, err = s.cfg.App.Search(r.Context(), req)
	}
	if err != nil {
		if msg, ok := userMessage(err); ok {
			v.Error = msg
		} else {
			s.cfg.Log.Error("search failed", "query", v.Q, "err", err)
			v.Error = "Không tìm được: lỗi trong máy chủ."
		}
		return v
	}
	v.Searched, v.Result = true, res
	v.Pages = lastPage(res)
	v.links()
	return v
}

// lastPage is the number of pages of a result, at least 1.
func lastPage(res *app.SearchResult) int {
	if res == nil || res.Total <= 0 {
		return 1
	}
	return (res.Total + searchPageSize - 1) / searchPageSize
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// url is the search page's address for a query, filters and page.
func (v *searchView) url(q string, page int) string {
	p := url.Values{}
	p.Set("q", q)
	if v.From != "" {
		p.Set("han-tu", v.From)
	}
	if v.To != "" {
		p.Set("han-den", v.To)
	}
	if v.Sort != "" {
		p.Set("sap-xep", v.Sort)
	}
	if page > 1 {
		p.Set("trang", strconv.Itoa(page))
	}
	return "/tim-kiem?" + p.Encode()
}

// links builds the facet and pagination links: a facet adds its filter
// clause to the query (the syntax of `vanban search`), or takes it out
// again when it is already there.
func (v *searchView) links() {
	for _, f := range v.Result.Facets {
		fv := facetView{Label: f.Label}
		for _, t := range f.Terms {
			tv := facetTermView{Label: t.Label, Count: t.Count, Active: t.Filter != "" && strings.Contains(v.Q, t.Filter)}
			if tv.Label == "" {
				tv.Label = t.Term
			}
			q := v.Q + " " + t.Filter
			if tv.Active {
				q = strings.Replace(v.Q, t.Filter, "", 1)
			}
			tv.URL = v.url(strings.Join(strings.Fields(q), " "), 1)
			fv.Terms = append(fv.Terms, tv)
		}
		if len(fv.Terms) > 0 {
			v.Facets = append(v.Facets, fv)
		}
	}
	if v.Page > 1 {
		v.Prev = v.url(v.Q, v.Page-1)
	}
	if v.Page < v.Pages {
		v.Next = v.url(v.Q, v.Page+1)
	}
	// A window of page numbers around the current one.
	for n := max(1, v.Page-4); n <= min(v.Pages, v.Page+4); n++ {
		v.PageLinks = append(v.PageLinks, pageLink{N: n, URL: v.url(v.Q, n), Current: n == v.Page})
	}
}

// SortURL is the address of the same search in the other order.
func (v searchView) SortURL(sort string) string {
	v.Sort = sort
	return v.url(v.Q, 1)
}

// ExcelURL is the workbook of these results: the same query and
// deadline window, every hit.
func (v searchView) ExcelURL() string {
	p := url.Values{}
	p.Set("q", v.Q)
	if v.From != "" {
		p.Set("han-tu", v.From)
	}
	if v.To != "" {
		p.Set("han-den", v.To)
	}
	return "/tim-kiem/excel?" + p.Encode()
}

// hitName names a hit's document in its heading: its reference, or for
// a document without a number its type, date and title.
func hitName(h app.Hit) string {
	if h.Reference != "" {
		return h.Reference
	}
	return app.DraftName(h.DocType, h.DocDate, h.Title)
}
