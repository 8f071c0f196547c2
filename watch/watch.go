// Package watch ingests the documents dropped into a folder, as they
// arrive: a component that `vanban watch` runs alone and `vanban serve`
// embeds.
//
// A file is taken once it has settled: its size and modification time
// stayed the same for the settling delay, so a file still being copied
// over a network share or saved by Word is not read half written.
// fsnotify reports new and changed files (and new folders, which are
// watched in turn); a full scan at start and then periodically finds what
// events missed — files that arrived while the watcher was down, changes
// on network shares that send no events — by comparing each file's size
// and time with what the store recorded.
//
// A path is never queued twice: it is either settling, queued or in
// flight, and a change seen while it is in flight makes it settle again
// afterwards. Each file is ingested under a time limit, so one bad file
// cannot stall the queue; when the context is cancelled (SIGINT, SIGTERM)
// the watcher takes no new file, lets the files in flight finish, and
// returns. Originals are never moved or changed.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"vanban"

	"github.com/fsnotify/fsnotify"

	"vanban/extract/layout"
	"vanban/ingest"
	"vanban/store"
)

// Config configures a Watcher. Zero values take the defaults.
type Config struct {
	Dir      string           // the folder to watch, recursively
	Pipeline *ingest.Pipeline // ingests a settled file
	// Settle is how long a file's size and time must stay the same
	// before it is taken (default 2s).
	Settle time.Duration
	// Rescan is the period of the full scan (default 1 min).
	Rescan time.Duration
	// FileTimeout bounds the ingestion of one file (default 2 min).
	FileTimeout time.Duration
	// Workers is how many files are ingested at once (default 1).
	Workers int
	// OnEvent, when set, is called for every event, from the watcher's
	// goroutines; it must not block.
	OnEvent func(Event)
}

// Defaults.
const (
	DefaultSettle      = 2 * time.Second
	DefaultRescan      = time.Minute
	DefaultFileTimeout = 2 * time.Minute
)

// EventKind names what happened.
type EventKind string

const (
	Started EventKind = "started" // the watcher is watching
	Queued  EventKind = "queued"  // a file settled and waits for a worker
	Taken   EventKind = "taken"   // a worker is ingesting a file
	Done    EventKind = "done"    // a file was ingested; Result says how
	Scanned EventKind = "scanned" // a full scan finished
	Problem EventKind = "problem" // something went wrong outside a file; Err says what
	Stopped EventKind = "stopped" // the watcher returned
)

// Event is one thing the watcher did, for a progress page or a log.
type Event struct {
	Time   time.Time
	Kind   EventKind
	Path   string         // the file, for Queued, Taken and Done
	Result *ingest.Result // for Done
	Err    error          // for Problem
	Stats  Stats          // counts after the event
}

// Stats counts what the watcher has seen since it started.
type Stats struct {
	Settling  int       `json:"settling"` // files waiting for their size and time to settle
	Queued    int       `json:"queued"`
	InFlight  int       `json:"in_flight"`
	Stored    int       `json:"stored"`
	Unchanged int       `json:"unchanged"`
	Failed    int       `json:"failed"`
	Errors    int       `json:"errors"`
	Scans     int       `json:"scans"`
	LastScan  time.Time `json:"last_scan"`
	Since     time.Time `json:"since"`
}

// Watcher watches one folder.
type Watcher struct {
	cfg  Config
	dir  string
	skip string // the data folder, if it is inside dir

	mu    sync.Mutex // guards stats, read by Stats from other goroutines
	stats Stats

	// The state below belongs to Run's goroutine.
	fsw      *fsnotify.Watcher
	settling map[string]*candidate
	busy     map[string]bool // queued or in flight
	dirty    map[string]bool // changed while in flight
	fifo     []string
	rescan   chan struct{}
}

// candidate is a file waiting to settle.
type candidate struct {
	size  int64
	mtime time.Time
	since time.Time // when size and mtime were last seen to change
}

