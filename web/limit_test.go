package web

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// TestTokenGuessingIsSlowed: a client that sends wrong bearer tokens is
// answered 429 with Retry-After after a few, without its tries being
// looked at; another client is not held up; the wait ends.
func TestTokenGuessingIsSlowed(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Addr, c.Token = "0.0.0.0:8080", testToken })
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	f.srv.failures.now = func() time.Time { return now }
	h := f.srv.Handler()
	try := func(addr, token string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/api/documents", nil)
		req.Host, req.RemoteAddr = "10.0.0.5:8080", addr
		req.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	attacker, clerk := "192.0.2.7:5555", "192.0.2.8:6666"
	limited := 0
	for i := 0; i < 2000; i++ {
		switch w := try(attacker, "đoán-"+strconv.Itoa(i)); w.Code {
		case http.StatusUnauthorized:
			if limited > 0 {
				t.Fatalf("try %d looked at after being limited", i)
			}
		case http.StatusTooManyRequests:
			limited++
			if w.Header().Get("Retry-After") == "" {
				t.Fatal("429 without Retry-After")
			}
		default:
			t.Fatalf("try %d: %d", i, w.Code)
		}
	}
	if limited < 2000-failBurst {
		t.Errorf("%d of 2000 wrong tokens limited, want all but the first %d", limited, failBurst)
	}
	// Limited, even the right token waits: guessing cannot go on.
	if w := try(attacker, testToken); w.Code != http.StatusTooManyRequests {
		t.Errorf("the limited client's right token: %d", w.Code)
	}
	if w := try(clerk, testToken); w.Code != http.StatusOK {
		t.Errorf("another client: %d", w.Code)
	}
	now = now.Add(failWait + time.Second)
	if w := try(attacker, testToken); w.Code != http.StatusOK {
		t.Errorf("after the wait: %d", w.Code)
	}
}

// TestBearerAnyCase: the scheme's case does not matter.
func TestBearerAnyCase(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Addr, c.Token = "0.0.0.0:8080", testToken })
	for _, scheme := range []string{"Bearer", "bearer", "BEARER", "bEaReR"} {
		w := do(t, f.srv.Handler(), request{path: "/api/documents", host: "10.0.0.5:8080",
			header: map[string]string{"Authorization": scheme + " " + testToken}})
		if w.Code != http.StatusOK {
			t.Errorf("%s: %d", scheme, w.Code)
		}
	}
}

// TestStaticNoListing: /static/ lists nothing.
func TestStaticNoListing(t *testing.T) {
	h := newFixture(t, nil).srv.Handler()
	for _, p := range []string{"/static/", "/static/./", "/static"} {
		if w := get(t, h, p); w.Code == http.StatusOK {
			t.Errorf("%s: %d\n%s", p, w.Code, w.Body)
		}
	}
	if w := get(t, h, "/static/style.css"); w.Code != http.StatusOK {
		t.Errorf("style.css: %d", w.Code)
	}
}
