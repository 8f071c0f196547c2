// Package storetest is one test suite for every store back end (the
// SQLite store of package store, package store/postgres), the way
// Perkeep's kvtest runs one suite against every key-value store: each
// back end's tests call Run with a function that opens an empty store.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"vanban"
	"vanban/store"
)

var ctx = context.Background()

// Opener opens an empty store for one test; the store is closed when the
// test ends.
type Opener func(t testing.TB) Store

// Run runs the suite against the stores open gives.
func Run(t *testing.T, open Opener) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"RoundTrip", testRoundTrip},
		{"DuplicateIsNoOp", testDuplicateIsNoOp},
		{"NewVersionReplacesRows", testNewVersionReplacesRows},
		{"Renditions", testRenditions},
		{"DraftSupersededAndReports", testDraftSupersededAndReports},
		{"Failures", testFailures},
		{"FailedPlaceholderJoinsItsDocument", testFailedPlaceholderJoinsItsDocument},
		{"RetryOfFailedContent", testRetryOfFailedContent},
		{"RestoreOldVersion", testRestoreOldVersion},
		{"FindDocument", testFindDocument},
		{"TasksForUnit", testTasksForUnit},
		{"Decisions", testDecisions},
		{"DecisionFollowsMovedItem", testDecisionFollowsMovedItem},
		{"StatusDecisions", testStatusDecisions},
		{"Corrections", testCorrections},
		{"DocumentVersions", testDocumentVersions},
		{"ConcurrentSameContent", testConcurrentSameContent},
		{"OtherDocumentUnderOldName", testOtherDocumentUnderOldName},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

// incoming writes content to a file named name in dir and keeps a copy.
func incoming(t testing.TB, db Store, dir, name, content string) store.Incoming {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := db.Keep(path)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	return store.Incoming{Path: path, Name: name, ModTime: st.ModTime(), Format: strings.TrimPrefix(filepath.Ext(name), "."), Blob: b}
}

// plan returns a plan with every field of the domain types set.
func plan(ref string, date vanban.Date, tasks int) *vanban.Document {
	num, sym, _ := strings.Cut(ref, "/")
	d := &vanban.Document{
		Format: "docx", Pages: 3,
		Meta: vanban.Meta{
			DocType: vanban.TypePlan, Number: num, Symbol: sym, Reference: ref,
			Issuer: "Ủy ban nhân dân thành phố Hải Phòng", Place: "Hải Phòng", Date: date,
			Title: "Thực hiện Quyết định số 709/QĐ-TTg", Signer: "Hoàng Minh Cường", SignerTitle: "Phó Chủ tịch",
			Cites: []string{"709/QĐ-TTg", "01/NQ-CP"}, Replaces: []string{"110/KH-UBND"},
			AnnualReportDue: "12-15", ReportTo: "Sở Khoa học và Công nghệ",
		},
		Text:     "KẾ HOẠCH\nThực hiện…",
		Warnings: []string{"hàng 3: ô gộp"},
	}
	for i := 0; i < tasks; i++ {
		sec := vanban.Section{Numeral: []string{"I", "II"}[i%2], Title: []string{"TĂNG CƯỜNG", "PHÁT TRIỂN"}[i%2]}
		d.Rows = append(d.Rows, vanban.Task{
			Section: sec, STT: fmt.Sprint(i + 1), Task: fmt.Sprintf("Nhiệm vụ %d", i+1),
			ExpectedOutput: "Tỷ lệ ≥ 80% năm 2030", Lead: "Sở Tài chính", Coordinators: "Sở Nội vụ; các sở, ngành liên quan",
			Timeframe: "Hằng năm, trước 15/12", Note: "", Monitor: "Văn phòng UBND",
			Extra:       map[string]string{"Kinh phí": "ngân sách"},
			LeadParties: []vanban.Party{{Name: "Sở Tài chính", Kind: vanban.KindUnit, AliasOf: "STC"}},
			CoordinatorParties: []vanban.Party{
				{Name: "Sở Nội vụ", Kind: vanban.KindUnit},
				{Name: "các sở, ngành liên quan", Kind: vanban.KindGroup},
			},
			MonitorParties: []vanban.Party{{Name: "Văn phòng Ủy ban nhân dân thành phố", Kind: vanban.KindUnit, AliasOf: "Văn phòng UBND"}},
			Milestones: []vanban.Milestone{
				{Action: "báo cáo", Start: vanban.D(2026, 1, 1), Due: vanban.D(2026, 12, 15), Recurrence: vanban.Yearly, YearlyDue: "12-15", Cites: []string{"58/KH-UBND"}},
				{Due: vanban.Date{Year: 2030}, Condition: "khi có kinh phí"},
			},
			Targets:  []vanban.Target{{Op: ">=", Value: 80.5, Unit: "%", Per: "năm", ByYear: 2030}},
			Unparsed: []string{"note"},
		})
	}
	if tasks > 0 {
		d.Rows[0].Extra = nil // a row with nothing extra
		d.Rows[0].Section = vanban.Section{}
	}
	return d
}

