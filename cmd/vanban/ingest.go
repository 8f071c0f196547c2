package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"vanban"

	"github.com/schollz/progressbar/v3"

	"vanban/app"
	"vanban/ingest"
)

func init() {
	register(&command{
		name: "ingest", summary: "nhập tệp .docx/.pdf (tệp hoặc thư mục) vào kho",
		usage: "ingest [--json] [--retry] [--reread] [-v] [--data THƯ_MỤC] ĐƯỜNG_DẪN…",
		help: `Nhập các tệp và thư mục (đọc cả thư mục con) vào kho dữ liệu; tạo kho nếu chưa có.
Tệp đã nhập mà không đổi nội dung thì bỏ qua; tệp không đọc được được ghi lại với lý
do (xem vanban failures). Liên kết tượng trưng (symlink) được đi theo; liên kết nằm
trong thư mục mà trỏ ra ngoài thư mục đó thì không nhập.

ví dụ:
  vanban ingest ../shared/corpus
  vanban ingest ke-hoach-58.docx bao-cao-412.docx --data ./kho
  vanban ingest --retry ./van-ban       đọc lại cả các tệp đã lỗi`,
		flags: ingestFlags,
	})
}

func ingestFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	asJSON := fs.Bool("json", false, "in kết quả dạng JSON cho script")
	verbose := fs.Bool("v", false, "in từng tệp cả khi có thanh tiến trình")
	retry := fs.Bool("retry", false, "đọc lại các tệp đã lỗi dù nội dung không đổi")
	reread := fs.Bool("reread", false, "đọc lại mọi tệp dù nội dung không đổi (sau khi nâng cấp bộ đọc)")
	return func(ctx context.Context, c *cli, args []string) error {
		if len(args) == 0 {
			return usagef("cần ít nhất một tệp hoặc thư mục")
		}
		a, err := openAppCreate(ctx, *data, app.IndexIfFree)
		if err != nil {
			return err
		}
		defer a.Close()
		tty := c.tty && !*asJSON
		var bar *progressbar.ProgressBar
		onTotal := func(n int) {
			if tty && n > 1 {
				bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(c.stdout), progressbar.OptionSetDescription("Đang nhập"),
					progressbar.OptionShowCount(), progressbar.OptionSetWidth(30), progressbar.OptionClearOnFinish(),
					progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionSetPredictTime(true))
			}
		}
		onResult := func(r ingest.Result) {
			if bar != nil {
				bar.Describe("Đang nhập")
				bar.Add(1)
			}
			if !*asJSON && (bar == nil || *verbose) {
				if bar != nil {
					bar.Clear()
				}
				printIngestResult(c.stdout, r)
			}
		}
		onProgress := func(p ingest.Progress) {
			msg := fmt.Sprintf("Đang nhận dạng chữ %s: trang %d/%d", filepath.Base(p.Path), p.Done, p.Total)
			switch {
			case bar != nil:
				bar.Describe(msg)
			case tty:
				fmt.Fprintf(c.stderr, "\r%s", msg)
			}
		}
		opt := app.IngestOptions{Retry: *retry, Reread: *reread, OnProgress: onProgress}
		sum, left := a.Ingest(ctx, args, opt, onTotal, onResult)
		if bar != nil {
			bar.Finish()
		}
		if *asJSON {
			return jsonOut(c.stdout, sum)
		}
		printIngestSummary(c.stdout, sum, left)
		if n := sum.Errors + sum.Failed; n > 0 {
			return vanban.Errorf(vanban.EUnreadable, "%d tệp không nhập được (xem vanban failures)", n)
		}
		return nil
	}
}

// printIngestResult prints one file's outcome on one line.
func printIngestResult(w io.Writer, r ingest.Result) {
	fmt.Fprintf(w, "%s — %s\n", r.Path, r.Message)
}

// printIngestSummary prints the counts and the failures with their reasons.
func printIngestSummary(w io.Writer, s ingest.Summary, left int) {
	fmt.Fprintf(w, "Đã nhập: %d · Không đổi: %d · Lỗi: %d", s.Stored, s.Unchanged, s.Failed+s.Errors)
	if s.Skipped > 0 {
		fmt.Fprintf(w, " · Bỏ qua: %d", s.Skipped)
	}
	fmt.Fprintln(w)
	if !s.Changed() && s.Errors == 0 && s.Unchanged > 0 {
		fmt.Fprintln(w, "Không có gì thay đổi: mọi tệp đã được nhập trước đó.")
	}
	first := true
	for _, r := range s.Results {
		if r.Outcome != ingest.Failed && r.Outcome != ingest.Error && r.Outcome != ingest.Skipped {
			continue
		}
		if first {
			fmt.Fprintln(w, "Tệp lỗi hoặc bị bỏ qua:")
			first = false
		}
		reason := r.Reason
		if reason == "" {
			reason = r.Message
		}
		fmt.Fprintf(w, "  %s — %s\n", r.Path, reason)
	}
	if left > 0 {
		fmt.Fprintf(w, "Đã dừng theo yêu cầu; %d tệp còn lại sẽ được nhập ở lần chạy sau.\n", left)
	}
}
