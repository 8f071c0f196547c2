package index

import (
	"context"
	"errors"
	"fmt"
	"os"

	"vanban"
)

// Source is what the index derives from: the store. *store.DB satisfies
// it.
type Source interface {
	// DocumentVersions maps every document to index to its version, a
	// token that changes whenever the document does.
	DocumentVersions(ctx context.Context) (map[int64]string, error)
	// Document loads one document with its rows.
	Document(ctx context.Context, id int64) (*vanban.Document, error)
}

// VersionSource is a Source that also gives the versions of some
// documents only, so that Refresh costs what changed, not what exists.
type VersionSource interface {
	Source
	// VersionsOf is DocumentVersions restricted to ids: a document
	// missing from it is not to be indexed (any more).
	VersionsOf(ctx context.Context, ids []int64) (map[int64]string, error)
}

// StatusSource is a Source that also knows the report status of
// documents' task rows (a cross-check of a plan against the reports
// citing it). Sync and Refresh index the statuses when their source is
// one; its DocumentVersions must then change whenever the statuses do
// (a report arrives, a match is confirmed), or the index keeps stale ones.
type StatusSource interface {
	Source
	// TaskStatuses maps the position in Rows of each row of document id
	// that has a status to it ("hoàn thành", "chưa báo cáo"); nil when
	// none is known.
	TaskStatuses(ctx context.Context, id int64) (map[int]string, error)
}

// extraFor is what Sync and Refresh index with document id besides the
// document: the version src gives, and the rows' statuses when src knows
// them.
func extraFor(ctx context.Context, src Source, id int64, version string) (Extra, error) {
	x := Extra{Version: version}
	ss, ok := src.(StatusSource)
	if !ok {
		return x, nil
	}
	st, err := ss.TaskStatuses(ctx, id)
	if err != nil {
		return x, fmt.Errorf("index: statuses of document %d: %w", id, err)
	}
	x.Status = st
	return x, nil
}

// SyncStats counts what Sync did.
type SyncStats struct {
	Added, Updated, Removed, Unchanged int
}

func (s SyncStats) String() string {
	return fmt.Sprintf("%d thêm, %d cập nhật, %d xóa, %d không đổi", s.Added, s.Updated, s.Removed, s.Unchanged)
}

// syncBatchDocs is how many documents one index write holds.
const syncBatchDocs = 64

// Sync makes the index agree with src: documents whose version differs
// from the one indexed (or that are missing) are indexed again, and
// entries of documents src no longer has are removed. Run at start, it
// repairs a crash between a store write and its index update. progress,
// if not nil, is called after each document.
func (ix *Index) Sync(ctx context.Context, src Source, progress func(done, total int)) (SyncStats, error) {
	d, err := ix.diff(ctx, src)
	if err != nil {
		return d.SyncStats, err
	}
	b := ix.NewBatch()
	for _, id := range d.stale {
		if err := b.Delete(id); err != nil {
			return d.SyncStats, err
		}
	}
	for i, id := range d.todo {
		if err := ctx.Err(); err != nil {
			return d.SyncStats, err
		}
		doc, err := src.Document(ctx, id)
		if err != nil {
			return d.SyncStats, fmt.Errorf("index: sync: document %d: %w", id, err)
		}
		x, err := extraFor(ctx, src, id, d.want[id])
		if err != nil {
			return d.SyncStats, err
		}
		if err := b.PutExtra(doc, x); err != nil {
			return d.SyncStats, err
		}
		if (i+1)%syncBatchDocs == 0 {
			if err := b.Commit(); err != nil {
				return d.SyncStats, err
			}
		}
		if progress != nil {
			progress(i+1, len(d.todo))
		}
	}
	return d.SyncStats, b.Commit()
}

// Diff says how the index differs from src, changing nothing: what Sync
// would add, update and remove.
func (ix *Index) Diff(ctx context.Context, src Source) (SyncStats, error) {
	d, err := ix.diff(ctx, src)
	return d.SyncStats, err
}

// difference is what Sync has to do.
type difference struct {
	SyncStats
	want  map[int64]string // src's versions
	todo  []int64          // documents to index
	stale []int64          // entries to remove
}

func (ix *Index) diff(ctx context.Context, src Source) (difference, error) {
	var d difference
	var err error
	if d.want, err = src.DocumentVersions(ctx); err != nil {
		return d, fmt.Errorf("index: sync: %w", err)
	}
	have, err := ix.Versions()
	if err != nil {
		return d, err
	}
	for id, v := range d.want {
		switch hv, ok := have[id]; {
		case !ok:
			d.Added++
			d.todo = append(d.todo, id)
		case hv != v:
			d.Updated++
			d.todo = append(d.todo, id)
		default:
			d.Unchanged++
		}
	}
	for id := range have {
		if _, ok := d.want[id]; !ok {
			d.stale = append(d.stale, id)
			d.Removed++
		}
	}
	return d, nil
}

// Refresh indexes documents ids again from src, or removes those src no
// longer has, in one index write: what a store write calls after it
// commits (ingest batches its documents). Versions are read before the
// documents, so a change between the two leaves a mismatch that the next
// Sync repairs, never a stale entry marked current.
func (ix *Index) Refresh(ctx context.Context, src Source, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	var versions map[int64]string
	var err error
	if vs, ok := src.(VersionSource); ok {
		versions, err = vs.VersionsOf(ctx, ids)
	} else {
		versions, err = src.DocumentVersions(ctx)
	}
	if err != nil {
		return fmt.Errorf("index: refresh: %w", err)
	}
	b := ix.NewBatch()
	for _, id := range ids {
		v, ok := versions[id]
		if !ok {
			if err := b.Delete(id); err != nil {
				return err
			}
			continue
		}
		doc, err := src.Document(ctx, id)
		if err != nil {
			return fmt.Errorf("index: refresh %d: %w", id, err)
		}
		x, err := extraFor(ctx, src, id, v)
		if err != nil {
			return err
		}
		if err := b.PutExtra(doc, x); err != nil {
			return err
		}
		if b.Len() >= maxBatchOps {
			if err := b.Commit(); err != nil {
				return err
			}
		}
	}
	return b.Commit()
}

// maxBatchOps bounds the entries one index write holds: a batch is held
// analysed in memory until it is written, so a backlog of large plans in
// one batch made a watcher's memory grow with the burst (2 GiB after
// 1,000 files of 68 rows in batches of 256 documents; flat near 100 MiB
// at about 500 entries).
const maxBatchOps = 512

// Rebuild builds a new index of everything in src beside dir, then puts
// it in dir's place, so that a failed or interrupted rebuild leaves the
// old index as it was.
func Rebuild(ctx context.Context, dir string, src Source, progress func(done, total int)) (SyncStats, error) {
	tmp, old := dir+".new", dir+".old"
	if err := os.RemoveAll(tmp); err != nil {
		return SyncStats{}, err
	}
	ix, err := Open(tmp)
	if err != nil {
		return SyncStats{}, err
	}
	st, err := ix.Sync(ctx, src, progress)
	if err == nil {
		err = ix.Compact(ctx)
	}
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(tmp)
		return st, err
	}
	if err := os.RemoveAll(old); err != nil {
		return st, err
	}
	if err := os.Rename(dir, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return st, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return st, err
	}
	return st, os.RemoveAll(old)
}
