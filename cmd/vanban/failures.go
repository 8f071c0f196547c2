package main

import (
	"context"
	"fmt"

	"vanban/app"
	"vanban/store"
)

func init() {
	register(&command{
		name: "failures", summary: "liệt kê các tệp không đọc được và lý do",
		usage: "failures [--json] [-v] [--data THƯ_MỤC]",
		help: `Liệt kê các tệp vanban không đọc được, với lý do và cách xử lý: tệp hỏng, có mật
khẩu, định dạng không nhận (Word 97 .doc, Excel…), tệp quét chưa có lớp chữ.

ví dụ:
  vanban failures
  vanban failures -v        kèm lỗi kỹ thuật`,
		flags: failuresFlags,
	})
}

func failuresFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	asJSON := fs.Bool("json", false, "in dạng JSON")
	verbose := fs.Bool("v", false, "in cả lỗi kỹ thuật")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		a, err := openApp(ctx, *data, app.NoIndex)
		if err != nil {
			return err
		}
		defer a.Close()
		fails, err := a.Failures(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if fails == nil {
				fails = []store.FileInfo{}
			}
			return jsonOut(c.stdout, fails)
		}
		if len(fails) == 0 {
			fmt.Fprintln(c.stdout, "Không có tệp lỗi.")
			return nil
		}
		header := []string{"Tệp", "Lý do", "Lần thử", "Lúc"}
		if *verbose {
			header = append(header, "Lỗi kỹ thuật")
		}
		t := textTable{header: header}
		for _, f := range fails {
			row := []string{f.Path, f.Reason, fmt.Sprint(f.Attempts), f.IngestedAt.Local().Format("02/01/2006 15:04")}
			if *verbose {
				row = append(row, f.Error)
			}
			t.add(row...)
		}
		t.write(c.stdout, true)
		fmt.Fprintf(c.stdout, "\n%d tệp lỗi. Sửa hoặc thay tệp rồi nhập lại.\n", len(fails))
		return nil
	}
}
