package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"vanban"
	"vanban/app"
	"vanban/store"
)

// corrected returns the page with the document's live corrections
// applied to a copy of its reading, as the application reads it; s.mu is
// held.
func (s *fakeStore) corrected(p *app.DocPage) *app.DocPage {
	cp := *p
	cp.Corrections = slices.Clone(s.corrections[p.Info.ID])
	if p.Doc == nil {
		return &cp
	}
	doc := *p.Doc
	doc.Rows = slices.Clone(p.Doc.Rows)
	cp.Doc = &doc
	cp.RowKeys = app.ApplyCorrections(&doc, cp.Corrections, nil)
	cp.Info.Reference, cp.Info.Date, cp.Info.Type = doc.Meta.Reference, doc.Meta.Date, doc.Meta.DocType
	return &cp
}

// Correct over the fakes records the correction with the value it
// replaces.
func (a *fakeApp) Correct(ctx context.Context, c app.Correction) (int64, error) {
	p, err := a.fakeStore.Document(ctx, c.DocID)
	if err != nil {
		return 0, err
	}
	old := docFieldValue(p.Doc, c.Field)
	if c.Row != "" {
		i := slices.Index(p.RowKeys, c.Row)
		if i < 0 {
			return 0, vanban.Errorf(vanban.ENotFound, "văn bản không có dòng %q", c.Row)
		}
		old = rowFieldValue(p.Doc.Rows[i], c.Field)
	}
	if c.Field == app.FieldDate {
		if _, err := vanban.ParseDate(c.Value); err != nil {
			return 0, vanban.Wrap(vanban.EInvalid, err, "ngày %q không hợp lệ (dd/mm/yyyy)", c.Value)
		}
	}
	s := a.fakeStore
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.corrections == nil {
		s.corrections = map[int64][]store.Correction{}
	}
	s.nextID++
	s.corrections[c.DocID] = append(s.corrections[c.DocID], store.Correction{ID: s.nextID, DocID: c.DocID, Row: c.Row,
		Field: c.Field, Old: old, New: c.Value, Author: c.Author, At: time.Date(2026, 12, 31, 9, 0, 0, 0, time.UTC)})
	return s.nextID, nil
}

func (a *fakeApp) UndoCorrection(ctx context.Context, docID, id int64, who string) error {
	s := a.fakeStore
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, c := range s.corrections[docID] {
		if c.ID == id {
			s.corrections[docID][i].UndoneAt, s.corrections[docID][i].UndoneBy = time.Date(2026, 12, 31, 10, 0, 0, 0, time.UTC), who
			return nil
		}
	}
	return vanban.Errorf(vanban.ENotFound, "không có sửa đổi số %d", id)
}

