package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"vanban"
	"vanban/crosscheck/crosschecktest"
	"vanban/internal/sharedtest"
)

// TestUnnumberedPlanAssigned: a plan stored without a number (issued with
// the number stamped later) is listed among the plans, named by its date,
// and its tasks reach the units' assignments.
func TestUnnumberedPlanAssigned(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{Data: t.TempDir(), Create: true, Index: NoIndex,
		Now: func() time.Time { return time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	plan := crosschecktest.Plan(t, sharedtest.Dir(t))
	plan.File = "ke-hoach-chua-so.docx"
	plan.Meta.Number, plan.Meta.Symbol, plan.Meta.Reference = "", "", ""
	storeInto(t, a.db, plan)
	plans, err := a.Plans(ctx)
	if err != nil || len(plans) != 1 {
		t.Fatalf("plans %+v, %v; want the unnumbered plan", plans, err)
	}
	p := plans[0]
	if p.PlanKey() == "" || p.Label() != "Kế hoạch ngày "+plan.Meta.Date.VN()+" (chưa có số)" {
		t.Errorf("key %q, label %q", p.PlanKey(), p.Label())
	}
	units, err := a.Assignments(ctx, p.PlanKey(), vanban.Date{})
	if err != nil || len(units) == 0 {
		t.Fatalf("assignments of the unnumbered plan: %d units, %v", len(units), err)
	}
	for _, u := range units {
		for _, task := range u.Lead {
			if task.Plan != p.Label() || task.PlanID != p.ID {
				t.Fatalf("%s: task of plan %q (id %d), want %q (id %d)", u.Unit, task.Plan, task.PlanID, p.Label(), p.ID)
			}
		}
	}
}

// TestYearlyDeadlineAhead: a yearly task shows its next deadline before
// it passes ("hằng năm, hạn 15/12"), not a dash until the day after.
func TestYearlyDeadlineAhead(t *testing.T) {
	a := dueApp(t)
	cc, err := a.Check(context.Background(), "58/KH-UBND", vanban.D(2026, 11, 1))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, u := range cc.Units {
		for _, task := range u.Lead {
			if !strings.EqualFold(task.Timeframe, "hằng năm") && !strings.EqualFold(task.Timeframe, "hàng năm") {
				continue
			}
			seen++
			if task.Recurrence != vanban.Yearly || task.Next.IsZero() || task.Next.Before(cc.AsOf) || !strings.HasPrefix(task.DueLabel, "hằng năm, hạn ") {
				t.Errorf("%s %s: next %s, label %q; want the coming yearly deadline", u.Unit, task.STT, task.Next.VN(), task.DueLabel)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no yearly task led by a unit")
	}
}

// TestDocumentStates: a plan's page carries each row's state today, a
// report's page the task each item was matched to.
func TestDocumentStates(t *testing.T) {
	a := dueApp(t)
	ctx := context.Background()
	docs, err := a.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		p, err := a.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		switch d.Reference {
		case "58/KH-UBND":
			overdue := 0
			for _, s := range p.RowStates {
				if s.Overdue {
					overdue++
				}
			}
			if len(p.RowStates) != len(p.Doc.Rows) || overdue == 0 {
				t.Errorf("plan: %d states for %d rows, %d overdue", len(p.RowStates), len(p.Doc.Rows), overdue)
			}
		case "412/BC-STC":
			if len(p.ItemMatches) != len(p.Doc.ReportItems) || !slices.ContainsFunc(p.ItemMatches, func(m ItemMatch) bool { return m.Task == "3.3" && m.PlanID != 0 }) {
				t.Errorf("report 412: matches %+v", p.ItemMatches)
			}
		}
	}
}
