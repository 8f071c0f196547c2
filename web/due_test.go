package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"vanban"
	"vanban/app"
)

// DueList over the fakes: the overdue tasks of the fake cross-check, and
// each yearly task ("Hàng năm") falling due on 15/12 inside the window.
func (a *fakeApp) DueList(ctx context.Context, q app.DueQuery) (*app.DueList, error) {
	cc, err := a.Check(ctx, "58/KH-UBND", q.From)
	if err != nil {
		return nil, err
	}
	l := &app.DueList{From: q.From, To: vanban.DateOf(q.From.Time().AddDate(0, 0, q.Days)), Days: q.Days, Unit: q.Unit,
		Upcoming: []app.DueItem{}, Overdue: []app.DueItem{}}
	found := q.Unit == ""
	for _, u := range cc.Units {
		l.Units = append(l.Units, u.Unit)
		if q.Unit != "" && u.Unit != q.Unit {
			continue
		}
		found = true
		for _, t := range u.Lead {
			it := app.DueItem{Unit: u.Unit, Kind: vanban.KindUnit, Plan: cc.Plan, PlanID: cc.PlanID, STT: t.STT, Task: t.Task,
				Timeframe: t.Timeframe, Role: t.Role, Due: t.Due, Overdue: t.Overdue, State: t.State, ReportStatus: u.ReportStatus, Report: u.Report}
			if t.Overdue {
				l.Overdue = append(l.Overdue, it)
			}
			due := vanban.D(q.From.Year, 12, 15)
			if strings.EqualFold(t.Timeframe, "hàng năm") && !due.Before(q.From) && !due.After(l.To) {
				it.Due, it.Recurrence, it.Overdue = due, vanban.Yearly, false
				l.Upcoming = append(l.Upcoming, it)
			}
		}
	}
	if !found {
		return nil, vanban.Errorf(vanban.ENotFound, "không có đơn vị %q trong các kế hoạch hiện hành", q.Unit)
	}
	return l, nil
}

// The drafts over the fakes name what they were asked for.
func (a *fakeApp) DraftReminder(ctx context.Context, req app.DraftRequest) ([]byte, error) {
	return fakeDraft("reminder", req)
}

func (a *fakeApp) DraftSummary(ctx context.Context, req app.DraftRequest) ([]byte, error) {
	return fakeDraft("summary", req)
}

func fakeDraft(kind string, req app.DraftRequest) ([]byte, error) {
	if req.Plan != "58/KH-UBND" {
		return nil, vanban.Errorf(vanban.ENotFound, "không tìm thấy kế hoạch %q", req.Plan)
	}
	return []byte(fmt.Sprintf("PK\x03\x04 fake %s %s %s %s", kind, req.Plan, req.AsOf, strings.Join(req.Units, "|"))), nil
}

