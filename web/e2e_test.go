package web

import (
	"context"
	"net/http/httptest"
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
