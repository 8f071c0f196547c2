package ingest

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
	"time"

	"vanban"
	"vanban/extract"
	"vanban/extract/layout"
	"vanban/ingest/ingesttest"
	"vanban/internal/sharedtest"
	"vanban/store"
)

var bg = context.Background()

func newPipeline(t testing.TB, ex Extractor) *Pipeline {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &Pipeline{Store: db, Extract: ex, Timeout: 30 * time.Second}
}

func ingestAll(t testing.TB, p *Pipeline, paths ...string) Summary {
	t.Helper()
	files, bad := Collect(paths, p.Store.Dir())
	if len(bad) > 0 {
		t.Fatalf("collect: %+v", bad)
	}
	var s Summary
	for _, f := range files {
		s.Add(p.File(bg, f))
	}
	return s
}

// TestSharedTwice ingests the whole shared folder (corpus and real
// documents) twice: everything is stored or failed with a reason the
// first time, what the store gives back is what the extractor read, and
// the second run changes nothing and says so.
func TestSharedTwice(t *testing.T) {
	for _, tc := range []struct {
		name string
		ex   Extractor
	}{{"fake", ingesttest.Fake}, {"real", fileNoOCR}} {
		t.Run(tc.name, func(t *testing.T) {
			read := map[string]*vanban.Document{} // by sha256
			p := newPipeline(t, func(ctx context.Context, path string) (*vanban.Document, error) {
				doc, err := tc.ex(ctx, path)
				if err == nil {
					c := *doc
					read[doc.SHA256] = &c
				}
				return doc, err
			})
			first := ingestAll(t, p, sharedtest.Dir(t))
			if len(first.Results) < 20 || first.Errors > 0 || first.Unchanged > 0 {
				t.Fatalf("first run: %d files, %d errors, %d unchanged", len(first.Results), first.Errors, first.Unchanged)
			}
			for _, r := range first.Results {
				if r.Outcome == Failed && (r.Reason == "" || r.Error == "" || r.Kind == "") {
					t.Errorf("%s failed without a reason: %+v", r.Name, r)
				}
			}
			roundTrip(t, p, first, read)
			rev, _ := p.Store.Revision(bg)
			second := ingestAll(t, p, sharedtest.Dir(t))
			if second.Unchanged != len(first.Results) || second.Changed() {
				t.Errorf("second run: %+v; want every file unchanged", counts(second))
			}
			for _, r := range second.Results {
				if !strings.HasPrefix(r.Message, "không đổi") {
					t.Errorf("second run, %s: message %q", r.Name, r.Message)
				}
			}
			if rev2, _ := p.Store.Revision(bg); rev2 != rev {
				t.Errorf("second run moved the revision from %d to %d", rev, rev2)
			}
			t.Logf("%s: %+v", tc.name, counts(first))
			if tc.name == "real" {
				scanned := map[string]bool{"996KH-TCTLNTW-C04.pdf": true, "280 BC.signed_20250219_164611.pdf": true, "464-ttg.signed.pdf": true}
				for _, r := range first.Results {
					if scanned[r.Name] && (r.Outcome != Failed || !errors.Is(r.Err, layout.ErrNoText) || r.Kind != KindNoText) {
						t.Errorf("scanned %s: %s %v; want failed with ErrNoText", r.Name, r.Outcome, r.Err)
					}
				}
			}
		})
	}
}

// roundTrip checks that every document stored from its primary file
// loads back as the extractor read it.
func roundTrip(t *testing.T, p *Pipeline, s Summary, read map[string]*vanban.Document) {
	t.Helper()
	n := 0
	for _, r := range s.Results {
		if r.Outcome != Stored || !r.Primary {
			continue
		}
		got, err := p.Store.Document(bg, r.DocID)
		if err != nil {
			t.Fatal(err)
		}
		want := read[got.SHA256]
		if want == nil {
			t.Errorf("%s: stored sha256 %s was never extracted", r.Name, got.SHA256)
			continue
		}
		want.File = r.Name // the extractor read the stored copy
		got.ID = 0
		for i := range got.Rows {
			got.Rows[i].ID = 0
		}
		if path, g, w := firstDiff(plain(t, got), plain(t, want), "doc"); path != "" {
			t.Errorf("%s: stored document differs from the extracted one at %s:\n got %.300v\nwant %.300v", r.Name, path, g, w)
		}
		n++
	}
	if n == 0 {
		t.Error("no document to compare")
	}
}

