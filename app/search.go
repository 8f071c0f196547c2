package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"vanban"
	"vanban/index"
)

// facetLabels and recurrenceLabels name the index's facets and
// recurrence slugs for a person.
var (
	facetLabels = map[string]string{
		index.FilterLead: "Đơn vị chủ trì", index.FilterDocument: "Văn bản", index.FilterType: "Loại văn bản",
		index.FilterYear: "Năm", index.FilterRecur: "Lặp lại",
	}
	recurrenceLabels = map[string]string{
		"mot-lan": "Một lần", "hang-nam": "Hằng năm", "6-thang": "6 tháng", "hang-quy": "Hằng quý",
		"hang-thang": "Hằng tháng", "hang-tuan": "Hằng tuần", "thuong-xuyen": "Thường xuyên",
	}
)

// errNoIndex is returned by Search when the App was opened without one.
var errNoIndex = vanban.Errorf(vanban.EInternal, "chỉ mục tìm kiếm chưa được mở")

// Search runs a query in the `vanban search` syntax.
func (a *App) Search(ctx context.Context, req SearchRequest) (*SearchResult, error) {
	ix := a.index()
	switch {
	case a.rebuilding.Load():
		return nil, errRebuilding
	case ix == nil:
		return nil, errNoIndex
	}
	q := req.Query
	if strings.TrimSpace(q) == "" && req.DueFrom.IsZero() && req.DueTo.IsZero() {
		return nil, index.ErrEmptyQuery
	}
	if !req.DueFrom.IsZero() {
		q += " " + index.FilterDue + ">=" + req.DueFrom.String()
	}
	if !req.DueTo.IsZero() {
		q += " " + index.FilterDue + "<=" + req.DueTo.String()
	}
	res, err := a.searchIndex(ctx, ix, q, index.Options{Limit: req.Limit, Offset: req.Offset, Any: req.Any, Sort: req.Sort})
	if err != nil {
		return nil, err
	}
	out := &SearchResult{Total: int(res.Total), Approximate: res.Fuzzy, Took: res.Took, Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, hit(h))
	}
	for _, f := range res.Facets {
		sf := Facet{Name: f.Name, Label: firstNonEmpty(facetLabels[f.Name], f.Name)}
		for _, t := range f.Terms {
			label := recurrenceLabels[t.Term]
			if f.Name == index.FilterDocument {
				label = a.draftLabel(ctx, t.Term)
			}
			sf.Terms = append(sf.Terms, FacetTerm{Term: t.Term, Label: label, Count: t.Count, Filter: f.Name + ":" + quoteTerm(t.Term)})
		}
		out.Facets = append(out.Facets, sf)
	}
	return out, nil
}

// draftLabel names a document without a number, which the index knows by
// its id, by its type, date and title ("Kế hoạch (dự thảo) 05/01/2026:
// …"); "" for a numbered document, whose reference is its name.
func (a *App) draftLabel(ctx context.Context, term string) string {
	id, err := strconv.ParseInt(term, 10, 64)
	if err != nil {
		return ""
	}
	s, err := a.Summary(ctx, id)
	if err != nil {
		return "Văn bản chưa có số"
	}
	return DraftName(s.DocType, s.Date, s.Title)
}

// DraftName is how a document without a number is named in lists of
// hits: its type, date and title, never its internal id.
func DraftName(docType string, date vanban.Date, title string) string {
	name := firstNonEmpty(docType, "Văn bản") + " chưa có số"
	if !date.IsZero() {
		name += " ngày " + date.VN()
	}
	if t := strings.TrimSpace(title); t != "" {
		r := []rune(t)
		if len(r) > 80 {
			t = string(r[:80]) + "…"
		}
		name += ": " + t
	}
	return name
}

// searchIndex runs one search; a panic of the index library (a damaged
// segment) has the index rebuilt in the background, and the user told.
func (a *App) searchIndex(ctx context.Context, ix *index.Index, q string, opt index.Options) (res *index.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			go a.rebuildIndex(context.WithoutCancel(ctx), fmt.Errorf("search panicked: %v", p))
			res, err = nil, errRebuilding
		}
	}()
	return ix.Search(ctx, q, opt)
}

