package web

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"vanban"
	"vanban/app"
)

// TestDocumentTabs: a tab per type present with its count, a text
// filter that ignores accents, and pages of 50.
func TestDocumentTabs(t *testing.T) {
	f := newFixture(t, nil)
	for i := range 60 {
		f.store.add(int64(200+i), &vanban.Document{File: fmt.Sprintf("thong-bao-%d.pdf", i), Format: "pdf", Meta: vanban.Meta{
			DocType: "Thông báo", Reference: fmt.Sprintf("%d/TB-UBND", i+1), Date: vanban.D(2026, 1, 1+i%28), Title: "Thông báo kết luận",
		}}, vanban.DocIngested, "", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), []byte("%PDF-1.4"))
	}
	h := f.srv.Handler()
	page := get(t, h, "/van-ban").Body.String()
	for _, want := range []string{
		`data-tab="">Tất cả <span class="count">67</span>`, `data-tab="ke-hoach">Kế hoạch <span class="count">4</span>`,
		`data-tab="bao-cao">Báo cáo <span class="count">2</span>`, `data-tab="thong-bao">Thông báo <span class="count">60</span>`,
		`data-tab="loi">Lỗi <span class="count">1</span>`, `(1 mục báo cáo)`, `rel="next"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the list lacks %s", want)
		}
	}
	if n := strings.Count(page, `<tr class="doc"`); n != docsPerPage {
		t.Errorf("first page: %d documents, want %d", n, docsPerPage)
	}
	if n := strings.Count(get(t, h, "/van-ban?trang=2").Body.String(), `<tr class="doc"`); n != 67-docsPerPage {
		t.Errorf("second page: %d documents, want %d", n, 67-docsPerPage)
	}
	one := get(t, h, "/van-ban?q=tai+chinh+412").Body.String()
	if n := strings.Count(one, `<tr class="doc"`); n != 1 || !strings.Contains(one, "412/BC-STC") {
		t.Errorf("filter 'tai chinh 412': %d documents", n)
	}
	tb := get(t, h, "/van-ban?loc=thong-bao&sap-xep=so").Body.String()
	if i, j := strings.Index(tb, ">2/TB-UBND<"), strings.Index(tb, ">10/TB-UBND<"); i < 0 || j < 0 || i > j {
		t.Error("sorted by number, 2/TB-UBND does not come before 10/TB-UBND")
	}
	if plans := get(t, h, "/van-ban?loc=ke-hoach").Body.String(); !strings.Contains(plans, "Kế hoạch ngày 05/11/2026 (chưa có số)") {
		t.Error("the unnumbered plan is not named by its date")
	}
}

// TestExports: a unit's tasks and the search results download as
// workbooks with real dates and vanban as author.
func TestExports(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	for _, c := range []struct{ path, sheet, file string }{
		{"/don-vi/excel?ten=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh&ngay=31/12/2026", "Chủ trì", "nhiem-vu-so-tai-chinh-2026-12-31.xlsx"},
		{"/tim-kiem/excel?q=khoi+nghiep", "Kết quả", "tim-kiem.xlsx"},
	} {
		w := get(t, h, c.path)
		if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Disposition"), c.file) {
			t.Errorf("%s: %d %v", c.path, w.Code, w.Header())
			continue
		}
		x, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows(c.sheet)
		props, _ := x.GetDocProps()
		panes, _ := x.GetPanes(c.sheet)
		if len(rows) < 4 || props.Creator != "vanban" || !panes.Freeze {
			t.Errorf("%s: %d rows, author %q, frozen %v", c.path, len(rows), props.Creator, panes.Freeze)
		}
		x.Close()
	}
	if w := get(t, h, "/don-vi/excel?ten=Kh%C3%B4ng"); w.Code != 404 {
		t.Errorf("an unknown unit: %d", w.Code)
	}
}

// TestPDFInline: a PDF's page shows it in a frame; the file is served
// inline, framed by the site only, in a sandbox of its own origin; a
// plain download stays an attachment.
func TestPDFInline(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	if page := get(t, h, "/van-ban/4").Body.String(); !strings.Contains(page, `<iframe class="pdf" src="/tep/40?xem=1"`) {
		t.Error("the PDF report's page has no inline view")
	}
	if page := get(t, h, "/van-ban/1").Body.String(); strings.Contains(page, `<iframe`) {
		t.Error("a DOCX plan's page has a PDF frame")
	}
	w := get(t, h, "/tep/40?xem=1")
	hd := w.Header()
	if !strings.HasPrefix(hd.Get("Content-Disposition"), "inline") || hd.Get("X-Frame-Options") != "SAMEORIGIN" ||
		!strings.Contains(hd.Get("Content-Security-Policy"), "sandbox") || !strings.Contains(hd.Get("Content-Security-Policy"), "frame-ancestors 'self'") {
		t.Errorf("inline PDF headers: %v", hd)
	}
	if d := get(t, h, "/tep/40").Header(); !strings.HasPrefix(d.Get("Content-Disposition"), "attachment") || d.Get("X-Frame-Options") != "DENY" {
		t.Errorf("download headers: %v", d)
	}
	if d := get(t, h, "/tep/10?xem=1").Header(); !strings.HasPrefix(d.Get("Content-Disposition"), "attachment") {
		t.Error("a DOCX is served inline")
	}
}

// TestDocumentStatesShown: a plan's rows show today's state and the
// overdue mark; a report's items link to their tasks.
func TestDocumentStatesShown(t *testing.T) {
	f := newFixture(t, nil)
	plan := f.store.docs[idPlan58]
	plan.RowStates = make([]app.RowState, len(plan.Doc.Rows))
	plan.RowStates[0] = app.RowState{State: vanban.NotReportedState, Overdue: true}
	f.store.docs[idSTC].ItemMatches = []app.ItemMatch{{Plan: "58/KH-UBND", PlanID: idPlan58, Task: "3.3", Accepted: true}}
	h := f.srv.Handler()
	row := between(get(t, h, "/van-ban/1").Body.String(), `id="r-1.1"`, `</tr>`)
	if !strings.Contains(row, "chưa báo cáo") || !strings.Contains(row, "Quá hạn") {
		t.Errorf("row 1.1 shows no state: %s", row)
	}
	if page := get(t, h, "/van-ban/3").Body.String(); !strings.Contains(page, `<a class="ref" href="/van-ban/1#r-3.3">58/KH-UBND — 3.3</a>`) {
		t.Error("the report's item does not link to its task")
	}
}
