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
		name: "docs", summary: "liệt kê các văn bản trong kho",
		usage: "docs [--type plan|report|…] [--issuer TÊN] [--all] [--json] [--data THƯ_MỤC]",
		help: `Liệt kê các văn bản đã nhập: số ký hiệu, loại, ngày, cơ quan ban hành, trích yếu,
định dạng tệp và số nhiệm vụ hoặc mục báo cáo.

ví dụ:
  vanban docs
  vanban docs --type plan
  vanban docs --issuer "Sở Tài chính" --json
  vanban docs --review          các văn bản cần người xem lại bảng đã đọc`,
		flags: docsFlags,
	})
}

func docsFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	typ := fs.String("type", "", "chỉ loại văn bản này: plan, report, letter, notice, decision, proposal hoặc tên tiếng Việt (\"Kế hoạch\")")
	issuer := fs.String("issuer", "", "chỉ văn bản của cơ quan có tên chứa chuỗi này (không phân biệt dấu)")
	all := fs.Bool("all", false, "kể cả tệp không đọc được")
	asJSON := fs.Bool("json", false, "in dạng JSON")
	review := fs.Bool("review", false, "chỉ các văn bản đọc bảng chưa chắc chắn, cần người xem lại (kèm lý do)")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		a, err := openApp(ctx, *data, app.NoIndex)
		if err != nil {
			return err
		}
		defer a.Close()
		f := store.Filter{Type: *typ, Issuer: *issuer, Failed: *all}
		if t, ok := docTypeNames[strings.ToLower(*typ)]; ok {
			f.Type = t
		}
		docs, err := a.Summaries(ctx, f)
		if err != nil {
			return err
		}
		if *review {
			docs = needReview(docs)
		}
		if *asJSON {
			if docs == nil {
				docs = []store.DocumentSummary{}
			}
			return jsonOut(c.stdout, docs)
		}
		if len(docs) == 0 {
			fmt.Fprintln(c.stdout, "Không có văn bản nào. Dùng `vanban ingest THƯ_MỤC` để nhập.")
			return nil
		}
		t := textTable{
			header: []string{"ID", "Số, ký hiệu", "Loại", "Ngày", "Cơ quan ban hành", "Trích yếu", "Tệp", "Nội dung"},
			widths: []int{0, 0, 0, 0, 32, 48, 0, 0},
		}
		for _, d := range docs {
			t.add(fmt.Sprint(d.ID), docNumber(d), d.DocType, d.Date.VN(), d.Issuer, d.Title, strings.ToUpper(strings.Join(d.Formats, "+")), docContent(d))
		}
		t.write(c.stdout, false)
		fmt.Fprintf(c.stdout, "\n%d văn bản.\n", len(docs))
		if *review {
			printReasons(c.stdout, docs)
		}
		return nil
	}
}

// needReview keeps the documents whose tables were read with low
// confidence.
func needReview(docs []store.DocumentSummary) []store.DocumentSummary {
	var out []store.DocumentSummary
	for _, d := range docs {
		if d.Confidence != nil && d.Confidence.Score < vanban.ReviewBelow {
			out = append(out, d)
		}
	}
	return out
}

// printReasons says why each document needs a person's look.
func printReasons(w io.Writer, docs []store.DocumentSummary) {
	for _, d := range docs {
		fmt.Fprintf(w, "\n#%d %s — độ tin cậy %.0f%%:\n", d.ID, docLabel(d), 100*d.Confidence.Score)
		for _, r := range d.Confidence.Reasons {
			fmt.Fprintf(w, "  - %s\n", r)
		}
	}
}

// docNumber is the reference, or why there is none.
func docNumber(d store.DocumentSummary) string {
	switch {
	case d.Reference != "":
		return d.Reference
	case d.Status == vanban.ReadFailed:
		return "(lỗi)"
	case d.SupersededBy != 0:
		return fmt.Sprintf("(dự thảo → #%d)", d.SupersededBy)
	}
	return "(chưa số)"
}

// docContent says what the document holds, or why it could not be read.
func docContent(d store.DocumentSummary) string {
	if d.Status == vanban.ReadFailed {
		return "lỗi: " + d.Reason
	}
	var parts []string
	if d.Tasks > 0 {
		parts = append(parts, fmt.Sprintf("%d nhiệm vụ", d.Tasks))
	}
	if d.Items > 0 {
		parts = append(parts, fmt.Sprintf("%d mục báo cáo", d.Items))
	}
	if d.Reason != "" {
		parts = append(parts, "bản mới nhất lỗi: "+d.Reason)
	}
	return strings.Join(parts, ", ")
}
