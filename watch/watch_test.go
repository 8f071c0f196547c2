package watch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"vanban"
	"vanban/extract"
	"vanban/ingest"
	"vanban/ingest/ingesttest"
	"vanban/internal/sharedtest"
	"vanban/store"
)

var bg = context.Background()

// TestMain runs the test binary as a watcher child process when asked
// (TestKill9 starts it so that it can SIGKILL it).
func TestMain(m *testing.M) {
	if dir := os.Getenv("VANBAN_WATCH_CHILD_DIR"); dir != "" {
		os.Exit(child(dir, os.Getenv("VANBAN_WATCH_CHILD_DATA")))
	}
	os.Exit(m.Run())
}

// child watches dir into the store at data until SIGTERM.
func child(dir, data string) int {
	ctx, stop := signal.NotifyContext(bg, syscall.SIGTERM, os.Interrupt)
	defer stop()
	db, err := store.Open(data)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer db.Close()
	delay, _ := time.ParseDuration(os.Getenv("VANBAN_WATCH_CHILD_DELAY"))
	slow := func(ctx context.Context, path string) (*vanban.Document, error) {
		time.Sleep(delay)
		return ingesttest.Fake(ctx, path)
	}
	w, err := New(Config{Dir: dir, Pipeline: &ingest.Pipeline{Store: db, Extract: slow}, Settle: 150 * time.Millisecond,
		Rescan: time.Second, Workers: 2})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if err := w.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

func corpusDOCX(t testing.TB) []byte {
	t.Helper()
	return sharedtest.Read(t, "corpus/ke-hoach-58-kh-ubnd-2026.docx")
}

func openStore(t testing.TB, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// running is a watcher running in this process.
type running struct {
	w    *Watcher
	stop context.CancelFunc
	err  chan error
	mu   sync.Mutex
	done []ingest.Result
}

func start(t *testing.T, cfg Config) *running {
	t.Helper()
	r := &running{err: make(chan error, 1)}
	cfg.OnEvent = func(ev Event) {
		if ev.Kind == Done {
			r.mu.Lock()
			r.done = append(r.done, *ev.Result)
			r.mu.Unlock()
		}
	}
	w, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r.w = w
	ctx, cancel := context.WithCancel(bg)
	r.stop = cancel
	go func() { r.err <- w.Run(ctx) }()
	t.Cleanup(func() { r.halt(t) })
	return r
}

// halt stops the watcher and waits for it.
func (r *running) halt(t *testing.T) {
	t.Helper()
	if r.stop == nil {
		return
	}
	r.stop()
	r.stop = nil
	select {
	case err := <-r.err:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the watcher did not stop")
	}
}

// idle reports whether nothing is settling, queued or in flight.
func (r *running) idle() bool {
	st := r.w.Stats()
	return st.Settling == 0 && st.Queued == 0 && st.InFlight == 0
}

func (r *running) results() []ingest.Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]ingest.Result(nil), r.done...)
}

func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// settled reports whether every good item is stored and every bad one
// recorded as failed.
func settled(db *store.DB, dir string, items []ingesttest.Item) bool {
	for _, it := range items {
		if it.Ignored {
			continue
		}
		l, err := db.LocationOf(bg, filepath.Join(dir, it.Rel))
		if err != nil || l == nil {
			return false
		}
		if it.Refused != "" {
			if !l.Rejected {
				return false
			}
			continue
		}
		k, err := db.Known(bg, sha(it.Data))
		if err != nil || k == nil || k.ID != l.FileID || (k.Status == vanban.ReadOK) == it.Bad {
			return false
		}
	}
	return true
}

