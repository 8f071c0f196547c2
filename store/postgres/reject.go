package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"vanban"
)

// Reject records a refused file, counting the attempts at the same path.
func (s *DB) Reject(ctx context.Context, r Rejection) error {
	return s.write(ctx, func(tx *tx) error {
		var ns int64
		if !r.ModTime.IsZero() {
			ns = r.ModTime.UnixNano()
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO rejections (path, name, format, size, mtime_ns, error_kind, reason, error, seen_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (path) DO UPDATE SET name = excluded.name, format = excluded.format, size = excluded.size,
				mtime_ns = excluded.mtime_ns, error_kind = excluded.error_kind, reason = excluded.reason,
				error = excluded.error, attempts = rejections.attempts + 1, seen_at = excluded.seen_at`,
			r.Path, r.Name, r.Format, r.Size, ns, r.Kind, r.Reason, r.Error, stamp(s.Now()))
		if err != nil {
			return err
		}
		// The path holds no readable content any more.
		_, err = tx.ExecContext(ctx, `DELETE FROM locations WHERE path = ?`, r.Path)
		return err
	})
}

// rejections lists the refused files, newest first.
func (s *DB) rejections(ctx context.Context) ([]FileInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT path, name, format, size, mtime_ns, error_kind, reason, error, attempts, seen_at
		FROM rejections ORDER BY seen_at DESC, path`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FileInfo
	for rows.Next() {
		f := FileInfo{Status: vanban.ReadFailed}
		var ns int64
		var seen string
		if err := rows.Scan(&f.Path, &f.Name, &f.Format, &f.Size, &ns, &f.ErrorKind, &f.Reason, &f.Error, &f.Attempts, &seen); err != nil {
			return nil, err
		}
		if ns != 0 {
			f.ModTime = time.Unix(0, ns)
		}
		f.IngestedAt = parseStamp(seen)
		out = append(out, f)
	}
	return out, rows.Err()
}

// rejectionAt returns what the store refused at path, as a Location, or
// nil.
func (s *DB) rejectionAt(ctx context.Context, path string) (*Location, error) {
	l := Location{Status: vanban.ReadFailed, Rejected: true}
	var ns int64
	err := s.db.QueryRowContext(ctx, `SELECT size, mtime_ns, error_kind, attempts FROM rejections WHERE path = ?`, path).
		Scan(&l.Size, &ns, &l.ErrorKind, &l.Attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if ns != 0 {
		l.ModTime = time.Unix(0, ns)
	}
	return &l, err
}
