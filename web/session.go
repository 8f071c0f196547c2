package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// sessionCookie holds the proof that the browser gave the access token.
const sessionCookie = "vanban_phien"

// DefaultSessionMaxAge is how long a login lasts when Config.SessionMaxAge
// is zero: a working day and then some, so a copied cookie does not stay
// useful for long.
const DefaultSessionMaxAge = 12 * time.Hour

// maxRevoked bounds the revocation set. Only a logged-in browser can add
// to it (logout needs a valid session and the CSRF token), but a token
// holder scripting login/logout must not grow it without end: past the
// bound every session is ended at once by a new key.
const maxRevoked = 4096

// clockSkew tolerates a session issued slightly "in the future" when the
// system clock steps back.
const clockSkew = time.Minute

// sessions issues and checks session cookies.
//
// A cookie is "id.issued.mac": a random session id, the Unix second it was
// issued and an HMAC of both under a key derived from the access token and
// a per-process random secret. The MAC rejects tampering, the issue time
// enforces maxAge, and logout puts the id in an in-memory revocation set
// until the session would have expired anyway. The set is lost when the
// process stops, which is sound only because the key is lost with it: a
// restart (or a changed token) ends every session, and users log in again.
type sessions struct {
	maxAge     time.Duration
	now        func() time.Time
	maxRevoked int

	mu      sync.Mutex
	secret  []byte
	key     []byte
	token   string
	revoked map[string]time.Time // session id → when it would expire
}

func newSessions(secret []byte, token string, maxAge time.Duration) *sessions {
	if maxAge <= 0 {
		maxAge = DefaultSessionMaxAge
	}
	ss := &sessions{maxAge: maxAge, now: time.Now, maxRevoked: maxRevoked, secret: secret, token: token}
	ss.rekey()
	return ss
}

// rekey derives a fresh key, ending every session; ss.mu is held or ss is
// not shared yet. The first key uses the process secret as is; later ones
// mix in new randomness.
func (ss *sessions) rekey() {
	if ss.key != nil {
		fresh := make([]byte, 32)
		rand.Read(fresh) // never fails (crypto/rand panics instead)
		ss.secret = fresh
	}
	h := hmac.New(sha256.New, ss.secret)
	h.Write([]byte("session-key|" + ss.token))
	ss.key = h.Sum(nil)
	ss.revoked = map[string]time.Time{}
}

// issue returns a new cookie value.
func (ss *sessions) issue() string {
	id := make([]byte, 16)
	rand.Read(id)
	body := base64.RawURLEncoding.EncodeToString(id) + "." + strconv.FormatInt(ss.now().Unix(), 10)
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return body + "." + ss.sign(body)
}

func (ss *sessions) sign(body string) string {
	h := hmac.New(sha256.New, ss.key)
	h.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// check returns the session id of a genuine, unexpired, unrevoked cookie
// value and when it expires.
func (ss *sessions) check(v string) (id string, expires time.Time, ok bool) {
	body, sig, found := cutLast(v, ".")
	if !found {
		return "", time.Time{}, false
	}
	id, issuedText, found := strings.Cut(body, ".")
	issued, err := strconv.ParseInt(issuedText, 10, 64)
	if !found || err != nil || id == "" {
		return "", time.Time{}, false
	}
	at := time.Unix(issued, 0)
	expires = at.Add(ss.maxAge)
	now := ss.now()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if !hmac.Equal([]byte(sig), []byte(ss.sign(body))) {
		return "", time.Time{}, false
	}
	if now.Before(at.Add(-clockSkew)) || !now.Before(expires) {
		return "", time.Time{}, false
	}
	if _, gone := ss.revoked[id]; gone {
		return "", time.Time{}, false
	}
	return id, expires, true
}

// revoke ends the session of cookie value v, if it is a live one.
func (ss *sessions) revoke(v string) {
	id, expires, ok := ss.check(v)
	if !ok {
		return
	}
	now := ss.now()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for k, exp := range ss.revoked {
		if !now.Before(exp) {
			delete(ss.revoked, k) // expired anyway: check refuses it
		}
	}
	if len(ss.revoked) >= ss.maxRevoked {
		ss.rekey()
		return
	}
	ss.revoked[id] = expires
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// validSession reports whether r carries a live session cookie.
func (s *Server) validSession(r *http.Request) bool {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return false
	}
	_, _, ok := s.sessions.check(c.Value)
	return ok
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.PostFormValue("tiep"))
	if wait := s.failures.wait(r); wait > 0 {
		s.tooMany(w, r, wait)
		return
	}
	if !s.tokenMatches(r.PostFormValue("ma")) {
		s.failures.fail(r)
		w.WriteHeader(http.StatusUnauthorized)
		s.render(w, r, "login", "", loginView{Next: next, Wrong: true})
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: s.sessions.issue(), Path: "/",
		MaxAge:   int(s.sessions.maxAge / time.Second),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.secure(r),
	})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends the session on the server too, so a copy of the cookie
// (another browser, a stolen header) stops working with it.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.sessions.revoke(c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.secure(r)})
	http.Redirect(w, r, "/dang-nhap", http.StatusSeeOther)
}

// secure reports whether cookies must be Secure: the server speaks TLS,
// or sits behind a proxy that does (Config.SecureCookies).
func (s *Server) secure(r *http.Request) bool { return r.TLS != nil || s.cfg.SecureCookies }
