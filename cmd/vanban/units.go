package main

import (
	"context"
	"fmt"
	"strings"

	"vanban"
	"vanban/app"
)

func init() {
	register(&command{
		name: "units", summary: "liệt kê mọi cơ quan, đơn vị gặp trong các văn bản, kèm số nhiệm vụ",
		usage: "units [--json] [--unknown] [--data THƯ_MỤC]",
		help: `Liệt kê mọi cơ quan, đơn vị và nhóm đơn vị có tên trong các nhiệm vụ, với số nhiệm vụ
chủ trì, phối hợp và số văn bản; cho biết bảng tên cơ quan (aliases.txt) đã biết tên
đó chưa, để thêm cách viết khác.

ví dụ:
  vanban units
  vanban units --unknown     chỉ các tên bảng tên chưa biết`,
		flags: unitsFlags,
	})
}

func unitsFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	asJSON := fs.Bool("json", false, "in dạng JSON")
	unknown := fs.Bool("unknown", false, "chỉ in các tên bảng tên cơ quan chưa biết")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		a, err := openApp(ctx, *data, app.NoIndex)
		if err != nil {
			return err
		}
		defer a.Close()
		rows, err := a.Units(ctx, *unknown)
		if err != nil {
			return err
		}
		if *asJSON {
			return jsonOut(c.stdout, rows)
		}
		t := textTable{header: []string{"Tên", "Loại", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Văn bản", "Trong bảng tên", "Cách viết khác"}}
		for _, r := range rows {
			kind := "đơn vị"
			if r.Kind == vanban.KindGroup {
				kind = "nhóm"
			}
			known := "chưa"
			if r.Known {
				known = "có"
			}
			t.add(r.Name, kind, fmt.Sprint(r.Tasks), fmt.Sprint(r.Lead), fmt.Sprint(r.Coordinate), fmt.Sprint(r.Documents), known, strings.Join(r.Aliases, "; "))
		}
		t.write(c.stdout, true)
		fmt.Fprintf(c.stdout, "\n%d tên. Thêm cách viết khác vào %s trong thư mục dữ liệu: \"Tên chuẩn | cách viết 1 | cách viết 2\".\n", len(rows), app.AliasFile)
		return nil
	}
}
