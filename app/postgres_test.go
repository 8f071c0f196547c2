package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"vanban"
	"vanban/crosscheck/crosschecktest"
	"vanban/ingest"
	"vanban/ingest/ingesttest"
	"vanban/internal/sharedtest"
	"vanban/store"
	"vanban/store/postgres"
	"vanban/store/postgres/pgtest"
	"vanban/watch"
)

// openNode opens an App on the PostgreSQL store at addr with a data
// folder of its own, as one server of several would.
func openNode(t *testing.T, addr string, mode IndexMode) *App {
	t.Helper()
	a, err := Open(context.Background(), Config{Data: t.TempDir(), Store: addr, Create: true, Index: mode})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// TestMigrateRoundTrip: plan 58 with its two reports and a person's
// decision, moved from SQLite to PostgreSQL, cross-checks identically,
// and vanban check finds both stores whole.
func TestMigrateRoundTrip(t *testing.T) {
	addr := pgtest.URL(t)
	ctx := context.Background()
	dir := t.TempDir()
	shared := sharedtest.Dir(t)
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []*vanban.Document{crosschecktest.Plan(t, shared), crosschecktest.ReportSTC(), crosschecktest.ReportBQL()} {
		storeInto(t, db, doc)
	}
	db.Close()
	asOf := vanban.D(2026, time.December, 31)
	src, err := Open(ctx, Config{Data: dir})
	if err != nil {
		t.Fatal(err)
	}
	decideFirst(t, src, asOf)
	before := crossJSON(t, src, asOf)
	src.Close()

	st, err := Migrate(ctx, dir, addr)
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows["documents"] != 3 || st.Rows["match_decisions"] != 1 || st.Files != 3 {
		t.Errorf("migrated %+v, want 3 documents, 1 decision, 3 files", st)
	}
	dst := openNode(t, addr, WithIndex)
	if after := crossJSON(t, dst, asOf); after != before {
		t.Errorf("cross-check differs after migrate:\nbefore %.2000s\nafter  %.2000s", before, after)
	}
	// The new node's folder has no copies: they come from the database.
	sums, err := dst.Summaries(ctx, DocFilter{})
	if err != nil || len(sums) == 0 {
		t.Fatalf("documents on PostgreSQL: %d, %v", len(sums), err)
	}
	files, err := dst.Store().Files(ctx, sums[0].ID)
	if err != nil || len(files) == 0 {
		t.Fatalf("files of document %d: %v", sums[0].ID, err)
	}
	_, rc, err := dst.OpenFile(ctx, files[0].ID)
	if err != nil {
		t.Fatalf("open a kept copy on the new node: %v", err)
	}
	if data, _ := io.ReadAll(rc); len(data) != int(files[0].Size) {
		t.Errorf("kept copy: %d bytes, want %d", len(data), files[0].Size)
	}
	rc.Close()
	if problems, err := dst.Verify(ctx); err != nil || len(problems) != 0 {
		t.Errorf("check of the PostgreSQL store: %v, %v", problems, err)
	}
	if _, err := Migrate(ctx, dir, addr); err == nil {
		t.Error("a second migrate into a store that has data succeeded")
	}
}

// decideFirst confirms the first proposed match of the first report, so
// that the migrated store has a decision that changes the cross-check.
func decideFirst(t *testing.T, a *App, asOf vanban.Date) {
	t.Helper()
	ctx := context.Background()
	plan, reports, err := a.LoadPlan(ctx, "58/KH-UBND")
	if err != nil || len(reports) == 0 || len(plan.Rows) == 0 {
		t.Fatalf("plan 58: %d reports, %v", len(reports), err)
	}
	if err := a.Store().SetMatchDecision(ctx, reports[0].ID, 0, plan.Rows[len(plan.Rows)-1].ID, true); err != nil {
		t.Fatal(err)
	}
}

func crossJSON(t *testing.T, a *App, asOf vanban.Date) string {
	t.Helper()
	res, err := a.CrossCheck(context.Background(), "58/KH-UBND", asOf)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestTwoNodes: two nodes watch one folder through one PostgreSQL store.
// A burst of 200 documents is stored exactly once (each file read by one
// node: the other finds it unchanged), and a search on node B, which
// follows the change log, finds what node A stored.
func TestTwoNodes(t *testing.T) {
	addr := pgtest.URL(t)
	n := 200
	if testing.Short() || raceEnabled {
		n = 40 // the race detector's run checks the same paths on fewer files
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, b := openNode(t, addr, ServeIndex), openNode(t, addr, ServeIndex)
	fctx, stopFollow := context.WithCancel(context.Background())
	defer stopFollow()
	go b.Follow(fctx, 10*time.Second) // the ticker is slow: NOTIFY must wake it
	folder := t.TempDir()
	var mu sync.Mutex
	stored := map[string][]string{} // path → nodes that stored it
	var wg sync.WaitGroup
	for name, node := range map[string]*App{"A": a, "B": b} {
		p := node.Pipeline()
		p.Extract = ingesttest.Fake
		w, err := watch.New(watch.Config{Dir: folder, Pipeline: p, Settle: 100 * time.Millisecond, Rescan: time.Second, Workers: 2,
			OnEvent: func(ev watch.Event) {
				if ev.Kind == watch.Done && ev.Result.Outcome == ingest.Stored {
					mu.Lock()
					stored[ev.Path] = append(stored[ev.Path], name)
					mu.Unlock()
				}
			}})
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() { defer wg.Done(); w.Run(ctx) }()
	}
	items, err := ingesttest.Burst(sharedtest.Read(t, "corpus/ke-hoach-58-kh-ubnd-2026.docx"), n)
	if err != nil {
		t.Fatal(err)
	}
	items = items[:n] // the good documents
	if _, err := (ingesttest.Writer{Dir: folder}).WriteAll(items, 4); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	deadline := start.Add(2 * time.Minute)
	for {
		docs, err := a.Store().Documents(ctx, store.Filter{Type: vanban.TypePlan})
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		done := len(stored)
		mu.Unlock()
		if len(docs) >= n && done >= n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 2 min: %d documents, %d files stored, want %d", len(docs), done, n)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("%d files stored in %v", n, time.Since(start))
	time.Sleep(500 * time.Millisecond) // a second reading would have finished by now
	cancel()
	wg.Wait()
	t.Logf("watchers stopped after %v", time.Since(start))
	mu.Lock()
	byNode := map[string]int{}
	for path, nodes := range stored {
		if len(nodes) != 1 {
			t.Errorf("%s stored %d times (%v)", path, len(nodes), nodes)
		}
		byNode[nodes[0]]++
	}
	mu.Unlock()
	docs, _ := a.Store().Documents(context.Background(), store.Filter{})
	if len(docs) != n {
		t.Errorf("%d documents, want %d", len(docs), n)
	}
	t.Logf("stored by node: %v", byNode)
	// Node B's index has what A read (and its own).
	var fromA string
	for path, nodes := range stored {
		if nodes[0] == "A" {
			fromA = path
			break
		}
	}
	if fromA == "" {
		t.Fatal("node A stored nothing")
	}
	num := numberOf(t, items, folder, fromA)
	// Within seconds normally (bench/stores.sh measures it); the bound
	// allows for the race detector and a loaded machine.
	waitSearch(t, b, fmt.Sprintf("%d/KH-UBND", num), time.Minute)
}

// numberOf returns the document number the burst gave the file at path.
func numberOf(t *testing.T, items []ingesttest.Item, folder, path string) int {
	for i, it := range items {
		if filepath.Join(folder, it.Rel) == path {
			return 1000 + i
		}
	}
	t.Fatalf("%s is not of the burst", path)
	return 0
}

func waitSearch(t *testing.T, a *App, q string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		res, err := a.Search(context.Background(), SearchRequest{Query: q, Limit: 5})
		if err == nil && res.Total > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("search %q on node B: %v, %v after %v", q, res, err, within)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// nodeChildEnv names the folder a child node watches (see nodeChild).
const nodeChildEnv = "VANBAN_TEST_NODE_DIR"

// nodeChild is a node watching dir into the PostgreSQL store
// $VANBAN_TEST_NODE_STORE, reading slowly, with claims that expire after
// 2 s, until it is killed.
func nodeChild(dir string) int {
	ctx := context.Background()
	a, err := Open(ctx, Config{Data: os.Getenv("VANBAN_TEST_NODE_DATA"), Store: os.Getenv("VANBAN_TEST_NODE_STORE"), Create: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	a.Store().(*postgres.DB).ClaimTTL = 2 * time.Second
	p := a.Pipeline()
	p.Extract = func(ctx context.Context, path string) (*vanban.Document, error) {
		time.Sleep(100 * time.Millisecond)
		return ingesttest.Fake(ctx, path)
	}
	w, err := watch.New(watch.Config{Dir: dir, Pipeline: p, Settle: 100 * time.Millisecond, Rescan: time.Second, Workers: 2})
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

// TestKillNodeMidBurst: of two nodes watching one folder, one is killed
// (SIGKILL) mid-burst. Nothing is lost or stored twice: its transactions
// in flight never committed, and the files it had claimed are read by
// the other node once the claims expire.
func TestKillNodeMidBurst(t *testing.T) {
	addr := pgtest.URL(t)
	n := 60
	folder := t.TempDir()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := exec.Command(exe, "-test.run=^$")
	child.Env = append(os.Environ(), nodeChildEnv+"="+folder, "VANBAN_TEST_NODE_STORE="+addr, "VANBAN_TEST_NODE_DATA="+t.TempDir())
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	a := openNode(t, addr, NoIndex)
	items, err := ingesttest.Burst(sharedtest.Read(t, "corpus/ke-hoach-58-kh-ubnd-2026.docx"), n)
	if err != nil {
		t.Fatal(err)
	}
	items = items[:n]
	if _, err := (ingesttest.Writer{Dir: folder}).WriteAll(items, 4); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		docs, err := a.Store().Documents(context.Background(), store.Filter{Failed: true})
		if err != nil {
			t.Fatal(err)
		}
		return len(docs)
	}
	deadline := time.Now().Add(time.Minute)
	for count() < 5 {
		if time.Now().After(deadline) {
			t.Fatal("the child node stored nothing in a minute")
		}
		time.Sleep(20 * time.Millisecond)
	}
	child.Process.Kill() // SIGKILL, mid-burst
	child.Wait()
	killedAt := count()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := a.Pipeline()
	p.Extract = ingesttest.Fake
	w, err := watch.New(watch.Config{Dir: folder, Pipeline: p, Settle: 100 * time.Millisecond, Rescan: time.Second, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	deadline = time.Now().Add(2 * time.Minute)
	for count() < n {
		if time.Now().After(deadline) {
			t.Fatalf("after the kill: %d of %d documents stored", count(), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond) // a rescan would store a second copy now
	cancel()
	<-done
	if got := count(); got != n {
		t.Errorf("%d documents, want %d", got, n)
	}
	for _, it := range items {
		if l, err := a.Store().LocationOf(context.Background(), filepath.Join(folder, it.Rel)); err != nil || l == nil {
			t.Errorf("%s: not stored (%v)", it.Rel, err)
		}
	}
	if problems, err := a.Store().Check(context.Background()); err != nil || len(problems) != 0 {
		t.Errorf("check: %v, %v", problems, err)
	}
	t.Logf("killed with %d of %d stored; the other node stored the rest", killedAt, n)
}
