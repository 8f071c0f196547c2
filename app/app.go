// Package app is vanban's application layer: it holds the store, the
// search index and the alias table of one data folder and offers the
// operations both front ends use — ingest and watch, documents, search,
// cross-check and decisions, assignments and due lists. cmd/vanban only
// parses flags and prints what app returns; package web only speaks
// HTTP. The views it returns (DocInfo, DocPage, SearchResult, CrossCheck
// …) are the shapes those front ends show.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"vanban"
	"vanban/extract"
	"vanban/index"
	"vanban/normalize"
	"vanban/store"
)

// DefaultData is the data folder when neither a flag nor VANBAN_DATA
// names one.
const DefaultData = "./vanban-data"

// DataEnv is the environment variable naming the data folder.
const DataEnv = "VANBAN_DATA"

// AliasFile is the user's alias table in the data folder; it is read over
// the built-in one (see normalize.Aliases for its format).
const AliasFile = "aliases.txt"

// DataDir returns the data folder a command uses: the one named by its
// flag, else $VANBAN_DATA, else DefaultData.
func DataDir(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv(DataEnv); env != "" {
		return env
	}
	return DefaultData
}

// IndexMode says how Open treats the search index.
type IndexMode int

const (
	// NoIndex leaves the index closed: the command needs none.
	NoIndex IndexMode = iota
	// IndexIfFree opens the index when no other process holds it, so that
	// what is stored is searchable at once; otherwise the index catches up
	// at its next start.
	IndexIfFree
	// WithIndex opens the index and brings it in step with the store.
	WithIndex
	// ServeIndex is WithIndex for a server: a damaged index is rebuilt
	// in the background while documents are served without search.
	ServeIndex
)

// Config is what Open needs.
type Config struct {
	Data string // the data folder (see DataDir)
	// Store is "" for SQLite in the data folder, or a postgres://…
	// address (see StoreAddr); the data folder then holds this node's
	// index and cached copies.
	Store string
	// Create makes the store when the folder holds none (ingest, watch,
	// serve); without it a missing store is an ENotFound error.
	Create bool
	Index  IndexMode
	// Log receives warnings (a malformed alias file, an index that could
	// not be updated); nil discards them.
	Log *slog.Logger
	// Now gives today; nil means time.Now.
	Now func() time.Time
}

// App is one open data folder.
type App struct {
	dir     string
	db      Store
	ixp     atomic.Pointer[index.Index] // nil unless opened
	aliases *normalize.Aliases
	log     *slog.Logger
	now     func() time.Time
	uploads *uploadLog
	rebuildState
	poolOnce sync.Once
	pool     *extract.Pool // warm extraction children, started on first use
}

