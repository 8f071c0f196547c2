//go:build sqlite_fts5

package index

import (
	"database/sql"
	"strings"
	"testing"
	"unicode"

	_ "github.com/mattn/go-sqlite3"
)

// heldoutFTS5 scores the baseline the issue compares against: a plain
// SQLite FTS5 table (tokenizer unicode61 remove_diacritics 2, ranked by
// bm25) holding the same entries as the index, one per task row and one
// per document, queried with any of the query's tokens. It asserts
// nothing; its figures are printed next to vanban's.
func heldoutFTS5(t *testing.T, set heldoutSet, docs []heldoutDoc) (heldoutScores, map[string]heldoutScores, bool) {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	if _, err := db.Exec(`CREATE VIRTUAL TABLE e USING fts5(kind UNINDEXED, alias UNINDEXED,
		ref, title, section, task, output, lead, coord, timeframe, note, body,
		tokenize = 'unicode61 remove_diacritics 2')`); err != nil {
		t.Fatal(err)
	}
	const insert = `INSERT INTO e VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	for _, d := range docs {
		m := d.doc.Meta
		if _, err := db.Exec(insert, itemDoc, d.alias, m.Reference, m.Title, "", "", "", "", "", "", "", d.doc.Text); err != nil {
			t.Fatal(err)
		}
		for _, r := range d.doc.Rows {
			if _, err := db.Exec(insert, itemTask, d.alias, m.Reference, "", r.Section.Title, r.Task, r.ExpectedOutput,
				r.Lead, r.Coordinators, r.Timeframe, r.Note, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	run := func(q string) ([]heldoutHit, bool) {
		match := ftsMatch(q)
		if match == "" {
			return nil, false
		}
		rows, err := db.Query(`SELECT kind, alias, task FROM e WHERE e MATCH ? ORDER BY bm25(e) LIMIT 10`, match)
		if err != nil {
			t.Fatalf("fts5 %q (%s): %v", q, match, err)
		}
		defer rows.Close()
		var hits []heldoutHit
		for rows.Next() {
			var h heldoutHit
			if err := rows.Scan(&h.kind, &h.alias, &h.text); err != nil {
				t.Fatal(err)
			}
			h.text = foldKey(h.text)
			hits = append(hits, h)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return hits, false
	}
	all, by := scoreHeldout(t, "fts5", set, run)
	return all, by, true
}

// ftsMatch turns a typed query into an FTS5 expression: each token the
// unicode61 tokenizer would see, quoted, joined by OR, as a plain bm25
// search over syllables does.
func ftsMatch(q string) string {
	tokens := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, tok := range tokens {
		tokens[i] = `"` + tok + `"`
	}
	return strings.Join(tokens, " OR ")
}
