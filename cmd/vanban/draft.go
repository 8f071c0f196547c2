package main

import (
	"context"
	"fmt"
	"os"

	"vanban/app"
	"vanban/draft"
)

func init() {
	register(&command{
		name: "draft", summary: "soạn công văn đôn đốc hoặc báo cáo tổng hợp từ kết quả đối chiếu (DOCX)",
		usage: "draft reminder|summary --plan SỐ_KÝ_HIỆU [--as-of NGÀY] [--date NGÀY] [--unit TÊN…] -o TỆP.docx [--data THƯ_MỤC]",
		help: `Soạn văn bản của văn phòng từ kết quả đối chiếu một kế hoạch, theo thể thức Nghị định
30/2020/NĐ-CP, dạng Word (.docx) để sửa và trình ký:

  reminder   Công văn đôn đốc các đơn vị còn nhiệm vụ chưa báo cáo hoặc quá hạn
             (--unit để chỉ gửi một số đơn vị; lặp lại được)
  summary    Báo cáo tổng hợp tình hình thực hiện kế hoạch

Số văn bản để trống cho văn thư; ngày để trống nếu không có --date. Cơ quan ban hành,
người ký… lấy từ <thư mục dữ liệu>/settings.toml (bảng [draft]) hoặc các cờ dưới đây;
mặc định là đơn vị tổng hợp báo cáo của kế hoạch.

ví dụ:
  vanban draft reminder --plan 58/KH-UBND --as-of 31/12/2026 -o don-doc.docx
  vanban draft reminder --plan 58/KH-UBND --unit "Sở Tài chính" -o don-doc-stc.docx
  vanban draft summary --plan 58/KH-UBND --as-of 31/12/2026 --signer "Nguyễn Văn A" -o bao-cao-tong-hop.docx`,
		flags: draftFlags,
	})
}

// unitFlags collects repeated --unit values.
type unitFlags []string

func (u *unitFlags) String() string     { return fmt.Sprint(len(*u)) }
func (u *unitFlags) Set(s string) error { *u = append(*u, s); return nil }

func draftFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	plan := fs.String("plan", "", "kế hoạch: số ký hiệu, ID hoặc tên tệp")
	asOf := fs.date("as-of", "ngày đối chiếu, dd/mm/yyyy (mặc định hôm nay)")
	date := fs.date("date", "ngày của văn bản (mặc định để trống cho văn thư)")
	out := fs.String("o", "", "ghi văn bản vào `TỆP`.docx")
	var units unitFlags
	fs.Var(&units, "unit", "chỉ đôn đốc đơn vị này (lặp lại được)")
	over := draft.RegisterFlags(fs.FlagSet)
	return func(ctx context.Context, c *cli, args []string) error {
		if len(args) != 1 || args[0] != "reminder" && args[0] != "summary" {
			return usagef("cần nói soạn gì: reminder (công văn đôn đốc) hoặc summary (báo cáo tổng hợp)")
		}
		if *plan == "" || *out == "" {
			return usagef("cần --plan và -o")
		}
		a, err := openApp(ctx, *data, app.NoIndex)
		if err != nil {
			return err
		}
		defer a.Close()
		req := app.DraftRequest{Plan: *plan, AsOf: asOf.d, Date: date.d, Units: units, Settings: *over}
		drafted := a.DraftReminder
		if args[0] == "summary" {
			drafted = a.DraftSummary
		}
		b, err := drafted(ctx, req)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, b, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "Đã soạn %s (%s). Mở bằng Word hoặc LibreOffice để sửa, ghi số và trình ký.\n", *out, sizeText(int64(len(b))))
		return nil
	}
}
