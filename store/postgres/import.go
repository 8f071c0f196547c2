package postgres

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"

	"vanban"
	"vanban/store"
)

// ImportStats says what Import copied.
type ImportStats struct {
	Rows  map[string]int `json:"rows"`  // by table
	Files int            `json:"files"` // kept copies
	Bytes int64          `json:"bytes"`
}

// copyOrder lists package store's tables so that rows come after the
// rows they point at (documents and files point at each other: those
// constraints are deferred to the commit).
var copyOrder = []string{
	"documents", "doc_text", "files", "locations", "sections", "tasks", "parties", "task_parties",
	"milestones", "targets", "report_items", "links", "match_decisions", "status_decisions", "corrections", "rejections", "changes",
}

// serials are the tables whose ids come from a sequence, and its column.
var serials = map[string]string{
	"documents": "id", "files": "id", "sections": "id", "tasks": "id", "parties": "id", "links": "id", "corrections": "id", "changes": "seq",
}

// Import copies a SQLite store into this empty database in one
// transaction: every row of every table with its id (decisions name task
// ids, links document ids), the revision counter and the change log, and
// each kept copy, checked against its sha256. Both must be at the same
// schema version. A failure leaves the database as it was.
func (s *DB) Import(ctx context.Context, src *store.DB) (ImportStats, error) {
	st := ImportStats{Rows: map[string]int{}}
	if v, err := s.schemaVersion(ctx); err != nil {
		return st, err
	} else if v != store.SchemaVersion() {
		return st, fmt.Errorf("schema versions differ: SQLite %d, PostgreSQL %d", store.SchemaVersion(), v)
	}
	err := s.write(ctx, func(t *tx) error {
		var n int
		if err := t.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM rejections)`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return vanban.Errorf(vanban.EConflict, "kho PostgreSQL đã có dữ liệu; chỉ chuyển được vào một kho trống")
		}
		if _, err := t.ExecContext(ctx, `SET CONSTRAINTS ALL DEFERRED`); err != nil {
			return err
		}
		for _, table := range copyOrder {
			rows, err := copyTable(ctx, src.SQL(), t, table)
			if err != nil {
				return fmt.Errorf("copy %s: %w", table, err)
			}
			st.Rows[table] = rows
		}
		if err := copyCounters(ctx, src.SQL(), t); err != nil {
			return err
		}
		if err := resetSequences(ctx, src.SQL(), t); err != nil {
			return err
		}
		if err := copyBlobs(ctx, src, t, &st); err != nil {
			return err
		}
		_, err := t.ExecContext(ctx, `SELECT pg_notify(?, 'import')`, notifyChannel)
		return err
	})
	return st, err
}

// copyTable copies every row of table; the column names are SQLite's
// (the same in both schemas), never user input.
func copyTable(ctx context.Context, from *sql.DB, to *tx, table string) (int, error) {
	rows, err := from.QueryContext(ctx, `SELECT * FROM `+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	q := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
	n := 0
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok { // no table holds binary data
				vals[i] = string(b)
			}
		}
		if _, err := to.ExecContext(ctx, q, vals...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

func copyCounters(ctx context.Context, from *sql.DB, to *tx) error {
	rows, err := from.QueryContext(ctx, `SELECT name, value FROM counters`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var value int64
		if err := rows.Scan(&name, &value); err != nil {
			return err
		}
		if _, err := to.ExecContext(ctx, `INSERT INTO counters (name, value) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value); err != nil {
			return err
		}
	}
	return rows.Err()
}

// resetSequences moves each sequence past the ids copied and past the
// ids SQLite's AUTOINCREMENT handed out to rows since deleted, so that a
// new row never takes an id an old one had (a decision names a task id).
func resetSequences(ctx context.Context, from *sql.DB, t *tx) error {
	used := map[string]int64{}
	rows, err := from.QueryContext(ctx, `SELECT name, seq FROM sqlite_sequence`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var name string
		var seq int64
		if err := rows.Scan(&name, &seq); err != nil {
			rows.Close()
			return err
		}
		used[name] = seq
	}
	rows.Close()
	for table, col := range serials {
		// The names are this package's constants.
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'), GREATEST(COALESCE((SELECT max(%s) FROM %s), 0), ?) + 1, false)`,
			table, col, col, table)
		if _, err := t.ExecContext(ctx, q, used[table]); err != nil {
			return fmt.Errorf("sequence of %s: %w", table, err)
		}
	}
	return nil
}

// copyBlobs stores every kept copy the files table names.
func copyBlobs(ctx context.Context, src *store.DB, t *tx, st *ImportStats) error {
	rows, err := src.SQL().QueryContext(ctx, `SELECT sha256, stored FROM files ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sha, rel string
		if err := rows.Scan(&sha, &rel); err != nil {
			return err
		}
		data, err := os.ReadFile(src.BlobPath(rel))
		if err != nil {
			return fmt.Errorf("kept copy %s: %w", rel, err)
		}
		if got, _, _ := store.Hash(bytes.NewReader(data)); got != sha {
			return fmt.Errorf("kept copy %s does not match its sha256", rel)
		}
		if _, err := t.ExecContext(ctx, `INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
			sha, int64(len(data)), data); err != nil {
			return err
		}
		st.Files++
		st.Bytes += int64(len(data))
	}
	return rows.Err()
}
