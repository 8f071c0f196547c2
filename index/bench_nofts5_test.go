//go:build !sqlite_fts5

package index

import (
	"fmt"
	"testing"
)

// compareFTS5 needs go-sqlite3's FTS5, built only with -tags sqlite_fts5
// (see bench/search.sh).
func compareFTS5(*testing.B, latencies) {
	fmt.Println("SQLite FTS5: not compared (build with -tags sqlite_fts5)")
}

func closeFTS5() {}
