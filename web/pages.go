package web

import (
	"bytes"
	"context"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"vanban"
)

// documentsView is the document list with its filter.
type documentsView struct {
	Docs   []DocInfo
	Filter string // "", "ke-hoach", "bao-cao", "loi"
	Counts map[string]int
}

// docFilters map the list's filter links to a test on a document.
var docFilters = map[string]func(DocInfo) bool{
	"ke-hoach": func(d DocInfo) bool { return d.Type == vanban.TypePlan && d.Status != StatusFailed },
	"bao-cao":  func(d DocInfo) bool { return d.Type == vanban.TypeReport && d.Status != StatusFailed },
	"loi":      func(d DocInfo) bool { return d.Status == StatusFailed },
}

func (s *Server) documentsPage(w http.ResponseWriter, r *http.Request) {
	docs, err := s.cfg.Store.Documents(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := documentsView{Filter: r.URL.Query().Get("loc"), Counts: map[string]int{"": len(docs)}}
	keep := docFilters[v.Filter]
	if keep == nil {
		v.Filter = ""
	}
	for _, d := range docs {
		for name, f := range docFilters {
			if f(d) {
				v.Counts[name]++
			}
		}
		if keep == nil || keep(d) {
			v.Docs = append(v.Docs, d)
		}
	}
	s.render(w, r, "documents", "documents", v)
}

// documentView is one document's page.
type documentView struct {
	*DocPage
	Sections []sectionRows
	IsPlan   bool
}

type sectionRows struct {
	Section vanban.Section
	Rows    []vanban.Task
}

func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.pathDocument(w, r)
	if !ok {
		return
	}
	v := documentView{DocPage: p, IsPlan: p.Info.Type == vanban.TypePlan && p.Info.Reference != "" && len(p.Doc.Rows) > 0}
	if p.Doc != nil {
		v.Sections = groupSections(p.Doc.Rows)
	}
	s.render(w, r, "document", "documents", v)
}

// groupSections splits a plan's rows at each change of section, for the
// table's section header rows.
func groupSections(rows []vanban.Task) []sectionRows {
	var out []sectionRows
	for _, t := range rows {
		if n := len(out); n == 0 || out[n-1].Section != t.Section {
			out = append(out, sectionRows{Section: t.Section})
		}
		out[len(out)-1].Rows = append(out[len(out)-1].Rows, t)
	}
	return out
}

// download serves a stored file by its id. The id is all the request
// names: the store maps it to its own copy, so no path from outside ever
// reaches the file system.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.fail(w, r, http.StatusNotFound, msgNotFound)
		return
	}
	ref, rc, err := s.cfg.Store.OpenFile(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", contentType(ref.Format))
	h.Set("Content-Disposition", attachment(ref.Name))
	h.Set("Content-Security-Policy", "sandbox")
	http.ServeContent(w, r, "", time.Time{}, rc)
}

