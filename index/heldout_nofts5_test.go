//go:build !sqlite_fts5

package index

import "testing"

// heldoutFTS5 needs go-sqlite3's FTS5, built only with -tags sqlite_fts5.
func heldoutFTS5(t *testing.T, _ heldoutSet, _ []heldoutDoc) (heldoutScores, map[string]heldoutScores, bool) {
	t.Log("SQLite FTS5 baseline: not run (build with -tags sqlite_fts5)")
	return heldoutScores{}, nil, false
}