// postForm posts a form as the page's own form would: from the site,
// with the CSRF token a page carries.
func postForm(t *testing.T, f *fixture, path string, form url.Values) int {
	t.Helper()
	page := get(t, f.srv.Handler(), "/van-ban").Body.String()
	form.Set("csrf", between(page, `name="csrf-token" content="`, `"`))
	w := do(t, f.srv.Handler(), request{method: http.MethodPost, path: path, body: strings.NewReader(form.Encode()),
		header: map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://127.0.0.1:8080"}})
	return w.Code
}

// TestCorrectionForms: a row's lead corrected through the page's form
// shows on the plan's page as corrected, with who and the old value in
// the list; undone, the extracted value is back; a date is corrected
// through the document form.
func TestCorrectionForms(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	page := get(t, h, "/van-ban/1").Body.String()
	if !strings.Contains(page, `id="sua-doi"`) || !strings.Contains(page, `class="small edit-row" href="/van-ban/1?sua-dong=III%7C3.3#sua-dong"`) {
		t.Fatal("the plan's page offers no correction of row 3.3")
	}
	form := get(t, h, "/van-ban/1?sua-dong=III%7C3.3").Body.String()
	if !strings.Contains(form, `<input type="hidden" name="dong" value="III|3.3">`) || !strings.Contains(form, `name="lead" value="Sở Tài chính"`) {
		t.Fatal("the row form is not filled with row 3.3")
	}
	if code := postForm(t, f, "/van-ban/1/sua", url.Values{"dong": {"III|3.3"}, "lead": {"Sở Nội vụ"}, "stt": {"3.3"}, "nguoi-sua": {"Nguyễn Văn A"}}); code != http.StatusSeeOther {
		t.Fatalf("correcting the lead: %d", code)
	}
	after := get(t, h, "/van-ban/1").Body.String()
	row := between(after, `data-key="III|3.3"`, `</tr>`)
	if !strings.Contains(row, "<td>Sở Nội vụ</td>") || !strings.Contains(row, "đã sửa") {
		t.Errorf("row 3.3 after the correction: %s", row)
	}
	list := between(after, `class="correction-list"`, `</table>`)
	if strings.Count(list, `<tr class="correction"`) != 1 || !strings.Contains(list, "Nguyễn Văn A") || !strings.Contains(list, "Sở Tài chính") {
		t.Errorf("one correction (the lead; the unchanged STT is none) with its author and old value: %s", list)
	}
	if code := postForm(t, f, "/van-ban/1/hoan-tac", url.Values{"sua": {"101"}}); code != http.StatusSeeOther {
		t.Fatalf("undo: %d", code)
	}
	undone := get(t, h, "/van-ban/1").Body.String()
	if row := between(undone, `data-key="III|3.3"`, `</tr>`); !strings.Contains(row, "<td>Sở Tài chính</td>") || !strings.Contains(undone, "đã hoàn tác") {
		t.Errorf("after undo, row 3.3: %s", row)
	}
	if code := postForm(t, f, "/van-ban/1/sua", url.Values{"date": {"21/03/2026"}, "reference": {"58/KH-UBND"}}); code != http.StatusSeeOther {
		t.Fatalf("correcting the date: %d", code)
	}
	if doc := get(t, h, "/van-ban/1").Body.String(); !strings.Contains(doc, "21/03/2026") {
		t.Error("the corrected date is not shown")
	}
	if code := postForm(t, f, "/van-ban/1/sua", url.Values{"date": {"32/13/2026"}}); code != http.StatusBadRequest {
		t.Errorf("a wrong date: %d, want 400", code)
	}
	if code := postForm(t, f, "/van-ban/1/sua", url.Values{"dong": {"III|3.3"}, "not_task": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("marking not a task: %d", code)
	}
	if doc := get(t, h, "/van-ban/1").Body.String(); strings.Contains(doc, `data-key="III|3.3"`) || strings.Count(doc, `class="task-row`) != 67 {
		t.Error("the row marked as no task is still listed")
	}
}

// TestAddRowForm: the Thêm dòng form adds a row at the end of the
// appendix, listed among the corrections by its STT and task, and
// correctable itself.
func TestAddRowForm(t *testing.T) {
	f := newFixture(t, nil)
	h := f.srv.Handler()
	if code := postForm(t, f, "/van-ban/1/them-dong", url.Values{"section": {"III"}, "stt": {"3.99"}, "task": {"Số hóa hồ sơ"}, "lead": {"Sở Nội vụ"}}); code != http.StatusSeeOther {
		t.Fatalf("add row: %d", code)
	}
	page := get(t, h, "/van-ban/1").Body.String()
	if n := strings.Count(page, `class="task-row`); n != 69 || !strings.Contains(page, `data-key="&#43;101"`) || !strings.Contains(page, "3.99 Số hóa hồ sơ") {
		t.Errorf("%d rows after adding one; the added row or its listing is missing", n)
	}
	if form := get(t, h, "/van-ban/1?sua-dong=%2B101").Body.String(); !strings.Contains(form, `name="lead" value="Sở Nội vụ"`) {
		t.Error("the added row has no correction form")
	}
	if code := postForm(t, f, "/van-ban/1/them-dong", url.Values{"stt": {"3.100"}}); code != http.StatusBadRequest && code != http.StatusSeeOther {
		t.Errorf("a row without a task: %d", code)
	}
}