func report(ref string, date vanban.Date, cites ...string) *vanban.Document {
	num, sym, _ := strings.Cut(ref, "/")
	var answers *vanban.DocRef
	if len(cites) > 0 {
		answers = &vanban.DocRef{Type: vanban.TypePlan, Reference: cites[0], Date: vanban.D(2026, 3, 20), Issuer: "Ủy ban nhân dân thành phố Hải Phòng"}
	}
	return &vanban.Document{
		Format: "docx", Pages: 2,
		Meta: vanban.Meta{DocType: vanban.TypeReport, Number: num, Symbol: sym, Reference: ref, Issuer: "Sở Tài chính",
			Date: date, Title: "Báo cáo kết quả thực hiện", Cites: cites, Answers: answers},
		ReportItems: []vanban.ReportItem{
			{STT: "1", Task: "Nhiệm vụ 1", Role: "Chủ trì", Result: "Đã hoàn thành", StatusText: "Hoàn thành", Section: "I",
				PlanSTT: "3.14", Unit: "Sở Tài chính", Difficulty: "Thiếu kinh phí", Proposal: "Bổ sung kinh phí"},
			{STT: "2", Task: "Nhiệm vụ 2", Role: "Phối hợp", Result: "Đang thực hiện", StatusText: "Đang thực hiện"},
		},
	}
}

// canonical clears what the store assigns (ids) and what it does not
// keep apart (nil and empty lists), and sets what storing sets (the file
// identity), so that an extracted and a loaded document compare equal.
func canonical(d *vanban.Document, in store.Incoming) *vanban.Document {
	b, _ := json.Marshal(d)
	var c vanban.Document
	json.Unmarshal(b, &c)
	c.ID = 0
	for i := range c.Rows {
		c.Rows[i].ID = 0
	}
	c.File, c.SHA256, c.Size = in.Name, in.Blob.SHA256, in.Blob.Size
	if c.Format == "" {
		c.Format = in.Format
	}
	return deepNil(&c)
}

// deepNil turns empty slices and maps into nil, recursively.
func deepNil(d *vanban.Document) *vanban.Document {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		case reflect.Slice:
			if v.Len() == 0 {
				v.Set(reflect.Zero(v.Type()))
				return
			}
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Map:
			if v.Len() == 0 {
				v.Set(reflect.Zero(v.Type()))
			}
		}
	}
	walk(reflect.ValueOf(d))
	return d
}

