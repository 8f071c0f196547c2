package main

import (
	"context"
	"encoding/json"

	"vanban/app"
	"vanban/crosscheck"
)

func init() {
	register(&command{
		name: "due", summary: "liệt kê các mốc nhiệm vụ sắp đến hạn theo đơn vị (--within 30d, --unit TÊN)",
		usage: "due [--within 30d] [--from NGÀY] [--unit TÊN] [--plan SỐ_KÝ_HIỆU] [--json] [--data THƯ_MỤC]",
		help: `Liệt kê các mốc nhiệm vụ đến hạn trong một khoảng thời gian, nhóm theo đơn vị chủ trì
và phối hợp, trên mọi kế hoạch hiện hành (bản dự thảo đã được thay bằng kế hoạch ban
hành thì bỏ qua).

ví dụ:
  vanban due --within 30d
  vanban due --from 01/10/2026 --within 3m --unit "Sở Tài chính"
  vanban due --plan 58/KH-UBND --json`,
		flags: dueFlags,
	})
}

func dueFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	within := fs.String("within", "30d", "độ dài khoảng thời gian: 30d (ngày), 2w (tuần), 3m (tháng)")
	from := fs.date("from", "ngày đầu của khoảng, dd/mm/yyyy (mặc định hôm nay)")
	unit := fs.String("unit", "", "chỉ đơn vị này (nhận cả tên cũ, tên viết tắt)")
	plan := fs.String("plan", "", "chỉ kế hoạch này (số ký hiệu, ID hoặc tên tệp)")
	asJSON := fs.Bool("json", false, "in dạng JSON")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		days, err := crosscheck.ParseWithin(*within)
		if err != nil {
			return usagef("--within %q: %v", *within, err)
		}
		a, err := openApp(ctx, *data, app.NoIndex)
		if err != nil {
			return err
		}
		defer a.Close()
		q := app.DueQuery{Plan: *plan, Unit: *unit, From: from.d, Days: days}
		groups, err := a.Due(ctx, q)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(c.stdout)
			enc.SetIndent("", " ")
			enc.SetEscapeHTML(false)
			if groups == nil {
				groups = []crosscheck.DueGroup{}
			}
			return enc.Encode(groups)
		}
		start := from.d
		if start.IsZero() {
			start = today()
		}
		return crosscheck.WriteDueText(c.stdout, groups, start, days)
	}
}
