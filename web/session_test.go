package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sessionFixture is a token-protected server whose session clock the
// test moves.
type sessionFixture struct {
	t   *testing.T
	srv *Server
	h   http.Handler
	now time.Time
}

func newSessionFixture(t *testing.T, maxAge time.Duration) *sessionFixture {
	f := newFixture(t, func(c *Config) { c.Addr, c.Token, c.SessionMaxAge = "0.0.0.0:8080", testToken, maxAge })
	sf := &sessionFixture{t: t, srv: f.srv, h: f.srv.Handler(), now: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	f.srv.sessions.now = func() time.Time { return sf.now }
	return sf
}

// login posts the token on the login form and returns the session cookie.
func (sf *sessionFixture) login() *http.Cookie {
	sf.t.Helper()
	v := url.Values{"csrf": {sf.srv.mac("csrf|")}, "ma": {testToken}, "tiep": {"/van-ban"}}
	w := do(sf.t, sf.h, request{method: "POST", path: "/dang-nhap", body: strings.NewReader(v.Encode()),
		header: map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://127.0.0.1:8080"}})
	if w.Code != http.StatusSeeOther || len(w.Result().Cookies()) != 1 {
		sf.t.Fatalf("login: %d %v", w.Code, w.Result().Cookies())
	}
	return w.Result().Cookies()[0]
}

// page fetches a page with cookie value v and returns the status.
func (sf *sessionFixture) page(v string) int {
	sf.t.Helper()
	return do(sf.t, sf.h, request{path: "/van-ban", header: map[string]string{"Cookie": sessionCookie + "=" + v}}).Code
}

// logout posts the logout form with cookie value v and CSRF token csrf.
func (sf *sessionFixture) logout(v, csrf string) int {
	sf.t.Helper()
	body := url.Values{"csrf": {csrf}}.Encode()
	return do(sf.t, sf.h, request{method: "POST", path: "/dang-xuat", body: strings.NewReader(body), header: map[string]string{
		"Cookie": sessionCookie + "=" + v, "Content-Type": "application/x-www-form-urlencoded",
		"Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin",
	}}).Code
}

func (sf *sessionFixture) csrf(v string) string { return sf.srv.mac("csrf|" + v) }

// forge signs a cookie body with the server's current key, to build
// values the login form never hands out (issued in the future, say).
func (sf *sessionFixture) forge(id string, issued time.Time) string {
	body := id + "." + strconv.FormatInt(issued.Unix(), 10)
	return body + "." + sf.srv.sessions.sign(body)
}

func TestSessionCookie(t *testing.T) {
	const ok, out = http.StatusOK, http.StatusSeeOther
	tests := []struct {
		name string
		// cookie builds the value sent, from a fresh login's value.
		cookie func(sf *sessionFixture, v string) string
		later  time.Duration // clock moved after login
		want   int
	}{
		{"valid", func(_ *sessionFixture, v string) string { return v }, 0, ok},
		{"valid near the end", func(_ *sessionFixture, v string) string { return v }, 12*time.Hour - time.Second, ok},
		{"expired", func(_ *sessionFixture, v string) string { return v }, 12 * time.Hour, out},
		{"long expired", func(_ *sessionFixture, v string) string { return v }, 30 * 24 * time.Hour, out},
		{"issue time pushed forward", func(_ *sessionFixture, v string) string {
			id, rest, _ := strings.Cut(v, ".")
			_, sig, _ := strings.Cut(rest, ".")
			return id + "." + strconv.FormatInt(time.Date(2026, 3, 2, 19, 0, 0, 0, time.UTC).Unix(), 10) + "." + sig
		}, 12 * time.Hour, out},
		{"mac changed", func(_ *sessionFixture, v string) string { return flipLast(v) }, 0, out},
		{"id changed", func(_ *sessionFixture, v string) string { return "A" + v[1:] }, 0, out},
		{"mac dropped", func(_ *sessionFixture, v string) string { return v[:strings.LastIndex(v, ".")] }, 0, out},
		{"garbage", func(_ *sessionFixture, _ string) string { return "forged" }, 0, out},
		{"empty", func(_ *sessionFixture, _ string) string { return "" }, 0, out},
		{"old fixed value", func(sf *sessionFixture, _ string) string { return sf.srv.mac("session|" + testToken) }, 0, out},
		{"issued in the future", func(sf *sessionFixture, _ string) string {
			return sf.forge("abc", sf.now.Add(time.Hour))
		}, 0, out},
		{"issued within clock skew", func(sf *sessionFixture, _ string) string {
			return sf.forge("abc", sf.now.Add(30*time.Second))
		}, 0, ok},
		{"other process's key", func(_ *sessionFixture, _ string) string {
			other := newSessions([]byte("another process secret, 32 bytes"), testToken, 0)
			return other.issue()
		}, 0, out},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sf := newSessionFixture(t, 0)
			v := tc.cookie(sf, sf.login().Value)
			sf.now = sf.now.Add(tc.later)
			if got := sf.page(v); got != tc.want {
				t.Errorf("page with cookie %q: %d, want %d", v, got, tc.want)
			}
		})
	}
}

func flipLast(s string) string {
	if strings.HasSuffix(s, "A") {
		return s[:len(s)-1] + "B"
	}
	return s[:len(s)-1] + "A"
}

// Logout ends the session on the server: a copy of the cookie kept from
// before is refused, while another browser's session and the bearer
// token go on working.
func TestSessionLogout(t *testing.T) {
	sf := newSessionFixture(t, 0)
	a, b := sf.login().Value, sf.login().Value
	if a == b {
		t.Fatal("two logins gave the same session")
	}
	if got := sf.logout(a, sf.csrf(b)); got != http.StatusForbidden {
		t.Errorf("logout with another session's CSRF token: %d, want 403", got)
	}
	if got := sf.page(a); got != http.StatusOK {
		t.Fatalf("session after refused logout: %d", got)
	}
	if got := sf.logout(a, sf.csrf(a)); got != http.StatusSeeOther {
		t.Fatalf("logout: %d", got)
	}
	bearer := map[string]string{"Authorization": "Bearer " + testToken}
	for _, tc := range []struct {
		name string
		code int
		want int
	}{
		{"cookie from before logout", sf.page(a), http.StatusSeeOther},
		{"API with that cookie", do(t, sf.h, request{path: "/api/documents", header: map[string]string{"Cookie": sessionCookie + "=" + a}}).Code, http.StatusUnauthorized},
		{"second logout with it", sf.logout(a, sf.csrf(a)), http.StatusSeeOther},
		{"other session", sf.page(b), http.StatusOK},
		{"bearer token", do(t, sf.h, request{path: "/api/documents", header: bearer}).Code, http.StatusOK},
		{"bearer POST without CSRF", do(t, sf.h, request{method: "POST", path: "/api/crosscheck/decisions", body: strings.NewReader(`{}`), header: bearer}).Code, http.StatusBadRequest},
		{"new login", sf.page(sf.login().Value), http.StatusOK},
	} {
		if tc.code != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, tc.code, tc.want)
		}
	}
	if got := sf.page(a); got != http.StatusSeeOther {
		t.Errorf("revoked cookie accepted again: %d", got)
	}
}

