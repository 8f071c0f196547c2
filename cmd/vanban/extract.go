package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"vanban/app"
	"vanban/ingest"
	"vanban/store"

	"vanban"
)

func init() {
	register(&command{
		name: "extract", summary: "đọc một tệp kế hoạch/báo cáo (DOCX, PDF) và in kết quả (JSON, hoặc --text)",
		usage: "extract [--text] [--data THƯ_MỤC] TỆP…",
		help: `Đọc tệp (DOCX, PDF) như khi nhập vào kho, nhưng không lưu: in thông tin văn bản, các
dòng nhiệm vụ của phụ lục, các mục báo cáo, dạng JSON (mặc định) hoặc cho người đọc
(--text). Dùng bảng tên cơ quan của thư mục dữ liệu nếu có.

ví dụ:
  vanban extract ke-hoach-58.docx
  vanban extract --text bao-cao.pdf`,
		flags: extractFlags,
	})
}

func extractFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	asText := fs.Bool("text", false, "in cho người đọc: thông tin văn bản, rồi bảng phụ lục")
	return func(ctx context.Context, c *cli, args []string) error {
		if len(args) == 0 {
			return usagef("cần ít nhất một tệp")
		}
		// The alias table of the data folder, when there is one; no
		// store is needed.
		dir := app.DataDir(*data)
		if !store.Exists(dir) {
			dir = ""
		}
		for _, path := range args {
			doc, err := app.Extract(ctx, path, dir)
			if err != nil {
				return readError(path, err)
			}
			if *asText {
				printDocument(c.stdout, doc)
				continue
			}
			enc := json.NewEncoder(c.stdout)
			enc.SetIndent("", " ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(doc); err != nil {
				return err
			}
		}
		return nil
	}
}

// readError says in Vietnamese why a file could not be read.
func readError(path string, err error) error {
	f := ingest.Classify(err, ingest.Format(path))
	return vanban.Wrap(vanban.EUnreadable, err, "%s: %s", path, f.Reason)
}

// printDocument writes a document for a person: its metadata, then its
// task rows as an aligned table.
func printDocument(w io.Writer, doc *vanban.Document) {
	m := doc.Meta
	pages := ""
	if doc.Pages > 0 {
		pages = fmt.Sprintf(", %d trang", doc.Pages)
	}
	number := m.Reference
	if number == "" && m.Symbol != "" {
		number = "(chưa có số)/" + m.Symbol
	}
	for _, f := range [][2]string{
		{"Tệp", doc.File + " (" + doc.Format + pages + ")"},
		{"Loại", m.DocType}, {"Số", number}, {"Cơ quan", m.Issuer},
		{"Nơi, ngày", strings.Trim(m.Place+", "+m.Date.VN(), ", ")},
		{"Trích yếu", m.Title}, {"Người ký", strings.TrimSpace(m.SignerTitle + " " + m.Signer)},
		{"Viện dẫn", strings.Join(m.Cites, ", ")},
	} {
		if f[1] != "" {
			fmt.Fprintf(w, "%-11s %s\n", f[0]+":", f[1])
		}
	}
	if len(doc.Rows) > 0 {
		fmt.Fprintf(w, "\nPhụ lục: %d nhiệm vụ\n", len(doc.Rows))
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "STT\tNội dung\tChủ trì\tPhối hợp\tThời gian")
		section := ""
		for _, r := range doc.Rows {
			if s := strings.TrimSpace(r.Section.Numeral + " " + r.Section.Title); s != section {
				section = s
				fmt.Fprintf(tw, "\t%s\t\t\t\n", clip(s, 60))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.STT, clip(r.Task, 50), clip(r.Lead, 30), clip(r.Coordinators, 30), clip(r.Timeframe, 30))
		}
		tw.Flush()
	}
	if len(doc.ReportItems) > 0 {
		fmt.Fprintf(w, "\nBáo cáo: %d mục\n", len(doc.ReportItems))
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "STT\tNhiệm vụ\tVai trò\tTiến độ\tKết quả")
		for _, it := range doc.ReportItems {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", it.STT, clip(it.Task, 50), it.Role, clip(it.StatusText, 30), clip(it.Result, 50))
		}
		tw.Flush()
	}
	for _, warn := range doc.Warnings {
		fmt.Fprintf(w, "Cảnh báo: %s\n", warn)
	}
}

// clip shortens s to n runes for a table cell.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
