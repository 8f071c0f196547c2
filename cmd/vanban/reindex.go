package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"vanban/index"
	"vanban/store"
)

func init() {
	register("reindex", "dựng lại chỉ mục tìm kiếm từ kho dữ liệu (SQLite)", runReindex)
}

// runReindex rebuilds the search index from the store. The new index is
// built beside the old one, which stays usable until the new one takes
// its place.
func runReindex(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	data := fs.String("data", searchDataDir(), "data folder (or $VANBAN_DATA)")
	quiet := fs.Bool("q", false, "do not show progress")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("reindex: unexpected argument %q", fs.Arg(0))
	}
	if _, err := os.Stat(filepath.Join(*data, "vanban.db")); err != nil {
		return fmt.Errorf("chưa có dữ liệu trong %s: hãy chạy vanban ingest trước", *data)
	}
	db, err := store.Open(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	progress := func(done, total int) {
		if !*quiet && (done == total || done%50 == 0) {
			fmt.Fprintf(os.Stderr, "\rđã lập chỉ mục %d/%d văn bản", done, total)
		}
	}
	st, err := index.Rebuild(ctx, searchIndexDir(*data), newIndexSource(db), progress)
	if !*quiet {
		fmt.Fprintln(os.Stderr)
	}
	if err != nil {
		return err
	}
	ix, err := index.Open(searchIndexDir(*data))
	if err != nil {
		return err
	}
	defer ix.Close()
	n, err := ix.Count()
	if err != nil {
		return err
	}
	fmt.Printf("đã dựng lại chỉ mục: %d văn bản, %d mục trong %s\n", st.Added, n, time.Since(start).Round(time.Millisecond))
	return nil
}
