package app

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"vanban"
	"vanban/index"
	"vanban/store"
)

// syncIndex brings the index in step with the store by comparing every
// document's version (a full reconciliation: at start, after a rebuild),
// then records the change log's position it is in step with. A panic of
// the index library (a damaged segment) is an error.
func (a *App) syncIndex(ctx context.Context) (st index.SyncStats, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("index: panic: %v", p)
		}
	}()
	a.catchMu.Lock()
	defer a.catchMu.Unlock()
	ix := a.index()
	if ix == nil {
		return st, errNoIndex
	}
	last, err := a.db.LastChange(ctx)
	if err != nil {
		return st, err
	}
	if st, err = ix.Sync(ctx, a.indexSource(), nil); err != nil {
		return st, err
	}
	return st, ix.SetSeq(last)
}

// catchUp indexes what the store's change log says changed since the
// index was last in step: the documents written or removed and those
// linked to them (the plan a report cites, a draft an issued plan
// supersedes, the reports citing a plan), whose statuses or presence
// change with them. It costs what changed, not what exists.
func (a *App) catchUp(ctx context.Context) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("index: panic: %v", p)
		}
	}()
	ix := a.index()
	if ix == nil || a.rebuilding.Load() {
		return nil
	}
	a.catchMu.Lock()
	seq := ix.Seq()
	a.catchMu.Unlock()
	if seq == 0 {
		_, err := a.syncIndex(ctx) // never in step: reconcile once
		return err
	}
	a.catchMu.Lock()
	defer a.catchMu.Unlock()
	for {
		changes, err := a.db.Changes(ctx, ix.Seq(), catchUpBatch)
		if err != nil || len(changes) == 0 {
			return err
		}
		ids, err := a.affected(ctx, changes)
		if err != nil {
			return err
		}
		if err := ix.Refresh(ctx, a.indexSource(), ids...); err != nil {
			return err
		}
		if err := ix.SetSeq(changes[len(changes)-1].Seq); err != nil {
			return err
		}
	}
}

// catchUpBatch bounds the changes read from the log at once; what one
// index write holds is bounded by its entries (index.Refresh).
const catchUpBatch = 64

// affected returns the documents the changes touch, with the documents
// linked to them, once each.
func (a *App) affected(ctx context.Context, changes []store.Change) ([]int64, error) {
	seen := map[int64]bool{}
	var ids []int64
	add := func(id int64) {
		if id != 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, c := range changes {
		if seen[c.DocID] {
			continue
		}
		add(c.DocID)
		links, err := a.db.Links(ctx, c.DocID)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			add(l.DocID)
		}
	}
	return ids, nil
}

// setAside moves a damaged index out of the way, keeping it for a
// person to look at, and logs why.
func (a *App) setAside(cause error) {
	dir := a.indexDir()
	aside := dir + ".hong-" + time.Now().Format("20060102-150405")
	if err := os.Rename(dir, aside); err != nil {
		os.RemoveAll(dir)
		aside = "(đã xóa)"
	}
	a.log.Warn("chỉ mục tìm kiếm bị hỏng; đã để sang một bên và sẽ dựng lại từ kho", "err", cause, "aside", aside)
}

// Follow keeps the open index in step with the store until ctx ends:
// every period, and whenever a shared store notifies a commit, it reads
// the end of the store's change log, and when
// another process (a `vanban ingest` beside `vanban serve`) or a person
// changed the store, indexes what changed. An index that fails is
// rebuilt.
func (a *App) Follow(ctx context.Context, every time.Duration) {
	if a.index() == nil {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	// A shared store (PostgreSQL) also says when another node committed,
	// so the index follows within moments; the ticker stays as a floor.
	var wake <-chan struct{}
	if n, ok := a.db.(notifier); ok {
		wake = n.Listen(ctx)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case _, ok := <-wake:
			if !ok {
				wake = nil
			}
		}
		if a.closed.Load() {
			return
		}
		ix := a.index()
		last, err := a.db.LastChange(ctx)
		if err != nil || ix == nil || last == ix.Seq() {
			continue
		}
		if err := a.catchUp(ctx); err != nil && ctx.Err() == nil && !a.closed.Load() {
			a.rebuildIndex(ctx, err)
		}
	}
}

// rebuildIndex replaces a failing index with a new one built from the
// store. Searches meanwhile say the index is being rebuilt.
func (a *App) rebuildIndex(ctx context.Context, cause error) {
	if a.closed.Load() || !a.rebuilding.CompareAndSwap(false, true) {
		return
	}
	defer a.rebuilding.Store(false)
	if old := a.ixp.Swap(nil); old != nil {
		old.Close()
	}
	a.setAside(cause)
	ix, err := index.Open(a.indexDir())
	if err != nil {
		a.log.Error("không tạo được chỉ mục tìm kiếm mới", "err", err)
		return
	}
	if a.closed.Load() {
		ix.Close()
		return
	}
	a.ixp.Store(ix)
	if _, err := a.syncIndex(ctx); err != nil {
		a.log.Error("không dựng lại được chỉ mục tìm kiếm", "err", err)
	}
}

// errRebuilding is what a search gets while the index is rebuilt.
var errRebuilding = vanban.Errorf(vanban.EConflict, "chỉ mục tìm kiếm đang được dựng lại từ kho dữ liệu; văn bản vẫn xem được, hãy tìm lại sau ít phút")

// indexerDelay is how long the indexer lets stored documents gather
// before it indexes them in one write: a burst of files costs a few
// index writes, not one each.
const indexerDelay = 150 * time.Millisecond

// kickIndexer tells the indexer that the store changed; it starts the
// indexer on first use.
func (a *App) kickIndexer() {
	a.indexerOnce.Do(func() {
		a.kick = make(chan struct{}, 1)
		a.indexerDone = make(chan struct{})
		go a.indexer()
	})
	select {
	case a.kick <- struct{}{}:
	default: // a catch-up is already due
	}
}

// indexer catches the index up with the store after each kick, a short
// while after it, until Close; then once more, so nothing stored is left
// out.
func (a *App) indexer() {
	defer close(a.indexerDone)
	ctx := context.Background()
	for range a.kick {
		time.Sleep(indexerDelay)
		if err := a.catchUp(ctx); err != nil {
			a.log.Warn("index refresh failed; the next start repairs it", "err", err)
		}
	}
}

// stopIndexer ends the indexer after its last catch-up.
func (a *App) stopIndexer() {
	a.indexerOnce.Do(func() {}) // after the start, if any; none after this
	if a.kick == nil {
		return
	}
	a.kickOnce.Do(func() { close(a.kick) })
	<-a.indexerDone
}

// rebuildState is shared by the goroutines of one App.
type rebuildState struct {
	rebuilding atomic.Bool
	closed     atomic.Bool // Close was called: Follow and rebuilds stop
	// catchMu serializes bringing the index in step: the watcher's
	// workers store at once, and one catch-up takes what all stored.
	catchMu sync.Mutex
	// The indexer goroutine and its wake-up channel.
	indexerOnce, kickOnce sync.Once
	kick                  chan struct{}
	indexerDone           chan struct{}
}

// index returns the open index, or nil.
func (a *App) index() *index.Index { return a.ixp.Load() }