func counts(s Summary) map[string]int {
	return map[string]int{"stored": s.Stored, "unchanged": s.Unchanged, "failed": s.Failed, "errors": s.Errors, "skipped": s.Skipped}
}

// TestPlan58 checks the links the corpus makes: the draft superseded by
// plan 58, plan 58's DOCX and PDF one document, both reports linked to it.
func TestPlan58(t *testing.T) {
	p := newPipeline(t, extract.File)
	corpus := filepath.Join(sharedtest.Dir(t), "corpus")
	s := ingestAll(t, p, corpus)
	byName := map[string]Result{}
	for _, r := range s.Results {
		byName[r.Name] = r
	}
	draft, plan := byName["du-thao-ke-hoach-khcn.docx"], byName["ke-hoach-58-kh-ubnd-2026.docx"]
	if draft.Outcome != Stored || plan.Outcome != Stored || draft.DocID == plan.DocID {
		t.Fatalf("draft %+v, plan %+v", draft, plan)
	}
	t.Run("draft superseded", func(t *testing.T) {
		sum, err := p.Store.Summary(bg, draft.DocID)
		if err != nil || sum.SupersededBy != plan.DocID {
			t.Errorf("draft superseded by %v (%v), want %d", sum, err, plan.DocID)
		}
	})
	t.Run("reports cite plan 58", func(t *testing.T) {
		reps, err := p.Store.ReportsCiting(bg, "58/KH-UBND")
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"bao-cao-1876-bc-bql-2026.pdf", "bao-cao-412-bc-stc-2026.docx"} // newest first
		var got []string
		for _, r := range reps {
			got = append(got, r.FileName)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("reports citing 58/KH-UBND: %v, want %v", got, want)
		}
	})
	t.Run("docx and pdf one document", func(t *testing.T) {
		pdf := byName["ke-hoach-58-kh-ubnd-2026.pdf"]
		if pdf.DocID != plan.DocID {
			t.Fatalf("pdf in document %d (%s), docx in %d", pdf.DocID, pdf.Message, plan.DocID)
		}
		sum, _ := p.Store.Summary(bg, plan.DocID)
		if sum.Format != "docx" || !reflect.DeepEqual(sum.Formats, []string{"docx", "pdf"}) {
			t.Errorf("plan 58: primary %s, formats %v", sum.Format, sum.Formats)
		}
		docs, _ := p.Store.Documents(bg, store.Filter{Type: vanban.TypePlan})
		n := 0
		for _, d := range docs {
			if d.Reference == "58/KH-UBND" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d documents 58/KH-UBND, want 1", n)
		}
	})
}

