package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"vanban/store"
)

func init() {
	register("failures", "liệt kê các tệp không đọc được và lý do", runFailures)
}

func runFailures(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("failures", flag.ContinueOnError)
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "in dạng JSON")
	verbose := fs.Bool("v", false, "in cả lỗi kỹ thuật")
	if err := parseCmd(fs, args, "failures [--data DIR] [--json] [-v]"); err != nil {
		return err
	}
	db, err := openStore(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	fails, err := db.Failures(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		if fails == nil {
			fails = []store.FileInfo{}
		}
		return jsonOut(os.Stdout, fails)
	}
	if len(fails) == 0 {
		fmt.Println("Không có tệp lỗi.")
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
	t.write(os.Stdout, true)
	fmt.Printf("\n%d tệp lỗi. Sửa hoặc thay tệp rồi nhập lại; tệp quét cần OCR trước.\n", len(fails))
	return nil
}
