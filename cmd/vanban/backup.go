package main

import (
	"context"
	"fmt"

	"vanban"
	"vanban/app"
)

func init() {
	register(&command{
		name: "backup", summary: "sao lưu kho dữ liệu (cả khi đang chạy) vào một thư mục mới",
		usage: "backup [--data THƯ_MỤC] THƯ_MỤC_SAO_LƯU",
		help: `Sao lưu kho dữ liệu vào một thư mục mới (hoặc rỗng), kể cả khi vanban serve hay
vanban watch đang nhập tệp: cơ sở dữ liệu được chép nhất quán tại một thời điểm, rồi
các bản lưu của tệp, bảng tên cơ quan và cài đặt. Chỉ mục tìm kiếm không được sao
lưu: vanban tự dựng lại khi mở bản sao. Đừng chép thư mục dữ liệu bằng tay khi vanban
đang chạy: bản chép có thể hỏng.

ví dụ:
  vanban backup /mnt/sao-luu/vanban-2026-12-02
  vanban check --data /mnt/sao-luu/vanban-2026-12-02`,
		flags: backupFlags,
	})
	register(&command{
		name: "check", summary: "kiểm tra kho dữ liệu: cơ sở dữ liệu, bản lưu các tệp, chỉ mục",
		usage: "check [--json] [--data THƯ_MỤC]",
		help: `Kiểm tra kho dữ liệu: cơ sở dữ liệu còn nguyên vẹn, các liên kết giữa bảng đúng, mọi
bản lưu của tệp còn đủ và đúng nội dung (kiểm lại mã băm), chỉ mục tìm kiếm khớp với
kho. Trả về mã 1 nếu có lỗi.

ví dụ:
  vanban check
  vanban check --data /mnt/sao-luu/vanban-2026-12-02`,
		flags: checkFlags,
	})
}

func backupFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	return func(ctx context.Context, c *cli, args []string) error {
		if len(args) != 1 {
			return usagef("cần đúng một thư mục sao lưu")
		}
		a, err := openApp(ctx, *data, app.NoIndex)
		if err != nil {
			return err
		}
		defer a.Close()
		st, err := a.Backup(ctx, args[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "Đã sao lưu kho %s vào %s: cơ sở dữ liệu và %d tệp (%s). Chỉ mục sẽ được dựng lại khi mở bản sao.\n",
			a.Dir(), args[0], st.Files, sizeText(st.Bytes))
		return nil
	}
}

func checkFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	asJSON := fs.Bool("json", false, "in dạng JSON")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		a, err := openApp(ctx, *data, app.NoIndex)
		if err != nil {
			return err
		}
		defer a.Close()
		problems, err := a.Verify(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if err := jsonOut(c.stdout, map[string]any{"ok": len(problems) == 0, "problems": problems}); err != nil {
				return err
			}
		} else if len(problems) == 0 {
			fmt.Fprintf(c.stdout, "Kho %s nguyên vẹn: cơ sở dữ liệu, bản lưu các tệp và chỉ mục đều đúng.\n", a.Dir())
		} else {
			for _, p := range problems {
				fmt.Fprintln(c.stdout, "-", p.Detail)
			}
		}
		if len(problems) > 0 {
			return vanban.Errorf(vanban.EConflict, "kho %s có %d lỗi", a.Dir(), len(problems))
		}
		return nil
	}
}

// sizeText writes a byte count for a person.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d byte", n)
}