// TestBadFiles: each bad file fails with its kind and a Vietnamese reason,
// and is listed among the failures.
func TestBadFiles(t *testing.T) {
	docx, err := os.ReadFile(filepath.Join(sharedtest.Dir(t), "corpus", "ke-hoach-58-kh-ubnd-2026.docx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ex   Extractor
	}{{"fake", ingesttest.Fake}, {"real", fileNoOCR}} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPipeline(t, tc.ex)
			dir := t.TempDir()
			for _, b := range ingesttest.BadFiles(docx) {
				path := filepath.Join(dir, b.Name)
				os.WriteFile(path, b.Data, 0o644)
				r := p.File(bg, path)
				if r.Outcome != Failed || !(errors.Is(r.Err, b.Err) || b.Alt != nil && errors.Is(r.Err, b.Alt)) {
					t.Errorf("%s: %s, %v; want failed with %v", b.Name, r.Outcome, r.Err, b.Err)
				}
				if want := Classify(r.Err, r.Format).Reason; r.Reason != want || !strings.Contains(r.Message, want) {
					t.Errorf("%s: reason %q, message %q; want %q", b.Name, r.Reason, r.Message, want)
				}
				if strings.Contains(r.Error, "files/") || !strings.Contains(r.Error, b.Name) {
					t.Errorf("%s: error %q should name the file, not its stored copy", b.Name, r.Error)
				}
			}
			fails, _ := p.Store.Failures(bg)
			if len(fails) != len(ingesttest.BadFiles(docx)) {
				t.Errorf("%d failures listed, want %d", len(fails), len(ingesttest.BadFiles(docx)))
			}
		})
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		err    error
		format string
		kind   string
		reason string
	}{
		{layout.ErrNoText, "pdf", KindNoText, "không có lớp văn bản, cần OCR (tệp quét)"},
		{layout.ErrEncrypted, "pdf", KindEncrypted, "tệp PDF được mã hóa (đặt mật khẩu), cần mở khóa"},
		{layout.ErrEncrypted, "docx", KindEncrypted, "tệp DOCX được mã hóa (đặt mật khẩu), cần mở khóa"},
		{layout.ErrNotZip, "docx", KindNotDOCX, "không phải tệp DOCX hợp lệ"},
		{layout.ErrEmpty, "docx", KindEmpty, "tệp rỗng"},
		{layout.ErrTooLarge, "pdf", KindTooLarge, "tệp quá lớn"},
		{layout.ErrMalformed, "pdf", KindMalformed, "tệp hỏng"},
		{context.DeadlineExceeded, "pdf", KindTimeout, "đọc tệp quá thời gian cho phép"},
		{errors.New("boom"), "pdf", KindInternal, "lỗi khi đọc tệp"},
	} {
		wrapped := errors.Join(errors.New("x.pdf: detail"), tc.err)
		f := Classify(wrapped, tc.format)
		if f.Kind != tc.kind || f.Reason != tc.reason || f.Error != wrapped.Error() {
			t.Errorf("Classify(%v) = %+v, want %s %q", tc.err, f, tc.kind, tc.reason)
		}
	}
}

// TestStuckExtractor: an extractor that ignores its context cannot hold
// the pipeline beyond the time limit; the file fails with a timeout.
func TestStuckExtractor(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	p := newPipeline(t, func(ctx context.Context, path string) (*vanban.Document, error) {
		<-release
		return nil, errors.New("late")
	})
	p.Timeout = 100 * time.Millisecond
	path := writeFile(t, t.TempDir(), "cham.docx", "x")
	start := time.Now()
	r := p.File(bg, path)
	if r.Outcome != Failed || r.Kind != KindTimeout || time.Since(start) > 2*time.Second {
		t.Errorf("stuck extractor: %+v after %v", r, time.Since(start))
	}
}

func TestPanickingExtractor(t *testing.T) {
	p := newPipeline(t, func(ctx context.Context, path string) (*vanban.Document, error) { panic("index out of range") })
	r := p.File(bg, writeFile(t, t.TempDir(), "a.docx", "x"))
	if r.Outcome != Failed || r.Kind != KindInternal || !strings.Contains(r.Error, "index out of range") {
		t.Errorf("panic: %+v", r)
	}
}

// TestInterrupted: a cancelled ingestion stores nothing; the next one
// ingests the file.
func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(bg)
	p := newPipeline(t, func(c context.Context, path string) (*vanban.Document, error) {
		cancel()
		<-c.Done()
		return nil, c.Err()
	})
	path := writeFile(t, t.TempDir(), "a.docx", "x")
	if r := p.File(ctx, path); r.Outcome != Error {
		t.Errorf("interrupted: %+v", r)
	}
	if docs, _ := p.Store.Documents(bg, store.Filter{Failed: true}); len(docs) != 0 {
		t.Errorf("interrupted file left %d documents", len(docs))
	}
	p.Extract = okExtractor("1/KH-X")
	if r := p.File(bg, path); r.Outcome != Stored {
		t.Errorf("after the interruption: %+v", r)
	}
}

// plain turns v into JSON values with empty lists and objects as null:
// the store does not keep nil and empty apart.
func plain(t *testing.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var x any
	json.Unmarshal(b, &x)
	var norm func(any) any
	norm = func(x any) any {
		switch v := x.(type) {
		case []any:
			if len(v) == 0 {
				return nil
			}
			for i := range v {
				v[i] = norm(v[i])
			}
		case map[string]any:
			if len(v) == 0 {
				return nil
			}
			for k := range v {
				v[k] = norm(v[k])
			}
		}
		return x
	}
	return norm(x)
}

