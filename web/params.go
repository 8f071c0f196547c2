package web

import (
	"net/http"
	"strconv"
	"strings"

	"vanban"
)

// userMessage returns what to tell the user of err when it is meant for
// them (a query the syntax cannot read, a date typed wrong, a plan not
// found): every error but an internal one.
func userMessage(err error) (string, bool) {
	if code := vanban.ErrorCode(err); code == "" || code == vanban.EInternal {
		return "", false
	}
	return vanban.ErrorMessage(err), true
}

// parseDateInput reads a date as a Vietnamese user types it (dd/mm/yyyy,
// also d/m/yyyy and dd-mm-yyyy) or in ISO form (yyyy-mm-dd, as the API
// and the links use). An empty input is the zero Date.
func parseDateInput(s string) (vanban.Date, error) {
	if strings.TrimSpace(s) == "" {
		return vanban.Date{}, nil
	}
	return vanban.ParseDate(s)
}

// pathID reads the {id} of a route: a positive integer, nothing else.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// intParam reads a non-negative integer query parameter, def when absent
// or unreadable, at most max.
func intParam(r *http.Request, name string, def, max int) int {
	n, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil || n < 0 {
		return def
	}
	return min(n, max)
}

// asOfParam reads the as-of date (ngay, or as_of for the API), today when
// absent.
func (s *Server) asOfParam(r *http.Request) (vanban.Date, error) {
	q := r.URL.Query()
	v := q.Get("ngay")
	if v == "" {
		v = q.Get("as_of")
	}
	d, err := parseDateInput(v)
	if err == nil && d.IsZero() {
		d = vanban.DateOf(s.cfg.Now())
	}
	return d, err
}