// checkBurst checks the store after a burst: each good file stored once
// as a document of its own, each bad file listed as failed with the
// reason its error calls for, the ignored files absent.
func checkBurst(t *testing.T, db *store.DB, dir string, items []ingesttest.Item) {
	t.Helper()
	docs := map[int64]string{}
	good := 0
	for _, it := range items {
		path := filepath.Join(dir, it.Rel)
		l, _ := db.LocationOf(bg, path)
		if it.Ignored {
			if l != nil {
				t.Errorf("%s was ingested; it must be ignored", it.Rel)
			}
			continue
		}
		if l == nil {
			t.Errorf("%s: not in the store", it.Rel)
			continue
		}
		if it.Refused != "" {
			if k, _ := db.Known(bg, sha(it.Data)); !l.Rejected || l.ErrorKind != it.Refused || k != nil {
				t.Errorf("%s: %+v, want refused (%s) and its content not kept", it.Rel, l, it.Refused)
			}
			continue
		}
		k, _ := db.Known(bg, sha(it.Data))
		if it.Bad {
			if k == nil || k.Status != vanban.ReadFailed {
				t.Errorf("%s: %+v, want failed", it.Rel, k)
			}
			continue
		}
		good++
		if k == nil || k.Status != vanban.ReadOK {
			t.Errorf("%s: %+v, want stored", it.Rel, k)
			continue
		}
		if other, dup := docs[k.DocID]; dup {
			t.Errorf("%s and %s are one document", it.Rel, other)
		}
		docs[k.DocID] = it.Rel
	}
	all, err := db.Documents(bg, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != good {
		t.Errorf("%d documents, want %d", len(all), good)
	}
	fails, _ := db.Failures(bg)
	reasons := map[string]store.FileInfo{}
	for _, f := range fails {
		reasons[f.Path] = f
	}
	for _, it := range items {
		if it.Refused != "" {
			if f, ok := reasons[filepath.Join(dir, it.Rel)]; !ok || f.ErrorKind != it.Refused || !strings.Contains(f.Reason, "hãy") {
				t.Errorf("%s: failure %+v, want kind %s saying what to do", it.Rel, f, it.Refused)
			}
		}
		if !it.Bad {
			continue
		}
		f, ok := reasons[filepath.Join(dir, it.Rel)]
		want := ingest.Classify(it.Err, ingest.Format(it.Rel))
		alt := want
		if it.Alt != nil {
			alt = ingest.Classify(it.Alt, ingest.Format(it.Rel))
		}
		if !ok || f.Reason == "" || f.ErrorKind != want.Kind && f.ErrorKind != alt.Kind {
			t.Errorf("%s: failure %+v, want kind %s (%s)", it.Rel, f, want.Kind, want.Reason)
		}
	}
	if len(fails) != len(reasons) || len(reasons) != countBad(items) {
		t.Errorf("%d failures listed, want %d", len(fails), countBad(items))
	}
}

func countBad(items []ingesttest.Item) int {
	n := 0
	for _, it := range items {
		if it.Bad || it.Refused != "" {
			n++
		}
	}
	return n
}

// TestBurst drops many distinct documents into a watched folder at once —
// written at once, slowly in chunks, renamed into place, into new
// subfolders — with bad and temporary files among them.
func TestBurst(t *testing.T) {
	docx := corpusDOCX(t)
	for _, tc := range []struct {
		name string
		ex   ingest.Extractor
		n    int
	}{{"fake", ingesttest.Fake, 40}, {"real", extract.File, 16}} {
		t.Run(tc.name, func(t *testing.T) {
			items, err := ingesttest.Burst(docx, tc.n)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			db := openStore(t, t.TempDir())
			r := start(t, Config{Dir: dir, Pipeline: &ingest.Pipeline{Store: db, Extract: tc.ex}, Settle: 200 * time.Millisecond,
				Rescan: 5 * time.Second, Workers: 2})
			wr := ingesttest.Writer{Dir: dir, Chunks: 4, Pause: 40 * time.Millisecond}
			if _, err := wr.WriteAll(items, 6); err != nil {
				t.Fatal(err)
			}
			waitFor(t, 40*time.Second, "the burst to be ingested", func() bool { return settled(db, dir, items) })
			waitFor(t, 10*time.Second, "the watcher to be idle", r.idle)
			r.halt(t)
			checkBurst(t, db, dir, items)
			st := r.w.Stats()
			if st.Stored != tc.n || st.Failed != countBad(items) || st.InFlight != 0 || st.Queued != 0 || st.Settling != 0 {
				t.Errorf("stats %+v: want %d stored, %d failed, nothing left", st, tc.n, countBad(items))
			}
			seen := map[string]int{}
			for _, res := range r.results() {
				if res.Outcome == ingest.Stored || res.Outcome == ingest.Failed {
					seen[res.Path]++
				}
			}
			for p, n := range seen {
				if n > 1 {
					t.Errorf("%s ingested %d times", p, n)
				}
			}
		})
	}
}

// TestPickUpAtStart: files that arrived while the watcher was down are
// taken at start; files it stored before are not read again.
func TestPickUpAtStart(t *testing.T) {
	items, err := ingesttest.Burst(corpusDOCX(t), 6)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := openStore(t, t.TempDir())
	p := &ingest.Pipeline{Store: db, Extract: ingesttest.Fake}
	wr := ingesttest.Writer{Dir: dir}
	for _, it := range items[:3] {
		wr.Write(it)
		p.File(bg, filepath.Join(dir, it.Rel))
	}
	for _, it := range items[3:] {
		wr.Write(it)
	}
	r := start(t, Config{Dir: dir, Pipeline: p, Settle: 50 * time.Millisecond, Rescan: time.Hour})
	waitFor(t, 20*time.Second, "the files to be taken", func() bool { return settled(db, dir, items) })
	r.halt(t)
	checkBurst(t, db, dir, items)
	if st := r.w.Stats(); st.Stored != 3 || st.Unchanged != 0 {
		t.Errorf("stats %+v: want the 3 new files stored and the 3 known ones left alone", st)
	}
}

// TestChanges: a changed file becomes a new version; a failed file is
// taken again when it changes; a deleted original loses nothing.
func TestChanges(t *testing.T) {
	docx := corpusDOCX(t)
	v1, _ := ingesttest.Variant(docx, 7)
	v2, _ := ingesttest.Variant(v1, 7) // edited, same number: the same document
	dir := t.TempDir()
	db := openStore(t, t.TempDir())
	r := start(t, Config{Dir: dir, Pipeline: &ingest.Pipeline{Store: db, Extract: ingesttest.Fake}, Settle: 50 * time.Millisecond,
		Rescan: 200 * time.Millisecond})
	kh := filepath.Join(dir, "kh.docx")
	bad := filepath.Join(dir, "sub", "hong.docx")
	os.MkdirAll(filepath.Dir(bad), 0o755)
	os.WriteFile(kh, v1, 0o644)
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	known := func(b []byte, status vanban.ReadStatus) func() bool {
		return func() bool { k, _ := db.Known(bg, sha(b)); return k != nil && k.Status == status }
	}
	waitFor(t, 10*time.Second, "v1 and the bad file", func() bool { return known(v1, "ok")() && known([]byte("not a zip"), "failed")() })
	os.WriteFile(kh, v2, 0o644)
	fixed, _ := ingesttest.Variant(docx, 8)
	os.WriteFile(bad, fixed, 0o644)
	waitFor(t, 10*time.Second, "v2 and the fixed file", func() bool { return known(v2, "ok")() && known(fixed, "ok")() })
	k1, _ := db.Known(bg, sha(v1))
	k2, _ := db.Known(bg, sha(v2))
	if k1.DocID != k2.DocID {
		t.Errorf("v2 is document %d, v1 %d: want one document", k2.DocID, k1.DocID)
	}
	files, _ := db.Files(bg, k1.DocID)
	if len(files) != 2 || files[0].SHA256 != sha(v2) || files[1].SupersededBy != files[0].ID {
		t.Errorf("files %+v: want v2 current and v1 in history", files)
	}
	if f, _ := db.Failures(bg); len(f) != 0 {
		t.Errorf("failures after the fix: %+v", f)
	}
	// The originals go; the rescan forgets their paths, not the documents.
	before, _ := db.Documents(bg, store.Filter{})
	os.Remove(kh)
	waitFor(t, 10*time.Second, "the rescan", func() bool { l, _ := db.LocationOf(bg, kh); return l == nil })
	r.halt(t)
	after, _ := db.Documents(bg, store.Filter{})
	if len(after) != len(before) || len(after) != 2 {
		t.Errorf("%d documents after the original went, %d before", len(after), len(before))
	}
}

// TestStop: cancelling finishes the file in flight, stores it whole and
// returns.
func TestStop(t *testing.T) {
	entered := make(chan struct{}, 1)
	slow := func(ctx context.Context, path string) (*vanban.Document, error) {
		entered <- struct{}{}
		time.Sleep(300 * time.Millisecond)
		return ingesttest.Fake(ctx, path)
	}
	dir := t.TempDir()
	db := openStore(t, t.TempDir())
	r := start(t, Config{Dir: dir, Pipeline: &ingest.Pipeline{Store: db, Extract: slow}, Settle: 20 * time.Millisecond})
	data, _ := ingesttest.Variant(corpusDOCX(t), 3)
	os.WriteFile(filepath.Join(dir, "a.docx"), data, 0o644)
	<-entered
	r.halt(t)
	if k, _ := db.Known(bg, sha(data)); k == nil || k.Status != vanban.ReadOK {
		t.Errorf("the file in flight at the stop: %+v, want stored", k)
	}
}

// TestStuckFile: an extractor stuck on one file, ignoring its context,
// does not stall the others.
func TestStuckFile(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	ex := func(ctx context.Context, path string) (*vanban.Document, error) {
		if d, err := ingesttest.Fake(ctx, path); err == nil && d.Meta.Number == "1" {
			<-release
		}
		return ingesttest.Fake(ctx, path)
	}
	dir := t.TempDir()
	db := openStore(t, t.TempDir())
	r := start(t, Config{Dir: dir, Pipeline: &ingest.Pipeline{Store: db, Extract: ex}, Settle: 20 * time.Millisecond,
		FileTimeout: 300 * time.Millisecond})
	docx := corpusDOCX(t)
	var all [][]byte
	for i := 1; i <= 4; i++ {
		b, _ := ingesttest.Variant(docx, i)
		all = append(all, b)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.docx", i)), b, 0o644)
	}
	waitFor(t, 10*time.Second, "the other files", func() bool {
		for i, b := range all {
			k, _ := db.Known(bg, sha(b))
			if k == nil || i == 0 && k.ErrorKind != ingest.KindTimeout {
				return false
			}
		}
		return true
	})
	r.halt(t)
}

// TestDataFolderInside: a data folder inside the watched folder is not
// ingested.
func TestDataFolderInside(t *testing.T) {
	dir := t.TempDir()
	db := openStore(t, filepath.Join(dir, "vanban-data"))
	r := start(t, Config{Dir: dir, Pipeline: &ingest.Pipeline{Store: db, Extract: ingesttest.Fake}, Settle: 20 * time.Millisecond})
	data, _ := ingesttest.Variant(corpusDOCX(t), 9)
	os.WriteFile(filepath.Join(dir, "a.docx"), data, 0o644)
	waitFor(t, 10*time.Second, "a.docx", func() bool { k, _ := db.Known(bg, sha(data)); return k != nil })
	// A full scan after it, with nothing left to take: the data folder's
	// copies were not taken for documents.
	scans := r.w.Stats().Scans
	r.w.Rescan()
	waitFor(t, 10*time.Second, "a scan with nothing in flight", func() bool {
		st := r.w.Stats()
		return st.Scans > scans && st.Settling == 0 && st.Queued == 0 && st.InFlight == 0
	})
	r.halt(t)
	if locs, _ := db.Locations(bg, ""); len(locs) != 1 {
		t.Errorf("locations %v: want only a.docx", locs)
	}
}

// TestKill9 kills the watcher with SIGKILL in the middle of a burst and
// starts it again: no document is half stored and every file ends up
// stored exactly once.
func TestKill9(t *testing.T) {
	items, err := ingesttest.Burst(corpusDOCX(t), 40)
	if err != nil {
		t.Fatal(err)
	}
	dir, data := t.TempDir(), t.TempDir()
	db := openStore(t, data)
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "VANBAN_WATCH_CHILD_DIR="+dir, "VANBAN_WATCH_CHILD_DATA="+data, "VANBAN_WATCH_CHILD_DELAY=15ms")
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	cmd := child()
	wrote := make(chan error, 1)
	go func() {
		_, err := ingesttest.Writer{Dir: dir, Chunks: 3, Pause: 30 * time.Millisecond}.WriteAll(items, 4)
		wrote <- err
	}()
	stored := func() int { n, _ := db.Documents(bg, store.Filter{}); return len(n) }
	waitFor(t, 30*time.Second, "a few documents", func() bool { return stored() >= 8 })
	cmd.Process.Kill()
	cmd.Wait()
	killedAt := stored()
	cmd = child()
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	waitFor(t, 40*time.Second, "the burst to be ingested", func() bool { return settled(db, dir, items) })
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("watcher after SIGTERM: %v, want a clean exit", err)
	}
	t.Logf("killed with %d of %d documents stored", killedAt, len(items))
	checkBurst(t, db, dir, items)
	checkWhole(t, db)
}

