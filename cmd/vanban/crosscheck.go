package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"vanban/app"
	"vanban/crosscheck"
)

func init() {
	register(&command{
		name: "crosscheck", summary: "đối chiếu báo cáo của các đơn vị với nhiệm vụ kế hoạch giao (--json, --xlsx TỆP)",
		usage: "crosscheck --plan SỐ_KÝ_HIỆU [--as-of NGÀY] [--json | --xlsx TỆP] [--confirm|--reject BÁO_CÁO#MỤC=NHIỆM_VỤ] [--set BÁO_CÁO#MỤC=TRẠNG_THÁI] [--data THƯ_MỤC]",
		help: `Đối chiếu báo cáo của các đơn vị với các nhiệm vụ kế hoạch giao, tính đến một ngày:
đơn vị nào đã báo cáo, đúng hạn hay trễ hạn, nhiệm vụ nào hoàn thành, đang thực hiện,
chưa thực hiện, chưa báo cáo, quá hạn. Mục báo cáo khớp với nhiệm vụ có độ tin cậy thấp
được liệt kê để người xác nhận (--confirm) hoặc bác bỏ (--reject); quyết định được ghi
vào kho và dùng cho mọi lần đối chiếu sau. Người dùng cũng có thể đặt trạng thái một mục
báo cáo (--set: done, in_progress, not_started, kèm ghi chú sau dấu hai chấm); trạng thái
này được ghi cùng người đặt và thời điểm, giữ nguyên khi báo cáo được nhập lại, và được
ghi rõ là do người xác nhận.

ví dụ:
  vanban crosscheck --plan 58/KH-UBND --as-of 31/12/2026
  vanban crosscheck --plan 58/KH-UBND --xlsx doi-chieu.xlsx
  vanban crosscheck --plan 58/KH-UBND --confirm 1876/BC-BQL#2=8.6
  vanban crosscheck --plan 58/KH-UBND --set '412/BC-STC#2=done:đã ban hành Quyết định'`,
		flags: crosscheckFlags,
	})
}

// decisionFlags collects repeated --confirm/--reject values.
type decisionFlags []crosscheck.DecisionArg

func (d *decisionFlags) String() string { return fmt.Sprint(len(*d)) }

func (d *decisionFlags) Set(s string) error {
	arg, err := crosscheck.ParseDecisionArg(s)
	if err != nil {
		return err
	}
	*d = append(*d, arg)
	return nil
}

// statusFlags collects repeated --set values.
type statusFlags []crosscheck.StatusArg

func (s *statusFlags) String() string { return "" }

func (s *statusFlags) Set(v string) error {
	arg, err := crosscheck.ParseStatusArg(v)
	if err != nil {
		return err
	}
	*s = append(*s, arg)
	return nil
}

func crosscheckFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	plan := fs.String("plan", "", "kế hoạch: số ký hiệu (58/KH-UBND), ID hoặc tên tệp")
	asOf := fs.date("as-of", "tính đến ngày, dd/mm/yyyy (mặc định hôm nay)")
	asJSON := fs.Bool("json", false, "in dạng JSON (như gold crosscheck.json, thêm trường)")
	xlsx := fs.String("xlsx", "", "ghi sổ Excel vào `TỆP`")
	var confirm, reject decisionFlags
	fs.Var(&confirm, "confirm", "xác nhận một đề xuất khớp, `BÁO_CÁO#MỤC=NHIỆM_VỤ` (nhiệm vụ: STT, hoặc II.2 khi các phần lặp STT; lặp lại được)")
	fs.Var(&reject, "reject", "bác bỏ một đề xuất khớp, `BÁO_CÁO#MỤC=NHIỆM_VỤ` (lặp lại được)")
	var set statusFlags
	fs.Var(&set, "set", "đặt trạng thái một mục báo cáo, `BÁO_CÁO#MỤC=TRẠNG_THÁI[:GHI_CHÚ]` (done, in_progress, not_started; lặp lại được)")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		if *plan == "" {
			return usagef("cần --plan: kế hoạch cần đối chiếu")
		}
		a, err := openApp(ctx, *data, app.IndexIfFree)
		if err != nil {
			return err
		}
		defer a.Close()
		for _, d := range decisions(*plan, confirm, reject) {
			if err := a.Decide(ctx, d); err != nil {
				return err
			}
		}
		for _, s := range set {
			st := app.StatusSet{Plan: *plan, Report: s.Report, ItemNumber: s.Item, Status: s.Status, Note: s.Note, By: os.Getenv("USER")}
			if err := a.SetStatus(ctx, st); err != nil {
				return err
			}
		}
		r, err := a.CrossCheck(ctx, *plan, asOf.d)
		if err != nil {
			return err
		}
		return crosscheckOutput(c, r, *asJSON, *xlsx)
	}
}

// decisions turns --confirm and --reject into decisions on plan.
func decisions(plan string, confirm, reject decisionFlags) []app.Decision {
	var out []app.Decision
	for _, set := range []struct {
		args   decisionFlags
		accept bool
	}{{confirm, true}, {reject, false}} {
		for _, d := range set.args {
			out = append(out, app.Decision{Plan: plan, Report: d.Report, ItemNumber: d.Item, Task: d.Task, Accept: set.accept})
		}
	}
	return out
}

func crosscheckOutput(c *cli, r *crosscheck.Result, asJSON bool, xlsx string) error {
	if xlsx != "" {
		if err := writeFile(xlsx, r.WriteXLSX); err != nil {
			return err
		}
		fmt.Fprintf(c.stderr, "Đã ghi %s (%d đơn vị).\n", xlsx, len(r.Units))
		if !asJSON {
			return nil
		}
	}
	if asJSON {
		return r.WriteJSON(c.stdout)
	}
	return r.WriteText(c.stdout)
}

// writeFile creates path and writes it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