// The CSRF token a page shows belongs to the session that fetched it.
func TestSessionCSRF(t *testing.T) {
	sf := newSessionFixture(t, 0)
	a, b := sf.login().Value, sf.login().Value
	page := do(t, sf.h, request{path: "/tai-len", header: map[string]string{"Cookie": sessionCookie + "=" + a}})
	shown := between(page.Body.String(), `name="csrf" value="`, `"`)
	if shown == "" || shown != sf.csrf(a) {
		t.Fatalf("page CSRF token %q, want the session's %q", shown, sf.csrf(a))
	}
	for _, tc := range []struct {
		name, csrf string
		want       int
	}{
		{"no token", "", http.StatusForbidden},
		{"token without a session", sf.srv.mac("csrf|"), http.StatusForbidden},
		{"other session's token", sf.csrf(b), http.StatusForbidden},
		{"own token", shown, http.StatusSeeOther},
	} {
		if got := sf.logout(a, tc.csrf); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

// SessionMaxAge sets both the cookie's lifetime in the browser and the
// server's limit.
func TestSessionMaxAgeField(t *testing.T) {
	sf := newSessionFixture(t, time.Hour)
	c := sf.login()
	if c.MaxAge != 3600 {
		t.Errorf("cookie Max-Age %d, want 3600", c.MaxAge)
	}
	sf.now = sf.now.Add(time.Hour - time.Second)
	if got := sf.page(c.Value); got != http.StatusOK {
		t.Errorf("before the hour: %d", got)
	}
	sf.now = sf.now.Add(time.Second)
	if got := sf.page(c.Value); got != http.StatusSeeOther {
		t.Errorf("after the hour: %d", got)
	}
	w := do(t, sf.h, request{method: "POST", path: "/dang-xuat", body: strings.NewReader(url.Values{"csrf": {sf.csrf(c.Value)}}.Encode()), header: map[string]string{
		"Cookie": sessionCookie + "=" + c.Value, "Content-Type": "application/x-www-form-urlencoded", "Origin": "http://127.0.0.1:8080",
	}})
	if cs := w.Result().Cookies(); w.Code != http.StatusSeeOther || len(cs) != 1 || cs[0].MaxAge >= 0 {
		t.Errorf("logout of an expired session: %d %v, want 303 clearing the cookie", w.Code, cs)
	}
	if d := newFixture(t, nil).srv.sessions.maxAge; d != DefaultSessionMaxAge {
		t.Errorf("default max age %v", d)
	}
}

// The revocation set stays bounded: expired ids are dropped, and when it
// is full every session ends under a new key.
func TestSessionRevokedBound(t *testing.T) {
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	ss := newSessions([]byte("0123456789abcdef0123456789abcdef"), testToken, time.Hour)
	ss.now = func() time.Time { return now }
	ss.maxRevoked = 3
	for range 3 {
		ss.revoke(ss.issue())
	}
	if len(ss.revoked) != 3 {
		t.Fatalf("revoked %d, want 3", len(ss.revoked))
	}
	live := ss.issue()
	ss.revoke(ss.issue()) // full: new key
	if _, _, ok := ss.check(live); ok {
		t.Error("session survived the new key")
	}
	if len(ss.revoked) != 0 {
		t.Errorf("revoked %d after new key, want 0", len(ss.revoked))
	}
	ss.revoke(ss.issue())
	now = now.Add(time.Hour)
	ss.revoke(ss.issue())
	if len(ss.revoked) != 1 {
		t.Errorf("revoked %d after expiry, want 1 (expired id dropped)", len(ss.revoked))
	}
}

// FuzzSessionCheck feeds cookie values from outside: none may panic, and
// only the value issued, byte for byte, is accepted.
func FuzzSessionCheck(f *testing.F) {
	ss := newSessions([]byte("0123456789abcdef0123456789abcdef"), testToken, 0)
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	ss.now = func() time.Time { return at }
	// Not ss.issue(): its random id would differ in each fuzz worker.
	body := "c2Vzc2lvbi1pZC0wMDAx." + strconv.FormatInt(at.Unix(), 10)
	issued := body + "." + ss.sign(body)
	for _, seed := range []string{issued, "", ".", "..", "a.b.c", "a.-1.c", "a.99999999999999999999.c", flipLast(issued)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if _, _, ok := ss.check(v); ok && v != issued {
			t.Errorf("accepted %q, issued %q", v, issued)
		}
	})
}