// checkWhole checks the database's integrity and that every document has
// every row its file gives.
func checkWhole(t *testing.T, db *store.DB) {
	t.Helper()
	var ok string
	if err := db.SQL().QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check: %s %v", ok, err)
	}
	rows, err := db.SQL().Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("foreign_key_check found dangling rows")
	}
	rows.Close()
	docs, _ := db.Documents(bg, store.Filter{})
	for _, d := range docs {
		files, _ := db.Files(bg, d.ID)
		want, err := ingesttest.Fake(bg, files[0].Stored)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Document(bg, d.ID)
		if err != nil || len(got.Rows) != len(want.Rows) || got.Meta.Reference != want.Meta.Reference {
			t.Errorf("document %d (%s): %d rows, want %d", d.ID, d.FileName, len(got.Rows), len(want.Rows))
		}
	}
}

// BenchmarkIngest measures one file's trip through the pipeline (hash,
// copy, fake extraction, store) with distinct documents.
func BenchmarkIngest(b *testing.B) {
	docx := corpusDOCX(b)
	dir := b.TempDir()
	db := openStore(b, b.TempDir())
	p := &ingest.Pipeline{Store: db, Extract: ingesttest.Fake}
	paths := make([]string, b.N)
	for i := range paths {
		data, _ := ingesttest.Variant(docx, i)
		paths[i] = filepath.Join(dir, strconv.Itoa(i)+".docx")
		os.WriteFile(paths[i], data, 0o644)
	}
	b.ResetTimer()
	for _, p2 := range paths {
		if r := p.File(bg, p2); r.Outcome != ingest.Stored {
			b.Fatal(r.Message, r.Error)
		}
	}
}