func contentType(format string) string {
	switch format {
	case "pdf":
		return "application/pdf"
	case "docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/octet-stream"
}

// attachment is a Content-Disposition that keeps a Vietnamese file name
// (RFC 2231 encoding) and cannot be broken by quotes or newlines in it.
func attachment(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '/' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	if v := mime.FormatMediaType("attachment", map[string]string{"filename": name}); v != "" {
		return v
	}
	return "attachment"
}

// plans lists the stored, numbered plans that can be cross-checked, the
// newest first.
func (s *Server) plans(ctx context.Context) ([]DocInfo, error) {
	docs, err := s.cfg.Store.Documents(ctx)
	if err != nil {
		return nil, err
	}
	var out []DocInfo
	for _, d := range docs {
		if d.Type == vanban.TypePlan && d.Status == StatusIngested && d.Reference != "" && d.Rows > 0 {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[j].Date.Before(out[i].Date) })
	return out, nil
}

// unitTasks is everything one unit leads and coordinates, over every
// plan.
type unitTasks struct {
	Unit       string
	Lead       []TaskCheck
	Coordinate []TaskCheck
	Overdue    int
	Done       int
	Reports    []unitReport
}

type unitReport struct {
	Plan   string
	PlanID int64
	Report *DocLink
	Status string
}

// assignments cross-checks every plan (or the one named) as of asOf and
// regroups the tasks by unit, in Vietnamese alphabetical order.
func (s *Server) assignments(ctx context.Context, plan string, asOf vanban.Date) ([]*unitTasks, error) {
	plans, err := s.plans(ctx)
	if err != nil {
		return nil, err
	}
	byUnit := map[string]*unitTasks{}
	for _, p := range plans {
		if plan != "" && p.Reference != plan {
			continue
		}
		cc, err := s.cfg.Check.Check(ctx, p.Reference, asOf)
		if err != nil {
			s.cfg.Log.Warn("cross-check failed", "plan", p.Reference, "err", err)
			continue
		}
		for _, u := range cc.Units {
			ut := byUnit[u.Unit]
			if ut == nil {
				ut = &unitTasks{Unit: u.Unit}
				byUnit[u.Unit] = ut
			}
			ut.Reports = append(ut.Reports, unitReport{Plan: cc.Plan, PlanID: cc.PlanID, Report: u.Report, Status: u.ReportStatus})
			ut.Lead = append(ut.Lead, withPlan(u.Lead, cc)...)
			ut.Coordinate = append(ut.Coordinate, withPlan(u.Coordinate, cc)...)
		}
	}
	out := make([]*unitTasks, 0, len(byUnit))
	for _, ut := range byUnit {
		for _, t := range append(append([]TaskCheck{}, ut.Lead...), ut.Coordinate...) {
			if t.Overdue {
				ut.Overdue++
			}
			if t.Status == TaskDone {
				ut.Done++
			}
		}
		out = append(out, ut)
	}
	col := collate.New(language.Vietnamese)
	sort.Slice(out, func(i, j int) bool { return col.CompareString(out[i].Unit, out[j].Unit) < 0 })
	return out, nil
}

// withPlan fills in the plan of tasks whose checker left it blank.
func withPlan(ts []TaskCheck, cc *CrossCheck) []TaskCheck {
	out := make([]TaskCheck, len(ts))
	for i, t := range ts {
		if t.Plan == "" {
			t.Plan = cc.Plan
		}
		if t.PlanID == 0 {
			t.PlanID = cc.PlanID
		}
		out[i] = t
	}
	return out
}

type assignmentsView struct {
	AsOf  vanban.Date
	Plan  string
	Plans []DocInfo
	Units []*unitTasks
	Error string
}

func (s *Server) assignmentsPage(w http.ResponseWriter, r *http.Request) {
	v := assignmentsView{Plan: r.URL.Query().Get("ke-hoach")}
	asOf, err := s.asOfParam(r)
	if err != nil {
		v.Error, _ = userMessage(err)
		asOf = vanban.DateOf(s.cfg.Now())
	}
	v.AsOf = asOf
	if v.Plans, err = s.plans(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Units, err = s.assignments(r.Context(), v.Plan, asOf); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, "assignments", "assignments", v)
}

type unitView struct {
	AsOf vanban.Date
	*unitTasks
}

func (s *Server) unitPage(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.URL.Query().Get("ten"))
	asOf, err := s.asOfParam(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	units, err := s.assignments(r.Context(), "", asOf)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, u := range units {
		if u.Unit == name {
			s.render(w, r, "unit", "assignments", unitView{AsOf: asOf, unitTasks: u})
			return
		}
	}
	s.fail(w, r, http.StatusNotFound, "Không có đơn vị này trong các kế hoạch đã nhập.")
}

type crosscheckView struct {
	Plan  string
	AsOf  vanban.Date
	Plans []DocInfo
	Check *CrossCheck
	Chart chart
	Error string
	Excel string // the workbook's address
}

func (s *Server) crosscheckPage(w http.ResponseWriter, r *http.Request) {
	v := crosscheckView{Plan: strings.TrimSpace(r.URL.Query().Get("ke-hoach"))}
	var err error
	if v.Plans, err = s.plans(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Plan == "" && len(v.Plans) > 0 {
		v.Plan = v.Plans[0].Reference
	}
	if v.AsOf, err = s.asOfParam(r); err != nil {
		v.Error, _ = userMessage(err)
		s.render(w, r, "crosscheck", "crosscheck", v)
		return
	}
	if v.Plan != "" {
		v.Check, err = s.cfg.Check.Check(r.Context(), v.Plan, v.AsOf)
		switch msg, isUser := userMessage(err); {
		case err == nil:
			v.Chart = buildChart(v.Check.Units)
			v.Excel = "/doi-chieu/excel?" + planQuery(v.Plan, v.AsOf)
		case isUser:
			v.Error = msg
		case errors.Is(err, ErrNotFound):
			v.Error = "Không tìm thấy kế hoạch " + v.Plan + "."
		default:
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, "crosscheck", "crosscheck", v)
}

func planQuery(plan string, asOf vanban.Date) string {
	return url.Values{"ke-hoach": {plan}, "ngay": {asOf.VN()}}.Encode()
}

func (s *Server) crosscheckExcel(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	plan := q.Get("ke-hoach")
	if plan == "" {
		plan = q.Get("plan")
	}
	asOf, err := s.asOfParam(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	if plan == "" {
		s.fail(w, r, http.StatusBadRequest, "Cần chọn kế hoạch.")
		return
	}
	var b bytes.Buffer
	if err := s.cfg.Check.WriteExcel(r.Context(), plan, asOf, &b); err != nil {
		s.serverError(w, r, err)
		return
	}
	name := "doi-chieu-" + strings.NewReplacer("/", "-", "\\", "-").Replace(plan) + "-" + asOf.String() + ".xlsx"
	w.Header().Set("Content-Type", contentType("xlsx"))
	w.Header().Set("Content-Disposition", attachment(name))
	w.Write(b.Bytes())
}

// decide records a person's verdict on a low-confidence match and goes
// back to the cross-check.
func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	d := Decision{
		Plan: r.PostFormValue("plan"), Report: r.PostFormValue("report"),
		Item: r.PostFormValue("item"), Task: r.PostFormValue("task"),
		Accept: r.PostFormValue("accept") == "1",
	}
	if d.Plan == "" || d.Report == "" || d.Item == "" || d.Task == "" {
		s.fail(w, r, http.StatusBadRequest, "Thiếu thông tin về cặp cần xác nhận.")
		return
	}
	if err := s.cfg.Check.Decide(r.Context(), d); err != nil {
		s.serverError(w, r, err)
		return
	}
	asOf, _ := parseDateInput(r.PostFormValue("ngay"))
	if asOf.IsZero() {
		asOf = vanban.DateOf(s.cfg.Now())
	}
	http.Redirect(w, r, "/doi-chieu?"+planQuery(d.Plan, asOf)+"#xac-nhan", http.StatusSeeOther)
}

type uploadView struct {
	Enabled  bool
	MaxMB    int64
	Recent   []DocInfo
	Failures []DocInfo
}

func (s *Server) uploadPage(w http.ResponseWriter, r *http.Request) {
	v := uploadView{Enabled: s.cfg.Inbox != nil, MaxMB: s.cfg.MaxUpload >> 20}
	docs, err := s.cfg.Store.Documents(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].IngestedAt.After(docs[j].IngestedAt) })
	for _, d := range docs {
		if d.Status == StatusFailed && len(v.Failures) < 20 {
			v.Failures = append(v.Failures, d)
		} else if d.Status != StatusFailed && len(v.Recent) < 10 {
			v.Recent = append(v.Recent, d)
		}
	}
	s.render(w, r, "upload", "upload", v)
}