// firstDiff returns where two plain values first differ, or "".
func firstDiff(a, b any, path string) (string, any, any) {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return path, a, b
		}
		for k := range av {
			if p, x, y := firstDiff(av[k], bv[k], path+"."+k); p != "" {
				return p, x, y
			}
		}
		for k := range bv {
			if _, ok := av[k]; !ok && bv[k] != nil {
				return path + "." + k, nil, bv[k]
			}
		}
		return "", nil, nil
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return path, a, b
		}
		for i := range av {
			if p, x, y := firstDiff(av[i], bv[i], fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p, x, y
			}
		}
		return "", nil, nil
	}
	if !reflect.DeepEqual(a, b) {
		return path, a, b
	}
	return "", nil, nil
}

func okExtractor(ref string) Extractor {
	return func(ctx context.Context, path string) (*vanban.Document, error) {
		return &vanban.Document{Format: Format(path), Meta: vanban.Meta{Reference: ref, Issuer: "UBND", Title: "T"},
			Rows: []vanban.Task{{STT: "1", Task: "x"}}}, nil
	}
}

func TestHooks(t *testing.T) {
	var mu sync.Mutex
	var events []string
	hook := func(kind string) func(context.Context, int64) {
		return func(_ context.Context, id int64) {
			mu.Lock()
			events = append(events, kind)
			mu.Unlock()
		}
	}
	p := newPipeline(t, okExtractor("5/KH-UBND"))
	p.Hooks = Hooks{OnStored: hook("stored"), OnRemoved: hook("removed")}
	dir := t.TempDir()
	docx := writeFile(t, dir, "a.docx", "v1")
	p.File(bg, docx) // new: stored
	p.File(bg, docx) // unchanged: nothing
	writeFile(t, dir, "a.docx", "v2")
	p.File(bg, docx) // version: stored
	p.File(bg, writeFile(t, dir, "a.pdf", "pdf"))
	// a.pdf beside a.docx: a secondary rendition, nothing
	p.Extract = func(ctx context.Context, path string) (*vanban.Document, error) { return nil, layout.ErrNoText }
	bad := writeFile(t, dir, "b.pdf", "scan")
	p.File(bg, bad) // failure: nothing
	p.Extract = okExtractor("5/KH-UBND")
	writeFile(t, dir, "b.pdf", "text now")
	p.File(bg, bad) // a rendition of 5/KH-UBND: the placeholder goes
	want := []string{"stored", "stored", "removed"}
	if !reflect.DeepEqual(events, want) {
		t.Errorf("hooks: %v, want %v", events, want)
	}
}

func TestRetry(t *testing.T) {
	calls := 0
	p := newPipeline(t, func(ctx context.Context, path string) (*vanban.Document, error) {
		calls++
		return nil, context.DeadlineExceeded
	})
	path := writeFile(t, t.TempDir(), "a.docx", "x")
	p.File(bg, path)
	if r := p.File(bg, path); r.Outcome != Unchanged || calls != 1 {
		t.Errorf("RetryNone: %s after %d calls", r.Outcome, calls)
	}
	p.Retry = RetryTransient
	for i := 0; i < 5; i++ {
		p.File(bg, path)
	}
	if calls != MaxAttempts {
		t.Errorf("RetryTransient read the file %d times, want %d", calls, MaxAttempts)
	}
	p.Retry, p.Extract = RetryAll, okExtractor("1/KH")
	if r := p.File(bg, path); r.Outcome != Stored {
		t.Errorf("RetryAll: %+v", r)
	}
}

