package app

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"vanban"
	"vanban/index"
)

// syncIndex brings the index in step with the store, recording the
// store's revision it saw first; a panic of the index library (a damaged
// segment) is an error.
func (a *App) syncIndex(ctx context.Context) (st index.SyncStats, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("index: panic: %v", p)
		}
	}()
	rev, err := a.db.Revision(ctx)
	if err != nil {
		return st, err
	}
	ix := a.index()
	if ix == nil {
		return st, errNoIndex
	}
	st, err = ix.Sync(ctx, a.indexSource(), nil)
	if err == nil {
		a.synced.Store(rev)
	}
	return st, err
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
// every period it reads the store's change counter, and when another
// process (a `vanban ingest` beside `vanban serve`) or a person changed
// the store, indexes what changed. An index that fails is rebuilt.
func (a *App) Follow(ctx context.Context, every time.Duration) {
	if a.index() == nil {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		rev, err := a.db.Revision(ctx)
		if err != nil || rev == a.synced.Load() {
			continue
		}
		if _, err := a.syncIndex(ctx); err != nil && ctx.Err() == nil {
			a.rebuildIndex(ctx, err)
		}
	}
}

// rebuildIndex replaces a failing index with a new one built from the
// store. Searches meanwhile say the index is being rebuilt.
func (a *App) rebuildIndex(ctx context.Context, cause error) {
	if !a.rebuilding.CompareAndSwap(false, true) {
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
	a.ixp.Store(ix)
	if _, err := a.syncIndex(ctx); err != nil {
		a.log.Error("không dựng lại được chỉ mục tìm kiếm", "err", err)
	}
}

// errRebuilding is what a search gets while the index is rebuilt.
var errRebuilding = vanban.Errorf(vanban.EConflict, "chỉ mục tìm kiếm đang được dựng lại từ kho dữ liệu; văn bản vẫn xem được, hãy tìm lại sau ít phút")

// rebuildState is shared by the goroutines of one App.
type rebuildState struct {
	rebuilding atomic.Bool
	synced     atomic.Int64 // the store revision the index last caught up with
}

// index returns the open index, or nil.
func (a *App) index() *index.Index { return a.ixp.Load() }
