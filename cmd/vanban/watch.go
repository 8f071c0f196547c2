package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"vanban/ingest"
	"vanban/watch"
)

func init() {
	register("watch", "theo dõi một thư mục và tự nhập tệp mới hoặc đã sửa", runWatch)
}

func runWatch(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	data := dataFlag(fs)
	settle := fs.Duration("settle", watch.DefaultSettle, "chờ kích thước và thời gian sửa của tệp đứng yên bấy lâu rồi mới nhập")
	rescan := fs.Duration("rescan", watch.DefaultRescan, "chu kỳ quét lại toàn bộ thư mục")
	timeout := fs.Duration("timeout", watch.DefaultFileTimeout, "thời gian tối đa cho một tệp")
	workers := fs.Int("workers", 1, "số tệp nhập cùng lúc")
	asJSON := fs.Bool("json", false, "in mỗi sự kiện thành một dòng JSON")
	if err := parseCmd(fs, args, "watch [--data DIR] [--settle 2s] [--rescan 1m] [--timeout 2m] [--workers N] [--json] THƯ_MỤC"); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("watch: cần đúng một thư mục")
	}
	db, err := openStore(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	p := newPipeline(db)
	defer indexHooks(p, db)()
	p.Retry = ingest.RetryTransient
	dir := fs.Arg(0)
	var mu sync.Mutex // events come from several goroutines
	w, err := watch.New(watch.Config{
		Dir: dir, Pipeline: p, Settle: *settle, Rescan: *rescan, FileTimeout: *timeout, Workers: *workers,
		OnEvent: func(ev watch.Event) {
			mu.Lock()
			defer mu.Unlock()
			if *asJSON {
				printWatchJSON(ev)
			} else {
				printWatchEvent(ev, dir, db.Dir())
			}
		},
	})
	if err != nil {
		return err
	}
	return w.Run(ctx)
}

// printWatchEvent prints what a person watching the terminal needs.
func printWatchEvent(ev watch.Event, dir, data string) {
	at := ev.Time.Format("15:04:05")
	switch ev.Kind {
	case watch.Started:
		fmt.Printf("%s Đang theo dõi %s (dữ liệu: %s). Nhấn Ctrl+C để dừng.\n", at, dir, data)
	case watch.Done:
		r := ev.Result
		if r.Outcome == ingest.Unchanged || r.Outcome == ingest.Skipped {
			return
		}
		rel, err := filepath.Rel(dir, r.Path)
		if err != nil {
			rel = r.Path
		}
		fmt.Printf("%s %s — %s\n", at, rel, r.Message)
	case watch.Problem:
		fmt.Fprintf(os.Stderr, "%s cảnh báo: %v\n", at, ev.Err)
	case watch.Stopped:
		s := ev.Stats
		fmt.Printf("%s Đã dừng. Từ %s: đã nhập %d, không đổi %d, lỗi %d.\n", at, s.Since.Format("15:04:05"),
			s.Stored, s.Unchanged, s.Failed+s.Errors)
	}
}

// watchEventJSON is an event as a JSON line, for scripts and the bench.
type watchEventJSON struct {
	Time   time.Time      `json:"time"`
	Kind   string         `json:"kind"`
	Path   string         `json:"path,omitempty"`
	Result *ingest.Result `json:"result,omitempty"`
	Error  string         `json:"error,omitempty"`
	Stats  watch.Stats    `json:"stats"`
}

func printWatchJSON(ev watch.Event) {
	j := watchEventJSON{Time: ev.Time, Kind: string(ev.Kind), Path: ev.Path, Result: ev.Result, Stats: ev.Stats}
	if ev.Err != nil {
		j.Error = ev.Err.Error()
	}
	b, _ := json.Marshal(j)
	fmt.Println(string(b))
}
