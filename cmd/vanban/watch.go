package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"time"

	"vanban/app"
	"vanban/ingest"
	"vanban/watch"
)

func init() {
	register(&command{
		name: "watch", summary: "theo dõi một thư mục và tự nhập tệp mới hoặc đã sửa",
		usage: "watch [--settle 2s] [--rescan 1m] [--timeout 2m] [--workers N] [--json] [--data THƯ_MỤC] THƯ_MỤC",
		help: `Theo dõi một thư mục (cả thư mục con) và nhập mọi tệp được thả vào hoặc sửa đổi, đến
khi nhấn Ctrl+C. Tệp được nhập khi kích thước và giờ sửa đã đứng yên; tệp không đọc
được được ghi lại với lý do. Liên kết trỏ ra ngoài thư mục theo dõi không được nhập.

ví dụ:
  vanban watch ./inbox
  vanban watch --workers 2 --json ./inbox`,
		flags: watchFlags,
	})
}

func watchFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	settle := fs.Duration("settle", watch.DefaultSettle, "chờ kích thước và giờ sửa của tệp đứng yên bấy lâu rồi mới nhập")
	rescan := fs.Duration("rescan", watch.DefaultRescan, "chu kỳ quét lại toàn bộ thư mục")
	timeout := fs.Duration("timeout", watch.DefaultFileTimeout, "thời gian tối đa cho một tệp")
	workers := fs.Int("workers", 1, "số tệp nhập cùng lúc")
	asJSON := fs.Bool("json", false, "in mỗi sự kiện thành một dòng JSON")
	return func(ctx context.Context, c *cli, args []string) error {
		if len(args) != 1 {
			return usagef("cần đúng một thư mục")
		}
		a, err := openAppCreate(ctx, *data, app.IndexIfFree)
		if err != nil {
			return err
		}
		defer a.Close()
		dir := args[0]
		var mu sync.Mutex // events come from several goroutines
		return a.Watch(ctx, app.WatchConfig{
			Dir: dir, Settle: *settle, Rescan: *rescan, FileTimeout: *timeout, Workers: *workers,
			OnEvent: func(ev watch.Event) {
				mu.Lock()
				defer mu.Unlock()
				if *asJSON {
					printWatchJSON(c.stdout, ev)
				} else {
					printWatchEvent(c, ev, dir, a.Dir())
				}
			},
		})
	}
}

// printWatchEvent prints what a person watching the terminal needs.
func printWatchEvent(c *cli, ev watch.Event, dir, data string) {
	at := ev.Time.Format("15:04:05")
	switch ev.Kind {
	case watch.Started:
		fmt.Fprintf(c.stdout, "%s Đang theo dõi %s (dữ liệu: %s). Nhấn Ctrl+C để dừng.\n", at, dir, data)
	case watch.Done:
		r := ev.Result
		if r.Outcome == ingest.Unchanged || r.Outcome == ingest.Skipped {
			return
		}
		rel, err := filepath.Rel(dir, r.Path)
		if err != nil {
			rel = r.Path
		}
		fmt.Fprintf(c.stdout, "%s %s — %s\n", at, rel, r.Message)
	case watch.Problem:
		fmt.Fprintf(c.stderr, "%s cảnh báo: %v\n", at, ev.Err)
	case watch.Stopped:
		s := ev.Stats
		fmt.Fprintf(c.stdout, "%s Đã dừng. Từ %s: đã nhập %d, không đổi %d, lỗi %d.\n", at, s.Since.Format("15:04:05"),
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

func printWatchJSON(w io.Writer, ev watch.Event) {
	j := watchEventJSON{Time: ev.Time, Kind: string(ev.Kind), Path: ev.Path, Result: ev.Result, Stats: ev.Stats}
	if ev.Err != nil {
		j.Error = ev.Err.Error()
	}
	b, _ := json.Marshal(j)
	fmt.Fprintln(w, string(b))
}
