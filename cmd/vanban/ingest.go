package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"

	"vanban/ingest"
)

func init() {
	register("ingest", "nhập tệp .docx/.pdf (tệp hoặc thư mục) vào kho", runIngest)
}

func runIngest(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "in kết quả dạng JSON cho script")
	verbose := fs.Bool("v", false, "in từng tệp cả khi có thanh tiến trình")
	retry := fs.Bool("retry", false, "đọc lại các tệp đã lỗi dù nội dung không đổi")
	reread := fs.Bool("reread", false, "đọc lại mọi tệp dù nội dung không đổi (sau khi nâng cấp bộ đọc)")
	if err := parseCmd(fs, args, "ingest [--data DIR] [--json] [--retry] [--reread] ĐƯỜNG_DẪN…"); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("ingest: cần ít nhất một tệp hoặc thư mục")
	}
	db, err := openStore(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	p := newPipeline(db)
	defer indexHooks(p, db)()
	if *retry {
		p.Retry = ingest.RetryAll
	}
	p.Reread = *reread

	files, bad := ingest.Collect(fs.Args(), db.Dir())
	var sum ingest.Summary
	for _, r := range bad {
		sum.Add(r)
	}
	tty := ttyOut(os.Stdout) && !*asJSON
	var bar *progressbar.ProgressBar
	if tty && len(files) > 1 {
		bar = progressbar.NewOptions(len(files), progressbar.OptionSetWriter(os.Stdout), progressbar.OptionSetDescription("Đang nhập"),
			progressbar.OptionShowCount(), progressbar.OptionSetWidth(30), progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionSetPredictTime(true))
	}
	interrupted := false
	for _, f := range files {
		if ctx.Err() != nil {
			interrupted = true
			break
		}
		// The file in progress finishes even on Ctrl+C.
		r := p.File(context.WithoutCancel(ctx), f)
		sum.Add(r)
		if bar != nil {
			bar.Add(1)
		}
		if !*asJSON && (bar == nil || *verbose) {
			if bar != nil {
				bar.Clear()
			}
			printIngestResult(os.Stdout, r)
		}
	}
	if bar != nil {
		bar.Finish()
	}
	if *asJSON {
		return jsonOut(os.Stdout, sum)
	}
	printIngestSummary(os.Stdout, sum, len(files)-len(sum.Results)+len(bad), interrupted)
	if sum.Errors > 0 {
		return fmt.Errorf("%d tệp không nhập được", sum.Errors)
	}
	return nil
}

// printIngestResult prints one file's outcome on one line.
func printIngestResult(w io.Writer, r ingest.Result) {
	fmt.Fprintf(w, "%s — %s\n", r.Path, r.Message)
}

// printIngestSummary prints the counts and the failures with their reasons.
func printIngestSummary(w io.Writer, s ingest.Summary, left int, interrupted bool) {
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
	if interrupted {
		fmt.Fprintf(w, "Đã dừng theo yêu cầu; %d tệp còn lại sẽ được nhập ở lần chạy sau.\n", left)
	}
}
