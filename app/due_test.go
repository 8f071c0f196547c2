package app

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"vanban"
	"vanban/crosscheck/crosschecktest"
	"vanban/internal/sharedtest"
)

// dueApp is an App over plan 58 and its two reports, today 31/12/2026.
func dueApp(t *testing.T) *App {
	t.Helper()
	a, err := Open(context.Background(), Config{Data: t.TempDir(), Create: true, Index: NoIndex,
		Now: func() time.Time { return time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	storeInto(t, a.db, crosschecktest.Plan(t, sharedtest.Dir(t)))
	storeInto(t, a.db, crosschecktest.ReportSTC())
	storeInto(t, a.db, crosschecktest.ReportBQL())
	return a
}

// TestDueList: the deadlines page lists exactly what `vanban due` lists
// for the window, each with its unit's report state, and the tasks
// overdue on the window's first day.
func TestDueList(t *testing.T) {
	a := dueApp(t)
	ctx := context.Background()
	for _, q := range []DueQuery{
		{From: vanban.D(2026, 12, 1), Days: 60},
		{From: vanban.D(2026, 12, 1), Days: 60, Unit: "Sở Tài chính"},
		{From: vanban.D(2027, 1, 1), Days: 365, Plan: "58/KH-UBND"},
	} {
		groups, err := a.Due(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, g := range groups {
			want += len(g.Reminders)
		}
		l, err := a.DueList(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Upcoming) != want || want == 0 {
			t.Errorf("%+v: %d upcoming, `vanban due` lists %d", q, len(l.Upcoming), want)
		}
		for _, it := range l.Upcoming {
			if it.Due.Before(q.From) || it.Due.After(l.To) || it.Kind == vanban.KindUnit && it.ReportStatus == "" || it.PlanID == 0 {
				t.Errorf("%+v: upcoming %+v outside the window or without its report state", q, it)
				break
			}
			if q.Unit != "" && it.Unit != q.Unit {
				t.Errorf("unit filter %q lets %q through", q.Unit, it.Unit)
			}
		}
		for _, it := range l.Overdue {
			if !it.Overdue || !it.Due.Before(q.From) || q.Unit != "" && it.Unit != q.Unit {
				t.Errorf("%+v: overdue %+v is not overdue on %s", q, it, q.From.VN())
				break
			}
		}
		if len(l.Units) == 0 {
			t.Errorf("%+v: no units for the filter", q)
		}
	}
	if _, err := a.DueList(ctx, DueQuery{Days: 30, Unit: "Sở Không Có"}); vanban.ErrorCode(err) != vanban.ENotFound {
		t.Errorf("an unknown unit gives %v, want ENotFound", err)
	}
}

// TestDueListOverdue: on the last day of 2026 some task of plan 58 is
// overdue (its timeframe ends within 2026 and its lead has not reported
// it done).
func TestDueListOverdue(t *testing.T) {
	a := dueApp(t)
	l, err := a.DueList(context.Background(), DueQuery{Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Overdue) == 0 {
		t.Fatal("no overdue task on 31/12/2026")
	}
	for i := 1; i < len(l.Overdue); i++ {
		if l.Overdue[i].Due.Before(l.Overdue[i-1].Due) {
			t.Fatalf("overdue list not by deadline: %s after %s", l.Overdue[i].Due.VN(), l.Overdue[i-1].Due.VN())
		}
	}
}

// TestDueXLSX: the workbook reads back with real dates, a frozen header
// and vanban as its author.
func TestDueXLSX(t *testing.T) {
	a := dueApp(t)
	l, err := a.DueList(context.Background(), DueQuery{From: vanban.D(2026, 12, 1), Days: 60})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	now := time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC)
	if err := WriteDueXLSX(&b, l, now); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, err := f.GetDocProps()
	if err != nil || props.Creator != "vanban" || props.Created != "2026-12-31T12:00:00Z" {
		t.Errorf("properties %+v, %v", props, err)
	}
	for sheet, items := range map[string][]DueItem{"Quá hạn": l.Overdue, "Đến hạn": l.Upcoming} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != tableHeaderRow+len(items) || rows[tableHeaderRow-1][1] != "Hạn" {
			t.Errorf("%s: %d rows, want %d under the header", sheet, len(rows), tableHeaderRow+len(items))
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != tableHeaderRow {
			t.Errorf("%s: panes %+v, %v; want the header frozen", sheet, panes, err)
		}
		if len(items) == 0 {
			continue
		}
		raw, err := f.GetCellValue(sheet, "B4", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := excelize.ExcelDateToTime(mustFloat(t, raw), false)
		if err != nil || vanban.DateOf(got) != items[0].Due {
			t.Errorf("%s B4 = %q (%v), want the date %s as an Excel serial", sheet, raw, got, items[0].Due.VN())
		}
		if shown, _ := f.GetCellValue(sheet, "B4"); shown != items[0].Due.VN() {
			t.Errorf("%s B4 shows %q, want %s", sheet, shown, items[0].Due.VN())
		}
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	var f float64
	if _, err := fmt.Sscan(s, &f); err != nil {
		t.Fatalf("%q is not a number: %v", s, err)
	}
	return f
}