func mustStore(t testing.TB, db Store, in store.Incoming, doc *vanban.Document) store.Stored {
	t.Helper()
	res, err := db.StoreDocument(ctx, in, doc)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func mustLoad(t testing.TB, db Store, id int64) *vanban.Document {
	t.Helper()
	d, err := db.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func equalDocs(t *testing.T, got, want *vanban.Document) {
	t.Helper()
	g, _ := json.MarshalIndent(deepNil(got), "", " ")
	w, _ := json.MarshalIndent(deepNil(want), "", " ")
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("loaded document differs:\n got: %.3000s\nwant: %.3000s", g, w)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func testRoundTrip(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		doc  *vanban.Document
	}{
		{"plan.docx", plan("58/KH-UBND", vanban.D(2026, 3, 20), 12)},
		{"report.docx", report("412/BC-STC", vanban.D(2026, 12, 8), "58/KH-UBND")},
		{"empty.docx", &vanban.Document{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := incoming(t, db, dir, tc.name, tc.name)
			res := mustStore(t, db, in, tc.doc)
			if res.Action != store.ActionNew || !res.Primary || !res.Changed {
				t.Errorf("result = %+v, want a new primary document", res)
			}
			got := mustLoad(t, db, res.DocID)
			if got.ID != res.DocID {
				t.Errorf("ID = %d, want %d", got.ID, res.DocID)
			}
			for i, row := range got.Rows {
				if row.ID == 0 {
					t.Errorf("row %d has no ID", i)
				}
			}
			equalDocs(t, canonical(got, in), canonical(tc.doc, in))
		})
	}
}

func testDuplicateIsNoOp(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	in := incoming(t, db, dir, "a.docx", "same")
	first := mustStore(t, db, in, plan("1/KH-UBND", vanban.D(2026, 1, 1), 2))
	rev, _ := db.Revision(ctx)
	again := mustStore(t, db, in, plan("1/KH-UBND", vanban.D(2026, 1, 1), 2))
	if again.Action != store.ActionDuplicate || again.Changed || again.DocID != first.DocID {
		t.Errorf("second store = %+v, want a duplicate of document %d", again, first.DocID)
	}
	// The same bytes at another path: still nothing new.
	other := incoming(t, db, dir, "copy of a.docx", "same")
	dup, err := db.StoreDuplicate(ctx, other)
	if err != nil || dup.Action != store.ActionDuplicate || dup.Same != in.Path {
		t.Errorf("StoreDuplicate = %+v, %v; want duplicate of %s", dup, err, in.Path)
	}
	if rev2, _ := db.Revision(ctx); rev2 != rev {
		t.Errorf("revision moved from %d to %d on a duplicate", rev, rev2)
	}
	if _, err := db.StoreDuplicate(ctx, incoming(t, db, dir, "new.docx", "new")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("StoreDuplicate of new content: %v, want store.ErrNotFound", err)
	}
}

func testNewVersionReplacesRows(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	v1 := plan("58/KH-UBND", vanban.D(2026, 3, 20), 4)
	in1 := incoming(t, db, dir, "kh.docx", "v1")
	r1 := mustStore(t, db, in1, v1)
	old := mustLoad(t, db, r1.DocID)
	rep := mustStore(t, db, incoming(t, db, dir, "bc.docx", "bc"), report("1/BC-STC", vanban.D(2026, 12, 1), "58/KH-UBND"))
	// Decisions on rows 2 and 4; version 2 keeps row 2 and drops row 4.
	must(t, db.SetMatchDecision(ctx, rep.DocID, 0, old.Rows[1].ID, true))
	must(t, db.SetMatchDecision(ctx, rep.DocID, 1, old.Rows[3].ID, false))

	v2 := plan("58/KH-UBND", vanban.D(2026, 3, 20), 3)
	v2.Rows[1].Task = "Nhiệm vụ 2 (sửa)"
	in2 := incoming(t, db, dir, "kh.docx", "v2") // same path, new content
	r2 := mustStore(t, db, in2, v2)
	if r2.Action != store.ActionVersion || r2.DocID != r1.DocID || !r2.Primary {
		t.Fatalf("store v2 = %+v, want a new version of document %d", r2, r1.DocID)
	}
	got := mustLoad(t, db, r1.DocID)
	equalDocs(t, canonical(got, in2), canonical(v2, in2))
	if got.Rows[1].ID != old.Rows[1].ID {
		t.Errorf("row 2 id changed from %d to %d; a kept row keeps its id", old.Rows[1].ID, got.Rows[1].ID)
	}
	files, err := db.Files(ctx, r1.DocID)
	must(t, err)
	if len(files) != 2 || !files[0].Primary || files[0].SHA256 != in2.Blob.SHA256 || files[1].SupersededBy != files[0].ID {
		t.Errorf("files = %+v, want v2 primary and v1 superseded by it", files)
	}
	if _, err := os.Stat(files[1].Stored); err != nil {
		t.Errorf("old version's copy: %v", err)
	}
	dec, err := db.MatchDecisions(ctx, rep.DocID)
	must(t, err)
	if len(dec) != 1 || len(dec[0]) != 1 || dec[0][0].TaskID != old.Rows[1].ID || !dec[0][0].Accepted {
		t.Errorf("decisions = %+v, want only the one on the kept row", dec)
	}
}

func testRenditions(t *testing.T, open Opener) {
	date := vanban.D(2026, 3, 20)
	pdfDoc := func() *vanban.Document {
		d := plan("58/KH-UBND", date, 2)
		d.Format = "pdf"
		d.Meta.Issuer = "UỶ BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" // old tone placement, capitals
		d.Meta.Reference = "58 /KH-UBND"
		return d
	}
	t.Run("pdf first", func(t *testing.T) {
		db := open(t)
		dir := t.TempDir()
		rp := mustStore(t, db, incoming(t, db, dir, "kh.pdf", "pdf"), pdfDoc())
		inDocx := incoming(t, db, dir, "kh.docx", "docx")
		docx := plan("58/KH-UBND", date, 5)
		rd := mustStore(t, db, inDocx, docx)
		if rd.DocID != rp.DocID || rd.Action != store.ActionRendition || !rd.Primary {
			t.Fatalf("docx after pdf = %+v, want the primary rendition of document %d", rd, rp.DocID)
		}
		equalDocs(t, canonical(mustLoad(t, db, rd.DocID), inDocx), canonical(docx, inDocx))
		sum, err := db.Summary(ctx, rd.DocID)
		must(t, err)
		if !reflect.DeepEqual(sum.Formats, []string{"docx", "pdf"}) || sum.Files != 2 || sum.Tasks != 5 {
			t.Errorf("summary = %+v, want one document, two formats, the DOCX's 5 rows", sum)
		}
	})
	t.Run("docx first", func(t *testing.T) {
		db := open(t)
		dir := t.TempDir()
		inDocx := incoming(t, db, dir, "kh.docx", "docx")
		docx := plan("58/KH-UBND", date, 5)
		rd := mustStore(t, db, inDocx, docx)
		rev, _ := db.Revision(ctx)
		rp := mustStore(t, db, incoming(t, db, dir, "kh.pdf", "pdf"), pdfDoc())
		if rp.DocID != rd.DocID || rp.Action != store.ActionRendition || rp.Primary || rp.Changed {
			t.Fatalf("pdf after docx = %+v, want a secondary rendition of document %d", rp, rd.DocID)
		}
		equalDocs(t, canonical(mustLoad(t, db, rd.DocID), inDocx), canonical(docx, inDocx))
		if rev2, _ := db.Revision(ctx); rev2 != rev {
			t.Errorf("a secondary rendition moved the revision")
		}
		docs, _ := db.Documents(ctx, store.Filter{})
		if len(docs) != 1 {
			t.Errorf("%d documents, want 1", len(docs))
		}
	})
	t.Run("unnumbered drafts in one format stay apart", func(t *testing.T) {
		db := open(t)
		dir := t.TempDir()
		a := mustStore(t, db, incoming(t, db, dir, "draft1.docx", "1"), plan("", vanban.Date{}, 1))
		b := mustStore(t, db, incoming(t, db, dir, "draft2.docx", "2"), plan("", vanban.Date{}, 1))
		pdf := plan("", vanban.Date{}, 1)
		pdf.Format = "pdf"
		c := mustStore(t, db, incoming(t, db, dir, "draft1.pdf", "3"), pdf)
		if a.DocID == b.DocID || c.DocID != a.DocID {
			t.Errorf("drafts: %d, %d and pdf %d; want two documents, the pdf joining the first", a.DocID, b.DocID, c.DocID)
		}
	})
}

func testDraftSupersededAndReports(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	draft := mustStore(t, db, incoming(t, db, dir, "du-thao.docx", "d"), plan("", vanban.Date{}, 3))
	issued := mustStore(t, db, incoming(t, db, dir, "kh58.docx", "k"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 3))
	r1 := mustStore(t, db, incoming(t, db, dir, "bc412.docx", "r1"), report("412/BC-STC", vanban.D(2026, 12, 8), "58/KH-UBND"))
	r2d := report("1876/BC-BQL", vanban.D(2026, 12, 20), "58/KH-UBND", "709/QĐ-TTg")
	r2d.Meta.Issuer = "Ban Quản lý khu kinh tế"
	r2 := mustStore(t, db, incoming(t, db, dir, "bc1876.pdf", "r2"), r2d)
	mustStore(t, db, incoming(t, db, dir, "other.docx", "o"), report("9/BC-X", vanban.D(2026, 1, 1), "59/KH-UBND"))
	// Another issuer's 58/KH-UBND, cited before plan 58 was issued.
	mustStore(t, db, incoming(t, db, dir, "older.docx", "x"), report("7/BC-Y", vanban.D(2025, 12, 19), "58/KH-UBND"))

	sum, err := db.Summary(ctx, draft.DocID)
	must(t, err)
	if sum.SupersededBy != issued.DocID {
		t.Errorf("draft superseded by %d, want %d", sum.SupersededBy, issued.DocID)
	}
	reps, err := db.ReportsCiting(ctx, "58 / kh-ubnd")
	must(t, err)
	var ids []int64
	for _, r := range reps {
		ids = append(ids, r.ID)
	}
	if want := []int64{r2.DocID, r1.DocID}; !reflect.DeepEqual(ids, want) {
		t.Errorf("reports citing 58 = %v, want %v", ids, want)
	}
	on, err := db.ReportsOn(ctx, issued.DocID)
	must(t, err)
	if len(on) != 2 || on[0].ID != r2.DocID || on[1].ID != r1.DocID {
		t.Errorf("ReportsOn(plan 58) = %+v", on)
	}
	links, err := db.Links(ctx, issued.DocID)
	must(t, err)
	var got []string
	for _, l := range links {
		got = append(got, fmt.Sprint(l.Incoming, l.Kind, l.Ref, l.DocID))
	}
	want := []string{
		fmt.Sprint(false, "cites", "709/QĐ-TTg", 0), fmt.Sprint(false, "cites", "01/NQ-CP", 0),
		fmt.Sprint(false, "replaces", "110/KH-UBND", 0), fmt.Sprint(false, "supersedes", "", draft.DocID),
		fmt.Sprint(true, "cites", "58/KH-UBND", r1.DocID), fmt.Sprint(true, "cites", "58/KH-UBND", r2.DocID),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links of plan 58 =\n%v, want\n%v", got, want)
	}
	out, err := db.Links(ctx, r1.DocID)
	must(t, err)
	if len(out) != 1 || out[0].DocID != issued.DocID || out[0].Ref != "58/KH-UBND" {
		t.Errorf("links of report 412 = %+v, want a cite resolved to %d", out, issued.DocID)
	}
	// Units count the issued plan's tasks, not the draft's again.
	units, err := db.Units(ctx)
	must(t, err)
	if len(units) == 0 || units[0].Name != "Sở Nội vụ" && units[0].Name != "Sở Tài chính" || units[0].Tasks != 3 || units[0].Documents != 1 {
		t.Errorf("units = %+v, want 3 tasks in 1 document for the busiest unit", units)
	}
}

func testFailures(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	fail := store.Failure{Kind: "no_text", Reason: "không có lớp văn bản, cần OCR (tệp quét)", Error: "scan.pdf: no text layer, needs OCR"}
	inScan := incoming(t, db, dir, "scan.pdf", "scan")
	f1, err := db.StoreFailure(ctx, inScan, fail)
	must(t, err)
	if f1.Action != store.ActionFailed || f1.DocID == 0 {
		t.Fatalf("StoreFailure = %+v", f1)
	}
	docs, _ := db.Documents(ctx, store.Filter{})
	all, _ := db.Documents(ctx, store.Filter{Failed: true})
	if len(docs) != 0 || len(all) != 1 || all[0].Status != "failed" || all[0].Reason != fail.Reason {
		t.Errorf("documents = %+v, all = %+v; want only a failed one, listed on request", docs, all)
	}
	fails, err := db.Failures(ctx)
	must(t, err)
	if len(fails) != 1 || fails[0].Path != inScan.Path || fails[0].ErrorKind != "no_text" || fails[0].Reason != fail.Reason {
		t.Fatalf("failures = %+v", fails)
	}
	// Same content again: one more attempt, still one failure.
	again, err := db.StoreFailure(ctx, inScan, fail)
	must(t, err)
	if again.FileID != f1.FileID {
		t.Errorf("retry made a new file row")
	}
	if fails, _ = db.Failures(ctx); len(fails) != 1 || fails[0].Attempts != 2 {
		t.Errorf("after a retry: %+v, want one failure with 2 attempts", fails)
	}
	// The file is fixed (OCRed, saved again): the document reads.
	inFixed := incoming(t, db, dir, "scan.pdf", "fixed")
	ok := mustStore(t, db, inFixed, plan("7/KH-UBND", vanban.D(2026, 2, 2), 1))
	if ok.DocID != f1.DocID || ok.Action != store.ActionVersion {
		t.Errorf("fixed file = %+v, want a version of document %d", ok, f1.DocID)
	}
	if fails, _ = db.Failures(ctx); len(fails) != 0 {
		t.Errorf("failures after the fix: %+v", fails)
	}
	// A newer version breaks: the rows stay, the document notes why.
	broken := incoming(t, db, dir, "scan.pdf", "broken")
	_, err = db.StoreFailure(ctx, broken, store.Failure{Kind: "malformed", Reason: "tệp hỏng", Error: "bad xref"})
	must(t, err)
	sum, _ := db.Summary(ctx, f1.DocID)
	if sum.Status != "ok" || sum.Tasks != 1 || sum.Reason != "tệp hỏng" {
		t.Errorf("summary after a broken version = %+v, want ok with its rows and the reason", sum)
	}
	if fails, _ = db.Failures(ctx); len(fails) != 1 || fails[0].ErrorKind != "malformed" {
		t.Errorf("failures = %+v, want the broken version", fails)
	}
}

func testFailedPlaceholderJoinsItsDocument(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	docx := mustStore(t, db, incoming(t, db, dir, "kh.docx", "docx"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 2))
	bad, err := db.StoreFailure(ctx, incoming(t, db, dir, "kh.pdf", "half"), store.Failure{Kind: "malformed", Reason: "tệp hỏng"})
	must(t, err)
	pdf := plan("58/KH-UBND", vanban.D(2026, 3, 20), 2)
	pdf.Format = "pdf"
	res := mustStore(t, db, incoming(t, db, dir, "kh.pdf", "whole"), pdf)
	if res.DocID != docx.DocID || !reflect.DeepEqual(res.Removed, []int64{bad.DocID}) {
		t.Errorf("pdf = %+v, want it in document %d and placeholder %d removed", res, docx.DocID, bad.DocID)
	}
	if _, err := db.Summary(ctx, bad.DocID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("placeholder still there: %v", err)
	}
	files, _ := db.Files(ctx, docx.DocID)
	if len(files) != 3 {
		t.Errorf("%d files, want docx, pdf and the failed pdf in history", len(files))
	}
}

func testRetryOfFailedContent(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	mustStore(t, db, incoming(t, db, dir, "kh.docx", "docx"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 2))
	in := incoming(t, db, dir, "kh.pdf", "pdf")
	bad, err := db.StoreFailure(ctx, in, store.Failure{Kind: "unsupported", Reason: "chưa hỗ trợ"})
	must(t, err)
	pdf := plan("58/KH-UBND", vanban.D(2026, 3, 20), 2)
	pdf.Format = "pdf"
	if res := mustStore(t, db, in, pdf); res.Action != store.ActionDuplicate {
		t.Errorf("failed content without Reread = %+v, want a duplicate", res)
	}
	in.Reread = true
	res := mustStore(t, db, in, pdf)
	if res.FileID != bad.FileID || res.Action != store.ActionRendition || len(res.Removed) != 1 {
		t.Errorf("retried = %+v, want file %d a rendition, placeholder removed", res, bad.FileID)
	}
	if f, _ := db.Failures(ctx); len(f) != 0 {
		t.Errorf("failures = %+v", f)
	}
}

func testRestoreOldVersion(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	v1 := incoming(t, db, dir, "kh.docx", "v1")
	r1 := mustStore(t, db, v1, plan("58/KH-UBND", vanban.D(2026, 3, 20), 1))
	mustStore(t, db, incoming(t, db, dir, "kh.docx", "v2"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 2))
	back := incoming(t, db, dir, "kh.docx", "v1")
	res, err := db.StoreDuplicate(ctx, back)
	must(t, err)
	if res.Action != store.ActionRestored || res.FileID != r1.FileID {
		t.Fatalf("restore = %+v, want file %d restored", res, r1.FileID)
	}
	back.Reread = true
	res = mustStore(t, db, back, plan("58/KH-UBND", vanban.D(2026, 3, 20), 1))
	if !res.Primary {
		t.Errorf("reread of the restored version = %+v, want primary", res)
	}
	if d := mustLoad(t, db, r1.DocID); len(d.Rows) != 1 {
		t.Errorf("%d rows, want the restored version's 1", len(d.Rows))
	}
}

func testFindDocument(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	in := incoming(t, db, dir, "Kế hoạch 58.docx", "k")
	r := mustStore(t, db, in, plan("58/KH-UBND", vanban.D(2026, 3, 20), 1))
	for _, ref := range []string{
		fmt.Sprint(r.DocID), "58/KH-UBND", "58 / kh-ubnd", "Kế hoạch 58.docx", "ke hoach 58", in.Path, in.Blob.SHA256[:10],
	} {
		d, err := db.FindDocument(ctx, ref)
		if err != nil || d.ID != r.DocID {
			t.Errorf("FindDocument(%q) = %v, %v; want document %d", ref, d, err, r.DocID)
		}
	}
	for _, ref := range []string{"", "59/KH-UBND", "999", "nothing.docx"} {
		if _, err := db.FindDocument(ctx, ref); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("FindDocument(%q): %v, want store.ErrNotFound", ref, err)
		}
	}
}

func testTasksForUnit(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	r := mustStore(t, db, incoming(t, db, dir, "kh.docx", "k"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 3))
	for _, name := range []string{"Sở Tài chính", "so tai chinh", "STC"} {
		tasks, err := db.TasksForUnit(ctx, name)
		must(t, err)
		if len(tasks) != 3 || tasks[0].DocID != r.DocID || !reflect.DeepEqual(tasks[0].Roles, []vanban.Role{vanban.RoleLead}) ||
			tasks[0].Reference != "58/KH-UBND" || len(tasks[0].Task.Milestones) != 2 {
			t.Errorf("TasksForUnit(%q) = %+v", name, tasks)
		}
	}
	if tasks, err := db.TasksForUnit(ctx, "Sở Y tế"); err != nil || len(tasks) != 0 {
		t.Errorf("unknown unit: %v, %v", tasks, err)
	}
}

func testDecisions(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	p := mustStore(t, db, incoming(t, db, dir, "kh.docx", "k"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 2))
	rep := mustStore(t, db, incoming(t, db, dir, "bc.docx", "b"), report("1/BC-STC", vanban.D(2026, 12, 1), "58/KH-UBND"))
	rows := mustLoad(t, db, p.DocID).Rows
	must(t, db.SetMatchDecision(ctx, rep.DocID, 0, rows[0].ID, false))
	must(t, db.SetMatchDecision(ctx, rep.DocID, 0, rows[1].ID, true))
	must(t, db.SetMatchDecision(ctx, rep.DocID, 0, rows[0].ID, true)) // changed mind
	must(t, db.SetMatchDecision(ctx, rep.DocID, 1, rows[1].ID, false))
	got, err := db.MatchDecisions(ctx, rep.DocID)
	must(t, err)
	if len(got[0]) != 2 || len(got[1]) != 1 || got[1][0].Accepted {
		t.Errorf("decisions = %+v", got)
	}
	for _, d := range got[0] {
		if !d.Accepted {
			t.Errorf("item 0: %+v, want both accepted", d)
		}
	}
	must(t, db.ClearMatchDecision(ctx, rep.DocID, 1, rows[1].ID))
	if got, _ = db.MatchDecisions(ctx, rep.DocID); len(got[1]) != 0 {
		t.Errorf("cleared decision still there: %+v", got)
	}
	if err := db.SetMatchDecision(ctx, rep.DocID, 9, rows[0].ID, true); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("decision on a missing item: %v", err)
	}
	if err := db.SetMatchDecision(ctx, rep.DocID, 0, 99999, true); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("decision on a missing task: %v", err)
	}
	// A new version of the report that rewrites item 0 drops its decisions.
	r2 := report("1/BC-STC", vanban.D(2026, 12, 1), "58/KH-UBND")
	r2.ReportItems[0].Task = "Nhiệm vụ khác"
	mustStore(t, db, incoming(t, db, dir, "bc.docx", "b2"), r2)
	if got, _ = db.MatchDecisions(ctx, rep.DocID); len(got) != 0 {
		t.Errorf("decisions after the item changed: %+v", got)
	}
}

