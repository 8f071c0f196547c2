package postgres

import (
	"context"
	"fmt"

	"vanban"
)

// Backup is not the way to copy a PostgreSQL store: pg_dump is, and a
// dump holds the kept copies too (table blobs).
func (s *DB) Backup(ctx context.Context, dir string) (BackupStats, error) {
	return BackupStats{}, vanban.Errorf(vanban.EInvalid,
		"kho PostgreSQL không sao lưu bằng vanban backup: hãy dùng pg_dump (bản lưu các tệp nằm trong cơ sở dữ liệu): pg_dump %s", redact(s.url))
}

// Check verifies the store: the schema version, every file's copy in the
// database with the hash it is stored under, and the rows that point at
// other rows (PostgreSQL enforces the foreign keys; the checks here are
// those it does not: a document's primary file being its own).
func (s *DB) Check(ctx context.Context) ([]Problem, error) {
	var out []Problem
	v, err := s.schemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	if v != SchemaVersion() {
		out = append(out, Problem{What: "database", Detail: fmt.Sprintf("phiên bản lược đồ %d, chương trình cần %d", v, SchemaVersion())})
	}
	rows, err := s.db.QueryContext(ctx, `SELECT f.name, f.stored, b.sha256 IS NULL, COALESCE(encode(sha256(b.data), 'hex') <> f.sha256, false)
		FROM files f LEFT JOIN blobs b ON b.sha256 = f.sha256 ORDER BY f.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var name, rel string
		var missing, changed bool
		if err := rows.Scan(&name, &rel, &missing, &changed); err != nil {
			return nil, err
		}
		switch {
		case missing:
			out = append(out, Problem{What: "file", Detail: fmt.Sprintf("thiếu bản lưu của %s (%s)", name, rel)})
		case changed:
			out = append(out, Problem{What: "file", Detail: fmt.Sprintf("bản lưu của %s đã bị thay đổi (%s)", name, rel)})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	bad, err := s.db.QueryContext(ctx, `SELECT d.id FROM documents d JOIN files f ON f.id = d.file_id WHERE f.document_id <> d.id ORDER BY d.id`)
	if err != nil {
		return nil, err
	}
	defer bad.Close()
	for bad.Next() {
		var id int64
		if err := bad.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, Problem{What: "database", Detail: fmt.Sprintf("văn bản %d trỏ tới tệp của văn bản khác", id)})
	}
	return out, bad.Err()
}