// New returns a watcher for cfg.Dir.
func New(cfg Config) (*Watcher, error) {
	if cfg.Pipeline == nil || cfg.Pipeline.Store == nil {
		return nil, errors.New("watch: no pipeline")
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("watch: %s is not a folder", cfg.Dir)
	}
	if cfg.Settle <= 0 {
		cfg.Settle = DefaultSettle
	}
	if cfg.Rescan <= 0 {
		cfg.Rescan = DefaultRescan
	}
	if cfg.FileTimeout <= 0 {
		cfg.FileTimeout = DefaultFileTimeout
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	// Whatever the watcher reads must lie inside the folder: a link
	// dropped there that points elsewhere is refused and recorded.
	p := *cfg.Pipeline
	p.Root = dir
	cfg.Pipeline = &p
	return &Watcher{
		cfg: cfg, dir: dir, skip: cfg.Pipeline.Store.Dir(),
		settling: map[string]*candidate{}, busy: map[string]bool{}, dirty: map[string]bool{},
		rescan: make(chan struct{}, 1),
	}, nil
}

// Stats returns the current counts.
func (w *Watcher) Stats() Stats {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stats
}

// Rescan asks for a full scan now (a button on a page).
func (w *Watcher) Rescan() {
	select {
	case w.rescan <- struct{}{}:
	default:
	}
}

// Run watches until ctx is cancelled, then lets the files in flight
// finish and returns nil. It returns an error only when watching cannot
// start.
func (w *Watcher) Run(ctx context.Context) error {
	fsw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return fmt.Errorf("watch %s: %w", w.dir, err)
	}
	defer fsw.Close()
	w.fsw = fsw
	w.update(func(s *Stats) { *s = Stats{Since: time.Now()} })
	if err := fsw.Add(w.dir); err != nil {
		return fmt.Errorf("watch %s: %w", w.dir, err)
	}
	work := make(chan string)
	results := make(chan ingest.Result)
	var wg sync.WaitGroup
	for i := 0; i < w.cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.worker(ctx, work, results)
		}()
	}
	w.emit(Event{Kind: Started})
	w.scan(ctx)
	w.loop(ctx, fsw, work, results)

	// Stop: no new file; the ones in flight finish.
	close(work)
	go func() { wg.Wait(); close(results) }()
	for r := range results {
		w.done(r)
	}
	w.emit(Event{Kind: Stopped})
	return nil
}

func (w *Watcher) loop(ctx context.Context, fsw *fsnotify.Watcher, work chan<- string, results <-chan ingest.Result) {
	tick := time.NewTicker(tickFor(w.cfg.Settle))
	defer tick.Stop()
	rescan := time.NewTicker(w.cfg.Rescan)
	defer rescan.Stop()
	for {
		var out chan<- string
		var next string
		if len(w.fifo) > 0 {
			out, next = work, w.fifo[0]
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-fsw.Events:
			if ok {
				w.onEvent(ev)
			}
		case err, ok := <-fsw.Errors:
			if ok {
				// An overflow lost events: a scan finds what they said.
				w.emit(Event{Kind: Problem, Err: err})
				w.Rescan()
			}
		case <-tick.C:
			w.settle(ctx)
		case <-rescan.C:
			w.scan(ctx)
		case <-w.rescan:
			w.scan(ctx)
		case out <- next:
			w.fifo[0] = ""
			w.fifo = w.fifo[1:]
			if len(w.fifo) == 0 {
				w.fifo = nil // let the backing array go after a burst
			}
			w.update(func(s *Stats) { s.Queued--; s.InFlight++ })
		case r := <-results:
			w.done(r)
		}
	}
}

// tickFor returns how often settling files are looked at: often enough
// that a file is taken soon after its delay, rarely enough to be cheap.
func tickFor(settle time.Duration) time.Duration {
	return min(max(settle/4, 10*time.Millisecond), 250*time.Millisecond)
}

func (w *Watcher) worker(ctx context.Context, work <-chan string, results chan<- ingest.Result) {
	// A file in flight finishes even when ctx is cancelled, but within
	// its time limit.
	base := context.WithoutCancel(ctx)
	for path := range work {
		w.emit(Event{Kind: Taken, Path: path})
		timeout := w.cfg.FileTimeout
		if info, err := os.Stat(path); err == nil {
			timeout = layout.TimeFor(info.Size(), timeout) // a long scan is read page by page
		}
		fctx, cancel := context.WithTimeout(base, timeout)
		r := w.cfg.Pipeline.File(fctx, path)
		cancel()
		results <- r
	}
}

// onEvent handles one fsnotify event.
func (w *Watcher) onEvent(ev fsnotify.Event) {
	if ingest.Inside(ev.Name, w.skip) {
		return
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			if !ingest.SkipDir(filepath.Base(ev.Name)) {
				w.watchTree(ev.Name, true)
			}
			return
		}
	}
	if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write) || ev.Has(fsnotify.Chmod) {
		w.touch(ev.Name)
	}
	// Remove and Rename (the old name) need nothing: a settling file
	// that is gone is dropped when it is next looked at.
}

// touch notes that path may have changed.
func (w *Watcher) touch(path string) {
	if !ingest.Candidate(path) {
		return
	}
	if w.busy[path] {
		w.dirty[path] = true
		return
	}
	if _, ok := w.settling[path]; !ok {
		w.settling[path] = &candidate{size: -1}
		w.update(func(s *Stats) { s.Settling++ })
	}
}

