package app

import (
	"context"
	"runtime"
	"sync"
	"time"

	"vanban"
	"vanban/extract"
	"vanban/ingest"
	"vanban/normalize"
	"vanban/watch"
)

// ExtractLimits bound one file's extraction: a file that takes longer or
// needs more memory is recorded as failed, not allowed to stall the rest.
var ExtractLimits = extract.Limits{Timeout: 2 * time.Minute, Memory: 1 << 30}

// reader returns the function that turns a file into a normalized
// Document: extraction in a child process with limits (read), then the
// agency, deadline and target readings of package normalize with
// aliases.
func reader(read ingest.Extractor, aliases *normalize.Aliases) ingest.Extractor {
	return func(ctx context.Context, path string) (*vanban.Document, error) {
		if fn := ingest.ProgressFunc(ctx); fn != nil {
			ctx = extract.ProgressTo(ctx, func(p extract.Progress) { fn(p.Done, p.Total) })
		}
		doc, err := read(ctx, path)
		if err != nil {
			return nil, err
		}
		normalize.Document(doc, aliases)
		return doc, nil
	}
}

// Extract reads one file as ingestion would, without storing it. It
// reads in this process: a one-off command has no other files to protect
// from a reader that fails (a panic is still an error, see extract.Bytes),
// and it saves starting a child.
func Extract(ctx context.Context, path, data string) (*vanban.Document, error) {
	aliases, err := LoadAliases(data)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, ExtractLimits.Timeout)
	defer cancel()
	return reader(extract.File, aliases)(ctx, path)
}

// Pipeline returns the ingestion pipeline into the store: reading with
// the data folder's alias table, and the search index kept in step after
// each commit when the App holds it.
func (a *App) Pipeline() *ingest.Pipeline {
	p := &ingest.Pipeline{Store: a.db, Extract: reader(a.readers().File, a.aliases), Timeout: ExtractLimits.Timeout}
	if a.index() != nil {
		// The change log names what the commit changed, and the
		// documents linked to it (a plan's statuses change with its
		// report, a draft leaves search with its issued plan).
		resync := func(ctx context.Context, id int64) { a.kickIndexer() }
		p.Hooks = ingest.Hooks{OnStored: resync, OnRemoved: resync}
	}
	return p
}

// IngestOptions say how Ingest treats content it has read before.
type IngestOptions struct {
	Retry  bool // read again the files that failed, though unchanged
	Reread bool // read every file again (after upgrading the readers)
	// OnProgress, when set, is told how far a scan's OCR has come (from
	// the reading goroutines).
	OnProgress func(ingest.Progress)
}

// Ingest ingests the files and folders paths name, one file at a time,
// telling each result to onResult (nil for none) as it comes. A file in
// progress finishes even when ctx is cancelled; the files after it are
// left for the next run and counted in left.
func (a *App) Ingest(ctx context.Context, paths []string, opt IngestOptions, onTotal func(int), onResult func(ingest.Result)) (sum ingest.Summary, left int) {
	p := a.Pipeline()
	if opt.Retry {
		p.Retry = ingest.RetryAll
	}
	p.Reread = opt.Reread
	p.Progress = opt.OnProgress
	files, bad := ingest.Collect(paths, a.dir)
	tell := func(r ingest.Result) {
		sum.Add(r)
		if onResult != nil {
			onResult(r)
		}
	}
	for _, r := range bad {
		tell(r)
	}
	if onTotal != nil {
		onTotal(len(files))
	}
	// One reader per core, the store writing one transaction at a
	// time; a file in progress finishes even on Ctrl+C.
	work := make(chan string)
	results := make(chan ingest.Result)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				results <- p.File(context.WithoutCancel(ctx), f)
			}
		}()
	}
	go func() {
		defer close(work)
		for _, f := range files {
			select {
			case work <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	done := 0
	for r := range results {
		tell(r)
		done++
	}
	return sum, len(files) - done
}

// WatchConfig configures Watch; zero values take the watcher's defaults
// (and one worker per core).
type WatchConfig struct {
	Dir         string
	Settle      time.Duration
	Rescan      time.Duration
	FileTimeout time.Duration
	Workers     int
	// OnEvent, when set, is told every event (from the watcher's
	// goroutines; it must not block).
	OnEvent func(watch.Event)
}

// Watch ingests whatever lands in cfg.Dir until ctx ends. What it makes
// of each file is remembered for FileState (the upload page).
func (a *App) Watch(ctx context.Context, cfg WatchConfig) error {
	p := a.Pipeline()
	p.Retry = ingest.RetryTransient
	p.Progress = a.uploads.progress
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	w, err := watch.New(watch.Config{
		Dir: cfg.Dir, Pipeline: p, Settle: cfg.Settle, Rescan: cfg.Rescan, FileTimeout: cfg.FileTimeout, Workers: cfg.Workers,
		OnEvent: func(ev watch.Event) {
			if ev.Kind == watch.Done && ev.Result != nil {
				a.uploads.record(*ev.Result)
			}
			if cfg.OnEvent != nil {
				cfg.OnEvent(ev)
			}
		},
	})
	if err != nil {
		return err
	}
	return w.Run(ctx)
}

// FormatHint says in Vietnamese why vanban cannot read a file named name
// and what to do; "" for a type it reads.
func FormatHint(name string) string { return ingest.FormatHint(name) }
