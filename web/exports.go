package web

import (
	"bytes"
	"net/http"
	"strings"

	"vanban/app"
)

// searchExportLimit bounds the hits a search workbook holds.
const searchExportLimit = 1000

// searchExcel writes the hits of the search the page shows (q, han-tu,
// han-den) as a workbook.
func (s *Server) searchExcel(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, err := parseDateInput(q.Get("han-tu"))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	to, err := parseDateInput(q.Get("han-den"))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	query := strings.TrimSpace(q.Get("q"))
	res, err := s.cfg.App.Search(r.Context(), app.SearchRequest{Query: query, DueFrom: from, DueTo: to, Limit: searchExportLimit})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := app.WriteSearchXLSX(&b, query, res, s.cfg.Now()); err != nil {
		s.serverError(w, r, err)
		return
	}
	writeXLSX(w, "tim-kiem.xlsx", b.Bytes())
}

// unitExcel writes a unit's tasks (ten, ngay) as a workbook.
func (s *Server) unitExcel(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.URL.Query().Get("ten"))
	asOf, err := s.asOfParam(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	units, err := s.cfg.App.Assignments(r.Context(), "", asOf)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, u := range units {
		if u.Unit == name {
			var b bytes.Buffer
			if err := app.WriteUnitTasksXLSX(&b, u, asOf, s.cfg.Now()); err != nil {
				s.serverError(w, r, err)
				return
			}
			writeXLSX(w, "nhiem-vu-"+slug(name)+"-"+asOf.String()+".xlsx", b.Bytes())
			return
		}
	}
	s.fail(w, r, http.StatusNotFound, "Không có đơn vị này trong các kế hoạch đã nhập.")
}