// TestOriginalsGone: deleting or moving originals loses nothing.
func TestOriginalsGone(t *testing.T) {
	p := newPipeline(t, ingesttest.Fake)
	src := filepath.Join(sharedtest.Dir(t), "corpus", "ke-hoach-58-kh-ubnd-2026.docx")
	data, _ := os.ReadFile(src)
	dir := t.TempDir()
	path := writeFile(t, dir, "kh.docx", string(data))
	r := p.File(bg, path)
	before, _ := p.Store.Document(bg, r.DocID)
	moved := filepath.Join(dir, "lưu trữ", "kh.docx")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	if err := os.Rename(path, moved); err != nil {
		t.Fatal(err)
	}
	if r2 := p.File(bg, moved); r2.Outcome != Unchanged || r2.DocID != r.DocID {
		t.Errorf("moved file: %+v", r2)
	}
	os.Remove(moved)
	after, err := p.Store.Document(bg, r.DocID)
	if err != nil || !reflect.DeepEqual(before, after) {
		t.Errorf("document changed after the original went: %v", err)
	}
	files, _ := p.Store.Files(bg, r.DocID)
	if b, err := os.ReadFile(files[0].Stored); err != nil || len(b) != len(data) {
		t.Errorf("stored copy: %v", err)
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "vanban-data")
	for _, f := range []string{"a.docx", "B.PDF", "sub/c.docx", "sub/deep/d.pdf", "~$a.docx", ".~lock.a.docx#", "x.docx.part",
		"y.pdf.crdownload", "z.tmp", ".hidden.docx", ".git/e.docx", "vanban-data/files/ab/f.docx", "notes.txt", "g.doc"} {
		writeFile(t, dir, f, "x")
	}
	files, bad := Collect([]string{dir, filepath.Join(dir, "a.docx"), filepath.Join(dir, "notes.txt"), filepath.Join(dir, "missing.pdf")}, data)
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, filepath.ToSlash(r))
	}
	// Types vanban does not read are collected: the pipeline records
	// why (TestRefusedFiles).
	if want := []string{"B.PDF", "a.docx", "g.doc", "notes.txt", "sub/c.docx", "sub/deep/d.pdf"}; !reflect.DeepEqual(rel, want) {
		t.Errorf("collected %v, want %v", rel, want)
	}
	if len(bad) != 1 || bad[0].Outcome != Error || bad[0].Reason != "không tìm thấy tệp" {
		t.Errorf("bad = %+v", bad)
	}
}

func FuzzEligible(f *testing.F) {
	for _, s := range []string{"a.docx", "~$a.docx", ".~lock.a.docx#", "A.PDF", "x.docx.part", "", ".", "/", "a/b/.c.pdf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if Eligible(name) {
			base := filepath.Base(name)
			if Format(name) == "" || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$") {
				t.Errorf("Eligible(%q) but format %q", name, Format(name))
			}
		}
	})
}

func writeFile(t testing.TB, dir, rel, content string) string {
	t.Helper()
	path := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fileNoOCR extracts without OCR: ingesting the whole shared folder would
// otherwise read its three real scans page by page for minutes; package
// extract tests OCR, and TestOCRMarksKept here that the store keeps its
// marks.
func fileNoOCR(ctx context.Context, path string) (*vanban.Document, error) {
	return extract.FileOptions(ctx, path, extract.Options{NoOCR: true})
}

// TestOCRMarksKept: what OCR read and how surely comes back from the
// store as extracted.
func TestOCRMarksKept(t *testing.T) {
	doc := &vanban.Document{File: "quet.pdf", Format: "pdf", Meta: vanban.Meta{DocType: vanban.TypePlan, Title: "Kế hoạch quét"},
		OCR: &vanban.OCRInfo{Pages: []vanban.OCRPage{{Page: 1, Source: "jpeg", DPI: 300, Words: 420, Conf: 0.91}},
			Fields:  map[string]float64{"number": 0.2},
			Flagged: []vanban.OCRFlag{{Field: "number", From: "filename", Reason: "số viết tay"}}},
		Rows: []vanban.Task{{STT: "1", Task: "Rà soát", Lead: "Sở Tài chính", OCR: map[string]float64{"task": 0.88}}},
	}
	p := newPipeline(t, func(context.Context, string) (*vanban.Document, error) { c := *doc; return &c, nil })
	r := p.File(bg, writeFile(t, t.TempDir(), "quet.pdf", "%PDF-1.4 scan"))
	got, err := p.Store.Document(bg, r.DocID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.OCR, doc.OCR) || !reflect.DeepEqual(got.Rows[0].OCR, doc.Rows[0].OCR) {
		t.Errorf("OCR marks: %+v %+v, want %+v %+v", got.OCR, got.Rows[0].OCR, doc.OCR, doc.Rows[0].OCR)
	}
}
