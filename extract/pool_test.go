package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"vanban/internal/sharedtest"
)

// TestPoolReadsLikeIsolated: a pool's children read many files each, and
// what they read is what a one-shot child reads.
func TestPoolReadsLikeIsolated(t *testing.T) {
	p := NewPool(2, Limits{Timeout: time.Minute})
	defer p.Close()
	files := []string{"ke-hoach-58-kh-ubnd-2026.docx", "bao-cao-412-bc-stc-2026.docx", "bao-cao-1876-bc-bql-2026.pdf", "du-thao-ke-hoach-khcn.docx"}
	want := map[string]int{}
	for _, f := range files {
		doc, err := Isolated(context.Background(), sharedtest.Path(t, "corpus", f), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		want[f] = len(doc.Rows) + len(doc.ReportItems)
	}
	var wg sync.WaitGroup
	for round := 0; round < 3; round++ {
		for _, f := range files {
			wg.Add(1)
			go func() {
				defer wg.Done()
				doc, err := p.File(context.Background(), sharedtest.Path(t, "corpus", f))
				if err != nil {
					t.Errorf("%s: %v", f, err)
					return
				}
				if got := len(doc.Rows) + len(doc.ReportItems); got != want[f] {
					t.Errorf("%s: %d rows and items, want %d", f, got, want[f])
				}
			}()
		}
	}
	wg.Wait()
	p.mu.Lock()
	idle := len(p.idle)
	p.mu.Unlock()
	if idle == 0 || idle > 2 {
		t.Errorf("%d idle children after 12 files on a pool of 2", idle)
	}
}

// TestPoolSurvivesTimeoutsAndBadFiles: a file over its deadline kills
// its child and says so; a bad file is an error; the pool reads on.
func TestPoolSurvivesTimeoutsAndBadFiles(t *testing.T) {
	p := NewPool(1, Limits{Timeout: time.Millisecond})
	if _, err := p.File(context.Background(), sharedtest.Path(t, "corpus", "bao-cao-412-bc-stc-2026.docx")); !errors.Is(err, ErrTimeout) {
		t.Errorf("a file over its deadline: %v", err)
	}
	p.Close()
	p = NewPool(1, Limits{Timeout: time.Minute})
	defer p.Close()
	bad := writeTemp(t, "hong.docx", []byte("không phải docx"))
	if _, err := p.File(context.Background(), bad); err == nil {
		t.Error("a bad file read without error")
	}
	doc, err := p.File(context.Background(), sharedtest.Path(t, "corpus", "ke-hoach-58-kh-ubnd-2026.docx"))
	if err != nil || len(doc.Rows) != 68 {
		t.Errorf("after a bad file: %v", err)
	}
	if !reflect.DeepEqual(doc.Meta.Reference, "58/KH-UBND") {
		t.Errorf("reference %q", doc.Meta.Reference)
	}
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
