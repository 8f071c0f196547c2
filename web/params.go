package web

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"vanban"
)

// UserError is an error whose text is meant for the user, in Vietnamese: a
// query the syntax cannot read, a date typed wrong. Adapters wrap such
// errors in it; the server shows the text instead of a generic message.
type UserError struct{ Msg string }

func (e *UserError) Error() string { return e.Msg }

// userMessage returns the text of a UserError in err's chain.
func userMessage(err error) (string, bool) {
	var ue *UserError
	if errors.As(err, &ue) {
		return ue.Msg, true
	}
	return "", false
}

var dmy = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)

// parseDateInput reads a date as a Vietnamese user types it (dd/mm/yyyy,
// also d/m/yyyy and dd-mm-yyyy) or in ISO form (yyyy-mm-dd, as the API
// and the links use). An empty input is the zero Date.
func parseDateInput(s string) (vanban.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return vanban.Date{}, nil
	}
	if d, err := vanban.ParseDate(s); err == nil {
		return d, nil
	}
	m := dmy.FindStringSubmatch(s)
	if m == nil {
		return vanban.Date{}, &UserError{fmt.Sprintf("Ngày %q không đúng dạng dd/mm/yyyy.", s)}
	}
	day, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return vanban.Date{}, &UserError{fmt.Sprintf("Ngày %q không có trong lịch.", s)}
	}
	return vanban.DateOf(t), nil
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