// TestDuePage: the deadlines page lists the overdue tasks and those due
// in the window, per unit, with links to each task and unit; its filters
// narrow it; an unknown unit is a message, not an error page.
func TestDuePage(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	w := get(t, h, "/den-han?tu=01/12/2026&trong=30d")
	body := w.Body.String()
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, body)
	}
	for _, want := range []string{
		`Quá hạn tính đến ngày 01/12/2026`, `Đến hạn từ 01/12/2026 đến 31/12/2026`,
		`href="/van-ban/1#r-`, `href="/don-vi?ten=S%e1%bb%9f%20T%c3%a0i%20ch%c3%adnh"`, `15/12/2026`, `hằng năm`,
		`href="/den-han/excel?`, `class="active">Đến hạn</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := strings.Count(body, `class="due-item is-overdue"`); n == 0 {
		t.Error("no overdue row")
	}
	one := get(t, h, "/den-han?tu=01/12/2026&trong=30d&don-vi=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh").Body.String()
	if strings.Contains(one, `data-unit="Sở Nội vụ"`) || !strings.Contains(one, `data-unit="Sở Tài chính"`) {
		t.Error("the unit filter does not keep only Sở Tài chính")
	}
	bad := get(t, h, "/den-han?don-vi=Kh%C3%B4ng+c%C3%B3")
	if bad.Code != 200 || !strings.Contains(bad.Body.String(), `class="error"`) {
		t.Errorf("an unknown unit: %d, want the page with a message", bad.Code)
	}
	if w := get(t, h, "/den-han?trong=abc"); !strings.Contains(w.Body.String(), "không hợp lệ") {
		t.Error("a bad window gives no message")
	}
	if w := get(t, h, "/"); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/den-han" {
		t.Errorf("/ goes to %q, want the deadlines page", w.Header().Get("Location"))
	}
}

// TestDueExcel: the page's workbook reads back with real dates.
func TestDueExcel(t *testing.T) {
	f := newFixture(t, nil)
	w := get(t, f.srv.Handler(), "/den-han/excel?tu=01/12/2026&trong=30d")
	if w.Code != 200 || w.Header().Get("Content-Type") != contentType("xlsx") || !strings.Contains(w.Header().Get("Content-Disposition"), "den-han-2026-12-01-30d.xlsx") {
		t.Fatalf("status %d, headers %v", w.Code, w.Header())
	}
	x, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	raw, _ := x.GetCellValue("Đến hạn", "B4", excelize.Options{RawCellValue: true})
	var serial float64
	fmt.Sscan(raw, &serial)
	if d, err := excelize.ExcelDateToTime(serial, false); err != nil || !d.Equal(time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("B4 holds %q, want 15/12/2026 as an Excel date", raw)
	}
	if p, _ := x.GetDocProps(); p == nil || p.Creator != "vanban" {
		t.Errorf("properties %+v", p)
	}
}

// TestCrosscheckDrafts: the cross-check page offers the summary and a
// reminder per unit to remind; the links download the drafted DOCX the
// application wrote for that plan, date and unit.
func TestCrosscheckDrafts(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	page := get(t, h, "/doi-chieu?ke-hoach=58/KH-UBND&ngay=31/12/2026").Body.String()
	for _, want := range []string{
		`href="/doi-chieu/soan/bao-cao-tong-hop?ke-hoach=58%2FKH-UBND&amp;ngay=31%2F12%2F2026"`,
		`href="/doi-chieu/soan/cong-van-nhac?ke-hoach=58%2FKH-UBND&amp;ngay=31%2F12%2F2026&amp;don-vi=Ban%20Qu%e1%ba%a3n%20l%c3%bd%20khu%20kinh%20t%e1%ba%bf"`,
		`>Soạn công văn nhắc</a>`, `>Soạn báo cáo tổng hợp</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the cross-check page lacks %s", want)
		}
	}
	for _, c := range []struct {
		path, file, body string
		status           int
	}{
		{"/doi-chieu/soan/cong-van-nhac?ke-hoach=58/KH-UBND&ngay=31/12/2026&don-vi=Ban+Qu%E1%BA%A3n+l%C3%BD+khu+kinh+t%E1%BA%BF",
			"cong-van-nhac-58-KH-UBND-2026-12-31-ban-quan-ly-khu-kinh-te.docx", "fake reminder 58/KH-UBND 2026-12-31 Ban Quản lý khu kinh tế", 200},
		{"/doi-chieu/soan/bao-cao-tong-hop?ke-hoach=58/KH-UBND&ngay=31/12/2026", "bao-cao-tong-hop-58-KH-UBND-2026-12-31.docx", "fake summary 58/KH-UBND 2026-12-31", 200},
		{"/doi-chieu/soan/bao-cao-tong-hop?ke-hoach=77/KH-KHONG", "", "", 404},
		{"/doi-chieu/soan/bao-cao-tong-hop", "", "", 400},
		{"/doi-chieu/soan/khac?ke-hoach=58/KH-UBND", "", "", 404},
	} {
		w := get(t, h, c.path)
		if w.Code != c.status {
			t.Errorf("%s: status %d, want %d", c.path, w.Code, c.status)
			continue
		}
		if c.status != 200 {
			continue
		}
		if ct := w.Header().Get("Content-Type"); ct != contentType("docx") {
			t.Errorf("%s: content type %q", c.path, ct)
		}
		if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, c.file) {
			t.Errorf("%s: disposition %q, want %s", c.path, cd, c.file)
		}
		if !strings.Contains(w.Body.String(), c.body) {
			t.Errorf("%s: body %q, want %q", c.path, w.Body.String(), c.body)
		}
	}
}

