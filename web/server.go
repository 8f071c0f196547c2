// Package web is vanban's web interface for a secretariat: search,
// documents, assignments, cross-check and upload pages in Vietnamese,
// rendered on the server with html/template, plus a JSON API under /api/
// for everything the pages show.
//
// The package only speaks HTTP: it reads the application through
// Backend (package app's App in the program) and shows app's views, and
// writes uploads into the watched folder through an Inbox. Errors carry
// vanban's error codes, mapped here once to HTTP statuses. It is safe by default: it refuses to listen
// beyond the loopback interface without an access token; on loopback it
// answers only requests addressed to localhost (no DNS rebinding); every
// document text goes through html/template escaping; files are served by
// id only; uploads are size-limited, checked by extension and magic bytes,
// and every POST must come from the site itself (Origin, Sec-Fetch-Site
// and a CSRF token); browser sessions are signed, expire (12 h by
// default) and end on the server at logout; a panic becomes a Vietnamese
// error page, never a stack trace.
package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// DefaultMaxUpload is the largest file an upload may carry.
const DefaultMaxUpload = 50 << 20

// Config is what a Server needs.
type Config struct {
	App   Backend
	Inbox *Inbox // nil disables uploads (no watched folder)
	// Addr is the address the server listens on; it decides whether a
	// token is required and which Host headers are accepted.
	Addr  string
	Token string // access token; required unless Addr is loopback
	// MaxUpload bounds one uploaded file; 0 means DefaultMaxUpload.
	MaxUpload int64
	Now       func() time.Time // the as-of date's default; nil means time.Now
	// SessionMaxAge bounds a browser login; 0 means DefaultSessionMaxAge.
	SessionMaxAge time.Duration
	// SecureCookies marks the session cookie Secure even when requests
	// arrive in clear: the server runs behind a proxy that speaks TLS.
	SecureCookies bool
	Log           *slog.Logger
}

// Server serves the pages and the API.
type Server struct {
	cfg      Config
	loopback bool
	secret   []byte // per-process key for session cookies and CSRF tokens
	sessions *sessions
	failures *failures // wrong tokens and logins, per client
	pages    map[string]*template.Template
	mux      *http.ServeMux
}

// New checks cfg and builds a Server.
func New(cfg Config) (*Server, error) {
	if cfg.App == nil {
		return nil, errors.New("web: App is required")
	}
	if err := CheckAddr(cfg.Addr, cfg.Token); err != nil {
		return nil, err
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	s := &Server{cfg: cfg, loopback: isLoopback(cfg.Addr), secret: make([]byte, 32)}
	if _, err := rand.Read(s.secret); err != nil {
		return nil, err
	}
	s.sessions = newSessions(s.secret, cfg.Token, cfg.SessionMaxAge)
	s.failures = newFailures()
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.routes()
	return s, nil
}

// Handler returns the server's handler with its middleware: recover,
// security headers, host check, authentication, cross-site checks.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.mux
	h = s.sameSite(h)
	h = s.authenticate(h)
	h = s.checkHost(h)
	h = securityHeaders(h)
	return s.recoverer(h)
}

// HTTPServer returns an http.Server for the handler with timeouts that a
// slow or stuck client cannot hold open forever. Uploads get a long write
// window because a 50 MB file over a slow link takes a while.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Addr:              s.cfg.Addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelWarn),
	}
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.Handle("GET /static/", staticHandler())
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/den-han", http.StatusSeeOther)
	})
	m.HandleFunc("GET /dang-nhap", s.loginPage)
	m.HandleFunc("POST /dang-nhap", s.login)
	m.HandleFunc("POST /dang-xuat", s.logout)

	m.HandleFunc("GET /den-han", s.duePage)
	m.HandleFunc("GET /den-han/excel", s.dueExcel)
	m.HandleFunc("GET /tim-kiem", s.searchPage)
	m.HandleFunc("GET /tim-kiem/ket-qua", s.searchResults)
	m.HandleFunc("GET /van-ban", s.documentsPage)
	m.HandleFunc("GET /van-ban/{id}", s.documentPage)
	m.HandleFunc("POST /van-ban/{id}/sua", s.correct)
	m.HandleFunc("POST /van-ban/{id}/hoan-tac", s.undoCorrection)
	m.HandleFunc("POST /van-ban/{id}/them-dong", s.addRow)
	m.HandleFunc("GET /tep/{id}", s.download)
	m.HandleFunc("GET /nhiem-vu", s.assignmentsPage)
	m.HandleFunc("GET /don-vi", s.unitPage)
	m.HandleFunc("GET /don-vi/excel", s.unitExcel)
	m.HandleFunc("GET /tim-kiem/excel", s.searchExcel)
	m.HandleFunc("GET /doi-chieu", s.crosscheckPage)
	m.HandleFunc("GET /doi-chieu/excel", s.crosscheckExcel)
	m.HandleFunc("POST /doi-chieu/quyet-dinh", s.decide)
	m.HandleFunc("POST /doi-chieu/trang-thai", s.setStatus)
	m.HandleFunc("GET /doi-chieu/soan/{kind}", s.draftDoc)
	m.HandleFunc("GET /api/crosscheck/draft/{kind}", s.draftDoc)
	m.HandleFunc("GET /tai-len", s.uploadPage)
	m.HandleFunc("GET /tai-len/danh-sach", s.uploadListsPart)

	m.HandleFunc("GET /api/session", s.apiSession)
	m.HandleFunc("GET /api/search", s.apiSearch)
	m.HandleFunc("GET /api/documents", s.apiDocuments)
	m.HandleFunc("GET /api/documents/{id}", s.apiDocument)
	m.HandleFunc("GET /api/files/{id}", s.download)
	m.HandleFunc("POST /api/documents/{id}/corrections", s.apiCorrect)
	m.HandleFunc("POST /api/documents/{id}/corrections/{cid}/undo", s.apiUndo)
	m.HandleFunc("GET /api/plans", s.apiPlans)
	m.HandleFunc("GET /api/due", s.apiDue)
	m.HandleFunc("GET /api/tasks", s.apiTasks)
	m.HandleFunc("GET /api/crosscheck", s.apiCrosscheck)
	m.HandleFunc("GET /api/crosscheck/xlsx", s.crosscheckExcel)
	m.HandleFunc("POST /api/crosscheck/decisions", s.apiDecide)
	m.HandleFunc("POST /api/uploads", s.apiUpload)
	m.HandleFunc("GET /api/uploads", s.apiUploadStatus)
	m.HandleFunc("/", s.notFound)
	s.mux = m
}

// CheckAddr refuses an address beyond the loopback interface unless an
// access token protects it: vanban holds internal documents, and a
// secretariat that binds 0.0.0.0 by mistake must not publish them.
func CheckAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("địa chỉ %q không hợp lệ (dạng 127.0.0.1:8080): %w", addr, err)
	}
	if isLoopbackHost(host) {
		return nil
	}
	if token == "" {
		return fmt.Errorf("địa chỉ %s mở cho máy khác: cần đặt mã truy cập (--token hoặc VANBAN_TOKEN)", addr)
	}
	if len(token) < 12 {
		return errors.New("mã truy cập quá ngắn: cần ít nhất 12 ký tự")
	}
	return nil
}

func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && isLoopbackHost(host)
}

// isLoopbackHost is true for localhost and loopback IPs; an empty host
// ("":8080) means every interface, so it is not.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// mac returns a keyed digest of msg, for cookies and CSRF tokens.
func (s *Server) mac(msg string) string {
	h := hmac.New(sha256.New, s.secret)
	h.Write([]byte(msg))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}
