package postgres_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vanban"
	"vanban/store/postgres"
	"vanban/store/postgres/pgtest"
	"vanban/store/storetest"
)

var ctx = context.Background()

func freshURL(t testing.TB) string { return pgtest.URL(t) }

func openNode(t testing.TB, addr string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(addr, filepath.Join(t.TempDir(), "node"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestSuite(t *testing.T) {
	storetest.Run(t, func(t testing.TB) storetest.Store { return openNode(t, freshURL(t)) })
}

func TestRebind(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`a = ? AND b = ?::text`, `a = $1 AND b = $2::text`},
	} {
		if got := postgres.Rebind(tc.in); got != tc.want {
			t.Errorf("rebind(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSecondNodeReadsCopies: a file stored by one node is served by
// another, whose data folder never saw it: the copy is in the database.
func TestSecondNodeReadsCopies(t *testing.T) {
	addr := freshURL(t)
	a, b := openNode(t, addr), openNode(t, addr)
	src := filepath.Join(t.TempDir(), "kh.docx")
	if err := os.WriteFile(src, []byte("nội dung"), 0o644); err != nil {
		t.Fatal(err)
	}
	blob, err := a.Keep(src)
	if err != nil {
		t.Fatal(err)
	}
	st, err := a.StoreFailure(ctx, postgres.Incoming{Path: src, Name: "kh.docx", Format: "docx", Blob: blob},
		postgres.Failure{Kind: "no_text", Reason: "không có chữ"})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(src)
	f, info, err := b.OpenFile(ctx, st.FileID)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64)
	n, _ := f.Read(buf)
	if string(buf[:n]) != "nội dung" || !strings.HasPrefix(info.Stored, b.Dir()) {
		t.Errorf("node B read %q from %s", buf[:n], info.Stored)
	}
	if problems, err := b.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("Check = %v, %v", problems, err)
	}
}

// TestClaims: one holder at a time; the holder may renew; released or
// expired claims are free again.
func TestClaims(t *testing.T) {
	addr := freshURL(t)
	a, b := openNode(t, addr), openNode(t, addr)
	a.SetOwner("node-a")
	b.SetOwner("node-b")
	steps := []struct {
		db   *postgres.DB
		op   string
		want bool
	}{
		{a, "claim", true},
		{b, "claim", false},
		{a, "claim", true}, // renewal
		{a, "release", true},
		{b, "claim", true},
		{a, "claim", false},
		{b, "expire", true},
		{a, "claim", true},
	}
	for i, s := range steps {
		var got bool
		var err error
		switch s.op {
		case "claim":
			got, err = s.db.Claim(ctx, "abc")
		case "release":
			got, err = true, s.db.Release(ctx, "abc")
		case "expire":
			got, err = true, s.db.ExpireClaims(ctx)
		}
		if err != nil || got != s.want {
			t.Fatalf("step %d (%s): %v, %v; want %v", i, s.op, got, err, s.want)
		}
	}
}

// TestListen: a change committed by one node wakes another's listener.
func TestListen(t *testing.T) {
	addr := freshURL(t)
	a, b := openNode(t, addr), openNode(t, addr)
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := b.Listen(lctx)
	select {
	case <-ch: // listening
	case <-time.After(5 * time.Second):
		t.Fatal("the listener did not start")
	}
	src := filepath.Join(t.TempDir(), "x.docx")
	if err := os.WriteFile(src, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	blob, err := a.Keep(src)
	if err != nil {
		t.Fatal(err)
	}
	doc := &vanban.Document{Meta: vanban.Meta{DocType: vanban.TypePlan, Reference: "1/KH-UBND", Title: "Kế hoạch"}}
	start := time.Now()
	if _, err := a.StoreDocument(ctx, postgres.Incoming{Path: src, Name: "x.docx", Format: "docx", Blob: blob}, doc); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ch:
		t.Logf("woken %v after the commit began", time.Since(start))
	case <-time.After(5 * time.Second):
		t.Fatal("no wake-up within 5 s of a stored document")
	}
	last, err := b.LastChange(ctx)
	if err != nil || last == 0 {
		t.Errorf("node B's change log ends at %d, %v", last, err)
	}
}

// TestConcurrentOpen: nodes starting at once on an empty database each
// find the schema made once.
func TestConcurrentOpen(t *testing.T) {
	addr := freshURL(t)
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			db, err := postgres.Open(addr, t.TempDir())
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