// TestUnknownPlanSelectsNone: with a plan the store does not hold, the
// selector shows no plan instead of silently showing the first.
func TestUnknownPlanSelectsNone(t *testing.T) {
	f := newFixture(t, nil)
	body := get(t, f.srv.Handler(), "/doi-chieu?ke-hoach=77/KH-KHONG").Body.String()
	if !strings.Contains(body, `<option value="" selected>— Chọn kế hoạch —</option>`) || strings.Contains(body, `value="58/KH-UBND" selected`) {
		t.Error("an unknown plan leaves a plan selected")
	}
	if !strings.Contains(body, `class="error"`) {
		t.Error("an unknown plan shows no message")
	}
}

// TestAssignmentsEveryPlan: Nhiệm vụ lists the unnumbered plan by its
// date, its tasks under their units, sorts on request, and links every
// unit name to the unit's page; a low-confidence reading is marked.
func TestAssignmentsEveryPlan(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	body := get(t, h, "/nhiem-vu?ngay=31/12/2026").Body.String()
	for _, want := range []string{
		`<option value="7">Kế hoạch ngày 05/11/2026 (chưa có số)</option>`,
		`<a href="/van-ban/7#r-1">Kế hoạch ngày 05/11/2026 (chưa có số)</a>`,
		`href="/don-vi?ten=S%e1%bb%9f%20N%e1%bb%99i%20v%e1%bb%a5"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("Nhiệm vụ lacks %s", want)
		}
	}
	one := get(t, h, "/nhiem-vu?ke-hoach=7&ngay=31/12/2026").Body.String()
	if !strings.Contains(one, `<option value="7" selected>`) || strings.Contains(one, `58/KH-UBND</a>`) {
		t.Error("choosing the unnumbered plan does not select it alone")
	}
	sorted := get(t, h, "/nhiem-vu?ngay=31/12/2026&sap-xep=tinh-trang").Body.String()
	block := between(sorted, `id="u-so-khoa-hoc-va-cong-nghe"`, `</section>`)
	first := strings.Index(block, `class="task is-overdue"`)
	plain := strings.Index(block, `class="task"`)
	if first < 0 || plain >= 0 && plain < first {
		t.Error("sorted by state, the overdue tasks do not come first")
	}
	if docs := get(t, h, "/van-ban").Body.String(); strings.Count(docs, `class="badge review"`) != 1 {
		t.Error("the low-confidence report is not marked for review on the list")
	}
	if doc := get(t, h, "/van-ban/4").Body.String(); !strings.Contains(doc, "Cần kiểm tra") || !strings.Contains(doc, "62%") {
		t.Error("the low-confidence report's page has no review mark")
	}
}

// TestSetStatusForm: the cross-check page offers a person's status for
// each task a report matched, and the form stores it through the
// application with the note and who set it.
func TestSetStatusForm(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	page := get(t, h, "/doi-chieu?ke-hoach=58/KH-UBND&ngay=31/12/2026").Body.String()
	opt := regexp.MustCompile(`<option value="(412/BC-STC#[^"]+)">`).FindStringSubmatch(page)
	if !strings.Contains(page, `action="/doi-chieu/trang-thai"`) || opt == nil {
		t.Fatal("the cross-check page offers no status form for Sở Tài chính's reported tasks")
	}
	form := url.Values{"plan": {"58/KH-UBND"}, "ngay": {"31/12/2026"}, "don-vi": {"Sở Tài chính"},
		"muc": {html.UnescapeString(opt[1])}, "trang-thai": {"hoan-thanh"}, "ghi-chu": {"đã có QĐ 12"}, "nguoi-sua": {"Chị Lan"}}
	form.Set("csrf", between(page, `name="csrf-token" content="`, `"`))
	w := do(t, h, request{method: http.MethodPost, path: "/doi-chieu/trang-thai", body: strings.NewReader(form.Encode()),
		header: map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://127.0.0.1:8080"}})
	if w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Location"), "#d-") {
		t.Fatalf("status %d, location %q", w.Code, w.Header().Get("Location"))
	}
	got := f.check.statuses
	if len(got) != 1 || got[0].Report != "412/BC-STC" || got[0].Item == "" || got[0].Status != vanban.TaskDone ||
		got[0].Note != "đã có QĐ 12" || got[0].By != "Chị Lan" || got[0].Plan != "58/KH-UBND" {
		t.Errorf("stored %+v", got)
	}
	form.Set("trang-thai", "xong")
	if code := postForm(t, f, "/doi-chieu/trang-thai", form); code != http.StatusBadRequest {
		t.Errorf("an unknown status: %d, want 400", code)
	}
}
