package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"vanban/app"
)

func init() {
	register(&command{
		name: "migrate", summary: "chuyển kho SQLite sang PostgreSQL dùng chung",
		usage: "migrate --from THƯ_MỤC --to postgres://…",
		help: `Chép toàn bộ kho SQLite trong thư mục dữ liệu sang một cơ sở dữ liệu PostgreSQL trống:
văn bản, các phiên bản, bản lưu của tệp, quyết định đối chiếu, tệp bị từ chối và nhật ký
thay đổi, giữ nguyên mã số. Kho SQLite chỉ được đọc. Sau đó mỗi máy chạy vanban với
--store postgres://… (hoặc biến VANBAN_STORE) và tự dựng chỉ mục tìm kiếm của mình.

ví dụ:
  vanban migrate --from ./vanban-data --to postgres://vanban@db.so-tc.local/vanban
  vanban check --store postgres://vanban@db.so-tc.local/vanban`,
		flags: migrateFlags,
	})
}

func migrateFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	from := fs.String("from", "", "`THƯ_MỤC` dữ liệu của kho SQLite (mặc định $"+app.DataEnv+", nếu không có thì "+app.DefaultData+")")
	to := fs.String("to", "", "kho PostgreSQL trống `postgres://…` (mặc định $"+app.StoreEnv+")")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		target := app.StoreAddr(*to)
		if target == "" {
			return usagef("cần --to postgres://…")
		}
		st, err := app.Migrate(ctx, app.DataDir(*from), target)
		if err != nil {
			return err
		}
		tables := make([]string, 0, len(st.Rows))
		for t, n := range st.Rows {
			if n > 0 {
				tables = append(tables, fmt.Sprintf("%s %d", t, n))
			}
		}
		sort.Strings(tables)
		fmt.Fprintf(c.stdout, "Đã chuyển kho %s sang PostgreSQL: %d bản lưu tệp (%s); số dòng: %s.\n",
			app.DataDir(*from), st.Files, sizeText(st.Bytes), strings.Join(tables, ", "))
		return nil
	}
}
