package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"vanban"

	"vanban/store"
)

func init() {
	register("docs", "liệt kê các văn bản trong kho", runDocs)
}

func runDocs(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("docs", flag.ContinueOnError)
	data := dataFlag(fs)
	typ := fs.String("type", "", "chỉ loại văn bản này: plan, report, … hoặc tên tiếng Việt (\"Kế hoạch\")")
	issuer := fs.String("issuer", "", "chỉ văn bản của cơ quan có tên chứa chuỗi này")
	all := fs.Bool("all", false, "kể cả tệp không đọc được")
	asJSON := fs.Bool("json", false, "in dạng JSON")
	if err := parseCmd(fs, args, "docs [--data DIR] [--type plan|report|…] [--issuer TÊN] [--all] [--json]"); err != nil {
		return err
	}
	db, err := openStore(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	f := store.Filter{Type: *typ, Issuer: *issuer, Failed: *all}
	if t, ok := docTypeNames[strings.ToLower(*typ)]; ok {
		f.Type = t
	}
	docs, err := db.Documents(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		if docs == nil {
			docs = []store.DocumentSummary{}
		}
		return jsonOut(os.Stdout, docs)
	}
	if len(docs) == 0 {
		fmt.Println("Kho chưa có văn bản nào. Dùng `vanban ingest THƯ_MỤC` để nhập.")
		return nil
	}
	t := textTable{
		header: []string{"ID", "Số, ký hiệu", "Loại", "Ngày", "Cơ quan ban hành", "Trích yếu", "Tệp", "Nội dung"},
		widths: []int{0, 0, 0, 0, 32, 48, 0, 0},
	}
	for _, d := range docs {
		t.add(fmt.Sprint(d.ID), docNumber(d), d.DocType, d.Date.VN(), d.Issuer, d.Title, strings.ToUpper(strings.Join(d.Formats, "+")), docContent(d))
	}
	t.write(os.Stdout, false)
	fmt.Printf("\n%d văn bản.\n", len(docs))
	return nil
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