// quoteTerm writes a facet term as a filter value: quoted unless it is
// one plain word.
func quoteTerm(t string) string {
	if t != "" && !strings.ContainsAny(t, " \t\"“”") {
		return t
	}
	return `"` + strings.ReplaceAll(t, `"`, "") + `"`
}

// hitFields are the fields shown under a hit's main text when the query
// matched them (the section is in the hit's heading already; the lead
// unit is shown once, in the hit's details).
var hitFields = []string{"output", "coord", "timeframe", "note"}

// anchorPrefix names the rows of a document's page by kind of hit.
var anchorPrefix = map[string]string{"task": "hang-", "report": "muc-"}

func hit(h index.Hit) Hit {
	f := h.Fields
	out := Hit{
		ID: h.ID, Kind: h.Kind, DocID: h.DocID, DocType: f.DocType, STT: h.STT, Section: f.Section,
		Lead: f.Lead, Timeframe: f.Timeframe, DueLabel: f.DueLabel, Score: h.Score,
		PlanSTT: f.PlanSTT, PlanRef: f.PlanRef, Title: f.Title,
	}
	if p, ok := anchorPrefix[h.Kind]; ok {
		out.Anchor = p + strconv.Itoa(h.Row)
	}
	if h.Numbered {
		out.Reference = h.Ref
	}
	out.DocDate, _ = vanban.ParseDate(f.Date)
	if len(f.Due) > 0 {
		out.Due, _ = vanban.ParseDate(f.Due[0])
	}
	main, text := "task", f.Task
	if h.Kind == "doc" {
		main, text = "title", f.Title
	}
	out.Text = Fragment{Field: main, Text: text, Marks: spans(h.Highlights[main])}
	for _, name := range hitFields {
		sp := h.Highlights[name]
		if len(sp) == 0 && !(h.Kind == "report" && name == "output" && f.Output != "") {
			continue
		}
		// A report item's result is what it is found for: always shown.
		field := name
		if h.Kind == "report" && name == "output" {
			field = "result"
		}
		out.Fragments = append(out.Fragments, Fragment{Field: field, Text: fieldText(f, name), Marks: spans(sp)})
	}
	// A match in the body only (a document's full text) shows as its
	// snippet.
	if len(out.Text.Marks) == 0 && len(out.Fragments) == 0 && h.Snippet.Field != main && len(h.Snippet.Spans) > 0 {
		out.Fragments = append(out.Fragments, Fragment{Field: h.Snippet.Field, Text: h.Snippet.Text, Marks: spans(h.Snippet.Spans)})
	}
	return out
}

func fieldText(f index.Fields, name string) string {
	switch name {
	case "output":
		return f.Output
	case "lead":
		return f.Lead
	case "coord":
		return f.Coordinators
	case "timeframe":
		return f.Timeframe
	case "note":
		return f.Note
	case "section":
		return f.Section
	}
	return ""
}

func spans(sp []index.Span) []Span {
	out := make([]Span, len(sp))
	for i, s := range sp {
		out[i] = Span{Start: s.Start, End: s.End}
	}
	return out
}

// Reindex rebuilds the search index from the store beside the old one,
// which stays usable until the new one takes its place. progress is told
// how many documents are done.
func (a *App) Reindex(ctx context.Context, progress func(done, total int)) (docs int, entries uint64, err error) {
	if ix := a.index(); ix != nil {
		a.ixp.Store(nil)
		ix.Close()
	}
	last, err := a.db.LastChange(ctx)
	if err != nil {
		return 0, 0, err
	}
	st, err := index.Rebuild(ctx, a.indexDir(), a.indexSource(), progress)
	if err != nil {
		return 0, 0, err
	}
	ix, err := index.Open(a.indexDir())
	if err != nil {
		return 0, 0, err
	}
	if err := ix.SetSeq(last); err != nil {
		return 0, 0, err
	}
	a.ixp.Store(ix)
	n, err := ix.Count()
	return st.Added, n, err
}

// refreshIndex brings the index in step after a change that does not go
// through ingestion (a person's decision on document id). The change is
// stored even if this fails, and the next catch-up or start repairs the
// index.
func (a *App) refreshIndex(ctx context.Context, id int64) {
	if err := a.catchUp(ctx); err != nil {
		a.log.Warn("index refresh failed; the next start repairs it", "doc", id, "err", err)
	}
}