// A new version of the report that inserts an item before a decided one
// keeps the decision on the item, at its new place.
func testDecisionFollowsMovedItem(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	p := mustStore(t, db, incoming(t, db, dir, "kh.docx", "k"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 2))
	rep := mustStore(t, db, incoming(t, db, dir, "bc.docx", "b"), report("1/BC-STC", vanban.D(2026, 12, 1), "58/KH-UBND"))
	rows := mustLoad(t, db, p.DocID).Rows
	must(t, db.SetMatchDecision(ctx, rep.DocID, 1, rows[1].ID, true))
	r2 := report("1/BC-STC", vanban.D(2026, 12, 1), "58/KH-UBND")
	r2.ReportItems = append([]vanban.ReportItem{{STT: "0", Task: "Nhiệm vụ chen vào"}}, r2.ReportItems...)
	mustStore(t, db, incoming(t, db, dir, "bc.docx", "b2"), r2)
	got, err := db.MatchDecisions(ctx, rep.DocID)
	must(t, err)
	if len(got[2]) != 1 || got[2][0].TaskID != rows[1].ID || !got[2][0].Accepted || len(got[1]) != 0 {
		t.Errorf("decisions after an item was inserted = %+v, want item 2 → task %d", got, rows[1].ID)
	}
}

func testStatusDecisions(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	mustStore(t, db, incoming(t, db, dir, "kh.docx", "k"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 2))
	rep := mustStore(t, db, incoming(t, db, dir, "bc.docx", "b"), report("1/BC-STC", vanban.D(2026, 12, 1), "58/KH-UBND"))
	rev, _ := db.Revision(ctx)
	must(t, db.SetStatusDecision(ctx, rep.DocID, "1|nhiem vu 1", store.StatusDecision{Status: "in_progress", DecidedBy: "a"}))
	must(t, db.SetStatusDecision(ctx, rep.DocID, "1|nhiem vu 1", store.StatusDecision{Status: "done", Note: "đã có QĐ", DecidedBy: "b"}))
	if r, _ := db.Revision(ctx); r <= rev {
		t.Errorf("revision %d after a status decision, want > %d", r, rev)
	}
	// Re-reading the report keeps what a person said.
	mustStore(t, db, incoming(t, db, dir, "bc.docx", "b2"), report("1/BC-STC", vanban.D(2026, 12, 1), "58/KH-UBND"))
	got, err := db.StatusDecisions(ctx, rep.DocID)
	must(t, err)
	d, ok := got["1|nhiem vu 1"]
	if len(got) != 1 || !ok || d.Status != "done" || d.Note != "đã có QĐ" || d.DecidedBy != "b" || d.DecidedAt.IsZero() {
		t.Errorf("status decisions = %+v", got)
	}
}