// settle queues the files whose size and time stayed the same for the
// settling delay.
func (w *Watcher) settle(ctx context.Context) {
	now := time.Now()
	for path, c := range w.settling {
		info, err := os.Lstat(path)
		if err != nil || info.IsDir() {
			w.unsettle(path)
			continue
		}
		// A link, a FIFO, a device: nothing to wait for; the pipeline
		// refuses it and records why.
		regular := info.Mode().IsRegular()
		if regular && (info.Size() != c.size || !info.ModTime().Equal(c.mtime)) {
			c.size, c.mtime, c.since = info.Size(), info.ModTime(), now
			continue
		}
		if regular && now.Sub(c.since) < w.cfg.Settle {
			continue
		}
		w.unsettle(path)
		if w.stored(ctx, path, info) {
			continue
		}
		w.busy[path] = true
		w.fifo = append(w.fifo, path)
		w.update(func(s *Stats) { s.Queued++ })
		w.emit(Event{Kind: Queued, Path: path})
	}
}

func (w *Watcher) unsettle(path string) {
	delete(w.settling, path)
	w.update(func(s *Stats) { s.Settling-- })
}

// stored reports whether the store already has what path holds, judged
// by size and time, and has nothing to retry for it.
func (w *Watcher) stored(ctx context.Context, path string, info fs.FileInfo) bool {
	l, err := w.cfg.Pipeline.Store.LocationOf(ctx, path)
	return err == nil && l != nil && same(*l, info) && !w.retry(*l)
}

func same(l store.Location, info fs.FileInfo) bool {
	return l.Size == info.Size() && l.ModTime.Equal(info.ModTime())
}

// retry reports whether a known failure is worth another attempt: a
// transient one a few times, a refusal that can be mended without the
// file changing (a permission, a link) each time.
func (w *Watcher) retry(l store.Location) bool {
	if l.Rejected {
		return ingest.RetryRejected(l.ErrorKind)
	}
	return l.Status == vanban.ReadFailed && w.cfg.Pipeline.Retry == ingest.RetryTransient &&
		ingest.Transient(l.ErrorKind) && l.Attempts < ingest.MaxAttempts
}

// done records a finished file.
func (w *Watcher) done(r ingest.Result) {
	delete(w.busy, r.Path)
	w.update(func(s *Stats) {
		s.InFlight--
		switch r.Outcome {
		case ingest.Stored:
			s.Stored++
		case ingest.Unchanged, ingest.Skipped:
			s.Unchanged++
		case ingest.Failed:
			s.Failed++
		default:
			s.Errors++
		}
	})
	w.emit(Event{Kind: Done, Path: r.Path, Result: &r})
	if w.dirty[r.Path] {
		delete(w.dirty, r.Path)
		w.touch(r.Path)
	}
}

// scan walks the folder: it watches every subfolder (events for one
// created between two scans may have been missed) and makes every file
// the store does not know at its size and time settle.
func (w *Watcher) scan(ctx context.Context) {
	locs, err := w.cfg.Pipeline.Store.Locations(ctx, w.dir)
	if err != nil {
		w.emit(Event{Kind: Problem, Err: err})
		return
	}
	seen := w.watchTree(w.dir, false)
	var gone []string
	for path, l := range locs {
		info, ok := seen[path]
		switch {
		case !ok:
			gone = append(gone, path)
		case !same(l, info) || w.retry(l):
			w.touch(path)
		}
		delete(seen, path)
	}
	for path := range seen {
		w.touch(path) // new to the store
	}
	// Forget the paths whose files were deleted or moved (their
	// documents stay), unless the whole folder looks empty: an
	// unmounted share must not make the store forget everything.
	if len(gone) > 0 && len(gone) < len(locs) {
		if err := w.cfg.Pipeline.Store.Forget(ctx, gone); err != nil {
			w.emit(Event{Kind: Problem, Err: err})
		}
	}
	w.update(func(s *Stats) { s.Scans++; s.LastScan = time.Now() })
	w.emit(Event{Kind: Scanned})
}

// watchTree adds watches for root and its subfolders and returns the
// eligible files found; with touch, it also makes them settle (a folder
// moved or created in one piece brings its files along without events).
func (w *Watcher) watchTree(root string, touch bool) map[string]fs.FileInfo {
	files := map[string]fs.FileInfo{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder that vanished or cannot be read
		}
		if d.IsDir() {
			if p != w.dir && (ingest.SkipDir(d.Name()) || ingest.Inside(p, w.skip)) {
				return filepath.SkipDir
			}
			if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				w.emit(Event{Kind: Problem, Err: err})
			}
			return nil
		}
		if !ingest.Candidate(d.Name()) {
			return nil
		}
		if info, err := d.Info(); err == nil {
			files[p] = info
			if touch {
				w.touch(p)
			}
		}
		return nil
	})
	return files
}

func (w *Watcher) update(fn func(*Stats)) {
	w.mu.Lock()
	fn(&w.stats)
	w.mu.Unlock()
}

func (w *Watcher) emit(ev Event) {
	if w.cfg.OnEvent == nil {
		return
	}
	ev.Time = time.Now()
	ev.Stats = w.Stats()
	w.cfg.OnEvent(ev)
}
