package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
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
