package web

import (
	"bytes"
	"html/template"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"vanban/app"

	"vanban"
)

// documentView is one document's page.
type documentView struct {
	*app.DocPage
	Sections []sectionRows
	IsPlan   bool
	// The correction forms and the corrections made.
	DocFields   []editField
	EditRow     *rowEdit
	Corrections []correctionView
	Corrected   map[string]bool // row keys with a live correction
}

type sectionRows struct {
	Section vanban.Section
	Rows    []keyedRow
	// First is the position of Rows[0] in the document's rows: the page
	// names each row hang-N by it, the anchor search hits link to.
	First int
}

// keyedRow is a task row with its correction key and form address.
type keyedRow struct {
	planRow   // embedded under its own name, so .Task is the row's text
	Key, Edit string
	St        app.RowState // today's state of its lead units
}

// Match is report item i's task, nil when it has none.
func (v documentView) Match(i int) *app.ItemMatch {
	if i < 0 || i >= len(v.ItemMatches) || v.ItemMatches[i].Task == "" {
		return nil
	}
	return &v.ItemMatches[i]
}

type planRow = vanban.Task

func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.pathDocument(w, r)
	if !ok {
		return
	}
	v := documentView{DocPage: p, IsPlan: p.Info.Type == vanban.TypePlan && p.Doc != nil && len(p.Doc.Rows) > 0}
	if p.Doc != nil {
		v.Sections = groupSections(p)
	}
	v.DocFields, v.EditRow, v.Corrections, v.Corrected = editsOf(p, r.URL.Query().Get("sua-dong"))
	s.render(w, r, "document", "documents", v)
}

