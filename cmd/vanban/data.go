package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"vanban"
	"vanban/index"
	"vanban/ingest"
	"vanban/normalize"
	"vanban/store"
)

// defaultData is the data folder when neither --data nor VANBAN_DATA
// names one.
const defaultData = "./vanban-data"

// dataFlag adds --data to fs: the data folder, from VANBAN_DATA by default.
func dataFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("VANBAN_DATA")
	if def == "" {
		def = defaultData
	}
	return fs.String("data", def, "thư mục dữ liệu (mặc định $VANBAN_DATA hoặc "+defaultData+")")
}

// openStore opens the store in the data folder.
func openStore(dir string) (*store.DB, error) {
	db, err := store.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("mở thư mục dữ liệu %s: %w", dir, err)
	}
	return db, nil
}

// extractor returns the extractor ingestion uses for the data folder
// dataDir: extraction in a child process with time and memory limits, then
// normalization with the folder's alias table. A malformed aliases.txt is
// reported and the built-in table used, so one typo does not stop intake.
func extractor(dataDir string) ingest.Extractor {
	aliases, err := loadAliases(dataDir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "vanban: bảng tên cơ quan lỗi, dùng bảng mặc định: %v\n", err)
		aliases = normalize.DefaultAliases()
	}
	return documentReader(aliases)
}

// indexHooks keeps the search index in step with what p stores: right
// after each transaction commits, the index catches up with the store in
// one batch (the stored document, and a draft it supersedes). It returns a function that closes the index. When
// the index cannot be opened (a running `vanban serve` holds it) ingestion
// goes on without it; the index's next start finds the mismatch and
// repairs it (index.Sync).
func indexHooks(p *ingest.Pipeline, db *store.DB) (closeIndex func()) {
	ix, err := index.Open(searchIndexDir(db.Dir()))
	if err != nil {
		fmt.Fprintf(os.Stderr, "vanban: chưa cập nhật được chỉ mục tìm kiếm (%v); lần tìm kiếm sau sẽ tự cập nhật\n", err)
		return func() {}
	}
	warn := func(id int64, err error) {
		if err != nil {
			fmt.Fprintf(os.Stderr, "vanban: chỉ mục văn bản %d: %v (lần tìm kiếm sau sẽ tự sửa)\n", id, err)
		}
	}
	src := newIndexSource(db)
	p.Hooks = ingest.Hooks{
		// Sync rather than Refresh: storing an issued plan also takes its
		// superseded draft out of search, and storing or removing a report
		// changes the statuses of the plan it cites.
		OnStored: func(ctx context.Context, id int64) {
			_, err := ix.Sync(ctx, src, nil)
			warn(id, err)
		},
		OnRemoved: func(ctx context.Context, id int64) {
			_, err := ix.Sync(ctx, src, nil)
			warn(id, err)
		},
	}
	return func() { ix.Close() }
}

// extractTimeout bounds one file's extraction.
const extractTimeout = 2 * time.Minute

// newPipeline returns the ingestion pipeline into db.
func newPipeline(db *store.DB) *ingest.Pipeline {
	return &ingest.Pipeline{Store: db, Extract: extractor(db.Dir()), Timeout: extractTimeout}
}

// ttyOut reports whether f is a terminal (not a pipe or a file).
func ttyOut(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// jsonOut writes v as indented JSON.
func jsonOut(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// parseCmd parses args, printing usage in Vietnamese on -h.
func parseCmd(fs *flag.FlagSet, args []string, usage string) error {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "cách dùng: vanban %s\n\n", usage)
		fs.PrintDefaults()
	}
	return fs.Parse(args)
}

// docTypeNames maps the short English names a user may type to the types.
var docTypeNames = map[string]string{
	"plan": vanban.TypePlan, "report": vanban.TypeReport, "decision": vanban.TypeDecision,
	"letter": vanban.TypeLetter, "notice": vanban.TypeNotice, "proposal": vanban.TypeProposal,
}

// docLabel names a document for a user: "Kế hoạch 58/KH-UBND", or its
// file name when it has no reference.
func docLabel(s store.DocumentSummary) string {
	typ := s.DocType
	if typ == "" {
		typ = "Văn bản"
	}
	switch {
	case s.Reference != "":
		return typ + " " + s.Reference
	case s.Status == vanban.ReadFailed:
		return s.FileName
	}
	return typ + " (chưa số) " + s.FileName
}

// textTable prints rows as aligned columns. A row with a single cell is a
// heading that spans the table. Cells are cut to width runes (0: no
// limit) unless full.
type textTable struct {
	header []string
	widths []int
	rows   [][]string
}

func (t *textTable) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *textTable) write(w io.Writer, full bool) {
	cols := make([]int, len(t.header))
	cut := func(i int, s string) string {
		s = strings.Join(strings.Fields(s), " ")
		if !full && i < len(t.widths) && t.widths[i] > 0 && utf8.RuneCountInString(s) > t.widths[i] {
			r := []rune(s)
			s = string(r[:t.widths[i]-1]) + "…"
		}
		return s
	}
	all := append([][]string{t.header}, t.rows...)
	for _, r := range all {
		if len(r) == 1 && len(t.header) > 1 {
			continue
		}
		for i, c := range r {
			if i < len(cols) {
				cols[i] = max(cols[i], utf8.RuneCountInString(cut(i, c)))
			}
		}
	}
	for _, r := range all {
		if len(r) == 1 && len(t.header) > 1 {
			fmt.Fprintln(w, r[0])
			continue
		}
		var b strings.Builder
		for i, c := range r {
			c = cut(i, c)
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", cols[i]-utf8.RuneCountInString(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