func testCorrections(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	p := mustStore(t, db, incoming(t, db, dir, "kh.docx", "k"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 2))
	id1, err := db.AddCorrection(ctx, store.Correction{DocID: p.DocID, Field: "number", Old: "58", New: "59", Author: "a"})
	must(t, err)
	id2, err := db.AddCorrection(ctx, store.Correction{DocID: p.DocID, Row: "I|1", Field: "lead", Old: "Sở A", New: "Sở B", Author: "a"})
	must(t, err)
	if id1 == 0 || id2 <= id1 {
		t.Fatalf("correction ids %d, %d", id1, id2)
	}
	live, err := db.LiveCorrections(ctx, "number")
	must(t, err)
	if live[p.DocID] != "59" || len(live) != 1 {
		t.Errorf("live number corrections = %v", live)
	}
	must(t, db.UndoCorrection(ctx, id1, "b"))
	must(t, db.UndoCorrection(ctx, id1, "c")) // twice: a no-op
	if err := db.UndoCorrection(ctx, 99999, "b"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("undo of a missing correction: %v", err)
	}
	cs, err := db.Corrections(ctx, p.DocID)
	must(t, err)
	if len(cs) != 2 || cs[0].Live() || cs[0].UndoneBy != "b" || !cs[1].Live() || cs[1].Row != "I|1" || cs[1].New != "Sở B" || cs[1].At.IsZero() {
		t.Errorf("corrections = %+v", cs)
	}
	if live, _ = db.LiveCorrections(ctx, "number"); len(live) != 0 {
		t.Errorf("undone correction still live: %v", live)
	}
}

