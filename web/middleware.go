package web

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
)

type ctxKey int

// bearerKey marks a request authenticated by an Authorization header: it
// came from a script, not from a browser's ambient cookie, so it needs no
// CSRF token.
const bearerKey ctxKey = 1

// recoverer turns a panic into a Vietnamese error page; the stack goes to
// the log, never to the client.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.cfg.Log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			if !tw.wrote {
				s.fail(tw, r, http.StatusInternalServerError, msgInternal)
			}
		}()
		next.ServeHTTP(tw, r)
	})
}

// trackingWriter remembers whether the response has started, so that the
// recoverer does not write an error page into the middle of another.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (t *trackingWriter) WriteHeader(code int) { t.wrote = true; t.ResponseWriter.WriteHeader(code) }
func (t *trackingWriter) Write(b []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(b)
}
func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }

// securityHeaders forbids inline scripts and styles, framing and content
// sniffing: even if some text escaped the templates, a browser would not
// run it.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// checkHost answers, on loopback, only requests addressed to a loopback
// name: a web page whose domain an attacker re-points at 127.0.0.1 (DNS
// rebinding) cannot read the documents through the user's browser.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.loopback {
			host := r.Host
			if h, _, err := net.SplitHostPort(host); err == nil {
				host = h
			}
			if !isLoopbackHost(strings.Trim(host, "[]")) {
				s.fail(w, r, http.StatusMisdirectedRequest, "Máy chủ chỉ phục vụ địa chỉ localhost.")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// authenticate lets a request through when no token is set, when it
// carries the token as a bearer header, or when its session cookie proves
// the browser gave the token on the login page (see sessions). Login and
// logout are open: logging out of an expired session must still clear the
// cookie, and sameSite still guards both.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Token == "" || strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/dang-nhap" || r.URL.Path == "/dang-xuat" {
			next.ServeHTTP(w, r)
			return
		}
		if tok, ok := bearer(r); ok {
			if wait := s.failures.wait(r); wait > 0 {
				s.tooMany(w, r, wait)
				return
			}
			if s.tokenMatches(tok) {
				next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), bearerKey, true)))
				return
			}
			s.failures.fail(r)
			s.fail(w, r, http.StatusUnauthorized, "Mã truy cập không đúng.")
			return
		}
		if s.validSession(r) {
			next.ServeHTTP(w, r)
			return
		}
		if r.Method == http.MethodGet && !isAPI(r) {
			http.Redirect(w, r, "/dang-nhap?tiep="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		s.fail(w, r, http.StatusUnauthorized, "Cần đăng nhập bằng mã truy cập.")
	})
}

// sameSite refuses state-changing requests that another site's page could
// have sent: a browser tells where a request comes from (Sec-Fetch-Site,
// Origin), and a page of ours also carries the CSRF token.
func (s *Server) sameSite(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
			s.fail(w, r, http.StatusForbidden, msgCrossSite)
			return
		}
		if o := r.Header.Get("Origin"); o != "" {
			u, err := url.Parse(o)
			if err != nil || u.Host != r.Host {
				s.fail(w, r, http.StatusForbidden, msgCrossSite)
				return
			}
		}
		if r.Context().Value(bearerKey) == nil {
			tok := r.Header.Get("X-CSRF-Token")
			if tok == "" && !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
				tok = r.PostFormValue("csrf")
			}
			if !equal(tok, s.csrfFor(r)) {
				s.fail(w, r, http.StatusForbidden, msgCrossSite)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// csrfFor is the CSRF token of the request's session: bound to the
// session cookie when there is one.
func (s *Server) csrfFor(r *http.Request) string {
	v := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		v = c.Value
	}
	return s.mac("csrf|" + v)
}

// bearer returns the token of an "Authorization: Bearer …" header; the
// scheme's case does not matter (RFC 9110).
func bearer(r *http.Request) (string, bool) {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(tok), true
}

func (s *Server) tokenMatches(tok string) bool {
	return s.cfg.Token != "" && equal(tok, s.cfg.Token)
}

// equal compares secrets in constant time.
func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, "login", "", loginView{Next: localPath(r.URL.Query().Get("tiep"))})
}

type loginView struct {
	Next  string
	Wrong bool
}

// localPath keeps a redirect target on this site: a path, never
// "//evil.example" or "https://…".
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") || strings.ContainsAny(p, "\r\n") {
		return "/tim-kiem"
	}
	return p
}
