package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"vanban"
	"vanban/app"
	"vanban/crosscheck"
)

// Windows the deadlines page offers, as ParseWithin reads them.
var dueWindows = []struct{ Value, Label string }{
	{"7d", "7 ngày"}, {"14d", "14 ngày"}, {"30d", "30 ngày"}, {"60d", "60 ngày"}, {"90d", "90 ngày"}, {"365d", "1 năm"},
}

const defaultDueWindow = "30d"

// dueView is the deadlines page: the staff's start page.
type dueView struct {
	Query    dueParams
	Windows  []struct{ Value, Label string }
	Plans    []app.DocInfo
	List     *app.DueList
	Overdue  []dueGroup // the overdue tasks, per unit
	Upcoming []dueGroup // the upcoming milestones, per unit
	Error    string
	Excel    string // the workbook's address
}

// dueGroup is one unit's upcoming milestones.
type dueGroup struct {
	Unit         string
	Kind         vanban.PartyKind
	Items        []app.DueItem
	ReportStatus vanban.ReportStatus
}

// dueTableView is one table of the deadlines page.
type dueTableView struct {
	Class  string
	Groups []dueGroup
}

// dueParams are the page's filters as the address carries them.
type dueParams struct {
	Unit, Plan, Within string
	From               vanban.Date
}

func (p dueParams) encode() string {
	v := url.Values{"trong": {p.Within}, "tu": {p.From.VN()}}
	if p.Unit != "" {
		v.Set("don-vi", p.Unit)
	}
	if p.Plan != "" {
		v.Set("ke-hoach", p.Plan)
	}
	return v.Encode()
}

// dueQuery reads the filters: don-vi, ke-hoach, tu (the window's first
// day, today by default) and trong (its length: 30d, 2w, 3m).
func (s *Server) dueQuery(r *http.Request) (dueParams, app.DueQuery, error) {
	q := r.URL.Query()
	p := dueParams{Unit: strings.TrimSpace(q.Get("don-vi")), Plan: strings.TrimSpace(q.Get("ke-hoach")), Within: q.Get("trong")}
	if p.Within == "" {
		p.Within = defaultDueWindow
	}
	p.From = vanban.DateOf(s.cfg.Now())
	from, err := parseDateInput(firstParam(q, "tu", "from"))
	if err != nil {
		return p, app.DueQuery{}, err
	}
	if !from.IsZero() {
		p.From = from
	}
	days, err := crosscheck.ParseWithin(p.Within)
	if err != nil {
		p.Within = defaultDueWindow
		return p, app.DueQuery{}, vanban.Wrap(vanban.EInvalid, err, "%s", err.Error())
	}
	return p, app.DueQuery{Plan: p.Plan, Unit: p.Unit, From: p.From, Days: days}, nil
}

func firstParam(q url.Values, names ...string) string {
	for _, n := range names {
		if v := q.Get(n); v != "" {
			return v
		}
	}
	return ""
}

func (s *Server) duePage(w http.ResponseWriter, r *http.Request) {
	v := dueView{Windows: dueWindows}
	var err error
	if v.Plans, err = s.cfg.App.Plans(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	p, q, err := s.dueQuery(r)
	v.Query = p
	if err == nil {
		v.List, err = s.cfg.App.DueList(r.Context(), q)
	}
	switch msg, isUser := userMessage(err); {
	case err == nil:
		v.Overdue, v.Upcoming = groupDue(v.List.Overdue), groupDue(v.List.Upcoming)
		v.Excel = "/den-han/excel?" + p.encode()
	case isUser:
		v.Error = msg
	default:
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, "due", "due", v)
}

// groupDue groups the items by unit, the units in the order they first
// appear (the earliest date first), each unit's items in list order.
func groupDue(items []app.DueItem) []dueGroup {
	var out []dueGroup
	at := map[string]int{}
	for _, it := range items {
		i, ok := at[it.Unit]
		if !ok {
			i = len(out)
			at[it.Unit] = i
			out = append(out, dueGroup{Unit: it.Unit, Kind: it.Kind})
		}
		g := &out[i]
		g.Items = append(g.Items, it)
		if g.ReportStatus == "" {
			g.ReportStatus = it.ReportStatus
		}
	}
	return out
}

func (s *Server) dueExcel(w http.ResponseWriter, r *http.Request) {
	p, q, err := s.dueQuery(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l, err := s.cfg.App.DueList(r.Context(), q)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var b bytes.Buffer
	if err := app.WriteDueXLSX(&b, l, s.cfg.Now()); err != nil {
		s.serverError(w, r, err)
		return
	}
	writeXLSX(w, "den-han-"+p.From.String()+"-"+p.Within+".xlsx", b.Bytes())
}

func (s *Server) apiDue(w http.ResponseWriter, r *http.Request) {
	_, q, err := s.dueQuery(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l, err := s.cfg.App.DueList(r.Context(), q)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, l)
}

// writeXLSX sends a workbook as a download named name.
func writeXLSX(w http.ResponseWriter, name string, data []byte) {
	w.Header().Set("Content-Type", contentType("xlsx"))
	w.Header().Set("Content-Disposition", attachment(name))
	w.Write(data)
}