func testDocumentVersions(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	a := mustStore(t, db, incoming(t, db, dir, "a.docx", "a"), plan("1/KH-UBND", vanban.D(2026, 1, 1), 1))
	b := mustStore(t, db, incoming(t, db, dir, "b.docx", "b"), plan("2/KH-UBND", vanban.D(2026, 1, 1), 1))
	db.StoreFailure(ctx, incoming(t, db, dir, "c.pdf", "c"), store.Failure{Kind: "no_text"})
	v1, err := db.DocumentVersions(ctx)
	must(t, err)
	if len(v1) != 2 || v1[a.DocID] == "" || v1[a.DocID] == v1[b.DocID] {
		t.Fatalf("versions = %v", v1)
	}
	mustStore(t, db, incoming(t, db, dir, "a.docx", "a2"), plan("1/KH-UBND", vanban.D(2026, 1, 1), 2))
	v2, _ := db.DocumentVersions(ctx)
	if v2[a.DocID] == v1[a.DocID] || v2[b.DocID] != v1[b.DocID] {
		t.Errorf("versions %v → %v: want only a's to change", v1, v2)
	}
}

func testConcurrentSameContent(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	var wg sync.WaitGroup
	results := make([]store.Stored, 8)
	for i := range results {
		in := incoming(t, db, dir, fmt.Sprintf("copy%d.docx", i), "same")
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = mustStore(t, db, in, plan("5/KH-UBND", vanban.D(2026, 5, 5), 2))
		}()
	}
	wg.Wait()
	news := 0
	for _, r := range results {
		if r.Action == store.ActionNew {
			news++
		}
	}
	if news != 1 {
		t.Errorf("%d stores made a new document, want 1: %+v", news, results)
	}
	locs, _ := db.Locations(ctx, dir)
	if len(locs) != 8 {
		t.Errorf("%d locations, want 8", len(locs))
	}
}