// Open opens the data folder cfg names.
func Open(ctx context.Context, cfg Config) (*App, error) {
	dir := DataDir(cfg.Data)
	if !cfg.Create && cfg.Store == "" && !store.Exists(dir) {
		return nil, vanban.Errorf(vanban.ENotFound, "chưa có kho dữ liệu ở %s; hãy chạy vanban ingest THƯ_MỤC để nhập văn bản (hoặc chỉ ra kho bằng --data)", dir)
	}
	a := &App{log: cfg.Log, now: cfg.Now, uploads: newUploadLog()}
	if a.log == nil {
		a.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if a.now == nil {
		a.now = time.Now
	}
	db, err := openStore(cfg.Store, dir)
	if err != nil {
		return nil, vanban.Wrap(vanban.EInternal, err, "không mở được kho dữ liệu %s", dir)
	}
	a.db, a.dir = db, db.Dir()
	a.aliases = a.loadAliases()
	if cfg.Index != NoIndex {
		if err := a.openIndex(ctx, cfg.Index); err != nil {
			db.Close()
			return nil, err
		}
	}
	return a, nil
}

// Close closes the index and the store.
func (a *App) Close() error {
	a.stopIndexer() // what was stored is indexed before the index closes
	a.closed.Store(true)
	a.catchMu.Lock() // a catch-up in flight finishes first
	defer a.catchMu.Unlock()
	var err error
	if ix := a.ixp.Swap(nil); ix != nil {
		err = ix.Close()
	}
	if a.pool != nil {
		a.pool.Close()
	}
	return errors.Join(err, a.db.Close())
}

// readers returns the pool of extraction children, one per core.
func (a *App) readers() *extract.Pool {
	a.poolOnce.Do(func() { a.pool = extract.NewPool(runtime.NumCPU(), ExtractLimits) })
	return a.pool
}

// Dir is the absolute path of the data folder.
func (a *App) Dir() string { return a.dir }

// Store is the store, for the operations app does not wrap (tests, the
// bench).
func (a *App) Store() Store { return a.db }

// Aliases is the alias table in use.
func (a *App) Aliases() *normalize.Aliases { return a.aliases }

// today is the current day.
func (a *App) today() vanban.Date { return vanban.DateOf(a.now()) }

// loadAliases returns the built-in alias table with the data folder's
// aliases.txt read over it. A malformed file is logged and the built-in
// table used, so one typo does not stop intake.
func (a *App) loadAliases() *normalize.Aliases {
	al, err := LoadAliases(a.dir)
	if err != nil {
		a.log.Warn("bảng tên cơ quan lỗi, dùng bảng mặc định", "err", err)
		return normalize.DefaultAliases()
	}
	return al
}

// LoadAliases returns the built-in alias table with dir's aliases.txt
// read over it, when there is one ("" for none).
func LoadAliases(dir string) (*normalize.Aliases, error) {
	if dir == "" {
		return normalize.DefaultAliases(), nil
	}
	f, err := os.Open(filepath.Join(dir, AliasFile))
	if errors.Is(err, os.ErrNotExist) {
		return normalize.DefaultAliases(), nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	al, err := normalize.LoadAliases(f)
	if err != nil {
		return nil, vanban.Wrap(vanban.EInvalid, err, "bảng tên cơ quan %s có lỗi", f.Name())
	}
	return al, nil
}

// indexDir is where the search index lives in the data folder.
func (a *App) indexDir() string { return filepath.Join(a.dir, "index") }

// openIndex opens the search index and brings it in step with the
// store. The index is derived data: one that cannot be opened (not one
// another process holds) is set aside and built anew from the store.
func (a *App) openIndex(ctx context.Context, mode IndexMode) error {
	ix, err := index.Open(a.indexDir())
	switch {
	case errors.Is(err, index.ErrLocked) && mode == IndexIfFree:
		a.log.Warn("chỉ mục tìm kiếm đang được tiến trình khác dùng; tiến trình đó sẽ tự cập nhật", "err", err)
		return nil
	case errors.Is(err, index.ErrLocked):
		return vanban.Wrap(vanban.EConflict, err, "chỉ mục tìm kiếm đang được một tiến trình vanban khác dùng (vanban serve hay vanban watch?)")
	case err != nil && mode == IndexIfFree:
		// Never refuse to ingest over a damaged index: set it aside;
		// the next serve or search builds it again.
		a.setAside(err)
		return nil
	case err != nil:
		a.setAside(err)
		if ix, err = index.Open(a.indexDir()); err != nil {
			return vanban.Wrap(vanban.EInternal, err, "không tạo được chỉ mục tìm kiếm mới")
		}
		if mode == ServeIndex {
			a.ixp.Store(ix)
			a.rebuilding.Store(true)
			go func() {
				defer a.rebuilding.Store(false)
				if _, err := a.syncIndex(context.WithoutCancel(ctx)); err != nil {
					a.log.Error("không dựng lại được chỉ mục tìm kiếm", "err", err)
				}
			}()
			return nil
		}
	}
	a.ixp.Store(ix)
	st, err := a.syncIndex(ctx)
	if err != nil {
		return vanban.Wrap(vanban.EInternal, err, "không cập nhật được chỉ mục tìm kiếm")
	}
	if st.Added+st.Updated+st.Removed > 0 {
		a.log.Info("chỉ mục đã được cập nhật theo kho dữ liệu", "stats", fmt.Sprint(st))
	}
	return nil
}
