package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"vanban"
)

func init() {
	register("extract", "đọc một tệp kế hoạch/báo cáo (DOCX, PDF) và in kết quả (JSON, hoặc --text)", runExtract)
}

func runExtract(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	asText := fs.Bool("text", false, "print for a person: metadata, then the appendix as a table")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("usage: vanban extract [--text] FILE…")
	}
	for _, path := range fs.Args() {
		doc, err := extractFile(ctx, path)
		if err != nil {
			return err
		}
		if *asText {
			printDocument(os.Stdout, doc)
			continue
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", " ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			return err
		}
	}
	return nil
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