// groupSections splits a plan's rows at each change of section, for the
// table's section header rows.
func groupSections(p *app.DocPage) []sectionRows {
	var out []sectionRows
	for i, t := range p.Doc.Rows {
		if n := len(out); n == 0 || out[n-1].Section != t.Section {
			out = append(out, sectionRows{Section: t.Section, First: i})
		}
		kr := keyedRow{planRow: t}
		if i < len(p.RowKeys) {
			kr.Key, kr.Edit = p.RowKeys[i], editLink(p.Info.ID, p.RowKeys[i])
		}
		if i < len(p.RowStates) {
			kr.St = p.RowStates[i]
		}
		out[len(out)-1].Rows = append(out[len(out)-1].Rows, kr)
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
	ref, rc, err := s.cfg.App.OpenFile(r.Context(), id)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", contentType(ref.Format))
	h.Set("Content-Disposition", attachment(ref.Name))
	h.Set("Content-Security-Policy", "sandbox")
	if ref.Format == "pdf" && r.URL.Query().Get("xem") == "1" {
		// Shown inside the document's own page: inline, framed by this
		// site only. The file stays sandboxed (no script, its own
		// origin) and, being served as a PDF with nosniff, is never
		// read as a page of the site.
		h.Set("Content-Disposition", strings.Replace(attachment(ref.Name), "attachment", "inline", 1))
		h.Set("Content-Security-Policy", "sandbox allow-scripts; frame-ancestors 'self'")
		h.Set("X-Frame-Options", "SAMEORIGIN")
	}
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

type assignmentsView struct {
	AsOf  vanban.Date
	Plan  string
	Sort  string // a key of taskSorts
	Sorts []option
	Plans []app.DocInfo
	Units []*app.UnitTasks
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
	v.Sort, v.Sorts = r.URL.Query().Get("sap-xep"), taskSortOptions
	if taskSorts[v.Sort] == nil {
		v.Sort = defaultTaskSort
	}
	if v.Plans, err = s.cfg.App.Plans(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Units, err = s.cfg.App.Assignments(r.Context(), v.Plan, asOf); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, u := range v.Units {
		sortTasks(u, v.Sort)
	}
	s.render(w, r, "assignments", "assignments", v)
}

type unitView struct {
	AsOf  vanban.Date
	Sort  string
	Sorts []option
	*app.UnitTasks
}

func (s *Server) unitPage(w http.ResponseWriter, r *http.Request) {
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
	order := r.URL.Query().Get("sap-xep")
	for _, u := range units {
		if u.Unit == name {
			if taskSorts[order] == nil {
				order = defaultTaskSort
			}
			sortTasks(u, order)
			s.render(w, r, "unit", "assignments", unitView{AsOf: asOf, Sort: order, Sorts: taskSortOptions, UnitTasks: u})
			return
		}
	}
	s.fail(w, r, http.StatusNotFound, "Không có đơn vị này trong các kế hoạch đã nhập.")
}

type crosscheckView struct {
	Plan  string
	AsOf  vanban.Date
	Plans []app.DocInfo
	Check *app.CrossCheck
	Chart chart
	Error string
	Excel string // the workbook's address
	// Query is the plan and date as the page's links carry them.
	Query template.URL
}

func (s *Server) crosscheckPage(w http.ResponseWriter, r *http.Request) {
	v := crosscheckView{Plan: strings.TrimSpace(r.URL.Query().Get("ke-hoach"))}
	var err error
	if v.Plans, err = s.cfg.App.Plans(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Plan == "" && len(v.Plans) > 0 {
		v.Plan = v.Plans[0].PlanKey()
	}
	if v.AsOf, err = s.asOfParam(r); err != nil {
		v.Error, _ = userMessage(err)
		s.render(w, r, "crosscheck", "crosscheck", v)
		return
	}
	if v.Plan != "" {
		v.Check, err = s.cfg.App.Check(r.Context(), v.Plan, v.AsOf)
		switch msg, isUser := userMessage(err); {
		case err == nil:
			v.Chart = buildChart(v.Check.Units)
			v.Excel = "/doi-chieu/excel?" + planQuery(v.Plan, v.AsOf)
			v.Query = template.URL(planQuery(v.Plan, v.AsOf)) // url.Values.Encode escapes it
		case isUser:
			v.Error = msg
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
		s.serverError(w, r, err)
		return
	}
	if plan == "" {
		s.fail(w, r, http.StatusBadRequest, "Cần chọn kế hoạch.")
		return
	}
	var b bytes.Buffer
	if err := s.cfg.App.WriteExcel(r.Context(), plan, asOf, &b); err != nil {
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
	d := app.Decision{
		Plan: r.PostFormValue("plan"), Report: r.PostFormValue("report"),
		Item: r.PostFormValue("item"), Task: r.PostFormValue("task"),
		Accept: r.PostFormValue("accept") == "1",
	}
	if d.Plan == "" || d.Report == "" || d.Item == "" || d.Task == "" {
		s.fail(w, r, http.StatusBadRequest, "Thiếu thông tin về cặp cần xác nhận.")
		return
	}
	if err := s.cfg.App.Decide(r.Context(), d); err != nil {
		s.serverError(w, r, err)
		return
	}
	asOf, _ := parseDateInput(r.PostFormValue("ngay"))
	if asOf.IsZero() {
		asOf = vanban.DateOf(s.cfg.Now())
	}
	http.Redirect(w, r, "/doi-chieu?"+planQuery(d.Plan, asOf)+"#xac-nhan", http.StatusSeeOther)
}

// reportedItems are a unit's tasks matched to an item of its report: those
// whose status a person may set.
func reportedItems(u app.UnitCheck) []app.TaskCheck {
	var out []app.TaskCheck
	for _, t := range append(append([]app.TaskCheck{}, u.Lead...), u.Coordinate...) {
		if t.Report != "" && t.Item != "" {
			out = append(out, t)
		}
	}
	return out
}

// statusChoices are the statuses a person may set, in the form's order.
var statusChoices = map[string]vanban.TaskStatus{
	"hoan-thanh": vanban.TaskDone, "dang-thuc-hien": vanban.TaskInProgress, "chua-thuc-hien": vanban.TaskNotStarted,
}

// setStatus stores a person's status for the report item a task was
// matched to (the form's "muc" is REPORT#ITEM), and goes back to the
// unit on the cross-check page.
func (s *Server) setStatus(w http.ResponseWriter, r *http.Request) {
	report, item, _ := strings.Cut(r.PostFormValue("muc"), "#")
	st, ok := statusChoices[r.PostFormValue("trang-thai")]
	set := app.StatusSet{Plan: r.PostFormValue("plan"), Report: report, Item: item, Status: st,
		Note: clip(strings.TrimSpace(r.PostFormValue("ghi-chu")), 500), By: authorOf(r)}
	if set.Plan == "" || set.Report == "" || set.Item == "" || !ok {
		s.fail(w, r, http.StatusBadRequest, "Thiếu nhiệm vụ hoặc tình trạng cần đặt.")
		return
	}
	if err := s.cfg.App.SetStatus(r.Context(), set); err != nil {
		s.serverError(w, r, err)
		return
	}
	asOf, _ := parseDateInput(r.PostFormValue("ngay"))
	if asOf.IsZero() {
		asOf = vanban.DateOf(s.cfg.Now())
	}
	http.Redirect(w, r, "/doi-chieu?"+planQuery(set.Plan, asOf)+"#d-"+slug(r.PostFormValue("don-vi")), http.StatusSeeOther)
}

type uploadView struct {
	Enabled  bool
	MaxMB    int64
	Recent   []app.DocInfo
	Failures []app.DocInfo
}

func (s *Server) uploadPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.uploadLists(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, "upload", "upload", v)
}

// uploadListsPart renders the recent and failed files alone: the upload
// page polls it, so files dropped into the watched folder show there too.
func (s *Server) uploadListsPart(w http.ResponseWriter, r *http.Request) {
	v, err := s.uploadLists(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderPart(w, r, "upload", "lists", v)
}

func (s *Server) uploadLists(r *http.Request) (uploadView, error) {
	v := uploadView{Enabled: s.cfg.Inbox != nil, MaxMB: s.cfg.MaxUpload >> 20}
	docs, err := s.cfg.App.Documents(r.Context())
	if err != nil {
		return v, err
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].IngestedAt.After(docs[j].IngestedAt) })
	for _, d := range docs {
		if d.Status == vanban.DocFailed && len(v.Failures) < 20 {
			v.Failures = append(v.Failures, d)
		} else if d.Status != vanban.DocFailed && len(v.Recent) < 10 {
			v.Recent = append(v.Recent, d)
		}
	}
	return v, nil
}
