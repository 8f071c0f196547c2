package web

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"vanban"
	"vanban/web/webtest"
)

// pagesToShoot are the pages screenshotted, desktop and 390 px wide.
var pagesToShoot = []struct{ name, path string }{
	{"due", "/den-han?tu=01/12/2026&trong=30d"},
	{"search", "/tim-kiem?q=khoi+nghiep"},
	{"documents", "/van-ban"},
	{"plan-58", "/van-ban/1"},
	{"report-stc", "/van-ban/3"},
	{"assignments", "/nhiem-vu?ngay=31/12/2026"},
	{"unit", "/don-vi?ten=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh&ngay=31/12/2026"},
	{"crosscheck", "/doi-chieu?ke-hoach=58/KH-UBND&ngay=31/12/2026"},
	{"upload", "/tai-len"},
}

// TestBrowserDue drives the deadlines page and the cross-check's chart and
// draft buttons in chromium over the fakes, then screenshots every page
// at desktop width and at 390 px, where no page may scroll sideways.
func TestBrowserDue(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	f := newFixture(t, nil)
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	tab := webtest.Browser(t, 20*time.Second)

	webtest.Do(t, tab, "open deadlines", chromedp.Navigate(ts.URL+"/"))
	rows := webtest.Run(t, tab, "read deadlines", chromedp.Evaluate[[]int](
		`[document.querySelectorAll('table.overdue-list tr.due-item').length, document.querySelectorAll('table.upcoming-list tr.due-item').length]`))
	if rows[0] == 0 {
		t.Error("the start page lists no overdue task on 31/12/2026")
	}
	webtest.Do(t, tab, "open window", chromedp.Navigate(ts.URL+"/den-han"),
		chromedp.SetValue(chromedp.CSS(`input[name="tu"]`), "01/12/2026"),
		chromedp.SetValue(chromedp.CSS(`select[name="trong"]`), "30d"))
	webtest.Run(t, tab, "filter", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(`//form[contains(@class,"toolbar")]//button`)))
	rows = webtest.Run(t, tab, "read window", chromedp.Evaluate[[]int](
		`[document.querySelectorAll('table.overdue-list tr.due-item').length, document.querySelectorAll('table.upcoming-list tr.due-item').length]`))
	if rows[0] == 0 || rows[1] == 0 {
		t.Fatalf("deadlines from 01/12/2026: %d overdue, %d due; want both", rows[0], rows[1])
	}
	stt := webtest.Run(t, tab, "first due task", chromedp.Evaluate[string](`document.querySelector('table.upcoming-list tr.due-item').dataset.stt`))
	webtest.Run(t, tab, "open the task", chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(`//table[contains(@class,"upcoming-list")]//tr[contains(@class,"due-item")][1]/td[3]/a`)))
	loc := webtest.Run(t, tab, "read location", chromedp.Evaluate[string](`location.pathname + location.hash`))
	if loc != "/van-ban/1#r-"+stt {
		t.Errorf("the task link goes to %s, want /van-ban/1#r-%s", loc, stt)
	}

	webtest.Do(t, tab, "open cross-check", chromedp.Navigate(ts.URL+"/doi-chieu?ke-hoach=58/KH-UBND&ngay=31/12/2026"))
	chart := webtest.Run(t, tab, "read chart", chromedp.Evaluate[[]string](`(() => {
		const ends = [...document.querySelectorAll('svg.chart g.bar')].map(g => {
			const r = [...g.querySelectorAll('rect')].pop();
			return r ? +r.getAttribute('x') + +r.getAttribute('width') : 0;
		});
		const drawn = new Set([...document.querySelectorAll('svg.chart g.bar rect')].map(r => r.getAttribute('class')));
		const legend = [...document.querySelectorAll('svg.chart g.legend rect')].map(r => r.getAttribute('class'));
		return [String(new Set(ends).size), [...drawn].sort().join(' '), legend.sort().join(' '),
			String(document.querySelectorAll('a.draft-reminder').length), String(document.querySelectorAll('a.draft-summary').length)];
	})()`))
	if chart[0] == "1" {
		t.Error("every unit's bar ends at the same place: bars are not proportional to their tasks")
	}
	if chart[1] != chart[2] {
		t.Errorf("the chart draws %q, its legend shows %q", chart[1], chart[2])
	}
	if !strings.Contains(chart[1], "s-overdue") {
		t.Error("no overdue segment on 31/12/2026")
	}
	if chart[3] == "0" || chart[4] != "1" {
		t.Errorf("%s reminder buttons and %s summary buttons", chart[3], chart[4])
	}

	// Correct row 3.3's lead through its form, then undo it.
	webtest.Do(t, tab, "open row form", chromedp.Navigate(ts.URL+"/van-ban/1"))
	webtest.Run(t, tab, "click Sửa", chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(`//tr[@data-key="III|3.3"]//a[contains(@class,"edit-row")]`)))
	webtest.Do(t, tab, "fill the lead",
		chromedp.SetValue(chromedp.CSS(`#sua-dong input[name="lead"]`), "Sở Nội vụ"),
		chromedp.SetValue(chromedp.CSS(`#sua-dong input[name="nguoi-sua"]`), "Trần Thị B"))
	webtest.Screenshot(t, tab, "fake-correct-row")
	webtest.Run(t, tab, "save", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(`#sua-dong button[type="submit"]`)))
	got := webtest.Run(t, tab, "read row", chromedp.Evaluate[[]string](`(() => {
		const r = document.querySelector('tr[data-key="III|3.3"]');
		return [r.children[3].textContent, String(r.classList.contains('corrected')), String(document.querySelectorAll('tr.correction').length)];
	})()`))
	if got[0] != "Sở Nội vụ" || got[1] != "true" || got[2] != "1" {
		t.Errorf("after the correction row 3.3 reads %q (corrected %s, %s corrections listed)", got[0], got[1], got[2])
	}
	webtest.Screenshot(t, tab, "fake-corrected")
	webtest.Run(t, tab, "undo", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(`//tr[contains(@class,"correction")]//button`)))
	lead := webtest.Run(t, tab, "read row", chromedp.Evaluate[string](`document.querySelector('tr[data-key="III|3.3"]').children[3].textContent`))
	if lead != "Sở Tài chính" {
		t.Errorf("after undo row 3.3 is led by %q", lead)
	}

	for _, p := range pagesToShoot {
		webtest.Do(t, tab, "open "+p.path, chromedp.Navigate(ts.URL+p.path))
		webtest.Screenshot(t, tab, "fake-"+p.name)
	}
	webtest.Do(t, tab, "mobile", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	for _, p := range pagesToShoot {
		webtest.Do(t, tab, "open "+p.path, chromedp.Navigate(ts.URL+p.path))
		w := webtest.Run(t, tab, "widths", chromedp.Evaluate[[]float64](`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
		if w[0] > w[1] {
			t.Errorf("%s at 390 px: the page is %.0f px wide, scrolls sideways", p.name, w[0])
		}
		webtest.Screenshot(t, tab, "fake-"+p.name+"-390")
	}
}

// TestBrowserUploadRefresh: a file that lands in the store while the
// upload page is open (dropped into the watched folder) shows in Mới
// nhập without a reload, and a failure raises a notice.
func TestBrowserUploadRefresh(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	f := newFixture(t, nil)
	ts := httptest.NewServer(f.srv.Handler())
	defer ts.Close()
	tab := webtest.Browser(t, 20*time.Second)
	webtest.Do(t, tab, "open upload", chromedp.Navigate(ts.URL+"/tai-len"))
	at := time.Date(2027, 1, 2, 8, 0, 0, 0, time.Local)
	f.store.mu.Lock()
	f.store.add(300, &vanban.Document{File: "bao-cao-tha-vao-thu-muc.docx", Format: "docx", Meta: vanban.Meta{DocType: vanban.TypeReport, Reference: "77/BC-SNV"}},
		vanban.DocIngested, "", at, []byte("PK\x03\x04"))
	f.store.add(301, &vanban.Document{File: "hong.pdf", Format: "pdf"}, vanban.DocFailed, "Tệp PDF bị hỏng.", at, []byte("%PDF-"))
	f.store.docs[301].Doc = nil
	f.store.mu.Unlock()
	got := webtest.Run(t, tab, "wait for the lists", chromedp.Poll[[]string](`(() => {
		const recent = document.querySelector('ul.recent').textContent, n = document.getElementById('upload-notice');
		if (!recent.includes('77/BC-SNV') || n.hidden) return null;
		return [recent, n.textContent];
	})()`, chromedp.WithPollingTimeout(15*time.Second)))
	if !strings.Contains(got[1], "hong.pdf") {
		t.Errorf("the notice reads %q, want the failed file named", got[1])
	}
	webtest.Screenshot(t, tab, "fake-upload-refreshed")
}
