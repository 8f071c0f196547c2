package webtest

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"vanban/internal/sharedtest"
	"vanban/vntext"
)

// khoiNghiepRows are the STT of the gold rows of plan 58 whose task
// mentions "khởi nghiệp".
func khoiNghiepRows(t testing.TB) []string {
	var rows []struct{ STT, Task string }
	sharedtest.ReadGold(t, "rows.json", &rows)
	var out []string
	for _, r := range rows {
		if strings.Contains(vntext.Fold(r.Task), "khoi nghiep") {
			out = append(out, r.STT)
		}
	}
	return out
}

type hitInfo struct {
	STT     string   `json:"stt"`
	Section string   `json:"section"`
	Marks   []string `json:"marks"`
}

type unitStatus struct {
	Unit   string `json:"unit"`
	Status string `json:"status"`
	Text   string `json:"text"`
}

// Scenarios runs the four scenarios of the web interface against the server
// at base: search "khoi nghiep" as you type and see the section VIII rows
// highlighted; open plan 58 and see 68 rows; cross-check plan 58 as of
// 31/12/2026 and see Ban Quản lý khu kinh tế late and Sở Tài chính on
// time; upload a DOCX and see it listed.
// Screenshots are named prefix+page.
func Scenarios(t *testing.T, tab *Tab, base, prefix string) {
	start := time.Now()
	expected := khoiNghiepRows(t)
	upload := sharedtest.Path(t, "corpus", "bao-cao-412-bc-stc-2026.docx")
	t.Run("search", func(t *testing.T) {
		Do(t, tab, "open search",
			chromedp.Navigate(base+"/tim-kiem"),
			chromedp.WaitVisible(chromedp.CSS("#q")),
			chromedp.SendKeys(chromedp.CSS("#q"), "khoi nghiep"))
		// No submit: the results come as the user types.
		hits := Run(t, tab, "wait for results", chromedp.Poll[[]hitInfo](`(() => {
			const hits = [...document.querySelectorAll('#results li.hit')];
			if (!hits.length || !location.search.includes('khoi')) return null;
			return hits.map(h => ({stt: h.dataset.stt, section: h.querySelector('.section') ? h.querySelector('.section').textContent : '',
				marks: [...h.querySelectorAll('mark')].map(m => m.textContent)}));
		})()`, chromedp.WithPollingTimeout(15*time.Second)))
		var stts []string
		for _, h := range hits {
			stts = append(stts, h.STT)
			if !strings.HasPrefix(h.STT, "8.") {
				continue
			}
			if len(h.Marks) == 0 || vntext.Fold(strings.Join(h.Marks, " ")) != "khoi nghiep" && !allFold(h.Marks, "khoi nghiep") {
				t.Errorf("row %s: marks %q, want the words khởi nghiệp highlighted", h.STT, h.Marks)
			}
		}
		for _, stt := range expected {
			if !contains(stts, stt) {
				t.Errorf("search khoi nghiep: row %s missing from hits %v", stt, stts)
			}
		}
		Screenshot(t, tab, prefix+"search")
	})

	t.Run("plan", func(t *testing.T) {
		Do(t, tab, "open documents", chromedp.Navigate(base+"/van-ban"))
		Screenshot(t, tab, prefix+"documents")
		click(t, tab, `//table[contains(@class,"docs")]//a[normalize-space(text())="58/KH-UBND"]`)
		n := Run(t, tab, "count rows", chromedp.Evaluate[int](`document.querySelectorAll('tr.task-row').length`))
		if n != 68 {
			t.Errorf("plan 58 page shows %d rows, want 68", n)
		}
		Screenshot(t, tab, prefix+"plan-58")
	})

	t.Run("crosscheck", func(t *testing.T) {
		Do(t, tab, "open cross-check",
			chromedp.Navigate(base+"/doi-chieu"),
			chromedp.SetValue(chromedp.CSS(`select[name="ke-hoach"]`), "58/KH-UBND"),
			chromedp.SetValue(chromedp.CSS(`input[name="ngay"]`), "31/12/2026"))
		click(t, tab, `//form[contains(@class,"toolbar")]//button`)
		units := Run(t, tab, "read units", chromedp.Evaluate[[]unitStatus](`[...document.querySelectorAll('tr.unit-row')].map(r => ({
			unit: r.dataset.unit, status: r.dataset.reportStatus, text: r.querySelector('.badge').textContent}))`))
		got := map[string]unitStatus{}
		for _, u := range units {
			got[u.Unit] = u
		}
		for unit, st := range map[string][2]string{"Ban Quản lý khu kinh tế": {"late", "Trễ hạn"}, "Sở Tài chính": {"on_time", "Đúng hạn"}} {
			if got[unit].Status != st[0] || got[unit].Text != st[1] {
				t.Errorf("%s: report %+v, want %s (%s)", unit, got[unit], st[0], st[1])
			}
		}
		if n := Run(t, tab, "chart", chromedp.Evaluate[int](`document.querySelectorAll('svg.chart g.bar').length`)); n != len(units) {
			t.Errorf("chart has %d bars for %d units", n, len(units))
		}
		Screenshot(t, tab, prefix+"crosscheck")
	})

	t.Run("upload", func(t *testing.T) {
		// Upload a new report (a variant of a corpus one: another
		// number) under a name of its own, so the test can find it.
		name := "bao-cao-413-tai-len-" + time.Now().Format("150405") + ".docx"
		path := filepath.Join(t.TempDir(), name)
		VariantDocx(t, upload, path, "412/BC-STC", "413/BC-STC")
		Do(t, tab, "upload",
			chromedp.Navigate(base+"/tai-len"),
			chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{path}))
		state := Run(t, tab, "wait for ingest", chromedp.Poll[[]string](`(() => {
			const li = document.querySelector('#upload-list li');
			if (!li || li.dataset.state === 'sending' || li.dataset.state === 'pending') return null;
			return [li.dataset.state, li.querySelector('.status').textContent];
		})()`, chromedp.WithPollingTimeout(40*time.Second)))
		if state[0] != "done" || !strings.Contains(state[1], "Đã nhập") {
			t.Fatalf("upload ended %q, want done: Đã nhập", state)
		}
		Screenshot(t, tab, prefix+"upload")
		Do(t, tab, "open documents", chromedp.Navigate(base+"/van-ban"))
		listed := Run(t, tab, "read list", chromedp.Evaluate[string](`document.querySelector('table.docs').textContent`))
		if !strings.Contains(listed, name) {
			t.Errorf("uploaded %s not listed on /van-ban", name)
		}
	})
	t.Logf("browser scenarios took %v", time.Since(start).Round(time.Millisecond))
}

// click clicks the element an XPath finds and waits for the page it
// loads.
func click(t *testing.T, tab *Tab, xpath string) {
	t.Helper()
	Run(t, tab, "click "+xpath, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(xpath)))
}

func allFold(marks []string, words string) bool {
	for _, m := range marks {
		if !strings.Contains(words, vntext.Fold(m)) {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
