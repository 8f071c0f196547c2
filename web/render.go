package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"vanban"
	"vanban/app"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Messages a user reads when something goes wrong.
const (
	msgInternal  = "Đã xảy ra lỗi trong máy chủ. Vui lòng thử lại sau; nếu lỗi còn, báo cho người quản trị."
	msgNotFound  = "Không tìm thấy trang hoặc văn bản này."
	msgCrossSite = "Yêu cầu bị từ chối: nó không đến từ chính trang vanban (bảo vệ chống giả mạo yêu cầu)."
	msgBadID     = "Mã số không hợp lệ."
)

// parsePages parses every page template with the shared layout and
// partials, one template set per page, so that each page's "content"
// block stays its own.
func parsePages() (map[string]*template.Template, error) {
	shared := []string{"templates/layout.html", "templates/partials.html"}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		if n == shared[0] || n == shared[1] {
			continue
		}
		t, err := template.New(path.Base(n)).Funcs(funcs).ParseFS(templateFS, append(shared, n)...)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", n, err)
		}
		pages[strings.TrimSuffix(path.Base(n), ".html")] = t
	}
	return pages, nil
}

func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no listing of the folder
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}

// view is what every page template gets: the active tab, the CSRF token
// for its forms, and the page's own data in D.
type view struct {
	Nav    string
	CSRF   string
	Logout bool // a token is set, so show the logout button
	D      any
}

// render writes a full page; it renders into a buffer first so that a
// template error becomes a clean error page, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, page, nav string, data any) {
	s.execute(w, r, page, "layout", view{Nav: nav, CSRF: s.csrfFor(r), Logout: s.cfg.Token != "", D: data})
}

// renderPart writes one named block of a page (the search results that
// the page's script fetches as the user types).
func (s *Server) renderPart(w http.ResponseWriter, r *http.Request, page, block string, data any) {
	s.execute(w, r, page, block, view{CSRF: s.csrfFor(r), D: data})
}

func (s *Server) execute(w http.ResponseWriter, r *http.Request, page, block string, v view) {
	t := s.pages[page]
	if t == nil {
		s.serverError(w, r, fmt.Errorf("no page %q", page))
		return
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, block, v); err != nil {
		s.serverError(w, r, fmt.Errorf("render %s: %w", page, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// fail answers with a Vietnamese message: a JSON object for the API, an
// error page otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if isAPI(r) || strings.Contains(r.Header.Get("Accept"), "application/json") {
		writeJSON(w, status, map[string]string{"error": msg})
		return
	}
	t := s.pages["error"]
	var b bytes.Buffer
	if t == nil || t.ExecuteTemplate(&b, "layout", view{CSRF: s.csrfFor(r), D: errorView{status, msg}}) != nil {
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

type errorView struct {
	Status  int
	Message string
}

// serverError answers a failed request by its error's code: what the
// user asked for is missing (404), wrong (400), contradicts what is
// stored (409) or names a file that cannot be read (422), each with its
// Vietnamese message; anything else is logged for the operator and shown
// as a generic message, since its text may hold paths and is in English.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch vanban.ErrorCode(err) {
	case vanban.ENotFound:
		status = http.StatusNotFound
	case vanban.EInvalid:
		status = http.StatusBadRequest
	case vanban.EConflict:
		status = http.StatusConflict
	case vanban.EUnreadable:
		status = http.StatusUnprocessableEntity
	default:
		if r.Context().Err() == nil {
			s.cfg.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		s.fail(w, r, status, msgInternal)
		return
	}
	s.fail(w, r, status, vanban.ErrorMessage(err))
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, msgNotFound)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true) // JSON may end up in a page; keep < > & escaped
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":"lỗi mã hóa JSON"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

var funcs = template.FuncMap{
	"vn":            dateVN,
	"vntime":        timeVN,
	"docStatus":     docStatusLabel,
	"reportSt":      reportStatusLabel,
	"taskSt":        taskStatusLabel,
	"role":          roleLabel,
	"stateClass":    stateClass,
	"fileState":     fileStateLabel,
	"mark":          markFragment,
	"size":          sizeVN,
	"clip":          clip,
	"percent":       func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"add":           func(a, b int) int { return a + b },
	"slug":          slug,
	"reportedItems": reportedItems,
	"mmdd":          mmddVN,
	"fieldLabel":    fieldLabel,
	"hitName":       hitName,
	"counts":        countUnit,
	"recur":         app.RecurrenceLabel,
	"hasPlan":       hasPlan,
	"isPlan":        isPlan,
	"rowName":       rowName,
	"review":        needsReview,
	"dueTable":      func(class string, g []dueGroup) dueTableView { return dueTableView{class, g} },
}

// hasPlan tells whether ref is one of the plans a selector lists: with
// an unknown plan the selector must show none, not the first.
func hasPlan(plans []app.DocInfo, ref string) bool {
	for _, p := range plans {
		if isPlan(p, ref) {
			return true
		}
	}
	return false
}

// isPlan tells whether ref names plan p: by its key or by its id (links
// from a unit's page carry the id).
func isPlan(p app.DocInfo, ref string) bool {
	return ref != "" && (p.PlanKey() == ref || strconv.FormatInt(p.ID, 10) == ref)
}

// needsReview tells whether a document's reading is unsure enough for a
// person to check it.
func needsReview(c *vanban.Confidence) bool {
	return c != nil && c.Score < vanban.ReviewBelow
}

func dateVN(d vanban.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.VN()
}

// mmddVN writes a yearly date "MM-DD" as "dd/mm".
func mmddVN(s string) string {
	mm, dd, ok := strings.Cut(s, "-")
	if !ok {
		return s
	}
	return dd + "/" + mm
}

func timeVN(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("02/01/2006 15:04")
}

// The status labels are the statuses' own Vietnamese words (the same as
// the CLI's and the Excel workbook's), capitalized for a cell.

func docStatusLabel(s vanban.DocStatus) string       { return capitalize(s.Label()) }
func reportStatusLabel(s vanban.ReportStatus) string { return capitalize(s.Label()) }
func taskStatusLabel(s vanban.TaskStatus) string     { return capitalize(s.Label()) }
func roleLabel(r vanban.Role) string                 { return r.Label() }
func fileStateLabel(s vanban.FileStatus) string      { return capitalize(s.Label()) }

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// sizeVN writes a byte count the Vietnamese way (decimal comma).
func sizeVN(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// clip shortens s to at most n runes, at a word boundary when it can.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;.") + "…"
}