// testOtherDocumentUnderOldName reproduces the loss a hostile tester
// found: a different plan saved where plan 58 was. It is a new document;
// plan 58 stays, rows and all. The same plan edited at that path, and an
// unnumbered draft edited there, are new versions.
func testOtherDocumentUnderOldName(t *testing.T, open Opener) {
	db := open(t)
	dir := t.TempDir()
	r58 := mustStore(t, db, incoming(t, db, dir, "ke-hoach.docx", "plan 58"), plan("58/KH-UBND", vanban.D(2026, 3, 20), 4))
	other := plan("12/KH-UBND", vanban.D(2026, 5, 2), 2)
	other.Meta.Title = "Phát triển du lịch cộng đồng"
	r12 := mustStore(t, db, incoming(t, db, dir, "ke-hoach.docx", "plan 12"), other)
	if r12.DocID == r58.DocID || r12.Action != store.ActionNew {
		t.Fatalf("another plan under the old name: %+v, want a new document beside %d", r12, r58.DocID)
	}
	if got := mustLoad(t, db, r58.DocID); got.Meta.Reference != "58/KH-UBND" || len(got.Rows) != 4 {
		t.Errorf("plan 58 after another plan took its name: %s, %d rows", got.Meta.Reference, len(got.Rows))
	}
	if _, err := db.FindDocument(ctx, "58/KH-UBND"); err != nil {
		t.Errorf("plan 58 is gone: %v", err)
	}
	edited := plan("12/KH-UBND", vanban.D(2026, 5, 2), 3)
	edited.Meta.Title = other.Meta.Title
	if r := mustStore(t, db, incoming(t, db, dir, "ke-hoach.docx", "plan 12 v2"), edited); r.DocID != r12.DocID || r.Action != store.ActionVersion {
		t.Errorf("the same plan edited: %+v, want a version of %d", r, r12.DocID)
	}

	draft := func(title, content string) store.Stored {
		d := plan("", vanban.Date{}, 2)
		d.Meta.Number, d.Meta.Title = "", title
		return mustStore(t, db, incoming(t, db, dir, "du-thao.docx", content), d)
	}
	d1 := draft("Kế hoạch chuyển đổi số năm 2027 của thành phố", "draft 1")
	if d2 := draft("Kế hoạch chuyển đổi số năm 2027 của thành phố Hải Phòng", "draft 2"); d2.DocID != d1.DocID || d2.Action != store.ActionVersion {
		t.Errorf("an edited draft: %+v, want a version of %d", d2, d1.DocID)
	}
	if d3 := draft("Tổ chức hội nghị tổng kết công tác thi đua", "draft 3"); d3.DocID == d1.DocID {
		t.Errorf("another draft under the draft's name replaced it: %+v", d3)
	}
}
