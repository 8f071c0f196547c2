package app

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"vanban"
	"vanban/internal/sharedtest"
)

// leads returns the STTs unit leads in the assignments.
func leads(t *testing.T, a *App, unit string) []string {
	t.Helper()
	units, err := a.Assignments(context.Background(), "58/KH-UBND", vanban.D(2026, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, u := range units {
		if u.Unit == unit {
			for _, task := range u.Lead {
				out = append(out, task.STT)
			}
		}
	}
	return out
}

func hitIDs(t *testing.T, a *App, q string) []string {
	t.Helper()
	res, err := a.Search(context.Background(), SearchRequest{Query: q, Limit: 100})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// TestCorrectLead: a person corrects row 3.3's lead from Sở Tài chính to
// Sở Nội vụ. The assignments, the cross-check and the search follow at
// once; the correction survives reading the file again (ingest
// --reread); undone, the document reads as extracted.
func TestCorrectLead(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{Data: t.TempDir(), Create: true, Index: WithIndex,
		Now: func() time.Time { return time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	files := []string{sharedtest.Path(t, "corpus", "ke-hoach-58-kh-ubnd-2026.docx"), sharedtest.Path(t, "corpus", "bao-cao-412-bc-stc-2026.docx")}
	if sum, _ := a.Ingest(ctx, files, IngestOptions{}, nil, nil); sum.Stored != 2 {
		t.Fatalf("ingest: %+v", sum)
	}
	if !slices.Contains(leads(t, a, "Sở Tài chính"), "3.3") || slices.Contains(leads(t, a, "Sở Nội vụ"), "3.3") {
		t.Fatalf("before: Sở Tài chính leads %v, Sở Nội vụ %v", leads(t, a, "Sở Tài chính"), leads(t, a, "Sở Nội vụ"))
	}
	plan, err := a.findDocument(ctx, "58/KH-UBND")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(plan.Rows, func(r vanban.Task) bool { return r.STT == "3.3" })
	row := RowKeys(plan.Rows)[i]
	id, err := a.Correct(ctx, Correction{DocID: plan.ID, Row: row, Field: FieldLead, Value: "Sở Nội vụ", Author: "văn thư"})
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string, corrected bool) {
		t.Helper()
		inNV, inTC := slices.Contains(leads(t, a, "Sở Nội vụ"), "3.3"), slices.Contains(leads(t, a, "Sở Tài chính"), "3.3")
		if inNV != corrected || inTC == corrected {
			t.Errorf("%s: row 3.3 led by Sở Nội vụ %v, by Sở Tài chính %v", when, inNV, inTC)
		}
		cc, err := a.Check(ctx, "58/KH-UBND", vanban.D(2026, 12, 31))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range cc.Units {
			has := slices.ContainsFunc(u.Lead, func(tc TaskCheck) bool { return tc.STT == "3.3" })
			if u.Unit == "Sở Nội vụ" && has != corrected || u.Unit == "Sở Tài chính" && has == corrected {
				t.Errorf("%s: cross-check gives %s row 3.3: %v", when, u.Unit, has)
			}
		}
		if got := slices.Contains(hitIDs(t, a, `chu-tri:"Sở Nội vụ"`), "58/KH-UBND#3.3"); got != corrected {
			t.Errorf("%s: search chu-tri:\"Sở Nội vụ\" finds row 3.3: %v", when, got)
		}
	}
	check("corrected", true)
	p, err := a.Document(ctx, plan.ID)
	if err != nil || len(p.Corrections) != 1 || p.Corrections[0].Old != "Sở Tài chính" || p.Corrections[0].Author != "văn thư" {
		t.Errorf("the page's corrections: %+v, %v", p.Corrections, err)
	}
	if sum, _ := a.Ingest(ctx, files[:1], IngestOptions{Reread: true}, nil, nil); len(sum.Results) != 1 || sum.Results[0].Err != nil {
		t.Fatalf("reread: %+v", sum.Results)
	}
	check("after ingest --reread", true)
	if err := a.UndoCorrection(ctx, plan.ID, id, "văn thư"); err != nil {
		t.Fatal(err)
	}
	check("undone", false)
}

// TestCorrectDocumentAndRows: document fields and row fields apply in
// order; a timeframe's milestones are read again; a row marked as no
// task goes; a wrong date or an unknown field is refused.
func TestCorrectDocumentAndRows(t *testing.T) {
	a := dueApp(t)
	ctx := context.Background()
	plan, err := a.findDocument(ctx, "58/KH-UBND")
	if err != nil {
		t.Fatal(err)
	}
	keys := RowKeys(plan.Rows)
	n := len(plan.Rows)
	for _, c := range []Correction{
		{DocID: plan.ID, Field: FieldDate, Value: "21/3/2026"},
		{DocID: plan.ID, Row: keys[0], Field: FieldTimeframe, Value: "Trước ngày 30/6/2027"},
		{DocID: plan.ID, Row: keys[1], Field: FieldNotTask, Value: "1"},
		{DocID: plan.ID, Row: keys[2], Field: FieldSTT, Value: "1.3a"},
	} {
		if _, err := a.Correct(ctx, c); err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
	}
	doc, err := a.document(ctx, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Date != vanban.D(2026, 3, 21) || len(doc.Rows) != n-1 || doc.Rows[1].STT != "1.3a" {
		t.Errorf("date %s, %d rows (want %d), second row %q", doc.Meta.Date.VN(), len(doc.Rows), n-1, doc.Rows[1].STT)
	}
	if ms := doc.Rows[0].Milestones; len(ms) != 1 || ms[0].Due != vanban.D(2027, 6, 30) {
		t.Errorf("milestones after the timeframe's correction: %+v", ms)
	}
	docs, _ := a.Documents(ctx)
	for _, d := range docs {
		if d.ID == plan.ID && d.Date != vanban.D(2026, 3, 21) {
			t.Errorf("the list shows the date %s, not the corrected one", d.Date.VN())
		}
	}
	for _, bad := range []Correction{
		{DocID: plan.ID, Field: FieldDate, Value: "31/2/2026"},
		{DocID: plan.ID, Field: "issuer", Value: "x"},
		{DocID: plan.ID, Row: "IX|99", Field: FieldLead, Value: "x"},
		{DocID: plan.ID, Row: keys[3], Field: FieldLead, Value: plan.Rows[3].Lead},
	} {
		if _, err := a.Correct(ctx, bad); vanban.ErrorCode(err) != vanban.EInvalid && vanban.ErrorCode(err) != vanban.ENotFound {
			t.Errorf("%+v: %v, want refused", bad, err)
		}
	}
}

// TestCorrectAddRow: a row the reading missed is added (its cells read
// into units and milestones), reaches the assignments and the
// deadlines, can itself be corrected, and goes when its addition is
// undone.
func TestCorrectAddRow(t *testing.T) {
	a := dueApp(t)
	ctx := context.Background()
	plan, err := a.findDocument(ctx, "58/KH-UBND")
	if err != nil {
		t.Fatal(err)
	}
	n := len(plan.Rows)
	row := `{"section":"III","stt":"3.99","task":"Số hóa hồ sơ khoa học","lead":"Sở Nội vụ","timeframe":"Trước ngày 15/01/2027"}`
	id, err := a.Correct(ctx, Correction{DocID: plan.ID, Field: FieldAddRow, Value: row, Author: "văn thư"})
	if err != nil {
		t.Fatal(err)
	}
	doc, keys, err := a.documentKeyed(ctx, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	added := doc.Rows[len(doc.Rows)-1]
	if len(doc.Rows) != n+1 || keys[n] != "+"+strconv.FormatInt(id, 10) || added.Section.Title == "" ||
		len(added.LeadParties) != 1 || len(added.Milestones) != 1 || added.Milestones[0].Due != vanban.D(2027, 1, 15) {
		t.Fatalf("added row %+v (key %q), %d rows", added, keys[len(keys)-1], len(doc.Rows))
	}
	if !slices.Contains(leads(t, a, "Sở Nội vụ"), "3.99") {
		t.Error("the added row is not among Sở Nội vụ's tasks")
	}
	l, err := a.DueList(ctx, DueQuery{From: vanban.D(2027, 1, 1), Days: 30, Unit: "Sở Nội vụ"})
	if err != nil || !slices.ContainsFunc(l.Upcoming, func(it DueItem) bool { return it.STT == "3.99" }) {
		t.Errorf("the added row is not due in January 2027: %v", err)
	}
	if _, err := a.Correct(ctx, Correction{DocID: plan.ID, Row: keys[n], Field: FieldLead, Value: "Sở Tài chính"}); err != nil {
		t.Fatalf("correcting the added row: %v", err)
	}
	if !slices.Contains(leads(t, a, "Sở Tài chính"), "3.99") {
		t.Error("the added row's corrected lead is not followed")
	}
	if _, err := a.Correct(ctx, Correction{DocID: plan.ID, Field: FieldAddRow, Value: `{"stt":"1"}`}); vanban.ErrorCode(err) != vanban.EInvalid {
		t.Errorf("a row without a task: %v", err)
	}
	if err := a.UndoCorrection(ctx, plan.ID, id, "văn thư"); err != nil {
		t.Fatal(err)
	}
	if doc, _ := a.document(ctx, plan.ID); len(doc.Rows) != n {
		t.Errorf("after undo: %d rows, want %d", len(doc.Rows), n)
	}
}
