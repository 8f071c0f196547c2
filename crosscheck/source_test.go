package crosscheck_test

import (
	"context"
	"path/filepath"
	"testing"

	"vanban"
	"vanban/crosscheck"
	"vanban/ingest"
	"vanban/normalize"
	"vanban/store"
)

// expectSource maps expect.json's sources to crosscheck's.
var expectSource = map[string]crosscheck.StatusSource{
	"progress column": crosscheck.SourceColumn, "result text": crosscheck.SourceResultText, "prose": crosscheck.SourceProse,
}

// Every status of the cross-check says where it was read: of each
// expected task matched, the source must be the one expect.json gives.
func TestReportsStatusSource(t *testing.T) {
	fx := loadReportFixtures(t)
	checked := 0
	for _, rep := range fx.expect.Reports {
		if rep.Plan == "" {
			continue
		}
		for _, f := range rep.Files {
			doc := fx.docs[f]
			if doc == nil {
				continue
			}
			plan := fx.plans[rep.Plan]
			r := fx.check(plan, doc)
			if reportInfo(r, doc) == nil {
				continue
			}
			keys := crosscheck.TaskKeys(plan)
			for _, et := range rep.Tasks {
				row, err := resolveTask(plan, et.Task, rep.Unit)
				if err != nil {
					continue
				}
				for _, m := range reportMatches(r, doc) {
					if m.Accepted && m.Task == keys[row] {
						checked++
						if want := expectSource[et.Source]; m.Source != want {
							t.Errorf("%s: task %s: status read from %s, want %s", f, et.Task, m.Source, want)
						}
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no matched task to check")
	}
}

// A status a person sets for a report item is kept with who and when,
// survives the corrected version of the report re-sent with a row
// inserted before it, and is shown as a person's decision.
func TestReportsPersonStatusSurvivesReingest(t *testing.T) {
	fx := loadReportFixtures(t)
	ctx := context.Background()
	db, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	inbox := t.TempDir()
	p := &ingest.Pipeline{Store: db, Extract: func(ctx context.Context, path string) (*vanban.Document, error) { return readDocument(path) }}
	planID := ingestOK(t, p, copyFile(t, filepath.Join(fx.shared, filepath.FromSlash(fx.expect.Plans["58/KH-UBND"].File)), inbox, "ke-hoach-58.docx"))
	repPath := copyFile(t, filepath.Join(fx.dir, "04-stc-hp-stt-ke-hoach.docx"), inbox, "bao-cao-stc.docx")
	repID := ingestOK(t, p, repPath)
	_, rep := loadPair(t, db, planID, repID)
	item := itemAbout(rep, "PII")
	if item < 0 {
		t.Fatal("no PII item")
	}
	d := store.StatusDecision{Status: string(vanban.TaskInProgress), Note: "đã gửi dự thảo", DecidedBy: "thu.ky"}
	if err := db.SetStatusDecision(ctx, repID, crosscheck.ItemKey(rep.ReportItems[item]), d); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(fx.dir, "04-stc-hp-stt-ke-hoach-v2.docx"), inbox, "bao-cao-stc.docx")
	ingestOK(t, p, repPath)
	plan, rep := loadPair(t, db, planID, repID)
	set, err := db.StatusDecisions(ctx, repID)
	if err != nil {
		t.Fatal(err)
	}
	statuses := crosscheck.Statuses{}
	for key, d := range set {
		statuses[crosscheck.StatusKey{Plan: plan.Meta.Reference, Report: crosscheck.ReportKey(rep), Item: key}] =
			crosscheck.StatusDecision{Status: vanban.TaskStatus(d.Status), Note: d.Note, By: d.DecidedBy, At: d.DecidedAt}
	}
	r := crosscheck.Check(crosscheck.Input{Plan: plan, Reports: []*vanban.Document{rep}, AsOf: fx.asOf, Statuses: statuses, Aliases: normalize.DefaultAliases()})
	item = itemAbout(rep, "PII")
	for _, m := range reportMatches(r, rep) {
		if m.Item != item+1 {
			continue
		}
		if m.Status != vanban.TaskInProgress || m.Source != crosscheck.SourcePerson || m.DecidedBy != "thu.ky" || m.Note != "đã gửi dự thảo" || m.DecidedAt.IsZero() {
			t.Errorf("after re-sending: %s from %s by %q (%q, %v), want in_progress from a person", m.Status, m.Source, m.DecidedBy, m.Note, m.DecidedAt)
		}
		return
	}
	t.Errorf("no match for item %d", item+1)
}

func TestParseStatusArg(t *testing.T) {
	for _, c := range []struct {
		in   string
		want crosscheck.StatusArg
		ok   bool
	}{
		{"412/BC-STC#2=done", crosscheck.StatusArg{Report: "412/BC-STC", Item: 2, Status: vanban.TaskDone}, true},
		{"412/BC-STC#3=chua-thuc-hien:chờ hướng dẫn", crosscheck.StatusArg{Report: "412/BC-STC", Item: 3, Status: vanban.TaskNotStarted, Note: "chờ hướng dẫn"}, true},
		{"412/BC-STC#3=in_progress", crosscheck.StatusArg{Report: "412/BC-STC", Item: 3, Status: vanban.TaskInProgress}, true},
		{"412/BC-STC#3=maybe", crosscheck.StatusArg{}, false},
		{"412/BC-STC=done", crosscheck.StatusArg{}, false},
	} {
		got, err := crosscheck.ParseStatusArg(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseStatusArg(%q) = %+v, %v; want %+v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}
