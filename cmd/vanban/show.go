package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"vanban"
	"vanban/app"
	"vanban/store"
)

func init() {
	register(&command{
		name: "show", summary: "in một văn bản (theo số ký hiệu, ID hoặc tên tệp) với các nhiệm vụ",
		usage: "show [--json] [--full] [--data THƯ_MỤC] SỐ_KÝ_HIỆU|ID|TÊN_TỆP",
		help: `In một văn bản: thông tin chung, các tệp, văn bản liên quan và bảng nhiệm vụ
(kế hoạch) hoặc các mục báo cáo (báo cáo).

ví dụ:
  vanban show 58/KH-UBND
  vanban show 12 --full
  vanban show bao-cao-412-bc-stc-2026.docx --json`,
		flags: showFlags,
	})
}

func showFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	asJSON := fs.Bool("json", false, "in dạng JSON")
	full := fs.Bool("full", false, "in đủ nội dung các ô, không cắt ngắn")
	return func(ctx context.Context, c *cli, args []string) error {
		if len(args) != 1 {
			return usagef("cần đúng một văn bản, ví dụ 58/KH-UBND")
		}
		a, err := openApp(ctx, *data, app.NoIndex)
		if err != nil {
			return err
		}
		defer a.Close()
		s, err := a.Show(ctx, args[0])
		if err != nil {
			return err
		}
		if *asJSON {
			return jsonOut(c.stdout, s)
		}
		printHeader(ctx, c.stdout, a, s)
		printRows(c.stdout, s.Document, *full)
		return nil
	}
}

// printHeader prints the document's metadata, files and links.
func printHeader(ctx context.Context, w io.Writer, a *app.App, s *app.Shown) {
	d, m := s.Summary, s.Document.Meta
	fmt.Fprintf(w, "#%d %s\n", d.ID, docLabel(*d))
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-14s %s\n", label+":", value)
		}
	}
	if d.Status == vanban.ReadFailed {
		line("Lỗi", d.Reason)
		line("Chi tiết", d.Error)
	}
	line("Cơ quan", m.Issuer)
	where := m.Place
	if !m.Date.IsZero() {
		where = strings.TrimPrefix(where+", ngày "+m.Date.VN(), ", ")
	}
	line("Nơi, ngày", where)
	line("Trích yếu", m.Title)
	line("Người ký", strings.TrimSpace(m.SignerTitle+" "+m.Signer))
	if m.AnnualReportDue != "" || m.ReportTo != "" {
		due := ""
		if dd, mm, ok := strings.Cut(m.AnnualReportDue, "-"); ok {
			due = "hằng năm trước ngày " + mm + "/" + dd
		}
		line("Báo cáo", strings.TrimSpace(due+" về "+m.ReportTo))
	}
	if d.Status == vanban.ReadOK && d.Reason != "" {
		line("Lưu ý", "phiên bản mới nhất của tệp không đọc được ("+d.Reason+"); dữ liệu theo phiên bản trước")
	}
	for _, f := range s.Files {
		line("Tệp", fileLine(f))
	}
	// Links to documents in the store one a line; references the store
	// does not have, together.
	missing := map[string][]string{}
	var order []string
	for _, l := range s.Links {
		if l.DocID != 0 {
			line(linkLabel(l), linkTarget(ctx, a, l))
			continue
		}
		label := linkLabel(l)
		if missing[label] == nil {
			order = append(order, label)
		}
		missing[label] = append(missing[label], l.Ref)
	}
	for _, label := range order {
		line(label, strings.Join(missing[label], ", ")+" (chưa có trong kho)")
	}
	for _, warn := range s.Document.Warnings {
		line("Cảnh báo", warn)
	}
	fmt.Fprintln(w)
}

func fileLine(f store.FileInfo) string {
	var notes []string
	notes = append(notes, strings.ToUpper(f.Format))
	if f.Pages > 0 {
		notes = append(notes, fmt.Sprintf("%d trang", f.Pages))
	}
	switch {
	case f.Status == vanban.ReadFailed:
		notes = append(notes, "lỗi: "+f.Reason)
	case f.Primary:
		notes = append(notes, "bản chính")
	case f.SupersededBy != 0:
		notes = append(notes, "phiên bản cũ")
	default:
		notes = append(notes, "bản khác định dạng")
	}
	return fmt.Sprintf("%s (%s) — lưu tại %s", f.Path, strings.Join(notes, ", "), f.Stored)
}

func linkLabel(l store.Link) string {
	switch {
	case l.Kind == "cites" && !l.Incoming:
		return "Căn cứ"
	case l.Kind == "cites":
		return "Được nêu tại"
	case l.Kind == "replaces" && !l.Incoming:
		return "Thay thế"
	case l.Kind == "replaces":
		return "Bị thay bởi"
	case !l.Incoming:
		return "Thay dự thảo"
	}
	return "Đã ban hành"
}

func linkTarget(ctx context.Context, a *app.App, l store.Link) string {
	other, err := a.Summary(ctx, l.DocID)
	if err != nil {
		return l.Ref
	}
	return fmt.Sprintf("%s (#%d)", docLabel(*other), l.DocID)
}

// printRows prints the task table of a plan or the items of a report.
func printRows(w io.Writer, doc *vanban.Document, full bool) {
	if len(doc.Rows) > 0 {
		fmt.Fprintf(w, "Nhiệm vụ (%d):\n", len(doc.Rows))
		t := textTable{
			header: []string{"STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"},
			widths: []int{6, 56, 28, 28, 26},
		}
		var sec vanban.Section
		for _, r := range doc.Rows {
			if r.Section != sec && r.Section != (vanban.Section{}) {
				sec = r.Section
				t.add(strings.TrimSpace(strings.TrimSuffix(sec.Numeral+". "+sec.Title, ". ")))
			}
			t.add(r.STT, r.Task, r.Lead, r.Coordinators, r.Timeframe)
		}
		t.write(w, full)
	}
	if len(doc.ReportItems) > 0 {
		if len(doc.Rows) > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Mục báo cáo (%d):\n", len(doc.ReportItems))
		t := textTable{
			header: []string{"STT", "Nội dung", "Vai trò", "Kết quả", "Tình trạng"},
			widths: []int{6, 56, 12, 48, 20},
		}
		sec := ""
		for _, it := range doc.ReportItems {
			if it.Section != sec && it.Section != "" {
				sec = it.Section
				t.add(sec)
			}
			t.add(it.STT, it.Task, it.Role, it.Result, it.StatusText)
		}
		t.write(w, full)
	}
	if len(doc.Rows) == 0 && len(doc.ReportItems) == 0 {
		fmt.Fprintln(w, "Văn bản không có bảng nhiệm vụ hay mục báo cáo.")
	}
}
