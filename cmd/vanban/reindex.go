package main

import (
	"context"
	"fmt"
	"time"

	"vanban/app"
)

func init() {
	register(&command{
		name: "reindex", summary: "dựng lại chỉ mục tìm kiếm từ kho dữ liệu",
		usage: "reindex [-q] [--data THƯ_MỤC]",
		help: `Dựng lại chỉ mục tìm kiếm từ kho dữ liệu. Chỉ mục mới được dựng bên cạnh chỉ mục cũ,
chỉ mục cũ vẫn dùng được cho đến khi chỉ mục mới thế chỗ. Thường không cần: vanban tự
giữ chỉ mục khớp với kho.

ví dụ:
  vanban reindex`,
		flags: reindexFlags,
	})
}

func reindexFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	quiet := fs.Bool("q", false, "không in tiến độ")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		a, err := openApp(ctx, *data, app.NoIndex)
		if err != nil {
			return err
		}
		defer a.Close()
		start := time.Now()
		progress := func(done, total int) {
			if !*quiet && (done == total || done%50 == 0) {
				fmt.Fprintf(c.stderr, "\rđã lập chỉ mục %d/%d văn bản", done, total)
			}
		}
		docs, entries, err := a.Reindex(ctx, progress)
		if !*quiet {
			fmt.Fprintln(c.stderr)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "đã dựng lại chỉ mục: %d văn bản, %d mục trong %s\n", docs, entries, time.Since(start).Round(time.Millisecond))
		return nil
	}
}
