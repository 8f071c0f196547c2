package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"vanban/app"
	"vanban/index"
)

func init() {
	register(&command{
		name: "search", summary: "tìm nhiệm vụ và văn bản: từ, \"cụm từ\", -loại trừ, chu-tri:, han<…",
		usage: "search [--json] [--limit 20] [--offset 0] [--any] [--data THƯ_MỤC] TRUY_VẤN…",
		help: `Tìm các dòng nhiệm vụ và văn bản. TRUY_VẤN có thể gồm từ (có dấu hoặc không dấu),
"cụm từ chính xác", -từ-loại-trừ và bộ lọc:

  chu-tri:"Sở Tài chính"   đơn vị chủ trì       phoi-hop:…       đơn vị phối hợp
  van-ban:58/KH-UBND       văn bản              loai:"Kế hoạch"  loại văn bản
  nam:2026                 năm văn bản          lap:hang-nam     lặp lại
  han<30/06/2026           thời hạn (cả han<=, han>, han>=, han:2026-06)
  trang-thai:hoan-thanh    tình trạng theo báo cáo

ví dụ:
  vanban search khởi nghiệp sáng tạo
  vanban search chuyen doi so chu-tri:"Sở Khoa học và Công nghệ"
  vanban search "hạ tầng số" han<31/12/2026 --json`,
		flags: searchFlags,
		words: true,
	})
}

func searchFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	asJSON := fs.Bool("json", false, "in kết quả dạng JSON: mã, điểm, trường, đoạn khớp, thống kê")
	limit := fs.Int("limit", 20, "số kết quả in ra")
	offset := fs.Int("offset", 0, "số kết quả bỏ qua")
	anyWord := fs.Bool("any", false, "xếp hạng cả dòng chỉ có một vài từ (cho câu hỏi dài)")
	return func(ctx context.Context, c *cli, args []string) error {
		q := strings.Join(args, " ")
		if strings.TrimSpace(q) == "" {
			return usagef("thiếu truy vấn")
		}
		a, err := openApp(ctx, *data, app.WithIndex)
		if err != nil {
			return err
		}
		defer a.Close()
		res, err := a.Search(ctx, app.SearchRequest{Query: q, Limit: *limit, Offset: *offset, Any: *anyWord})
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(c.stdout)
			enc.SetIndent("", " ")
			enc.SetEscapeHTML(false)
			return enc.Encode(res)
		}
		printResult(c.stdout, res, *offset, c.tty)
		return nil
	}
}

// printResult writes hits for a person: reference and row, the text with
// its matches marked, lead unit and deadline; then the facets.
func printResult(w io.Writer, res *app.SearchResult, offset int, color bool) {
	open, close := "«", "»"
	if color {
		open, close = "\x1b[1;33m", "\x1b[0m"
	}
	if res.Approximate {
		fmt.Fprintln(w, index.FuzzyNotice)
	}
	if res.Total == 0 {
		fmt.Fprintln(w, "Không tìm thấy kết quả.")
		return
	}
	fmt.Fprintf(w, "%d kết quả (%s)\n\n", res.Total, res.Took.Round(100_000))
	for i, h := range res.Hits {
		fmt.Fprintf(w, "%d. %s\n", offset+i+1, hitHead(h))
		frag := h.Text
		if len(frag.Marks) == 0 && len(h.Fragments) > 0 {
			frag = h.Fragments[0]
		}
		fmt.Fprintf(w, "   %s\n", mark(frag, open, close))
		var meta []string
		if h.Lead != "" {
			meta = append(meta, "Chủ trì: "+h.Lead)
		}
		switch {
		case h.DueLabel != "":
			meta = append(meta, "Hạn: "+h.DueLabel)
		case !h.Due.IsZero():
			meta = append(meta, "Hạn: "+h.Due.VN())
		}
		if h.Kind == "doc" && !h.DocDate.IsZero() {
			meta = append(meta, "Ngày: "+h.DocDate.VN())
		}
		if len(meta) > 0 {
			fmt.Fprintf(w, "   %s\n", strings.Join(meta, " · "))
		}
	}
	printFacets(w, res.Facets)
}

// hitHead names a hit: its document, then its row.
func hitHead(h app.Hit) string {
	head := h.Reference
	if head == "" {
		head = strings.TrimSpace(h.DocType + " chưa số (mã " + fmt.Sprint(h.DocID) + ")")
	}
	switch {
	case h.Kind == "doc":
		head += " (văn bản)"
	case h.STT != "":
		head += " — dòng " + h.STT
	}
	return head
}

// mark writes a fragment with its matches between open and close.
func mark(f app.Fragment, open, close string) string {
	spans := make([]index.Span, len(f.Marks))
	for i, m := range f.Marks {
		spans[i] = index.Span{Start: m.Start, End: m.End}
	}
	return index.Mark(f.Text, spans, open, close)
}

func printFacets(w io.Writer, facets []app.Facet) {
	fmt.Fprintln(w)
	for _, f := range facets {
		if len(f.Terms) == 0 {
			continue
		}
		var terms []string
		for _, t := range f.Terms {
			terms = append(terms, fmt.Sprintf("%s (%d)", t.Term, t.Count))
		}
		fmt.Fprintf(w, "%s [%s:]: %s\n", f.Label, f.Name, strings.Join(terms, ", "))
	}
}
