package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"vanban"
	"vanban/index"
	"vanban/store"
)

func init() {
	register("search", "tìm nhiệm vụ và văn bản: từ, \"cụm từ\", -loại trừ, chu-tri:, han<…", runSearch)
}

const searchUsage = `usage: vanban search [flags] QUERY…

Finds task rows and documents. QUERY may mix words (with or without
diacritics), "exact phrases", -exclusions and filters:

  chu-tri:"Sở Tài chính"   lead unit        phoi-hop:…      coordinating unit
  van-ban:58/KH-UBND       document         loai:"Kế hoạch" document type
  nam:2026                 document year    lap:hang-nam    recurrence
  han<2026-06-30           deadline (also han<=, han>, han>=, han:2026-06)

flags:
`

func runSearch(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	data := fs.String("data", searchDataDir(), "data folder (or $VANBAN_DATA)")
	asJSON := fs.Bool("json", false, "print the result as JSON: ids, scores, fields, highlights, facets")
	limit := fs.Int("limit", 20, "hits to print")
	offset := fs.Int("offset", 0, "hits to skip")
	anyWord := fs.Bool("any", false, "rank rows having any of the words (for long questions)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), searchUsage)
		fs.PrintDefaults()
	}
	flags, words := splitSearchArgs(fs, args)
	if err := fs.Parse(flags); err != nil {
		return err
	}
	q := strings.Join(words, " ")
	if strings.TrimSpace(q) == "" {
		fs.Usage()
		return errors.New("thiếu truy vấn")
	}
	ix, db, err := openSearch(ctx, *data, os.Stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	defer ix.Close()
	res, err := ix.Search(ctx, q, index.Options{Limit: *limit, Offset: *offset, Any: *anyWord})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", " ")
		return enc.Encode(res)
	}
	printResult(os.Stdout, res, *offset, isTerminal(os.Stdout))
	return nil
}

// splitSearchArgs separates the flags fs defines, wherever they stand,
// from the words of the query: "vanban search khởi nghiệp --json" works,
// and "-diễn" (an exclusion) stays a word. "--" ends the flags.
func splitSearchArgs(fs *flag.FlagSet, args []string) (flags, words []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return flags, append(words, args[i+1:]...)
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if !strings.HasPrefix(a, "-") || f == nil {
			words = append(words, a)
			continue
		}
		flags = append(flags, a)
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && bf.IsBoolFlag()) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return flags, words
}

// searchDataDir is the default data folder: $VANBAN_DATA, else
// ./vanban-data.
func searchDataDir() string {
	if d := os.Getenv("VANBAN_DATA"); d != "" {
		return d
	}
	return "vanban-data"
}

// searchIndexDir is where the index lives inside the data folder.
func searchIndexDir(data string) string { return filepath.Join(data, "index") }

// openSearch opens the store and the index of a data folder and repairs
// any difference between them (a crash between a store write and its
// index update), telling log what it did.
func openSearch(ctx context.Context, data string, log io.Writer) (*index.Index, *store.DB, error) {
	if _, err := os.Stat(filepath.Join(data, "vanban.db")); err != nil {
		return nil, nil, fmt.Errorf("chưa có dữ liệu trong %s: hãy chạy vanban ingest trước", data)
	}
	db, err := store.Open(data)
	if err != nil {
		return nil, nil, err
	}
	ix, err := index.Open(searchIndexDir(data))
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	st, err := ix.Sync(ctx, newIndexSource(db), nil)
	if err != nil {
		ix.Close()
		db.Close()
		return nil, nil, err
	}
	if st.Added+st.Updated+st.Removed > 0 {
		fmt.Fprintf(log, "chỉ mục đã được cập nhật theo kho dữ liệu: %s\n", st)
	}
	return ix, db, nil
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// printResult writes hits for a person: reference and row, the snippet
// with its matches marked, lead unit and deadline; then the facets.
func printResult(w io.Writer, res *index.Result, offset int, color bool) {
	open, close := "«", "»"
	if color {
		open, close = "\x1b[1;33m", "\x1b[0m"
	}
	if res.Fuzzy {
		fmt.Fprintln(w, index.FuzzyNotice)
	}
	if res.Total == 0 {
		fmt.Fprintln(w, "Không tìm thấy kết quả.")
		return
	}
	fmt.Fprintf(w, "%d kết quả (%s)\n\n", res.Total, res.Took.Round(100_000))
	for i, h := range res.Hits {
		head := h.Ref
		if !h.Numbered {
			head = "văn bản chưa số (mã " + h.Ref + ")"
		}
		switch {
		case h.Kind == "doc":
			head += " (văn bản)"
		case h.STT != "":
			head += " — dòng " + h.STT
		}
		fmt.Fprintf(w, "%d. %s\n", offset+i+1, head)
		fmt.Fprintf(w, "   %s\n", index.Mark(h.Snippet.Text, h.Snippet.Spans, open, close))
		var meta []string
		if h.Fields.Lead != "" {
			meta = append(meta, "Chủ trì: "+h.Fields.Lead)
		}
		if h.Fields.DueLabel != "" {
			meta = append(meta, "Hạn: "+h.Fields.DueLabel)
		}
		if h.Kind == "doc" && h.Fields.Date != "" {
			date := h.Fields.Date
			if d, err := vanban.ParseDate(date); err == nil {
				date = d.VN()
			}
			meta = append(meta, "Ngày: "+date)
		}
		if len(meta) > 0 {
			fmt.Fprintf(w, "   %s\n", strings.Join(meta, " · "))
		}
	}
	printFacets(w, res.Facets)
}

var facetLabels = map[string]string{
	index.FilterLead: "Chủ trì", index.FilterDocument: "Văn bản", index.FilterType: "Loại",
	index.FilterYear: "Năm", index.FilterRecur: "Lặp lại",
}

func printFacets(w io.Writer, facets []index.Facet) {
	fmt.Fprintln(w)
	for _, f := range facets {
		if len(f.Terms) == 0 {
			continue
		}
		var terms []string
		for _, t := range f.Terms {
			terms = append(terms, fmt.Sprintf("%s (%d)", t.Term, t.Count))
		}
		fmt.Fprintf(w, "%s [%s:]: %s\n", facetLabels[f.Name], f.Name, strings.Join(terms, ", "))
	}
}
