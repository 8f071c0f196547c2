package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"vanban"
	"vanban/crosscheck/crosschecktest"
	"vanban/ingest"
	"vanban/internal/sharedtest"
	"vanban/store"
)

// storePlan58 stores plan 58 (its gold reading) in the data folder dir
// through a store of its own, as another process would.
func storePlan58(t *testing.T, dir string, plan *vanban.Document) {
	t.Helper()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storeInto(t, db, plan)
}

func searchHits(t *testing.T, a *App, q string) int {
	t.Helper()
	res, err := a.Search(context.Background(), SearchRequest{Query: q, Limit: 5})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return res.Total
}

// TestFollowSeesOtherProcesses: what another process stores is
// searchable in a running server within seconds.
func TestFollowSeesOtherProcesses(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, err := Open(ctx, Config{Data: dir, Create: true, Index: ServeIndex})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	go a.Follow(ctx, 20*time.Millisecond)
	if n := searchHits(t, a, "khởi nghiệp"); n != 0 {
		t.Fatalf("%d hits in an empty store", n)
	}
	storePlan58(t, dir, crosschecktest.Plan(t, sharedtest.Dir(t)))
	deadline := time.Now().Add(10 * time.Second)
	for searchHits(t, a, "khởi nghiệp") == 0 {
		if time.Now().After(deadline) {
			t.Fatal("a plan stored by another process is not searchable after 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDamagedIndexIsRebuilt: an index whose files were damaged neither
// stops a server (it serves documents and says search is being rebuilt,
// then searches again) nor an ingest.
func TestDamagedIndexIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	storePlan58(t, dir, crosschecktest.Plan(t, sharedtest.Dir(t)))
	a, err := Open(ctx, Config{Data: dir, Index: WithIndex})
	if err != nil {
		t.Fatal(err)
	}
	if n := searchHits(t, a, "khởi nghiệp"); n == 0 {
		t.Fatal("no hits before the damage")
	}
	a.Close()
	damage(t, filepath.Join(dir, "index"))

	ing, err := Open(ctx, Config{Data: dir, Index: IndexIfFree})
	if err != nil {
		t.Fatalf("an ingest over a damaged index: %v", err)
	}
	ing.Close()

	srv, err := Open(ctx, Config{Data: dir, Index: ServeIndex})
	if err != nil {
		t.Fatalf("a server over a damaged index: %v", err)
	}
	defer srv.Close()
	if docs, err := srv.Documents(ctx); err != nil || len(docs) != 1 {
		t.Errorf("documents while the index is rebuilt: %d, %v", len(docs), err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := srv.Search(ctx, SearchRequest{Query: "khởi nghiệp"})
		if err == nil && res.Total > 0 {
			break
		}
		if err != nil && vanban.ErrorCode(err) != vanban.EConflict {
			t.Fatalf("search during the rebuild: %v", err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("search not back after 20 s: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	aside, _ := filepath.Glob(filepath.Join(dir, "index.hong-*"))
	if len(aside) == 0 {
		t.Error("the damaged index was not kept aside")
	}
}

// damage overwrites the index's files with garbage.
func damage(t *testing.T, dir string) {
	t.Helper()
	n := 0
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			os.WriteFile(p, []byte(strings.Repeat("hỏng ", 64)), 0o600)
			n++
		}
		return nil
	})
	if n == 0 {
		t.Fatal("no index files to damage")
	}
}

// TestCatchUpFollowsTheChangeLog: after each store write the index
// catches up from the change log alone: a report's arrival re-indexes
// the plan it cites (its statuses), and the index's position moves to the
// log's end.
func TestCatchUpFollowsTheChangeLog(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	a, err := Open(ctx, Config{Data: dir, Create: true, Index: WithIndex,
		Now: func() time.Time { return time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	storeInto(t, a.db, crosschecktest.Plan(t, sharedtest.Dir(t)))
	if err := a.catchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if got := statusHits(t, a.index(), "trang-thai:hoan-thanh"); len(got) != 0 {
		t.Fatalf("statuses before any report: %v", got)
	}
	storeInto(t, a.db, crosschecktest.ReportSTC())
	if err := a.catchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if got := statusHits(t, a.index(), "trang-thai:hoan-thanh"); got["58/KH-UBND#3.3"] != "hoàn thành" {
		t.Errorf("the report's arrival did not re-index the plan it cites: %v", got)
	}
	last, _ := a.db.LastChange(ctx)
	if seq := a.index().Seq(); seq != last || last == 0 {
		t.Errorf("index at change %d, log ends at %d", seq, last)
	}
}

// TestScanIngestedWithProgress: a scanned page dropped as a JPEG is read
// by OCR in the pool's child, its progress told page by page, and stored
// with what OCR read.
func TestScanIngestedWithProgress(t *testing.T) {
	sharedtest.Program(t, "tesseract", "tesseract-ocr tesseract-ocr-vie")
	pdftoppm := sharedtest.Program(t, "pdftoppm", "poppler-utils")
	in := t.TempDir()
	out := filepath.Join(in, "trang-1")
	if b, err := exec.Command(pdftoppm, "-f", "1", "-l", "1", "-r", "200", "-gray", "-jpeg", "-singlefile",
		sharedtest.Path(t, "corpus", "ke-hoach-58-kh-ubnd-2026.pdf"), out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, b)
	}
	a, err := Open(context.Background(), Config{Data: t.TempDir(), Create: true, Index: NoIndex})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var mu sync.Mutex
	var seen []ingest.Progress
	opt := IngestOptions{OnProgress: func(p ingest.Progress) { mu.Lock(); seen = append(seen, p); mu.Unlock() }}
	sum, _ := a.Ingest(context.Background(), []string{out + ".jpg"}, opt, nil, nil)
	if sum.Stored != 1 || len(sum.Results) != 1 {
		t.Fatalf("ingest of a scan: %+v", sum.Results)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) == 0 || seen[len(seen)-1].Done != seen[len(seen)-1].Total || seen[0].Path != out+".jpg" {
		t.Errorf("progress %+v", seen)
	}
	doc, err := a.db.Document(context.Background(), sum.Results[0].DocID)
	if err != nil || doc.OCR == nil || doc.Meta.Reference != "58/KH-UBND" {
		t.Errorf("the scan as stored: %v, OCR %v, reference %q", err, doc != nil && doc.OCR != nil, doc.Meta.Reference)
	}
}
