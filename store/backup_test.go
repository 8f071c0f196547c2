package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"vanban"
)

// TestBackupWhileWriting takes nine backups while another goroutine
// stores documents: every copy passes Check (integrity, foreign keys,
// every kept copy present with its hash) and opens as a store.
func TestBackupWhileWriting(t *testing.T) {
	db := openTemp(t)
	src := t.TempDir()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			in := incoming(t, db, src, fmt.Sprintf("kh-%d.docx", i), fmt.Sprintf("plan %d", i))
			if _, err := db.StoreDocument(ctx, in, plan(fmt.Sprintf("%d/KH-UBND", i+1), vanban.D(2026, 3, 1+i%28), 5)); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for i := 0; i < 9; i++ {
		dir := filepath.Join(t.TempDir(), fmt.Sprintf("sao-luu-%d", i))
		if _, err := db.Backup(ctx, dir); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		copyDB, err := Open(dir)
		if err != nil {
			t.Fatalf("backup %d does not open: %v", i, err)
		}
		problems, err := copyDB.Check(ctx)
		if err != nil || len(problems) > 0 {
			t.Errorf("backup %d: %v %v", i, problems, err)
		}
		if docs, err := copyDB.Documents(ctx, Filter{}); err != nil {
			t.Errorf("backup %d: documents: %v", i, err)
		} else {
			t.Logf("backup %d: %d documents", i, len(docs))
		}
		copyDB.Close()
	}
	close(stop)
	wg.Wait()
}

// TestCheckFindsDamage: a kept copy changed or gone is reported.
func TestCheckFindsDamage(t *testing.T) {
	db := openTemp(t)
	dir := t.TempDir()
	r := mustStore(t, db, incoming(t, db, dir, "kh.docx", "plan"), plan("5/KH-UBND", vanban.D(2026, 3, 1), 2))
	if p, err := db.Check(ctx); err != nil || len(p) != 0 {
		t.Fatalf("a sound store: %v %v", p, err)
	}
	files, _ := db.Files(ctx, r.DocID)
	must(t, os.Remove(files[0].Stored))
	if p, _ := db.Check(ctx); len(p) != 1 || p[0].What != "file" {
		t.Errorf("a missing copy: %v", p)
	}
	if _, err := db.Backup(ctx, db.Dir()); err == nil {
		t.Error("a backup into the data folder itself was accepted")
	}
}
