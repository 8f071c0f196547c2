package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"vanban"
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

// serverError logs err for the operator and shows the user a generic
// message: error texts may hold paths and are in English.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, msgNotFound)
		return
	}
	s.cfg.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	s.fail(w, r, http.StatusInternalServerError, msgInternal)
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
	"vn":         dateVN,
	"vntime":     timeVN,
	"docStatus":  docStatusLabel,
	"reportSt":   reportStatusLabel,
	"taskSt":     taskStatusLabel,
	"role":       roleLabel,
	"stateClass": stateClass,
	"fileState":  fileStateLabel,
	"mark":       markFragment,
	"size":       sizeVN,
	"clip":       clip,
	"percent":    func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"add":        func(a, b int) int { return a + b },
	"slug":       slug,
	"mmdd":       mmddVN,
	"fieldLabel": fieldLabel,
	"counts":     countUnit,
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

func docStatusLabel(s string) string {
	switch s {
	case StatusIngested:
		return "Đã nhập"
	case StatusFailed:
		return "Lỗi"
	case StatusSuperseded:
		return "Đã bị thay thế"
	}
	return s
}

func reportStatusLabel(s string) string {
	switch s {
	case ReportOnTime:
		return "Đúng hạn"
	case ReportLate:
		return "Muộn"
	case ReportMissing:
		return "Chưa gửi"
	}
	return s
}

func taskStatusLabel(s string) string {
	switch s {
	case TaskDone:
		return "Hoàn thành"
	case TaskInProgress:
		return "Đang thực hiện"
	case TaskNotStarted:
		return "Chưa thực hiện"
	case TaskNotReported:
		return "Chưa báo cáo"
	}
	return s
}

func roleLabel(s string) string {
	switch s {
	case "lead":
		return "Chủ trì"
	case "coordinate":
		return "Phối hợp"
	case "monitor":
		return "Theo dõi"
	}
	return s
}

func fileStateLabel(s string) string {
	switch s {
	case FilePending:
		return "Đang chờ xử lý"
	case FileIngested:
		return "Đã nhập"
	case FileDuplicate:
		return "Đã có trong kho"
	case FileFailed:
		return "Lỗi"
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
