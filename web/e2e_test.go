package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"vanban/web/webtest"
)

// TestBrowser drives the pages over the fakes in a real headless
// chromium: search as you type, the plan's appendix, the cross-check and
// an upload, saving a screenshot of every page.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	f := newFixture(t, nil)
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go f.store.watch(ctx, f.inbox.Dir())

	tab := webtest.Browser(t, 20*time.Second)
	webtest.Scenarios(t, tab, ts.URL, "fake-")
	// The pages the scenarios do not visit, for the screenshots.
	for name, path := range map[string]string{
		"fake-assignments": "/nhiem-vu?ngay=31/12/2026",
		"fake-unit":        "/don-vi?ten=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh&ngay=31/12/2026",
		"fake-escaping":    "/van-ban/6",
		"fake-not-found":   "/van-ban/999",
	} {
		webtest.Do(t, tab, "open "+path, chromedp.Navigate(ts.URL+path))
		webtest.Screenshot(t, tab, name)
	}
	// A facet adds its filter to the query; clicked again, it goes.
	webtest.Do(t, tab, "facet", chromedp.Navigate(ts.URL+"/tim-kiem?q=khoi+nghiep"))
	webtest.Run(t, tab, "click facet", chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(`//aside[@class="facets"]//a[normalize-space(text())="58/KH-UBND"]`)))
	state := webtest.Run(t, tab, "read facet", chromedp.Evaluate[[]string](
		`[document.getElementById('q').value, String(document.querySelectorAll('.facets a.active').length), String(document.querySelectorAll('li.hit').length)]`))
	if state[0] != "khoi nghiep van-ban:58/KH-UBND" || state[1] != "1" || state[2] == "0" {
		t.Errorf("after the facet click: query %q, %s active facets, %s hits", state[0], state[1], state[2])
	}
	// The <script> in a task cell is text on the page, not an element.
	webtest.Do(t, tab, "open evil plan", chromedp.Navigate(ts.URL+"/van-ban/6"))
	got := webtest.Run(t, tab, "read escaped cell", chromedp.Evaluate[[]string](
		`[document.querySelector('tr.task-row td:nth-child(2)').textContent, String(document.querySelectorAll('main script').length)]`))
	if got[0] != evilTask || got[1] != "0" {
		t.Errorf("task cell shows %q with %s scripts, want the text %q and none", got[0], got[1], evilTask)
	}
}

// TestBrowserLogin logs in through the form in chromium, then out with
// the button, and checks that the session cookie the browser held is
// refused afterwards: logout ends the session on the server.
func TestBrowserLogin(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	f := newFixture(t, func(c *Config) { c.Token = testToken })
	var mu sync.Mutex
	var seen string // the last session cookie the browser sent
	h := f.srv.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			mu.Lock()
			seen = c.Value
			mu.Unlock()
		}
		h.ServeHTTP(w, r)
	}))
	defer ts.Close()

	tab := webtest.Browser(t, 20*time.Second)
	path := func() string {
		return webtest.Run(t, tab, "read location", chromedp.Evaluate[string](`location.pathname`))
	}
	webtest.Do(t, tab, "open login",
		chromedp.Navigate(ts.URL+"/van-ban"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="ma"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="ma"]`), testToken))
	webtest.Screenshot(t, tab, "fake-login")
	webtest.Run(t, tab, "log in", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(`//form[@action="/dang-nhap"]//button`)))
	if p := path(); p != "/van-ban" {
		t.Fatalf("after login the browser is on %s, want /van-ban", p)
	}
	mu.Lock()
	cookie := seen
	mu.Unlock()
	if cookie == "" {
		t.Fatal("the browser sent no session cookie after login")
	}
	webtest.Run(t, tab, "log out", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(`//form[@class="logout"]//button`)))
	if p := path(); p != "/dang-nhap" {
		t.Errorf("after logout the browser is on %s, want /dang-nhap", p)
	}
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/van-ban", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: cookie})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the cookie from before logout gives %d, want 303 to the login page", resp.StatusCode)
	}
}
